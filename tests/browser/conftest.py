"""The real site, built once and served on 127.0.0.1, read in Debian's Chromium.

Every test here shares one site build, one local server and one browser. A
browser that cannot be found is a failure, not a skip: set
``TIMELINE_SKIP_BROWSER=1`` to leave the browser tests out on purpose.
``tests/provision.py`` (run by ``make test``) installs what is missing; the
browser is found here the same way it is found there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from provision import CHROMIUM_VARIABLE, SKIP_HINT, SKIP_VARIABLE, find_chromium, skipping

from conftest import FIXTURES, TINY, build_with_repository_config

from .driver import CHROMIUM_ARGS, DESKTOP, PHONE, open_page, serve

BROWSER_FOLDER = Path(__file__).resolve().parent
AXE_SCRIPT = BROWSER_FOLDER / "vendor" / "axe.min.js"
SCREENSHOTS = BROWSER_FOLDER / "screenshots"

@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built into a temporary folder."""
    return build_with_repository_config(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def tiny_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small fixture timeline, built with the real site's look, served like ``base_url``.

    For what the real data has none of yet, such as sources with web addresses.
    """
    site_dir = build_with_repository_config(tmp_path_factory.mktemp("browser-tiny") / "site",
                                            extra={"timeline_folder": str(TINY)})
    yield from serve(site_dir)


@pytest.fixture(scope="session")
def tallies_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tallies fixture (charts, per-region figures and their maps, series), with the real site's look."""
    return build_with_repository_config(tmp_path_factory.mktemp("browser-tallies") / "site",
                                        extra={"timeline_folder": str(FIXTURES / "tallies")})


@pytest.fixture(scope="session")
def tallies_url(tallies_site: Path) -> Iterator[str]:
    yield from serve(tallies_site)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """Root URL of the built site served over HTTP on a free local port."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session.

    Debian's (or $TIMELINE_CHROMIUM) when there, else Playwright's own build, launched
    by Playwright's default when ``tests/provision.py`` could only fetch that one.
    """
    if skipping():
        pytest.skip(f"browser tests left out because {SKIP_VARIABLE} is set")
    executable = find_chromium()
    wanted = os.environ.get(CHROMIUM_VARIABLE)
    if wanted and executable is None:
        pytest.fail(f"{CHROMIUM_VARIABLE}={wanted} is not an executable: point it at a Chromium "
                    f"or unset it, {SKIP_HINT}.", pytrace=False)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        if executable is not None:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        else:
            try:
                chromium = playwright.chromium.launch(args=CHROMIUM_ARGS)
            except PlaywrightError as error:
                if "Executable doesn't exist" not in str(error):
                    raise
                pytest.fail("No Chromium found for the browser tests: run "
                            f"`make provision` (`make test` runs it), {SKIP_HINT}.",
                            pytrace=False)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(request, browser) -> Iterator[object]:
    """One tab per colour scheme, shared by the pages a module checks in it."""
    tab = open_page(browser, color_scheme=request.param)
    yield tab
    tab.context.close()


def screenshots(name: str = "") -> Path:
    """The folder for one module's screenshots: ``$TIMELINE_SCREENSHOTS`` or ``tests/browser/screenshots``."""
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or SCREENSHOTS) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A desktop-sized tab in light mode; closed after the test."""
    tab = open_page(browser)
    yield tab
    tab.context.close()


def relative_luminance(css_rgb: str) -> float:
    """Luminance (0 black to 1 white) of a computed colour such as ``rgb(30, 33, 41)``."""
    channels = [int(float(c)) / 255 for c in css_rgb[css_rgb.index("(") + 1:].rstrip(")").split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def search(page, base_url: str, query: str):
    """Type ``query`` into the header search box; return the result links once they appear."""
    from playwright.sync_api import expect

    page.goto(base_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query)
    # Letters outside the US layout (Київ) are inserted without key events; a real keyboard
    # sends a keyup, which is what makes the search box run the query.
    page.locator(".md-search__input").press("End")
    summary = page.locator(".md-search-result__meta")
    expect(summary).to_have_text(re.compile(r"\d+ matching documents?"))
    return page.locator(".md-search-result__item > a.md-search-result__link")


def overflowing_elements(page) -> list[str]:
    """Elements reaching past the right edge of the viewport, outside any scrolling box."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth, found = [];
      for (const el of document.querySelectorAll('.md-main *')) {
        if (el.closest('.md-typeset__scrollwrap, pre, .md-sidebar, .md-nav')) continue;
        const box = el.getBoundingClientRect();
        if (box.width && box.right > width + 1)
          found.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
      }
      return found.slice(0, 5);
    }""")


VIEWPORTS = {"1280": DESKTOP, "375": PHONE}
SCHEMES = {"light": "default", "dark": "slate"}
"""Colour scheme asked of the browser -> Material's scheme on the page."""


def look_at_pages(browser, base: str, pages: dict[str, str], folder: Path, width: str, scheme: str) -> list[str]:
    """Screenshot each page (``name -> address``) into ``folder``; return what a reader would notice first.

    The page must be in the chosen scheme, readable (dark text on light or light on dark), free of console
    errors, and must not scroll sideways.
    """
    viewport = VIEWPORTS[width]
    page = open_page(browser, viewport=viewport, color_scheme=scheme)
    problems = []
    try:
        for name, uri in pages.items():
            response = page.goto(base + uri)
            assert response is not None and response.ok, uri
            page.screenshot(path=folder / f"{name}-{width}-{scheme}.png", full_page=True)
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
        problems += page.log.console_errors
    finally:
        page.context.close()
    return problems
