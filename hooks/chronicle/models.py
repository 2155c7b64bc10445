"""The shape of the timeline data: events, their claims and sources, and the registries.

These models are the single source of truth: validation, the committed JSON
Schema (``schema/``) and the pages all derive from them. Every value arrives
from YAML as text; the annotated types below decide what each text means.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer,
                      PlainValidator, WithJsonSchema, model_validator)

from .errors import Invalid
from .dates import DATE_HELP, DATE_PATTERN, FuzzyDate, parse_date
from .render import is_plain_prose, link_targets, render_markdown
from .yamldoc import excerpt

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


@functools.lru_cache(maxsize=None)
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


def _group(number: Decimal) -> str:
    whole, _, fraction = str(number).partition(".")
    whole = f"{int(whole):,}"
    return f"{whole}.{fraction}" if fraction else whole


def _parse_quantity(value: object) -> Quantity:
    if isinstance(value, Quantity):
        return value
    match = _QUANTITY.fullmatch(value.strip()) if isinstance(value, str) else None
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


QuantityValue = Annotated[Quantity, PlainValidator(_parse_quantity), PlainSerializer(str, return_type=str),
                          WithJsonSchema({"type": ["string", "number"], "pattern": QUANTITY_PATTERN,
                                          "description": QUANTITY_HELP})]

# ---------------------------------------------------------------- vocabularies

Status = Literal["confirmed", "reported", "disputed"]
EventType = Literal["strike", "air-defence", "covert-operation", "ground-operation", "invasion",
                    "annexation", "occupation", "prisoner-exchange", "negotiation", "statement",
                    "security-incident", "disruption", "assessment", "other"]
Role = Literal["perpetrator", "target", "party", "claimant", "mediator", "responder",
               "spokesperson", "commentator", "affected"]
Stance = Literal["asserts", "estimates", "denies"]
ActorKind = Literal["state", "armed-forces", "government-body", "person", "organisation", "group"]
RegionKind = Literal["country", "oblast", "federal-subject", "city", "autonomous-republic", "area"]


_EMPTY_LIST = Field(default_factory=list, json_schema_extra={"default": []})
"""An optional list: a new empty list per entry, cheaper than the copy pydantic makes of a ``[]`` default."""


class Model(BaseModel):
    """Base for all entries: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              use_attribute_docstrings=True)


class Source(Model):
    """A publication that supports the entry."""

    id: Id
    """Short key that claims use to cite this source, e.g. `report`."""
    title: Line
    publisher: Line | None = None
    url: Url | None = None
    date: EdtfDate | None = None
    """Publication date, as precise as known."""
    archive_url: Url | None = None
    """An archived copy (web.archive.org, archive.today); expected for social media posts."""


class Location(Model):
    region: Id
    """Region id from `timeline/regions.yaml`."""
    place: Line | None = None
    """A more precise place named by the sources, e.g. a town or an air base."""


class ActorRole(Model):
    actor: Id
    """Actor id from `timeline/actors.yaml`."""
    role: Role


class Claim(Model):
    """One figure or statement, attributed to whoever made it; never merged with others."""

    measure: MeasureId
    """Measure id from `timeline/measures.yaml`, e.g. `drones_launched`."""
    value: QuantityValue | None = None
    text: Line | None = None
    """The claim in words where there is no figure, e.g. a denial."""
    claimant: Id
    """Actor id of whoever made the claim."""
    claimant_label: Line | None = None
    """How the sources name the claimant when narrower than the actor, e.g. `US officials`."""
    stance: Stance = "asserts"
    sources: list[Id] = Field(min_length=1)
    """Ids of this event's sources that report the claim."""
    note: Line | None = None

    @model_validator(mode="after")
    def _value_or_text(self) -> "Claim":
        if self.value is None and self.text is None:
            raise Invalid("a claim needs a `value` (a figure) or a `text` (e.g. a denial)",
                          "add `value: 12` for a figure, or `text: ...` for a claim in words")
        return self


class Relations(Model):
    """Links to other events by id; inverse links are generated, never written."""

    part_of: list[Id] = _EMPTY_LIST
    follows: list[Id] = _EMPTY_LIST
    response_to: list[Id] = _EMPTY_LIST
    related: list[Id] = _EMPTY_LIST


class Event(Model):
    """One event: one YAML file whose name is its id."""

    id: Id
    title: Line
    date: EdtfDate
    date_display: Line | None = None
    """Wording for readers when the date needs it, e.g. `night of 5–6 June 2025`."""
    time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d(Z|[+-](0\d|1[0-4]):[0-5]\d)$")] | None = None
    """Local time with UTC offset, e.g. `03:00+03:00`, only when a source gives it."""
    summary: Prose
    """One or two sentences of Markdown."""
    body: Prose | None = None
    """Longer Markdown text; attribute every contested statement."""
    status: Status
    type: EventType
    locations: list[Location] = _EMPTY_LIST
    actors: list[ActorRole] = _EMPTY_LIST
    claims: list[Claim] = _EMPTY_LIST
    sources: list[Source] = Field(min_length=1)
    relations: Relations = Field(default_factory=Relations)
    tags: list[Id] = _EMPTY_LIST
    aliases: list[Id] = _EMPTY_LIST
    """Former ids of this entry, kept so old links keep working."""

    @functools.cached_property
    def updated(self) -> datetime.date:
        """The latest day the entry speaks of: its start or its newest source; stands in for a modification date."""
        return max([self.date.earliest] + [s.date.earliest for s in self.sources if s.date is not None])

    @functools.cached_property
    def display_date(self) -> str:
        """The date as readers see it; computed once, as every listing shows it."""
        return self.date_display or self.date.text()


class Actor(Model):
    id: Id
    name: Name
    kind: ActorKind
    country: Id | None = None
    """Region id of the country the actor belongs to."""
    parent: Id | None = None
    """Actor id of the body this actor is part of."""
    aliases: list[Name] = _EMPTY_LIST
    """Other names, including native-script spellings."""
    description: Line | None = None


class Region(Model):
    id: Id
    name: Name
    kind: RegionKind
    parent: Id | None = None
    """Region id of the enclosing region."""
    iso_code: Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")] | None = None
    """ISO 3166 code where one exists, e.g. `UA-30`."""
    aliases: list[Name] = _EMPTY_LIST
    """Other names and spellings, e.g. Київ, Kiev."""
    description: Line | None = None


class Measure(Model):
    id: MeasureId
    label: Line
    """Plain-language name, e.g. `Drones launched`."""
    unit: Literal["count", "percent", "years", "text"] = "count"
    description: Line | None = None


class ActorRegistry(Model):
    actors: list[Actor]


class RegionRegistry(Model):
    regions: list[Region]


class MeasureRegistry(Model):
    measures: list[Measure]
