"""The units a measure's figures come in: the word shown after a figure, and the figures each unit allows.

A count is a whole number of things or people, never negative; a percent lies
between 0 and 100; lengths, areas and durations are never negative; a measure
in words (``text``) has no figures at all. A change (``change: +12200``) may be
negative but must otherwise fit its unit: a count changes by whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .fields import Quantity

UnitName = Literal["count", "percent", "km", "km2", "minutes", "hours", "days", "years", "text"]


@dataclass(frozen=True)
class Unit:
    """What a figure of this unit means and may be."""

    word: str
    """Shown after the figure (``20 %``, ``3 hours``); empty for a count."""
    meaning: str
    """The unit in words, for messages and the schema."""
    whole: bool = False
    """Figures are whole numbers (counts)."""
    maximum: Decimal | None = None
    figures: bool = True
    """False for a measure in words, whose claims have a ``text`` and no ``value``."""


UNITS: dict[str, Unit] = {
    "count": Unit("", "a count: a whole number, 0 or more", whole=True),
    "percent": Unit("%", "a percentage from 0 to 100", maximum=Decimal(100)),
    "km": Unit("km", "a length in kilometres, 0 or more"),
    "km2": Unit("km²", "an area in square kilometres, 0 or more"),
    "minutes": Unit("minutes", "a duration in minutes, 0 or more"),
    "hours": Unit("hours", "a duration in hours, 0 or more"),
    "days": Unit("days", "a duration in days, 0 or more"),
    "years": Unit("years", "a duration in years, 0 or more"),
    "text": Unit("", "words only: claims give a `text`, not a figure", figures=False),
}
"""Every unit a measure may have, by name; the names are :data:`UnitName`."""


def unit_problem(unit_name: str, quantity: Quantity, *, change: bool = False) -> tuple[str, str] | None:
    """Why ``quantity`` cannot be a figure (or with ``change``, a change) of this unit, and what to write instead."""
    unit = UNITS[unit_name]
    what = "a change" if change else "a figure"
    if not unit.figures:
        return (f"this measure is in words (unit `{unit_name}`), so a claim about it has no {what.split()[1]}",
                "write the claim as `text: ...`, or choose a measure that counts")
    numbers = [quantity.low] + ([quantity.high] if quantity.high is not None else [])
    if unit.whole and any(n != n.to_integral_value() for n in numbers):
        return (f"'{quantity}' is not a whole number, but the unit is {unit.meaning}",
                "give the count as the source does, e.g. 5; a share of something belongs to a percent measure")
    if not change and any(n < 0 for n in numbers):
        return f"'{quantity}' is negative, but the unit is {unit.meaning}", "a decrease goes under `change:`"
    if unit.maximum is not None and any(abs(n) > unit.maximum for n in numbers):
        return (f"'{quantity}' is above {unit.maximum}, but the unit is {unit.meaning}",
                "check the figure; a count of things belongs to a count measure")
    return None
