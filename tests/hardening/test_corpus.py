"""Each hostile or malformed contribution in ``corpus/`` is refused with one precise, located problem."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from chronicle.catalog import REGISTRIES, load_timeline
from chronicle.errors import TimelineError
from chronicle.yamldoc import MAX_BYTES

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, str] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def add_to_timeline(timeline: Path, attack: Path) -> str:
    """Put ``attack`` into the timeline; return the path its problems are reported under."""
    kind = attack.name.split("-")[0]
    if kind in REGISTRIES:
        shutil.copyfile(attack, timeline / f"{kind}.yaml")
        return f"timeline/{kind}.yaml"
    shutil.copyfile(attack, timeline / "events" / attack.name)
    return f"timeline/events/{attack.name}"


def problems(timeline: Path) -> list:
    with pytest.raises(TimelineError) as error:
        load_timeline(timeline, "timeline")
    return error.value.problems


def test_every_corpus_file_has_an_expected_problem():
    assert sorted(p.name for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_attack_is_refused_with_its_expected_problem(tiny_timeline, name):
    shown = add_to_timeline(tiny_timeline, CORPUS / name)
    found = problems(tiny_timeline)
    in_file = [str(p).split("\n    hint: ")[0] for p in found if p.path == shown]
    assert in_file == [EXPECTED[name]]
    # A broken registry leaves the ids it defined unknown; nothing else may be reported.
    assert all(p.path == shown or p.message.startswith("unknown ") for p in found)


def test_fixture_is_valid_without_the_attacks(tiny_timeline):
    assert load_timeline(tiny_timeline, "timeline").events


# ---------------------------------------------------------------- resource bounds

def refused_quickly(timeline: Path, name: str, content: bytes) -> str:
    """Write ``content`` as an event; return its one problem, asserting it came within a second."""
    (timeline / "events" / name).write_bytes(content)
    started = time.perf_counter()
    found = problems(timeline)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"refusing {name} took {elapsed:.2f} s"
    assert len(found) == 1
    return str(found[0])


def test_a_5_mb_file_is_refused_within_a_second(tiny_timeline):
    content = b"id: big\ntitle: " + b"x" * (5 * 1024 * 1024 - 16) + b"\n"
    assert refused_quickly(tiny_timeline, "big.yaml", content).startswith(
        f"timeline/events/big.yaml:1:1: file is 5,242,880 bytes, more than the {MAX_BYTES:,} allowed")


def test_a_billion_laughs_file_is_refused_within_a_second(tiny_timeline):
    content = (CORPUS / "yaml-billion-laughs.yaml").read_bytes()
    assert "YAML anchors (&name) are not allowed" in refused_quickly(tiny_timeline, "yaml-billion-laughs.yaml", content)


@pytest.mark.parametrize("nesting", [b"[" * 2000 + b"]" * 2000, b"{a: " * 2000 + b"}" * 2000,
                                     b"\n  " + b"- " * 2000 + b"x"])
def test_2000_levels_of_nesting_are_refused_within_a_second(tiny_timeline, nesting):
    content = b"id: deep\ntags: " + nesting + b"\n"
    assert "nesting deeper than 12 levels" in refused_quickly(tiny_timeline, "deep.yaml", content)


def test_a_file_that_never_ends_is_refused_without_reading_it_all(tiny_timeline):
    (tiny_timeline / "events" / "endless.yaml").symlink_to("/dev/zero")
    started = time.perf_counter()
    found = problems(tiny_timeline)
    assert time.perf_counter() - started < 1.0
    assert [str(p).split("\n")[0] for p in found] == [
        "timeline/events/endless.yaml:1:1: symbolic links are not accepted"]


def test_a_link_to_a_file_outside_the_repository_is_refused(tiny_timeline, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("api_token: do-not-publish\n")
    (tiny_timeline / "events" / "leak.yaml").symlink_to(secret)
    report = "\n".join(str(p) for p in problems(tiny_timeline))
    assert "timeline/events/leak.yaml:1:1: symbolic links are not accepted" in report
    assert "api_token" not in report and "do-not-publish" not in report
