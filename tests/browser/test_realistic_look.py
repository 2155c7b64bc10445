"""The realistic fixture in Chromium: every top-level page and one page of each generated kind.

Full-page screenshots at 1280 and 375 px, light and dark, are written to
tests/browser/screenshots/realistic/ (git-ignored; TIMELINE_SCREENSHOTS moves the
parent folder) for a person to look at. The assertions check what a reader would
notice first: the page is in the chosen scheme and nothing makes it scroll sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, build_with_repository_config

from .conftest import SCHEMES, VIEWPORTS, look_at_pages, screenshots, serve

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


@pytest.fixture(scope="module")
def realistic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The realistic fixture built with the real site's configuration and look, served locally."""
    site_dir = build_with_repository_config(tmp_path_factory.mktemp("browser-realistic") / "site",
                                            extra={"timeline_folder": str(REALISTIC)})
    yield from serve(site_dir)


@pytest.fixture(scope="module")
def screenshot_folder() -> Path:
    return screenshots("realistic")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_kind_of_page_fits_the_screen(browser, realistic_url, screenshot_folder, width, scheme):
    assert look_at_pages(browser, realistic_url, PAGES, screenshot_folder, width, scheme) == []
