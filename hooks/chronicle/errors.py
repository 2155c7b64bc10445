"""The project's errors: :class:`TimelineError`, the base of every error it reports, and the problems it carries.

A validator raises :class:`Invalid` with what is wrong and, separately, what
would fix it; the loader turns each into a located :class:`Problem`. Messages
quote contributed text only through :func:`excerpt`, so that a value cannot
flood a log or send terminal escape sequences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one entry, located precisely enough to fix."""

    path: str
    """File path as the contributor sees it, relative to the repository."""
    line: int
    """1-based line number."""
    col: int
    """1-based column number."""
    field: str
    """Dotted field path such as ``claims[0].claimant``; empty for the file."""
    message: str
    hint: str = ""
    """What would fix it: allowed values, the nearest existing id."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class Invalid(ValueError):
    """A value that breaks a rule: what is wrong, and what would fix it.

    Raised inside model validators; pydantic keeps the exception, so the
    hint reaches the :class:`Problem` as data, whatever the message says.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def printable(text: str) -> str:
    """Show control, invisible and direction-changing characters as ``\\uXXXX`` escapes."""
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


def excerpt(value: object, limit: int = 60) -> str:
    """Quote contributed text in a message: printable, and shortened when long."""
    text = printable(str(value))
    return f"'{text[:limit]}…' ({len(str(value)):,} characters)" if len(text) > limit else f"'{text}'"


class TimelineError(Exception):
    """Invalid timeline data; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the timeline data.")
        return "\n".join(lines)
