"""Dates as precise as their sources, and no more: a subset of EDTF.

Accepted forms (Extended Date/Time Format, ISO 8601-2 level 1 subset):

* ``2025-06-01`` (day), ``2025-06`` (month), ``2025`` (year);
* a suffix ``~`` (approximate), ``?`` (uncertain) or ``%`` (both);
* an interval ``2025-06-05/2025-06-06`` whose ends are any of the above.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property, lru_cache

from .errors import Invalid

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")

_POINT = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qualifier>[~?%])?")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?[~?%]?(/\d{4}(-\d{2}(-\d{2})?)?[~?%]?)?$"
"""The accepted syntax, for the JSON Schema (range checks happen in :func:`parse_date`)."""
DATE_HELP = ("use YYYY-MM-DD, YYYY-MM or YYYY, optionally ending in ~ (approximate) or ? (uncertain), "
             "or an interval START/END such as 2025-06-05/2025-06-06")


class Precision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class DatePoint:
    """One end of a date: a day, a month or a year, possibly qualified."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            return text + "%"
        return text + ("~" if self.approximate else "?" if self.uncertain else "")

    def text(self, *, with_month: bool = True, with_year: bool = True) -> str:
        """Human-readable form, e.g. ``1 June 2025``, ``May 2025``, ``2014``."""
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None and with_month:
            parts.append(MONTHS[self.month - 1])
        if with_year:
            parts.append(str(self.year))
        return " ".join(parts)

    def qualify(self, text: str) -> str:
        if self.approximate:
            text = f"about {text}"
        if self.uncertain:
            text = f"{text} (uncertain)"
        return text


@dataclass(frozen=True)
class FuzzyDate:
    """A point or an interval; ``start`` orders events, ``end`` bounds intervals."""

    start: DatePoint
    end: DatePoint | None = None

    @cached_property
    def earliest(self) -> date:
        return self.start.earliest

    @cached_property
    def latest(self) -> date:
        """The last day the date can mean; computed once, as every check and listing asks for it."""
        return (self.end or self.start).latest

    @property
    def precision(self) -> Precision:
        return self.start.precision

    @property
    def year(self) -> int:
        return self.start.year

    @cached_property
    def sort_key(self) -> tuple:
        """Reading order: within a month, the days first and then what is known only to the month;
        within a year, the months first and then what is known only to the year; then shorter span.

        So a reaction dated ``2025-06`` never comes before the strikes of ``2025-06-05`` it answers.
        """
        start = self.start
        return (start.year, start.month or 13, start.day or 32, self.latest)

    def edtf(self) -> str:
        return self.start.edtf() + (f"/{self.end.edtf()}" if self.end else "")

    __str__ = edtf

    def text(self) -> str:
        """Human-readable, never more precise than the data: ``5–6 June 2025``."""
        start, end = self.start, self.end
        if end is None:
            return start.qualify(start.text())
        same_year = start.year == end.year
        same_month = same_year and start.month == end.month and start.month is not None
        if (start.precision == end.precision == Precision.DAY and same_month
                and not (start.approximate or start.uncertain)):
            return end.qualify(f"{start.day}–{end.text()}")
        if start.precision == end.precision and same_year and not (start.approximate or start.uncertain):
            return end.qualify(f"{start.text(with_year=False)} – {end.text()}")
        return f"{start.qualify(start.text())} – {end.qualify(end.text())}"


class DateError(Invalid):
    """The text is not an accepted date."""


def parse_point(text: str) -> DatePoint:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateError(f"'{text}' is not a date", DATE_HELP)
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' has month {month:02d}", "months run from 01 to 12")
    if day is not None and month is not None:  # the pattern allows a day only after a month
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"'{text}' has day {day:02d}, but {MONTHS[month - 1]} {year} has {last} days",
                            f"write a day from 01 to {last}")
    qualifier = match["qualifier"] or ""
    return DatePoint(year, month, day, approximate=qualifier in "~%" and bool(qualifier),
                     uncertain=qualifier in "?%" and bool(qualifier))


@lru_cache(maxsize=65536)
def parse_date(text: str) -> FuzzyDate:
    """Parse an EDTF subset date; raise :class:`DateError` with a hint that fixes it."""
    if not isinstance(text, str):
        raise DateError("expected a date as text", DATE_HELP)
    text = text.strip()
    if "/" in text:
        first, _, second = text.partition("/")
        start, end = parse_point(first), parse_point(second)
        if end.latest < start.earliest:
            raise DateError(f"interval '{text}' ends before it starts", "write the earlier date first")
        return FuzzyDate(start, end)
    return FuzzyDate(parse_point(text))
