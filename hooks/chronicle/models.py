"""The shape of the timeline data: events, their claims and sources, and the registries.

These models are the single source of truth: validation, the committed JSON
Schema (``schema/``) and the pages all derive from them. Every value arrives
from YAML as text; the field types (:mod:`chronicle.fields`) decide what each
text means, and :class:`~chronicle.fields.RefersTo` marks the fields that name
another entry.
"""

from __future__ import annotations

import datetime
import functools
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .errors import Invalid

# ID_PATTERN is re-exported: the form of an id is part of the data shape, read from here by tools and tests.
from .fields import ID_PATTERN as ID_PATTERN
from .fields import (
    ChangeValue,
    EdtfDate,
    Id,
    Latitude,
    Line,
    Longitude,
    MeasureId,
    Name,
    Prose,
    QuantityValue,
    RefersTo,
    TimeOfDay,
    Url,
    utc_seconds,
)
from .units import UnitName

# ---------------------------------------------------------------- vocabularies

Status = Literal["confirmed", "reported", "disputed"]
EventType = Literal["strike", "air-defence", "covert-operation", "ground-operation", "invasion",
                    "annexation", "occupation", "prisoner-exchange", "negotiation", "statement",
                    "security-incident", "disruption", "assessment", "alert", "tally", "other"]
Role = Literal["perpetrator", "target", "party", "claimant", "mediator", "responder",
               "spokesperson", "commentator", "affected"]
Stance = Literal["asserts", "estimates", "denies"]
Bound = Literal["exact", "lower", "upper", "estimate"]
Counting = Literal["per_event", "cumulative", "per_period"]
Period = Literal["day", "week", "month", "year"]
ActorKind = Literal["state", "armed-forces", "government-body", "person", "organisation", "group"]
RegionKind = Literal["country", "oblast", "federal-subject", "city", "autonomous-republic", "area"]
MapFallback = Literal["parent", "none"]


_EMPTY_LIST: Any = Field(default_factory=list, json_schema_extra={"default": []})
"""An optional list: a new empty list per entry, cheaper than the copy pydantic makes of a ``[]`` default."""


class Model(BaseModel):
    """Base for all entries: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              use_attribute_docstrings=True)


class Source(Model):
    """A publication that supports the entry."""

    id: Id
    """Short key that claims use to cite this source, e.g. `report`."""
    title: Line
    publisher: Line | None = None
    url: Url | None = None
    date: EdtfDate | None = None
    """Publication date, as precise as known."""
    archive_url: Url | None = None
    """An archived copy (web.archive.org, archive.today); expected for social media posts."""


class Location(Model):
    """Where an event happened: a region, and the place within it when the sources name one."""

    region: Annotated[Id, RefersTo("regions")]
    """Region id from `timeline/regions.yaml`."""
    place: Line | None = None
    """A more precise place named by the sources, e.g. a town or an air base."""


class ActorRole(Model):
    """An actor taking part in an event, and the part it played."""

    actor: Annotated[Id, RefersTo("actors")]
    """Actor id from `timeline/actors.yaml`."""
    role: Role


class Claim(Model):
    """One figure or statement, attributed to whoever made it; never merged with others."""

    measure: Annotated[MeasureId, RefersTo("measures")]
    """Measure id from `timeline/measures.yaml`, e.g. `drones_launched`."""
    value: QuantityValue | None = None
    """The figure as the source gives it, e.g. `407`, `~20`, `>=4`, `10-20`; for a running tally, the level
    it reached, e.g. `1000340`."""
    change: ChangeValue | None = None
    """A signed increment or revision the source gives, e.g. `+1230` since the previous figure, or `-25`."""
    as_of: EdtfDate | None = None
    """The moment the figure is valid for, when it differs from the event's date, e.g. `2025-06-05`."""
    region: Annotated[Id, RefersTo("regions")] | None = None
    """Region id when the figure is for one place within the event, e.g. `kharkiv-oblast`."""
    text: Line | None = None
    """The claim in words where there is no figure, e.g. a denial."""
    claimant: Annotated[Id, RefersTo("actors")]
    """Actor id of whoever made the claim."""
    claimant_label: Line | None = None
    """How the sources name the claimant when narrower than the actor, e.g. `US officials`."""
    stance: Stance = "asserts"
    bound: Bound = "exact"
    """How the figure relates to the true number, as the source presents it: `exact` (the default), `lower` (a
    minimum, such as losses confirmed one by one), `upper` (a maximum) or `estimate` (roughly, like `~`)."""
    sources: list[Annotated[Id, RefersTo("sources", local=True)]] = Field(min_length=1)
    """Ids of this event's sources that report the claim."""
    note: Line | None = None

    @model_validator(mode="after")
    def _value_or_text(self) -> Claim:
        if self.value is None and self.change is None and self.text is None:
            raise Invalid("a claim needs a `value` (a figure), a `change` or a `text` (e.g. a denial)",
                          "add `value: 12` for a figure, `change: +12` for an increase, or `text: ...` for words")
        if self.bound != "exact":
            if self.value is None:
                raise Invalid(f"`bound: {self.bound}` describes a figure, but the claim has no `value`",
                              "add the figure as `value:`, or delete the `bound:` line")
            if self.value.operator in (">=", ">", "<=", "<") or (self.value.high is not None and
                                                                 self.bound in ("lower", "upper")):
                raise Invalid(f"`bound: {self.bound}` and the figure '{self.value}' both say how it bounds the number",
                              "write the plain figure with `bound:`, or the figure with its sign and no `bound:`")
        return self


class Relations(Model):
    """Links to other events by id; inverse links are generated, never written."""

    part_of: list[Annotated[Id, RefersTo("events")]] = _EMPTY_LIST
    follows: list[Annotated[Id, RefersTo("events")]] = _EMPTY_LIST
    response_to: list[Annotated[Id, RefersTo("events")]] = _EMPTY_LIST
    related: list[Annotated[Id, RefersTo("events")]] = _EMPTY_LIST


class Event(Model):
    """One event: one YAML file whose name is its id."""

    id: Id
    title: Line
    date: EdtfDate
    date_display: Line | None = None
    """Wording for readers when the date needs it, e.g. `night of 5–6 June 2025`."""
    time: TimeOfDay | None = None
    """Local time with UTC offset, e.g. `03:00+03:00` or `07:27:01+03:00`, only when a source gives it."""
    end_time: TimeOfDay | None = None
    """When an episode such as an air-raid alert ended, e.g. `09:45+03:00`: on the last day of `date`."""

    @field_validator("end_time")
    @classmethod
    def _ends_after_it_starts(cls, end: str | None, info: ValidationInfo) -> str | None:
        start, date = info.data.get("time"), info.data.get("date")
        if end is None:
            return end
        if start is None:
            raise Invalid("an end time needs a start time", f"add `time:` for when it began, e.g. `time: {end}`")
        if date is not None and date.end is None and utc_seconds(end) <= utc_seconds(start):
            raise Invalid(f"ends at {end}, not after it starts at {start} on the same day",
                          "if it ended the next day, write the date as an interval, e.g. 2025-06-05/2025-06-06")
        return end
    series: Annotated[Id, RefersTo("series")] | None = None
    """Series id from `timeline/series.yaml` for a routine entry such as a daily tally: grouped, not news."""
    summary: Prose
    """One or two sentences of Markdown."""
    body: Prose | None = None
    """Longer Markdown text; attribute every contested statement."""
    status: Status
    type: EventType
    locations: list[Location] = _EMPTY_LIST
    actors: list[ActorRole] = _EMPTY_LIST
    claims: list[Claim] = _EMPTY_LIST
    sources: list[Source] = Field(min_length=1)
    relations: Relations = Field(default_factory=Relations)
    tags: list[Id] = _EMPTY_LIST
    aliases: list[Id] = _EMPTY_LIST
    """Former ids of this entry, kept so old links keep working."""

    @functools.cached_property
    def updated(self) -> datetime.date:
        """The latest day the entry speaks of: its start or its newest source; stands in for a modification date."""
        return max([self.date.earliest] + [s.date.earliest for s in self.sources if s.date is not None])

    @functools.cached_property
    def display_date(self) -> str:
        """The date as readers see it; computed once, as every listing shows it."""
        return self.date_display or self.date.text()

    @functools.cached_property
    def display_time(self) -> str:
        """The time as readers see it, as precise as written: ``07:27:01–08:05 (UTC+03:00)``; empty without one."""
        if self.time is None:
            return ""
        clock, zone = _clock_and_zone(self.time)
        if self.end_time is None:
            return f"{clock} ({zone})"
        end_clock, end_zone = _clock_and_zone(self.end_time)
        if end_zone == zone:
            return f"{clock}–{end_clock} ({zone})"
        return f"{clock} ({zone}) – {end_clock} ({end_zone})"


def _clock_and_zone(value: str) -> tuple[str, str]:
    """``07:27:01+03:00`` -> ``("07:27:01", "UTC+03:00")``; ``22:15Z`` -> ``("22:15", "UTC")``."""
    if value.endswith("Z"):
        return value[:-1], "UTC"
    return value[:-6], f"UTC{value[-6:]}"


class Actor(Model):
    """A state, armed force, body, person or group that takes part in events or makes claims about them."""

    id: Id
    name: Name
    kind: ActorKind
    country: Annotated[Id, RefersTo("regions")] | None = None
    """Region id of the country the actor belongs to."""
    parent: Annotated[Id, RefersTo("actors")] | None = None
    """Actor id of the body this actor is part of."""
    aliases: list[Name] = _EMPTY_LIST
    """Other names, including native-script spellings."""
    description: Line | None = None


class Region(Model):
    """A country, oblast, city or other area where events take place; regions nest through `parent`."""

    id: Id
    name: Name
    kind: RegionKind
    parent: Annotated[Id, RefersTo("regions")] | None = None
    """Region id of the enclosing region."""
    iso_code: Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")] | None = None
    """ISO 3166 code where one exists, e.g. `UA-30`."""
    aliases: list[Name] = _EMPTY_LIST
    """Other names and spellings, e.g. Київ, Kiev."""
    description: Line | None = None
    lat: Latitude | None = None
    """Latitude in decimal degrees of the point drawn on maps for a region without a shape, e.g. `60.0`; with
    `lon`."""
    lon: Longitude | None = None
    """Longitude in decimal degrees, east positive, e.g. `100.0`; with `lat`."""
    map: MapFallback | None = None
    """For a region with neither a shape nor a point: `parent` draws its parent region's shape, `none` leaves
    it off the maps."""

    @model_validator(mode="after")
    def _point_whole(self) -> Region:
        if (self.lat is None) != (self.lon is None):
            given, missing = ("lat", "lon") if self.lon is None else ("lon", "lat")
            raise Invalid("a point on the map needs both `lat` and `lon`",
                          f"add `{missing}:` in decimal degrees beside `{given}:`, or remove `{given}:`")
        return self


class Measure(Model):
    """What a claim's figure counts, e.g. drones launched: claims of one measure are shown side by side."""

    id: MeasureId
    label: Line
    """Plain-language name, e.g. `Drones launched`."""
    description: Line
    """What is counted and whose, e.g. `Russian military personnel killed or wounded, as counted by the
    claimant.`"""
    subject: Annotated[Id, RefersTo("actors")] | None = None
    """Actor id of the side or group the figures are about, e.g. `russian-armed-forces` for its losses."""
    unit: UnitName = "count"
    """`count` (a whole number), `percent` (0–100), `km`, `km2`, `minutes`, `hours`, `days`, `years`, or
    `text` (claims in words only)."""
    counting: Counting = "per_event"
    """`per_event` (each figure is about its own event), `cumulative` (a running total since `since`) or
    `per_period` (a total for each `period`)."""
    since: EdtfDate | None = None
    """For a cumulative measure, the date it counts from, e.g. `2022-02-24`."""
    period: Period | None = None
    """For a per-period measure, the period each figure covers: `day`, `week`, `month` or `year`."""

    @model_validator(mode="after")
    def _counting_says_from_when(self) -> Measure:
        if self.counting == "cumulative" and self.since is None:
            raise Invalid("a cumulative measure needs the date it counts from",
                          "add `since:`, e.g. `since: 2022-02-24`")
        if self.counting == "per_period" and self.period is None:
            raise Invalid("a per-period measure needs the period each figure covers",
                          "add `period: day`, `week`, `month` or `year`")
        if self.since is not None and self.counting != "cumulative":
            raise Invalid("`since:` is the start of a running total, but the measure is not `cumulative`",
                          "add `counting: cumulative`, or delete the `since:` line")
        if self.period is not None and self.counting != "per_period":
            raise Invalid("`period:` belongs to a `per_period` measure",
                          "add `counting: per_period`, or delete the `period:` line")
        return self


class Series(Model):
    """Routine entries of one kind, such as a claimant's daily tally: listed as one series, not as news."""

    id: Id
    label: Line
    """Plain-language name, e.g. `General Staff daily loss figures`."""
    description: Line | None = None
    measure: Annotated[MeasureId, RefersTo("measures")]
    """Measure id whose figures the series' small chart shows."""
    claimant: Annotated[Id, RefersTo("actors")]
    """Actor id of whoever publishes the series."""


class ActorRegistry(Model):
    actors: list[Actor]


class RegionRegistry(Model):
    regions: list[Region]


class MeasureRegistry(Model):
    measures: list[Measure]


class SeriesRegistry(Model):
    series: list[Series]
