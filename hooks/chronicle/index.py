"""Cross-references computed once from a loaded :class:`~chronicle.catalog.Timeline`.

Everything a page needs to know about other entries (links in both
directions, storylines, region roll-ups, an actor's events by role, claims by
measure, which claims cannot both be true) is gathered here before any page is
rendered. Lists are sorted on keys that never tie.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import Timeline
from .fields import Span, quantity_span, time_key
from .models import Claim, Event, Role
from .relations import CHAIN_VERBS, INVERSE, LABELS, LinkKind

ROLE_ORDER = typing.get_args(Role)
"""Roles in the order the vocabulary declares them."""


UNTIMED = "99"
"""Sorts after every time of day: within a day, events with a time come first, in time order."""


def event_key(event: Event) -> tuple:
    """Reading order that never ties: start date (see :attr:`~chronicle.dates.FuzzyDate.sort_key`), time of day,
    span, then id."""
    year, month, day, latest = event.date.sort_key
    return (year, month, day, time_key(event.time) if event.time else UNTIMED, latest, event.id)


def claim_span(claim: Claim, *, change: bool = False) -> Span | None:
    """The numbers a claim's figure (or with ``change``, its change) allows; ``None`` when there is nothing to compare.

    A denial without a figure allows only zero ("no aircraft were lost"); a
    denial of a figure, or a claim in words, is compared with nothing.
    """
    quantity = claim.change if change else claim.value
    if quantity is None:
        return Span(Decimal(0), Decimal(0)) if claim.stance == "denies" and not change and claim.change is None \
            else None
    if claim.stance == "denies":
        return None
    span = quantity_span(quantity, widen=claim.bound == "estimate")
    if claim.bound == "lower":
        return Span(span.low, None, span.low_open)
    if claim.bound == "upper":
        return Span(None, span.high, high_open=span.high_open)
    return span


def conflicts(claims: list[Claim], *, change: bool = False) -> list[tuple[Claim, Claim]]:
    """Pairs of claims by different claimants that cannot both be true, in the order given.

    The claims are about one measure, place and moment (see :func:`comparison_key`).
    Figures that differ but allow a common number are consistent: a lower bound
    at or below another figure, two approximate figures whose ranges meet, a
    range that contains a figure. With ``change``, the claims' changes are compared.
    """
    if len(claims) < 2 or all(claim.claimant == claims[0].claimant for claim in claims):
        return []  # the usual case: one claimant, nothing to compare
    spans = [(claim, claim_span(claim, change=change)) for claim in claims]
    return [(first, second) for i, (first, first_span) in enumerate(spans) for second, second_span in spans[i + 1:]
            if first.claimant != second.claimant and first_span is not None and second_span is not None
            and not first_span.overlaps(second_span)]


@dataclass(frozen=True)
class ClaimRef:
    """A claim together with the event it belongs to."""

    event: Event
    claim: Claim
    position: int
    """Index of the claim in the event's ``claims`` list."""


def comparison_key(event: Event, claim: Claim, cumulative: bool) -> tuple:
    """What a figure is about: its measure, its place and its moment; only figures with the same key are compared.

    The moment is the claim's ``as_of``, else the event's date. A per-event
    figure is about its own event, so it is compared only within the event; a
    running total or a per-period figure is compared with any entry's figure for
    the same moment.
    """
    return (claim.measure, claim.region or "", claim.as_of or event.date, "" if cumulative else event.id)


@dataclass(frozen=True, eq=False)
class Conflicting:
    """Two claims that cannot both be true, each with its event (the same one, or two entries on one moment)."""

    first: ClaimRef
    second: ClaimRef
    change: bool = False
    """The claims' changes conflict, not their figures."""


@dataclass(frozen=True)
class Step:
    """One event of a storyline after its start, and how it joins the one before."""

    verb: str
    """``followed by``, ``answered by``; empty for a part of an operation."""
    event: Event


@dataclass(frozen=True)
class Storyline:
    """An operation told through its parts, or a chain of events that followed or answered each other."""

    start: Event
    kind: str
    """``parts`` for an operation, ``chain`` for a sequence of follow-ups and responses."""
    next: list[Step]
    """The direct parts, or the events that directly followed or answered ``start``."""
    size: int
    """Events in the storyline besides ``start``, however deep."""
    last: Event | None = None
    """For a chain, its latest event."""


@dataclass
class TimelineIndex:
    """What every page needs to know about the other entries, computed once per build."""

    timeline: Timeline
    events: list[Event] = field(default_factory=list)
    """All events, in reading order."""
    links: dict[str, dict[LinkKind, list[Event]]] = field(default_factory=dict)
    """Event id -> kind of link -> linked events, in both directions, kinds in :data:`LABELS` order."""
    storylines: list[Storyline] = field(default_factory=list)
    """Operations with parts and chains of follow-ups, by the date they began."""
    region_children: dict[str, list[str]] = field(default_factory=dict)
    region_roots: list[str] = field(default_factory=list)
    """Regions without a parent (countries), by name; with ``region_children``, the order of every region list."""
    region_events: dict[str, list[Event]] = field(default_factory=dict)
    """Region id -> events located in it or in any of its sub-regions."""
    actor_events: dict[str, dict[str, list[Event]]] = field(default_factory=dict)
    """Actor id -> role -> events."""
    actor_claims: dict[str, list[ClaimRef]] = field(default_factory=dict)
    measure_claims: dict[str, list[ClaimRef]] = field(default_factory=dict)
    disputed: dict[str, dict[str, list[Conflicting]]] = field(default_factory=dict)
    """Measure id -> event id -> the pairs of claims about that measure that cannot both be true, at least one of
    each pair in that event."""
    tag_events: dict[str, list[Event]] = field(default_factory=dict)
    series_events: dict[str, list[Event]] = field(default_factory=dict)
    """Series id -> its entries, in reading order."""
    news: list[Event] = field(default_factory=list)
    """The events that belong to no series, in reading order: what "latest events" lists."""

    def region_ancestors(self, region_id: str) -> list[str]:
        """Parents of a region, nearest first."""
        regions = self.timeline.regions
        chain, current = [], regions[region_id].parent
        while current is not None:
            chain.append(current)
            current = regions[current].parent
        return chain


def build_index(timeline: Timeline) -> TimelineIndex:
    """Every cross-reference of ``timeline``."""
    index = TimelineIndex(timeline)
    index.events = sorted(timeline.events.values(), key=event_key)
    position = {event.id: i for i, event in enumerate(index.events)}
    by_id = timeline.events

    def chronological(ids: set[str]) -> list[Event]:
        return sorted((by_id[i] for i in ids), key=lambda e: position[e.id])

    links: dict[str, dict[LinkKind, set[str]]] = defaultdict(lambda: defaultdict(set))
    for event in index.events:
        for relation, targets in event.relations:
            kind = LinkKind(relation)
            for target in targets:
                links[event.id][kind].add(target)
                links[target][INVERSE[kind]].add(event.id)
    index.links = {event_id: {kind: chronological(by_kind[kind]) for kind in LABELS if by_kind.get(kind)}
                   for event_id, by_kind in links.items()}
    series_events: dict[str, list[Event]] = defaultdict(list)
    for event in index.events:
        if event.series:
            series_events[event.series].append(event)
    index.series_events = dict(series_events)
    index.news = [event for event in index.events if not event.series]
    index.storylines = _storylines(index)

    children: dict[str, list[str]] = defaultdict(list)
    for region in timeline.regions.values():
        if region.parent:
            children[region.parent].append(region.id)
    index.region_children = {r: sorted(c, key=lambda i: timeline.regions[i].name) for r, c in children.items()}
    index.region_roots = sorted((r.id for r in timeline.regions.values() if r.parent is None),
                                key=lambda i: timeline.regions[i].name)

    region_events: dict[str, set[str]] = defaultdict(set)
    actor_events: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    actor_claims: dict[str, list[ClaimRef]] = defaultdict(list)
    measure_claims: dict[str, list[ClaimRef]] = defaultdict(list)
    compared: dict[tuple, list[ClaimRef]] = defaultdict(list)
    tag_events: dict[str, list[Event]] = defaultdict(list)
    across = {m.id for m in timeline.measures.values() if m.counting != "per_event"}
    for event in index.events:
        for location in event.locations:
            region_events[location.region].add(event.id)
            for ancestor in index.region_ancestors(location.region):
                region_events[ancestor].add(event.id)
        for role in event.actors:
            actor_events[role.actor][role.role].add(event.id)
        for i, claim in enumerate(event.claims):
            ref = ClaimRef(event, claim, i)
            actor_claims[claim.claimant].append(ref)
            measure_claims[claim.measure].append(ref)
            compared[comparison_key(event, claim, claim.measure in across)].append(ref)
        for tag in dict.fromkeys(event.tags):
            tag_events[tag].append(event)

    index.region_events = {r: chronological(ids) for r, ids in region_events.items()}
    index.actor_events = {
        a: {role: chronological(roles[role]) for role in ROLE_ORDER if role in roles}
        for a, roles in actor_events.items()
    }
    index.actor_claims = dict(actor_claims)
    index.measure_claims = dict(measure_claims)
    index.disputed = _disputed(compared.values())
    index.tag_events = dict(tag_events)
    return index


def _disputed(groups: typing.Iterable[list[ClaimRef]]) -> dict[str, dict[str, list[Conflicting]]]:
    """Every conflicting pair within each group of comparable claims, filed under the events of both claims.

    Levels are compared across entries; changes only within one entry, since two claimants' changes on one
    day may cover different spans (one since yesterday, another since last month).
    """
    found: dict[str, dict[str, list[Conflicting]]] = defaultdict(lambda: defaultdict(list))
    for refs in groups:
        if len(refs) < 2:
            continue
        by_claim = {id(ref.claim): ref for ref in refs}
        claims = [ref.claim for ref in refs]
        for change in (False, True):
            for first, second in conflicts(claims, change=change):
                pair = Conflicting(by_claim[id(first)], by_claim[id(second)], change)
                if change and pair.first.event is not pair.second.event:
                    continue  # each entry's change covers its own span (since the claimant's previous figure)
                events = found[first.measure]
                events[pair.first.event.id].append(pair)
                if pair.second.event.id != pair.first.event.id:
                    events[pair.second.event.id].append(pair)
    return {measure: dict(events) for measure, events in found.items()}


def _storylines(index: TimelineIndex) -> list[Storyline]:
    """Operations with parts, and chains of events that followed or answered one another, by start date.

    Links between entries of one series (a daily tally following the day before) make no storyline: the
    series is listed as one line of its own.
    """
    links = {ident: {kind: [e for e in events if not (e.series and e.series == index.timeline.events[ident].series)]
                     for kind, events in by_kind.items()}
             for ident, by_kind in index.links.items()} if index.series_events else index.links
    links = {ident: {kind: events for kind, events in by_kind.items() if events} for ident, by_kind in links.items()}
    found = [Storyline(root, "parts", [Step("", part) for part in links[root.id][LinkKind.PARTS]],
                       len(_descendants(links, root, (LinkKind.PARTS,))))
             for root in index.events
             if LinkKind.PARTS in links.get(root.id, {}) and not root.relations.part_of]
    onward = tuple(CHAIN_VERBS)
    for start in index.events:
        here = links.get(start.id, {})
        if any(kind in here for kind in onward) and not (LinkKind.FOLLOWS in here or LinkKind.RESPONSE_TO in here):
            chain = _descendants(links, start, onward)
            found.append(Storyline(start, "chain", [Step(CHAIN_VERBS[kind], e) for kind in onward
                                                    for e in here.get(kind, [])],
                                   len(chain), max(chain, key=event_key)))
    return sorted(found, key=lambda s: (*event_key(s.start), s.kind != "parts"))


def _descendants(links: dict[str, dict[LinkKind, list[Event]]], start: Event,
                 kinds: tuple[LinkKind, ...]) -> list[Event]:
    """Every event reached from ``start`` through links of these kinds (each event once)."""
    seen, stack, found = {start.id}, [start], []
    while stack:
        event = stack.pop()
        for kind in kinds:
            for other in links.get(event.id, {}).get(kind, []):
                if other.id not in seen:
                    seen.add(other.id)
                    found.append(other)
                    stack.append(other)
    return found
