"""Build real MkDocs sites in temporary folders, in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT

CONFIG = """\
site_name: Test timeline
repo_url: https://github.com/example/timeline
edit_uri: edit/main/docs/
strict: true
theme:
  name: material
  font: false
hooks:
  - {hook}
plugins:
  - search
markdown_extensions: [attr_list, md_in_html, tables, toc]
validation:
  nav: {{omitted_files: warn, not_found: warn, absolute_links: warn}}
  links: {{not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}}
"""


def make_site(folder: Path, timeline: Path) -> Path:
    """Lay out a minimal site whose data is a copy of ``timeline``; return its mkdocs.yml."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    if timeline != folder / "timeline":
        shutil.copytree(timeline, folder / "timeline")
    config = folder / "mkdocs.yml"
    config.write_text(CONFIG.format(hook=ROOT / "hooks" / "timeline_site.py"), encoding="utf-8")
    return config


def build_site(config_file: Path) -> Path:
    """Build strictly; return the site folder. Raises MkDocs' exceptions on failure."""
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
