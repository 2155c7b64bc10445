"""Rules that span several fields or several entries, checked once every entry has been read.

* ``status: confirmed`` means established by independent sources: the entry
  must cite at least two sources from different publishers.
* Dates must be possible: no entry dated in the future, no source published
  before the event it reports began, no figure valid for a moment after its
  sources were published.
* A claim's figures must fit its measure's unit (see :mod:`chronicle.units`).
* Relations must not contradict themselves, directly or through other
  entries: no event is (through other events) part of itself, none follows or
  answers itself through a chain of ``follows`` / ``response_to`` links, and
  none follows or answers an event that began after it had ended.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from .dates import FuzzyDate, parse_date
from .errors import Invalid, Problem, TimelineError
from .fields import Quantity, parse_change, parse_quantity
from .models import Measure
from .relations import CONTAINMENT, PRECEDENCE, LinkKind
from .units import unit_problem
from .yamldoc import Document

VERBS = {LinkKind.PART_OF: "is part of", LinkKind.FOLLOWS: "follows", LinkKind.RESPONSE_TO: "responds to"}
"""How a problem message reads a written relation."""


def status_problems(doc: Document, data: Any) -> list[Problem]:
    """A ``confirmed`` entry whose sources do not come from two different publishers."""
    if not isinstance(data, dict) or data.get("status") != "confirmed":
        return []
    sources = data.get("sources")
    publishers = {source["publisher"].strip().casefold() for source in sources if isinstance(source, dict)
                  and isinstance(source.get("publisher"), str) and source["publisher"].strip()} \
        if isinstance(sources, list) else set()
    if len(publishers) >= 2:
        return []
    cited = "one publisher" if publishers else "no publisher"
    return [doc.problem(("status",), f"`confirmed` needs two independent sources, but the sources name {cited}",
                        "use `status: reported`, or add a source from another publisher "
                        "(with its `publisher`) that establishes the event")]


def _date(value: Any) -> FuzzyDate | None:
    """A date field's value, or ``None`` when it is not a valid date (which the models report)."""
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value.strip())
    except (Invalid, TimelineError, ValueError):
        return None


def _items(data: Any, name: str) -> list[tuple[int, dict]]:
    items = data.get(name) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def date_problems(doc: Document, data: Any, today: datetime.date | None = None) -> list[Problem]:
    """An entry dated after ``today``, a source published before the event began, a figure valid after its sources.

    ``today`` defaults to tomorrow in UTC, so that an entry written on its day anywhere on Earth is accepted.
    """
    date = _date(data.get("date")) if isinstance(data, dict) else None
    if date is None:
        return []
    today = today or datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    problems = []
    if date.earliest > today:
        problems.append(doc.problem(("date",), f"{date.edtf()} is in the future",
                                    "the timeline records what has happened: check the year, month and day"))
    published = []
    for i, source in _items(data, "sources"):
        if (when := _date(source.get("date"))) is None:
            continue
        published.append(when.latest)
        if when.earliest > today:
            problems.append(doc.problem(("sources", i, "date"), f"{when.edtf()} is in the future",
                                        "give the date the source was published"))
        elif when.latest < date.earliest:
            problems.append(doc.problem(
                ("sources", i, "date"), f"published {when.edtf()}, before the event it reports began ({date.edtf()})",
                "check both dates; a source published earlier can only be background, cited in the body text"))
    newest = max([date.latest, *published])
    for i, claim in _items(data, "claims"):
        if (as_of := _date(claim.get("as_of"))) is not None and as_of.earliest > newest:
            problems.append(doc.problem(
                ("claims", i, "as_of"), f"{as_of.edtf()} is after the event and the publication of its sources",
                "`as_of` is the moment a figure is valid for, which its source must already know"))
    return problems


def claim_problems(doc: Document, data: Any, measures: Mapping[str, Measure]) -> list[Problem]:
    """Figures and changes that do not fit the unit of their measure: ``4.75`` drones, ``250`` percent."""
    problems = []
    for i, claim in _items(data, "claims"):
        measure = measures.get(claim.get("measure", "").strip()) if isinstance(claim.get("measure"), str) else None
        if measure is None:
            continue
        for name, parse in (("value", parse_quantity), ("change", parse_change)):
            if (quantity := _quantity(claim.get(name), parse)) is None:
                continue
            if found := unit_problem(measure.unit, quantity, change=name == "change"):
                message, hint = found
                problems.append(doc.problem(("claims", i, name), f"{message} ({measure.id})", hint))
    return problems


def _quantity(value: Any, parse: Any) -> Quantity | None:
    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except Invalid:
        return None


class _Link:
    """One written relation: ``source`` names ``target`` under ``kind`` at position ``position``."""

    def __init__(self, source: str, kind: LinkKind, position: int, target: str) -> None:
        self.source, self.kind, self.position, self.target = source, kind, position, target

    def text(self) -> str:
        return f"'{self.source}' {VERBS[self.kind]} '{self.target}'"


def relation_problems(docs: dict[str, Document]) -> list[Problem]:
    """Cycles of ``part_of`` links, cycles of ``follows``/``response_to`` links, and follow-ups dated too early.

    Works on the parsed data of valid entries (``make check`` validates models in
    other processes and keeps only the data), by event id.
    """
    problems: list[Problem] = []

    def where(link: _Link) -> str:
        line, col = docs[link.source].locate(("relations", link.kind.value, link.position))
        return f"{docs[link.source].path}:{line}:{col}"

    for kinds, what in ((CONTAINMENT, "part of itself"), (PRECEDENCE, "before itself")):
        for cycle in _cycles(list(_links(docs, kinds))):
            places = "; ".join(f"{link.text()} ({where(link)})" for link in cycle)
            for link in cycle:
                problems.append(docs[link.source].problem(
                    ("relations", link.kind.value, link.position),
                    f"these relations make '{link.source}' {what}: {places}",
                    "a relation records what a source says; remove the one no source supports"))
    for link in _links(docs, PRECEDENCE):
        later, earlier = parse_date(docs[link.source].data["date"]), parse_date(docs[link.target].data["date"])
        if later.latest < earlier.earliest:
            problems.append(docs[link.source].problem(
                ("relations", link.kind.value, link.position),
                f"{link.text()}, but '{link.source}' ({later.edtf()}) ended before "
                f"'{link.target}' ({earlier.edtf()}) began",
                "check both dates, or remove the relation if no source says so"))
    return problems


def _links(docs: dict[str, Document], kinds: tuple[LinkKind, ...]) -> Iterator[_Link]:
    """Every written relation of these kinds between two known events, in a stable order."""
    fields = [(kind, kind.value) for kind in kinds]  # the value is the field's name in the entry
    for ident in sorted(docs):
        relations = docs[ident].data.get("relations") or {}
        for kind, name in fields:
            for position, target in enumerate(relations.get(name) or []):
                target = target.strip()
                if target in docs and target != ident:
                    yield _Link(ident, kind, position, target)


def _cycles(links: list[_Link]) -> list[list[_Link]]:
    """One cycle through each group of events that reach one another (Tarjan's strongly connected components)."""
    outgoing: dict[str, list[_Link]] = {}
    for link in links:
        outgoing.setdefault(link.source, []).append(link)
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in sorted(outgoing):
        if root in order:
            continue
        work = [(root, iter(outgoing.get(root, [])))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for link in edges:
                if link.target not in order:
                    order[link.target] = low[link.target] = len(order)
                    stack.append(link.target)
                    on_stack.add(link.target)
                    work.append((link.target, iter(outgoing.get(link.target, []))))
                    break
                if link.target in on_stack:
                    low[node] = min(low[node], order[link.target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == order[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(component)
    return [_cycle_in(sorted(component)[0], component, outgoing) for component in components]


def _cycle_in(start: str, component: set[str], outgoing: dict[str, list[_Link]]) -> list[_Link]:
    """The shortest cycle from ``start`` back to itself inside ``component`` (breadth first)."""
    came_by: dict[str, _Link] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for link in outgoing.get(node, []):
                if link.target not in component:
                    continue
                if link.target == start:
                    path = [link]
                    while path[0].source != start:
                        path.insert(0, came_by[path[0].source])
                    return path
                if link.target not in came_by:
                    came_by[link.target] = link
                    following.append(link.target)
        frontier = following
    return []
