"""`make serve` rebuilds only what an edit changed, and the result is the site a clean build gives.

One serve session (``mkdocs serve --dirty``, in-process) of the repository's own
configuration over the realistic fixture takes a sequence of edits; after each,
its site folder is compared byte for byte with a clean build of the same sources
(except :data:`~integration.serving.BUILD_TIMESTAMPS`).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from integration.serving import ServeSession, clean_build, differences, repository_site

RENDERED = re.compile(r"(\d+) generated file\(s\) changed; (\d+) page\(s\) rendered")


class Session:
    """A serve session and the checks made after every rebuild."""

    def __init__(self, folder: Path, caplog: pytest.LogCaptureFixture) -> None:
        self.folder = folder
        self.config = repository_site(folder / "src", FIXTURES / "realistic")
        self.timeline = folder / "src" / "timeline"
        self.serve = ServeSession(self.config, folder / "served")
        self.caplog = caplog
        self.builds = 0

    def rebuild(self) -> int:
        """Rebuild after an edit; check it against a clean build; return how many pages were rendered."""
        self.caplog.clear()
        with self.caplog.at_level(logging.INFO):
            self.serve.build()
        counts = [RENDERED.search(r.getMessage()) for r in self.caplog.records]
        rendered = [int(m.group(2)) for m in counts if m]
        assert rendered, "the rebuild did not report what it rendered"
        self.builds += 1
        expected = self.folder / f"clean-{self.builds}"
        clean_build(self.config, expected)
        assert differences(self.serve.site_dir, expected) == []
        return rendered[-1]

    @property
    def site(self) -> Path:
        return self.serve.site_dir

    def event_file(self, ident: str) -> Path:
        return next(self.timeline.glob(f"events/*/{ident}.yaml"))

    def search(self) -> list[dict]:
        return json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def found(self, words: str) -> set[str]:
        """Locations of the search entries whose title or text holds ``words``."""
        return {entry["location"] for entry in self.search() if words in entry["title"] + " " + entry["text"]}

    def events_csv(self) -> str:
        return (self.site / "data" / "events.csv").read_text(encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_sequence_of_edits_rebuilds_incrementally_and_exactly(tmp_path, caplog):
    s = Session(tmp_path, caplog)
    first = s.rebuild()
    assert first > 40, "the first build renders every page"
    assert s.rebuild() == 0, "a rebuild without an edit renders nothing"

    # 1. A title changes: its page and the lists that show it, and search finds the new words only.
    ident = "2024-05-10-russian-offensive-in-kharkiv-oblast"
    _edit(s.event_file(ident), "title: Russian cross-border offensive in northern Kharkiv Oblast",
          "title: Russian cross-border push into northern Kharkiv Oblast")
    rendered = s.rebuild()
    assert 1 < rendered < first / 2
    assert f"events/{ident}/" in s.found("cross-border push")
    assert not s.found("cross-border offensive in northern")
    assert "Russian cross-border push into northern Kharkiv Oblast" in s.events_csv()

    # 2. A new event appears everywhere: its page, search, the exports.
    new = "2024-05-17-synthetic-follow-up-in-kharkiv-oblast"
    text = s.event_file(ident).read_text(encoding="utf-8")
    text = text.replace(f"id: {ident}", f"id: {new}").replace(
        "title: Russian cross-border push into northern Kharkiv Oblast",
        "title: Fighting continues near Vovchansk, officials say")
    (s.event_file(ident).parent / f"{new}.yaml").write_text(text, encoding="utf-8")
    assert 1 < s.rebuild() < first
    assert (s.site / "events" / new / "index.html").is_file()
    assert f"events/{new}/" in s.found("Fighting continues near Vovchansk")
    assert new in s.events_csv()

    # 3. A deleted event disappears from its page, search, lists and exports.
    s.event_file(new).unlink()
    s.rebuild()
    assert not (s.site / "events" / new).exists()
    assert not s.found("Fighting continues near Vovchansk")
    assert new not in s.events_csv()
    assert new not in (s.site / "chronology" / "index.html").read_text(encoding="utf-8")

    # 4. An event renamed, its former id kept as an alias: the new page, and a redirect at the old address.
    renamed = "2024-05-10-russian-cross-border-push-in-kharkiv-oblast"
    old_file = s.event_file(ident)
    text = old_file.read_text(encoding="utf-8").replace(f"id: {ident}", f"id: {renamed}\naliases: [{ident}]")
    old_file.unlink()
    (old_file.parent / f"{renamed}.yaml").write_text(text, encoding="utf-8")
    for other in s.timeline.glob("events/*/*.yaml"):  # references name the current id, as `make check` asks
        if other.stem != renamed and ident in (written := other.read_text(encoding="utf-8")):
            other.write_text(written.replace(ident, renamed), encoding="utf-8")
    s.rebuild()
    assert (s.site / "events" / renamed / "index.html").is_file()
    redirect = (s.site / "events" / ident / "index.html").read_text(encoding="utf-8")
    assert f"../{renamed}/" in redirect and 'rel="canonical"' in redirect
    assert f"events/{renamed}/" in s.found("cross-border push")
    assert f"events/{ident}/" not in s.found("cross-border push")

    # 5. A region's name changes in the registry: what shows the region is rendered again, not the rest.
    _edit(s.timeline / "regions.yaml", "name: Kharkiv Oblast", "name: Kharkiv Region")
    rendered = s.rebuild()
    assert 1 < rendered < first
    assert "regions/kharkiv-oblast/" in s.found("Kharkiv Region")

    # 6. A broken entry: every problem is logged with path:line:col, and the last good site stays as it was,
    #    the build succeeding so that the live server goes on serving it.
    before = tmp_path / "before-break"
    shutil.copytree(s.site, before)
    broken = s.event_file("2014-03-annexation-of-crimea")
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("status: confirmed", "status: confirmd", 1), encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        s.serve.build()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(re.search(r"timeline/events/2014/2014-03-annexation-of-crimea\.yaml:\d+:\d+: status", e)
               for e in errors), errors
    assert any("the preview still shows the last good build" in e for e in errors), errors
    assert not any("Traceback" in r.getMessage() for r in caplog.records)
    assert differences(s.site, before) == []

    # 7. Fixed (with a change of its own): the rebuild is incremental again.
    broken.write_text(good.replace("title: Russia annexes Crimea", "title: Russia annexes Crimea, reports say"),
                      encoding="utf-8")
    rendered = s.rebuild()
    assert 1 < rendered < first / 2
    assert s.found("Russia annexes Crimea, reports say")

    # 8. A change outside timeline/ (here docs/) renders every page again.
    _edit(s.folder / "src" / "docs" / "about.md", "\n", "\n\nA line added to the About page.\n")
    assert s.rebuild() >= first - 1
    s.serve.close()

