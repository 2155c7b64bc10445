"""Figures over time, as a reader sees them on a site built from tallies shaped like real data.

The ``tallies`` fixture has a daily cumulative series of three measures from one
claimant (with a downward revision), a monthly lower-bound count of the same
losses from an independent counter, air-raid alert episodes with start and end
times (one crossing midnight), per-oblast daily figures from two monitors that
count differently, and one pair of claims that really contradict each other.
Expectations are read from the fixture's YAML with PyYAML, not through the core.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, build_with_repository_config
from integration.pagetree import Page, header_cells, load_page, table_rows, top_level_items

TALLIES = FIXTURES / "tallies"


def _entries() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"), )
            for path in sorted((TALLIES / "events").glob("*.yaml"))}


ENTRIES = _entries()
SERIES = yaml.safe_load((TALLIES / "series.yaml").read_text(encoding="utf-8"))["series"]
ACTORS = {a["id"]: a for a in yaml.safe_load((TALLIES / "actors.yaml").read_text(encoding="utf-8"))["actors"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_with_repository_config(tmp_path_factory.mktemp("tallies") / "site",
                                        extra={"timeline_folder": str(TALLIES)})


@pytest.fixture(scope="module")
def load(site):
    return lambda url: load_page(site, url)


def chart(page: Page):
    figure = page.article.find("figure", cls="tl-chart")
    assert figure is not None, f"{page.url}: no chart"
    svg = figure.find("svg")
    assert svg is not None and svg.attrs.get("role") == "img"
    return svg


def legend(svg) -> list[str]:
    """The legend's entries as a reader sees them: one per series, with its shape."""
    return [" ".join(name.text for name in key.find_all(cls="tl-chart-name"))
            for key in svg.find_all(cls="tl-chart-key")]


def disputed_marks(page: Page) -> list:
    """Dispute markers in the page's tables (the explanation above the table shows one as an example)."""
    return [mark for table in page.article.find_all("table") for mark in table.find_all(cls="tl-disputed")]


def test_a_claimed_total_and_an_independent_minimum_share_one_chart_without_a_dispute(load):
    page = load("/figures/russian_tanks_lost/")
    svg = chart(page)
    assert legend(svg) == ["General Staff of the Armed Forces of Ukraine", "Independent loss count (minimum)"]
    assert len(svg.find_all(cls="tl-chart-series")) == 2
    assert svg.find_all(cls="tl-chart-line"), "the running total is drawn as a line"
    assert svg.find_all(cls="tl-chart-bound"), "the minimum is marked as one"
    assert disputed_marks(page) == []
    assert "Figures that cannot both be true" not in page.article.text


def test_the_latest_figure_of_each_claimant_is_its_newest(load):
    page = load("/figures/russian_tanks_lost/")
    table = next(t for t in page.article.find_all("table") if header_cells(t) == ["Claimant", "Figure", "For", "Event"])
    rows = {row[0].text: row for row in table_rows(table)}
    staff = [e for e in ENTRIES.values() if e.get("series") == "general-staff-daily-losses"]
    newest = max(staff, key=lambda e: str(e["date"]))
    tanks = next(c for c in newest["claims"] if c["measure"] == "russian_tanks_lost")
    assert f"{int(tanks['value']):,}" in rows["General Staff of the Armed Forces of Ukraine"][1].text
    assert "a minimum" in rows["Independent loss count"][1].text


def test_a_denial_against_more_than_ten_is_marked_naming_both(load):
    page = load("/figures/aircraft_hit/")
    text = page.article.text
    assert "Figures that cannot both be true" in text
    assert len(disputed_marks(page)) == 2, "both claims' rows are marked"
    assert "Russian Ministry of Defence (denies: No aircraft were lost.) and Russian military bloggers (more than 10)" \
        in text
    event = load("/events/2025-05-25-claims-over-aircraft-losses/").article.text
    assert "Figures that cannot both be true: Russian Ministry of Defence" in event
    assert "Russian military bloggers (more than 10)" in event


def test_monitors_that_count_differently_stand_side_by_side_per_region(load):
    page = load("/figures/alerts/")
    assert disputed_marks(page) == []
    table = next(t for t in page.article.find_all("table") if header_cells(t)[:1] == ["Region"])
    assert header_cells(table) == ["Region", "Alert monitor A", "Alert monitor B"]
    latest = max(e for e in ENTRIES if e.endswith("air-raid-alerts-by-oblast"))
    claims = [c for c in ENTRIES[latest]["claims"] if c["measure"] == "alerts"]
    regions = sorted({c["region"] for c in claims})
    assert len(table_rows(table)) == len(regions) >= 3
    for row in table_rows(table):
        assert all(cell.text for cell in row), "both monitors' figures in every row"
    headings = [title for _, title in page.headings()]
    assert "By region, 22 May 2025" in headings


def test_series_do_not_fill_the_latest_events(load):
    page = load("/")
    sections = {}
    current = None
    for node in page.article.iter():
        if node.tag == "h2":
            current = sections.setdefault(node.text, [])
        elif node.tag == "li" and current is not None:
            current.append(node)
    news = [i for i, e in ENTRIES.items() if not e.get("series")]
    latest = sections["Latest events"]
    assert len(latest) == min(10, len(news))
    assert not any("general-staff" in (a.attrs.get("href") or "") for item in latest for a in item.links())
    lines = sections["Latest of each series"]
    assert sorted(item.find("strong").text for item in lines) == sorted(s["label"] for s in SERIES)
    staff = max(i for i, e in ENTRIES.items() if e.get("series") == "general-staff-daily-losses")
    line = next(item for item in lines if item.find("strong").text == "General Staff daily loss figures")
    assert any(staff in (a.attrs.get("href") or "") for a in line.links())
    assert "61 entries" in line.text


def test_a_series_is_one_line_with_a_small_chart_not_a_chain(load):
    page = load("/storylines/")
    headings = page.headings()
    assert (2, "Series") in headings
    assert [t for level, t in headings if level == 3] == sorted(s["label"] for s in SERIES)
    assert "chain of" not in page.article.text
    compact = page.article.find_all("figure", cls="tl-chart--compact")
    assert len(compact) == 2, "one small chart per series with figures (the alert episodes carry none)"
    assert "1 April 2025 – 31 May 2025 · 61 entries" in page.article.text


def test_alert_episodes_are_listed_in_time_order_with_their_times(load):
    page = load("/regions/kharkiv-oblast/")
    items = [i for i in top_level_items(page.article) if "Air-raid alert in Kharkiv Oblast" in i.text]
    episodes = sorted((e for e in ENTRIES.values() if e["type"] == "alert"),
                      key=lambda e: (str(e["date"])[:10], e["time"][:8] if e["time"][5:6] == ":" else e["time"][:5]))
    assert len(items) == len(episodes) == 9
    for item, episode in zip(items, episodes):
        clock = episode["time"].split("+")[0]
        assert clock in item.find(cls="tl-time").text
    crossing = next(e for e in ENTRIES.values() if "/" in str(e.get("date", "")) and e["type"] == "alert")
    event = load(f"/events/{crossing['id']}/").article.text
    assert f"{crossing['time'][:-6]}–{crossing['end_time'][:-6]} (UTC+03:00)" in event


def test_a_revision_downward_is_shown_with_its_sign_and_note(load):
    revised = next(e for e in ENTRIES.values() if any(str(c.get("change", "")).startswith("-") for c in e["claims"]))
    claim = next(c for c in revised["claims"] if str(c["change"]).startswith("-"))
    text = load(f"/events/{revised['id']}/").article.text
    assert f"\u2212{claim['change'][1:]}" in text
    assert claim["note"] in text


def test_claims_export_keeps_levels_changes_moments_and_places_apart(site):
    rows = list(csv.DictReader(io.StringIO((site / "data" / "claims.csv").read_text(encoding="utf-8"))))
    written = [(eid, c) for eid, e in ENTRIES.items() for c in e.get("claims", [])]
    assert len(rows) == len(written)
    by_key = {(r["event_id"], r["measure"], r["claimant"], r["region"]): r for r in rows}
    for event_id, claim in written:
        row = by_key[(event_id, claim["measure"], claim["claimant"], claim.get("region", ""))]
        assert row["change"].removeprefix("'") == str(claim.get("change", ""))  # ' keeps "+12" from being a formula
        assert row["as_of"] == str(claim.get("as_of", ""))
        assert row["bound"] == claim.get("bound", "exact")
