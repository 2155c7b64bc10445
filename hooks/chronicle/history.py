"""When each entry file last changed, from the repository's git history.

An Atom entry's ``updated`` is when the entry changed, not when the event
happened; the commit that last touched an entry's file says that, and it is
the same on every machine that has the same history. Without git, outside a
repository, or for a file not yet committed, there is no such time and the
caller falls back to what the entry itself says.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

GIT_TIMEOUT = 60
"""Seconds to wait for ``git log``; a repository's whole history is read once per build."""
_HEADER = "commit "


def last_commit_times(folder: Path) -> dict[str, datetime.datetime]:
    """Absolute path of every file under ``folder`` -> the UTC time of the last commit that changed it."""
    folder = Path(folder).resolve()
    try:
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, timeout=GIT_TIMEOUT, check=True).stdout.strip()
        log = subprocess.run(["git", "-C", top, "log", f"--format=%x00{_HEADER}%ct", "--name-only", "--no-renames",
                              "-z", "--", str(folder)], capture_output=True, timeout=GIT_TIMEOUT, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, datetime.datetime] = {}
    moment: datetime.datetime | None = None
    for field in log.decode("utf-8", "surrogateescape").split("\0"):
        field = field.lstrip("\n")
        if field.startswith(_HEADER):  # paths never do: they start with the folder's own path
            moment = datetime.datetime.fromtimestamp(int(field[len(_HEADER):]), datetime.timezone.utc)
        elif field and moment is not None:
            times.setdefault(str(Path(top, field)), moment)  # newest commit first: the first mention is the last change
    return times
