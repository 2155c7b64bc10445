"""The benchmark judges each target at the size the targets are defined for, and only there."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.run import Result, check_targets  # noqa: E402


def result(events: int, hooks_cpu_s: float, build_cpu_s: float, baseline_cpu_s: float, check_s: float) -> Result:
    return Result(events, hooks_cpu_s=hooks_cpu_s, build_cpu_s=build_cpu_s, baseline_cpu_s=baseline_cpu_s,
                  check_s=check_s, largest_page=("figures/x/index.html", 120.0), search_bytes_per_event=1900)


def verdicts(results: list[Result]) -> dict[str, bool | None]:
    return {t.name: (None if t.measured is None else t.passed) for t in check_targets(results)}


def test_every_target_is_judged_at_its_own_size():
    found = verdicts([result(1000, 1.2, 20, 18, 0.7), result(5000, 4.4, 100, 95, 1.8),
                      result(10000, 9.0, 230, 190, 5.5)])
    assert found == {
        "build/baseline (CPU) at N=5,000": True,          # 100 / 95
        "hooks per event (CPU) at N=5,000": True,         # 0.88 ms
        "build time (CPU) N=10,000 / N=5,000": False,     # 2.3x
        "largest page at N=10,000": True,
        "search index per event at N=10,000": True,       # 1.86 KB
        "make check (wall) at N=10,000": False,           # 5.5 s
        "make check (wall) at N=1,000": True,
    }


def test_a_small_run_judges_nothing_it_did_not_measure():
    # 1.4 ms per event at 300 events is mostly fixed cost: not a verdict on the 5,000-event target.
    found = verdicts([result(300, 0.42, 8, 6.5, 0.6)])
    assert set(found.values()) == {None}
