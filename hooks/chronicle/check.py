"""Check a timeline folder on every processor core, as ``make check`` does.

Checking thousands of entries is mostly parsing and validating one file after
another, which splits cleanly: worker processes read shares of the event
files while this process reads its own share, then the checks that span
files (ids, references, aliases) run here on the combined results, so the
problems reported are exactly those a build reports. Workers send back each
file's parsed data and text, enough to check references and to locate a
problem, but not the validated models: copying those between processes
costs more than building them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .catalog import CheckedFolder, Entry, Rejected, TimelineLoader, read_entry
from .errors import Problem
from .memory import bulk_allocation
from .models import Event
from .yamldoc import Document

FILES_PER_PROCESS = 1000
"""Fewest event files worth a process of their own; below it, starting one costs more than it saves."""
CHUNKS_PER_WORKER = 4
"""Results come back chunk by chunk, so that receiving them overlaps with reading the rest."""

Sent = tuple[list[Problem] | None, Any, str | None]
"""What a worker sends back per file: its problems (``None`` if valid), its parsed data and its text."""


def check_timeline(root: Path, display_root: str | None = None, processes: int | None = None,
                   files_per_process: int = FILES_PER_PROCESS) -> CheckedFolder:
    """Check ``root`` as a build would, reading event files in up to ``processes`` processes (default: one per core).

    Raises :class:`~chronicle.errors.TimelineError` listing every problem found.
    """
    processes = processes or available_cores()

    def read_events(files: list[tuple[str, str]]) -> list[Entry[Event] | Rejected]:
        shares = min(processes, len(files) // files_per_process)
        if shares < 2:
            return [read_entry(path, shown, Event) for path, shown in files]
        own = len(files) // shares
        rest = files[own:]
        size = -(-len(rest) // ((shares - 1) * CHUNKS_PER_WORKER))
        chunks = [rest[i:i + size] for i in range(0, len(rest), size)]
        with ProcessPoolExecutor(max_workers=shares - 1, mp_context=_start_method()) as pool:
            futures = [pool.submit(_read_files, chunk) for chunk in chunks]
            results = [read_entry(path, shown, Event) for path, shown in files[:own]]
            for chunk, future in zip(chunks, futures):
                results.extend(_received(shown, sent) for (_, shown), sent in zip(chunk, future.result()))
        return results

    with bulk_allocation():
        return TimelineLoader().check(Path(root), display_root, read_events)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_method() -> multiprocessing.context.BaseContext:
    """Fork where that is safe: the worker starts at once, with every module already imported.

    Forking is only safe from a process with a single thread (``make check`` is one); test
    runners and other hosts with threads get a fork server, and macOS and Windows, where
    forking is unsafe or missing, a fresh interpreter.
    """
    if sys.platform != "linux":
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("fork" if _threads() == 1 else "forkserver")


def _threads() -> int:
    """Threads of this process, as the system counts them (including those no Python code started)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _read_files(files: list[tuple[str, str]]) -> list[Sent]:
    """In a worker: read and validate ``files``, keeping what the checks across files need."""
    sent: list[Sent] = []
    with bulk_allocation():
        for path, shown in files:
            result = read_entry(path, shown, Event)
            doc = result.doc
            problems = result.problems if isinstance(result, Rejected) else None
            sent.append((problems, doc.data if doc else None, doc.text if doc else None))
    return sent


def _received(shown: str, sent: Sent) -> Entry[Event] | Rejected:
    problems, data, text = sent
    doc = Document(shown, data, text) if text is not None else None
    return Entry(None, doc) if problems is None else Rejected(problems, doc)  # type: ignore[arg-type]
