"""Charts of figures over time, drawn at build time as inline SVG for measure pages.

Each claimant's figures are one series. A cumulative tally is a line, with a
translucent band where its figures are ranges; per-event figures are markers
that are never joined, with whiskers for ranges. Series are told apart by
marker shape and legend label, not by colour alone. Minimums carry an upward
chevron, maximums a downward one, estimates are drawn hollow. Colours, strokes
and type sizes come from CSS (``tl-chart-*`` and ``tl-series-N`` classes in
``docs/assets/timeline.css``), so a chart follows the light, dark and print
themes; the markup holds no colour but ``currentColor``.

leather supplies only the value-axis ticks (:class:`leather.ticks.ScoreTicker`,
round Decimal steps). Its time ticker steps by arbitrary spans such as eleven
months, and its renderer draws no marker shapes, whiskers or accessible
title, so time ticks are chosen here on calendar boundaries and the marks are
laid out by ``templates/chart.svg.jinja``.

With more figures than the plot has columns, each column keeps only its lowest
and highest figure (and each series its first and last): the same picture in
far fewer points. The caller's data is never changed.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import jinja2
from leather.ticks import ScoreTicker
from markupsafe import escape

from .render import environment

Bound = Literal["exact", "lower", "upper", "estimate"]


@dataclass(frozen=True)
class Point:
    """One figure at one time; a ``datetime.date`` stands for the start of that day."""

    when: datetime.date | datetime.datetime
    value: Decimal
    low: Decimal | None = None
    high: Decimal | None = None
    bound: Bound = "exact"


@dataclass(frozen=True)
class Series:
    """One claimant's figures: ``joined`` for a cumulative tally drawn as a line."""

    label: str
    joined: bool
    points: tuple[Point, ...]


SHAPES = ("circle", "square", "triangle", "diamond", "cross", "plus", "triangle-down", "star")
"""Marker shapes in the order series receive them; colour classes ``tl-series-0..7`` cycle alongside."""

BOUND_WORDS = {"lower": "minimum", "upper": "maximum", "estimate": "~ estimate"}
"""What the legend adds to a series whose figures all share one bound."""

_CODES = {"exact": "e", "lower": "l", "upper": "u", "estimate": "x"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TEMPLATE = "chart.svg.jinja"


@dataclass(frozen=True)
class _Frame:
    """Fixed geometry of one chart size, in viewBox units."""

    width: float
    font: float  # the largest type size CSS may set; text is laid out for it
    left: float
    right: float
    pad: float  # inner margin so that markers at either end are whole
    plot_height: float
    time_ticks: int
    marker: float  # marker box size (shapes are drawn in a 40-unit box)
    mark_spacing: float  # on a dense line, markers at least this far apart
    char: float = 0.64  # estimated advance of one character (a digit in DejaVu Sans), as a share of the font size


_FULL = _Frame(width=720, font=22, left=8, right=712, pad=10, plot_height=220, time_ticks=6, marker=40,
               mark_spacing=44)
_COMPACT = _Frame(width=240, font=11, left=2, right=238, pad=4, plot_height=36, time_ticks=3, marker=18,
                  mark_spacing=24)


# ---------------------------------------------------------------- numbers and words


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def format_value(value: Decimal, unit: str = "") -> str:
    """A figure as readers write it: ``1,000,000``, ``0.25``, ``12 km²``, ``40%``."""
    number = "0" if value == 0 else format(value.normalize(), ",f")
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(value: str) -> str:
    """Caller text on one line, without characters XML cannot hold."""
    return " ".join(_CONTROL.sub("", value).split())


def _xml(value: str) -> str:
    return str(escape(value))


def _day_label(moment: datetime.datetime, year: bool) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]}" + (f" {moment.year}" if year else "")


def _moment_label(moment: datetime.datetime, time: bool) -> str:
    text = _day_label(moment, year=True)
    return f"{text} {moment:%H:%M}" if time else text


# ---------------------------------------------------------------- time


def _days(when: datetime.date) -> float:
    """Days since ordinal day 0 of the proleptic calendar, as a float; a date is its midnight."""
    if isinstance(when, datetime.datetime):
        return when.toordinal() + (when.hour * 3600 + when.minute * 60 + when.second + when.microsecond / 1e6) / 86400
    return float(when.toordinal())


def _moment(days: float) -> datetime.datetime:
    """The instant of :func:`_days`, to the nearest second."""
    whole = math.floor(days)
    return datetime.datetime.fromordinal(whole) + datetime.timedelta(seconds=round((days - whole) * 86400))


def _wall_time(when: datetime.date, zone: datetime.tzinfo | None) -> datetime.date:
    """Aware moments as wall time in ``zone``, so that every point of a chart reads on one clock."""
    if isinstance(when, datetime.datetime) and when.tzinfo is not None and zone is not None:
        return when.astimezone(zone).replace(tzinfo=None)
    return when


_STEPS: tuple[tuple[str, int], ...] = (
    ("hour", 1), ("hour", 2), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("week", 1), ("week", 2),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    *(("year", years) for years in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)),
)
_EPSILON = 1e-6  # a day's float error allowance: far under a second


def _aligned(unit: str, step: int, start: float, end: float, most: int) -> list[float]:
    """Up to ``most`` instants in [start, end] (in :func:`_days`) on boundaries of ``step`` ``unit``s.

    Hours count from midnight, days from ordinal day 0, weeks from a Monday,
    months from January, years from year 0.
    """
    ticks: list[float] = []
    if unit in ("hour", "day", "week"):
        per_day, offset = {"hour": (24 / step, 0), "day": (1 / step, 0), "week": (1 / (7 * step), 1)}[unit]
        count = math.ceil((start - offset) * per_day - _EPSILON)  # ordinal day 1 (1 Jan of year 1) is a Monday
        while len(ticks) < most:
            tick = count / per_day + offset
            if tick > end + _EPSILON:
                break
            ticks.append(tick)
            count += 1
        return ticks
    first = _moment(start)
    if unit == "month":
        month = first.year * 12 + first.month - 1 + (first != datetime.datetime(first.year, first.month, 1))
        month = -(-month // step) * step
        while len(ticks) < most and month // 12 <= 9999:
            tick = float(datetime.date(month // 12, month % 12 + 1, 1).toordinal())
            if tick > end + _EPSILON:
                break
            ticks.append(tick)
            month += step
        return ticks
    year = first.year + (first != datetime.datetime(first.year, 1, 1))
    year = -(-year // step) * step
    while len(ticks) < most and year <= 9999:
        tick = float(datetime.date(year, 1, 1).toordinal())
        if tick > end + _EPSILON:
            break
        ticks.append(tick)
        year += step
    return ticks


def _time_labels(unit: str, ticks: list[float]) -> list[str]:
    """``2024``, ``Mar 2024``, ``5 Jun`` (with the year where it starts or changes), ``06:00``."""
    moments = [_moment(tick) for tick in ticks]
    if unit == "year":
        return [str(moment.year) for moment in moments]
    if unit == "month":
        return [f"{_MONTHS[moment.month - 1]} {moment.year}" for moment in moments]
    if unit == "hour":
        labels = [_day_label(moment, year=False) if (moment.hour, moment.minute) == (0, 0) else f"{moment:%H:%M}"
                  for moment in moments]
        if moments and all(moment.hour or moment.minute for moment in moments):
            labels[0] = f"{_day_label(moments[0], year=False)} {labels[0]}"  # no midnight tick names the day
        return labels
    return [_day_label(moment, year=index == 0 or moment.year != moments[index - 1].year)
            for index, moment in enumerate(moments)]


def time_ticks(start: float, end: float, *, hours: bool, most: int,
               fits: Callable[[list[float], list[str]], bool] = lambda ticks, labels: True,
               ) -> list[tuple[float, str]]:
    """Ticks for the span ``start``..``end`` (in :func:`_days`), with labels.

    The smallest calendar step (hours only when ``hours``) that gives at most
    ``most`` ticks whose labels ``fits`` lets stand side by side.
    """
    for unit, step in _STEPS:
        if unit == "hour" and not hours:
            continue
        ticks = _aligned(unit, step, start, end, most + 1)
        if len(ticks) > most:
            continue
        labels = _time_labels(unit, ticks)
        if fits(ticks, labels):
            return list(zip(ticks, labels))
    return []


# ---------------------------------------------------------------- values


def value_ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    """Round ticks covering ``low``..``high``, from leather's ScoreTicker; equal ends are spread apart."""
    if low == high:
        low, high = (low, Decimal(0)) if low < 0 else (Decimal(0), high or Decimal(1))
    try:
        ticks = list(ScoreTicker(low, high).ticks)
    except (ArithmeticError, IndexError, ValueError):
        ticks = [low, high]
    return ticks if ticks[0] < ticks[-1] else [low, high]


# ---------------------------------------------------------------- display thinning


def thin(xs: Sequence[float], values: Sequence[float]) -> list[int]:
    """Indices of the points to draw when ``xs`` (ascending, in viewBox units) has more points than columns.

    Per column of one unit: the lowest and the highest value, in time order;
    the first and last point always.
    """
    count = len(xs)
    if count == 0 or count <= xs[-1] - xs[0] + 1:
        return list(range(count))
    keep = {0, count - 1}
    start = 0
    while start < count:
        end = bisect.bisect_left(xs, math.floor(xs[start]) + 1, start)
        column = values[start:end]
        keep.add(start + column.index(min(column)))
        keep.add(start + column.index(max(column)))
        start = end
    return sorted(keep)


# ---------------------------------------------------------------- layout


@dataclass
class _Prepared:
    """A series ready to draw: finite figures in time order, with positions and values as floats."""

    index: int
    series: Series
    points: list[Point]
    ts: Sequence[float]  # days, as from :func:`_days`
    values: list[float]
    bounds: frozenset[str]
    extent: tuple[Decimal, Decimal] | None  # lowest and highest of values and range ends
    dates_only: bool  # no point has a time of day

    @property
    def slot(self) -> int:
        return self.index % len(SHAPES)

    @property
    def bound(self) -> str:
        """The bound all points share, or ``exact`` when they mix."""
        return next(iter(self.bounds)) if len(self.bounds) == 1 else "exact"

    @property
    def name(self) -> str:
        return _plain(self.series.label) or f"Series {self.index + 1}"

    @property
    def qualifier(self) -> str:
        """`` (minimum)``, `` (maximum)`` or `` (~ estimate)`` when every figure has that bound."""
        word = BOUND_WORDS.get(self.bound)
        return f" ({word})" if word else ""


@dataclass
class _Legend:
    entries: list[dict] = field(default_factory=list)
    rows: int = 0


def _finite(points: Sequence[Point]) -> tuple[list[Point], list[Decimal], list[float]]:
    """The points with a finite value, their values, and their values as floats."""
    figures = list(map(_VALUE, points))
    try:
        values = list(map(float, figures))
        if math.isfinite(sum(values)):
            return list(points), figures, values
    except ValueError:  # a signalling NaN
        pass
    usable = [point for point in points if point.value.is_finite()]
    figures = list(map(_VALUE, usable))
    return usable, figures, list(map(float, figures))


_VALUE, _WHEN, _LOW, _HIGH, _BOUND = map(operator.attrgetter, ("value", "when", "low", "high", "bound"))
_GIVEN = functools.partial(operator.is_not, None)


def _prepare(series: Sequence[Series]) -> list[_Prepared]:
    """Each series with its figures in time order; aware times are read on the clock of the first one."""
    finite = [_finite(one.points) for one in series]
    kinds = [set(map(type, map(_WHEN, points))) for points, _, _ in finite]
    zone = next((point.when.tzinfo for (points, _, _), types in zip(finite, kinds)
                 if any(issubclass(kind, datetime.datetime) for kind in types)
                 for point in points if isinstance(point.when, datetime.datetime) and point.when.tzinfo), None)
    prepared = []
    for index, (one, (points, figures, values), types) in enumerate(zip(series, finite, kinds)):
        dates_only = not any(issubclass(kind, datetime.datetime) for kind in types)
        stamps: Sequence[float]
        if dates_only:
            stamps = list(map(datetime.date.toordinal, map(_WHEN, points)))
        else:
            stamps = [_days(_wall_time(point.when, zone)) for point in points]
        if not all(map(operator.le, stamps, itertools.islice(stamps, 1, None))):
            order = sorted(range(len(points)), key=stamps.__getitem__)
            points, stamps, values = [points[i] for i in order], [stamps[i] for i in order], [values[i] for i in order]
        extent = None
        if figures:
            ends = [end for end in filter(_GIVEN, itertools.chain(map(_LOW, points), map(_HIGH, points)))
                    if end.is_finite()]
            lowest, highest = figures[values.index(min(values))], figures[values.index(max(values))]
            extent = (min(lowest, *ends), max(highest, *ends)) if ends else (lowest, highest)
        prepared.append(_Prepared(index=index, series=one, points=points, ts=stamps, values=values,
                                  bounds=frozenset(map(_BOUND, points)) or frozenset({"exact"}),
                                  extent=extent, dates_only=dates_only))
    return prepared


def _legend(prepared: list[_Prepared], frame: _Frame, notes: list[str]) -> _Legend:
    """Series keys, then notes explaining marks, flowed into rows across the plot's width.

    Positions along x are final; ``row`` numbers are turned into y by the caller.
    """
    font = frame.font
    icon, gap = 30.0, 8.0
    per_char = frame.char * font
    fit = max(4, int((frame.right - frame.left - icon - gap) / per_char))
    items: list[dict] = []
    for one in prepared:
        name, qualifier = one.name, one.qualifier
        room = fit - len(qualifier)
        full = name + qualifier
        text = full if len(full) <= fit else name[:max(1, room - 1)].rstrip() + "…" + qualifier
        items.append({"kind": "series", "slot": one.slot, "bound": one.bound, "joined": one.series.joined,
                      "text": text, "full": full if text != full else ""})
    for note in notes:
        items.append({"kind": note, "text": BOUND_WORDS.get(note, note)})
    x, row = frame.left, 0
    for item in items:
        size = icon + gap + len(item["text"]) * per_char
        if x > frame.left and x + size > frame.right:
            x, row = frame.left, row + 1
        item.update(x=x, row=row, text=_xml(item["text"]), full=_xml(item.get("full", "")))
        x += size + font
    return _Legend(entries=items, rows=row + 1 if items else 0)


def _place_legend(legend: _Legend, top: float, row_height: float, font: float,
                  marker: Callable[[int, str], str]) -> list[dict]:
    """Legend entries with coordinates and marker names, for the template."""
    placed = []
    for item in legend.entries:
        x, y = item["x"], top + row_height * (item["row"] + 0.5)
        middle = x + 15
        entry = dict(item, x=_n(x), x2=_n(x + 30), icon=_n(middle), y=_n(y), tx=_n(x + 38), ty=_n(y + font * 0.35))
        if item["kind"] == "series":
            entry["marker"] = marker(item["slot"], item["bound"])
            shift = {"lower": 4, "upper": -4}.get(item["bound"], 0)  # centre shape and chevron on the row
            entry["icon_y"] = _n(y + shift)
        elif item["kind"] == "lower":
            entry["d"] = f"M{_n(middle - 7)} {_n(y + 4)}L{_n(middle)} {_n(y - 3)}L{_n(middle + 7)} {_n(y + 4)}"
        elif item["kind"] == "upper":
            entry["d"] = f"M{_n(middle - 7)} {_n(y - 4)}L{_n(middle)} {_n(y + 3)}L{_n(middle + 7)} {_n(y - 4)}"
        elif item["kind"] == "range":
            entry["d"] = (f"M{_n(middle)} {_n(y - 10)}V{_n(y + 10)}M{_n(middle - 5)} {_n(y - 10)}h10"
                          f"M{_n(middle - 5)} {_n(y + 10)}h10")
        placed.append(entry)
    return placed


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    return environment().get_template(_TEMPLATE)


def _safe_id(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", value) or "chart"


def _describe(prepared: list[_Prepared], first: float | None, last: float | None, dates_only: bool) -> str:
    count = sum(len(one.points) for one in prepared)
    labels = "; ".join(one.name + one.qualifier for one in prepared)
    if not prepared:
        return "No series."
    if first is None or last is None:
        return f"{len(prepared)} series ({labels}), no figures."
    start, end = _moment(first), _moment(last)
    with_time = not dates_only and any((moment.hour, moment.minute) != (0, 0) for moment in (start, end))
    figures = "1 figure" if count == 1 else f"{count:,} figures"
    when = (f"on {_moment_label(start, with_time)}" if first == last
            else f"from {_moment_label(start, with_time)} to {_moment_label(end, with_time)}")
    return f"{len(prepared)} series ({labels}), {figures} {when}."


def chart_svg(series: Sequence[Series], *, title: str, description: str, unit: str = "",
              compact: bool = False, chart_id: str = "chart") -> str:
    """Inline SVG of ``series`` over time: one line-broken string, no blank lines inside, no XML declaration.

    ``title`` and ``description`` (the caller's sentence, to which the series,
    the number of figures and their time span are added) label the image for
    assistive technology; ``unit`` follows value labels; ``chart_id``
    prefixes every id, so it must differ between the charts of one page.
    ``compact`` draws a small chart without legend or value ticks, labelled
    with its lowest and highest figure, for lists of series.
    """
    frame = _COMPACT if compact else _FULL
    cid = _safe_id(chart_id)
    unit = _plain(unit)
    prepared = _prepare(series)
    populated = [one for one in prepared if one.points]
    first = min((one.ts[0] for one in populated), default=None)
    last = max((one.ts[-1] for one in populated), default=None)
    dates_only = all(one.dates_only for one in populated)
    sentence = _describe(prepared, first, last, dates_only)
    caller = _plain(description)
    if caller and caller[-1] not in ".!?…":
        caller += "."
    context: dict = {
        "cid": cid, "compact": compact, "width": _n(frame.width), "font": _n(frame.font),
        "title": _xml(_plain(title)), "desc": _xml(f"{caller} {sentence}" if caller else sentence),
        "series": [], "grid": "", "axis": "", "value_labels": [], "time_labels": [], "caption": None,
        "empty": None, "marker_size": _n(frame.marker),
    }
    markers: dict[str, dict] = {}

    def marker(slot: int, bound: str) -> str:
        name = f"m{slot}{_CODES[bound]}"
        markers.setdefault(name, {"id": f"{cid}-{name}", "slot": slot, "shape": SHAPES[slot], "bound": bound})
        return name

    extents = [one.extent for one in populated if one.extent]
    extent = (min(low for low, _ in extents), max(high for _, high in extents)) if extents else None
    axis = _ValueAxis.for_figures(extent, unit, frame, compact) if extent else None
    caption = axis.caption if axis else ""

    # Vertical layout: legend rows, then the plot, then the time labels.
    row_height = frame.font * 1.5
    legend = _Legend() if compact else _legend(prepared, frame, _notes(populated))
    if compact:
        plot_top = 6.0
        plot_bottom = plot_top + frame.plot_height
        time_baseline = plot_bottom + 4 + frame.font
        height = time_baseline + 3
    else:
        legend_bottom = 4 + legend.rows * row_height
        plot_top = legend_bottom + (frame.font + 16 if caption else frame.font * 0.5 + 10)
        plot_bottom = plot_top + frame.plot_height
        time_baseline = plot_bottom + 12 + frame.font
        height = time_baseline + frame.font * 0.35 + 4
    context["height"] = _n(height)
    context["legend"] = _place_legend(legend, 4, row_height, frame.font, marker)

    if axis is None or first is None or last is None:
        context["empty"] = {"x": _n(frame.width / 2), "y": _n((plot_top + plot_bottom) / 2)}
        context["markers"] = sorted(markers.values(), key=lambda m: m["id"])
        return _finish(_template().render(context))

    # Value axis: labels right-aligned in a gutter left of the plot.
    left = axis.gutter
    v0 = float(axis.low)
    y_of = _Linear(plot_bottom, v0, (plot_top - plot_bottom) / (float(axis.high) - v0))

    grid = []
    for value, text in axis.labels:
        y = y_of(float(value))
        if value != axis.low:
            grid.append(f"M{_n(left)} {_n(y)}H{_n(frame.right)}")
        context["value_labels"].append({"x": _n(left - 6), "y": _n(y + frame.font * 0.35), "text": _xml(text)})
    context["grid"] = "".join(grid)
    if caption:
        context["caption"] = {"x": "0", "y": _n(plot_top - frame.font * 0.5 - 6), "text": _xml(caption)}

    # Time axis.
    start, end = first, last
    if dates_only:
        if end - start < 1:
            start, end = start - 1, end + 1
    elif end - start < 2 / 24:
        start, end = (start + end) / 2 - 1 / 24, (start + end) / 2 + 1 / 24
    x0 = left + frame.pad
    x_of = _Linear(x0, start, (frame.right - frame.pad - x0) / (end - start))

    def label_box(x: float, text: str) -> tuple[float, float, str]:
        half = len(text) * frame.char * frame.font / 2
        if x - half < 0:
            return 0.0, 2 * half, "start"
        if x + half > frame.width:
            return frame.width - 2 * half, frame.width, "end"
        return x - half, x + half, "middle"

    def fits(ticks: list[float], labels: list[str]) -> bool:
        boxes = [label_box(x_of(tick), text) for tick, text in zip(ticks, labels)]
        return all(a[1] + frame.font * 0.8 <= b[0] for a, b in zip(boxes, boxes[1:]))

    hours = not dates_only and end - start < 2
    tick_marks = [f"M{_n(left)} {_n(plot_bottom)}H{_n(frame.right)}"]
    for tick, text in time_ticks(start, end, hours=hours, most=frame.time_ticks, fits=fits):
        x = x_of(tick)
        box_left, box_right, anchor = label_box(x, text)
        position = {"start": box_left, "end": box_right, "middle": x}[anchor]
        context["time_labels"].append({"x": _n(position), "y": _n(time_baseline), "anchor": anchor,
                                       "text": _xml(text)})
        tick_marks.append(f"M{_n(x)} {_n(plot_bottom)}v{_n(frame.font * 0.3)}")
    context["axis"] = "".join(tick_marks)

    context["series"] = [_draw(one, x_of, y_of, frame, marker) for one in prepared]
    context["markers"] = sorted(markers.values(), key=lambda m: m["id"])
    return _finish(_template().render(context))


@dataclass(frozen=True)
class _ValueAxis:
    low: Decimal
    high: Decimal
    labels: list[tuple[Decimal, str]]  # values and their labels, bottom to top
    gutter: float  # width left of the plot that the labels need
    caption: str = ""  # a unit too long to repeat on every label, shown once above them

    @classmethod
    def for_figures(cls, extent: tuple[Decimal, Decimal], unit: str, frame: _Frame, compact: bool) -> _ValueAxis:
        """Full charts: round ticks from zero (when no figure is negative); compact ones: lowest and highest."""
        low, high = extent
        if compact:
            labels = [(low, format_value(low, unit)), (high, format_value(high, unit))]
            if low == high:
                spread = abs(low) / 10 if low else Decimal(1)
                low, high = low - spread, high + spread
                labels = labels[:1]
            caption = ""
        else:
            short = len(unit) <= 1
            ticks = value_ticks(Decimal(0) if low >= 0 else low, high)
            labels = [(tick, format_value(tick, unit if short else "")) for tick in ticks]
            low, high = ticks[0], ticks[-1]
            caption = "" if short else unit
        widest = max(len(text) for _, text in labels)
        gutter = min(frame.width / 3, max(3, widest) * frame.char * frame.font + 10)
        return cls(low=low, high=high, labels=labels, gutter=gutter, caption=caption)


def _notes(populated: list[_Prepared]) -> list[str]:
    """Marks the legend explains: bounds within series that mix them, and ranges drawn as whiskers."""
    notes = [bound for bound in ("lower", "upper", "estimate")
             if any(len(one.bounds) > 1 and bound in one.bounds for one in populated)]
    if any(point.low is not None or point.high is not None
           for one in populated if not one.series.joined for point in one.points):
        notes.append("range")
    return notes


@dataclass(frozen=True)
class _Linear:
    """A position in viewBox units: ``origin + (value - base) * factor``."""

    origin: float
    base: float
    factor: float

    def __call__(self, value: float) -> float:
        return self.origin + (value - self.base) * self.factor

    def each(self, values: Sequence[float]) -> list[float]:
        origin, base, factor = self.origin, self.base, self.factor
        return [origin + (value - base) * factor for value in values]


_TRAILING_ZERO = re.compile(r"\.0(?![0-9])")


def _trim(coordinates: str) -> str:
    """Coordinates formatted with one decimal, without the ``.0`` of whole numbers."""
    return _TRAILING_ZERO.sub("", coordinates)


def _draw(one: _Prepared, x_of: _Linear, y_of: _Linear, frame: _Frame, marker: Callable[[int, str], str]) -> dict:
    """The line, band, whiskers and markers of one series, thinned for display."""
    drawn: dict = {"slot": one.slot, "joined": one.series.joined, "line": "", "band": "", "marks": [],
                   "whiskers": []}
    if not one.points:
        return drawn
    xs = x_of.each(one.ts)
    keep = thin(xs, one.values)
    ys = y_of.each([one.values[index] for index in keep])
    pairs = [f"{xs[index]:.1f} {y:.1f}" for index, y in zip(keep, ys)]
    points = one.points
    ranged = [position for position, index in enumerate(keep)
              if points[index].low is not None or points[index].high is not None]
    if one.series.joined:
        drawn["line"] = _trim(f"M{pairs[0]}L{' '.join(pairs[1:] or pairs)}")
        if ranged:
            spans = [_span(points[index]) for index in keep]
            upper = [f"{xs[index]:.1f} {y_of(top):.1f}" for index, (top, _) in zip(keep, spans)]
            lower = [f"{xs[index]:.1f} {y_of(bottom):.1f}" for index, (_, bottom) in zip(keep, spans)]
            drawn["band"] = _trim(f"M{upper[0]}L{' '.join(upper[1:])} {' '.join(reversed(lower))}Z")
        dense = len(keep) * frame.mark_spacing > frame.right - frame.left
        marked = _spaced(xs, keep, frame.mark_spacing) if dense else list(range(len(keep)))
    else:
        marked = list(range(len(keep)))
        cap = frame.marker / 8
        for position in ranged:
            index = keep[position]
            top, bottom = _span(points[index])
            y_top, y_bottom = y_of(top), y_of(bottom)
            if y_bottom - y_top < 1:
                continue
            x, t, b = xs[index], f"{y_top:.1f}", f"{y_bottom:.1f}"
            left, middle, right = f"{x - cap:.1f}", f"{x:.1f}", f"{x + cap:.1f}"
            drawn["whiskers"].append(
                _trim(f"{left},{t} {right},{t} {middle},{t} {middle},{b} {left},{b} {right},{b}"))
    groups: dict[str, list[str]] = {}
    for position in marked:
        groups.setdefault(points[keep[position]].bound, []).append(pairs[position].replace(" ", ","))
    for bound in ("exact", "estimate", "lower", "upper"):
        spots = groups.get(bound)
        if spots:
            if len(spots) == 1:
                spots = spots * 2  # markers are drawn on vertices of a segment: a lone point is given twice
            drawn["marks"].append({"marker": marker(one.slot, bound), "points": _trim(" ".join(spots))})
    return drawn


def _span(point: Point) -> tuple[float, float]:
    """Top and bottom of a point's range (its value where an end is not given)."""
    values = [value for value in (point.value, point.low, point.high) if value is not None and value.is_finite()]
    return float(max(values)), float(min(values))


def _spaced(xs: list[float], keep: list[int], spacing: float) -> list[int]:
    """Positions in ``keep`` whose points lie at least ``spacing`` apart along x, the last one included."""
    chosen = [0]
    for position in range(1, len(keep)):
        if xs[keep[position]] - xs[keep[chosen[-1]]] >= spacing:
            chosen.append(position)
    last = len(keep) - 1
    if chosen[-1] != last:
        if len(chosen) > 1 and xs[keep[last]] - xs[keep[chosen[-1]]] < spacing / 2:
            chosen.pop()
        chosen.append(last)
    return chosen


def _finish(markup: str) -> str:
    """Drop empty lines (Markdown would end the raw HTML block there) and surrounding whitespace."""
    return "\n".join(line for line in markup.strip().splitlines() if line.strip())
