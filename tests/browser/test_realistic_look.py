"""The realistic fixture in Chromium: every top-level page and one page of each generated kind.

Full-page screenshots at 1280 and 375 px, light and dark, are written to
tests/browser/screenshots/realistic/ (git-ignored; TIMELINE_SCREENSHOTS moves the
parent folder) for a person to look at. The assertions check what a reader would
notice first: the page is in the chosen scheme and nothing makes it scroll sideways.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, build_with_repository_config

from .conftest import DESKTOP, PHONE, SCREENSHOTS, open_page, overflowing_elements, relative_luminance, serve

pytestmark = pytest.mark.browser

REALISTIC = FIXTURES / "realistic"

TOP_LEVEL = {
    "home": "",
    "chronology": "chronology/",
    "regions": "regions/",
    "actors": "actors/",
    "storylines": "storylines/",
    "figures": "figures/",
    "tags": "tags/",
    "data": "data/",
    "about": "about/",
    "contribute": "contributing/",
}
GENERATED = {
    "event": "events/2025-06-05-mass-strike-on-ukraine/",  # interval date, four sources, claims with notes
    "region": "regions/kharkiv-oblast/",  # cities below it; day-known and month-only entries
    "actor": "actors/ukrainian-air-force/",  # two roles and eight claims
    "measure": "figures/territory_occupied/",  # a percentage, with notes
    "tag": "tags/civilians/",  # two years, each with a "day not given" heading
    "chronology-year": "chronology/2025/",  # every kind of period heading
}
PAGES = {**TOP_LEVEL, **GENERATED}
VIEWPORTS = {"1280": DESKTOP, "375": PHONE}
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def realistic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The realistic fixture built with the real site's configuration and look, served locally."""
    site_dir = build_with_repository_config(tmp_path_factory.mktemp("browser-realistic") / "site",
                                            extra={"timeline_folder": str(REALISTIC)})
    yield from serve(site_dir)


@pytest.fixture(scope="module")
def screenshot_folder() -> Path:
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or SCREENSHOTS) / "realistic"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_kind_of_page_fits_the_screen(browser, realistic_url, screenshot_folder, width, scheme):
    viewport = VIEWPORTS[width]
    page = open_page(browser, viewport=viewport, color_scheme=scheme)
    problems = []
    try:
        for name, uri in PAGES.items():
            response = page.goto(realistic_url + uri)
            assert response is not None and response.ok, uri
            page.screenshot(path=screenshot_folder / f"{name}-{width}-{scheme}.png", full_page=True)
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], uri
            background = relative_luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
            text = relative_luminance(page.evaluate("getComputedStyle(document.querySelector('article p')).color"))
            if scheme == "dark":
                assert background < 0.05 < 0.4 < text, f"{uri}: dark scheme is not dark with light text"
            else:
                assert text < 0.05 < 0.9 < background, f"{uri}: light scheme is not light with dark text"
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > viewport["width"]:
                problems.append(f"{uri} is {scroll_width}px wide at {width}px: it scrolls sideways")
            if overflow := overflowing_elements(page):
                problems.append(f"{uri}: wider than the screen at {width}px: {overflow}")
        assert page.log.console_errors == []
    finally:
        page.context.close()
    assert problems == []
