"""Charts of figures over time, read as a reader (or a screen reader) meets them in the SVG."""

from __future__ import annotations

import datetime
import random
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from chronicle.chart import SHAPES, Point, Series, chart_svg, format_value, thin, time_ticks, value_ticks

SVG = "{http://www.w3.org/2000/svg}"
START = datetime.date(2022, 2, 24)
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"


# ---------------------------------------------------------------- realistic series


def daily_tally(days: int = 700, *, ranged: bool = True) -> Series:
    """A cumulative count published every day: from 200,000, about 1,000 more each day."""
    points = []
    for day in range(days):
        value = Decimal(200_000 + 1_000 * day + (day * 37) % 400)
        spread = Decimal(30 * day) if ranged and day % 7 == 0 else None
        points.append(Point(START + datetime.timedelta(days=day), value,
                            low=value - spread if spread else None, high=value + spread if spread else None))
    return Series("General Staff of the Armed Forces of Ukraine", joined=True, points=tuple(points))


def monthly_minimum() -> Series:
    """Another counter's visually confirmed losses, once a month: minimums."""
    points = tuple(Point(datetime.date(2022 + (2 + month) // 12, (2 + month) % 12 + 1, 1),
                         Decimal(150_000 + 23_000 * month), bound="lower") for month in range(23))
    return Series("Oryx (visually confirmed)", joined=False, points=points)


def reported_events() -> Series:
    """Figures given in single reports, some as ranges: points that must never be joined."""
    return Series("UK Ministry of Defence", joined=False, points=(
        Point(datetime.date(2022, 5, 10), Decimal(420_000), low=Decimal(380_000), high=Decimal(460_000)),
        Point(datetime.date(2022, 9, 3), Decimal(530_000), low=Decimal(500_000), high=Decimal(560_000)),
        Point(datetime.date(2023, 1, 20), Decimal(615_000), low=Decimal(580_000), high=Decimal(650_000)),
        Point(datetime.date(2023, 6, 14), Decimal(680_000), low=Decimal(640_000), high=Decimal(720_000)),
        Point(datetime.date(2023, 11, 2), Decimal(810_000)),
    ))


def three_claimants(**options) -> str:
    return chart_svg([daily_tally(), monthly_minimum(), reported_events()], title="Russian personnel losses",
                     description="Russian personnel losses as three claimants count them.", **options)


# ---------------------------------------------------------------- reading the SVG


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if name in classes(element)]


def series_groups(root: ET.Element) -> list[ET.Element]:
    return with_class(root, "tl-chart-series")


def legend_keys(root: ET.Element) -> list[ET.Element]:
    return with_class(root, "tl-chart-key")


def key_text(key: ET.Element) -> str:
    return "".join(key.find(f"{SVG}text").itertext())


def referenced_marker(root: ET.Element, element: ET.Element) -> ET.Element:
    reference = element.get("marker-start")
    match = re.fullmatch(r"url\(#(.+)\)", reference or "")
    assert match, reference
    found = [marker for marker in root.iter(f"{SVG}marker") if marker.get("id") == match.group(1)]
    assert len(found) == 1, match.group(1)
    return found[0]


def shape_of(marker: ET.Element) -> tuple[str, str]:
    """The tag and geometry of a marker's shape (its first child)."""
    shape = list(marker)[0]
    return shape.tag, shape.get("d") or shape.get("r") or shape.get("width") or ""


def vertices(path_data: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path_data)]
    return list(zip(numbers[0::2], numbers[1::2]))


def value_scale(root: ET.Element) -> tuple[float, float]:
    """(y of 0, viewBox units per unit of value), from the lowest and highest value labels and their rules."""
    labels = [float(label.text.replace(",", "")) for label in with_class(root, "tl-chart-value")]
    bottom = vertices(with_class(root, "tl-chart-axis")[0].get("d"))[0][1]
    top = min(y for _, y in vertices(re.sub(r"H[\d.]+", " ", with_class(root, "tl-chart-grid")[0].get("d"))))
    per_unit = (top - bottom) / (labels[-1] - labels[0])
    return bottom - labels[0] * per_unit, per_unit


# ---------------------------------------------------------------- tests


def test_svg_is_labelled_for_assistive_technology():
    root = parse(three_claimants(chart_id="losses"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    first, second = list(root)[:2]
    assert (first.tag, second.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}" == "losses-title losses-desc"
    assert first.text == "Russian personnel losses"
    assert second.text.startswith("Russian personnel losses as three claimants count them. 3 series (")
    assert "728 figures from 24 Feb 2022 to 24 Jan 2024." in second.text
    assert re.fullmatch(r"0 0 720 \d+(\.\d)?", root.get("viewBox"))


def test_one_legend_entry_per_series_with_its_label_and_bound():
    root = parse(three_claimants())
    assert [key_text(key) for key in legend_keys(root)] == [
        "General Staff of the Armed Forces of Ukraine", "Oryx (visually confirmed) (minimum)", "UK Ministry of Defence"]


def test_series_are_told_apart_by_shape_and_colour_class():
    root = parse(three_claimants())
    keys = legend_keys(root)
    shapes = {shape_of(referenced_marker(root, key.find(f"{SVG}polyline"))) for key in keys}
    assert len(shapes) == 3
    assert [classes(group)[1] for group in series_groups(root)] == ["tl-series-0", "tl-series-1", "tl-series-2"]
    assert [classes(key)[1] for key in keys] == ["tl-series-0", "tl-series-1", "tl-series-2"]


def test_shapes_and_colours_cycle_for_many_series():
    many = [Series(f"Claimant {n}", False, (Point(START, Decimal(n + 1)),)) for n in range(10)]
    root = parse(chart_svg(many, title="Many", description="Ten claimants."))
    assert [classes(group)[1] for group in series_groups(root)] == [f"tl-series-{n % 8}" for n in range(10)]
    shapes = [shape_of(referenced_marker(root, key.find(f"{SVG}polyline"))) for key in legend_keys(root)]
    assert len(set(shapes[:len(SHAPES)])) == len(SHAPES)


def test_a_cumulative_series_is_a_line_and_per_event_figures_are_never_joined():
    root = parse(three_claimants())
    tally, minimums, events = series_groups(root)
    lines = [path for path in tally.iter(f"{SVG}path") if "tl-chart-line" in classes(path)]
    assert len(lines) == 1
    assert len(vertices(lines[0].get("d"))) > 100
    for group in (minimums, events):
        assert list(group.iter(f"{SVG}path")) == []
        for marks in with_class(group, "tl-chart-marks"):
            assert (marks.get("stroke"), marks.get("fill")) == ("none", "none")


def test_the_line_follows_time_order_whatever_the_input_order():
    tally = daily_tally(60, ranged=False)
    shuffled = list(tally.points)
    random.Random(4).shuffle(shuffled)
    as_given = Series(tally.label, True, tuple(shuffled))
    root = parse(chart_svg([as_given], title="Tally", description="Shuffled input."))
    line = with_class(root, "tl-chart-line")[0]
    xs = [x for x, _ in vertices(line.get("d"))]
    assert xs == sorted(xs) and len(xs) == 60
    assert as_given.points == tuple(shuffled)


def test_ranges_are_whiskers_on_points_and_a_band_under_a_line():
    root = parse(three_claimants())
    tally, _, events = series_groups(root)
    assert len(with_class(tally, "tl-chart-band")) == 1
    whiskers = [polyline for group in with_class(events, "tl-chart-whiskers") for polyline in group]
    assert len(whiskers) == 4  # the fifth report gives a single figure
    marks = [vertex for polyline in with_class(events, "tl-chart-marks")
             for vertex in vertices(polyline.get("points").replace(",", " "))]
    for whisker in whiskers:
        ends = vertices(whisker.get("points").replace(",", " "))
        x = ends[2][0]
        top, bottom = min(y for _, y in ends), max(y for _, y in ends)
        assert {x0 for x0, _ in ends} == {x - 5, x, x + 5}  # a stem with a cap at each end
        assert any(mx == x and top < my < bottom for mx, my in marks)
    assert "range" in ["".join(note.itertext()).strip() for note in with_class(root, "tl-chart-note")]


def test_minimums_point_up_and_say_so():
    root = parse(three_claimants())
    _, minimums, _ = series_groups(root)
    marks = with_class(minimums, "tl-chart-marks")
    assert len(marks) == 1
    marker = referenced_marker(root, marks[0])
    chevrons = with_class(marker, "tl-chart-bound")
    assert len(chevrons) == 1
    assert all(y < 0 for _, y in vertices(chevrons[0].get("d")))  # above the shape: up is negative y
    assert key_text(legend_keys(root)[1]).endswith("(minimum)")


def test_maximums_point_down_and_estimates_are_hollow():
    upper = Series("Claimed at most", False, tuple(Point(START + datetime.timedelta(days=d), Decimal(d + 10),
                                                         bound="upper") for d in range(5)))
    estimate = Series("Estimated", True, tuple(Point(START + datetime.timedelta(days=d), Decimal(d * 2),
                                                     bound="estimate") for d in range(5)))
    root = parse(chart_svg([upper, estimate], title="Bounds", description="Bounds."))
    assert [key_text(key) for key in legend_keys(root)] == ["Claimed at most (maximum)", "Estimated (~ estimate)"]
    first, second = series_groups(root)
    chevron = with_class(referenced_marker(root, with_class(first, "tl-chart-marks")[0]), "tl-chart-bound")[0]
    assert all(y > 0 for _, y in vertices(chevron.get("d")))
    assert with_class(referenced_marker(root, with_class(second, "tl-chart-marks")[0]), "tl-chart-open")


def test_a_series_mixing_bounds_marks_each_point():
    mixed = Series("Regional administration", False, (
        Point(datetime.date(2024, 3, 1), Decimal(12)),
        Point(datetime.date(2024, 3, 2), Decimal(15), bound="lower"),
        Point(datetime.date(2024, 3, 3), Decimal(9), bound="estimate"),
        Point(datetime.date(2024, 3, 4), Decimal(20), bound="lower"),
    ))
    root = parse(chart_svg([mixed], title="Mixed", description="Mixed bounds."))
    assert key_text(legend_keys(root)[0]) == "Regional administration"
    by_marker = {}
    for marks in with_class(series_groups(root)[0], "tl-chart-marks"):
        by_marker.setdefault(referenced_marker(root, marks).get("id"), set()).update(
            vertices(marks.get("points").replace(",", " ")))
    assert sorted(len(spots) for spots in by_marker.values() if spots) == [1, 1, 2]
    notes = {"".join(note.itertext()).strip() for note in with_class(root, "tl-chart-note")}
    assert notes == {"minimum", "~ estimate"}


def test_thinning_keeps_each_columns_lowest_and_highest():
    generator = random.Random(7)
    xs = [index / 10 for index in range(100)]  # ten points in each of ten columns
    values = [generator.random() for _ in xs]
    kept = thin(xs, values)
    for column in range(10):
        members = range(column * 10, column * 10 + 10)
        assert min(members, key=values.__getitem__) in kept
        assert max(members, key=values.__getitem__) in kept
    assert kept[0] == 0 and kept[-1] == 99 and kept == sorted(kept)
    assert len(kept) <= 2 * 10 + 2
    assert thin([0, 1.5, 3, 4.5, 6], values[:5]) == [0, 1, 2, 3, 4]  # fewer points than columns: all of them
    assert thin(xs[:5], values[:5]) == sorted({0, 4, values.index(min(values[:5])), values.index(max(values[:5]))})


def test_a_spike_and_a_dip_survive_thinning_and_the_callers_data_is_untouched():
    days = 10_000
    values = [Decimal(1_000_000 + (day * 7919) % 20_000) for day in range(days)]
    values[5_000], values[7_000] = Decimal(3_000_000), Decimal(150_000)
    points = tuple(Point(datetime.date(1998, 1, 1) + datetime.timedelta(days=day), value)
                   for day, value in enumerate(values))
    tally = Series("Long tally", True, points)
    root = parse(chart_svg([tally], title="Long", description="Ten thousand days."))
    assert tally.points is points and len(points) == days and points[5_000].value == 3_000_000
    line = vertices(with_class(root, "tl-chart-line")[0].get("d"))
    assert len(line) < 2 * 720
    zero, per_unit = value_scale(root)
    spike_y, dip_y = zero + 3_000_000 * per_unit, zero + 150_000 * per_unit
    assert any(abs(y - spike_y) < 0.06 for _, y in line)
    assert any(abs(y - dip_y) < 0.06 for _, y in line)
    top = min(line, key=lambda vertex: vertex[1])
    xs = [x for x, _ in line]
    assert xs == sorted(xs)
    assert abs((top[0] - xs[0]) / (xs[-1] - xs[0]) - 0.5) < 0.01  # the spike sits in the middle of the span
    assert abs(line[0][1] - (zero + float(values[0]) * per_unit)) < 0.06  # the line starts where the data starts
    assert abs(line[-1][1] - (zero + float(values[-1]) * per_unit)) < 0.06  # and ends where it ends


@pytest.mark.parametrize("kinds", [(True, True), (True, False), (False, False)])
def test_two_series_of_ten_thousand_points_stay_small(kinds):
    start = datetime.date(1998, 1, 1)
    many = [Series(f"Counter {n}", joined, tuple(
        Point(start + datetime.timedelta(days=day), Decimal(200_000 + 1_000 * day + (day * 7919 + n) % 5_000))
        for day in range(10_000))) for n, joined in enumerate(kinds)]
    svg = chart_svg(many, title="Two long series", description="Stress test.")
    parse(svg)
    assert len(svg.encode()) <= 60_000


def edge_cases() -> dict[str, list[Series]]:
    day = datetime.date(2024, 6, 5)
    on_one_day = tuple(Point(datetime.datetime(2024, 6, 5, hour, 30), Decimal(hour)) for hour in range(2, 23, 4))
    kyiv = datetime.timezone(datetime.timedelta(hours=3))
    return {
        "one point": [Series("One", False, (Point(day, Decimal(41)),))],
        "one point on a line": [Series("One", True, (Point(day, Decimal(41)),))],
        "two points": [Series("Two", True, (Point(day, Decimal(1)), Point(day + datetime.timedelta(days=1),
                                                                          Decimal(2))))],
        "all equal": [Series("Flat", True, tuple(Point(day + datetime.timedelta(days=d), Decimal(7))
                                                 for d in range(30)))],
        "all zero": [Series("Nothing", False, tuple(Point(day + datetime.timedelta(days=d), Decimal(0))
                                                    for d in range(3)))],
        "same moment twice": [Series("Twice", True, (Point(day, Decimal(3)), Point(day, Decimal(5))))],
        "hours of one day": [Series("Drones", False, on_one_day)],
        "one moment": [Series("Once", False, (Point(datetime.datetime(2024, 6, 5, 6, 0), Decimal(3)),))],
        "minutes apart": [Series("Soon", True, (Point(datetime.datetime(2024, 6, 5, 6, 0), Decimal(3)),
                                                Point(datetime.datetime(2024, 6, 5, 6, 10), Decimal(4))))],
        "aware and naive": [Series("Mixed clocks", True, (
            Point(datetime.datetime(2024, 6, 5, 6, 0, tzinfo=kyiv), Decimal(3)),
            Point(datetime.datetime(2024, 6, 5, 9, 0, tzinfo=datetime.timezone.utc), Decimal(4)),
            Point(datetime.datetime(2024, 6, 5, 20, 0), Decimal(5))))],
        "dates and times": [Series("Both", False, (Point(day, Decimal(1)),
                                                   Point(datetime.datetime(2024, 6, 5, 18), Decimal(2))))],
        "twelve years": [Series("Occupied", True, tuple(
            Point(datetime.date(2014 + month // 12, month % 12 + 1, 1), Decimal("7.1") + Decimal(month) / 10)
            for month in range(144)))],
        "negative values": [Series("Change", False, tuple(Point(day + datetime.timedelta(days=d), Decimal(d - 5))
                                                          for d in range(10)))],
        "all negative and equal": [Series("Loss", False, (Point(day, Decimal(-4)), Point(day, Decimal(-4))))],
        "tiny decimals": [Series("Share", True, tuple(Point(day + datetime.timedelta(days=d),
                                                            Decimal("0.000001") * d) for d in range(5)))],
        "twelve digits": [Series("Hryvnias", True, (Point(day, Decimal("123456789012.123456")),
                                                    Point(day + datetime.timedelta(days=9),
                                                          Decimal("999999999999.999999"))))],
        "not a number": [Series("Broken", False, (Point(day, Decimal("NaN")), Point(day, Decimal("Infinity")),
                                                  Point(day, Decimal(5))))],
        "empty series": [Series("Nobody", True, ())],
        "no series": [],
    }


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("case", list(edge_cases()))
def test_edge_cases_render_without_nan_or_infinity(case, compact):
    svg = chart_svg(edge_cases()[case], title=case, description="Edge case.", unit="km²", compact=compact)
    root = parse(svg)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in ("d", "points", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "viewBox", "r"):
                assert not re.search(r"nan|inf", value, re.IGNORECASE), (case, name, value)
                assert all(abs(float(n)) < 10_000 for n in re.findall(r"-?\d+(?:\.\d+)?", value)), (name, value)
    assert svg.count("<svg") == 1


def test_hours_on_a_single_day_and_days_with_a_single_point():
    root = parse(chart_svg(edge_cases()["hours of one day"], title="Drones", description="One day."))
    labels = [label.text for label in with_class(root, "tl-chart-time")]
    assert len(labels) >= 3
    assert all(re.fullmatch(r"(\d{1,2} (" + MONTHS + r") )?\d\d:00", label) for label in labels), labels
    root = parse(chart_svg(edge_cases()["one point"], title="One", description="One."))
    assert [label.text for label in with_class(root, "tl-chart-time")] == ["4 Jun 2024", "5 Jun", "6 Jun"]


def test_time_ticks_fall_on_calendar_boundaries():
    root = parse(chart_svg([daily_tally()], title="Tally", description="Two years."))
    labels = [label.text for label in with_class(root, "tl-chart-time")]
    assert 2 <= len(labels) <= 6
    assert all(re.fullmatch(r"(" + MONTHS + r") \d{4}|\d{4}", label) for label in labels), labels
    start = datetime.date(2022, 2, 24).toordinal()
    for ticks, boundary in (
        (time_ticks(start, start + 700, hours=False, most=6), lambda m: m.day == 1),
        (time_ticks(start, start + 4_400, hours=False, most=6), lambda m: (m.month, m.day) == (1, 1)),
        (time_ticks(start, start + 40, hours=False, most=6), lambda m: m.weekday() == 0),
        (time_ticks(start + 0.3, start + 1.2, hours=True, most=6), lambda m: m.minute == 0 and m.hour % 3 == 0),
    ):
        assert 2 <= len(ticks) <= 6
        for tick, _ in ticks:
            moment = datetime.datetime.fromordinal(int(tick)) + datetime.timedelta(days=tick % 1)
            moment = moment.replace(microsecond=0) + datetime.timedelta(seconds=round(moment.microsecond / 1e6))
            assert boundary(moment), moment
    assert [label for _, label in time_ticks(start, start + 700, hours=False, most=6)] == [
        "Jul 2022", "Jan 2023", "Jul 2023", "Jan 2024"]
    assert [label for _, label in time_ticks(start, start + 4_400, hours=False, most=6)] == [
        "2024", "2026", "2028", "2030", "2032", "2034"]
    assert len(time_ticks(start, start + 700, hours=False, most=3)) <= 3


def test_value_axis_starts_at_zero_with_round_ticks_and_thousands_separators():
    root = parse(three_claimants())
    labels = [label.text for label in with_class(root, "tl-chart-value")]
    assert labels[0] == "0"
    assert labels[-1] == "1,000,000"
    assert value_ticks(Decimal(0), Decimal(810_000)) == [Decimal(n) for n in (0, 250_000, 500_000, 750_000,
                                                                              1_000_000)]
    assert value_ticks(Decimal(0), Decimal(0)) == [Decimal(n) for n in ("0", "0.25", "0.5", "0.75", "1")]


def test_figures_read_as_written():
    assert format_value(Decimal("1234567.500000")) == "1,234,567.5"
    assert format_value(Decimal("0.000001")) == "0.000001"
    assert format_value(Decimal("1E+6")) == "1,000,000"
    assert format_value(Decimal("-0")) == "0"
    assert format_value(Decimal("40"), "%") == "40%"
    assert format_value(Decimal("12.5"), "km²") == "12.5 km²"


def test_a_long_unit_is_said_once_above_the_value_labels():
    root = parse(chart_svg([daily_tally(30)], title="Area", description="Area.", unit="km²"))
    assert [label.text for label in with_class(root, "tl-chart-unit")] == ["km²"]
    assert not any("km²" in label.text for label in with_class(root, "tl-chart-value"))
    root = parse(chart_svg(edge_cases()["twelve years"], title="Share", description="Share.", unit="%"))
    assert all(label.text.endswith("%") for label in with_class(root, "tl-chart-value"))


def test_caller_text_is_escaped():
    label = 'Tom & "Jerry" <script>alert(1)</script> Генштаб ЗСУ\n\n    indented'
    svg = chart_svg([Series(label, True, daily_tally(5).points)], title="<b>Title</b> & co",
                    description="It's <i>one</i> & only.", unit="<u>", chart_id='x" onload="y')
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg and "<u>" not in svg
    root = parse(svg)
    key = legend_keys(root)[0]
    assert key.find(f"{SVG}title").text == 'Tom & "Jerry" <script>alert(1)</script> Генштаб ЗСУ indented'
    assert key_text(key).startswith('Tom & "Jerry" <script>alert(1)</script> Ге')
    assert root.find(f"{SVG}title").text == "<b>Title</b> & co"
    assert root.find(f"{SVG}desc").text.startswith("It's <i>one</i> & only. 1 series (Tom & ")
    assert root.get("aria-labelledby") == "x--onload--y-title x--onload--y-desc"


def test_a_label_too_long_for_the_legend_is_shortened_but_keeps_its_bound_and_full_text():
    name = "Main Intelligence Directorate of the Ministry of Defence of Ukraine, weekly summary of confirmed cases"
    series = Series(name, False, tuple(Point(START, Decimal(5), bound="lower") for _ in range(2)))
    root = parse(chart_svg([series], title="Long", description="Long label."))
    key = legend_keys(root)[0]
    assert key_text(key).endswith("… (minimum)")
    assert key.find(f"{SVG}title").text == f"{name} (minimum)"


def test_markup_is_safe_inside_markdown():
    for svg in (three_claimants(), three_claimants(compact=True)):
        assert not svg.startswith("<?xml")
        lines = svg.split("\n")
        assert all(line.strip() for line in lines)
        assert not any(line[:1].isspace() for line in lines)
        assert not re.search(r"\d\.0(?![0-9])", " ".join(re.findall(r' (?:d|points)="([^"]*)"', svg)))


def test_ids_are_unique_per_chart_and_every_reference_resolves():
    first, second = three_claimants(chart_id="losses"), three_claimants(chart_id="losses-2")
    ids = [set(re.findall(r' id="([^"]+)"', svg)) for svg in (first, second)]
    assert not ids[0] & ids[1]
    for svg, known in zip((first, second), ids):
        references = set(re.findall(r"url\(#([^)]+)\)", svg))
        assert references and references <= known
        assert len(re.findall(r' id="', svg)) == len(known)


def test_compact_chart_is_a_small_sparkline():
    tally = daily_tally(ranged=False)
    root = parse(chart_svg([tally], title="Tally", description="Sparkline.", compact=True))
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    assert (width, height) == (240, 60) or (width == 240 and 50 <= height <= 70)
    assert "tl-chart-compact" in classes(root)
    assert not with_class(root, "tl-chart-legend")
    assert len(with_class(root, "tl-chart-time")) <= 3
    values = [label.text for label in with_class(root, "tl-chart-value")]
    highest = max(point.value for point in tally.points)
    assert values == ["200,000", f"{highest:,}"]  # lowest and highest figure, not rounded ticks


def test_colour_comes_from_classes_only():
    svg = three_claimants()
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(", svg)
    assert {value for value in re.findall(r' (?:fill|stroke)="([^"]+)"', svg)} <= {"currentColor", "none"}
    assert all(name.startswith(("tl-chart", "tl-series-")) for name in re.findall(r'class="([^"]+)"', svg)
               for name in name.split())
