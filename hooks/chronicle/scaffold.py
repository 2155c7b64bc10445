"""Start a new event file from a title and a date: ``make new TITLE=... DATE=...``.

The file is written to ``timeline/events/<year>/<id>.yaml`` with the id made
from the date and an ASCII slug of the title (titles in any script work:
``anyascii`` transliterates them). Every other field is a placeholder that
``make check`` reports until the contributor fills it in.
"""

from __future__ import annotations

import json
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import jinja2
from anyascii import anyascii
from pydantic import TypeAdapter, ValidationError

from .catalog import EVENTS_FOLDER
from .dates import DateError, FuzzyDate, parse_date
from .errors import Invalid, TimelineError
from .fields import Line
from .models import Bound, EventType, Role, Stance, Status
from .render import environment

TEMPLATE = "new-event.yaml.jinja"
SLUG_MAX_LENGTH = 60
"""Longest slug after the date; longer titles are cut at a word boundary."""


class ScaffoldError(TimelineError):
    """The requested entry cannot be created; nothing was written."""

    def __init__(self, field: str, message: str, hint: str = ""):
        self.field = field
        self.message = message
        self.hint = hint
        super().__init__([])

    def report(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"{text}\n    hint: {self.hint}" if self.hint else text


@dataclass(frozen=True)
class NewEvent:
    """What the scaffold decided for a new entry, before anything is written."""

    id: str
    title: str
    date: FuzzyDate
    path: Path
    """Where the file goes: ``<timeline>/events/<year>/<id>.yaml``."""


def slugify(title: str) -> str:
    """Lowercase ASCII words joined by hyphens: ``Удар по Києву`` -> ``udar-po-kiievu``."""
    ascii_title = re.sub(r"['`]", "", anyascii(title))  # apostrophes join: Kremlin's -> kremlins, Оленья -> olenya
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:SLUG_MAX_LENGTH] if words else "")


def event_id(date: FuzzyDate, title: str) -> str:
    """The date as written at its start (``2025-06-01``, ``2025-06``, ``2025``), then the slug."""
    start = date.start
    prefix = f"{start.year:04d}"
    if start.month is not None:
        prefix += f"-{start.month:02d}"
    if start.day is not None:
        prefix += f"-{start.day:02d}"
    return f"{prefix}-{slugify(title)}"


def plan_event(timeline: Path, title: str, date_text: str) -> NewEvent:
    """Check the title and date and choose the id and path; raise :class:`ScaffoldError`."""
    try:
        title = TypeAdapter(Line).validate_python(title)
    except ValidationError as exc:
        item = exc.errors(include_url=False)[0]
        error = item.get("ctx", {}).get("error")
        raise ScaffoldError("title", error.message if isinstance(error, Invalid) else item["msg"],
                            'give a short title, e.g. TITLE="Drone attack on Kyiv"') from None
    if not slugify(title):
        raise ScaffoldError("title", f"'{title}' has no letters or digits to make an id from",
                            "write the title in words")
    try:
        date = parse_date(date_text)
    except DateError as exc:
        raise ScaffoldError("date", exc.message, exc.hint) from None
    ident = event_id(date, title)
    path = Path(timeline) / EVENTS_FOLDER / f"{date.year:04d}" / f"{ident}.yaml"
    return NewEvent(ident, title, date, path)


def render_event(event: NewEvent) -> str:
    """The text of the new file: filled id, title and date, placeholders for the rest."""
    return _environment().get_template(TEMPLATE).render(
        event=event,
        statuses=typing.get_args(Status),
        event_types=typing.get_args(EventType),
        roles=typing.get_args(Role),
        stances=typing.get_args(Stance),
        bounds=typing.get_args(Bound),
    )


def create_event(timeline: Path, title: str, date_text: str) -> Path:
    """Write the new entry and return its path; never overwrite an existing entry."""
    event = plan_event(timeline, title, date_text)
    existing = event.path if event.path.exists() else _find_event_file(Path(timeline), event.id)
    if existing is not None:
        raise ScaffoldError("id", f"an entry with id '{event.id}' already exists: {existing.as_posix()}",
                            "edit that file, or choose a different title or date")
    event.path.parent.mkdir(parents=True, exist_ok=True)
    with event.path.open("x", encoding="utf-8", newline="\n") as file:
        file.write(render_event(event))
    return event.path


def _find_event_file(timeline: Path, ident: str) -> Path | None:
    """An event file with this id anywhere under ``events/`` (the year folder may differ)."""
    for suffix in (".yaml", ".yml"):
        for path in (timeline / EVENTS_FOLDER).rglob(ident + suffix):
            return path
    return None


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: any text, read back exactly as given."""
    return json.dumps(value, ensure_ascii=False)


def _environment() -> jinja2.Environment:
    """The site's one template environment, with the filter that writes YAML strings."""
    env = environment()  # autoescape is off: values pass through |yaml_string
    env.filters["yaml_string"] = yaml_string
    return env
