"""Measure how the site's build grows with the number of events, against MkDocs' own floor.

Usage: ``make bench`` or ``python -m bench.run --events 1000 5000 10000 [--repeat 3] [--workload tallies]``
(``make bench WORKLOAD=tallies N=5000``).

Method. For each size N the harness writes N synthetic, valid entries
(:mod:`bench.synthetic`, fixed seed) of one workload: ``news``, shaped like
the hand-written entries, or ``tallies``, mostly daily running totals, monthly
minimums and air-raid alerts per oblast, as public datasets are. They go into
a temporary copy of the site's sources (``mkdocs.yml``, ``docs/``, ``hooks/``,
``schema/``, the registries); then it measures, each ``--repeat`` times,
reporting medians:

* **hooks**: ``on_files`` of the adapter in a fresh interpreter
  (:mod:`bench.probe`), split into loading and checking the YAML, generating
  the pages, and MkDocs' file objects. This is the cost the project adds.
  Run at least :data:`HOOK_RUNS` times, as they are quick.
* **build**: ``mkdocs build`` of that copy in a subprocess, as a user runs it.
* **baseline**: the floor, i.e. what MkDocs and Material need to render the
  very same Markdown with no hooks at all. The pages the hooks generate are
  written as plain files into ``docs/`` at the same source paths, the same
  pages are kept out of the nav (``not_in_nav``), and the ``hooks:`` entry is
  removed from ``mkdocs.yml``. Build and baseline alternate so that noise on
  a shared machine hits both alike; their ratio is the overhead of the hooks.
* peak memory (max RSS of the build process), size of ``site/``, the
  largest HTML page, the search index per event and the Explore page's index
  (``explore/events.json``) per event;
* the time the Explore page takes to apply a filter, in headless Chromium on
  the built site served locally (:mod:`bench.explore`): a fixed set of views
  applied several times each, median and maximum of the page's own
  ``explore: filter`` measures. Without Playwright or Chromium it is reported
  as not measured, with the reason;
* ``make check`` (``python -m chronicle check``) wall time, interpreter included; it
  reads event files in one process per core, and its CPU time includes them all;
* ``make serve``'s rebuild after a save of one entry (:mod:`bench.serve`): the
  site built as ``mkdocs serve --dirty`` builds it, then :data:`SERVE_EDITS`
  entries edited one after the other, each followed by a rebuild, in wall
  seconds (median), with the pages rendered and the generated files changed;
* the measure with the most claims, and the size of its page; the largest
  measure page (``figures/*/index.html``);
* the share of the hooks' CPU time spent in ``chronicle.chart.chart_svg``
  and in making maps (timed inside the probe's ``on_files``, see
  :data:`bench.probe.TIMED`).

Times are taken twice: wall-clock, as a user waits, and CPU time (user +
system of the measured process), which is what the targets use. On a shared
machine other jobs stretch wall time at random, while CPU time still counts
only the work the build itself does.

The pages are whatever the hooks produce, so the harness follows the site as
it grows. Targets are checked at the end, each workload's own and each at the
size it is defined for; the last line is the build/baseline ratio at 5,000
events (or at the largest size measured).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import explore
from bench.synthetic import WORKLOADS, generate

ROOT = Path(__file__).resolve().parent.parent
SITE_SOURCES = ("mkdocs.yml", "docs", "hooks", "schema", "overrides", "CONTRIBUTING.md")
TARGET_N = 5000
SERVE_EDITS = 3
"""Entries edited, one save each, for the serve rebuild: its median is the result."""
HOOK_RUNS = 5
"""Fewest runs of the hooks alone: they take seconds, and their median is one of the targets."""


@dataclass
class Target:
    name: str
    limit: float
    measured: float | None
    unit: str = ""
    missing: str = "not measured at this size"
    """Why ``measured`` is None."""

    @property
    def passed(self) -> bool:
        return self.measured is not None and self.measured <= self.limit


@dataclass
class Result:
    """Medians for one number of events of one workload."""

    events: int
    workload: str = "news"
    pages: int = 0
    hooks_s: float = 0.0
    hooks_cpu_s: float = 0.0
    load_s: float = 0.0
    pages_s: float = 0.0
    build_s: float = 0.0
    baseline_s: float = 0.0
    build_cpu_s: float = 0.0
    baseline_cpu_s: float = 0.0
    build_rss_mb: float = 0.0
    baseline_rss_mb: float = 0.0
    site_mb: float = 0.0
    largest_page: tuple[str, float] = ("", 0.0)
    search_bytes_per_event: float = 0.0
    explore_bytes_per_event: float = 0.0
    filter_ms: float | None = None
    """Median time of the Explore page's filters in Chromium; None when not measured (see ``filter_note``)."""
    filter_max_ms: float | None = None
    filter_runs: int = 0
    explore_load_ms: float | None = None
    """Time from opening the Explore page to its first view, in Chromium."""
    filter_note: str = ""
    check_s: float = 0.0
    check_cpu_s: float = 0.0
    serve_first_s: float = 0.0
    """The first build of the preview server, which renders every page."""
    serve_rebuild_s: float = 0.0
    """Median wall seconds of a preview rebuild after a save of one entry."""
    serve_rendered: int = 0
    """Pages rendered by that rebuild (median), of :attr:`pages` generated."""
    serve_changed: int = 0
    top_measure: tuple[str, int, float] = ("", 0, 0.0)
    """The measure with the most claims: id, number of claims, size of its page in KB."""
    largest_figures_page: tuple[str, float] = ("", 0.0)
    """The largest measure page, ``figures/<id>/index.html``, and its size in KB."""
    chart_share: float | None = None
    """Percent of the hooks' CPU time spent drawing charts; None when not measured (see ``chart_note``)."""
    chart_calls: int = 0
    chart_note: str = ""
    map_share: float | None = None
    """Percent of the hooks' CPU time spent making maps; None when not measured (see ``map_note``)."""
    map_calls: int = 0
    map_note: str = ""
    raw: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        """Build over baseline, in CPU time."""
        return self.build_cpu_s / self.baseline_cpu_s if self.baseline_cpu_s else float("nan")

    @property
    def memory_ratio(self) -> float | None:
        """Peak memory of the build over the baseline's; None when not measured."""
        return self.build_rss_mb / self.baseline_rss_mb if self.baseline_rss_mb else None

    @property
    def serve_share(self) -> float | None:
        """The preview's rebuild after one edit, in percent of the full build (wall); None when not measured."""
        return 100 * self.serve_rebuild_s / self.build_s if self.build_s and self.serve_rebuild_s else None

    @property
    def wall_ratio(self) -> float:
        return self.build_s / self.baseline_s if self.baseline_s else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Measure build time against MkDocs' floor."
    )
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 5000, 10000], help="numbers of events")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workload", choices=WORKLOADS, default="news",
                        help="shape of the synthetic entries (default: news)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites for inspection")
    args = parser.parse_args(argv)

    print(machine(), flush=True)
    print(f"Workload: {args.workload}", flush=True)
    results = []
    for count in sorted(set(args.events)):
        results.append(measure(count, args.repeat, args.seed, args.keep, args.workload))
        if len(args.events) > 1:  # each size as it is done; all of them together below
            print(table(results[-1:]), flush=True)
    print()
    print(table(results))
    print()
    for result in results:
        print(serve_line(result))
    targets = check_targets(results, args.workload)
    print()
    for target in targets:
        if target.measured is None:
            print(f"SKIP  {target.name}: {target.missing} (limit {target.limit:g}{target.unit})")
        else:
            print(f"{'PASS' if target.passed else 'FAIL'}  {target.name}: {target.measured:.2f}{target.unit} "
                  f"(limit {target.limit:g}{target.unit})")
    reference = next((r for r in results if r.events == TARGET_N), results[-1])
    print(f"ratio build/baseline at N={reference.events}: {reference.ratio:.2f}")  # CPU time; wall is in the table
    return 0 if all(t.passed for t in targets if t.measured is not None) else 1


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"Machine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}"


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def measure(count: int, repeat: int, seed: int, keep: bool, workload: str = "news") -> Result:
    work = Path(tempfile.mkdtemp(prefix=f"timeline-bench-{workload}-{count}-"))
    print(f"\nN={count}: generating {workload} into {work}", flush=True)
    try:
        site = work / "site-src"
        copy_sources(site)
        events = generate(ROOT / "timeline", site / "timeline", count, seed, workload)
        result = Result(count, workload)

        checks = [timed_run([sys.executable, "-m", "chronicle", "check", "timeline"], site,
                            env={"PYTHONPATH": str(site / "hooks")}) for _ in range(repeat)]
        result.check_s = statistics.median(c[0] for c in checks)
        result.check_cpu_s = statistics.median(c[1] for c in checks)
        print(f"  check: {_list([c[0] for c in checks])} s", flush=True)

        baseline = work / "baseline-src"
        copy_sources(baseline)
        shutil.copytree(site / "timeline", baseline / "timeline")
        probes = []
        for run in range(max(repeat, HOOK_RUNS)):
            first = run == 0
            extra = ["--dump", str(work / "generated")] if first else []
            probes.append(probe(site, extra))
        make_baseline(baseline, work / "generated", probes[0]["not_in_nav"])
        result.pages = probes[0]["pages"]
        result.hooks_s = statistics.median(p["on_files_s"] for p in probes)
        result.hooks_cpu_s = statistics.median(p["on_files_cpu_s"] for p in probes)
        result.load_s = statistics.median(p["load_s"] for p in probes)
        result.pages_s = statistics.median(p["pages_s"] for p in probes)
        chart_shares(result, probes)
        map_shares(result, probes)
        print(f"  hooks: {_list([p['on_files_s'] for p in probes])} s for {result.pages} pages", flush=True)

        builds, bases = [], []
        for _ in range(repeat):
            builds.append(build(site, work / "out-build"))
            bases.append(build(baseline, work / "out-baseline"))
            print(f"  build {builds[-1][0]:.1f} s ({builds[-1][1]:.1f} s CPU) / {builds[-1][2]:.0f} MB, "
                  f"baseline {bases[-1][0]:.1f} s ({bases[-1][1]:.1f} s CPU) / {bases[-1][2]:.0f} MB", flush=True)
        result.build_s = statistics.median(b[0] for b in builds)
        result.baseline_s = statistics.median(b[0] for b in bases)
        result.build_cpu_s = statistics.median(b[1] for b in builds)
        result.baseline_cpu_s = statistics.median(b[1] for b in bases)
        result.build_rss_mb = max(b[2] for b in builds)
        result.baseline_rss_mb = max(b[2] for b in bases)
        site_size(result, work / "out-build")
        measure_pages(result, work / "out-build", *probes[0]["top_measure"])
        filters = explore_filters(result, work / "out-build")
        served = serve_rebuilds(result, site, events)
        result.raw = {"check": checks, "probes": probes, "builds": builds, "baselines": bases, "filters": filters,
                      "serve": served}
        for probe_result in probes:
            probe_result.pop("not_in_nav", None)
        return result
    finally:
        if keep:
            print(f"  kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _share(probes: list[dict], group: str, missing: str, none_made: str) -> tuple[float | None, int, str]:
    """The median share of the hooks' CPU time spent in one group of timed calls (``bench.probe.TIMED``):
    ``(share, calls, why there is none)``."""
    timed = [p for p in probes if p.get(group) is not None]
    if not timed:
        return None, 0, missing
    calls = timed[0][group]["calls"]
    if not calls:
        return None, 0, none_made
    return 100 * statistics.median(p[group]["cpu_s"] / p["on_files_cpu_s"] for p in timed), calls, ""


def chart_shares(result: Result, probes: list[dict]) -> None:
    """The median share of the hooks' CPU time spent in ``chart_svg``, or why there is none."""
    result.chart_share, result.chart_calls, result.chart_note = _share(
        probes, "charts", "the core has no chronicle.chart.chart_svg", "no chart was drawn during on_files")


def map_shares(result: Result, probes: list[dict]) -> None:
    """The median share of the hooks' CPU time spent making maps, or why there is none."""
    result.map_share, result.map_calls, result.map_note = _share(
        probes, "maps", "the core has no map makers", "no map was made during on_files")


def measure_pages(result: Result, out: Path, top_id: str, top_claims: int) -> None:
    """Sizes of the page of the measure with the most claims and of the largest measure page."""
    pages = {page.parent.name: page.stat().st_size / 1024 for page in out.glob("figures/*/index.html")}
    result.top_measure = (top_id, top_claims, pages.get(top_id, 0.0))
    if pages:
        largest = max(pages, key=lambda name: (pages[name], name))
        result.largest_figures_page = (f"figures/{largest}/", pages[largest])


def explore_filters(result: Result, out: Path) -> list[float]:
    """Time the Explore page's filters on the built site ``out``; return every duration, in ms."""
    try:
        times = explore.filter_times(out)
    except explore.Unavailable as why:
        result.filter_note = f"not measured: {why}"
    except RuntimeError as error:
        result.filter_note = f"the measurement failed: {error}"
    else:
        result.filter_ms, result.filter_max_ms, result.filter_runs = times.median, times.maximum, len(times.durations)
        result.explore_load_ms = times.load
        for query, durations in times.by_filter().items():
            print(f"  explore ?{query}: {statistics.median(durations):.1f} ms median, {max(durations):.1f} max; "
                  f"{times.matches[query]}", flush=True)
        return times.durations
    print(f"  explore filters: {result.filter_note}", flush=True)
    return []


def serve_rebuilds(result: Result, site: Path, events: list[Path]) -> dict:
    """Time the preview server's rebuilds after saves of :data:`SERVE_EDITS` entries spread over the timeline."""
    step = max(1, len(events) // SERVE_EDITS)
    edited = [str(events[i]) for i in range(step // 2, len(events), step)][:SERVE_EDITS]
    *_, output = timed_run([sys.executable, "-m", "bench.serve", str(site), *edited], ROOT,
                           env={"PYTHONPATH": str(ROOT)})
    served = json.loads(output.strip().splitlines()[-1])
    rebuilds = served["rebuilds"]
    result.serve_first_s = served["first_s"]
    result.serve_rebuild_s = statistics.median(r["s"] for r in rebuilds)
    result.serve_rendered = int(statistics.median(r["rendered"] for r in rebuilds))
    result.serve_changed = int(statistics.median(r["changed"] for r in rebuilds))
    print(f"  {serve_line(result)}; rebuilds {_list([r['s'] for r in rebuilds])} s, "
          f"rendering {', '.join(str(r['rendered']) for r in rebuilds)} pages", flush=True)
    return served


def serve_line(result: Result) -> str:
    return (f"serve rebuild after one edit at N={result.events:,}: {result.serve_rebuild_s:.1f} s wall "
            f"(full build {result.build_s:.1f} s wall)")


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def copy_sources(target: Path) -> None:
    """Copy what ``mkdocs build`` reads, except the event files, into ``target``."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copyfile(source, target / name)


def probe(site: Path, extra: list[str]) -> dict:
    """Run :mod:`bench.probe` in a fresh interpreter and return its measurements."""
    *_, output = timed_run([sys.executable, "-m", "bench.probe", str(site), *extra], ROOT,
                           env={"PYTHONPATH": str(ROOT)})
    return json.loads(output.strip().splitlines()[-1])


def make_baseline(baseline: Path, generated: Path, hidden: list[str]) -> None:
    """Turn ``baseline`` into the same site with the generated pages as plain files and no hooks."""
    docs = baseline / "docs"
    for page in generated.rglob("*"):
        if page.is_file():
            target = docs / page.relative_to(generated)
            if target.exists():
                raise SystemExit(f"bench: a generated page would overwrite docs/{page.relative_to(generated)}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    config = (baseline / "mkdocs.yml").read_text(encoding="utf-8")
    if re.search(r"(?m)^not_in_nav:", config):
        raise SystemExit("bench: mkdocs.yml already sets not_in_nav; merge the baseline's patterns by hand")
    without_hooks = re.sub(r"(?m)^hooks:\n(?:[ \t]+.*\n|[ \t]*\n)*", "", config)
    if without_hooks == config:
        raise SystemExit("bench: no `hooks:` list found in mkdocs.yml")
    patterns = not_in_nav_patterns(docs, set(hidden))
    block = "not_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns)
    (baseline / "mkdocs.yml").write_text(without_hooks.rstrip("\n") + "\n\n" + block, encoding="utf-8")


def not_in_nav_patterns(docs: Path, hidden: set[str]) -> list[str]:
    """Few gitignore-style patterns covering exactly ``hidden``: whole folders where possible.

    Thousands of one-file patterns would make MkDocs match every file against
    every pattern, which would slow the baseline down, not measure it. A
    folder of hidden pages with a few visible ones (``actors/index.md``) is
    written as ``/actors/**`` followed by ``!/actors/index.md``.
    """
    all_files = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix == ".md"}
    folders = sorted({uri.rsplit("/", 1)[0] + "/" for uri in hidden if "/" in uri}, key=len)
    patterns: list[str] = []
    covered: set[str] = set()
    for folder in folders:
        if any(folder.startswith(done) for done in covered):
            continue
        inside = {f for f in all_files if f.startswith(folder)}
        visible = sorted(inside - hidden)
        if len(visible) <= 3:
            patterns.append(f"/{folder}**" if visible else f"/{folder}")
            patterns.extend(f"!/{uri}" for uri in visible)
            covered.add(folder)
    patterns.extend(f"/{uri}" for uri in sorted(hidden)
                    if not any(uri.startswith(folder) for folder in covered))
    return patterns


def build(site: Path, out: Path) -> tuple[float, float, float]:
    """Build ``site`` into ``out`` in a fresh interpreter; return (seconds, CPU seconds, peak RSS in MB)."""
    shutil.rmtree(out, ignore_errors=True)
    seconds, cpu, rss_kb, _ = timed_run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)],
                                        site)
    return seconds, cpu, rss_kb / 1024


def timed_run(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, int, str]:
    """Run ``command``; return wall seconds, CPU seconds, peak RSS in KB of that process and its stdout.

    Exits with the command's error output if it fails.
    """
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        output, errors = stdout.read().decode(), stderr.read().decode()
    if process.returncode != 0:
        sys.stderr.write(errors[-4000:])
        raise SystemExit(f"bench: `{' '.join(command[1:])}` failed with exit code {process.returncode} in {cwd}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, output


def site_size(result: Result, out: Path) -> None:
    total, largest = 0, ("", 0)
    for path in out.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest[1]:
                largest = (path.relative_to(out).as_posix(), size)
    result.site_mb = total / 1e6
    result.largest_page = (largest[0], largest[1] / 1024)
    index = out / "search" / "search_index.json"
    result.search_bytes_per_event = index.stat().st_size / result.events if index.is_file() else 0.0
    explore_index = out / "explore" / "events.json"
    result.explore_bytes_per_event = explore_index.stat().st_size / result.events if explore_index.is_file() else 0.0


def table(results: list[Result]) -> str:
    rows = [
        ("events", lambda r: f"{r.events:,}"),
        ("generated pages", lambda r: f"{r.pages:,}"),
        ("hooks (on_files), s CPU", lambda r: f"{r.hooks_cpu_s:.2f}"),
        ("hooks (on_files), s wall", lambda r: f"{r.hooks_s:.2f}"),
        ("  load + check YAML, s wall", lambda r: f"{r.load_s:.2f}"),
        ("  generate pages, s wall", lambda r: f"{r.pages_s:.2f}"),
        ("hooks per event, ms CPU", lambda r: f"{1000 * r.hooks_cpu_s / r.events:.2f}"),
        ("mkdocs build, s CPU / wall", lambda r: f"{r.build_cpu_s:.1f} / {r.build_s:.1f}"),
        ("baseline build, s CPU / wall", lambda r: f"{r.baseline_cpu_s:.1f} / {r.baseline_s:.1f}"),
        ("build / baseline, CPU (wall)", lambda r: f"{r.ratio:.2f} ({r.wall_ratio:.2f})"),
        ("peak RSS build / baseline, MB", lambda r: f"{r.build_rss_mb:.0f} / {r.baseline_rss_mb:.0f}"),
        ("site size, MB", lambda r: f"{r.site_mb:.1f}"),
        ("largest page, KB", lambda r: f"{r.largest_page[1]:.0f} ({r.largest_page[0]})"),
        ("search index per event, KB", lambda r: f"{r.search_bytes_per_event / 1024:.2f}"),
        ("Explore index per event, KB", lambda r: f"{r.explore_bytes_per_event / 1024:.2f}"),
        ("Explore filter (Chromium), ms median / max (filters)",
         lambda r: f"{r.filter_ms:.1f} / {r.filter_max_ms:.1f} ({r.filter_runs})" if r.filter_ms is not None
         else f"n/a: {r.filter_note}"),
        ("Explore first view (Chromium), ms",
         lambda r: f"{r.explore_load_ms:.0f}" if r.explore_load_ms is not None else "n/a"),
        ("make check, s wall (CPU)", lambda r: f"{r.check_s:.2f} ({r.check_cpu_s:.2f})"),
        ("serve: first build, s wall", lambda r: f"{r.serve_first_s:.1f}"),
        ("serve rebuild after one edit, s wall (% of full build)",
         lambda r: f"{r.serve_rebuild_s:.2f} ({r.serve_share:.1f} %)" if r.serve_share is not None else "n/a"),
        ("serve rebuild: pages rendered / files changed",
         lambda r: f"{r.serve_rendered:,} / {r.serve_changed:,}"),
        ("most claims: measure (claims, page KB)",
         lambda r: f"{r.top_measure[0]} ({r.top_measure[1]:,}, {r.top_measure[2]:.0f})"),
        ("largest measure page, KB", lambda r: f"{r.largest_figures_page[1]:.0f} ({r.largest_figures_page[0]})"),
        ("charts, % of hooks CPU (calls)",
         lambda r: f"{r.chart_share:.1f} ({r.chart_calls:,})" if r.chart_share is not None else f"n/a: {r.chart_note}"),
        ("maps, % of hooks CPU (calls)",
         lambda r: f"{r.map_share:.1f} ({r.map_calls:,})" if r.map_share is not None else f"n/a: {r.map_note}"),
    ]
    lines = ["| measure | " + " | ".join(f"N={r.events:,} ({r.workload})" for r in results) + " |",
             "|---|" + "---:|" * len(results)]
    for label, value in rows[1:]:
        lines.append(f"| {label} | " + " | ".join(value(r) for r in results) + " |")
    return "\n".join(lines)


def check_targets(results: list[Result], workload: str = "news") -> list[Target]:
    """The targets of ``workload``, each at the size it is defined for and judged only on results of that workload;
    ``measured`` is None when that size was not run.

    Per-event figures at a few hundred events mostly measure fixed costs, so a
    target is never judged at another size than its own, nor on another workload.
    """
    by_count = {r.events: r for r in results if r.workload == workload}
    at = by_count.get
    if workload == "tallies":
        charts = at(TARGET_N)
        return [
            Target("tallies: build/baseline (CPU) at N=5,000", 1.15, at(5000) and at(5000).ratio),
            Target("tallies: search index per event at N=5,000", 2.0,
                   at(5000) and at(5000).search_bytes_per_event / 1024, " KB"),
            Target("tallies: largest measure page at N=5,000", 300,
                   at(5000) and at(5000).largest_figures_page[1], " KB"),
            Target("tallies: charts' share of the hooks (CPU) at N=5,000", 5.0, charts and charts.chart_share, " %",
                   missing=charts.chart_note if charts and charts.chart_note else "not measured at this size"),
            Target("tallies: maps' share of the hooks (CPU) at N=5,000", 5.0, charts and charts.map_share, " %",
                   missing=charts.map_note if charts and charts.map_note else "not measured at this size"),
        ]
    growth = (by_count[10000].build_cpu_s / by_count[5000].build_cpu_s) if {5000, 10000} <= by_count.keys() else None
    maps = at(TARGET_N)
    explored = at(10000)
    return [
        Target("build/baseline (CPU) at N=5,000", 1.15, at(5000) and at(5000).ratio),
        Target("maps' share of the hooks (CPU) at N=5,000", 5.0, maps and maps.map_share, " %",
               missing=maps.map_note if maps and maps.map_note else "not measured at this size"),
        Target("hooks per event (CPU) at N=5,000", 1.0, at(5000) and 1000 * at(5000).hooks_cpu_s / 5000, " ms"),
        Target("build time (CPU) N=10,000 / N=5,000", 2.2, growth, "x"),
        Target("largest page at N=10,000", 300, at(10000) and at(10000).largest_page[1], " KB"),
        Target("search index per event at N=10,000", 2.0, at(10000) and at(10000).search_bytes_per_event / 1024, " KB"),
        Target("Explore index per event at N=10,000", 1.0, at(10000) and at(10000).explore_bytes_per_event / 1024,
               " KB"),
        Target("make check (wall) at N=10,000", 5.0, at(10000) and at(10000).check_s, " s"),
        Target("make check (wall) at N=1,000", 2.0, at(1000) and at(1000).check_s, " s"),
        Target("Explore filter, median (Chromium) at N=10,000", 50, explored and explored.filter_ms, " ms",
               missing=explored.filter_note if explored and explored.filter_note else "not measured at this size"),
        Target("serve rebuild after one edit (wall) at N=5,000", 5.0,
               at(5000) and at(5000).serve_rebuild_s or None, " s"),
        Target("serve rebuild after one edit / full build (wall) at N=5,000", 5.0, at(5000) and at(5000).serve_share,
               " %"),
        Target("serve rebuild after one edit (wall) at N=10,000", 10.0,
               at(10000) and at(10000).serve_rebuild_s or None, " s"),
        Target("build peak memory / baseline at N=10,000", 1.5, at(10000) and at(10000).memory_ratio, "x"),
    ]

if __name__ == "__main__":
    sys.exit(main())
