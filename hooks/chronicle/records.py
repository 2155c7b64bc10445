"""The shape of what ``data/timeline.json`` publishes: each entry as written, plus what is derived from it.

The records extend the entry models, so a field added to an event reaches the
export and its JSON Schema (``schema/timeline-export.schema.json``) by itself.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict

from .catalog import Timeline
from .models import Actor, Claim, Event, Measure, Region, Series
from .site import SiteOptions

SCHEMA_VERSION = "1.3"
"""Version of the ``timeline.json`` layout: the minor number grows for added fields, the major for changes."""
EXPORT_SCHEMA = "timeline-export.schema.json"

Qualifier = Literal["exact", "approximate", "at-least", "more-than", "at-most", "less-than", "range"]
_QUALIFIERS: dict[str, Qualifier] = {
    "": "exact", "~": "approximate", ">=": "at-least", ">": "more-than", "<=": "at-most", "<": "less-than"}

class ClaimRecord(Claim):
    """A claim as published: `value` exactly as written, plus its numbers for sorting and charts."""

    value_low: Union[int, float, None] = None
    """The number in `value` (the lower end of a range); read it together with `qualifier`."""
    value_high: Union[int, float, None] = None
    """The upper end of a range such as `10-20`; absent otherwise."""
    qualifier: Union[Qualifier, None] = None
    """How `value` bounds the figure: `exact`, `approximate` (~), `at-least` (>=), `more-than` (>), `at-most` (<=),
    `less-than` (<) or `range`; absent for a claim in words."""
    change_number: Union[int, float, None] = None
    """The signed number in `change`, e.g. -25 for `-25`; absent without a change."""


class EventRecord(Event):
    """An event as published: the entry as written, plus where it lives and what its date spans."""

    claims: list[ClaimRecord] = []  # type: ignore[assignment]  # a record's claims carry their numbers
    url: str
    """Permanent address of the event's page (site-relative when the site address is not configured)."""
    earliest: datetime.date
    """First day the `date` can mean, e.g. 2025-06-01 for `2025-06`."""
    latest: datetime.date
    """Last day the `date` can mean, e.g. 2025-06-30 for `2025-06`."""
    precision: Literal["day", "month", "year"]
    """Precision of the start of `date`: a day, a month or only a year."""
    date_text: str
    """The date in words, never more precise than `date`, e.g. `March 2014` or `5–6 June 2025`."""
    entry_file: str
    """Path of the YAML file in the repository, for provenance and corrections."""


class TimelineExport(BaseModel):
    """Every entry of the timeline, as published in `data/timeline.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              json_schema_mode_override="serialization")

    schema_version: Literal["1.3"]
    title: str
    url: str
    """Address of the site (empty when not configured)."""
    licence: str
    licence_url: str
    citation: str
    """Suggested citation of the whole data set."""
    updated: datetime.date
    """Latest date found in the data (event dates and source publication dates)."""
    events: list[EventRecord]
    """Oldest first; equal dates ordered by id."""
    actors: list[Actor]
    regions: list[Region]
    measures: list[Measure]
    series: list[Series]


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def claim_numbers(claim: Claim) -> dict[str, Any]:
    """What a :class:`ClaimRecord` adds to a claim: the numbers in its figure, and how the figure bounds them."""
    quantity = claim.value
    change = _number(claim.change.low) if claim.change is not None else None
    if quantity is None:
        return {"value_low": None, "value_high": None, "qualifier": None, "change_number": change}
    return {"value_low": _number(quantity.low), "value_high": _number(quantity.high),
            "qualifier": "range" if quantity.high is not None else _QUALIFIERS[quantity.operator],
            "change_number": change}


def event_record(event: Event, timeline: Timeline, options: SiteOptions) -> dict[str, Any]:
    """An event as published (an :class:`EventRecord`): the validated entry, plus its derived fields."""
    record = event.model_dump(mode="json")
    for claim, dumped in zip(event.claims, record["claims"]):
        dumped.update(claim_numbers(claim))
    record.update(
        url=options.event_address(event.id),
        earliest=event.date.earliest.isoformat(), latest=event.date.latest.isoformat(),
        precision=event.date.precision.value, date_text=event.date.text(),
        entry_file=timeline.event_paths.get(event.id, ""))
    return record
