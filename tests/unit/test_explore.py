"""The Explore page's index (``explore/events.json``): what its script and its CSV download rely on.

Built from the ``realistic`` fixture (21 events, nested regions, several actors, tags and measures per
event). Expectations are read from the YAML with PyYAML, or from the vocabularies of the models; the
rows are compared with the published ``data/events.csv``, whose columns the page's download promises.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronicle.catalog import load_timeline
from chronicle.explore import explore_json, facets
from chronicle.index import build_index
from chronicle.models import EventType, Role, Status
from chronicle.pages import build_site
from chronicle.site import EXPLORE_DATA, SiteOptions
from conftest import FIXTURES, ROOT

REALISTIC = FIXTURES / "realistic"
SITE_URL = "https://example.org/timeline/"
FORMULA_START = "=+-@"
"""Spreadsheets run a cell starting with one of these as a formula."""


# ---------------------------------------------------------------- the fixture, read independently of the core

def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def yaml_events(folder: Path) -> dict[str, dict]:
    events = {}
    for path in sorted((folder / "events").rglob("*.yaml")):
        event = _read(path)
        events[event["id"]] = event
    return events


def yaml_registry(folder: Path, name: str) -> dict[str, dict]:
    return {entry["id"]: entry for entry in _read(folder / f"{name}.yaml")[name]}


def days(date: object) -> tuple[datetime.date, datetime.date]:
    """The first and last day an EDTF date as the fixtures write it (``2025``, ``2025-06``, ``a/b``) can mean."""
    parts = []
    for part in str(date).split("/"):
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[~?%]?", part.strip())
        assert match, f"unexpected date {date!r} in the fixtures"
        parts.append((int(match[1]), int(match[2] or 0), int(match[3] or 0)))
    (year, month, day), (end_year, end_month, end_day) = parts[0], parts[-1]
    end_month = end_month or 12
    return (datetime.date(year, month or 1, day or 1),
            datetime.date(end_year, end_month, end_day or calendar.monthrange(end_year, end_month)[1]))


def start_key(date: object) -> tuple[int, int, int]:
    """How a listing orders dates: by year, then month, then day; an unknown month or day after the known ones."""
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(date))
    assert match
    year, month, day = match.groups()
    return int(year), int(month) if month else 13, int(day) if day else 32


# ---------------------------------------------------------------- the published files

def published(folder: Path, site_url: str = "") -> tuple[dict[str, Any], list[dict[str, str]], bytes]:
    """The site's Explore index, its ``data/events.csv`` rows, and the index's bytes."""
    return _published(folder, site_url)


@functools.cache
def _published(folder: Path, site_url: str) -> tuple[dict[str, Any], list[dict[str, str]], bytes]:
    files = {f.path: f.content for f in build_site(load_timeline(folder, "timeline"), SiteOptions(site_url=site_url))}
    raw = files[EXPLORE_DATA]
    assert isinstance(raw, bytes)
    text = files["data/events.csv"]
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    return json.loads(raw), list(csv.DictReader(io.StringIO(text, newline=""))), raw


def field(index: dict[str, Any], entry: list[Any], name: str) -> Any:
    return entry[index["fields"].index(name)]


def as_csv_row(index: dict[str, Any], entry: list[Any]) -> dict[str, str]:
    """An index entry's row the way the page's download writes it: the url filled in from the pattern,
    empty cells for missing values, and an apostrophe before a cell that starts like a formula."""
    row = list(field(index, entry, "row"))
    ident = row[index["columns"].index("id")]
    prefix, suffix = index["url"]
    row[index["columns"].index("url")] = prefix + ident + suffix
    cells = ["" if value is None else str(value) for value in row]
    cells = ["'" + cell if cell[:1] and cell[0] in index["formula_start"] else cell for cell in cells]
    return dict(zip(index["columns"], cells))


def entries_by_id(index: dict[str, Any]) -> dict[str, list[Any]]:
    column = index["columns"].index("id")
    return {field(index, entry, "row")[column]: entry for entry in index["events"]}


# ---------------------------------------------------------------- rows: the columns of events.csv

@pytest.mark.parametrize("site_url", ["", SITE_URL], ids=["no-site-url", "site-url"])
def test_each_event_has_its_events_csv_row_in_the_same_order(site_url):
    index, rows, _ = published(REALISTIC, site_url)
    assert index["columns"] == list(rows[0])
    assert [as_csv_row(index, entry) for entry in index["events"]] == rows
    assert len(rows) == len(yaml_events(REALISTIC)) == 21


def test_events_are_in_the_order_of_their_dates_and_all_there():
    index, _, _ = published(REALISTIC)
    events = yaml_events(REALISTIC)
    ids = list(entries_by_id(index))
    assert sorted(ids) == sorted(events)
    keys = [start_key(events[i]["date"]) for i in ids]
    assert keys == sorted(keys), "by year, month and day; known-to-the-month after the days of that month"


def test_values_starting_like_a_formula_stay_raw_in_the_index_and_are_escaped_in_events_csv(tmp_path):
    folder = tmp_path / "timeline"
    shutil.copytree(REALISTIC, folder)
    path = folder / "events" / "2025" / "2025-06-07-strike-on-kharkiv.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", 'title: "=HYPERLINK(\\"https://example.org\\") -1 strike"', text, count=1)
    text = re.sub(r"(?m)^summary: (>-\n(?:  .*\n)+|.*\n)", 'summary: "@Kharkiv: +3 drones, -2 hours"\n', text, count=1)
    path.write_text(text, encoding="utf-8")
    index, rows, _ = published(folder)

    assert set(index["formula_start"]) == set(FORMULA_START)
    entry = entries_by_id(index)["2025-06-07-strike-on-kharkiv"]
    row = dict(zip(index["columns"], field(index, entry, "row")))
    assert row["title"] == '=HYPERLINK("https://example.org") -1 strike'
    assert row["summary"] == "@Kharkiv: +3 drones, -2 hours"
    written = next(r for r in rows if r["id"] == "2025-06-07-strike-on-kharkiv")
    assert written["title"] == "'" + row["title"]
    assert written["summary"] == "'" + row["summary"]
    assert [as_csv_row(index, e) for e in index["events"]] == rows


# ---------------------------------------------------------------- addresses

def test_without_a_site_url_events_have_their_site_relative_address():
    index, _, _ = published(REALISTIC)
    prefix, suffix = index["url"]
    for ident in entries_by_id(index):
        assert prefix + ident + suffix == f"events/{ident}/"


@pytest.mark.parametrize("site_url", [SITE_URL, SITE_URL.rstrip("/")])
def test_with_a_site_url_events_have_their_permalink(site_url):
    index, _, _ = published(REALISTIC, site_url)
    prefix, suffix = index["url"]
    for ident in entries_by_id(index):
        assert prefix + ident + suffix == f"{SITE_URL}events/{ident}/"


@pytest.mark.parametrize("site_url", ["", SITE_URL])
def test_links_from_the_explore_page_lead_to_the_event_pages(site_url):
    index, _, _ = published(REALISTIC, site_url)
    prefix, suffix = index["href"]
    for ident in entries_by_id(index):
        assert prefix + ident + suffix == f"../events/{ident}/"


# ---------------------------------------------------------------- regions, actors, tags, measures

def test_regions_are_listed_once_each_in_tree_order_with_their_parents():
    index, _, _ = published(REALISTIC)
    registry = yaml_registry(REALISTIC, "regions")
    listed = index["regions"]
    ids = [r[0] for r in listed]
    assert sorted(ids) == sorted(registry), "every region of the registry, once"
    for n, (ident, name, parent, aliases) in enumerate(listed):
        assert name == registry[ident]["name"]
        assert aliases == registry[ident].get("aliases", [])
        written = registry[ident].get("parent")
        if written is None:
            assert parent == -1, ident
        else:
            assert 0 <= parent < n, f"{ident} comes after its parent"
            assert listed[parent][0] == written, ident
    for n in range(1, len(listed)):
        # depth first: a region follows its parent, its previous sibling's sub-regions, or starts a new country
        parent = listed[n][2]
        chain, up = [], n - 1
        while up != -1:
            chain.append(up)
            up = listed[up][2]
        assert parent == -1 or parent in chain, f"{ids[n]} is apart from its parent's other sub-regions"


def test_sibling_regions_are_in_alphabetical_order():
    index, _, _ = published(REALISTIC)
    listed = index["regions"]
    for parent in {r[2] for r in listed}:
        names = [r[1] for r in listed if r[2] == parent]
        assert names == sorted(names, key=str.casefold)
    assert len([r for r in listed if r[2] == -1]) >= 3


def test_actors_and_measures_are_those_of_the_registries():
    index, _, _ = published(REALISTIC)
    actors = yaml_registry(REALISTIC, "actors")
    measures = yaml_registry(REALISTIC, "measures")
    assert sorted(a[0] for a in index["actors"]) == sorted(actors)
    for ident, name, aliases in index["actors"]:
        assert (name, aliases) == (actors[ident]["name"], actors[ident].get("aliases", []))
    assert sorted(m[0] for m in index["measures"]) == sorted(measures)
    for ident, label in index["measures"]:
        assert label == measures[ident]["label"]


def test_each_event_points_at_exactly_its_regions_actors_with_roles_tags_and_measures():
    index, _, _ = published(REALISTIC)
    events = yaml_events(REALISTIC)
    regions = [r[0] for r in index["regions"]]
    actors = [a[0] for a in index["actors"]]
    measures = [m[0] for m in index["measures"]]
    checked = {"regions": 0, "actors": 0, "tags": 0, "measures": 0}
    for ident, entry in entries_by_id(index).items():
        event = events[ident]
        places = field(index, entry, "regions")
        assert {regions[n] for n in places} == {loc["region"] for loc in event.get("locations", [])}, ident
        assert len(places) == len(set(places)), ident
        pairs = field(index, entry, "actors")
        assert len(pairs) % 2 == 0
        assert [(actors[a], index["roles"][r]) for a, r in zip(pairs[::2], pairs[1::2])] == \
            [(a["actor"], a["role"]) for a in event.get("actors", [])], ident
        assert {index["tags"][n] for n in field(index, entry, "tags")} == set(event.get("tags", [])), ident
        assert {measures[n] for n in field(index, entry, "measures")} == \
            {claim["measure"] for claim in event.get("claims", [])}, ident
        checked["regions"] += len(places) > 1
        checked["actors"] += len(pairs) > 4
        checked["tags"] += len(field(index, entry, "tags")) > 1
        checked["measures"] += len(field(index, entry, "measures")) > 1
    assert all(checked.values()), f"the fixture has events with several of each: {checked}"


# ---------------------------------------------------------------- facets

def test_facets_list_every_value_of_the_vocabularies_and_every_tag_in_use():
    timeline = load_timeline(REALISTIC, "timeline")
    found = facets(timeline, build_index(timeline))
    index, _, _ = published(REALISTIC)
    for listed, vocabulary in ((found.types, EventType), (found.statuses, Status), (found.roles, Role),
                               (index["roles"], Role)):
        assert sorted(listed) == sorted(typing.get_args(vocabulary))
    in_use = {tag for event in yaml_events(REALISTIC).values() for tag in event.get("tags", [])}
    assert sorted(found.tags) == sorted(index["tags"]) == sorted(in_use)
    assert len(in_use) >= 3


def test_the_date_inputs_span_the_first_to_the_last_day_of_any_event():
    timeline = load_timeline(REALISTIC, "timeline")
    found = facets(timeline, build_index(timeline))
    spans = [days(event["date"]) for event in yaml_events(REALISTIC).values()]
    assert found.first_day == min(first for first, _ in spans).isoformat() == "2014-03-01"
    assert found.last_day == max(last for _, last in spans).isoformat()
    assert found.last_day == "2025-12-31", "an event known only to the year lasts to its end"


# ---------------------------------------------------------------- the file

def test_the_index_is_compact_json():
    _, _, raw = published(REALISTIC, SITE_URL)
    data = json.loads(raw)
    assert raw == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    assert "Україна".encode() in raw, "UTF-8, not \\u escapes"


def test_the_index_is_the_same_bytes_on_every_build():
    timeline = load_timeline(REALISTIC, "timeline")
    options = SiteOptions(site_url=SITE_URL)
    first = explore_json(timeline, build_index(timeline), options, facets(timeline, build_index(timeline)))
    again = load_timeline(REALISTIC, "timeline")
    assert explore_json(again, build_index(again), options, facets(again, build_index(again))) == first
    assert first == published(REALISTIC, SITE_URL)[2]


def test_the_index_does_not_depend_on_string_hashing():
    """Set and dict order of strings changes with PYTHONHASHSEED; the published file must not."""
    script = ("import sys; from chronicle.catalog import load_timeline; from chronicle.pages import build_site;"
              "from chronicle.site import EXPLORE_DATA, SiteOptions;"
              "files = {f.path: f.content for f in build_site(load_timeline(sys.argv[1], 'timeline'), SiteOptions())};"
              "sys.stdout.buffer.write(files[EXPLORE_DATA])")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "hooks")}
        outputs.add(subprocess.run([sys.executable, "-c", script, str(REALISTIC)], env=env, check=True,
                                   capture_output=True).stdout)
    assert len(outputs) == 1
    assert outputs == {published(REALISTIC)[2]}
