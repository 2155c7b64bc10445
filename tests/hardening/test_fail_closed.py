"""One hostile entry among hundreds means nothing is published and the previous site stays."""

from __future__ import annotations

import re

from integration.test_build import _make, repo_copy  # noqa: F401  (fixture)

COPIES = 300


def add_copies(events, count: int) -> None:
    """``count`` valid events: the repository's entries under new ids."""
    originals = sorted(events.rglob("*.yaml"))
    folder = events / "copies"
    folder.mkdir()
    for number in range(count):
        original = originals[number % len(originals)]
        new_id = f"{original.stem}-copy-{number}"
        text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", original.read_text(encoding="utf-8"), count=1)
        text = re.sub(r"(?m)^aliases: .*\n", "", text)  # a former id belongs to the original entry only
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")


def test_one_hostile_entry_among_hundreds_publishes_nothing(repo_copy):  # noqa: F811
    events = repo_copy / "timeline" / "events"
    add_copies(events, COPIES)
    assert _make("build", repo_copy).returncode == 0
    published = {p: p.read_bytes() for p in (repo_copy / "site").rglob("*") if p.is_file()}
    assert len([p for p in published if p.name == "index.html" and p.parent.parent.name == "events"]) > COPIES

    hostile = next((events / "copies").glob("*-copy-150.yaml"))
    lines = hostile.read_text(encoding="utf-8").splitlines()
    title_line = next(n for n, line in enumerate(lines) if line.startswith("title: "))
    lines[title_line] = 'title: "Report \\u202Egnp.exe"'  # a right-to-left override disguising a file name
    hostile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _make("build", repo_copy)

    assert result.returncode != 0
    assert (
        f"timeline/events/copies/{hostile.name}:{title_line + 1}:1: "
        "title: contains the invisible or control character U+202E"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (repo_copy / "site").rglob("*") if p.is_file()}
    assert after == published, "the previous site is left exactly as it was"
    assert not (repo_copy / ".site-build").exists()
