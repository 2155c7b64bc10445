"""Contributor commands that need no MkDocs build."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .check import check_timeline
from .errors import TimelineError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chronicle", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the timeline folder without building the site")
    check.add_argument("folder", nargs="?", default="timeline", type=Path)
    schema = commands.add_parser("schema", help="write the JSON Schemas for entries")
    schema.add_argument("--out", default="schema", type=Path)
    schema.add_argument("--check", action="store_true", help="fail if the committed schemas are stale")
    new = commands.add_parser("new", help="start a new event file from a title and a date")
    new.add_argument("--title", required=True, help='what happened, in a few words, e.g. "Drone attack on Kyiv"')
    new.add_argument("--date", required=True, help="when: 2025-06-01, 2025-06, 2025 or 2025-06-05/2025-06-06")
    new.add_argument("--folder", default="timeline", type=Path, help="the timeline folder (default: timeline)")
    args = parser.parse_args(argv)

    if args.command == "check":
        return _check(args.folder)
    if args.command == "new":
        return _new(args.folder, args.title, args.date)
    return _schema(args.out, args.check)


def _check(folder: Path) -> int:
    started = time.perf_counter()
    try:
        checked = check_timeline(folder, folder.as_posix().rstrip("/"))
    except TimelineError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"{folder}: {len(checked.events)} events, {len(checked.actors)} actors, "
          f"{len(checked.regions)} regions, {len(checked.measures)} measures: all valid ({elapsed:.2f} s)")
    return 0


def _new(folder: Path, title: str, date: str) -> int:
    from .scaffold import create_event  # imported here: `check` stays quick to start

    try:
        path = create_event(folder, title, date)
    except TimelineError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"created {path.as_posix()}\n"
          "next: fill in the fields marked (required), then run `make check` and `make serve` to preview")
    return 0


def _schema(out: Path, check_only: bool) -> int:
    from .schema import write_schemas  # imported here: `check` stays quick to start

    stale = write_schemas(out, check_only=check_only)
    if check_only and stale:
        for path in stale:
            print(f"{path}: out of date with the models; run `make schema` and commit the result", file=sys.stderr)
        return 1
    return 0
