"""Split long chronological lists over several pages so no page grows without bound.

A listing of at most :data:`LIST_LIMIT` items is shown whole. A longer one
becomes an overview linking to one page per year; a year still too long is
split by month, and a month still too long into numbered parts. The URIs are
derived from the dates alone, so a page's address does not change when
unrelated entries are added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .dates import MONTHS, FuzzyDate

LIST_LIMIT = 200
"""Most items shown on one page."""

T = TypeVar("T")


@dataclass
class Listing(Generic[T]):
    """One page of a listing: its items, or links to the pages it was split into."""

    uri: str
    """Source path of this page, e.g. ``regions/kyiv/2025.md``."""
    label: str
    """What this page covers: empty for the whole listing, else ``2025``, ``June 2025``, ``June 2025, part 2``."""
    items: list[T] = field(default_factory=list)
    """Items shown on this page, in order; empty when the page is an overview."""
    parts: list[Listing[T]] = field(default_factory=list)
    """Pages this one was split into."""
    count: int = 0
    """Items covered by this page and its parts."""

    def pages(self) -> Iterator[Listing[T]]:
        """This page and every page below it."""
        yield self
        for part in self.parts:
            yield from part.pages()


def plan_listing(items: list[T], date_of: Callable[[T], FuzzyDate], root_uri: str, folder: str,
                 *, limit: int = LIST_LIMIT, by_year: bool = False) -> Listing[T]:
    """Lay out ``items`` (already in order) as one page or a tree of pages under ``folder``.

    ``by_year`` forces one page per year whenever the items span several years.
    """
    listing: Listing[T] = Listing(root_uri, "", count=len(items))
    years: dict[int, list[T]] = defaultdict(list)
    for item in items:
        years[date_of(item).year].append(item)
    if len(items) <= limit and not (by_year and len(years) > 1):
        listing.items = items
        return listing
    for year, year_items in years.items():
        year_page: Listing[T] = Listing(f"{folder}/{year}.md", str(year), count=len(year_items))
        listing.parts.append(year_page)
        if len(year_items) <= limit:
            year_page.items = year_items
            continue
        months: dict[int, list[T]] = defaultdict(list)
        for item in year_items:
            months[date_of(item).start.month or 0].append(item)
        for month, month_items in months.items():
            name = f"{MONTHS[month - 1]} {year}" if month else f"{year}, month not given"
            slug = f"{year}-{month:02d}" if month else f"{year}-undated"
            chunks = [month_items[i:i + limit] for i in range(0, len(month_items), limit)]
            for number, chunk in enumerate(chunks, 1):
                suffix = f"-part-{number}" if number > 1 else ""
                label = f"{name}, part {number}" if len(chunks) > 1 else name
                year_page.parts.append(Listing(f"{folder}/{slug}{suffix}.md", label, chunk, count=len(chunk)))
    return listing


@dataclass(frozen=True)
class Period:
    """A heading of a chronological list and the items under it."""

    label: str
    """``June 2025``; ``June 2025, day not given`` for items known only to the month;
    ``2025, month not given`` for items known only to the year."""
    anchor: str
    """Fragment id of the heading: ``2025-06``, ``2025-06-undated``, ``2025-undated``."""
    items: list


def periods(items: list[T], date_of: Callable[[T], FuzzyDate]) -> list[Period]:
    """Consecutive items (already in reading order) grouped under one heading per month and precision."""
    found: list[Period] = []
    last: tuple | None = None
    for item in items:
        start = date_of(item).start
        key = (start.year, start.month, start.day is not None)
        if key != last:
            found.append(Period(*_period_label(*key), []))
            last = key
        found[-1].items.append(item)
    return found


def _period_label(year: int, month: int | None, has_day: bool) -> tuple[str, str]:
    if month is None:
        return f"{year}, month not given", f"{year}-undated"
    if not has_day:
        return f"{MONTHS[month - 1]} {year}, day not given", f"{year}-{month:02d}-undated"
    return f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}"
