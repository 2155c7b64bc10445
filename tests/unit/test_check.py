"""`make check` spreads event files over processes and reports exactly what a build reports."""

import pytest

from chronicle.catalog import load_timeline
from chronicle.check import check_timeline
from chronicle.errors import TimelineError
from conftest import write

EVENTS = ["2024-03-border-clash", "2025-06-01-air-raid", "2025-06-02-retaliation"]


def reported(action) -> list[str]:
    with pytest.raises(TimelineError) as error:
        action()
    return [str(p) for p in error.value.problems]


def edit(folder, name, old, new):
    path = folder / "events" / f"{name}.yaml"
    path.write_text(path.read_text().replace(old, new, 1))


def test_a_valid_folder_checked_in_several_processes_has_every_entry(tiny_timeline):
    checked = check_timeline(tiny_timeline, "timeline", processes=3, files_per_process=1)
    assert sorted(checked.events) == EVENTS
    assert checked.events["2025-06-01-air-raid"].doc.path == "timeline/events/2025-06-01-air-raid.yaml"
    assert len(checked.actors) == len(load_timeline(tiny_timeline).actors)


def test_problems_found_in_worker_processes_are_the_same_as_in_a_build(tiny_timeline):
    # A problem of each kind, spread over files that different processes read: a file's own
    # problem, a bad reference (found here, located in a file a worker read), a duplicate id,
    # an id that differs from its file name, broken YAML.
    edit(tiny_timeline, "2024-03-border-clash", "date: 2024-03", "date: 2024-3")
    edit(tiny_timeline, "2025-06-01-air-raid", "claimant: alpha-air-force", "claimant: alpha-airforce")
    edit(tiny_timeline, "2025-06-02-retaliation", "region: beta-country", "region: beta-contry")
    air_raid = (tiny_timeline / "events" / "2025-06-01-air-raid.yaml").read_text()
    write(tiny_timeline / "events" / "copy-of-air-raid.yaml", air_raid)
    write(tiny_timeline / "events" / "zz-broken.yaml", "id: [unclosed\n")
    in_a_build = reported(lambda: load_timeline(tiny_timeline, "timeline"))
    assert len(in_a_build) == 6
    for processes in (2, 3):
        in_a_check = reported(
            lambda processes=processes: check_timeline(tiny_timeline, "timeline", processes, files_per_process=1)
        )
        assert in_a_check == in_a_build


def test_few_files_are_read_in_this_process(tiny_timeline, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker process was started for three files")

    monkeypatch.setattr("chronicle.check.ProcessPoolExecutor", no_pool)
    assert sorted(check_timeline(tiny_timeline, "timeline", processes=8).events) == EVENTS
