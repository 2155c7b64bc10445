"""Time the site's hooks inside one fresh interpreter, the way ``mkdocs build`` and ``serve`` call them.

Run by :mod:`bench.run` as ``python -m bench.probe SITE [--dump FOLDER] [--edit FILE]``;
prints one JSON object on its last line. A fresh process per run means a
cold start every time: no parsed file, template or rendered Markdown is
left over from an earlier run.

* ``on_files`` is the hooks' whole share of a build; the adapter's calls to
  the core (``TimelineLoader.load`` and ``build_site``) are wrapped so the
  total splits into loading, generating pages and data files, and MkDocs' own file objects.
* ``--dump`` writes every page the hooks added into FOLDER at its source
  path, and lists the ones kept out of the nav, for the baseline site.
* ``--edit`` then changes one entry and runs the hooks again on a newly
  loaded config, as ``mkdocs serve`` does after a save, reporting how many
  files the cached loader parsed again.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.probe")
    parser.add_argument("site", type=Path, help="folder holding mkdocs.yml")
    parser.add_argument("--dump", type=Path, help="write the generated pages into this folder")
    parser.add_argument("--edit", type=Path, help="event file to change before a second, serve-style run")
    args = parser.parse_args()

    started = time.perf_counter()
    from mkdocs.structure.files import InclusionLevel
    result: dict = {}
    config, files, hooks, timings = _prepare(args.site)
    result["startup_s"] = time.perf_counter() - started
    before = {file.src_uri for file in files}
    clock, cpu = time.perf_counter(), time.process_time()
    files = config.plugins.on_files(files, config=config)
    result["on_files_s"] = time.perf_counter() - clock
    result["on_files_cpu_s"] = time.process_time() - cpu
    result["load_s"], result["pages_s"] = timings["load"], timings["pages"]
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

    if args.edit:
        text = args.edit.read_text(encoding="utf-8")
        args.edit.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
        config, files, hooks, timings = _prepare(args.site)
        clock = time.perf_counter()
        config.plugins.on_files(files, config=config)
        result["rebuild_on_files_s"] = time.perf_counter() - clock
        result["rebuild_load_s"], result["rebuild_pages_s"] = timings["load"], timings["pages"]
        result["rebuild_parsed_files"] = hooks._loader.parsed_files
    print(json.dumps(result))


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
    timings = {"load": 0.0, "pages": 0.0}
    loader = hooks._loader
    load, build_site = type(loader).load, hooks.__dict__.setdefault("_bench_build_site", hooks.build_site)

    def timed_load(root, display_root=None):
        clock = time.perf_counter()
        try:
            return load(loader, root, display_root)
        finally:
            timings["load"] += time.perf_counter() - clock

    def timed_pages(*args, **kwargs):
        clock = time.perf_counter()
        try:
            return build_site(*args, **kwargs)
        finally:
            timings["pages"] += time.perf_counter() - clock

    loader.load = timed_load
    hooks.build_site = timed_pages
    return config, files, hooks, timings


if __name__ == "__main__":
    main()
