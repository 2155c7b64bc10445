"""`python -m chronicle check|new` as a contributor runs them: exit codes, messages on stderr, no tracebacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.cli import main
from conftest import ROOT

EVENT = "events/2025-06-01-air-raid.yaml"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "chronicle", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / EVENT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path, tiny_timeline) -> Path:
    """A folder laid out like the repository: the fixture data in ``timeline/``."""
    return tmp_path


def test_a_valid_timeline_passes(repo):
    result = run("check", "timeline", cwd=repo)
    assert result.returncode == 0
    assert result.stderr == ""
    assert re.fullmatch(r"timeline: 3 events, 4 actors, 4 regions, 3 measures: all valid \(\d+\.\d\d s\)\n",
                        result.stdout)


@pytest.mark.parametrize("old, new, expected", [
    ("status: disputed", "status: disptued",
     f"timeline/{EVENT}:5:1: status: 'disptued' is not an allowed value\n"
     "    hint: did you mean 'disputed'? Use one of: confirmed, reported, disputed"),
    ("claimant: alpha-air-force", "claimant: alpha-airforce",
     f"timeline/{EVENT}:18:5: claims[0].claimant: unknown actor 'alpha-airforce'\n"
     "    hint: did you mean 'alpha-air-force'?"),
    ("region: capital", "region:",
     f"timeline/{EVENT}:8:5: locations[0].region: has no value\n"
     "    hint: use lowercase ASCII letters, digits and single hyphens, e.g. 2025-06-01-operation-spider-web"),
    ("summary: Betaland", "summry: Betaland",
     f"timeline/{EVENT}:1:1: summary: required field is missing\n"
     "    hint: add a line `summary: ...` to this entry\n"
     f"timeline/{EVENT}:4:1: summry: unknown field 'summry'\n"
     "    hint: did you mean 'summary'? Allowed fields here: id, title, date, date_display, time, end_time, series, "
     "summary, body, status, type, locations, actors, claims, sources, relations, tags, aliases"),
    ("date: 2025-06-01", "date: 2025-02-30",
     f"timeline/{EVENT}:3:1: date: '2025-02-30' has day 30, but February 2025 has 28 days\n"
     "    hint: write a day from 01 to 28"),
    ('value: "407"', 'value: "about 400"',
     f"timeline/{EVENT}:17:5: claims[0].value: 'about 400' is not a figure\n"
     "    hint: write a number as the source gives it: 407 (exact), ~20 (about), >=4 (at least), >10 (more than), "
     "<=5 (at most), 10-20 (a range); no thousands separators"),
    ("  - id: wire\n", "  - id: wire\n    url: ftp://example.org/report\n",
     f"timeline/{EVENT}:33:5: sources[0].url: 'ftp://example.org/report' is not an http(s) address\n"
     "    hint: write a full URL starting with https://"),
    ('value: "407"', 'value: "+12200"',
     f"timeline/{EVENT}:17:5: claims[0].value: '+12200' has a sign, so it is a change, not a figure\n"
     "    hint: a change goes under `change:`, e.g. `change: +12200`; `value:` is the level the figure reaches, "
     "when the source gives it"),
    ('value: "407"', 'value: "4.75"',
     f"timeline/{EVENT}:17:5: claims[0].value: '4.75' is not a whole number, but the unit is a count: "
     "a whole number, 0 or more (drones_launched)\n"
     "    hint: give the count as the source does, e.g. 5; a share of something belongs to a percent measure"),
    ('value: "407"', 'change: "12"',
     f"timeline/{EVENT}:17:5: claims[0].change: '12' has no sign, so it is not clear whether it went up or down\n"
     "    hint: write +12 for an increase or -12 for a decrease"),
    ("date: 2025-06-01\n", "date: 2025-06-01\ntime: 3am\n",
     f"timeline/{EVENT}:4:1: time: '3am' is not a time of day with its UTC offset\n"
     "    hint: write the local time with its UTC offset, e.g. 03:00+03:00, 07:27:01+03:00 or 22:15Z"),
    ("    date: 2025-06\n", "    date: 2025-05\n",
     f"timeline/{EVENT}:35:5: sources[0].date: published 2025-05, before the event it reports began (2025-06-01)\n"
     "    hint: check both dates; a source published earlier can only be background, cited in the body text"),
    ("date: 2025-06-01\n", "date: 2125-06-01\n",
     f"timeline/{EVENT}:3:1: date: 2125-06-01 is in the future\n"
     "    hint: the timeline records what has happened: check the year, month and day\n"
     f"timeline/{EVENT}:35:5: sources[0].date: published 2025-06, before the event it reports began (2125-06-01)\n"
     "    hint: check both dates; a source published earlier can only be background, cited in the body text"),
])
def test_each_problem_is_reported_where_it_is_with_a_hint(repo, old, new, expected):
    edit(repo / "timeline", old, new)
    result = run("check", "timeline", cwd=repo)
    assert result.returncode == 1
    assert result.stdout == ""
    count = expected.count("\n    hint") or 1
    assert result.stderr == f"{expected}\n{count} problem{'s' if count > 1 else ''} found in the timeline data.\n"
    assert "Traceback" not in result.stderr


def test_every_problem_of_a_run_is_listed_in_file_order(repo):
    edit(repo / "timeline", "status: disputed", "status: unsure")
    edit(repo / "timeline", "region: capital", "region: capitol")
    result = run("check", "timeline", cwd=repo)
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines if not line.startswith("    ")] == [
        f"timeline/{EVENT}:5:1", f"timeline/{EVENT}:8:5", "2 problems found in the timeline data."]
    assert result.returncode == 1  # a file that fails its schema still has its references checked


def test_broken_yaml_is_a_located_message_not_a_traceback(repo):
    (repo / "timeline" / EVENT).write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    result = run("check", "timeline", cwd=repo)
    assert result.returncode == 1
    assert result.stderr.startswith(f"timeline/{EVENT}:")
    assert "Traceback" not in result.stderr


def test_a_missing_folder_says_what_to_do(tmp_path):
    result = run("check", "timeline", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("timeline:1:1: timeline folder not found\n"
                             "    hint: run from the repository root, or pass the folder to check\n"
                             "1 problem found in the timeline data.\n")


def test_new_creates_the_file_and_says_what_to_do_next(repo):
    result = run("new", "--title", "Масована атака дронів на Київ", "--date", "2025-06-07", cwd=repo)
    assert result.returncode == 0, result.stderr
    path = "timeline/events/2025/2025-06-07-masovana-ataka-droniv-na-kiiv.yaml"
    assert result.stdout == (f"created {path}\n"
                             "next: fill in the fields marked (required), then run `make check` "
                             "and `make serve` to preview\n")
    assert (repo / path).is_file()


def test_new_with_an_invalid_date_writes_nothing(repo):
    result = run("new", "--title", "Drone attack", "--date", "2025-02-30", cwd=repo)
    assert result.returncode == 1
    assert result.stderr == ("date: '2025-02-30' has day 30, but February 2025 has 28 days\n"
                             "    hint: write a day from 01 to 28\n")
    assert not (repo / "timeline" / "events" / "2025").exists()


def test_new_refuses_to_overwrite(repo, capsys):
    assert main(["new", "--folder", str(repo / "timeline"), "--title", "Drone attack", "--date", "2025-06"]) == 0
    capsys.readouterr()
    assert main(["new", "--folder", str(repo / "timeline"), "--title", "Drone attack", "--date", "2025-06"]) == 1
    path = (repo / "timeline" / "events" / "2025" / "2025-06-drone-attack.yaml").as_posix()
    assert capsys.readouterr().err == (f"id: an entry with id '2025-06-drone-attack' already exists: {path}\n"
                                       "    hint: edit that file, or choose a different title or date\n")
