"""Time the site's hooks inside one fresh interpreter, the way ``mkdocs build`` and ``serve`` call them.

Run by :mod:`bench.run` as ``python -m bench.probe SITE [--dump FOLDER]``;
prints one JSON object on its last line. A fresh process per run means a
cold start every time: no parsed file, template or rendered Markdown is
left over from an earlier run.

* ``on_files`` is the hooks' whole share of a build; the adapter's calls to
  the core (``TimelineLoader.load`` and ``build_site``) are wrapped so the
  total splits into loading, generating pages and data files, and MkDocs' own file objects.
* The calls of ``chronicle.chart.chart_svg`` made during ``on_files`` are
  timed (CPU and wall), for the share of the hooks' time spent drawing charts,
  and so are the map makers (:data:`TIMED`), for the share spent on maps;
  ``charts`` or ``maps`` is ``null`` when the site's core has no such function.
  The measure with the most claims is reported with its number of claims.
* ``--dump`` writes every page the hooks added into FOLDER at its source
  path, and lists the ones kept out of the nav, for the baseline site.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

TIMED = {
    "charts": [("chronicle.chart", "", "chart_svg")],
    "maps": [("chronicle.maps", "", "marks"), *(("chronicle.pages", "SiteBuilder", name) for name in (
        "event_map", "subregion_map", "locator_map", "latest_map", "measure_maps", "map_files"))],
}
"""Per group, the functions timed as ``(module, class or "", name)``: nested calls count once."""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.probe")
    parser.add_argument("site", type=Path, help="folder holding mkdocs.yml")
    parser.add_argument("--dump", type=Path, help="write the generated pages into this folder")
    args = parser.parse_args()

    started = time.perf_counter()
    from mkdocs.structure.files import InclusionLevel
    result: dict = {}
    groups = {group: _time_calls(args.site, targets) for group, targets in TIMED.items()}
    config, files, hooks, timings = _prepare(args.site)
    result["startup_s"] = time.perf_counter() - started
    before = {file.src_uri for file in files}
    for totals in groups.values():
        if totals is not None:
            totals.update(calls=0, cpu_s=0.0, wall_s=0.0)
    clock, cpu = time.perf_counter(), time.process_time()
    files = config.plugins.on_files(files, config=config)
    result["on_files_s"] = time.perf_counter() - clock
    result["on_files_cpu_s"] = time.process_time() - cpu
    result["load_s"], result["pages_s"] = timings["load"], timings["pages"]
    for group, totals in groups.items():
        result[group] = None if totals is None else {k: totals[k] for k in ("calls", "cpu_s", "wall_s")}
    result["top_measure"] = _top_measure(timings["timeline"])
    added = [file for file in files if file.src_uri not in before]
    result["pages"] = len(added)

    if args.dump:
        hidden = []
        for file in added:
            target = args.dump / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
            if file.inclusion == InclusionLevel.NOT_IN_NAV:
                hidden.append(file.src_uri)
        result["not_in_nav"] = hidden

    print(json.dumps(result))


def _top_measure(timeline) -> list:
    """The measure with the most claims and their number, as ``[id, claims]``."""
    claims = Counter(claim.measure for event in timeline.events.values() for claim in event.claims)
    return list(max(claims.items(), key=lambda item: (item[1], item[0]), default=("", 0)))


def _time_calls(site: Path, targets: list[tuple[str, str, str]]) -> dict | None:
    """Wrap the ``targets`` of the site's core with one shared timer before the hooks import them.

    Modules that import a function by name (``from .chart import chart_svg``) then hold the wrapper;
    any that already held the original are patched too. A call made inside another timed call is inside
    the outer one's time. Returns the running totals, or ``None`` when the core has none of the targets.
    """
    totals = {"calls": 0, "cpu_s": 0.0, "wall_s": 0.0, "depth": 0}
    found = False
    sys.path.insert(0, str(site / "hooks"))  # where MkDocs finds the core when it loads the hooks
    try:
        for module_name, owner_name, name in targets:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if not module_name.startswith(error.name or "-"):
                    raise
                continue
            owner = getattr(module, owner_name, None) if owner_name else module
            original = getattr(owner, name, None)
            if original is None:
                continue
            found = True
            timed = _timed(original, totals)
            setattr(owner, name, timed)
            if not owner_name:
                for other_name, other in list(sys.modules.items()):
                    if (other_name == "chronicle" or other_name.startswith("chronicle.")) and \
                            getattr(other, name, None) is original:
                        setattr(other, name, timed)
    finally:
        sys.path.remove(str(site / "hooks"))
    return totals if found else None


def _timed(original, totals: dict):
    @functools.wraps(original)
    def timed(*args, **kwargs):
        if totals["depth"]:
            return original(*args, **kwargs)
        totals["depth"] += 1
        clock, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            totals["wall_s"] += time.perf_counter() - clock
            totals["cpu_s"] += time.process_time() - cpu
            totals["calls"] += 1
            totals["depth"] -= 1
    return timed


def _prepare(site: Path):
    """Load the config as MkDocs does, run everything up to ``on_files``, and wrap the core calls."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(site / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    hooks = next(module for module in config.hooks.values() if hasattr(module, "_loader"))
    timings: dict = {"load": 0.0, "pages": 0.0, "timeline": None}
    loader_type = type(hooks._loader)  # a one-off build loads with a loader of its own
    load, build_site = loader_type.load, hooks.__dict__.setdefault("_bench_build_site", hooks.build_site)

    def timed_load(loader, root, display_root=None):
        clock = time.perf_counter()
        try:
            return load(loader, root, display_root)
        finally:
            timings["load"] += time.perf_counter() - clock

    def timed_pages(*args, **kwargs):
        timings["timeline"] = args[0] if args else kwargs["timeline"]  # counted after the hooks, not in their time
        clock = time.perf_counter()
        try:
            return build_site(*args, **kwargs)
        finally:
            timings["pages"] += time.perf_counter() - clock

    loader_type.load = timed_load
    hooks.build_site = timed_pages
    return config, files, hooks, timings


if __name__ == "__main__":
    main()
