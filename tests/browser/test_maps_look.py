"""Maps in Chromium: where an event happened, and how events spread over the regions, as a reader sees them.

Screenshots of every kind of page with a map, at 1280 and 375 px, light and dark, go to
tests/browser/screenshots/maps/ for a person to look at. What a reader relies on: the shared
shapes (assets/maps/<frame>.svg, reached through <use>) load and are painted in the map's colours,
no wider than the screen; every region on the map can be seen, pointed at and reached with the
keyboard, has a name, and leads to its page; the places of an event stand out from the other land
in both schemes and "no events" is not "no data"; the colours survive printing; nothing is fetched
from another host; axe-core finds nothing critical or serious.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import PHONE, SCHEMES, VIEWPORTS, look_at_pages, open_page, relative_luminance, screenshots
from .test_accessibility import BLOCKING, axe_violations, describe

pytestmark = pytest.mark.browser

STRIKE_NIGHT = "events/2025-06-05-mass-strikes-on-ukraine/"  # nine oblasts highlighted
SPIDER_WEB = "events/2025-06-01-operation-spider-web/"  # two approximate places, drawn as markers
STRUCK_OBLASTS = {f"regions/{slug}/" for slug in (
    "volyn-oblast", "lviv-oblast", "ternopil-oblast", "kyiv", "sumy-oblast", "poltava-oblast",
    "cherkasy-oblast", "chernihiv-oblast", "khmelnytskyi-oblast")}
PAGES = {
    "event-strike-night": STRIKE_NIGHT,
    "event-spider-web": SPIDER_WEB,
    "regions": "regions/",  # events per region: one map of Russia, one of Ukraine
    "region-ukraine": "regions/ukraine/",  # events per region below it
    "region-moscow": "regions/moscow/",  # where Moscow is
    "home": "",  # where the latest events happened
}
TALLY_PAGES = {"measure-per-region": "figures/alerts/"}  # one map per monitor

# Contrast ratios (WCAG formula) between two fills of the map, light / dark, with the palette of
# docs/assets/timeline.css: highlighted against land 3.32 / 4.69; "no events" (class 0) against "no data"
# (land) 1.41 / 1.49, and class 0 also has a dashed border, which the check accepts in place of contrast.
# The thresholds leave a margin below these.
HIGHLIGHT_CONTRAST = 2.0
ZERO_CONTRAST = 1.3
MARKER_CONTRAST = 1.5
NO_PAINT = ("none", "transparent", "rgba(0, 0, 0, 0)")


@pytest.fixture(scope="module")
def screenshot_folder() -> Path:
    return screenshots("maps")


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two computed colours."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def map_colour(figure, name: str) -> str:
    """The colour ``--tl-map-<name>`` stands for inside ``figure``, as ``rgb(...)``."""
    return figure.evaluate("""(figure, name) => {
      const probe = document.createElement('span');
      probe.style.color = `var(--tl-map-${name})`;
      figure.appendChild(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    }""", name)


def fill(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).fill")


def wait_for_shapes(page) -> list[str]:
    """Wait for the shared shapes; return the <use> of any map still drawing nothing (a missing shape)."""
    drawn = """() => [...document.querySelectorAll('svg.tl-map-svg use')]
      .filter(use => { const box = use.getBBox(); return !(box.width > 0 && box.height > 0); })
      .map(use => use.getAttribute('href'))"""
    try:
        page.wait_for_function(f"({drawn})().length === 0", timeout=5_000)
    except PlaywrightTimeoutError:  # the list below says which shapes never arrived
        pass
    return page.evaluate(drawn)


def pixel_shares(page, locator) -> dict[str, float]:
    """Share (0 to 1) of the element's rendered pixels in each colour taking at least 0.5% of them."""
    picture = base64.b64encode(locator.screenshot()).decode()
    return page.evaluate("""async picture => {
      const image = new Image();
      image.src = 'data:image/png;base64,' + picture;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data, counts = {};
      for (let i = 0; i < pixels.length; i += 4) {
        const colour = `rgb(${pixels[i]}, ${pixels[i + 1]}, ${pixels[i + 2]})`;
        counts[colour] = (counts[colour] || 0) + 1;
      }
      const total = pixels.length / 4;
      return Object.fromEntries(Object.entries(counts).filter(([, n]) => n / total >= 0.005)
        .map(([colour, n]) => [colour, n / total]));
    }""", picture)


def pixel_colour(page, png: bytes) -> str:
    """The colour of the top left pixel of a screenshot."""
    return page.evaluate("""async picture => {
      const image = new Image();
      image.src = 'data:image/png;base64,' + picture;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 1;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    }""", base64.b64encode(png).decode())


def points_on_links(svg) -> dict[str, list[list[float]]]:
    """For each region link of the map (by href): the points of an 11 x 11 grid over its box where a
    pointer lands on that link rather than on something drawn over it."""
    return svg.evaluate("""svg => {
      svg.scrollIntoView({block: 'center'});
      const found = {};
      for (const link of svg.querySelectorAll('a')) {
        const box = link.getBoundingClientRect(), points = [];
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
          const x = box.left + box.width * i / 12, y = box.top + box.height * j / 12;
          const target = document.elementFromPoint(x, y);
          if (target && target.closest('a') === link) points.push([x, y]);
        }
        found[link.getAttribute('href')] = points;
      }
      return found;
    }""")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_map_pages_fit_the_screen(browser, base_url, tallies_url, screenshot_folder, width, scheme):
    problems = look_at_pages(browser, base_url, PAGES, screenshot_folder, width, scheme)
    problems += look_at_pages(browser, tallies_url, TALLY_PAGES, screenshot_folder, width, scheme)
    assert problems == []


@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_map_is_drawn_within_the_page(browser, base_url, tallies_url, width):
    viewport = VIEWPORTS[width]
    page = open_page(browser, viewport=viewport)
    try:
        for uri in [base_url + uri for uri in PAGES.values()] + [tallies_url + uri for uri in TALLY_PAGES.values()]:
            assert page.goto(uri).ok, uri
            maps = page.locator("figure.tl-map svg.tl-map-svg")
            assert maps.count() >= 1, f"{uri}: no map"
            assert wait_for_shapes(page) == [], f"{uri}: shapes that never arrived from assets/maps/"
            article = page.locator("article").bounding_box()
            for index in range(maps.count()):
                svg = maps.nth(index)
                box = svg.bounding_box()
                assert box is not None and box["height"] > 0, f"{uri}: map {index} has no height"
                assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], \
                    f"{uri}: map {index} is wider than the {width}px screen"
                column = svg.evaluate("el => el.closest('figure').getBoundingClientRect().width")  # its grid cell
                assert box["width"] >= max(0.9 * column, 280), \
                    f"{uri}: map {index} uses {box['width']:.0f}px of its {column:.0f}px column"
                assert box["x"] + box["width"] <= article["x"] + article["width"] + 1, \
                    f"{uri}: map {index} reaches past the text column"
                painted = svg.locator(":is(a, g) > :is(use, circle:not(.tl-map-ring))")
                assert painted.count() >= 1, f"{uri}: map {index} shows no region"
                for shape in painted.all():
                    assert fill(shape) not in NO_PAINT, f"{uri}: {shape.evaluate('el => el.outerHTML')} is unpainted"
                for name in svg.locator(".tl-map-name").all():  # measured: 10px high at 375, 20px at 1280
                    height = name.evaluate("el => el.getBoundingClientRect().height")
                    assert height >= 9, f"{uri}: the place name {name.inner_text()!r} is {height:.1f}px high"
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_shared_shapes_are_painted_in_the_maps_colours(browser, base_url, width, scheme):
    page = open_page(browser, viewport=VIEWPORTS[width], color_scheme=scheme)
    try:
        page.goto(base_url + STRIKE_NIGHT)
        assert wait_for_shapes(page) == []
        figure = page.locator("figure.tl-map").first
        shares = pixel_shares(page, figure.locator("svg"))
        # Measured: the struck oblasts cover 11.7-12.6% of the map, the land colour 40-43%.
        hit, land = map_colour(figure, "hit"), map_colour(figure, "land")
        assert shares.get(hit, 0) >= 0.05, f"the struck oblasts ({hit}) barely show: {shares}"
        assert shares.get(land, 0) >= 0.2, f"the land ({land}) is not painted from the shared shapes: {shares}"
    finally:
        page.context.close()


@pytest.mark.parametrize("uri", [pytest.param(uri, id=name) for name, uri in PAGES.items()])
def test_every_region_on_the_map_can_be_seen_and_pointed_at(page, base_url, uri):
    page.goto(base_url + uri)
    assert wait_for_shapes(page) == []
    for svg in page.locator("svg.tl-map-svg").all():
        hidden = [href for href, points in points_on_links(svg).items() if len(points) < 3]
        assert hidden == [], f"/{uri}: regions hidden under other shapes: {hidden}"


def test_the_keyboard_reaches_every_struck_oblast_and_each_has_a_name(page, base_url):
    page.goto(base_url + STRIKE_NIGHT)
    reached: dict[str, str] = {}
    entered = False
    for _ in range(300):
        page.keyboard.press("Tab")
        focus = page.evaluate("""() => {
          const el = document.activeElement;
          if (!el || el.tagName.toLowerCase() !== 'a' || !el.closest('svg.tl-map-svg')) return null;
          const box = el.getBoundingClientRect();
          return {href: new URL(el.getAttribute('href'), location.href).href, label: el.getAttribute('aria-label'),
                  outline: getComputedStyle(el).outlineStyle,
                  inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth};
        }""")
        if focus is None:
            if entered:
                break
            continue
        entered = True
        where = focus["href"].removeprefix(base_url)
        assert (focus["label"] or "").strip(), f"the map link to {where} has no name"
        assert focus["outline"] != "none" and focus["inView"], f"focus on {where} cannot be seen"
        reached[where] = focus["label"]
    assert set(reached) == STRUCK_OBLASTS
    svg = page.locator("svg.tl-map-svg")
    for label in reached.values():
        assert svg.get_by_role("link", name=label, exact=True).count() == 1, f"no link named {label!r}"


def test_enter_on_a_region_of_the_map_opens_its_page(page, base_url):
    page.goto(base_url + STRIKE_NIGHT)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg.tl-map-svg') !== null "
                         "&& document.activeElement.getAttribute('aria-label') === 'Lviv Oblast'"):
            break
    else:
        pytest.fail("Tab never reached Lviv Oblast on the map")
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "regions/lviv-oblast/")
    assert "Lviv Oblast" in page.locator("article h1").first.inner_text()


def test_clicking_a_region_of_the_map_opens_its_page(page, base_url):
    page.goto(base_url + STRIKE_NIGHT)
    assert wait_for_shapes(page) == []
    points = points_on_links(page.locator("svg.tl-map-svg"))["../../regions/sumy-oblast/"]
    assert points, "no point of the map lands on Sumy Oblast"
    x, y = points[len(points) // 2]
    page.mouse.click(x, y)
    page.wait_for_url(base_url + "regions/sumy-oblast/")
    assert "Sumy Oblast" in page.locator("article h1").first.inner_text()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_places_of_an_event_stand_out_from_the_other_land(browser, base_url, scheme):
    page = open_page(browser, color_scheme=scheme)
    try:
        page.goto(base_url + STRIKE_NIGHT)
        figure = page.locator("figure.tl-map").first
        land = map_colour(figure, "land")
        hits = figure.locator("use.tl-map-hit")
        assert hits.count() == len(STRUCK_OBLASTS)
        for hit in hits.all():
            ratio = contrast(fill(hit), land)
            assert ratio >= HIGHLIGHT_CONTRAST, f"a struck oblast against the land: {ratio:.2f}"
        swatch = figure.locator(".tl-map-legend .tl-map-swatch.tl-map-hit")
        assert swatch.evaluate("el => getComputedStyle(el).backgroundColor") == fill(hits.first), \
            "the legend shows the colour of the map"

        page.goto(base_url + SPIDER_WEB)
        assert wait_for_shapes(page) == []
        figure = page.locator("figure.tl-map").first
        land = map_colour(figure, "land")
        markers = figure.locator("circle.tl-map-point")
        assert markers.count() == 2
        for marker in markers.all():
            marker.scroll_into_view_if_needed()
            box = marker.bounding_box()
            centre = page.screenshot(clip={"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2,
                                           "width": 1, "height": 1})
            colour = pixel_colour(page, centre)
            ratio = contrast(colour, land)
            assert ratio >= MARKER_CONTRAST, f"a marker ({colour}) against the land ({land}): {ratio:.2f}"
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_events_is_told_apart_from_no_data_and_the_legend_matches(browser, base_url, scheme):
    page = open_page(browser, color_scheme=scheme)
    try:
        page.goto(base_url + PAGES["regions"])
        figures = page.locator("figure.tl-map")
        assert figures.count() == 2, "one map for Russia, one for Ukraine"
        zero_classes = 0
        for figure in figures.all():
            land = map_colour(figure, "land")
            zeros = figure.locator("svg use.tl-map-c0")
            if zeros.count():
                zero_classes += 1
                zero = fill(zeros.first)
                assert zero != land, "no events is painted as no data"
                ratio = contrast(zero, land)
                dashed = (zeros.first.evaluate("el => getComputedStyle(el).strokeDasharray") != "none"
                          and figure.locator(".tl-map-legend .tl-map-swatch.tl-map-c0").evaluate(
                              "el => getComputedStyle(el).borderStyle") == "dashed")
                assert ratio >= ZERO_CONTRAST or dashed, \
                    f"no events ({zero}) against no data ({land}): {ratio:.2f}, and no dashed border either"
            for swatch in figure.locator(".tl-map-legend .tl-map-swatch").all():
                shown = swatch.evaluate("el => getComputedStyle(el).backgroundColor")
                kind = swatch.evaluate("el => [...el.classList].find(c => c !== 'tl-map-swatch')")
                if kind == "tl-map-land":
                    assert shown == land
                    continue
                shapes = figure.locator(f"svg .{kind}")
                assert shapes.count() >= 1, f"the legend names {kind}, which the map does not use"
                assert {fill(shape) for shape in shapes.all()} == {shown}, f"{kind}: legend and map differ"
        assert zero_classes >= 1, "the map of Ukraine shows regions with no events"
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_map_keeps_its_colours_in_print(browser, base_url, scheme):
    page = open_page(browser, color_scheme=scheme, media="print")
    try:
        for uri in (STRIKE_NIGHT, PAGES["regions"]):
            page.goto(base_url + uri)
            assert wait_for_shapes(page) == []
            for svg in page.locator("figure.tl-map svg.tl-map-svg").all():
                assert svg.is_visible(), f"{uri}: the map is not printed"
                assert svg.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact", \
                    f"{uri}: the printer may drop the map's fills"
                shape = svg.locator(":is(a, g) > use").first
                assert fill(shape) not in NO_PAINT
            for swatch in page.locator(".tl-map-legend .tl-map-swatch").all():
                assert swatch.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact", \
                    f"{uri}: the printer may drop the legend's colours"
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_prints_in_the_same_colours_in_either_scheme(browser, base_url, screenshot_folder, scheme):
    """The chart prints black on white whatever the scheme; the map should print as it does from light."""
    printed = {}
    for asked in ("light", scheme):
        page = open_page(browser, color_scheme=asked, media="print")
        try:
            page.goto(base_url + PAGES["regions"])
            figure = page.locator("figure.tl-map").last
            printed[asked] = {name: map_colour(figure, name) for name in ("land", "hit", "c0", "c2", "c4")}
            page.pdf(path=screenshot_folder / f"regions-print-{asked}.pdf")
        finally:
            page.context.close()
    assert printed[scheme] == printed["light"]


def test_maps_fetch_nothing_from_other_hosts(browser, base_url, tallies_url):
    page = open_page(browser, viewport=PHONE)
    try:
        for uri in [base_url + uri for uri in PAGES.values()] + [tallies_url + uri for uri in TALLY_PAGES.values()]:
            assert page.goto(uri).ok, uri
            assert wait_for_shapes(page) == [], uri
        shapes = {url.split("/")[-1] for url in page.log.requests if "/assets/maps/" in url}
        assert shapes == {"ukraine.svg", "russia.svg", "western.svg"}, "the shapes come from this site"
        assert page.log.foreign_requests() == [], (
            "requests to hosts other than the local server:\n" + "\n".join(page.log.foreign_requests()))
        assert page.log.console_errors == [], "console errors:\n" + "\n".join(page.log.console_errors)
    finally:
        page.context.close()


@pytest.mark.parametrize("uri", [STRIKE_NIGHT, PAGES["regions"], PAGES["region-ukraine"]])
def test_no_serious_accessibility_violations_on_map_pages(scheme_page, base_url, uri):
    response = scheme_page.goto(base_url + uri)
    assert response.ok
    blocking = [v for v in axe_violations(scheme_page) if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(describe(v) for v in blocking)


def test_no_serious_accessibility_violations_on_a_measure_map(scheme_page, tallies_url):
    response = scheme_page.goto(tallies_url + TALLY_PAGES["measure-per-region"])
    assert response.ok
    blocking = [v for v in axe_violations(scheme_page) if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(describe(v) for v in blocking)
