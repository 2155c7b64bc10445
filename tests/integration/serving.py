"""Rebuild a site as `mkdocs serve --dirty` does after each save, in-process; compare it with a clean build."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

HOST = "http://127.0.0.1:8000"
BUILD_TIMESTAMPS = {"sitemap.xml.gz": "gzip header: the time it was written"}
"""Files that differ between two builds of the same sources only by when they were built, and why."""


ROOT = Path(__file__).resolve().parents[2]


def repository_site(folder: Path, timeline: Path) -> Path:
    """The repository's configuration, docs, theme overrides and CONTRIBUTING.md, with a copy of ``timeline``
    as its timeline/; return its mkdocs.yml."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copyfile(ROOT / "CONTRIBUTING.md", folder / "CONTRIBUTING.md")
    shutil.copytree(timeline, folder / "timeline")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - hooks/timeline_site.py", f"  - {ROOT / 'hooks' / 'timeline_site.py'}")
    config = config.replace("watch:\n  - hooks\n  - timeline\n", "watch:\n  - timeline\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


class ServeSession:
    """One ``make serve`` (``mkdocs serve --dirty --no-strict``) process: a site folder rebuilt after every save,
    as the live server does."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self._started = False
        self._config: MkDocsConfig | None = None

    def _load(self) -> MkDocsConfig:
        return _config(self.config_file, self.site_dir)

    def build(self) -> float:
        """Build (the first time) or rebuild after a save, as serve's builder does; return the wall seconds.

        Raises what MkDocs raises when the build fails; the site folder keeps whatever the build left.
        """
        config = self._load()
        if not self._started:
            config.plugins.on_startup(command="serve", dirty=True)
            self._started = True
        self._config = config
        started = time.perf_counter()
        build(config, serve_url=config.site_url, dirty=True)
        return time.perf_counter() - started

    def close(self) -> None:
        if self._config is not None:
            self._config.plugins.on_shutdown()


def clean_build(config_file: Path, site_dir: Path) -> None:
    """A build from scratch of the same sources at the same address, in a process of its own as a user's is:
    MkDocs keeps plugins and hook modules for the life of a process."""
    subprocess.run([sys.executable, __file__, str(config_file), str(site_dir)], check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)


def _clean_build(config_file: Path, site_dir: Path) -> None:
    config = _config(config_file, site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url=config.site_url, dirty=False)
    finally:
        config.plugins.on_shutdown()


def _config(config_file: Path, site_dir: Path) -> MkDocsConfig:
    """The configuration as ``make serve`` loads it (``--no-strict``): its site folder, and its own address as
    the site's."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
    config.site_url = HOST + urlsplit(config.site_url or "/").path
    return config


def differences(built: Path, expected: Path) -> list[str]:
    """Files that are missing, extra or not byte-identical in ``built``, except :data:`BUILD_TIMESTAMPS`."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"missing: {prefix}{name}" for name in comparison.right_only)
        found.extend(f"extra: {prefix}{name}" for name in comparison.left_only)
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files,
                                               shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in mismatch + errors
                     if f"{prefix}{name}" not in BUILD_TIMESTAMPS)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")
    walk(filecmp.dircmp(built, expected), "")
    return sorted(found)


if __name__ == "__main__":
    _clean_build(Path(sys.argv[1]), Path(sys.argv[2]))
