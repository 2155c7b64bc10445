"""What a measure's page shows around its table of claims: the chart, the latest figure per claimant, values by region.

Figures are read as their claimants gave them. A claim is placed at its moment
(``as_of``, else its event's date), never more precisely than that date: a figure
known to the month sits in the middle of its month. Claimants are kept apart
(one series each), places are kept apart (a per-place figure is never joined to
another place's), and only running totals are drawn as lines.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .catalog import Timeline
from .chart import Point, Series, chart_svg
from .dates import FuzzyDate
from .fields import quantity_span
from .index import UNTIMED, ClaimRef, event_key
from .models import Claim, Measure, Region
from .units import UNITS


def moment(ref: ClaimRef) -> FuzzyDate:
    """The moment a figure is valid for: its ``as_of``, else its event's date."""
    return ref.claim.as_of or ref.event.date


def moment_key(ref: ClaimRef) -> tuple:
    """Orders figures by their moment as events are ordered (:func:`~chronicle.index.event_key`), then as written.

    A figure without ``as_of`` sorts exactly where its event does.
    """
    if ref.claim.as_of is None:
        return (*event_key(ref.event), ref.position)
    year, month, day, latest = ref.claim.as_of.sort_key
    return (year, month, day, UNTIMED, latest, ref.event.id, ref.position)


def _middle(date: FuzzyDate) -> datetime.date:
    return date.earliest + (date.latest - date.earliest) / 2


def chart_point(ref: ClaimRef) -> Point | None:
    """The claim as a point: its figure (a denial of any loss as 0), its range, and how it bounds the number."""
    claim = ref.claim
    if claim.value is None:
        if claim.stance != "denies" or claim.change is not None:
            return None
        return Point(_middle(moment(ref)), Decimal(0))
    if claim.stance == "denies":
        return None
    quantity = claim.value
    span = quantity_span(quantity, widen=claim.bound == "estimate")
    bound = claim.bound
    if quantity.operator in (">=", ">"):
        bound = "lower"
    elif quantity.operator in ("<=", "<"):
        bound = "upper"
    elif quantity.operator == "~":
        bound = "estimate"
    if quantity.high is not None:
        value = (quantity.low + quantity.high) / 2
        return Point(_middle(moment(ref)), value, quantity.low, quantity.high, bound)
    low = span.low if bound in ("estimate", "exact") and span.low != quantity.low else None
    high = span.high if bound in ("estimate", "exact") and span.high != quantity.low else None
    return Point(_middle(moment(ref)), quantity.low, low, high, bound)


def who(claim: Claim, timeline: Timeline) -> str:
    """The claimant as readers see it on charts and in the latest-figures table: the actor's name."""
    return timeline.actors[claim.claimant].name


def chart_series(measure: Measure, refs: list[ClaimRef], timeline: Timeline) -> list[Series]:
    """One series per claimant, in the order they first claimed; a running total without places is a line."""
    points: dict[str, list[Point]] = defaultdict(list)
    placed: set[str] = set()
    for ref in refs:
        if (point := chart_point(ref)) is not None:
            points[ref.claim.claimant].append(point)
            if ref.claim.region:
                placed.add(ref.claim.claimant)
    return [Series(timeline.actors[claimant].name, measure.counting == "cumulative" and claimant not in placed,
                   tuple(found)) for claimant, found in points.items()]


def measure_chart(measure: Measure, refs: list[ClaimRef], timeline: Timeline) -> str:
    """The chart that opens a measure's page, or an empty string when no claim has a figure."""
    series = chart_series(measure, refs, timeline)
    if not series:
        return ""
    how = {"cumulative": f"running totals since {measure.since.text() if measure.since else 'the start'}",
           "per_period": f"totals per {measure.period}", "per_event": "figures each about their own event"}
    description = (f"{measure.label}: {how[measure.counting]}, one series per claimant, each figure as its "
                   "claimant gave it; the table below lists every claim.")
    return chart_svg(series, title=f"{measure.label} over time", description=description,
                     unit=UNITS[measure.unit].word, chart_id=f"chart-{measure.id}")


def series_chart(measure: Measure, refs: list[ClaimRef], timeline: Timeline, ident: str) -> str:
    """The small chart of a series on the storylines page: its own claimant's figures of its measure."""
    series = chart_series(measure, refs, timeline)
    if not series:
        return ""
    return chart_svg(series, title=f"{measure.label}, {series[0].label}",
                     description=f"{measure.label} in this series, each figure as its claimant gave it.",
                     unit=UNITS[measure.unit].word, compact=True, chart_id=f"chart-{ident}")


def in_moment_order(refs: list[ClaimRef]) -> list[ClaimRef]:
    """Claims (given in reading order of their events) ordered by their moment.

    Without any ``as_of`` that is the order they came in, so only a measure with one is sorted again.
    """
    if all(ref.claim.as_of is None for ref in refs):
        return refs
    return sorted(refs, key=moment_key)


def latest_by_claimant(refs: list[ClaimRef]) -> list[ClaimRef]:
    """Each claimant's latest claim about the overall figure, newest first; per-place claims aside.

    ``refs`` are in moment order (:func:`in_moment_order`).
    """
    latest: dict[str, ClaimRef] = {}
    for ref in refs:
        if ref.claim.region is None:
            latest[ref.claim.claimant] = ref
    return sorted(latest.values(), key=moment_key, reverse=True)


@dataclass(frozen=True)
class RegionTable:
    """The per-place figures of one moment: a row per region, a column per claimant."""

    moment: FuzzyDate
    claimants: list[str]
    """Claimant actor ids, in the order they first claimed."""
    rows: list[tuple[Region, list[list[ClaimRef]]]]
    """Each region (by name) with, per claimant, its claims for that region and moment."""


def region_table(refs: list[ClaimRef], timeline: Timeline) -> RegionTable | None:
    """The per-place figures of the latest moment any claim gives one for, or ``None`` when no claim has a place."""
    placed = [ref for ref in refs if ref.claim.region]
    if not placed:
        return None
    newest = max(placed, key=moment_key)
    when = moment(newest).edtf()
    chosen = [ref for ref in placed if moment(ref).edtf() == when]
    claimants = list(dict.fromkeys(ref.claim.claimant for ref in chosen))
    cells: dict[str, dict[str, list[ClaimRef]]] = defaultdict(lambda: defaultdict(list))
    for ref in chosen:
        cells[ref.claim.region or ""][ref.claim.claimant].append(ref)
    regions = sorted((timeline.regions[r] for r in cells), key=lambda r: r.name)
    return RegionTable(moment(newest), claimants,
                       [(region, [cells[region.id].get(c, []) for c in claimants]) for region in regions])
