"""A rebuild that reuses the last build's pages gives exactly what a build from scratch gives (SiteMaker).

Edits of every kind, one after the other, on a copy of the realistic fixture:
after each, the kept-and-remade files are compared with a fresh build's, file by file.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from chronicle.catalog import TimelineLoader
from chronicle.errors import TimelineError
from chronicle.pages import SiteMaker, build_site
from chronicle.site import SiteOptions
from conftest import FIXTURES

OPTIONS = SiteOptions(repo_url="https://github.com/example/timeline", site_name="Test timeline",
                      site_url="https://example.org/timeline/")


def _sub(pattern: str, replacement: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert count, f"{pattern!r} not found"
        return changed
    return edit


EVENT_EDITS: list[tuple[str, Callable[[str], str]]] = [
    ("title", _sub(r"^title: (.*)$", r"title: \1, officials say")),
    ("status", _sub(r"^status: \w+$", "status: disputed")),
    ("summary", _sub(r"^summary: (>-\n  )?", r"summary: \1Reportedly, ")),
    ("date", _sub(r"^date: (\d{4})", lambda m: f"date: {int(m.group(1)) - 1}")),  # type: ignore[arg-type]
    ("tag", _sub(r"^tags: \[", "tags: [added-tag, ")),
    ("source title", _sub(r"^(  - id: \w+\n    title: )(.*)$", r"\1\2 (updated)")),
    ("role", _sub(r"^(    role: )perpetrator$", r"\1party")),
]


def _events(timeline: Path) -> list[Path]:
    return sorted(timeline.glob("events/*/*.yaml"))


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "realistic", tmp_path / "timeline")
    return tmp_path / "timeline"


def _check(loader: TimelineLoader, maker: SiteMaker, timeline: Path, step: str) -> int:
    """Rebuild with ``maker`` and compare with a fresh build; return how many results were made again."""
    loaded = loader.load(timeline, "timeline")
    kept = {f.path: f.content for f in maker.build(loaded, OPTIONS)}
    fresh = {f.path: f.content for f in build_site(TimelineLoader().load(timeline, "timeline"), OPTIONS)}
    assert kept.keys() == fresh.keys(), step
    assert [path for path in fresh if kept[path] != fresh[path]] == [], step
    return maker.reuse.made


def test_every_kind_of_edit_gives_what_a_fresh_build_gives(timeline):
    loader, maker = TimelineLoader(), SiteMaker()
    everything = _check(loader, maker, timeline, "first build")
    assert _check(loader, maker, timeline, "no edit") == 0
    applied = 0
    for number, path in enumerate(_events(timeline)):
        for name, edit in EVENT_EDITS[number % len(EVENT_EDITS):] + EVENT_EDITS[:number % len(EVENT_EDITS)]:
            text = path.read_text(encoding="utf-8")
            try:
                changed = edit(text)
            except AssertionError:
                continue  # this entry has no such field; the next kind of edit
            if changed == text:
                continue
            path.write_text(changed, encoding="utf-8")
            try:
                made = _check(loader, maker, timeline, f"{name} of {path.name}")
            except TimelineError:
                path.write_text(text, encoding="utf-8")  # an edit that makes the entry invalid is not the point here
                continue
            assert 0 < made < everything / 2, f"{name} of {path.name} made {made} of {everything}"
            applied += 1
            break
    assert applied >= 15


@pytest.mark.parametrize("edit", ["add", "delete", "region name", "actor name", "measure label"])
def test_entries_added_deleted_and_registries_edited(timeline, edit):
    loader, maker = TimelineLoader(), SiteMaker()
    _check(loader, maker, timeline, "first build")
    events = _events(timeline)
    if edit == "add":
        text = events[0].read_text(encoding="utf-8")
        ident = events[0].stem
        (events[0].parent / "2014-03-20-added-entry.yaml").write_text(
            text.replace(f"id: {ident}", "id: 2014-03-20-added-entry").replace("date: 2014-03", "date: 2014-03-20"),
            encoding="utf-8")
    elif edit == "delete":
        referenced = " ".join(p.read_text(encoding="utf-8") for p in events)
        gone = next(p for p in events if referenced.count(p.stem) == 1)  # named by no other entry
        gone.unlink()
    else:
        registry, old, new = {"region name": ("regions.yaml", "name: Kharkiv Oblast", "name: Kharkiv Region"),
                              "actor name": ("actors.yaml", "name: Ukraine\n", "name: Ukraine (state)\n"),
                              "measure label": ("measures.yaml", "label: ", "label: Reported ")}[edit]
        text = (timeline / registry).read_text(encoding="utf-8")
        assert old in text
        (timeline / registry).write_text(text.replace(old, new, 1), encoding="utf-8")
    _check(loader, maker, timeline, edit)
