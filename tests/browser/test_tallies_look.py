"""Figures over time in Chromium: the pages a tally series changes, as a reader sees them.

Screenshots at 1280 and 375 px, light and dark, go to tests/browser/screenshots/tallies/
for a person to look at. The chart must be drawn, readable in both schemes and no wider
than the screen; axe-core must find nothing critical or serious on these pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SCHEMES, VIEWPORTS, look_at_pages, open_page, relative_luminance, screenshots
from .test_accessibility import BLOCKING, axe_violations, describe

pytestmark = pytest.mark.browser

PAGES = {
    "measure-cumulative": "figures/russian_tanks_lost/",  # a running total beside an independent minimum
    "measure-per-region": "figures/alerts/",  # two monitors per oblast, a table by region
    "measure-disputed": "figures/aircraft_hit/",  # a denial against "more than ten"
    "storylines": "storylines/",  # series as lines with small charts
    "home": "",  # the latest of each series beside the news
    "event-tally": "events/2025-05-12-general-staff-loss-figures/",  # a downward revision
    "event-alert": "events/2025-05-20-kharkiv-oblast-air-raid-alert-3/",  # an episode crossing midnight
    "region": "regions/kharkiv-oblast/",  # alert episodes in time order
}


@pytest.fixture(scope="module")
def screenshot_folder() -> Path:
    return screenshots("tallies")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_tally_pages_fit_the_screen(browser, tallies_url, screenshot_folder, width, scheme):
    assert look_at_pages(browser, tallies_url, PAGES, screenshot_folder, width, scheme) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_chart_is_drawn_within_the_page_and_its_lines_stand_out(browser, tallies_url, width, scheme):
    page = open_page(browser, viewport=VIEWPORTS[width], color_scheme=scheme)
    try:
        page.goto(tallies_url + PAGES["measure-cumulative"])
        chart = page.locator("figure.tl-chart svg")
        box = chart.bounding_box()
        article = page.locator("article").bounding_box()
        assert box is not None and article is not None
        assert box["width"] > 0.8 * article["width"] - 40 and box["x"] + box["width"] <= article["x"] + article["width"]
        assert box["height"] > 150 if width == "1280" else box["height"] > 80
        line = page.locator("figure.tl-chart .tl-chart-line").first
        stroke = relative_luminance(line.evaluate("el => getComputedStyle(el).stroke"))
        background = relative_luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        lighter, darker = max(stroke, background), min(stroke, background)
        assert (lighter + 0.05) / (darker + 0.05) >= 3, "a series line is a graphical object: 3:1 at least"
        size = page.locator("figure.tl-chart .tl-chart-name").first.evaluate(
            "el => el.getBoundingClientRect().height")
        assert size >= 9, "legend text stays readable on a phone"
    finally:
        page.context.close()


@pytest.mark.parametrize("uri", [PAGES[name] for name in ("measure-cumulative", "measure-per-region",
                                                          "measure-disputed", "storylines", "home")])
def test_no_serious_accessibility_violations_on_tally_pages(scheme_page, tallies_url, uri):
    response = scheme_page.goto(tallies_url + uri)
    assert response.ok
    blocking = [v for v in axe_violations(scheme_page) if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(describe(v) for v in blocking)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_chart_prints_in_black_on_white(browser, tallies_url, scheme):
    page = open_page(browser, color_scheme=scheme, media="print")
    try:
        page.goto(tallies_url + PAGES["measure-cumulative"])
        line = page.locator("figure.tl-chart .tl-chart-line").first
        assert relative_luminance(line.evaluate("el => getComputedStyle(el).stroke")) < 0.01
        name = page.locator("figure.tl-chart .tl-chart-name").first
        assert relative_luminance(name.evaluate("el => getComputedStyle(el).fill")) < 0.01
    finally:
        page.context.close()
