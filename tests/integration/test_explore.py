"""The Explore page as a reader gets it without running its script: the form, the fallback, the links into it.

Built once from the real ``timeline/`` with the repository's ``mkdocs.yml``. Expectations are read from the
YAML with PyYAML (and the vocabularies from the models), not through the core. What the script does with the
form is for the browser tests.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
import typing
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from chronicle.models import EventType, Role, Status
from conftest import ROOT, build_with_repository_config
from integration.pagetree import Node, Page, load_page, page_file

TIMELINE = ROOT / "timeline"
EXPLORE = "/explore/"


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


REGIONS = {r["id"]: r for r in _read(TIMELINE / "regions.yaml")["regions"]}
ACTORS = {a["id"]: a for a in _read(TIMELINE / "actors.yaml")["actors"]}
MEASURES = {m["id"]: m for m in _read(TIMELINE / "measures.yaml")["measures"]}
EVENT_FILES = sorted((TIMELINE / "events").rglob("*.yaml"))
EVENTS = {e["id"]: e for e in map(_read, EVENT_FILES)}
TAGS = sorted({tag for e in EVENTS.values() for tag in e.get("tags", [])})


def region_ancestry(region_id: str) -> list[str]:
    """The region and every region it lies in."""
    chain = [region_id]
    while parent := REGIONS[chain[-1]].get("parent"):
        chain.append(parent)
    return chain


REGIONS_WITH_EVENTS = {r for e in EVENTS.values() for loc in e.get("locations", [])
                       for r in region_ancestry(loc["region"])}
ACTORS_WITH_EVENTS = {a["actor"] for e in EVENTS.values() for a in e.get("actors", [])}
MEASURES_WITH_CLAIMS = {c["measure"] for e in EVENTS.values() for c in e.get("claims", [])}


def days(date: object) -> tuple[datetime.date, datetime.date]:
    """The first and last day an EDTF date as the timeline writes it (``2025``, ``2025-06``, ``a/b``) can mean."""
    parts = []
    for part in str(date).split("/"):
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[~?%]?", part.strip())
        assert match, f"unexpected date {date!r} in the timeline"
        parts.append((int(match[1]), int(match[2] or 0), int(match[3] or 0)))
    (year, month, day), (end_year, end_month, end_day) = parts[0], parts[-1]
    end_month = end_month or 12
    return (datetime.date(year, month or 1, day or 1),
            datetime.date(end_year, end_month, end_day or calendar.monthrange(end_year, end_month)[1]))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_with_repository_config(tmp_path_factory.mktemp("explore-real") / "site")


@pytest.fixture(scope="module")
def explore(site) -> Page:
    return load_page(site, EXPLORE)


def the_form(page: Page) -> Node:
    forms = [f for f in page.article.find_all("form") if f.attrs.get("role") == "search"]
    assert len(forms) == 1, f"{page.url}: {len(forms)} search forms"
    return forms[0]


def label_of(page: Page, control: Node) -> str:
    """The text of the ``<label for>`` naming a form control."""
    ident = control.attrs.get("id")
    assert ident, f"{page.url}: a control without an id cannot be labelled: {control.attrs}"
    labels = [n for n in page.article.find_all("label") if n.attrs.get("for") == ident]
    assert len(labels) == 1, f"{page.url}: {len(labels)} labels for #{ident}"
    assert labels[0].text, f"{page.url}: empty label for #{ident}"
    return labels[0].text


def is_hidden(node: Node) -> bool:
    return any("hidden" in n.attrs for n in (node, *node.ancestors()))


def explore_links(page: Page) -> list[Node]:
    return [a for a in page.article.links() if page.target(a) == EXPLORE]


# ---------------------------------------------------------------- reaching the page

def test_explore_is_a_navigation_tab(site, explore):
    for page in (load_page(site, "/"), load_page(site, "/chronology/"), explore):
        tabs = [a for a in page.root.find_all("a", cls="md-tabs__link") if a.text == "Explore"]
        assert len(tabs) == 1, f"{page.url}: no Explore tab"
        assert page.target(tabs[0]) == EXPLORE
    active = [li for li in explore.root.find_all("li", cls="md-tabs__item--active")]
    assert [li.text for li in active] == ["Explore"]


def test_the_home_page_links_explore(site):
    home = load_page(site, "/")
    links = explore_links(home)
    assert links, "the home page's text links the Explore page"
    assert page_file(site, EXPLORE).is_file()


# ---------------------------------------------------------------- the form

def test_the_form_has_labelled_date_and_word_inputs(explore):
    form = the_form(explore)
    inputs = {n.attrs.get("name"): n for n in form.find_all("input") if n.attrs.get("type") != "checkbox"}
    assert set(inputs) == {"from", "to", "q"}
    assert inputs["from"].attrs["type"] == inputs["to"].attrs["type"] == "date"
    assert inputs["q"].attrs["type"] == "search"
    assert label_of(explore, inputs["from"]) == "From"
    assert label_of(explore, inputs["to"]) == "To"
    assert label_of(explore, inputs["q"])
    spans = [days(e["date"]) for e in EVENTS.values()]
    first, last = min(s for s, _ in spans).isoformat(), max(e for _, e in spans).isoformat()
    for name in ("from", "to"):
        assert (inputs[name].attrs["min"], inputs[name].attrs["max"]) == (first, last)


def checkboxes(page: Page) -> dict[str, list[Node]]:
    found: dict[str, list[Node]] = {}
    for box in the_form(page).find_all("input"):
        if box.attrs.get("type") == "checkbox":
            found.setdefault(box.attrs.get("name") or "", []).append(box)
    return found


EXPECTED_BOXES = {
    "region": {r: REGIONS[r]["name"] for r in REGIONS},
    "actor": {a: ACTORS[a]["name"] for a in ACTORS},
    "role": {r: None for r in typing.get_args(Role)},
    "type": {t: None for t in typing.get_args(EventType)},
    "status": {s: None for s in typing.get_args(Status)},
    "tag": {t: t for t in TAGS},
    "measure": {m: MEASURES[m]["label"] for m in MEASURES},
}
"""Facet -> value -> the label a reader sees (``None``: any words)."""


@pytest.mark.parametrize("facet", list(EXPECTED_BOXES))
def test_one_labelled_checkbox_per_value_of_each_facet(explore, facet):
    boxes = checkboxes(explore).get(facet, [])
    values = [box.attrs.get("value") for box in boxes]
    assert Counter(values) == Counter(list(EXPECTED_BOXES[facet])), f"{facet}: one checkbox per value"
    for box in boxes:
        label = label_of(explore, box)
        expected = EXPECTED_BOXES[facet][box.attrs["value"] or ""]
        if expected is not None:
            assert label == expected, f"{facet} {box.attrs['value']}"


def test_the_facets_are_the_only_checkboxes_and_every_id_is_unique(explore):
    assert set(checkboxes(explore)) == set(EXPECTED_BOXES)
    ids = [n.attrs["id"] for n in explore.root.iter() if n.attrs.get("id")]
    assert [i for i, count in Counter(ids).items() if count > 1] == []
    assert sum(len(v) for v in EXPECTED_BOXES.values()) > 50, "the real timeline has many values to choose from"


def test_sub_regions_follow_their_region_in_the_list(explore):
    boxes = checkboxes(explore)["region"]
    order = [box.attrs["value"] for box in boxes]
    for n, region in enumerate(order):
        parent = REGIONS[region].get("parent")
        if parent:
            assert order.index(parent) < n, f"{region} listed before {parent}"
            assert box_depth(boxes[n]) == box_depth(boxes[order.index(parent)]) + 1, region
        else:
            assert box_depth(boxes[n]) == 0, region


def box_depth(box: Node) -> int:
    item = next(a for a in box.ancestors() if a.tag == "li")
    return next((int(c.rpartition("-")[2]) for c in item.classes if c.startswith("tl-depth-")), 0)


# ---------------------------------------------------------------- without JavaScript

def test_without_javascript_the_page_says_where_the_events_are(site, explore):
    message = explore.article.find(cls="tl-explore-nojs")
    assert message is not None and not is_hidden(message)
    assert "JavaScript" in message.text
    targets = [explore.target(a) for a in message.links()]
    assert {"/chronology/", "/data/"} <= set(targets)
    for target in targets:
        assert page_file(site, target).is_file(), target
    assert is_hidden(the_form(explore)), "the form does nothing without its script, so it starts hidden"


def test_the_page_states_how_many_events_it_filters(explore):
    intro = explore.article.find("p", cls="tl-explore-intro")
    assert intro is not None
    assert f"all {len(EVENT_FILES)} events" in intro.text


# ---------------------------------------------------------------- what the script loads

def test_the_index_the_timeline_and_the_script_are_published(site, explore):
    holder = explore.article.find(cls="tl-explore")
    assert holder is not None
    assert explore.resolve(holder.attrs["data-index"] or "") == "/explore/events.json"
    assert explore.resolve(holder.attrs["data-timeline"] or "") == "/data/timeline.json"
    scripts = [explore.resolve(s.attrs["src"] or "") for s in explore.article.find_all("script") if s.attrs.get("src")]
    assert scripts == ["/assets/explore.js"]
    for target in ("/explore/events.json", "/data/timeline.json", *scripts):
        assert page_file(site, target).is_file(), target
    download = explore.article.find(cls="tl-explore-download")
    assert download is not None
    assert {explore.target(a) for a in download.links()} == {"/data/events.csv", "/data/timeline.json"}


def test_the_published_index_holds_every_event_file(site, explore):
    index = json.loads(page_file(site, "/explore/events.json").read_text(encoding="utf-8"))
    assert len(index["events"]) == len(EVENT_FILES) == len(EVENTS)
    column = index["columns"].index("id")
    ids = [entry[index["fields"].index("row")][column] for entry in index["events"]]
    assert sorted(ids) == sorted(EVENTS)
    site_url = site_url_of_config()
    prefix, suffix = index["url"]
    href_prefix, href_suffix = index["href"]
    for ident in ids:
        assert prefix + ident + suffix == f"{site_url}events/{ident}/", "the permalink, as in events.csv"
        target = explore.resolve(href_prefix + ident + href_suffix)
        assert target == f"/events/{ident}/"
        assert page_file(site, target).is_file()


def site_url_of_config() -> str:
    """``site_url`` of mkdocs.yml, read as text: the file has tags PyYAML's safe loader refuses."""
    match = re.search(r"(?m)^site_url:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert match
    return match.group(1).rstrip("/") + "/"


# ---------------------------------------------------------------- links into Explore

PAGES_WITH_A_FILTER = [
    *[pytest.param("region", r, f"/regions/{r}/", r in REGIONS_WITH_EVENTS, id=f"region-{r}") for r in REGIONS],
    *[pytest.param("actor", a, f"/actors/{a}/", a in ACTORS_WITH_EVENTS, id=f"actor-{a}") for a in ACTORS],
    *[pytest.param("tag", t, f"/tags/{t}/", True, id=f"tag-{t}") for t in TAGS],
    *[pytest.param("measure", m, f"/figures/{m}/", m in MEASURES_WITH_CLAIMS, id=f"measure-{m}") for m in MEASURES],
]


@pytest.mark.parametrize(("key", "ident", "url", "linked"), PAGES_WITH_A_FILTER)
def test_a_page_with_events_opens_explore_filtered_to_itself(site, key, ident, url, linked):
    page = load_page(site, url)
    links = explore_links(page)
    if not linked:
        assert links == [], f"{url}: nothing to filter, so no link to Explore"
        return
    assert len(links) == 1, f"{url}: {len(links)} links to Explore"
    href = links[0].attrs["href"] or ""
    assert parse_qs(urlsplit(href).query) == {key: [ident]}
    assert page_file(site, page.target(links[0])).is_file()
    assert links[0].text, f"{url}: the link says what it does"


def test_some_regions_have_no_events_so_the_pages_without_a_link_are_tried():
    assert set(REGIONS) - REGIONS_WITH_EVENTS
    assert REGIONS_WITH_EVENTS and ACTORS_WITH_EVENTS and MEASURES_WITH_CLAIMS
