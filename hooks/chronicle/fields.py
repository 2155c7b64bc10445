"""The value types of entry fields and their checks: ids, one-line text, names, Markdown prose, URLs, dates, figures.

Every value arrives from YAML as text; each annotated type below decides what
a text means, or raises :class:`~chronicle.errors.Invalid` saying what is
wrong and how to fix it. Text is checked for what could hide or disguise it
(invisible and direction-changing characters, look-alike letters from another
alphabet), prose for what could make it unsafe or slow to render. The usual,
valid value takes a fast path first.

:class:`RefersTo` marks a field whose value is the id of another entry; the
catalog checks those once every entry has been read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema

from .dates import DATE_HELP, DATE_PATTERN, FuzzyDate, parse_date
from .errors import Invalid, excerpt
from .render import is_plain_prose, link_targets, render_markdown

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_HELP = "use lowercase ASCII letters, digits and single hyphens, e.g. 2025-06-01-operation-spider-web"

ID_MAX_LENGTH = 120
"""Ids become folder names in the built site; keep them well below file-system limits."""

_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c"
                        "\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
                        "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]")
"""Characters that are invisible or reorder text: controls, zero-width and joiner characters, bidirectional
marks, embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+061C), blank fillers, variation
selectors and tag characters. In a title or a name they can hide or disguise text."""
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
"""Unicode categories of the same kind, so that characters added to Unicode later are caught too."""


@functools.cache
def _deletion_table(allowed: str) -> dict[int, None]:
    return {ord(char): None for char in allowed}


def _hidden_character(text: str, allowed: str = "") -> str | None:
    """The first invisible, control or direction-changing character in ``text`` not in ``allowed``."""
    visible = text.translate(_deletion_table(allowed)) if allowed else text
    if visible.isprintable() and not _INVISIBLE.search(visible):
        return None  # the usual case, checked at C speed: isprintable() is false for every hidden category
    for char in text:
        if char not in allowed and (_INVISIBLE.match(char) or unicodedata.category(char) in _HIDDEN_CATEGORIES):
            return char
    return None


def _refuse_hidden(text: str, allowed: str = "") -> None:
    if (char := _hidden_character(text, allowed)) is not None:
        name = unicodedata.name(char, "a control character")
        raise Invalid(f"contains the invisible or control character U+{ord(char):04X} ({name})",
                      "delete it (retype the text around it if you cannot see it)")


_ID = re.compile(ID_PATTERN)


def _check_id(text: object) -> str:
    if text.__class__ is str and len(text) <= ID_MAX_LENGTH and _ID.fullmatch(text):
        return text  # the usual case first
    if not isinstance(text, str):
        raise Invalid("has no value" if text is None else f"expected an id, got {type(text).__name__}", ID_HELP)
    if len(text) > ID_MAX_LENGTH:
        raise Invalid(f"is {len(text)} characters long", f"shorten the id to at most {ID_MAX_LENGTH}")
    if not re.fullmatch(ID_PATTERN, text):
        raise Invalid(f"{excerpt(text)} is not a valid id", ID_HELP)
    return text


def _check_line(text: str) -> str:
    """Refuse invisible or direction-changing characters and line breaks in short text."""
    text = unicodedata.normalize("NFC", text.strip())
    if text.isprintable() and text and not _INVISIBLE.search(text):
        return text  # the usual case, at C speed: no line break, control or hidden character
    if any(char in text for char in _LINE_BREAKS):
        raise Invalid("must be a single line", "put longer text in `body`")
    _refuse_hidden(text, allowed="\t")
    if not text:
        raise Invalid("must not be empty", "write the text, or delete the line")
    return text


_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Everything Python's ``str.splitlines`` treats as the end of a line."""


def _script(char: str) -> str | None:
    """Writing system of a letter, from its Unicode name (``CYRILLIC SMALL LETTER I`` -> ``CYRILLIC``)."""
    if not unicodedata.category(char).startswith("L"):
        return None  # digits, punctuation and combining marks belong to no single script
    name = unicodedata.name(char, "")
    if not name or name.startswith("MODIFIER LETTER"):
        return None  # e.g. the Ukrainian apostrophe U+02BC, used with Cyrillic letters
    script = name.split(" ")[0]
    return "CJK" if script in _EAST_ASIAN else script


_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"})
"""Scripts that are written together within one word."""


def _check_one_script_per_word(text: str) -> str:
    """Refuse a word mixing alphabets: 'Kyіv' with a Cyrillic 'і' looks like Kyiv but is another name."""
    for word in re.findall(r"\w+", text):
        scripts: dict[str, list[str]] = {}
        for char in word:
            if script := _script(char):
                scripts.setdefault(script, []).append(char)
        if len(scripts) > 1:
            main = max(scripts, key=lambda s: len(scripts[s]))
            odd = ", ".join(f"{s.title()} '{c}' (U+{ord(c):04X})"
                            for s, chars in scripts.items() if s != main for c in dict.fromkeys(chars))
            raise Invalid(f"the word '{word}' mixes {main.title()} letters with {odd}",
                          "write each word in a single alphabet: a look-alike letter makes a different "
                          "name that search and links will not match (list other spellings under `aliases`)")
    return text


def _check_prose(text: str) -> str:
    """Markdown prose may span lines but must not hide characters, carry HTML or link outside http(s)."""
    text = unicodedata.normalize("NFC", text.strip())
    _refuse_hidden(text, allowed="\t\n\r")
    if not text:
        raise Invalid("must not be empty", "write the text, or delete the line")
    if len(text) <= PARAGRAPH_MAX_LENGTH and is_plain_prose(text):
        return text  # the usual case: no markup, so no size limit, HTML or link to check
    _check_markdown_size(text)
    if "<" not in text and "[" not in text:
        return text  # without them Markdown makes no tag, link or image: nothing more to check
    html, raw_html = render_markdown(text)
    if raw_html:
        raise Invalid(f"contains HTML ({excerpt(raw_html[0].strip(), 40)})",
                      "write Markdown only: **bold**, *italic*, [link text](https://...)")
    if "<img" in html:
        raise Invalid("contains an image", "the site shows no images from entries, "
                      "so link to it instead: [description](https://...)")
    for target in link_targets(html):
        if not _URL.fullmatch(target) or "://." in target:
            raise Invalid(f"link target {excerpt(target)} is not an http(s) address",
                          "link only to full addresses starting with https:// or http://")
    return text


PARAGRAPH_MAX_LENGTH = 2_000
"""Longest paragraph of prose; Markdown's inline parsing slows down sharply on longer ones."""
PARAGRAPH_MAX_BRACKETS = 30
"""Most ``[`` in one paragraph: room for many links, not for a pathological pile-up."""
NESTING_MAX = 5
"""Deepest nesting of lists and quotes in prose."""
_BLOCK_MARKERS = re.compile(r"(?:[ \t]*(?:[>*+-]|\d{1,9}[.)])(?=[ \t]|$))+")


def _check_markdown_size(text: str) -> None:
    """Bound the constructs that make Markdown rendering slow or deeply recursive, before rendering."""
    for paragraph in re.split(r"\n[ \t]*\n", text):
        if len(paragraph) > PARAGRAPH_MAX_LENGTH:
            raise Invalid(f"has a paragraph of {len(paragraph):,} characters",
                          f"split it with blank lines into paragraphs of at most {PARAGRAPH_MAX_LENGTH:,}")
        if paragraph.count("[") > PARAGRAPH_MAX_BRACKETS:
            raise Invalid(f"has a paragraph with {paragraph.count('[')} '[' characters",
                          f"use at most {PARAGRAPH_MAX_BRACKETS} (15 links) per paragraph")
    for line in text.splitlines():
        markers = _BLOCK_MARKERS.match(line)
        depth = len(re.findall(r"[>*+-]|\d{1,9}[.)]", markers.group())) if markers else 0
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if depth > NESTING_MAX or indent > 4 * NESTING_MAX:
            raise Invalid(f"nests lists or quotes deeper than {NESTING_MAX} levels", "flatten the structure")


_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?(/[^\s<>\"'`\\]*)?")


def _check_url(text: str) -> str:
    if not _URL.fullmatch(text) or "://." in text:
        raise Invalid(f"{excerpt(text)} is not an http(s) address", "write a full URL starting with https://")
    return text


Id = Annotated[str, PlainValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 120})]
Line = Annotated[str, AfterValidator(_check_line), Field(max_length=300)]
"""One line of plain text: shown escaped, never interpreted as Markdown or HTML."""
Name = Annotated[str, AfterValidator(_check_line), AfterValidator(_check_one_script_per_word),
                 Field(max_length=300)]
"""A registry name or alias: one line whose every word is written in a single alphabet."""
Prose = Annotated[str, AfterValidator(_check_prose), Field(max_length=20_000)]
"""Markdown text: rendered and sanitised to a small allowlist of tags."""
MeasureId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
"""Measure ids use underscores, like `drones_launched`."""
Url = Annotated[str, Field(max_length=2_000), AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def _parse_date(value: object) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if not isinstance(value, str):
        raise Invalid("expected a date", DATE_HELP)
    return parse_date(value)


EdtfDate = Annotated[FuzzyDate, PlainValidator(_parse_date), PlainSerializer(str, return_type=str),
                     WithJsonSchema({"type": "string", "pattern": DATE_PATTERN,
                                     "description": "EDTF date: " + DATE_HELP})]


# ---------------------------------------------------------------- time of day

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$"
TIME_HELP = "write the local time with its UTC offset, e.g. 03:00+03:00, 07:27:01+03:00 or 22:15Z"
_TIME = re.compile(TIME_PATTERN)


def _check_time(value: object) -> str:
    if isinstance(value, str) and _TIME.fullmatch(value.strip()):
        return value.strip()
    shown = excerpt(value) if isinstance(value, str) else "this value"
    hint = TIME_HELP
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", value.strip()):
        hint = "add the UTC offset the source's clock was on, e.g. +03:00 for Kyiv in summer; " + TIME_HELP
    raise Invalid(f"{shown} is not a time of day with its UTC offset", hint)


TimeOfDay = Annotated[str, PlainValidator(_check_time),
                      WithJsonSchema({"type": "string", "pattern": TIME_PATTERN, "description": TIME_HELP})]
"""A local time with seconds optional and the UTC offset required: ``03:00+03:00``, ``07:27:01+03:00``."""


def utc_seconds(value: str) -> int:
    """Seconds after midnight UTC (negative or beyond a day when the offset crosses midnight)."""
    clock, offset = value[:-1], "+00:00" if value.endswith("Z") else value[-6:]
    if not value.endswith("Z"):
        clock = value[:-6]
    hours, minutes, *seconds = (int(part) for part in clock.split(":"))
    sign = -1 if offset[0] == "-" else 1
    shift = sign * (int(offset[1:3]) * 3600 + int(offset[4:6]) * 60)
    return hours * 3600 + minutes * 60 + (seconds[0] if seconds else 0) - shift


def time_key(value: str) -> str:
    """The local time as ``HH:MM:SS``, for ordering the events of one day: ``03:00+03:00`` -> ``03:00:00``."""
    clock = value[:8] if value[5:6] == ":" else value[:5] + ":00"
    return clock


# ---------------------------------------------------------------- quantities

_NUMBER = r"[0-9]{1,12}(?:\.[0-9]{1,6})?"
"""A figure as written by a source: up to twelve digits, up to six decimals, ASCII digits only."""
_QUANTITY = re.compile(rf"(?P<op>~|>=|<=|>|<)?[ \t]*(?P<low>{_NUMBER})(?:[ \t]*[-–][ \t]*(?P<high>{_NUMBER}))?")
QUANTITY_PATTERN = r"^(~|>=|<=|>|<)?[ \t]*[0-9]{1,12}(\.[0-9]{1,6})?([ \t]*[-–][ \t]*[0-9]{1,12}(\.[0-9]{1,6})?)?$"
QUANTITY_HELP = ("write a number as the source gives it: 407 (exact), ~20 (about), >=4 (at least), "
                 ">10 (more than), <=5 (at most), 10-20 (a range); no thousands separators")
_OPERATOR_WORDS = {"~": "about", ">=": "at least", ">": "more than", "<=": "at most", "<": "fewer than"}


@dataclass(frozen=True)
class Quantity:
    """A figure exactly as precise as its claimant gave it."""

    low: Decimal
    high: Decimal | None = None
    operator: str = ""
    """``~``, ``>=``, ``>``, ``<=``, ``<`` or empty for an exact figure."""

    def __str__(self) -> str:
        text = f"{self.operator}{self.low}"
        return f"{text}-{self.high}" if self.high is not None else text

    def text(self) -> str:
        """Words for readers: ``about 20``, ``at least 4``, ``10–20``, ``1,000``."""
        number = _group(self.low) + (f"–{_group(self.high)}" if self.high is not None else "")
        word = _OPERATOR_WORDS.get(self.operator)
        return f"{word} {number}" if word else number

    def signed_text(self) -> str:
        """A change in words, with its sign: ``+12,200``, ``−25``, ``about +300``."""
        number = ("+" if self.low >= 0 else "\u2212") + _group(abs(self.low))
        return f"about {number}" if self.operator == "~" else number


APPROXIMATE_MARGIN = Decimal("0.1")
"""How far "about N" reaches either side of N, as a share of N: ``~20`` covers 18 to 22."""


@dataclass(frozen=True)
class Span:
    """Every number a figure allows; ``None`` where it is unbounded, ``*_open`` where the end itself is excluded."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Span) -> bool:
        """Whether some number is allowed by both: then the two figures can both be true."""
        return not (_before(self, other) or _before(other, self))


def _before(first: Span, second: Span) -> bool:
    """Every number of ``first`` lies below every number of ``second``."""
    if first.high is None or second.low is None:
        return False
    return first.high < second.low or (first.high == second.low and (first.high_open or second.low_open))


def quantity_span(quantity: Quantity, *, widen: bool = False) -> Span:
    """The numbers a figure allows: ``407`` only 407, ``~20`` 18–22, ``>=4`` 4 and up, ``10-20`` 10 to 20.

    ``widen`` reads an exact figure as an estimate, with the margin of an approximate one.
    """
    low, high, operator = quantity.low, quantity.high, quantity.operator
    if high is not None:
        return Span(low, high)
    if operator == "~" or (widen and not operator):
        margin = max(abs(low) * APPROXIMATE_MARGIN, Decimal(1) if low == low.to_integral_value() else Decimal(0))
        return Span(low - margin, low + margin)
    return {"": Span(low, low), ">=": Span(low, None), ">": Span(low, None, low_open=True),
            "<=": Span(None, low), "<": Span(None, low, high_open=True)}[operator]


def _group(number: Decimal) -> str:
    whole, _, fraction = str(number).partition(".")
    whole = f"{int(whole):,}"
    return f"{whole}.{fraction}" if fraction else whole


_CHANGE = re.compile(rf"(?P<op>~)?[ \t]*(?P<sign>[+-])[ \t]*(?P<low>{_NUMBER})")
CHANGE_PATTERN = r"^~?[ \t]*[+-][ \t]*[0-9]{1,12}(\.[0-9]{1,6})?$"
CHANGE_HELP = ("write the change with its sign, as the source gives it: +12200 (an increase), "
               "-25 (a revision down), ~+300 (about); no thousands separators")


def parse_quantity(value: object) -> Quantity:
    """A figure as written (``407``, ``~20``, ``10-20``); the same text is parsed once per process."""
    if isinstance(value, Quantity):
        return value
    if isinstance(value, str):
        return _parsed_quantity(value)
    return _parse_quantity(value)


@functools.lru_cache(maxsize=65536)
def _parsed_quantity(value: str) -> Quantity:
    return _parse_quantity(value)


def _parse_quantity(value: object) -> Quantity:
    match = _QUANTITY.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match and isinstance(value, str) and _CHANGE.fullmatch(value.strip()):
        raise Invalid(f"{excerpt(value)} has a sign, so it is a change, not a figure",
                      f"a change goes under `change:`, e.g. `change: {value.strip()}`; `value:` is the level "
                      "the figure reaches, when the source gives it")
    if not match:
        if isinstance(value, str) and re.search(r"[0-9]{13}|\.[0-9]{7}", value):
            raise Invalid(f"{excerpt(value)} has more digits than any source gives",
                          "write at most 12 digits and 6 decimals")
        shown = excerpt(value) if isinstance(value, str) else "this value"
        raise Invalid(f"{shown} is not a figure", QUANTITY_HELP)
    low = Decimal(match["low"])
    high = Decimal(match["high"]) if match["high"] else None
    if high is not None and (high <= low or match["op"]):
        raise Invalid(f"{excerpt(value)} is not a valid range", "write LOW-HIGH with LOW below HIGH and no ~, < or >")
    return Quantity(low, high, match["op"] or "")


DEGREES_PATTERN = r"^-?\d{1,3}(\.\d+)?$"


def _degrees(name: str, limit: int, example: str) -> Any:
    """A latitude or longitude in decimal degrees, written as a number (``50.45``, ``-3.7``)."""
    def parse(value: object) -> float:
        text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
        if not re.fullmatch(DEGREES_PATTERN, text):
            raise Invalid(f"{name} must be a number of decimal degrees", f"write it like `{example}`")
        number = float(text)
        if abs(number) > limit:
            raise Invalid(f"{name} {text} is outside -{limit} to {limit}",
                          f"write it like `{example}`; south and west are negative")
        return number
    return Annotated[float, PlainValidator(parse),
                     WithJsonSchema({"type": ["string", "number"], "pattern": DEGREES_PATTERN,
                                     "minimum": -limit, "maximum": limit})]


Latitude = _degrees("a latitude", 90, "lat: 50.45")
Longitude = _degrees("a longitude", 180, "lon: 30.52")


QuantityValue = Annotated[Quantity, PlainValidator(parse_quantity), PlainSerializer(str, return_type=str),
                          WithJsonSchema({"type": ["string", "number"], "pattern": QUANTITY_PATTERN,
                                          "description": QUANTITY_HELP})]


def _signed(quantity: Quantity) -> str:
    return f"{quantity.operator}{'+' if quantity.low >= 0 else ''}{quantity.low}"


def parse_change(value: object) -> Quantity:
    """A signed change as written (``+12200``, ``-25``); the same text is parsed once per process."""
    if isinstance(value, Quantity):
        return value
    if isinstance(value, str):
        return _parsed_change(value)
    return _parse_change(value)


@functools.lru_cache(maxsize=65536)
def _parsed_change(value: str) -> Quantity:
    return _parse_change(value)


def _parse_change(value: object) -> Quantity:
    match = _CHANGE.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        if isinstance(value, str) and re.search(r"[0-9]{13}|\.[0-9]{7}", value):
            raise Invalid(f"{excerpt(value)} has more digits than any source gives",
                          "write at most 12 digits and 6 decimals")
        shown = excerpt(value) if isinstance(value, str) else "this value"
        if isinstance(value, str) and _QUANTITY.fullmatch(value.strip()):
            raise Invalid(f"{shown} has no sign, so it is not clear whether it went up or down",
                          f"write +{value.strip()} for an increase or -{value.strip()} for a decrease")
        raise Invalid(f"{shown} is not a change", CHANGE_HELP)
    low = Decimal(match["low"])
    return Quantity(-low if match["sign"] == "-" else low, None, match["op"] or "")


ChangeValue = Annotated[Quantity, PlainValidator(parse_change), PlainSerializer(_signed, return_type=str),
                        WithJsonSchema({"type": ["string", "number"], "pattern": CHANGE_PATTERN,
                                        "description": CHANGE_HELP})]
"""A signed increment or revision, kept apart from the level a figure reaches: ``+12200``, ``-25``."""


# ---------------------------------------------------------------- references

@dataclass(frozen=True)
class RefersTo:
    """Marks an id field as naming another entry: ``region: Annotated[Id, RefersTo("regions")]``.

    Validation only checks the id's form; whether the entry exists is known
    once every file has been read (see :func:`chronicle.catalog.check_references`).
    """

    registry: str
    """Where the id must be defined: ``regions``, ``actors``, ``measures`` or ``events``, or with ``local``
    the name of a list in the same entry."""
    local: bool = False
    """The id is that of an item in the entry's own list ``registry`` (an event's ``sources``)."""
