"""The Explore page as a reader uses it, in Chromium: filters from the address, typing, Back and Forward,
downloads, messages for bad addresses, the keyboard, no JavaScript, accessibility and the look.

What each address should list is worked out here from the published ``data/events.csv`` and the YAML
(regions' parents, the measures of each event's claims), not by the page's own code.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml

from conftest import ROOT, build_with_repository_config

from .conftest import (
    PHONE,
    SCHEMES,
    VIEWPORTS,
    open_page,
    overflowing_elements,
    relative_luminance,
    screenshots,
    serve,
)
from .test_accessibility import BLOCKING, axe_violations, describe

EXPLORE = "explore/"
STRIKE_NIGHT = "2025-06-05-mass-strikes-on-ukraine"
TIMELINE = ROOT / "timeline"


# ---------------------------------------------------------------- what an address should list

def _load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


REGIONS = {r["id"]: r for r in _load_yaml(TIMELINE / "regions.yaml")["regions"]}
ACTORS = {a["id"]: a for a in _load_yaml(TIMELINE / "actors.yaml")["actors"]}
YAML_EVENTS = {path.stem: _load_yaml(path) for path in (TIMELINE / "events").rglob("*.yaml")}


def _within(region: str, chosen: set[str]) -> bool:
    """Whether ``region`` is one of ``chosen`` or lies within one of them."""
    while region is not None:
        if region in chosen:
            return True
        region = REGIONS[region].get("parent")
    return False


def _plain(text: str) -> str:
    """Text as a reader's words are compared with it: no accents, lower case, single spaces."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(bare.lower().replace("\u2019", "'").split())


def _spellings(entry: dict) -> list[str]:
    return [_plain(name) for name in [entry["name"], *entry.get("aliases", [])]]


def expected_ids(rows: list[dict], query: str) -> list[str]:
    """The ids an Explore address should list, in the order of events.csv (the date order)."""
    params = parse_qs(query)
    found = []
    for row in rows:
        event = YAML_EVENTS[row["id"]]
        regions = [r for r in row["regions"].split(";") if r]
        pairs = [tuple(p.split(":")) for p in row["actors"].split(";") if p]
        if "from" in params and row["latest"] < params["from"][0]:
            continue
        if "to" in params and row["earliest"] > params["to"][0]:
            continue
        if "region" in params and not any(_within(r, set(params["region"])) for r in regions):
            continue
        if ("actor" in params or "role" in params) and not any(
                a in params.get("actor", [a]) and r in params.get("role", [r]) for a, r in pairs):
            continue
        if "type" in params and row["type"] not in params["type"]:
            continue
        if "status" in params and row["status"] not in params["status"]:
            continue
        if "tag" in params and not set(params["tag"]) & set(row["tags"].split(";")):
            continue
        if "measure" in params and not set(params["measure"]) & {c["measure"] for c in event.get("claims", [])}:
            continue
        if "q" in params:
            text = " ".join(_plain(t) for t in [row["title"], event["summary"]]
                            + [s for r in regions for s in _spellings(REGIONS[r])]
                            + [s for a, _ in pairs for s in _spellings(ACTORS[a])])
            word = _plain(params["q"][0])
            named = [entry for entry in [*REGIONS.values(), *ACTORS.values()] if word in _spellings(entry)]
            alternatives = {word} | {s for entry in named for s in _spellings(entry)}
            if not any(a in text for a in alternatives):
                continue
        found.append(row["id"])
    return found


@pytest.fixture(scope="module")
def csv_rows(built_site: Path) -> list[dict]:
    text = (built_site / "data" / "events.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ---------------------------------------------------------------- driving the page

def open_explore(page, base: str, query: str = "") -> None:
    response = page.goto(base + EXPLORE + (f"?{query}" if query else ""))
    assert response is not None and response.ok
    wait_until_shown(page)


def wait_until_shown(page) -> None:
    page.wait_for_function("() => !document.getElementById('tl-explore-count').textContent.startsWith('Loading')")


def listed(page) -> list[str]:
    """The ids of the events listed, from the addresses of their links."""
    hrefs = page.eval_on_selector_all("#tl-explore-list li a", "links => links.map(a => a.href)")
    return [re.search(r"/events/([^/]+)/$", href).group(1) for href in hrefs]


def count_text(page) -> str:
    return page.inner_text("#tl-explore-count")


def problems(page) -> str:
    return page.inner_text("#tl-explore-problems")


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# ---------------------------------------------------------------- filters from the address

def test_a_region_lists_exactly_the_events_in_it(page, base_url):
    open_explore(page, base_url, "region=volyn-oblast")
    assert listed(page) == [STRIKE_NIGHT]
    assert count_text(page) == "1 event of 14 matches."
    assert page.get_by_label("Volyn Oblast").is_checked()
    assert page.locator("details[data-facet=region] summary").inner_text() == "Region (1 chosen)"
    page.click(f"#tl-explore-list a[href$='/events/{STRIKE_NIGHT}/']")
    assert page.url == base_url + f"events/{STRIKE_NIGHT}/"
    assert page.log.console_errors == []


@pytest.mark.parametrize("query", [
    "",
    "region=russia",                                      # with its sub-regions: Moscow, Siberia, ...
    "region=ukraine&tag=drones",
    "region=siberia&region=volyn-oblast",                 # any of
    "actor=russia&role=perpetrator",
    "actor=ukraine&actor=ukrainian-armed-forces&role=perpetrator",
    "role=mediator",
    "from=2025-06-01&to=2025-06-03",                      # events known only to the month overlap these days
    "from=2025-06-07",
    "to=2022-12-31",
    "type=strike&type=air-defence",
    "status=disputed",
    "measure=killed",
    "measure=stated_position&actor=russia",
    "q=drone",
    "from=2025-06-01&to=2025-06-30&region=kyiv-oblast&actor=russia&role=perpetrator&type=strike"
    "&status=disputed&tag=drones&measure=killed&q=spider",
])
def test_every_filter_of_the_address_lists_the_events_it_describes(page, base_url, csv_rows, query):
    open_explore(page, base_url, query)
    wanted = expected_ids(csv_rows, query)
    assert listed(page) == wanted
    assert problems(page) == ""
    if not wanted:
        assert count_text(page) == "No event matches these filters, out of 14 events."
    for key, values in parse_qs(query).items():
        if key in ("from", "to", "q"):
            assert page.input_value(f"#tl-explore-form [name={key}]") == values[0]
        else:
            for value in values:
                assert page.is_checked(f"#tl-{key}-{value}"), f"{key}={value} is not shown as chosen"


@pytest.mark.parametrize("word", ["Київ", "Kiev", "Киев", "kyiv"])
def test_words_match_every_spelling_of_a_place(page, base_url, csv_rows, word):
    open_explore(page, base_url, f"q={word}")
    found = listed(page)
    assert STRIKE_NIGHT in found
    assert found == expected_ids(csv_rows, "q=kyiv")


def test_words_match_an_actor_written_in_cyrillic(page, base_url, csv_rows):
    open_explore(page, base_url, "q=Песков")
    assert listed(page) == ["2025-06-kremlin-calls-war-existential-issue"]
    open_explore(page, base_url, "q=Kremlin")
    assert listed(page) == expected_ids(csv_rows, "q=kremlin") != []


def test_words_in_the_address_are_the_view_s_not_the_site_search_s(page, base_url):
    """Material's search takes a "q" parameter for itself, opening over the page and removing it when closed."""
    open_explore(page, base_url, "q=spider&type=strike")
    page.wait_for_load_state("load")
    page.wait_for_function("() => location.search.includes('q=spider')")
    assert query_of(page) == {"type": ["strike"], "q": ["spider"]}
    assert not page.is_checked("#__search"), "the site's search dialog stays closed"
    assert page.input_value("input[data-md-component=search-query]") == ""
    assert listed(page) == ["2025-06-01-operation-spider-web"]
    page.keyboard.press("Escape")
    assert query_of(page) == {"type": ["strike"], "q": ["spider"]}


def test_words_that_spell_a_region_in_several_words_match_it(page, base_url):
    open_explore(page, base_url, "q=" + "Russian Federation spider")
    assert listed(page) == ["2025-06-01-operation-spider-web", "2025-06-spider-web-preparation"]


# ---------------------------------------------------------------- changing the view

def test_typing_narrows_the_list_and_back_restores_the_view_before(page, base_url, csv_rows):
    open_explore(page, base_url, "type=strike")
    before = listed(page)
    assert before == expected_ids(csv_rows, "type=strike") and len(before) >= 3
    page.click("#tl-q")
    page.keyboard.type("spider", delay=60)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'spider'")
    assert listed(page) == ["2025-06-01-operation-spider-web"]
    assert query_of(page) == {"type": ["strike"], "q": ["spider"]}
    assert count_text(page) == "1 event of 14 matches."
    page.go_back()
    page.wait_for_function("() => !location.search.includes('q=')")
    assert query_of(page) == {"type": ["strike"]}, "one run of typing is one step of history"
    assert page.input_value("#tl-q") == ""
    assert listed(page) == before
    page.go_forward()
    page.wait_for_function("() => location.search.includes('q=spider')")
    assert page.input_value("#tl-q") == "spider"
    assert listed(page) == ["2025-06-01-operation-spider-web"]
    assert page.log.console_errors == []


def test_choosing_filters_updates_the_address_and_back_and_forward_work(page, base_url, csv_rows):
    open_explore(page, base_url)
    assert count_text(page) == "All 14 events, oldest first."
    page.click("details[data-facet=region] summary")
    page.check("#tl-region-ukraine")
    page.wait_for_function("() => location.search === '?region=ukraine'")
    assert listed(page) == expected_ids(csv_rows, "region=ukraine")
    page.click("details[data-facet=status] summary")
    page.check("#tl-status-reported")
    page.wait_for_function("() => location.search === '?region=ukraine&status=reported'")
    assert listed(page) == expected_ids(csv_rows, "region=ukraine&status=reported")
    page.fill("#tl-from", "2025-06-01")
    page.wait_for_function("() => location.search.startsWith('?from=2025-06-01&region=ukraine')")
    assert listed(page) == expected_ids(csv_rows, "from=2025-06-01&region=ukraine&status=reported")

    page.go_back()
    page.wait_for_function("() => location.search === '?region=ukraine&status=reported'")
    assert page.input_value("#tl-from") == ""
    assert listed(page) == expected_ids(csv_rows, "region=ukraine&status=reported")
    page.go_back()
    page.wait_for_function("() => location.search === '?region=ukraine'")
    assert not page.is_checked("#tl-status-reported")
    page.go_forward()
    page.wait_for_function("() => location.search === '?region=ukraine&status=reported'")
    assert page.is_checked("#tl-status-reported")

    page.click("#tl-explore-form button[type=reset]")
    page.wait_for_function("() => location.search === ''")
    assert count_text(page) == "All 14 events, oldest first."
    assert not page.is_checked("#tl-region-ukraine")


@pytest.mark.parametrize("uri, key, value", [
    ("regions/ukraine/", "region", "ukraine"),
    ("regions/russia/", "region", "russia"),
    ("actors/russia/", "actor", "russia"),
    ("tags/drones/", "tag", "drones"),
    ("figures/killed/", "measure", "killed"),
])
def test_pages_of_one_region_actor_tag_or_measure_open_explore_with_their_events(page, base_url, csv_rows,
                                                                                  uri, key, value):
    page.goto(base_url + uri)
    page.click(".tl-explore-link a")
    page.wait_for_url(f"**/{EXPLORE}?{key}={value}")
    wait_until_shown(page)
    assert query_of(page) == {key: [value]}
    assert listed(page) == expected_ids(csv_rows, f"{key}={value}") != []


# ---------------------------------------------------------------- downloads

def test_the_csv_download_is_the_listed_events_as_in_events_csv(page, base_url, built_site):
    open_explore(page, base_url, "tag=drones&from=2025-06-01")
    shown = listed(page)
    assert len(shown) >= 3
    with page.expect_download() as download:
        page.click("#tl-download-csv")
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".csv")

    published = list(csv.reader(io.StringIO((built_site / "data" / "events.csv").read_text(encoding="utf-8"),
                                            newline="")))
    by_id = {row[0]: row for row in published[1:]}
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([published[0], *(by_id[i] for i in shown)])
    assert data == buffer.getvalue().encode("utf-8"), "the same header, rows and bytes as events.csv"


def test_the_json_download_is_timeline_json_with_the_listed_events(page, base_url, built_site):
    open_explore(page, base_url, "region=russia")
    shown = listed(page)
    assert len(shown) >= 3
    with page.expect_download() as download:
        page.click("#tl-download-json")
    selection = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    whole = json.loads((built_site / "data" / "timeline.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in selection["events"]] == shown
    assert selection == {**whole, "events": [e for e in whole["events"] if e["id"] in shown]}
    schema = json.loads((ROOT / "schema" / "timeline-export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(selection, schema)
    assert page.log.console_errors == []


def test_nothing_to_download_when_nothing_matches(page, base_url):
    open_explore(page, base_url, "q=no-such-words-anywhere")
    assert listed(page) == []
    assert page.is_disabled("#tl-download-csv") and page.is_disabled("#tl-download-json")


# ---------------------------------------------------------------- bad addresses

@pytest.mark.parametrize("query, message, rest", [
    ("region=atlantis&type=strike", "region: no region of this timeline has the id “atlantis”", "type=strike"),
    ("actor=nobody&actor=russia&role=perpetrator", "actor: no actor of this timeline has the id “nobody”",
     "actor=russia&role=perpetrator"),
    ("from=2025-07-01&to=2025-06-01&type=statement", "from (2025-07-01) is after to (2025-06-01)", "type=statement"),
    ("from=2025-02-30&status=disputed", "from: “2025-02-30” is not a date", "status=disputed"),
    ("to=yesterday&tag=drones", "to: “yesterday” is not a date", "tag=drones"),
    ("colour=red&status=disputed", "“colour” is not a filter of this page", "status=disputed"),
    ("type=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "type: no type of event of this timeline has the id "
                                                 "“<script>alert(1)</script>”", ""),
    ("page=two", "page: “two” is not a page number", ""),
    ("status=rumoured&type=strike", "status: no status of this timeline has the id “rumoured”, so this value is "
                                    "ignored. Choose one under “Status”.", "type=strike"),
    ("measure=killed&measure=killed&tag=", "", "measure=killed"),
    ("h=strikes&status=disputed", "", "status=disputed"),  # Material's search adds h= to highlight its words
])
def test_a_bad_parameter_is_named_and_only_its_filter_is_ignored(page, base_url, csv_rows, query, message, rest):
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    open_explore(page, base_url, query)
    if message:
        assert message in problems(page)
        assert page.get_by_role("alert").inner_text().startswith("Part of this address could not be used")
    else:
        assert problems(page) == ""
    assert listed(page) == expected_ids(csv_rows, rest)
    assert page.locator("#tl-explore-problems script").count() == 0
    assert page.log.console_errors == []


def test_a_message_goes_once_the_reader_changes_the_filters(page, base_url):
    open_explore(page, base_url, "region=atlantis")
    assert "atlantis" in problems(page)
    page.click("details[data-facet=type] summary")
    page.check("#tl-type-strike")
    page.wait_for_function("() => location.search === '?type=strike'")
    assert problems(page) == ""


# ---------------------------------------------------------------- long results

@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> str:
    """A timeline of 250 synthetic events, shaped like the real entries."""
    from bench.synthetic import generate

    folder = tmp_path_factory.mktemp("explore-long")
    generate(TIMELINE, folder / "timeline", 250)
    site = build_with_repository_config(folder / "site", extra={"timeline_folder": str(folder / "timeline")})
    yield from serve(site)


def test_long_results_come_a_page_at_a_time(page, long_site):
    open_explore(page, long_site)
    assert count_text(page) == "All 250 events, oldest first."
    assert len(listed(page)) == 100
    assert page.inner_text("#tl-page-position") == "Page 1 of 3: events 1–100"
    assert page.is_disabled("#tl-page-previous")
    first_page = listed(page)
    page.click("#tl-page-next")
    page.wait_for_function("() => location.search === '?page=2'")
    assert page.evaluate("document.getElementById('tl-explore-list').start") == 101
    assert page.evaluate("document.activeElement.id") == "tl-explore-heading", "focus moves to the results"
    second_page = listed(page)
    assert len(second_page) == 100 and not set(first_page) & set(second_page)
    page.click("#tl-page-next")
    page.wait_for_function("() => location.search === '?page=3'")
    assert page.inner_text("#tl-page-position") == "Page 3 of 3: events 201–250"
    assert page.is_disabled("#tl-page-next")
    page.go_back()
    page.wait_for_function("() => location.search === '?page=2'")
    assert listed(page) == second_page
    page.click("details[data-facet=status] summary")
    page.check("#tl-status-disputed")  # a new filter starts again on its first page
    page.wait_for_function("() => location.search === '?status=disputed'")
    assert page.evaluate("document.getElementById('tl-explore-list').start") == 1


# ---------------------------------------------------------------- everyone

def test_without_javascript_the_page_says_so_and_links_the_other_lists(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + EXPLORE)
        assert page.is_hidden("#tl-explore")
        message = page.locator(".tl-explore-nojs")
        assert message.is_visible()
        assert "needs JavaScript" in message.inner_text()
        links = {a.inner_text(): a.get_attribute("href") for a in message.locator("a").all()}
        assert links["chronology"] == "../chronology/" and links["data files"] == "../data/"
    finally:
        context.close()


def test_the_filters_work_from_the_keyboard_alone(page, base_url):
    open_explore(page, base_url)
    page.focus("#tl-q")
    names = []
    for _ in range(40):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim() || document.activeElement.id"))
        if names[-1].startswith("Type"):
            break
    assert names[-1].startswith("Type"), f"Tab never reached the Type filter: {names}"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tl-type-strike"
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search === '?type=strike'")
    status = page.get_by_role("status")
    assert status.inner_text() == count_text(page) and "of 14 match" in status.inner_text()
    focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus != "none", "the focused checkbox shows where the focus is"


def test_every_control_has_a_name(page, base_url):
    open_explore(page, base_url)
    unnamed = page.evaluate("""() => [...document.querySelectorAll('#tl-explore input, #tl-explore button')]
        .filter(el => !(el.labels && el.labels.length) && !el.textContent.trim()).map(el => el.outerHTML)""")
    assert unnamed == []


@pytest.mark.parametrize("query", ["region=ukraine&status=reported", "region=atlantis&from=2025-13-01"])
def test_no_serious_accessibility_violations_on_explore(scheme_page, base_url, query):
    open_explore(scheme_page, base_url, query)
    scheme_page.click("details[data-facet=actor] summary")
    blocking = [v for v in axe_violations(scheme_page) if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(describe(v) for v in blocking)


def test_explore_fits_a_phone_and_asks_nothing_of_other_hosts(browser, base_url):
    page = open_page(browser, viewport=PHONE, color_scheme="dark")
    try:
        open_explore(page, base_url, "region=ukraine")  # the region list opens by itself, as a region is chosen
        for facet in ("actor", "tag", "measure"):
            page.click(f"details[data-facet={facet}] summary")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert overflowing_elements(page) == []
        assert page.log.foreign_requests() == []
        assert page.log.console_errors == []
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def screenshot_folder() -> Path:
    return screenshots("explore")


LOOKS = {"explore": "region=ukraine", "explore-problems": "region=atlantis&to=2025-02-30", "explore-all": "",
         "explore-none": "q=no-such-words-anywhere"}


@pytest.mark.parametrize("width", ["1280", "375"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_explore_looks_right(browser, base_url, screenshot_folder, width, scheme):
    """Screenshots once the events are shown; in the chosen scheme, readable, and never wider than the screen."""
    viewport = VIEWPORTS[width]
    page = open_page(browser, viewport=viewport, color_scheme=scheme)
    try:
        for name, query in LOOKS.items():
            open_explore(page, base_url, query)
            page.screenshot(path=screenshot_folder / f"{name}-{width}-{scheme}.png", full_page=True)
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
            text = relative_luminance(page.evaluate("getComputedStyle(document.querySelector('#tl-explore-list li,"
                                                    " #tl-explore-count')).color"))
            background = relative_luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
            assert (text > 0.4 > 0.05 > background) if scheme == "dark" else (background > 0.9 > 0.05 > text)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
            assert overflowing_elements(page) == [], name
        assert page.log.console_errors == []
    finally:
        page.context.close()
