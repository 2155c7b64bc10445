"""The kinds of link between two events: the relations an entry writes, and the inverses generated from them.

Kinds are keys, never display text: a page looks its label up in :data:`LABELS`
when it renders, so rewording a label cannot change what links mean. A new
relation is one field on :class:`~chronicle.models.Relations` and one member
here, with its inverse and labels (a test checks they stay in step).
"""

from __future__ import annotations

from enum import Enum


class LinkKind(str, Enum):
    """A link from one event to another, as written or as generated."""

    PART_OF = "part_of"
    """Written: this event is part of a larger one."""
    PARTS = "parts"
    """Generated: the events that are part of this one."""
    FOLLOWS = "follows"
    """Written: this event came after another."""
    FOLLOWED_BY = "followed_by"
    """Generated: the events that came after this one."""
    RESPONSE_TO = "response_to"
    """Written: this event answered another, as a source says."""
    RESPONSES = "responses"
    """Generated: the events that answered this one."""
    RELATED = "related"
    """Written, and its own inverse: any other link a source makes."""


INVERSE: dict[LinkKind, LinkKind] = {
    LinkKind.PART_OF: LinkKind.PARTS,
    LinkKind.FOLLOWS: LinkKind.FOLLOWED_BY,
    LinkKind.RESPONSE_TO: LinkKind.RESPONSES,
    LinkKind.RELATED: LinkKind.RELATED,
}
"""Each written kind (a field of ``relations``) and the kind of link it gives the other event."""

LABELS: dict[LinkKind, str] = {
    LinkKind.PART_OF: "Part of", LinkKind.PARTS: "Parts",
    LinkKind.FOLLOWS: "Follows", LinkKind.FOLLOWED_BY: "Followed by",
    LinkKind.RESPONSE_TO: "In response to", LinkKind.RESPONSES: "Responses",
    LinkKind.RELATED: "Related",
}
"""Headings of an event page's related events, in the order the page lists them."""

CHAIN_VERBS: dict[LinkKind, str] = {LinkKind.FOLLOWED_BY: "followed by", LinkKind.RESPONSES: "answered by"}
"""How a storyline's chain reads from one event to the next."""

CONTAINMENT = (LinkKind.PART_OF,)
"""Written kinds that say the target is the larger whole."""
PRECEDENCE = (LinkKind.FOLLOWS, LinkKind.RESPONSE_TO)
"""Written kinds that say the target came first."""
