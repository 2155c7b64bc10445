"""Read one YAML file into plain data, keeping where every value came from.

Contributed files are untrusted, so this reader is deliberately narrow:

* every scalar stays a string (``NO``, ``1.10`` and ``12:30`` are not
  reinterpreted; the models decide what a value means); an empty value or
  ``null``/``~`` becomes ``None``;
* anchors, aliases and explicit tags (``!!python/...`` included) are refused,
  which also rules out "billion laughs" expansion;
* duplicate keys are refused, naming both lines;
* files above :data:`MAX_BYTES`, nesting deeper than :data:`MAX_DEPTH`,
  several documents in one file and non-UTF-8 bytes are refused, and so are
  symbolic links and anything that is not a regular file (a link to
  ``/dev/zero`` or to a file outside the repository);
* messages quote contributed text only through
  :func:`~chronicle.errors.excerpt`, so a value cannot flood a log or send
  terminal escape sequences.

Parsing uses libyaml's event stream (fast, non-recursive); the tree is built
here so that the limits apply before any work is spent on a hostile file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, TimelineError, excerpt, printable

MAX_BYTES = 1_000_000
"""Largest accepted file; a real entry is a few kilobytes."""
MAX_DEPTH = 12
"""Deepest accepted nesting of mappings and lists; entries need about five."""
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

try:  # libyaml is bundled with PyYAML wheels (about 15 times faster); the pure-Python parser is a fallback.
    from yaml._yaml import CParser as _Parser
    _OFFSETS_IN_BYTES = True
    """libyaml reports positions of forbidden characters in UTF-8 bytes, the Python reader in characters."""
except ImportError:  # pragma: no cover
    _OFFSETS_IN_BYTES = False
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream):
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _PyParser.__init__(self)


Position = tuple[int, int]
FieldPath = tuple[Any, ...]


@dataclass
class Document:
    """Data of one YAML file, and the line and column of each value when a problem needs them."""

    path: str
    data: Any
    text: str = ""
    """The YAML source, parsed again to locate fields only when a problem is reported."""
    _locations: dict[FieldPath, Position] | None = field(default=None, repr=False)

    @property
    def locations(self) -> dict[FieldPath, Position]:
        """Field path -> (line, column): of the key for a mapping's value, of the item in a list."""
        if self._locations is None:
            found: dict[FieldPath, Position] = {}
            _build(_Parser(self.text), Document(self.path, None, self.text, found))
            self._locations = found
        return self._locations

    def locate(self, path: FieldPath) -> Position:
        """Return the position of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path, (1, 1))

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        line, col = self.locate(path)
        return Problem(self.path, line, col, printable(format_field(path)), printable(message), printable(hint))


def format_field(path: FieldPath) -> str:
    """Write a field path the way a contributor reads it: ``claims[0].value``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_document(file: str | Path, display_path: str) -> Document:
    """Read ``file``; raise :class:`TimelineError` with a located problem if it is unacceptable."""
    def fail(message: str, hint: str = "", line: int = 1, col: int = 1) -> TimelineError:
        return TimelineError([Problem(display_path, line, col, "", message, hint)])

    try:
        status = os.lstat(file)  # the link itself, not what it points to
        if stat.S_ISLNK(status.st_mode):
            raise fail("symbolic links are not accepted", "commit the YAML file itself in place of the link")
        if not stat.S_ISREG(status.st_mode):
            raise fail("not a regular file", "entries are plain YAML files")
        with open(file, "rb") as stream:
            # Never more than MAX_BYTES + 1, whatever the file claims its size is; a buffer of the claimed
            # size, not of the limit, for the usual file of a few kilobytes.
            raw = stream.read(min(status.st_size, MAX_BYTES) + 1)
            if len(raw) > status.st_size:  # it grew since
                raw += stream.read(MAX_BYTES + 1 - len(raw))
        if len(raw) > MAX_BYTES:
            size = max(os.stat(file).st_size, len(raw))
            raise fail(f"file is {size:,} bytes, more than the {MAX_BYTES:,} allowed",
                       "split the entry or shorten it; an event file is a few kilobytes")
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail(f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                   "save the file with UTF-8 encoding", line, col) from None
    return parse_document(text, display_path)


def parse_document(text: str, display_path: str) -> Document:
    """Parse YAML ``text`` under the rules in this module's docstring."""
    doc = Document(display_path, None, text)
    try:
        doc.data = _build(_Parser(text), doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"invalid YAML: {exc.problem or exc.context}"
        raise TimelineError([Problem(display_path, line, col, "", message,
                                     "check indentation, colons and quotes near this position")]) from None
    except yaml.reader.ReaderError as exc:  # characters YAML forbids, such as control characters
        offset = exc.position
        if _OFFSETS_IN_BYTES:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        before = text[:offset]
        line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
        code = ord(text[offset]) if offset < len(text) else 0
        raise TimelineError([Problem(display_path, line, col, "",
                                     f"invalid YAML: the character U+{code:04X} is not allowed in a YAML file",
                                     "delete it; control characters cannot appear in entries")]) from None
    except yaml.YAMLError as exc:
        raise TimelineError([Problem(display_path, 1, 1, "", f"invalid YAML: {excerpt(exc, 200)}",
                                     "check the file's syntax")]) from None
    return doc


def _build(parser, doc: Document) -> Any:
    """Turn parser events into dicts, lists and strings, enforcing the limits.

    Positions are recorded only when ``doc`` carries a locations dict: most
    files are valid, and recording costs more memory than the data itself.
    The innermost open container and its pending key are kept in local
    variables, the enclosing ones on a stack: this loop runs once per value.
    """
    def refuse(event, message: str, hint: str) -> TimelineError:
        return TimelineError([Problem(doc.path, event.start_mark.line + 1, event.start_mark.column + 1,
                                      printable(format_field(tuple(path))), printable(message), hint)])

    def refuse_decoration(event) -> TimelineError:
        if event.anchor:
            return refuse(event, "YAML anchors (&name) are not allowed",
                          "remove the anchor and write values out in full")
        return refuse(event, f"YAML tags such as {excerpt(event.tag)} are not allowed",
                      "remove the tag; write plain values")

    enclosing: list[tuple] = []    # (container, seen keys, is a mapping) of each enclosing container
    container: Any = None          # the innermost open container
    key: Any = None                # its pending key, when it is a mapping awaiting a value
    seen: dict = {}                # key -> line in the innermost mapping, to name duplicates
    is_mapping = False
    path: list[Any] = []           # field path of the innermost container
    here: tuple = ()               # ``tuple(path)``, kept in step with it when recording
    record = doc._locations is not None
    locations: dict[FieldPath, Position] = doc._locations if doc._locations is not None else {}
    result: Any = None
    documents = 0
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    get_event = parser.get_event

    while True:
        event = get_event()
        kind = event.__class__
        if kind is scalar:
            if event.anchor or event.tag:
                raise refuse_decoration(event)
            value = event.value
            if not event.style and value in NULL_WORDS:  # style: None from the Python parser, "" from libyaml
                value = None
            if key is not None:  # a mapping's value: located by its key
                container[key] = value
                key = None
            elif is_mapping:
                if value is None:
                    raise refuse(event, "a key must be a plain word", "write keys as `name: value`")
                line = event.start_mark.line + 1
                if value in seen:
                    raise refuse(event, f"duplicate key {excerpt(value)} (lines {seen[value]} and {line})",
                                 "keep one of the two; YAML would silently drop the first")
                seen[value] = line
                key = value
                if record:
                    locations[here + (value,)] = _position(event)
            elif container is not None:  # a list item
                if record:
                    locations[here + (len(container),)] = _position(event)
                container.append(value)
            else:  # the whole document is one value
                result = value
                if record:
                    locations[()] = _position(event)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor or event.tag:
                raise refuse_decoration(event)
            if len(enclosing) >= MAX_DEPTH:
                raise refuse(event, f"nesting deeper than {MAX_DEPTH} levels", "entries need only a few levels")
            new: Any = {} if kind is mapping_start else []
            if key is not None:
                path.append(key)
                container[key] = new
            elif is_mapping:
                raise refuse(event, "a key must be a plain word", "write keys as `name: value`")
            elif container is not None:
                if record:
                    locations[here + (len(container),)] = _position(event)
                path.append(len(container))
                container.append(new)
            else:
                result = new
                if record:
                    locations[()] = _position(event)
            enclosing.append((container, seen, is_mapping))
            container, key, is_mapping = new, None, kind is mapping_start
            seen = {}
            if record:
                here = tuple(path)
        elif kind in ends:
            container, seen, is_mapping = enclosing.pop()
            key = None
            if container is not None:
                path.pop()
                if record:
                    here = tuple(path)
        elif kind is yaml.StreamEndEvent or event is None:
            break
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise refuse(event, "more than one YAML document in the file", "remove the extra `---` line")
        elif kind is alias:
            raise refuse(event, "YAML aliases (*name) are not allowed", "write the value out in full")
    return result


def _position(event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)
