"""Load the whole ``timeline/`` folder into a checked, cross-referenced :class:`Timeline`.

Layout of the data folder::

    timeline/actors.yaml      actors:   [...]
    timeline/regions.yaml     regions:  [...]
    timeline/measures.yaml    measures: [...]
    timeline/series.yaml      series:   [...]   (optional)
    timeline/events/**/<id>.yaml   one event per file, file name == id

Every problem in every file is collected before anything is reported, so a
contributor sees all of them in one run. Which fields name other entries is
read from the models (the fields marked with :class:`~chronicle.fields.RefersTo`).
"""

from __future__ import annotations

import datetime
import functools
import os
import types
import typing
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar, Union

from pydantic import BaseModel, ValidationError

from .consistency import claim_problems, date_problems, relation_problems, status_problems
from .errors import Problem, TimelineError
from .explain import problems_from_error, suggest
from .fields import RefersTo
from .history import last_commit_times
from .maps import region_problems
from .memory import bulk_allocation
from .models import (
    Actor,
    ActorRegistry,
    Event,
    Measure,
    MeasureRegistry,
    Region,
    RegionRegistry,
    Series,
    SeriesRegistry,
)
from .yamldoc import Document, format_field, load_document

REGISTRIES: dict[str, type[BaseModel]] = {
    "actors": ActorRegistry, "regions": RegionRegistry, "measures": MeasureRegistry, "series": SeriesRegistry}
"""Each registry by name: the file ``<name>.yaml`` holds a list under the key ``<name>``."""
OPTIONAL_REGISTRIES = frozenset({"series"})
"""Registries whose file may be absent: a timeline without series has no ``series.yaml``."""
EVENTS_FOLDER = "events"
ANY = "*"
"""In a reference path, every item of a list."""

M = TypeVar("M", bound=BaseModel)


@dataclass
class Entry(Generic[M]):
    """A validated model together with the document it came from."""

    model: M
    """The validated model; ``None`` for an event checked in another process (see :mod:`chronicle.check`)."""
    doc: Document
    position: int = 0
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
    series: dict[str, Series] = field(default_factory=dict)
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
    series: dict[str, Entry[Series]]
    registry_paths: dict[str, str]

    def timeline(self) -> Timeline:
        return Timeline(
            events={i: e.model for i, e in self.events.items()},
            actors={i: e.model for i, e in self.actors.items()},
            regions={i: e.model for i, e in self.regions.items()},
            measures={i: e.model for i, e in self.measures.items()},
            series={i: e.model for i, e in self.series.items()},
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
        self._derived: dict[int, _Derived] = {}
        """``id(doc)`` -> what was worked out from each document still in the cache."""
        self._seen: set[str] = set()
        self.parsed_files = 0
        """Files parsed by the last :meth:`load` (the rest came from the cache)."""

    def load(self, root: Path, display_root: str | None = None) -> Timeline:
        """Load ``root``; raise :class:`TimelineError` listing every problem found."""
        root = Path(root)
        with bulk_allocation():
            timeline = self.check(root, display_root).timeline()
        shown_root = display_root if display_root is not None else root.as_posix()
        if commits := last_commit_times(root):
            resolved = str(root.resolve())
            timeline.changed = {ident: commits[changed] for ident, path in timeline.event_paths.items()
                                if (changed := f"{resolved}/{path[len(shown_root) + 1:]}") in commits}
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
        unreadable: set[str] = set()  # already reported, and no ids to be read: ids are not reported as unknown
        written_ids: dict[str, set[str]] = {}  # of registries that failed validation: the ids they do define
        for name, model in REGISTRIES.items():
            path = root / f"{name}.yaml"
            shown = f"{display_root}/{name}.yaml"
            registry_paths[name] = shown
            if not path.is_file():
                if name not in OPTIONAL_REGISTRIES:
                    problems.append(Problem(shown, 1, 1, "", f"registry file {name}.yaml is missing",
                                            f"create it with a top-level `{name}:` list"))
                    unreadable.add(name)
                registries[name] = []
                continue
            result = self._read(str(path), shown, model)
            if isinstance(result, Rejected):
                problems.extend(result.problems)
                registries[name] = []
                if result.doc is None:
                    unreadable.add(name)
                else:
                    written_ids[name] = _written_ids(result.doc.data, name)
            else:
                items = getattr(result.model, name)
                registries[name] = [Entry(item, result.doc, i) for i, item in enumerate(items)]

        files = [(path, f"{display_root}/{relative}") for path, relative in _event_files(root)]
        read = read_events or self._read_events
        events: list[tuple[Entry, str]] = []
        rejected: list[Rejected] = []
        reported_stems: set[str] = set()  # stems of event files already reported: not reported again as unknown ids
        for (_, shown), read_back in zip(files, read(files)):
            stem = shown.rpartition("/")[2].rpartition(".")[0]
            if isinstance(read_back, Rejected):
                problems.extend(read_back.problems)
                reported_stems.add(stem)
                rejected.append(read_back)
            else:
                events.append((read_back, stem))
        self._forget_missing()

        by_name = {name: _unique(registries[name], name, problems) for name in REGISTRIES}
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

        places = {**registry_paths, "events": f"{display_root}/{EVENTS_FOLDER}/"}
        problems.extend(check_references(by_id, by_name, places, reported_stems, unreadable,
                                         [r for r in rejected if r.doc is not None], written_ids, self._mentioned))
        problems.extend(region_problems(by_name["regions"]))
        measures = {ident: entry.model for ident, entry in by_name["measures"].items()}
        measures_doc = next((entry.doc for entry in registries["measures"]), None)
        for entry in by_id.values():
            problems.extend(self._entry_problems(entry.doc, measures, measures_doc))
        for result in rejected:
            if result.doc is not None:
                reported = {p.field for p in result.problems}
                found = (status_problems(result.doc, result.doc.data) + date_problems(result.doc, result.doc.data)
                         + claim_problems(result.doc, result.doc.data, measures))
                problems.extend(p for p in found if p.field not in reported)
        if not problems:  # a graph of valid, resolved references only
            problems.extend(relation_problems({i: e.doc for i, e in by_id.items()}))
        if problems:
            raise TimelineError(problems)
        return CheckedFolder(by_id, by_name["actors"], by_name["regions"], by_name["measures"], by_name["series"],
                             registry_paths)

    def _read_events(self, files: list[tuple[str, str]]) -> list[Entry[Event] | Rejected]:
        """Read event files one after the other, with this loader's cache."""
        return [self._read(path, shown, Event) for path, shown in files]

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

    def _of(self, doc: Document) -> _Derived:
        kept = self._derived.get(id(doc))
        if kept is None or kept.doc is not doc:
            kept = self._derived[id(doc)] = _Derived(doc)
        return kept

    def _mentioned(self, doc: Document) -> list[tuple[tuple, RefersTo, str]]:
        """:func:`event_mentions`, remembered while the document is the one cached for its file."""
        kept = self._of(doc)
        if kept.mentions is None:
            kept.mentions = event_mentions(doc)
        return kept.mentions

    def _entry_problems(self, doc: Document, measures: dict[str, Measure], measures_doc: Document | None,
                        ) -> list[Problem]:
        """The problems of one valid event file on its own (status, dates, claims), remembered while neither
        the file nor the measures file changed."""
        kept = self._of(doc)
        if kept.problems is None or kept.measures_doc is not measures_doc:
            kept.problems = (status_problems(doc, doc.data) + date_problems(doc, doc.data)
                             + claim_problems(doc, doc.data, measures))
            kept.measures_doc = measures_doc
        return kept.problems

    def _forget_missing(self) -> None:
        for path in set(self._cache) - self._seen:
            del self._cache[path]
        self._seen = set()
        cached = {id(result.doc) for _, result in self._cache.values() if getattr(result, "doc", None) is not None}
        for key in self._derived.keys() - cached:
            del self._derived[key]


@dataclass
class _Derived:
    """What the loader works out from one parsed file, kept while the file is unchanged."""

    doc: Document
    mentions: list[tuple[tuple, RefersTo, str]] | None = None
    """The ids the file names (:func:`event_mentions`)."""
    problems: list[Problem] | None = None
    """Its own problems (status, dates, claims), found against :attr:`measures_doc`."""
    measures_doc: Document | None = None


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
    found: list[tuple[str, str]] = []
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
            problems.append(entry.doc.problem((name, entry.position, "id"), f"duplicate id '{ident}' in {name}",
                                              "each id may appear once; merge or rename one of them"))
        else:
            found[ident] = entry
    return found


Reference = tuple[tuple[str, ...], RefersTo]
"""A path in an entry's data, :data:`ANY` standing for every item of a list, and what the id found there names."""


def references(model: type[BaseModel]) -> list[Reference]:
    """Where the data of ``model`` names other entries: its fields marked with :class:`RefersTo`.

    Nested models and lists are followed: ``(("locations", ANY, "region"), RefersTo("regions"))``.
    """
    found: list[Reference] = []
    for name, info in model.model_fields.items():
        # pydantic keeps a field's outermost Annotated metadata apart from its annotation
        marker = next((m for m in info.metadata if isinstance(m, RefersTo)), None)
        found += _references_in(info.annotation, (name,), marker)
    return found


def _references_in(annotation: Any, path: tuple[str, ...], marker: RefersTo | None) -> list[Reference]:
    """The references under ``annotation``; ``marker`` applies to the ids at its end, through lists and ``None``."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        marker = next((m for m in annotation.__metadata__ if isinstance(m, RefersTo)), marker)
        return _references_in(args[0], path, marker)
    if origin in (Union, types.UnionType):
        return [found for arg in args if arg is not type(None) for found in _references_in(arg, path, marker)]
    if origin is list:
        return _references_in(args[0], path + (ANY,), marker)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(path + inner, found) for inner, found in references(annotation)]
    return [(path, marker)] if marker else []


def _tree(found: list[Reference]) -> dict:
    """The paths merged into one tree in the shape of the data, so that each entry is walked once."""
    root: dict = {}
    for path, marker in found:
        node = root
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = marker
    return root


EVENT_REFERENCES = references(Event)
"""Every field of an event that names another entry, or one of the event's own sources."""
ITEM_REFERENCES = {name: [(path[2:], marker) for path, marker in references(model)]
                   for name, model in REGISTRIES.items()}
"""The same within one item of each registry, whose model is ``{name: [item, ...]}``."""
_EVENT_TREE = _tree(EVENT_REFERENCES)
_ITEM_TREES = {name: _tree(found) for name, found in ITEM_REFERENCES.items()}
_LOCAL_LISTS = sorted({marker.registry for _, marker in EVENT_REFERENCES if marker.local})
"""The lists of an event whose items' ids other fields of the event cite: ``sources``."""


def check_references(events: dict[str, Entry[Event]], registries: dict[str, dict[str, Entry]],
                     places: dict[str, str],
                     reported_stems: Collection[str] = frozenset(),
                     broken_registries: Collection[str] = frozenset(),
                     rejected: Sequence[Rejected] = (),
                     written_ids: dict[str, set[str]] | None = None,
                     mentions: Callable[[Document], list[tuple[tuple, RefersTo, str]]] | None = None,
                     ) -> list[Problem]:
    """Check that every id an entry mentions exists, with a did-you-mean hint when not.

    The fields followed are those the models mark with :class:`RefersTo`.
    Events are checked on their parsed data, so that a file with other
    problems (``rejected``) still has its references checked in the same run;
    fields already reported there are not reported twice. Ids of event files
    and registries that could not be read are not reported as unknown; a
    registry that was read but failed validation defines the ids written in it
    (``written_ids``), so unknown ids are still found in the same run.
    ``places`` names, per registry and for ``events``, where a missing id would
    be added. ``mentions`` finds the ids an event file names (:func:`event_mentions`,
    which a loader may remember for files that did not change).
    """
    mentions = mentions or event_mentions
    problems: list[Problem] = []
    known: dict[str, Collection[str]] = {**registries, "events": events}
    for name, ids in (written_ids or {}).items():
        known[name] = ids

    also_written: dict[str, dict[str, str]] = {}  # registry -> other name of an entry, as an id -> its id

    def require(doc: Document, loc: tuple, registry: str, ident: str) -> None:
        if ident in known[registry] or registry in broken_registries or (
                registry == "events" and ident in reported_stems):
            return
        if registry not in also_written:
            also_written[registry] = _names_as_ids(registries.get(registry, {}))
        by_name = also_written[registry]
        if ident in by_name:
            hint = f"'{ident}' is another name of '{by_name[ident]}': use its id"
        else:
            hint = suggest(ident, known[registry]) or f"add it to {places[registry]} first"
        problems.append(doc.problem(loc, f"unknown {_one(registry)} '{ident}'", hint))

    checked: list[tuple[str, Document, frozenset[str]]] = [
        (ident, entry.doc, frozenset()) for ident, entry in events.items()]
    checked += [(_word(r.doc.data.get("id")) or Path(r.doc.path).stem, r.doc,
                 frozenset(p.field for p in r.problems)) for r in rejected if r.doc is not None]
    aliases: dict[str, str] = {}
    for ident, doc, reported in checked:
        data = doc.data
        local = {name: _local_ids(doc, name, problems) for name in _LOCAL_LISTS}
        for loc, marker, target in mentions(doc):
            if marker.registry == "events" and target == ident:
                problems.append(doc.problem(loc, "an event cannot relate to itself", "remove this id"))
            elif reported and format_field(loc) in reported:
                continue
            elif not marker.local:
                require(doc, loc, marker.registry, target)
            elif target not in local[marker.registry]:
                hint = (suggest(target, local[marker.registry])
                        or f"cite the id of one of this event's `{marker.registry}`")
                problems.append(doc.problem(loc, f"unknown {_one(marker.registry)} '{target}'", hint))
        for j, alias in _words(data.get("aliases")):
            if alias in events:
                problems.append(doc.problem(("aliases", j), f"alias '{alias}' is the id of another event",
                                            "an alias must be a former id no other entry uses"))
            elif alias in aliases:
                problems.append(doc.problem(("aliases", j), f"alias '{alias}' is also an alias of '{aliases[alias]}'",
                                            "keep the alias on one entry only"))
            aliases.setdefault(alias, ident)

    for name, entries in registries.items():
        for ident, entry in entries.items():
            item = entry.doc.data[name][entry.position]
            for loc, marker, target in _found(item, _ITEM_TREES[name], (name, entry.position)):
                require(entry.doc, loc, marker.registry, target)
            if _has_cycle(ident, functools.partial(_parent, entries)):
                problems.append(entry.doc.problem((name, entry.position, "parent"),
                                                  f"{_one(name)} '{ident}' is its own ancestor",
                                                  "fix the chain of `parent` ids"))
    return problems


def event_mentions(doc: Document) -> list[tuple[tuple, RefersTo, str]]:
    """Location, reference and id of each id an event file names."""
    return _found(doc.data, _EVENT_TREE)


def _found(data: Any, tree: dict, loc: tuple = (), found: list | None = None) -> list[tuple[tuple, RefersTo, str]]:
    """Location, reference and text of each string in parsed YAML ``data`` at the paths of ``tree``.

    Anything else found there (a mapping where an id should be, a missing
    field) is the models' to report.
    """
    found = [] if found is None else found
    # the YAML reader makes plain dicts, lists and strings, so exact class checks suffice (and are the fastest)
    for key, below in tree.items():
        if key == ANY:
            if data.__class__ is not list:
                continue
            items: Iterable[tuple[Any, Any]] = enumerate(data)
        elif data.__class__ is dict and key in data:
            items = ((key, data[key]),)
        else:
            continue
        for part, value in items:
            if below.__class__ is not RefersTo:
                _found(value, below, (*loc, part), found)
            elif value.__class__ is str:
                found.append(((*loc, part), below, value.strip()))
    return found


def _local_ids(doc: Document, name: str, problems: list[Problem]) -> set[str]:
    """Ids of the items of the event's own list ``name``; a repeated one is a problem."""
    ids: set[str] = set()
    items = doc.data.get(name)
    for i, item in enumerate(items) if isinstance(items, list) else ():
        if (ident := _word(item.get("id") if isinstance(item, dict) else None)) is None:
            continue
        if ident in ids:
            problems.append(doc.problem((name, i, "id"), f"duplicate {_one(name)} id '{ident}'",
                                        f"give each {_one(name)} of this event its own id"))
        ids.add(ident)
    return ids


def _one(name: str) -> str:
    """One entry of a registry or list, in messages: ``regions`` -> ``region``."""
    return name if name == "series" else name.removesuffix("s")


def _names_as_ids(entries: dict[str, Entry]) -> dict[str, str]:
    """Each name and alias of a registry's entries written as an id (``Odessa`` -> ``odessa``), to the entry's id."""
    found: dict[str, str] = {}
    for ident, entry in entries.items():
        for name in [getattr(entry.model, "name", None), *getattr(entry.model, "aliases", [])]:
            if isinstance(name, str):
                found.setdefault("-".join(name.casefold().split()), ident)
    return found


def _written_ids(data: Any, name: str) -> set[str]:
    """The ids written in a registry file's parsed data, valid or not."""
    items = data.get(name) if isinstance(data, dict) else None
    return {ident for item in items if isinstance(item, dict) and (ident := _word(item.get("id")))} \
        if isinstance(items, list) else set()


def _word(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _words(value: Any) -> list[tuple[int, str]]:
    """Positions and texts of the strings in a YAML list (anything else is the models' to report)."""
    if not isinstance(value, list):
        return []
    return [(i, item.strip()) for i, item in enumerate(value) if isinstance(item, str)]


def _parent(entries: dict[str, Entry], ident: str) -> str | None:
    """The ``parent`` of a registry item, if it has one and the item exists."""
    return getattr(entries[ident].model, "parent", None) if ident in entries else None


def _has_cycle(start: str, parent_of: Callable[[str], str | None]) -> bool:
    seen = {start}
    current = parent_of(start)
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parent_of(current)
    return False
