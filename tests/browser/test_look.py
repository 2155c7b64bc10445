"""Look and feel: phone and desktop widths, light and dark schemes, and print.

Screenshots of every combination are written to tests/browser/screenshots/
(git-ignored; set TIMELINE_SCREENSHOTS to write them elsewhere) for a person
to look at; the assertions check what a reader would notice first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import DESKTOP, PHONE, open_page, overflowing_elements, relative_luminance, screenshots

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "chronology": "chronology/",
    "event": "events/2025-06-01-operation-spider-web/",
    "region": "regions/kyiv/",
    "actor": "actors/ukrainian-air-force/",
}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SCHEMES = {"light": "default", "dark": "slate"}
EVENT_WITH_SOURCE_URL = "events/2024-03-border-clash/"


@pytest.fixture(scope="module")
def screenshot_folder() -> Path:
    return screenshots()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_pages_fit_the_screen_in_both_schemes(browser, base_url, screenshot_folder, viewport, scheme):
    page = open_page(browser, viewport=VIEWPORTS[viewport], color_scheme=scheme)
    try:
        for name, uri in PAGES.items():
            assert page.goto(base_url + uri).ok, uri
            page.screenshot(path=screenshot_folder / f"{name}-{viewport}-{scheme}.png", full_page=True)
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
            page_width = page.evaluate("document.documentElement.scrollWidth")
            assert page_width <= VIEWPORTS[viewport]["width"], f"{uri} is {page_width}px wide: scrolls sideways"
            assert overflowing_elements(page) == [], f"{uri}: content wider than the screen"
            background = relative_luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
            text = relative_luminance(page.evaluate(
                "getComputedStyle(document.querySelector('article p')).color"))
            if scheme == "dark":
                assert background < 0.05 < 0.4 < text, f"{uri}: dark scheme is not dark with light text"
            else:
                assert text < 0.05 < 0.9 < background, f"{uri}: light scheme is not light with dark text"
    finally:
        page.context.close()


def test_palette_toggle_switches_to_dark_and_back(page, base_url):
    page.goto(base_url + PAGES["event"])
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.get_by_title("Switch to dark mode").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the choice is remembered"
    page.get_by_title("Switch to light mode").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"


def test_claims_tables_stay_readable_on_a_phone(browser, base_url):
    page = open_page(browser, viewport=PHONE)
    try:
        page.goto(base_url + PAGES["event"])
        tables = page.locator("article table")
        assert tables.count() >= 3
        for index in range(tables.count()):
            wrapper = tables.nth(index).locator("xpath=ancestor::div[contains(@class,'md-typeset__scrollwrap')]")
            box = wrapper.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "table box leaves the screen"
            assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth"), \
                "the table fits the phone screen without sideways scrolling"
            narrowest = page.evaluate("""table => Math.min(...[...table.querySelectorAll('td')]
                .map(cell => cell.getBoundingClientRect().width))""", tables.nth(index).element_handle())
            assert narrowest >= 40, f"a table cell is squeezed to {narrowest:.0f}px"
        marker = page.locator("article .tl-disputed").first
        box = marker.bounding_box()
        assert box["height"] < 30, "the disputed marker stays on one line"
        assert float(marker.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 10
    finally:
        page.context.close()


def test_event_page_prints_the_entry_without_site_navigation(browser, base_url, screenshot_folder):
    page = open_page(browser, media="print")
    try:
        page.goto(base_url + PAGES["event"])
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                       ".md-search", ".md-footer", ".md-content__button", ".tl-edit", ".headerlink"):
            for element in page.locator(chrome).all():
                assert not element.is_visible(), f"{chrome} is printed"
        for content in ("article h1", "article .tl-date", "article table", "article #sources + ol"):
            assert page.locator(content).first.is_visible(), f"{content} is not printed"
        page.pdf(path=screenshot_folder / "event-print.pdf")
    finally:
        page.context.close()


def test_printed_sources_show_their_web_addresses(browser, tiny_base_url, screenshot_folder):
    page = open_page(browser, media="print")
    try:
        page.goto(tiny_base_url + EVENT_WITH_SOURCE_URL)
        source_links = page.locator("article #sources + ol a[href^='http']")
        assert source_links.count() >= 1
        for link in source_links.all():
            printed = link.evaluate("el => getComputedStyle(el, '::after').content")
            assert link.get_attribute("href") in printed, "a printed source shows its address"
        page.pdf(path=screenshot_folder / "event-print-source-addresses.pdf")
    finally:
        page.context.close()
