"""Time the Explore page's filters in headless Chromium, on a built site.

The built site is served on 127.0.0.1 and ``explore/`` opened as the browser
tests do: Chromium is found by ``tests/provision.py``, and launched and the
site served with the arguments and the server of ``tests/browser/driver.py``. Once
the index has loaded, each of :data:`FILTERS` is applied :data:`ROUNDS` times,
in turn, by changing the address (``history.pushState`` and a ``popstate``
event, as Back and Forward do). The page records each filter (filtering and
showing the first page of results, not the browser's layout and painting) as
the User Timing measure :data:`MEASURE`; those durations are the result, the
initial load's left out.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PAGE = "explore/"
MEASURE = "explore: filter"
LOAD_MEASURE = "explore: load"
FILTERS = (
    "q=strike",                                          # words, in titles, summaries and every spelling
    "region=ukraine",                                    # a country with all of its sub-regions
    "actor=russia&actor=russian-armed-forces&role=perpetrator",  # either actor, in that role
    "from=2022-03-01&to=2022-03-31&type=strike",
    "tag=drones",
    "from=2022-02-24&to=2025-12-31&region=ukraine&type=strike&type=air-defence&status=reported&status=disputed"
    "&tag=drones&q=kharkiv",
)
"""Addresses (query strings) of the views timed: ids that the synthetic timelines have."""
ROUNDS = 5

_LOADED = "() => !document.getElementById('tl-explore-count').textContent.startsWith('Loading')"
_APPLY = """query => {
  history.pushState(null, '', location.pathname + query);
  window.dispatchEvent(new PopStateEvent('popstate'));
}"""
_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"


class Unavailable(Exception):
    """Playwright or Chromium is missing; the message says which and what to do."""


@dataclass
class FilterTimes:
    """Milliseconds of every filter applied, in the order applied, and what each view matched."""

    durations: list[float]
    load: float = 0.0
    """Milliseconds from opening the page to its first view: fetching and reading the index, preparing the words."""
    matches: dict[str, str] = field(default_factory=dict)
    """Query -> the page's count line, e.g. "1,234 events of 10,000 match."."""

    @property
    def median(self) -> float:
        return statistics.median(self.durations)

    @property
    def maximum(self) -> float:
        return max(self.durations)

    def by_filter(self) -> dict[str, list[float]]:
        """The times of each filter, in the order applied."""
        return {query: self.durations[n::len(FILTERS)] for n, query in enumerate(FILTERS)}


def _browser_helpers() -> tuple[ModuleType, ModuleType]:
    """``tests/provision.py``, which finds Chromium, and ``tests/browser/driver.py``, which launches and serves."""
    if str(TESTS) not in sys.path:
        sys.path.append(str(TESTS))
    import provision
    from browser import driver

    return provision, driver


def filter_times(site: Path, rounds: int = ROUNDS) -> FilterTimes:
    """Time :data:`FILTERS` on the Explore page of the built ``site``.

    Raises :class:`Unavailable` without Playwright or Chromium, and ``RuntimeError`` when the page does not
    load or does not take a filter as it is.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise Unavailable("Playwright is not installed (requirements-dev.txt; `make provision` installs it "
                          "and Chromium)") from error
    try:
        provision, helpers = _browser_helpers()
    except ImportError as error:
        raise Unavailable(f"the browser tests' helpers need {error.name} (requirements-dev.txt)") from error
    if provision.skipping():
        raise Unavailable(f"{provision.SKIP_VARIABLE} is set")
    executable = provision.find_chromium()
    wanted = os.environ.get(provision.CHROMIUM_VARIABLE)
    if wanted and executable is None:
        raise Unavailable(f"{provision.CHROMIUM_VARIABLE}={wanted} is not an executable")

    with sync_playwright() as playwright, contextlib.contextmanager(helpers.serve)(site) as base:
        try:
            if executable is not None:
                chromium = playwright.chromium.launch(executable_path=executable, args=helpers.CHROMIUM_ARGS)
            else:
                chromium = playwright.chromium.launch(args=helpers.CHROMIUM_ARGS)
        except PlaywrightError as error:
            if "Executable doesn't exist" in str(error):
                raise Unavailable("no Chromium found: run `make provision`") from error
            raise Unavailable(f"Chromium did not start: {str(error).splitlines()[0]}") from error
        try:
            return _time_filters(helpers.open_page(chromium), base + PAGE, rounds)
        except PlaywrightError as error:
            raise RuntimeError(str(error).splitlines()[0]) from error
        finally:
            chromium.close()


def _time_filters(page, url: str, rounds: int) -> FilterTimes:
    response = page.goto(url)
    if response is None or not response.ok:
        raise RuntimeError(f"{PAGE}: HTTP {response and response.status}")
    try:
        page.wait_for_function(_LOADED)
    except Exception as error:  # Playwright's timeout
        errors = "; ".join(page.log.console_errors[:2]) or "no error in the console"
        raise RuntimeError(f"{PAGE} did not load its index ({errors})") from error
    load = page.evaluate(f"performance.getEntriesByName({LOAD_MEASURE!r})[0].duration")
    page.evaluate(f"performance.clearMeasures({MEASURE!r})")  # the initial load's
    matches = {}
    for turn in range(rounds):
        for query in FILTERS:
            page.evaluate(_APPLY, "?" + query)
            page.evaluate(_NEXT_FRAME)  # the browser lays out and paints between filters, as between clicks
            if turn == 0:
                if problems := page.inner_text("#tl-explore-problems").strip():
                    raise RuntimeError(f"{PAGE}?{query}: {problems.splitlines()[-1]}")
                matches[query] = page.inner_text("#tl-explore-count")
    durations = page.evaluate(f"performance.getEntriesByName({MEASURE!r}).map(entry => entry.duration)")
    if len(durations) != rounds * len(FILTERS):
        raise RuntimeError(f"{PAGE} recorded {len(durations)} {MEASURE!r} measures for "
                           f"{rounds * len(FILTERS)} filters applied")
    return FilterTimes(durations, load, matches)
