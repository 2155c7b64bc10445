"""Shared fixtures: paths of the repository and of the small fixture timeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TINY = FIXTURES / "tiny"


@pytest.fixture
def tiny_timeline(tmp_path: Path) -> Path:
    """A writable copy of the small fixture timeline."""
    target = tmp_path / "timeline"
    shutil.copytree(TINY, target)
    return target


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build_with_repository_config(site_dir: Path, **overrides) -> Path:
    """Build strictly with the repository's mkdocs.yml, theme overrides and CSS; return ``site_dir``."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir
