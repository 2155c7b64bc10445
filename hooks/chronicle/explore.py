"""Explore: every event in one compact index, which the Explore page filters in the browser.

The page (``explore/``, :data:`~chronicle.site.INDEXES`) is static HTML; its
script (``docs/assets/explore.js``) loads :data:`~chronicle.site.EXPLORE_DATA`
once and filters it. The address of the page is the state of the view, a public
contract that region, actor, tag and measure pages link into::

    explore/?from=2025-06-01&to=2025-06-30&region=kyiv-oblast&actor=russia&role=perpetrator
            &type=strike&status=disputed&tag=drones&measure=killed&q=spider

A repeated key means "any of" within that facet; different keys combine with
"and". ``region`` includes the region's sub-regions; ``role`` narrows
``actor`` to the roles given; ``from`` and ``to`` keep the events whose date,
at its written precision, can fall between them; ``q`` matches titles,
summaries and every spelling of the event's regions and actors. ``page``
numbers the pages of a long result. The script reads and writes the address
(its ``PARAMETERS``); templates link into it with the ``explore_href`` filter.

The index holds each event's row of ``data/events.csv`` (:func:`export.event_row`),
so that the page's CSV download has the very same columns and values, plus the
positions of its regions, actors, tags and measures in the index's lists.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pydantic_core

from . import export
from .catalog import Timeline
from .index import ROLE_ORDER, TimelineIndex
from .models import Actor, Event, EventType, Measure, Region, Status
from .render import published_href
from .reuse import Reuse
from .site import INDEXES, SiteOptions, event_uri

INDEX_VERSION = 1
"""Layout of :data:`~chronicle.site.EXPLORE_DATA`; the page's script checks it."""
TYPES = typing.get_args(EventType)
STATUSES = typing.get_args(Status)
_ID_MARK = "\x00"
"""Stands for an event id while an address is split around it."""


@dataclass(frozen=True)
class RegionOption:
    """A region in the Explore page's list: countries first, each followed by its sub-regions."""

    region: Region
    depth: int


@dataclass(frozen=True)
class Facets:
    """Everything the Explore page can filter by, in the order it lists them."""

    regions: list[RegionOption]
    actors: list[Actor]
    tags: list[str]
    measures: list[Measure]
    first_day: str
    last_day: str
    roles: tuple[str, ...] = ROLE_ORDER
    types: tuple[str, ...] = TYPES
    statuses: tuple[str, ...] = STATUSES


def facets(timeline: Timeline, index: TimelineIndex) -> Facets:
    events = index.events
    return Facets(
        regions=list(_region_tree(timeline, index)),
        actors=sorted(timeline.actors.values(), key=lambda a: (a.name.casefold(), a.id)),
        tags=sorted(index.tag_events),
        measures=sorted(timeline.measures.values(), key=lambda m: (m.label.casefold(), m.id)),
        first_day=min(e.date.earliest for e in events).isoformat() if events else "",
        last_day=max(e.date.latest for e in events).isoformat() if events else "")


def _region_tree(timeline: Timeline, index: TimelineIndex) -> Iterator[RegionOption]:
    """Every region in the order of the Regions index: each country, then its sub-regions, by name."""
    def walk(ids: list[str], depth: int) -> Iterator[RegionOption]:
        for ident in ids:
            yield RegionOption(timeline.regions[ident], depth)
            yield from walk(index.region_children.get(ident, []), depth + 1)
    yield from walk(index.region_roots, 0)


def _split_around_id(address: str) -> list[str]:
    before, _, after = address.partition(_ID_MARK)
    return [before, after]


@dataclass(frozen=True)
class _Positions:
    """Where each facet's values are in the index's lists, by id."""

    regions: dict[str, int]
    actors: dict[str, int]
    roles: dict[str, int]
    tags: dict[str, int]
    measures: dict[str, int]

    @classmethod
    def of(cls, found: Facets) -> _Positions:
        return cls({option.region.id: n for n, option in enumerate(found.regions)},
                   {actor.id: n for n, actor in enumerate(found.actors)},
                   {role: n for n, role in enumerate(found.roles)},
                   {tag: n for n, tag in enumerate(found.tags)},
                   {measure.id: n for n, measure in enumerate(found.measures)})


_URL_COLUMN = export.EVENT_COLUMNS.index("url")


def _entry(event: Event, at: _Positions, options: SiteOptions) -> list[Any]:
    row = export.event_row(event, options)
    row[_URL_COLUMN] = None  # rebuilt from "url" around the id: the same address for every event
    return [row, event.display_date, event.display_time,
            sorted({at.regions[loc.region] for loc in event.locations}),
            [n for r in event.actors for n in (at.actors[r.actor], at.roles[r.role])],
            sorted({at.tags[tag] for tag in event.tags}),
            sorted({at.measures[claim.measure] for claim in event.claims})]


def explore_index(timeline: Timeline, index: TimelineIndex, options: SiteOptions, found: Facets,
                  *, events: bool = True) -> dict[str, Any]:
    """The content of :data:`~chronicle.site.EXPLORE_DATA`; with ``events=False``, an empty list of events.

    Lists are arrays rather than objects with named keys, which would repeat
    every key 10,000 times; ``fields`` names the positions of an event.
    """
    at = _Positions.of(found)
    regions = at.regions
    page = INDEXES.explore
    return {
        "version": INDEX_VERSION,
        "columns": list(export.EVENT_COLUMNS),
        "formula_start": "".join(sorted(export.FORMULA_START)),
        "url": _split_around_id(options.event_address(_ID_MARK)),
        "href": _split_around_id(published_href(page, event_uri(_ID_MARK))),
        "fields": ["row", "date_text", "time_text", "regions", "actors", "tags", "measures"],
        "regions": [[o.region.id, o.region.name, regions.get(o.region.parent, -1) if o.region.parent else -1,
                     list(o.region.aliases)] for o in found.regions],
        "actors": [[a.id, a.name, list(a.aliases)] for a in found.actors],
        "roles": list(found.roles),
        "tags": list(found.tags),
        "measures": [[m.id, m.label] for m in found.measures],
        "events": [_entry(event, at, options) for event in index.events] if events else [],
    }


def explore_json(timeline: Timeline, index: TimelineIndex, options: SiteOptions, found: Facets,
                 reuse: Reuse | None = None) -> bytes:
    """:func:`explore_index` as compact JSON; each event is encoded on its own, so that a rebuild encodes again
    only the events that changed, as long as the facets' lists stay the same."""
    reuse = reuse or Reuse(keep=False)
    at = _Positions.of(found)
    # The same object as long as the positions are the same: each event's entry is kept while it is.
    positions = reuse.get(("explore.json", "positions"), at, lambda: at)
    before, after = pydantic_core.to_json(explore_index(timeline, index, options, found, events=False)).split(
        b'"events":[]', 1)
    events = b",".join(reuse.get(("explore.json", event.id), (event, positions), _entry_json, event, positions, options)
                       for event in index.events)
    return b"".join((before, b'"events":[', events, b"]", after, b"\n"))


def _entry_json(event: Event, at: _Positions, options: SiteOptions) -> bytes:
    return pydantic_core.to_json(_entry(event, at, options))

