"""Cross-references computed once from a loaded :class:`~chronicle.catalog.Timeline`.

Everything a page needs to know about other entries (inverse relations,
region roll-ups, an actor's events by role, claims by measure) is gathered
here before any page is rendered. Lists are sorted on keys that never tie.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from dataclasses import dataclass, field

from .catalog import Timeline
from .models import Claim, Event, Role

RELATION_LABELS = {
    "part_of": ("Part of", "Parts"),
    "follows": ("Follows", "Followed by"),
    "response_to": ("In response to", "Responses"),
    "related": ("Related", "Related"),
}
"""Relation name -> (label of the written link, label of its generated inverse)."""

ROLE_ORDER = typing.get_args(Role)
"""Roles in the order the vocabulary declares them."""


def event_key(event: Event) -> tuple:
    """Chronological order that never ties: date, then id."""
    return (event.date.sort_key, event.id)


@dataclass(frozen=True)
class ClaimRef:
    """A claim together with the event it belongs to."""

    event: Event
    claim: Claim
    position: int
    """Index of the claim in the event's ``claims`` list."""


@dataclass
class TimelineIndex:
    timeline: Timeline
    events: list[Event] = field(default_factory=list)
    """All events, oldest first."""
    links: dict[str, dict[str, list[Event]]] = field(default_factory=dict)
    """Event id -> label -> linked events, in both directions."""
    region_children: dict[str, list[str]] = field(default_factory=dict)
    region_events: dict[str, list[Event]] = field(default_factory=dict)
    """Region id -> events located in it or in any of its sub-regions."""
    actor_events: dict[str, dict[str, list[Event]]] = field(default_factory=dict)
    """Actor id -> role -> events."""
    actor_claims: dict[str, list[ClaimRef]] = field(default_factory=dict)
    measure_claims: dict[str, list[ClaimRef]] = field(default_factory=dict)
    tag_events: dict[str, list[Event]] = field(default_factory=dict)

    def region_ancestors(self, region_id: str) -> list[str]:
        """Parents of a region, nearest first."""
        regions = self.timeline.regions
        chain, current = [], regions[region_id].parent
        while current is not None:
            chain.append(current)
            current = regions[current].parent
        return chain


def build_index(timeline: Timeline) -> TimelineIndex:
    index = TimelineIndex(timeline)
    index.events = sorted(timeline.events.values(), key=event_key)
    position = {event.id: i for i, event in enumerate(index.events)}
    by_id = timeline.events

    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for event in index.events:
        for relation, targets in event.relations:
            forward, inverse = RELATION_LABELS[relation]
            for target in targets:
                links[event.id][forward].add(target)
                links[target][inverse].add(event.id)
    label_order = [label for pair in RELATION_LABELS.values() for label in pair]
    for event_id, by_label in links.items():
        index.links[event_id] = {
            label: sorted((by_id[i] for i in by_label[label]), key=lambda e: position[e.id])
            for label in dict.fromkeys(label_order) if by_label.get(label)
        }

    children: dict[str, list[str]] = defaultdict(list)
    for region in timeline.regions.values():
        if region.parent:
            children[region.parent].append(region.id)
    index.region_children = {r: sorted(c, key=lambda i: timeline.regions[i].name) for r, c in children.items()}

    region_events: dict[str, set[str]] = defaultdict(set)
    actor_events: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    actor_claims: dict[str, list[ClaimRef]] = defaultdict(list)
    measure_claims: dict[str, list[ClaimRef]] = defaultdict(list)
    tag_events: dict[str, list[Event]] = defaultdict(list)
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
        for tag in dict.fromkeys(event.tags):
            tag_events[tag].append(event)

    def chronological(ids: set[str]) -> list[Event]:
        return sorted((by_id[i] for i in ids), key=lambda e: position[e.id])

    index.region_events = {r: chronological(ids) for r, ids in region_events.items()}
    index.actor_events = {
        a: {role: chronological(roles[role]) for role in ROLE_ORDER if role in roles}
        for a, roles in actor_events.items()
    }
    index.actor_claims = dict(actor_claims)
    index.measure_claims = dict(measure_claims)
    index.tag_events = dict(tag_events)
    return index
