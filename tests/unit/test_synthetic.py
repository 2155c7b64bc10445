"""The benchmark's generator writes entries the loader accepts, shaped like real ones."""

import sys
from collections import Counter

from chronicle.catalog import TimelineLoader
from chronicle.index import build_index
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.synthetic import generate  # noqa: E402


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


def test_same_seed_gives_same_files(tmp_path):
    first = generate(ROOT / "timeline", tmp_path / "a", 20, seed=3)
    second = generate(ROOT / "timeline", tmp_path / "b", 20, seed=3)
    assert [p.read_text(encoding="utf-8") for p in first] == [p.read_text(encoding="utf-8") for p in second]
