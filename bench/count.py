"""Load a timeline folder and build every generated file once, for counting instructions.

Wall and CPU time on a shared machine vary by half between identical runs;
the instructions the interpreter executes do not. Compare two versions of the
core on the same synthetic entries with::

    valgrind --tool=callgrind .venv/bin/python -m bench.count FOLDER          # loading and checking only
    valgrind --tool=callgrind .venv/bin/python -m bench.count FOLDER --site   # and every page and data file

and read the ``Collected`` line; the difference between the two runs is the
cost of the pages and data files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from chronicle.catalog import load_timeline  # noqa: E402
from chronicle.pages import build_site  # noqa: E402
from chronicle.site import SiteOptions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.count", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a timeline folder, e.g. one written by bench.synthetic")
    parser.add_argument("--site", action="store_true", help="also build every page and data file")
    args = parser.parse_args()
    timeline = load_timeline(args.folder, "timeline")
    if args.site:
        build_site(timeline, SiteOptions(site_url="https://example.org/timeline/"))


if __name__ == "__main__":
    main()
