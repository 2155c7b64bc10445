"""Load the whole ``timeline/`` folder into a checked, cross-referenced :class:`Timeline`.

Layout of the data folder::

    timeline/actors.yaml      actors:   [...]
    timeline/regions.yaml     regions:  [...]
    timeline/measures.yaml    measures: [...]
    timeline/events/**/<id>.yaml   one event per file, file name == id

Every problem in every file is collected before anything is reported, so a
contributor sees all of them in one run.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .consistency import relation_problems, status_problems
from .errors import Problem, TimelineError
from .history import last_commit_times
from .memory import bulk_allocation
from .models import (Actor, ActorRegistry, Event, Measure, MeasureRegistry, Region,
                     RegionRegistry)
from .validate import problems_from_error, suggest
from .yamldoc import Document, format_field, load_document

REGISTRIES = {"actors": ActorRegistry, "regions": RegionRegistry, "measures": MeasureRegistry}
EVENTS_FOLDER = "events"

M = TypeVar("M", bound=BaseModel)


@dataclass
class Entry(Generic[M]):
    """A validated model together with the document it came from."""

    model: M
    """The validated model; ``None`` for an event checked in another process (see :mod:`chronicle.check`)."""
    doc: Document
    index: int = 0
    """Position in its registry's list; 0 for an event file."""


@dataclass
class Rejected:
    """A file that failed: its problems, and its parsed data when the YAML itself was readable."""

    problems: list[Problem]
    doc: Document | None = None


@dataclass
class Timeline:
    """Every entry, validated and with all references resolved."""

    events: dict[str, Event]
    actors: dict[str, Actor]
    regions: dict[str, Region]
    measures: dict[str, Measure]
    event_paths: dict[str, str] = field(default_factory=dict)
    """Event id -> path of its YAML file, relative to the repository root."""
    registry_paths: dict[str, str] = field(default_factory=dict)
    """``actors``/``regions``/``measures`` -> path of the registry file."""
    changed: dict[str, datetime.datetime] = field(default_factory=dict)
    """Event id -> when its file last changed, from git history; absent outside a repository or before a commit."""


@dataclass
class CheckedFolder:
    """A folder whose files all passed every check, by id, with the documents they came from."""

    events: dict[str, Entry[Event]]
    actors: dict[str, Entry[Actor]]
    regions: dict[str, Entry[Region]]
    measures: dict[str, Entry[Measure]]
    registry_paths: dict[str, str]

    def timeline(self) -> Timeline:
        return Timeline(
            events={i: e.model for i, e in self.events.items()},
            actors={i: e.model for i, e in self.actors.items()},
            regions={i: e.model for i, e in self.regions.items()},
            measures={i: e.model for i, e in self.measures.items()},
            event_paths={i: e.doc.path for i, e in self.events.items()},
            registry_paths=self.registry_paths,
        )


class TimelineLoader:
    """Reads and validates files, re-reading only those changed since the last load.

    A file is re-parsed when its path, size or modification time changes, so
    a rebuild under ``mkdocs serve`` after one edit costs one parse.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[int, int], Any]] = {}
        self._seen: set[str] = set()
        self.parsed_files = 0
        """Files parsed by the last :meth:`load` (the rest came from the cache)."""

    def load(self, root: Path, display_root: str | None = None) -> Timeline:
        """Load ``root``; raise :class:`TimelineError` listing every problem found."""
        root = Path(root)
        with bulk_allocation():
            timeline = self.check(root, display_root).timeline()
        shown_root = display_root if display_root is not None else root.as_posix()
        commits = last_commit_times(root)
        timeline.changed = {ident: commits[changed] for ident, path in timeline.event_paths.items()
                            if (changed := str(root.resolve() / path[len(shown_root) + 1:])) in commits}
        return timeline

    def check(self, root: Path, display_root: str | None = None,
              read_events: Callable[[list[tuple[str, str]]], list[Entry[Event] | Rejected]] | None = None,
              ) -> CheckedFolder:
        """Read and check every file of ``root``; raise :class:`TimelineError` listing every problem found.

        ``read_events`` reads the event files, given as ``(path, shown path)``
        pairs; by default one after the other with this loader's cache.
        """
        root = Path(root)
        display_root = display_root if display_root is not None else root.as_posix()
        self.parsed_files = 0
        problems: list[Problem] = []
        if not root.is_dir():
            raise TimelineError([Problem(display_root, 1, 1, "", "timeline folder not found",
                                         "run from the repository root, or pass the folder to check")])

        registries: dict[str, list[Entry]] = {}
        registry_paths = {}
        broken_registries: set[str] = set()  # already reported: their ids are not reported again as unknown
        for name, model in REGISTRIES.items():
            path = root / f"{name}.yaml"
            shown = f"{display_root}/{name}.yaml"
            registry_paths[name] = shown
            if not path.is_file():
                problems.append(Problem(shown, 1, 1, "", f"registry file {name}.yaml is missing",
                                        f"create it with a top-level `{name}:` list"))
                registries[name] = []
                broken_registries.add(name)
                continue
            result = self._read(str(path), shown, model)
            if isinstance(result, Rejected):
                problems.extend(result.problems)
                registries[name] = []
                broken_registries.add(name)
            else:
                items = getattr(result.model, name)
                registries[name] = [Entry(item, result.doc, i) for i, item in enumerate(items)]

        files = [(path, f"{display_root}/{relative}") for path, relative in _event_files(root)]
        read = read_events or (lambda files: [self._read(path, shown, Event) for path, shown in files])
        events: list[tuple[Entry, str]] = []
        rejected: list[Rejected] = []
        reported_stems: set[str] = set()  # stems of event files already reported: not reported again as unknown ids
        for (_, shown), result in zip(files, read(files)):
            stem = shown.rpartition("/")[2].rpartition(".")[0]
            if isinstance(result, Rejected):
                problems.extend(result.problems)
                reported_stems.add(stem)
                rejected.append(result)
            else:
                events.append((result, stem))
        self._forget_missing()

        actors = _unique(registries["actors"], "actors", problems)
        regions = _unique(registries["regions"], "regions", problems)
        measures = _unique(registries["measures"], "measures", problems)
        by_id: dict[str, Entry[Event]] = {}
        for entry, stem in events:
            ident = entry.doc.data["id"]  # a valid id is a plain string, as validation found it
            if ident != stem:
                problems.append(entry.doc.problem(("id",), f"id '{ident}' differs from the file name '{stem}.yaml'",
                                                  f"rename the file to {ident}.yaml or set `id: {stem}`"))
                reported_stems.add(stem)
            if ident in by_id:
                other = by_id[ident].doc
                problems.append(entry.doc.problem(("id",), f"duplicate id '{ident}', also used by {other.path}",
                                                  "give one of the two events a different id"))
                continue
            by_id[ident] = entry

        problems.extend(check_references(by_id, actors, regions, measures, reported_stems, broken_registries,
                                         [r for r in rejected if r.doc is not None]))
        for entry in by_id.values():
            problems.extend(status_problems(entry.doc, entry.doc.data))
        for result in rejected:
            if result.doc is not None and not any(p.field == "status" for p in result.problems):
                problems.extend(status_problems(result.doc, result.doc.data))
        if not problems:  # a graph of valid, resolved references only
            problems.extend(relation_problems({i: e.doc for i, e in by_id.items()}))
        if problems:
            raise TimelineError(problems)
        return CheckedFolder(by_id, actors, regions, measures, registry_paths)

    def _read(self, path: str, shown: str, model: type[M]) -> Entry[M] | Rejected:
        """Parse and validate one file, or return its problems; cached by path, size and mtime."""
        try:
            stat = os.stat(path)
        except OSError as exc:
            return Rejected([Problem(shown, 1, 1, "", f"cannot read file: {exc.strerror}")])
        stamp = (stat.st_size, stat.st_mtime_ns)
        cached = self._cache.get(path)
        if cached and cached[0] == stamp and _display_path(cached[1]) == shown:
            self._seen.add(path)
            return cached[1]
        self.parsed_files += 1
        result = read_entry(path, shown, model)
        self._cache[path] = (stamp, result)
        self._seen.add(path)
        return result

    def _forget_missing(self) -> None:
        for path in set(self._cache) - self._seen:
            del self._cache[path]
        self._seen = set()


def read_entry(path: str, shown: str, model: type[M]) -> Entry[M] | Rejected:
    """Parse and validate one file as ``model``, or return its problems."""
    try:
        doc = load_document(path, shown)
        if not isinstance(doc.data, dict):
            return Rejected([doc.problem((), "expected a mapping of `field: value` lines at the top of the file",
                                         "see CONTRIBUTING.md for an example entry")])
        return Entry(model.model_validate(doc.data), doc)
    except TimelineError as exc:
        return Rejected(exc.problems)
    except ValidationError as exc:
        return Rejected(problems_from_error(doc, exc, model), doc)


def _display_path(result: Entry | Rejected) -> str | None:
    if isinstance(result, Entry):
        return result.doc.path
    return result.problems[0].path if result.problems else None


def load_timeline(root: Path, display_root: str | None = None) -> Timeline:
    """Load and check ``root`` once, without a cache."""
    return TimelineLoader().load(root, display_root)


def _event_files(root: Path) -> list[tuple[str, str]]:
    """``(path, path relative to root)`` of every event file, in the order of their relative paths."""
    found = []
    start = len(str(root)) + 1
    for directory, dirnames, filenames in os.walk(root / EVENTS_FOLDER):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend((path, path[start:].replace(os.sep, "/"))
                     for path in (os.path.join(directory, name) for name in filenames
                                  if name.endswith((".yaml", ".yml")) and not name.startswith(".")))
    return sorted(found, key=lambda item: item[1].split("/"))


def _unique(entries: list[Entry], name: str, problems: list[Problem]) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for entry in entries:
        ident = entry.model.id
        if ident in found:
            problems.append(entry.doc.problem((name, entry.index, "id"), f"duplicate id '{ident}' in {name}",
                                              "each id may appear once; merge or rename one of them"))
        else:
            found[ident] = entry
    return found


def check_references(events: dict[str, Entry[Event]], actors: dict[str, Entry[Actor]],
                     regions: dict[str, Entry[Region]], measures: dict[str, Entry[Measure]],
                     reported_stems: set[str] = frozenset(),
                     broken_registries: set[str] = frozenset(),
                     rejected: list[Rejected] = ()) -> list[Problem]:
    """Check that every id an entry mentions exists, with a did-you-mean hint when not.

    Events are checked on their parsed data, so that a file with other
    problems (``rejected``) still has its references checked in the same run;
    fields already reported there are not reported twice. Ids of event files
    and registries that could not be read are not reported as unknown.
    """
    problems: list[Problem] = []
    registry_file = {"actor": "timeline/actors.yaml", "region": "timeline/regions.yaml",
                     "measure": "timeline/measures.yaml", "event": "timeline/events/"}

    def require(doc: Document, loc: tuple, kind: str, ident: str | None, known: dict) -> None:
        if ident is None or ident in known or (kind == "event" and ident in reported_stems):
            return
        if f"{kind}s" in broken_registries:
            return
        hint = suggest(ident, known) or f"add it to {registry_file[kind]} first"
        problems.append(doc.problem(loc, f"unknown {kind} '{ident}'", hint))

    checked = [(ident, entry.doc, frozenset()) for ident, entry in events.items()]
    checked += [(_word(r.doc.data.get("id")) or Path(r.doc.path).stem, r.doc,
                 frozenset(p.field for p in r.problems)) for r in rejected]
    aliases: dict[str, str] = {}
    for ident, doc, reported in checked:
        data = doc.data

        def refer(loc: tuple, kind: str, value: Any, known: dict) -> None:
            if format_field(loc) not in reported:
                require(doc, loc, kind, _word(value), known)

        for i, location in _records(data, "locations"):
            refer(("locations", i, "region"), "region", location.get("region"), regions)
        for i, role in _records(data, "actors"):
            refer(("actors", i, "actor"), "actor", role.get("actor"), actors)
        source_ids: set[str] = set()
        for i, source in _records(data, "sources"):
            if (source_id := _word(source.get("id"))) is None:
                continue
            if source_id in source_ids:
                problems.append(doc.problem(("sources", i, "id"), f"duplicate source id '{source_id}'",
                                            "give each source of this event its own id"))
            source_ids.add(source_id)
        for i, claim in _records(data, "claims"):
            refer(("claims", i, "measure"), "measure", claim.get("measure"), measures)
            refer(("claims", i, "claimant"), "actor", claim.get("claimant"), actors)
            for j, source in _words(claim.get("sources")):
                if source not in source_ids and format_field(("claims", i, "sources", j)) not in reported:
                    hint = suggest(source, source_ids) or "cite the id of one of this event's `sources`"
                    problems.append(doc.problem(("claims", i, "sources", j), f"unknown source '{source}'", hint))
        relations = data.get("relations")
        for relation in ("part_of", "follows", "response_to", "related"):
            for j, target in _words(relations.get(relation) if isinstance(relations, dict) else None):
                loc = ("relations", relation, j)
                if target == ident:
                    problems.append(doc.problem(loc, "an event cannot relate to itself", "remove this id"))
                else:
                    refer(loc, "event", target, events)
        for j, alias in _words(data.get("aliases")):
            if alias in events:
                problems.append(doc.problem(("aliases", j), f"alias '{alias}' is the id of another event",
                                            "an alias must be a former id no other entry uses"))
            elif alias in aliases:
                problems.append(doc.problem(("aliases", j), f"alias '{alias}' is also an alias of '{aliases[alias]}'",
                                            "keep the alias on one entry only"))
            aliases.setdefault(alias, ident)

    for ident, entry in regions.items():
        index = entry.index
        require(entry.doc, ("regions", index, "parent"), "region", entry.model.parent, regions)
        if _has_cycle(ident, lambda r: regions[r].model.parent if r in regions else None):
            problems.append(entry.doc.problem(("regions", index, "parent"),
                                              f"region '{ident}' is its own ancestor", "fix the chain of `parent` ids"))
    for ident, entry in actors.items():
        index = entry.index
        require(entry.doc, ("actors", index, "parent"), "actor", entry.model.parent, actors)
        require(entry.doc, ("actors", index, "country"), "region", entry.model.country, regions)
        if _has_cycle(ident, lambda a: actors[a].model.parent if a in actors else None):
            problems.append(entry.doc.problem(("actors", index, "parent"),
                                              f"actor '{ident}' is its own ancestor", "fix the chain of `parent` ids"))
    return problems


def _word(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _words(value: Any) -> list[tuple[int, str]]:
    """Positions and texts of the strings in a YAML list (anything else is the models' to report)."""
    return [(i, item.strip()) for i, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def _records(data: Any, key: str) -> list[tuple[int, dict]]:
    """Positions and mappings of the list under ``key``."""
    items = data.get(key)
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def _has_cycle(start: str, parent_of: Callable[[str], str | None]) -> bool:
    seen = {start}
    current = parent_of(start)
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parent_of(current)
    return False
