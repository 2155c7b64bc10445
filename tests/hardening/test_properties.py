"""Whatever a contribution contains, loading it either succeeds or reports located problems."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.catalog import load_timeline
from chronicle.errors import TimelineError
from chronicle.models import ID_PATTERN, Actor, Event
from chronicle.pages import build_pages
from conftest import TINY

EVENT_FILE = "2025-06-01-air-raid.yaml"
VALID_EVENT = yaml.safe_load((TINY / "events" / EVENT_FILE).read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(st.characters(codec="utf-8"), max_size=40)
scalars = st.one_of(texts, st.sampled_from(["NO", "yes", "1.10", "12:30", "2024-02-30", "~", "null", "", "0x1F",
                                            "-.inf", "<script>", "javascript:alert(1)", "../..", "407", "~20"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                      max_leaves=8)


def paths_in(data, prefix=()):
    """Every path to a value inside ``data``."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, prefix + (index,))


@st.composite
def mutated_events(draw):
    """The valid fixture event with a few keys removed, added or given arbitrary values."""
    import copy
    event = copy.deepcopy(VALID_EVENT)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(paths_in(event))))
        parent = event
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if not path:
            continue
        if action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(texts)] = draw(values)
        else:
            parent[path[-1]] = draw(values)
    return event


def assert_loads_or_reports(timeline: Path) -> None:
    """Load the timeline: either it is valid and renders, or every problem is located."""
    try:
        loaded = load_timeline(timeline, "timeline")
    except TimelineError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith("timeline/") and problem.line >= 1 and problem.col >= 1
            assert problem.message
            assert all(c.isprintable() or c in " \n" for c in str(problem)), "no control characters in reports"
        return
    build_pages(loaded)


@pytest.fixture(scope="module")
def timeline():
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "timeline"
        shutil.copytree(TINY, copy)
        yield copy


@SETTINGS
@given(event=mutated_events())
def test_mutated_entries_validate_or_raise_located_problems(timeline, event):
    text = yaml.safe_dump(event, allow_unicode=True, sort_keys=False)
    (timeline / "events" / EVENT_FILE).write_text(text, encoding="utf-8")
    assert_loads_or_reports(timeline)


@SETTINGS
@given(data=st.data())
def test_byte_flips_validate_or_raise_located_problems(timeline, data):
    original = (TINY / "events" / EVENT_FILE).read_bytes()
    raw = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    (timeline / "events" / EVENT_FILE).write_bytes(bytes(raw))
    assert_loads_or_reports(timeline)


@SETTINGS
@given(inserted=texts, where=st.integers(0, 900))
def test_inserted_text_validates_or_raises_located_problems(timeline, inserted, where):
    original = (TINY / "events" / EVENT_FILE).read_text(encoding="utf-8")
    where = min(where, len(original))
    (timeline / "events" / EVENT_FILE).write_text(original[:where] + inserted + original[where:], encoding="utf-8")
    assert_loads_or_reports(timeline)


# ---------------------------------------------------------------- ids and the URLs made from them

@given(st.from_regex(ID_PATTERN, fullmatch=True))
def test_every_valid_id_is_its_own_case_folded_and_normalised_form(ident):
    """Distinct valid ids stay distinct URLs on any file system: folding changes none of them."""
    assert ident.casefold() == ident == unicodedata.normalize("NFKC", ident)
    assert "/" not in ident and "\\" not in ident and "%" not in ident and ".." not in ident


@given(st.from_regex(r"^[a-z][a-z0-9_]*$", fullmatch=True))
def test_every_valid_measure_id_is_its_own_case_folded_and_normalised_form(ident):
    assert ident.casefold() == ident == unicodedata.normalize("NFKC", ident)


@pytest.mark.parametrize("ident", [
    "..", "../x", "a/b", "a\\b", "%2e%2e", "a%2fb", ".hidden", "a.b", "Kyiv", "kyiv ",
    "ｋｙｉｖ", "kyіv", "kyiv\u200b", "-kyiv", "kyiv-", "ky--iv", "", "a" * 121, "con.yaml",
])
def test_ids_that_could_escape_or_collide_are_refused(ident):
    event = dict(VALID_EVENT, id=ident, sources=[{"id": "wire", "title": "Wire"}])
    with pytest.raises(Exception) as error:
        Event.model_validate(event)
    assert "id" in str(error.value)


# ---------------------------------------------------------------- hidden characters and homographs

HIDDEN = ["\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a",
          "\u202b", "\u202c", "\u202d", "\u202e", "\ufeff", "\u061c", "\u00ad", "\u180e", "\u2060", "\u2028",
          "\u2029", "\u0085", "\x1b", "\U000e0041", "\u3164", "\ufe0f"]


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
@pytest.mark.parametrize("field", ["title", "actor name", "alias", "id"])
def test_hidden_characters_are_refused(char, field):
    text = f"Kyiv{char}strike"
    if field == "title":
        attempt = lambda: Event.model_validate(dict(VALID_EVENT, title=text))  # noqa: E731
    elif field == "id":
        attempt = lambda: Event.model_validate(dict(VALID_EVENT, id=f"kyiv{char}strike"))  # noqa: E731
    else:
        actor = {"id": "kyiv", "name": "Kyiv", "kind": "state"}
        actor["name" if field == "actor name" else "aliases"] = text if field == "actor name" else [text]
        attempt = lambda: Actor.model_validate(actor)  # noqa: E731
    with pytest.raises(Exception) as error:
        attempt()
    message = str(error.value)
    assert f"U+{ord(char):04X}" in message or "single line" in message or "not a valid id" in message


@pytest.mark.parametrize("alias, problem", [
    ("Kyіv", "the word 'Kyіv' mixes Latin letters with Cyrillic 'і' (U+0456)"),
    ("Київ", None), ("Kyiv", None), ("Kiev", None), ("Мар\u02bcїнка", None), ("Мар'їнка", None),
    ("Ту-22M3", None), ("Su-34 Су-34", None), ("Κyiv", "the word 'Κyiv' mixes Latin letters with Greek 'Κ' (U+039A)"),
    ("Zaporizhzhia Запоріжжя", None), ("Запорiжжя", "mixes Cyrillic letters with Latin 'i' (U+0069)"),
])
def test_names_mixing_alphabets_within_a_word_are_refused(alias, problem):
    for actor in (
        {"id": "x", "name": alias, "kind": "state"},
        {"id": "x", "name": "X", "kind": "state", "aliases": [alias]},
    ):
        if problem is None:
            Actor.model_validate(actor)
        else:
            with pytest.raises(Exception, match=re.escape(problem)):
                Actor.model_validate(actor)
