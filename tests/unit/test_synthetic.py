"""The benchmark's generator writes entries the loader accepts, shaped like real ones, in both workloads."""

import datetime
import sys
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from chronicle.catalog import TimelineLoader, load_timeline
from chronicle.fields import utc_seconds
from chronicle.index import build_index, conflicts, event_key
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.synthetic import (  # noqa: E402
    ALERT_HOURS,
    ALERT_OBLASTS,
    ALERTS,
    CLAIMANT,
    COUNT_SERIES,
    COUNTER,
    DAILY_SERIES,
    LOSSES,
    MONITORS,
    TALLY_END,
    generate,
)

TALLIES = 300
LOSS_MEASURES = [measure for measure, *_ in LOSSES]


def test_fifty_synthetic_entries_pass_the_loader(tmp_path):
    paths = generate(ROOT / "timeline", tmp_path / "timeline", 50, seed=7)

    timeline = TimelineLoader().load(tmp_path / "timeline", "timeline")

    assert len(paths) == len(timeline.events) == 50
    events = list(timeline.events.values())
    assert len({e.date.precision for e in events}) >= 2  # mixed precision
    assert any(e.date.end is not None for e in events)  # intervals
    assert any(e.claims for e in events) and any(e.relations.follows or e.relations.related for e in events)
    assert all(s.url.startswith("https://") for e in events for s in e.sources)
    # The real registries are kept and grown, so references spread over many actors and regions.
    assert {"russia", "ukraine", "kyiv"} <= set(timeline.regions)
    assert len(timeline.actors) > 20 and len(timeline.regions) > 20
    index = build_index(timeline)
    assert len(index.region_events) > 10
    assert set(Counter(len(e.sources) for e in events)) <= {1, 2, 3}
    # The repository has no series registry, so the news workload writes none.
    assert not (tmp_path / "timeline" / "series.yaml").exists() and not timeline.series


def test_same_seed_gives_same_files(tmp_path):
    first = generate(ROOT / "timeline", tmp_path / "a", 20, seed=3)
    second = generate(ROOT / "timeline", tmp_path / "b", 20, seed=3)
    assert [p.read_text(encoding="utf-8") for p in first] == [p.read_text(encoding="utf-8") for p in second]


@pytest.fixture(scope="module")
def tallies(tmp_path_factory):
    """The tallies workload at 300 events, loaded, with its paths and its index."""
    folder = tmp_path_factory.mktemp("tallies") / "timeline"
    paths = generate(ROOT / "timeline", folder, TALLIES, seed=7, workload="tallies")
    timeline = load_timeline(folder, "timeline")
    return paths, timeline, build_index(timeline)


def in_series(timeline, series: str) -> list:
    return sorted((e for e in timeline.events.values() if e.series == series), key=event_key)


def test_tallies_pass_the_loader_and_say_they_are_synthetic(tallies):
    paths, timeline, _ = tallies
    events = list(timeline.events.values())
    assert len(paths) == len(timeline.events) == TALLIES
    assert all("synthetic" in e.title and "Synthetic" in e.summary for e in events)
    assert all("synthetic" in s.label for s in timeline.series.values()) and len(timeline.series) == 5
    assert all("Synthetic" in timeline.measures[m].description for m in [*LOSS_MEASURES, ALERTS, ALERT_HOURS])
    assert {timeline.measures[m].counting for m in LOSS_MEASURES} == {"cumulative"}
    assert {timeline.measures[m].counting for m in (ALERTS, ALERT_HOURS)} == {"per_period"}
    kinds = Counter(e.type for e in events)
    assert kinds["tally"] and kinds["alert"] and len(kinds) >= 5  # news types beside the routine ones
    news = [e for e in events if e.series is None]
    assert 0.2 * TALLIES <= len(news) <= 0.3 * TALLIES
    # No date written after the end of the data (routine entries: not even a day of it), no source before its
    # event began (routine sources: none before its first day).
    dates = [date for e in events for date in [e.date, *(s.date for s in e.sources if s.date)]]
    assert max(point.earliest for date in dates for point in [date.start, date.end] if point) <= TALLY_END
    assert max(date.latest for e in events if e.series for date in [e.date, *(s.date for s in e.sources)]) \
        <= TALLY_END
    assert all(s.date.latest >= e.date.earliest for e in events for s in e.sources if s.date)
    assert all(s.date.earliest >= e.date.earliest for e in events if e.series for s in e.sources)


def test_tallies_same_seed_gives_same_files(tallies, tmp_path):
    paths, _, _ = tallies
    again = generate(ROOT / "timeline", tmp_path / "timeline", TALLIES, seed=7, workload="tallies")
    assert [p.name for p in again] == [p.name for p in paths]
    assert [p.read_text(encoding="utf-8") for p in again] == [p.read_text(encoding="utf-8") for p in paths]
    for registry in ("actors", "regions", "measures", "series"):
        assert ((tmp_path / "timeline" / f"{registry}.yaml").read_text(encoding="utf-8")
                == (paths[0].parents[2] / f"{registry}.yaml").read_text(encoding="utf-8"))


def test_every_series_measure_and_oblast_has_three_items(tallies):
    _, timeline, index = tallies
    per_series = Counter(e.series for e in timeline.events.values() if e.series)
    assert set(per_series) == set(timeline.series) and min(per_series.values()) >= 3
    assert min(len(index.measure_claims.get(m, [])) for m in [*LOSS_MEASURES, ALERTS, ALERT_HOURS]) >= 3
    episodes = Counter(e.locations[0].region for e in timeline.events.values() if e.type == "alert")
    assert set(episodes) == set(ALERT_OBLASTS) and min(episodes.values()) >= 3


def test_alert_episodes_start_and_end_and_are_read_in_time_order(tallies):
    _, timeline, index = tallies
    alerts = [e for e in index.events if e.type == "alert"]
    assert all(e.time and e.end_time and len(e.locations) == 1 for e in alerts)
    assert {len(e.time) for e in alerts} == {len("02:14+03:00"), len("02:14:07+03:00")}  # to the minute and second
    crossing = [e for e in alerts if e.date.end is not None]
    assert crossing
    for episode in crossing:  # an episode running past midnight is dated from one day to the next
        assert episode.date.latest - episode.date.earliest == datetime.timedelta(days=1)
        assert utc_seconds(episode.end_time) < utc_seconds(episode.time)
    days: dict[tuple, list] = defaultdict(list)
    for episode in alerts:
        days[(episode.date.earliest, episode.locations[0].region)].append(episode)
    several = [group for group in days.values() if len(group) >= 2]
    assert several
    for group in several:  # the index reads them in time order...
        assert [utc_seconds(e.time) for e in group] == sorted(utc_seconds(e.time) for e in group)
    # ...which is not the order of their ids, so ordering by time is what puts them right.
    assert any([e.id for e in group] != sorted(e.id for e in group) for group in several)


def test_daily_running_totals_rise_by_their_change_and_are_revised_down(tallies):
    _, timeline, _ = tallies
    daily = in_series(timeline, DAILY_SERIES)
    assert all((b.date.earliest - a.date.earliest).days == 1 for a, b in zip(daily, daily[1:]))  # one a day
    assert all([c.measure for c in e.claims] == LOSS_MEASURES for e in daily)
    assert {c.claimant for e in daily for c in e.claims} == {CLAIMANT}
    revisions = []
    for before, after in zip(daily, daily[1:]):
        for old, new in zip(before.claims, after.claims):
            assert new.value.low - old.value.low == new.change.low  # the level moves by the change
            if new.change.low < 0:
                revisions.append(new)
    assert revisions and all(claim.note for claim in revisions)
    personnel = [e.claims[0].change.low for e in daily]
    assert 500 <= sum(personnel) / len(personnel) <= 1500  # about a thousand a day


def test_lower_bounds_sit_below_the_claimed_totals_and_are_not_disputed(tallies):
    _, timeline, index = tallies
    claimed = {e.date.earliest: {c.measure: c for c in e.claims} for e in in_series(timeline, DAILY_SERIES)}
    counts = in_series(timeline, COUNT_SERIES)
    lower = [(e, c) for e in counts for c in e.claims]
    assert len(counts) >= 3 and {(c.claimant, c.bound) for _, c in lower} == {(COUNTER, "lower")}
    same_day = [(claimed[e.date.earliest][c.measure], c) for e, c in lower if e.date.earliest in claimed]
    assert same_day  # the two series meet on some days, so the rule has something to compare
    for total, minimum in same_day:
        assert minimum.value.low <= total.value.low * Decimal("0.4")
        assert total.value.low < 100 or minimum.value.low >= total.value.low * Decimal("0.29")
        assert conflicts([total, minimum]) == []
    assert not set(LOSS_MEASURES) & set(index.disputed)


def test_conflict_rule_finds_the_planted_contradictions_and_nothing_else_in_alert_figures(tallies):
    _, timeline, index = tallies
    planted, differing = set(), 0
    for event in timeline.events.values():
        counts = [c for c in event.claims if c.measure == ALERTS]
        if {str(c.value) for c in counts} == {"0", ">10"}:
            planted.add((event.id, counts[0].region))
        elif len({str(c.value) for c in counts}) == 2:
            assert {c.bound for c in counts} == {"estimate"} and counts[1].note
            differing += 1
    assert planted and differing
    found = {(event_id, pair.first.claim.region) for event_id, pairs in index.disputed.get(ALERTS, {}).items()
             for pair in pairs}
    assert found == planted
    for pairs in index.disputed[ALERTS].values():
        for pair in pairs:
            assert {str(pair.first.claim.value), str(pair.second.claim.value)} == {"0", ">10"}
            assert {pair.first.claim.claimant, pair.second.claim.claimant} == set(MONITORS)
            assert pair.first.event is pair.second.event and not pair.change
    assert ALERT_HOURS not in index.disputed
