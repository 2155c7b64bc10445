"""What a reader sees on every kind of page, with data shaped like the real timeline.

The ``realistic`` fixture has at least three items in every list, group and table
the pages show; a template tried with one item per list can hide a page that runs
several items together (the actors index once put all members of a group on one
line, and the next group into one ``<h2>``). The site is built once, strictly, with
the repository's own ``mkdocs.yml`` (Material, the same Markdown extensions), and the
HTML is read back as a tree. Every expectation is computed from the fixture's YAML,
read here with PyYAML and not through the core, so the core cannot agree with itself.

Order of a listing (chronology, region, actor, tag, measure table; the home page's
"Latest events" is the same order reversed): within a month, entries known to the
day in date order under "June 2025", then those known only to the month under
"June 2025, day not given"; entries known only to the year come after every month of
their year, under "2025, month not given".
"""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import FIXTURES, ROOT, build_with_repository_config
from integration.pagetree import HEADINGS, Node, Page, header_cells, load_page, page_file, table_rows, top_level_items

REALISTIC = FIXTURES / "realistic"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
KIND_HEADINGS = {"state": "States", "armed-forces": "Armed forces", "government-body": "Government bodies",
                 "person": "People", "organisation": "Organisations", "group": "Groups"}
"""The actors index's headings, in the order the vocabulary lists the kinds (CONTRIBUTING.md)."""
ROLES = ("perpetrator", "target", "party", "claimant", "mediator", "responder", "spokesperson",
         "commentator", "affected")
"""Roles in the order of the vocabulary: an actor page lists its roles in this order."""
RELATION_LABELS = (("part_of", "Part of", "Parts"), ("follows", "Follows", "Followed by"),
                   ("response_to", "In response to", "Responses"), ("related", "Related", "Related"))
"""Relation, label of the written link, label of the reverse link: the order of 'Related events'."""
EXPORTS = ("timeline.json", "events.csv", "claims.csv", "timeline.ics", "feed.xml")
"""The open-data files the README promises on the Data page."""
LATEST_ON_HOME = 10
"""How many events the home page's "Latest events" shows."""
NAV_PAGES = ("", "chronology/", "regions/", "actors/", "storylines/", "figures/", "tags/", "data/",
             "about/", "contributing/")


# ---------------------------------------------------------------- the fixture, read independently of the core

def _plain(value):
    """YAML as text all the way down: PyYAML turns 2025-06-01 into a date, the data means the text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime.date, int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _read(path: Path):
    return _plain(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class When:
    """An event's date as far as ordering and headings go."""

    year: int
    month: int | None
    day: int | None
    earliest: datetime.date
    latest: datetime.date

    @classmethod
    def parse(cls, text: str) -> When:
        points = [re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[~?%]?", part.strip()) for part in text.split("/")]
        assert all(points), f"unexpected date {text!r} in the fixture"
        year, month, day = (int(g) if g else None for g in points[0].groups())
        end = [int(g) if g else None for g in points[-1].groups()]
        earliest = datetime.date(year, month or 1, day or 1)
        end_month = end[1] or 12
        last_day = end[2] or (datetime.date(end[0] + end_month // 12, end_month % 12 + 1, 1)
                              - datetime.timedelta(days=1)).day
        return cls(year, month, day, earliest, datetime.date(end[0], end_month, last_day))

    def text(self) -> str:
        """The date as readers see it, for a date that is not an interval: 1 June 2025, June 2025, 2025."""
        parts = [str(self.day)] if self.day else []
        parts += [MONTHS[self.month - 1]] if self.month else []
        return " ".join(parts + [str(self.year)])


class Fixture:
    """The realistic fixture's YAML, and what each page should therefore show."""

    def __init__(self, folder: Path) -> None:
        self.actors = {a["id"]: a for a in _read(folder / "actors.yaml")["actors"]}
        self.regions = {r["id"]: r for r in _read(folder / "regions.yaml")["regions"]}
        self.measures = {m["id"]: m for m in _read(folder / "measures.yaml")["measures"]}
        self.events = {}
        self.event_files = {}
        for path in sorted((folder / "events").rglob("*.yaml")):
            event = _read(path)
            self.events[event["id"]] = event
            self.event_files[event["id"]] = path
        self.when = {i: When.parse(e["date"]) for i, e in self.events.items()}

    # ------------------------------------------------------------ order and periods

    def order_key(self, event_id: str) -> tuple:
        when = self.when[event_id]
        return (when.year, when.month or 13, when.day is None, when.earliest, when.latest, event_id)

    def ordered(self, ids) -> list[str]:
        return sorted(set(ids), key=self.order_key)

    def period(self, event_id: str) -> str:
        """The heading an event is listed under."""
        when = self.when[event_id]
        if when.month is None:
            return f"{when.year}, month not given"
        month = f"{MONTHS[when.month - 1]} {when.year}"
        return month if when.day is not None else f"{month}, day not given"

    def sections(self, ids) -> list[tuple[str, list[str]]]:
        """``[(heading, event ids), ...]`` as a listing of these events shows them."""
        found: list[tuple[str, list[str]]] = []
        for event_id in self.ordered(ids):
            heading = self.period(event_id)
            if not found or found[-1][0] != heading:
                found.append((heading, []))
            found[-1][1].append(event_id)
        return found

    def display_date(self, event_id: str) -> str | None:
        """What the date column shows, when it can be worked out without the core (points, or date_display)."""
        event = self.events[event_id]
        if event.get("date_display"):
            return event["date_display"]
        return None if "/" in event["date"] else self.when[event_id].text()

    # ------------------------------------------------------------ cross-references

    def actor_events(self, actor_id: str) -> dict[str, list[str]]:
        """Role -> the actor's events in that role, in listing order, roles in vocabulary order."""
        by_role = defaultdict(list)
        for event_id, event in self.events.items():
            for entry in event.get("actors", []):
                if entry["actor"] == actor_id:
                    by_role[entry["role"]].append(event_id)
        return {role: self.ordered(by_role[role]) for role in ROLES if role in by_role}

    def claims_by(self, predicate) -> list[tuple[str, int, dict]]:
        """``(event id, position, claim)`` for matching claims, events in listing order, claims in file order."""
        return [(event_id, n, claim) for event_id in self.ordered(self.events)
                for n, claim in enumerate(self.events[event_id].get("claims", [])) if predicate(claim)]

    def region_children(self, region_id: str | None) -> list[str]:
        return sorted((r for r, region in self.regions.items() if region.get("parent") == region_id),
                      key=lambda r: self.regions[r]["name"])

    def region_ancestors(self, region_id: str) -> list[str]:
        """From the outermost region down to the parent."""
        chain, parent = [], self.regions[region_id].get("parent")
        while parent:
            chain.insert(0, parent)
            parent = self.regions[parent].get("parent")
        return chain

    def region_events(self, region_id: str) -> list[str]:
        """Events in the region or any of its sub-regions, in listing order."""
        return self.ordered(event_id for event_id, event in self.events.items()
                            for location in event.get("locations", [])
                            if region_id in [location["region"], *self.region_ancestors(location["region"])])

    def tag_events(self) -> dict[str, list[str]]:
        tags = defaultdict(list)
        for event_id, event in self.events.items():
            for tag in dict.fromkeys(event.get("tags", [])):
                tags[tag].append(event_id)
        return {tag: self.ordered(ids) for tag, ids in sorted(tags.items())}

    @cached_property
    def links(self) -> dict[str, dict[str, list[str]]]:
        """Event id -> label -> linked events in listing order, written and reverse links, labels in page order."""
        found = defaultdict(lambda: defaultdict(set))
        for event_id, event in self.events.items():
            for relation, forward, reverse in RELATION_LABELS:
                for target in (event.get("relations") or {}).get(relation, []):
                    found[event_id][forward].add(target)
                    found[target][reverse].add(event_id)
        labels = list(dict.fromkeys(label for _, *pair in RELATION_LABELS for label in pair))
        return {event_id: {label: self.ordered(by_label[label]) for label in labels if by_label.get(label)}
                for event_id, by_label in found.items()}

    def reached(self, start: str, labels: tuple[str, ...]) -> set[str]:
        seen, stack = {start}, [start]
        while stack:
            current = stack.pop()
            for label in labels:
                for other in self.links.get(current, {}).get(label, []):
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
        return seen - {start}

    def storylines(self) -> list[dict]:
        """Operations (an event with parts, itself part of nothing) and chains (an event followed or answered,
        itself following or answering nothing), by the date they began."""
        stories = []
        for event_id, event in self.events.items():
            relations = event.get("relations") or {}
            here = self.links.get(event_id, {})
            if "Parts" in here and not relations.get("part_of"):
                stories.append({"start": event_id, "kind": "parts", "next": [("", p) for p in here["Parts"]],
                                "size": len(self.reached(event_id, ("Parts",)))})
            if ("Followed by" in here or "Responses" in here) and not (relations.get("follows")
                                                                       or relations.get("response_to")):
                chain = self.reached(event_id, ("Followed by", "Responses"))
                stories.append({"start": event_id, "kind": "chain",
                                "next": [("followed by", e) for e in here.get("Followed by", [])]
                                + [("answered by", e) for e in here.get("Responses", [])],
                                "size": len(chain), "last": self.ordered(chain)[-1]})
        return sorted(stories, key=lambda s: (self.order_key(s["start"]), s["kind"] != "parts"))


FIXTURE = Fixture(REALISTIC)


# ---------------------------------------------------------------- helpers for assertions

def event_url(event_id: str) -> str:
    return f"/events/{event_id}/"


def sections(page: Page, level: int) -> list[tuple[str, list[Node]]]:
    """``(heading text, top-level list items)`` for each heading of ``level`` in the article, in order.

    An item belongs to the last heading of ``level`` before it; a heading of a higher rank ends the section.
    """
    found: list[tuple[str, list[Node]]] = []
    current: list[Node] | None = None
    for node in page.article.iter():
        if node.tag in HEADINGS:
            rank = int(node.tag[1])
            if rank == level:
                found.append((node.text, []))
                current = found[-1][1]
            elif rank < level:
                current = None
        elif node.tag == "li" and current is not None and not any(a.tag == "li" for a in node.ancestors()):
            current.append(node)
    return found


def event_links(page: Page, item: Node) -> list[str]:
    """Ids of the events an item links to."""
    ids = []
    for link in item.links():
        match = re.fullmatch(r"/events/([^/]+)/", page.target(link))
        if match:
            ids.append(match.group(1))
    return ids


def check_event_item(page: Page, item: Node, event_id: str) -> None:
    """One list item is one event: a single link to its page, its title, and its date."""
    event = FIXTURE.events[event_id]
    links = item.links()
    assert len(links) == 1, f"{page.url}: one event per list item, got {item.text!r}"
    assert links[0].text == event["title"], f"{page.url}: {item.text!r}"
    when = item.find(cls="tl-when")
    shown = FIXTURE.display_date(event_id)
    if shown is not None and event.get("time"):
        start, end = event["time"], event.get("end_time")
        clock = f"{start[:-6]}–{end[:-6]}" if end else start[:-6]
        shown += f" · {clock} (UTC{start[-6:]})"  # the fixture's times all carry an offset such as +03:00
    if when is not None and shown is not None:
        assert when.text == shown, f"{page.url}: {event_id} dated {when.text!r}"


def check_listing(page: Page, level: int, event_ids) -> None:
    """The page lists exactly these events, under the period headings of ``level``, in listing order."""
    expected = FIXTURE.sections(event_ids)
    shown = sections(page, level)
    assert [(heading, [event_links(page, i) for i in items]) for heading, items in shown] == \
        [(heading, [[i] for i in ids]) for heading, ids in expected], f"{page.url}: periods or order differ"
    for (_, items), (_, ids) in zip(shown, expected):
        for item, event_id in zip(items, ids):
            check_event_item(page, item, event_id)


def value_words(value: str) -> str:
    """A figure in the words readers see: ~20 -> about 20, >=4 -> at least 4, 10-20 -> 10–20, 1000 -> 1,000."""
    match = re.fullmatch(r"(~|>=|<=|>|<)?\s*([0-9.]+)(?:\s*[-–]\s*([0-9.]+))?", value.strip())
    assert match, f"unexpected figure {value!r} in the fixture"

    def grouped(number: str) -> str:
        whole, _, fraction = number.partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")

    words = grouped(match[2]) + (f"–{grouped(match[3])}" if match[3] else "")
    operator = {"~": "about", ">=": "at least", ">": "more than", "<=": "at most", "<": "fewer than"}.get(match[1])
    return f"{operator} {words}" if operator else words


def check_figure(where: str, cell: Node, claim: dict) -> None:
    """A claim's figure as the reader needs it: the value in words with its unit, or its words; and its note."""
    text = cell.text
    unit = FIXTURE.measures[claim["measure"]].get("unit", "count")
    if claim.get("value") is not None:
        words = value_words(claim["value"])
        assert words in text, f"{where}: figure {text!r} lacks {words!r}"
        if unit == "percent":
            assert re.search(re.escape(words) + r"\s?%", text), \
                f"{where}: a percentage shows its unit, e.g. '{words} %'; the cell reads {text!r}"
    if claim.get("text"):
        assert claim["text"] in text, f"{where}: {text!r} lacks the claim's words"
    if claim.get("note"):
        assert claim["note"] in text, f"{where}: figure {text!r} lacks its note {claim['note']!r}"


def claimant_name(claim: dict) -> str:
    return claim.get("claimant_label") or FIXTURE.actors[claim["claimant"]]["name"]


def claim_rows(page, claims: list, header: list[str]) -> list[list[Node]]:
    """The rows of the page's first table with ``header``, checked to have one row per claim in listing order."""
    table = next((t for t in page.article.find_all("table") if header_cells(t) == header), None)
    assert table is not None, f"{page.url}: no table headed {header}"
    rows = table_rows(table)
    assert len(rows) == len(claims)
    assert [event_links(page, row[1]) for row in rows] == [[event_id] for event_id, _, _ in claims], \
        "claims in listing order"
    return rows


def plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


# ---------------------------------------------------------------- the site

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_with_repository_config(tmp_path_factory.mktemp("realistic") / "site",
                                        extra={"timeline_folder": str(REALISTIC)})


@pytest.fixture(scope="module")
def load(site):
    return lambda url: load_page(site, url)


def all_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as addresses."""
    return sorted("/" + p.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if p.parent != site else "")
                  for p in site.rglob("index.html"))


def redirect_urls() -> set[str]:
    return {event_url(alias) for event in FIXTURE.events.values() for alias in event.get("aliases", [])}


# ---------------------------------------------------------------- the fixture itself

def test_the_fixture_has_at_least_three_of_everything_a_page_lists():
    fixture = FIXTURE
    kinds = defaultdict(list)
    for actor in fixture.actors.values():
        kinds[actor["kind"]].append(actor["id"])
    assert sum(len(ids) >= 3 for ids in kinds.values()) >= 3, "three actors in each of three kinds"
    countries = [r for r, region in fixture.regions.items() if region["kind"] == "country"]
    assert any(sum(fixture.regions[c]["kind"] == "oblast" for c in fixture.region_children(r)) >= 3 for r in countries)
    assert any(sum(fixture.regions[c]["kind"] == "city" for c in fixture.region_children(r)) >= 3
               for r, region in fixture.regions.items() if region["kind"] == "oblast")
    assert sum(len(ids) >= 3 for ids in fixture.tag_events().values()) >= 3, "three tags on three events each"
    claims = defaultdict(list)
    for _, _, claim in fixture.claims_by(lambda c: True):
        claims[claim["measure"]].append(claim)
    assert sum(len(c) >= 3 for c in claims.values()) >= 3, "three measures with three claims each"
    every_claim = [c for cs in claims.values() for c in cs]
    assert any(fixture.measures[m].get("unit") == "percent" and len(c) >= 3 for m, c in claims.items())
    assert any(c.get("note") for c in every_claim) and any(c.get("claimant_label") for c in every_claim)
    values = {str(c.get("value")) for c in every_claim}
    assert any(v.startswith("~") for v in values) and any(v.startswith(">=") for v in values)
    assert any(re.fullmatch(r"\d+-\d+", v) for v in values)
    assert any(c.get("stance") == "denies" and "value" not in c for c in every_claim), "a denial in words"
    assert len({w.year for w in fixture.when.values()}) >= 3
    june = [i for i, w in fixture.when.items() if (w.year, w.month) == (2025, 6)]
    assert sum(fixture.when[i].day is not None for i in june) >= 3
    assert sum(fixture.when[i].day is None for i in june) >= 2
    assert max(sum(1 for w in fixture.when.values() if w.year == year and w.month is None)
               for year in {w.year for w in fixture.when.values()}) >= 2
    assert any(s["kind"] == "parts" and len(s["next"]) >= 3 for s in fixture.storylines())
    assert any(s["kind"] == "chain" and s["size"] + 1 >= 3 for s in fixture.storylines())
    assert any("/" in e["date"] and e.get("date_display") for e in fixture.events.values())
    assert any(len(e["sources"]) >= 3 for e in fixture.events.values())
    assert any(len(fixture.actor_events(a)) >= 3 for a in fixture.actors)
    assert any(e.get("aliases") for e in fixture.events.values())
    for event_id, event in fixture.events.items():
        assert fixture.event_files[event_id].parent.name == event["date"][:4], "events/<year>/<id>.yaml"
        for source in event["sources"]:
            assert {"title", "publisher", "url", "date"} <= source.keys(), f"{event_id}: {source['id']}"
        if event["status"] == "confirmed":
            assert len({s["publisher"] for s in event["sources"]}) >= 2, f"{event_id}: confirmed by one publisher"


# ---------------------------------------------------------------- every page

def test_every_page_has_one_title_and_no_skipped_heading_level(site, load):
    problems = []
    for url in all_pages(site):
        if url in redirect_urls():
            continue
        levels = [level for level, _ in load(url).headings()]
        if levels[:1] != [1] or levels.count(1) != 1:
            problems.append(f"{url}: headings {levels} do not start with a single h1")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{url}: h{before} is followed by h{after}")
                break
    assert problems == []


def test_every_link_in_every_article_resolves(site, load):
    """Relative links lead to a page or file of the site, and their #fragment to an element of that page."""
    problems = []
    for url in all_pages(site):
        if url in redirect_urls():
            continue
        page = load(url)
        for link in page.article.find_all("a"):
            href = link.attrs.get("href") or ""
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href:
                continue
            target = page.resolve(href)
            file = page_file(site, target)
            if not file.is_file():
                problems.append(f"{url}: {href} leads nowhere")
            elif parts.fragment and file.name == "index.html":
                ids = {n.attrs.get("id") for n in load_page(site, target).root.iter()}
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{url}: {href} has no element #{parts.fragment}")
    assert problems == []


def test_anchors_are_unique_on_every_page(site, load):
    problems = []
    for url in all_pages(site):
        ids = [n.attrs["id"] for n in load(url).root.iter() if n.attrs.get("id")]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"{url}: {duplicates}")
    assert problems == []


def test_no_page_keeps_a_markdown_attribute(site, load):
    """``markdown="..."`` tells Python-Markdown how to read a block; it has no meaning left in HTML."""
    leftover = [url for url in all_pages(site)
                if any("markdown" in node.attrs for node in load(url).root.iter())]
    assert leftover == []


def test_every_top_level_page_is_built(site):
    for url in NAV_PAGES:
        assert page_file(site, "/" + url).is_file(), url


# ---------------------------------------------------------------- home

def test_home_page_counts_link_to_their_indexes(load):
    home = load("/")
    storylines = FIXTURE.storylines()
    measures_with_claims = {c["measure"] for _, _, c in FIXTURE.claims_by(lambda c: True)}
    counts = home.article.find(cls="tl-counts")
    assert counts is not None
    items = top_level_items(counts)
    assert [(li.text, home.target(li.find("a"))) for li in items] == [
        (plural(len(FIXTURE.events), "event"), "/chronology/"),
        (plural(len(FIXTURE.regions), "region"), "/regions/"),
        (plural(len(FIXTURE.actors), "actor"), "/actors/"),
        (plural(len(storylines), "storyline"), "/storylines/"),
        (f"{len(measures_with_claims)} measures with figures", "/figures/"),
    ]


def test_home_page_headings(load):
    home = load("/")
    site_name = re.search(r"^site_name: *(.+?) *$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    assert home.headings() == [(1, site_name), (2, "Latest events"), (2, "Where the latest events happened"),
                               (2, "Explore")]


def test_home_page_latest_events_are_the_listing_order_reversed(load):
    home = load("/")
    latest = dict(sections(home, 2))["Latest events"]
    expected = list(reversed(FIXTURE.ordered(FIXTURE.events)))[:LATEST_ON_HOME]
    assert [event_links(home, li) for li in latest] == [[i] for i in expected]
    for item, event_id in zip(latest, expected):
        check_event_item(home, item, event_id)


# ---------------------------------------------------------------- chronology

def test_chronology_index_lists_years_then_every_event_by_period(load):
    page = load("/chronology/")
    years = sorted({w.year for w in FIXTURE.when.values()})
    parts = page.article.find(cls="tl-parts")
    assert parts is not None, "the chronology links to one page per year"
    counts = {year: sum(w.year == year for w in FIXTURE.when.values()) for year in years}
    assert [(li.text, page.target(li.find("a"))) for li in top_level_items(parts)] == \
        [(f"{year} — {plural(counts[year], 'entry').replace('entrys', 'entries')}", f"/chronology/{year}/")
         for year in years]
    expected = FIXTURE.sections(FIXTURE.events)
    assert page.headings() == [(1, "Chronology")] + [(2, heading) for heading, _ in expected]
    check_listing(page, 2, FIXTURE.events)


@pytest.mark.parametrize("year", sorted({w.year for w in FIXTURE.when.values()}))
def test_chronology_year_page_lists_its_events_by_period(load, year):
    page = load(f"/chronology/{year}/")
    ids = [i for i, w in FIXTURE.when.items() if w.year == year]
    expected = FIXTURE.sections(ids)
    assert page.headings() == [(1, f"Chronology: {year}")] + [(2, heading) for heading, _ in expected]
    check_listing(page, 2, ids)


def test_june_2025_keeps_day_known_and_month_only_entries_apart(load):
    """The case that prompted the rule, spelt out: nothing dated only 'June 2025' among the days of June."""
    page = load("/chronology/2025/")
    shown = dict((heading, [event_links(page, li)[0] for li in items]) for heading, items in sections(page, 2))
    assert "June 2025" in shown and "June 2025, day not given" in shown and "2025, month not given" in shown
    assert all(FIXTURE.when[i].day is not None for i in shown["June 2025"])
    assert all(FIXTURE.when[i].day is None for i in shown["June 2025, day not given"])
    headings = list(shown)
    assert headings.index("June 2025") + 1 == headings.index("June 2025, day not given")
    assert headings[-1] == "2025, month not given"


# ---------------------------------------------------------------- regions

def test_regions_index_is_the_region_tree_with_roll_up_counts(load):
    page = load("/regions/")
    assert page.headings() == [(1, "Regions"), (2, "Russia"), (2, "Ukraine"), (2, "All regions")]
    lists = [ul for ul in page.article.find_all("ul") if not any(a.tag in ("li", "figure") for a in ul.ancestors())]
    assert len(lists) == 1, "one nested list of regions"

    def check(ul: Node, parent: str | None) -> None:
        items = [li for li in ul.children if isinstance(li, Node) and li.tag == "li"]
        children = FIXTURE.region_children(parent)
        assert len(items) == len(children), f"{parent}: {[li.text[:40] for li in items]}"
        for li, region_id in zip(items, children):
            region = FIXTURE.regions[region_id]
            own_links = [a for a in li.links() if next(a.ancestors()) is li]
            assert [(a.text, page.target(a)) for a in own_links] == [(region["name"], f"/regions/{region_id}/")]
            own_text = " ".join(" ".join(c if isinstance(c, str) else c.text for c in li.children
                                         if not (isinstance(c, Node) and c.tag == "ul")).split())
            kind = region["kind"].replace("-", " ") + (f" · {region['iso_code']}" if region.get("iso_code") else "")
            count = len(FIXTURE.region_events(region_id))
            assert own_text == f"{region['name']} {kind} — {plural(count, 'event')}"
            nested = [c for c in li.children if isinstance(c, Node) and c.tag == "ul"]
            if FIXTURE.region_children(region_id):
                assert len(nested) == 1, f"{region_id}: its sub-regions in one nested list"
                check(nested[0], region_id)
            else:
                assert nested == []

    check(lists[0], None)


@pytest.mark.parametrize("region_id", sorted(FIXTURE.regions))
def test_region_page_lists_its_events_and_sub_regions(load, region_id):
    page = load(f"/regions/{region_id}/")
    region = FIXTURE.regions[region_id]
    ids = FIXTURE.region_events(region_id)
    expected = FIXTURE.sections(ids)
    assert page.headings() == [(1, region["name"]), (2, f"Events ({len(ids)})")] + \
        [(3, heading) for heading, _ in expected]
    check_listing(page, 3, ids)
    paragraphs = {p.text.partition(":")[0]: p for p in page.article.find_all("p")}
    ancestors, children = FIXTURE.region_ancestors(region_id), FIXTURE.region_children(region_id)
    for label, expected_ids in (("Part of", ancestors), ("Contains", children)):
        if expected_ids:
            assert label in paragraphs, f"{region_id}: no '{label}:' line"
            assert sorted(page.target(a) for a in paragraphs[label].links()) == \
                sorted(f"/regions/{r}/" for r in expected_ids)
        else:
            assert label not in paragraphs


# ---------------------------------------------------------------- actors

def test_actors_index_has_one_item_per_actor_under_its_kind(load):
    page = load("/actors/")
    kinds = [k for k in KIND_HEADINGS if any(a["kind"] == k for a in FIXTURE.actors.values())]
    names = [a["name"] for a in FIXTURE.actors.values()]
    assert [heading for _, heading in page.headings() if sum(name in heading for name in names) > 1] == [], \
        "a heading runs several actors together"
    assert page.headings() == [(1, "Actors")] + [(2, KIND_HEADINGS[k]) for k in kinds]
    shown = sections(page, 2)
    for (heading, items), kind in zip(shown, kinds):
        actors = sorted((a for a in FIXTURE.actors.values() if a["kind"] == kind), key=lambda a: a["name"])
        assert len(items) == len(actors), f"{heading}: {len(actors)} actors, {len(items)} list items"
        for item, actor in zip(items, actors):
            links = item.links()
            assert [(a.text, page.target(a)) for a in links] == [(actor["name"], f"/actors/{actor['id']}/")], \
                f"{heading}: one actor per item, got {item.text!r}"
            events = len({e for ids in FIXTURE.actor_events(actor["id"]).values() for e in ids})
            claims = len(FIXTURE.claims_by(lambda c, a=actor["id"]: c["claimant"] == a))
            assert item.text == f"{actor['name']} — {plural(events, 'event')}" + \
                (f", {plural(claims, 'claim')}" if claims else "")


@pytest.mark.parametrize("actor_id", sorted(FIXTURE.actors))
def test_actor_page_groups_its_events_by_role(load, actor_id):
    page = load(f"/actors/{actor_id}/")
    actor = FIXTURE.actors[actor_id]
    by_role = FIXTURE.actor_events(actor_id)
    claims = FIXTURE.claims_by(lambda c: c["claimant"] == actor_id)
    expected = [(1, actor["name"])] + [(2, f"As {role}") for role in by_role] + ([(2, "Claims made")] if claims else [])
    assert page.headings() == expected
    shown = {heading: items for heading, items in sections(page, 2)}
    for role, ids in by_role.items():
        items = shown[f"As {role}"]
        assert [event_links(page, li) for li in items] == [[i] for i in ids], f"As {role}: order or items"
        for item, event_id in zip(items, ids):
            check_event_item(page, item, event_id)
    members = sorted((a for a in FIXTURE.actors.values() if a.get("parent") == actor_id), key=lambda a: a["name"])
    paragraphs = {p.text.partition(":")[0]: p for p in page.article.find_all("p")}
    if members:
        assert [page.target(a) for a in paragraphs["Includes"].links()] == [f"/actors/{m['id']}/" for m in members]
    if actor.get("parent"):
        assert [page.target(a) for a in paragraphs["Part of"].links()] == [f"/actors/{actor['parent']}/"]


@pytest.mark.parametrize("actor_id", sorted({c["claimant"] for _, _, c in FIXTURE.claims_by(lambda c: True)}))
def test_actor_claims_table_shows_each_figure_with_unit_and_note(load, actor_id):
    page = load(f"/actors/{actor_id}/")
    claims = FIXTURE.claims_by(lambda c: c["claimant"] == actor_id)
    rows = claim_rows(page, claims, ["Date", "Event", "Measure", "Stance", "Figure"])
    for row, (event_id, n, claim) in zip(rows, claims):
        where = f"{page.url} claim {n} of {event_id}"
        assert row[2].text == FIXTURE.measures[claim["measure"]]["label"], where
        assert page.target(row[2].find("a")) == f"/figures/{claim['measure']}/"
        assert row[3].text == claim.get("stance", "asserts"), where
        check_figure(where, row[4], claim)


# ---------------------------------------------------------------- storylines

def test_storylines_page_has_one_h2_per_storyline_under_the_h1(load):
    page = load("/storylines/")
    stories = FIXTURE.storylines()
    assert page.headings() == [(1, "Storylines")] + [(2, FIXTURE.events[s["start"]]["title"]) for s in stories]


def test_storylines_list_their_parts_and_follow_ups_in_order(load):
    page = load("/storylines/")
    stories = FIXTURE.storylines()
    headings = page.article.find_all(*HEADINGS[1:])
    assert len(headings) == len(stories)
    level = int(headings[0].tag[1])  # the heading level is another test's business
    shown = sections(page, level)
    for (heading, items), story in zip(shown, stories):
        start = FIXTURE.events[story["start"]]
        assert heading == start["title"]
        heading_node = next(h for h in headings if h.text == heading)
        assert [page.target(a) for a in heading_node.links()] == [event_url(story["start"])]
        assert [event_links(page, li) for li in items] == [[e] for _, e in story["next"]], heading
        for item, (verb, event_id) in zip(items, story["next"]):
            assert item.text.startswith(verb), f"{heading}: {item.text!r}"
            check_event_item(page, item, event_id)
        siblings = [c for c in heading_node.parent.children if isinstance(c, Node)]
        line = siblings[siblings.index(heading_node) + 1].text
        if story["kind"] == "parts":
            assert f"operation in {plural(story['size'], 'part')}" in line, f"{heading}: {line!r}"
        else:
            last = FIXTURE.display_date(story["last"])
            assert f"chain of {story['size'] + 1} events, up to {last}" in line, f"{heading}: {line!r}"


# ---------------------------------------------------------------- figures

def test_figures_index_has_one_row_per_measure(load):
    page = load("/figures/")
    assert page.headings() == [(1, "Figures")]
    table = page.article.find("table")
    rows = table_rows(table)
    measures = sorted(FIXTURE.measures.values(), key=lambda m: m["label"])
    assert len(rows) == len(measures)
    for row, measure in zip(rows, measures):
        count = len(FIXTURE.claims_by(lambda c, m=measure["id"]: c["measure"] == m))
        assert [cell.text for cell in row] == [measure["label"], str(count)]
        assert page.target(row[0].find("a")) == f"/figures/{measure['id']}/"


@pytest.mark.parametrize("measure_id", sorted(FIXTURE.measures))
def test_measure_page_has_one_row_per_claim_in_listing_order(load, measure_id):
    page = load(f"/figures/{measure_id}/")
    measure = FIXTURE.measures[measure_id]
    claims = FIXTURE.claims_by(lambda c: c["measure"] == measure_id)
    headings = page.headings()
    assert headings[0] == (1, measure["label"]) and headings[-1] == (2, "Every claim")
    assert headings[1] == (2, "Latest figure of each claimant")
    assert {title for _, title in headings[2:-1]} <= {"Figures that cannot both be true"}
    rows = claim_rows(page, claims, ["Date", "Event", "Claimant", "Stance", "Figure", "Source"])
    for row, (event_id, n, claim) in zip(rows, claims):
        where = f"{page.url} claim {n} of {event_id}"
        event = FIXTURE.events[event_id]
        if FIXTURE.display_date(event_id):
            assert row[0].text == FIXTURE.display_date(event_id), where
        assert row[2].text == claimant_name(claim), where
        assert page.target(row[2].find("a")) == f"/actors/{claim['claimant']}/"
        assert row[3].text == claim.get("stance", "asserts"), where
        check_figure(where, row[4], claim)
        titles = [s["title"] for s in event["sources"] if s["id"] in claim["sources"]]
        assert all(title in row[5].text for title in titles), where


@pytest.mark.parametrize("measure_id", sorted(FIXTURE.measures))
def test_measure_page_opens_with_a_chart_and_the_latest_figure_of_each_claimant(load, measure_id):
    page = load(f"/figures/{measure_id}/")
    claims = [claim for _, _, claim in FIXTURE.claims_by(lambda c: c["measure"] == measure_id)]
    figure = page.article.find("figure", cls="tl-chart")
    svg = figure.find("svg") if figure is not None else None
    assert svg is not None and svg.attrs.get("role") == "img", f"{page.url}: no chart"
    title, desc = (svg.find(tag) for tag in ("title", "desc"))
    assert title is not None and desc is not None
    assert set((svg.attrs.get("aria-labelledby") or "").split()) == {title.attrs.get("id"), desc.attrs.get("id")}
    latest = next(t for t in page.article.find_all("table") if header_cells(t) == ["Claimant", "Figure", "For",
                                                                                   "Event"])
    claimants = {claimant_name(claim) for claim in claims}
    assert len(table_rows(latest)) == len({c["claimant"] for c in claims})
    assert {row[0].text for row in table_rows(latest)} <= claimants


# ---------------------------------------------------------------- tags

def test_tags_index_has_one_item_per_tag(load):
    page = load("/tags/")
    assert page.headings() == [(1, "Tags")]
    tags = FIXTURE.tag_events()
    items = top_level_items(page.article)
    assert [(li.text, [page.target(a) for a in li.links()]) for li in items] == \
        [(f"{tag} — {plural(len(ids), 'event')}", [f"/tags/{tag}/"]) for tag, ids in tags.items()]


@pytest.mark.parametrize("tag", list(FIXTURE.tag_events()))
def test_tag_page_lists_its_events_by_period(load, tag):
    page = load(f"/tags/{tag}/")
    ids = FIXTURE.tag_events()[tag]
    expected = FIXTURE.sections(ids)
    assert page.headings() == [(1, f"Tag: {tag}")] + [(2, heading) for heading, _ in expected]
    check_listing(page, 2, ids)


# ---------------------------------------------------------------- events

@pytest.mark.parametrize("event_id", sorted(FIXTURE.events))
def test_event_page_headings(load, event_id):
    page = load(event_url(event_id))
    event = FIXTURE.events[event_id]
    measures = list(dict.fromkeys(c["measure"] for c in event.get("claims", [])))
    expected = [(1, event["title"])]
    expected += [(2, "Details")] if event.get("body") else []
    if measures:
        expected += [(2, "Figures and claims")]
        expected += [(3, FIXTURE.measures[m]["label"] + (" disputed" if disputed(event, m) else "")) for m in measures]
    expected += [(2, "Sources")]
    expected += [(2, "Related events")] if event_id in FIXTURE.links else []
    assert page.headings() == expected


def disputed(event: dict, measure: str) -> bool:
    """Two claimants' figures about the measure cannot both be true (CONTRIBUTING.md's rule, worked out here apart)."""
    claims = [c for c in event.get("claims", []) if c["measure"] == measure]
    return any(a["claimant"] != b["claimant"] and None not in (allowed(a), allowed(b))
               and (allowed(a)[1] < allowed(b)[0] or allowed(b)[1] < allowed(a)[0])
               for i, a in enumerate(claims) for b in claims[i + 1:])


def allowed(claim: dict) -> tuple[float, float] | None:
    """The least and greatest number a claim allows (strict signs moved inward by a hair); None if not a figure."""
    value, bound = claim.get("value"), claim.get("bound", "exact")
    if value is None:
        return (0.0, 0.0) if claim.get("stance") == "denies" else None
    if claim.get("stance") == "denies":
        return None
    value = str(value).replace(" ", "")
    if "-" in value[1:]:
        low, high = value.split("-")
        return float(low), float(high)
    sign = value.rstrip("0123456789.")
    number = float(value[len(sign):])
    margin = max(number * 0.1, 1.0 if number.is_integer() else 0.0)
    span = {"": (number, number), "~": (number - margin, number + margin), ">=": (number, math.inf),
            ">": (number + 1e-9, math.inf), "<=": (-math.inf, number), "<": (-math.inf, number - 1e-9)}[sign]
    if bound == "estimate" and not sign:
        span = (number - margin, number + margin)
    return {"lower": (span[0], math.inf), "upper": (-math.inf, span[1])}.get(bound, span)


@pytest.mark.parametrize("event_id", sorted(FIXTURE.events))
def test_event_page_has_no_markdown_attribute(load, event_id):
    page = load(event_url(event_id))
    assert 'markdown="' not in page.html[page.html.index("<article"):page.html.index("</article>")]
    assert not [n.tag for n in page.article.iter() if "markdown" in n.attrs]


@pytest.mark.parametrize("event_id", sorted(FIXTURE.events))
def test_event_page_fields_table(load, event_id):
    page = load(event_url(event_id))
    event = FIXTURE.events[event_id]
    table = page.article.find("table")
    assert header_cells(table) == ["Field", "Details"]
    rows = {row[0].text: row[1] for row in table_rows(table)}
    expected = ["Date"] + (["Places"] if event.get("locations") else []) + \
        (["Actors"] if event.get("actors") else []) + ["Status"] + (["Tags"] if event.get("tags") else [])
    assert list(rows) == expected
    assert event["date"] in rows["Date"].text
    if event.get("locations"):
        assert [page.target(a) for a in rows["Places"].links()] == \
            [f"/regions/{loc['region']}/" for loc in event["locations"]]
    if event.get("actors"):
        assert [page.target(a) for a in rows["Actors"].links()] == [f"/actors/{a['actor']}/" for a in event["actors"]]
        assert rows["Actors"].text == "; ".join(f"{FIXTURE.actors[a['actor']]['name']} ({a['role']})"
                                                 for a in event["actors"])
    if event.get("tags"):
        assert [a.text for a in rows["Tags"].links()] == event["tags"]
    assert rows["Status"].text == event["status"]


@pytest.mark.parametrize("event_id", sorted(e for e, event in FIXTURE.events.items() if event.get("claims")))
def test_event_page_claims_tables_show_each_figure_with_unit_and_note(load, event_id):
    page = load(event_url(event_id))
    event = FIXTURE.events[event_id]
    tables = [
        t for t in page.article.find_all("table") if header_cells(t) == ["Claimant", "Stance", "Figure", "Source"]
    ]
    measures = list(dict.fromkeys(c["measure"] for c in event["claims"]))
    assert len(tables) == len(measures), "one table per measure"
    numbers = {s["id"]: str(n) for n, s in enumerate(event["sources"], 1)}
    for table, measure in zip(tables, measures):
        claims = [c for c in event["claims"] if c["measure"] == measure]
        rows = table_rows(table)
        assert len(rows) == len(claims), measure
        for n, (row, claim) in enumerate(zip(rows, claims)):
            where = f"{page.url} {measure} row {n}"
            assert row[0].text == claimant_name(claim), where
            assert page.target(row[0].find("a")) == f"/actors/{claim['claimant']}/"
            assert row[1].text == claim.get("stance", "asserts"), where
            check_figure(where, row[2], claim)
            assert [(a.text, a.attrs["href"]) for a in row[3].links()] == \
                [(numbers[s], f"#source-{s}") for s in claim["sources"]], where


@pytest.mark.parametrize("event_id", sorted(FIXTURE.events))
def test_event_page_sources_are_one_numbered_item_each(load, event_id):
    page = load(event_url(event_id))
    event = FIXTURE.events[event_id]
    heading = next(h for h in page.article.find_all("h2") if h.text == "Sources")
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    listing = next(c for c in siblings[siblings.index(heading) + 1:] if c.tag in ("ol", "ul", "h2"))
    assert listing.tag == "ol"
    items = top_level_items(listing)
    assert len(items) == len(event["sources"])
    for item, source in zip(items, event["sources"]):
        assert item.find("span").attrs.get("id") == f"source-{source['id']}"
        assert item.text.startswith(f"{source['title']}, {source['publisher']}, "), item.text
        hrefs = [a.attrs["href"] for a in item.links()]
        assert hrefs == [source["url"]] + ([source["archive_url"]] if source.get("archive_url") else [])


@pytest.mark.parametrize("event_id", sorted(FIXTURE.links))
def test_event_page_related_events_in_both_directions(load, event_id):
    page = load(event_url(event_id))
    heading = next(h for h in page.article.find_all("h2") if h.text == "Related events")
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    after = siblings[siblings.index(heading) + 1:]
    shown, label = {}, None
    for node in after:
        if node.tag in HEADINGS or node.tag == "hr":
            break
        if node.tag == "p" and node.find("strong") is not None:
            label = node.text
            shown[label] = []
        elif node.tag == "ul" and label is not None:
            shown[label] += [event_links(page, li) for li in top_level_items(node)]
    assert shown == {label: [[i] for i in ids] for label, ids in FIXTURE.links[event_id].items()}


# ---------------------------------------------------------------- data and redirects

def test_data_page_lists_every_export_and_schema(site, load):
    page = load("/data/")
    assert page.headings() == [(1, "Data"), (2, "Reading the files"), (2, "JSON Schemas"), (2, "Licence"),
                               (2, "How to cite")]
    events = FIXTURE.events.values()
    claims = sum(len(e.get("claims", [])) for e in events)
    sources = sum(len(e["sources"]) for e in events)
    assert f"{len(FIXTURE.events)} events, {claims} claims and {sources} sources" in page.article.text
    table = page.article.find("table")
    assert header_cells(table) == ["File", "Format", "Contents", "Size"]
    rows = table_rows(table)
    assert [row[0].text for row in rows] == list(EXPORTS)
    for row in rows:
        assert page_file(site, page.target(row[0].find("a"))).stat().st_size > 0
        assert re.fullmatch(r"[\d.,]+ (B|kB|MB)", row[3].text), row[3].text
    heading = next(h for h in page.article.find_all("h2") if h.text == "JSON Schemas")
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    schemas = next(c for c in siblings[siblings.index(heading) + 1:] if c.tag == "ul")
    items = top_level_items(schemas)
    assert len(items) >= 3
    for item in items:
        assert len(item.links()) == 1 and page_file(site, page.target(item.find("a"))).is_file()


@pytest.mark.parametrize("event_id, alias", [(e, a) for e, event in sorted(FIXTURE.events.items())
                                             for a in event.get("aliases", [])])
def test_former_address_redirects_to_the_event(site, event_id, alias):
    old = load_page(site, event_url(alias))
    refresh = next(n for n in old.root.find_all("meta") if (n.attrs.get("http-equiv") or "").lower() == "refresh")
    delay, _, target = refresh.attrs["content"].partition(";")
    assert delay.strip() == "0"
    target = target.strip().removeprefix("url=")
    assert old.resolve(target) == event_url(event_id)
    assert [old.target(a) for a in old.root.find_all("a")] == [event_url(event_id)]
    canonical = next(n for n in old.root.find_all("link") if n.attrs.get("rel") == "canonical")
    assert canonical.attrs["href"].endswith(event_url(event_id))
    assert FIXTURE.events[event_id]["title"] in old.root.find("title").text
    assert page_file(site, event_url(event_id)).is_file()
    assert not any(alias in link.attrs.get("href", "") for url in ("/", "/chronology/")
                   for link in load_page(site, url).root.find_all("a")), "pages link to the current address"
