"""Open data: the timeline as JSON, CSV, iCalendar and an Atom feed.

Everything here is computed from the loaded models, never scraped from the
pages. Output is deterministic: the same timeline gives the same bytes (fields
in a fixed order, fixed line endings, timestamps from the data or from git, never the clock),
so rebuilding an unchanged site changes no file and exports diff cleanly.

Files published with the site (paths inside the site)::

    data/timeline.json         every entry, with derived dates (schema: data/schema/timeline-export.schema.json)
    data/events.csv            one row per event
    data/claims.csv            one row per claim
    data/timeline.ics          one all-day calendar event per event
    feed.xml (site root)       Atom feed of the latest events

:data:`FORMATS` lists them; the Data page, the JSON Schemas (``data/schema/``,
:mod:`chronicle.schema`) and the redirects from former ids are made with the
pages (:mod:`chronicle.pages`).
"""

from __future__ import annotations

import csv
import datetime
import io
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pydantic_core

from .catalog import Timeline
from .index import event_key
from .models import Actor, Event, Measure, Region, Series
from .records import SCHEMA_VERSION, claim_numbers, event_record
from .render import plain_text, relative
from .reuse import Reuse
from .site import FEED_PATH, INDEXES, GeneratedFile, SiteOptions, data_path, event_uri, published_path

FEED_SIZE = 50
"""Entries in the Atom feed: the latest events by date."""
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
"""``xml:lang`` as ElementTree names it."""
ACCESSED_PLACEHOLDER = "accessed DD Month YYYY"
"""Left for whoever cites an entry to fill in."""

FORMULA_START = frozenset("=+-@")
"""Spreadsheets run a cell starting with one of these as a formula."""


# ---------------------------------------------------------------- derived values

def dataset_updated(timeline: Timeline) -> datetime.date:
    return max((e.updated for e in timeline.events.values()), default=datetime.date(1970, 1, 1))


def data_url(options: SiteOptions) -> str:
    return options.url(INDEXES.data)


def dataset_citation(options: SiteOptions) -> str:
    """A suggested citation of the whole data set, with the access date left to fill in."""
    address = f" {data_url(options)}" if options.site_url else ""
    return (f"{options.site_name} contributors. {options.site_name} [data set].{address} "
            f"({ACCESSED_PLACEHOLDER}). Licensed under {LICENCE}.")


def chronological(timeline: Timeline, reuse: Reuse | None = None) -> list[Event]:
    """The events in reading order; with ``reuse``, sorted again only when an event changed."""
    if reuse is None:
        return _in_order(timeline.events)
    return reuse.get(("chronological",), timeline.events, _in_order, timeline.events)


def _in_order(events: dict[str, Event]) -> list[Event]:
    return sorted(events.values(), key=event_key)


# ---------------------------------------------------------------- formats

def timeline_export(timeline: Timeline, options: SiteOptions, *, events: bool = True) -> dict[str, Any]:
    """The content of ``timeline.json``, shaped as :class:`TimelineExport` describes.

    Built from the already validated models with ``model_dump(mode="json")``, so
    every value keeps its written form (``~20``, ``2025-06``); validating it all
    a second time would double the cost for nothing (a test checks the shape).
    """
    def dump(models: Iterable[Actor | Region | Measure | Series]) -> list[dict[str, Any]]:
        return [m.model_dump(mode="json") for m in sorted(models, key=lambda m: m.id)]

    return {
        "schema_version": SCHEMA_VERSION, "title": options.site_name, "url": options.site_url,
        "licence": LICENCE, "licence_url": LICENCE_URL, "citation": dataset_citation(options),
        "updated": dataset_updated(timeline).isoformat(),
        "events": [event_record(e, timeline, options) for e in chronological(timeline)] if events else [],
        "actors": dump(timeline.actors.values()), "regions": dump(timeline.regions.values()),
        "measures": dump(timeline.measures.values()), "series": dump(timeline.series.values()),
    }


def timeline_json(timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> bytes:
    """:func:`timeline_export` as compact UTF-8 JSON, keys in the models' field order.

    Each event is encoded on its own, so that a rebuild encodes again only the events that changed.
    """
    reuse = reuse or Reuse(keep=False)
    before, after = pydantic_core.to_json(timeline_export(timeline, options, events=False)).split(_NO_EVENTS, 1)
    events = b",".join(reuse.get(("timeline.json", event.id), (event, timeline.event_paths.get(event.id)),
                                 _event_json, event, timeline, options) for event in chronological(timeline, reuse))
    return b"".join((before, b'"events":[', events, b"]", after, b"\n"))


def _event_json(event: Event, timeline: Timeline, options: SiteOptions) -> bytes:
    return pydantic_core.to_json(event_record(event, timeline, options))


_NO_EVENTS = b'"events":[]'
"""The events' place in the export without them; the first occurrence is the key (in strings ``"`` is escaped)."""


EVENT_COLUMNS = ("id", "title", "date", "earliest", "latest", "date_display", "time", "end_time", "status", "type",
                 "series", "regions", "actors", "tags", "url", "summary")
CLAIM_COLUMNS = ("event_id", "event_date", "measure", "measure_label", "value", "value_low", "value_high",
                 "qualifier", "change", "change_number", "as_of", "region", "text", "claimant", "claimant_name",
                 "claimant_label", "stance", "bound", "note",
                 "source_ids", "source_titles", "source_urls")
LIST_SEPARATOR = ";"
"""Between ids in one CSV cell; ids never contain it."""
LINE_SEPARATOR = "\n"
"""Between free-text items (source titles and addresses) in one CSV cell; they are single lines."""


def _csv_lines(rows: Sequence[Sequence[object]]) -> str:
    """CSV lines that a spreadsheet shows as text: a cell starting like a formula gets a leading apostrophe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([("'" + text if text[:1] in FORMULA_START else text)
                      for text in ("" if value is None else str(value) for value in row)] for row in rows)
    return buffer.getvalue()


def _csv(header: tuple[str, ...], lines: Iterable[str]) -> bytes:
    return (_csv_lines([header]) + "".join(lines)).encode("utf-8")


def event_row(event: Event, options: SiteOptions) -> list[str | None]:
    """An event's values in :data:`EVENT_COLUMNS` order, as ``events.csv`` and the Explore page's download give them."""
    return [event.id, event.title, event.date.edtf(), event.date.earliest.isoformat(),
            event.date.latest.isoformat(), event.display_date, event.time, event.end_time, event.status, event.type,
            event.series, LIST_SEPARATOR.join(loc.region for loc in event.locations),
            LIST_SEPARATOR.join(f"{r.actor}:{r.role}" for r in event.actors),
            LIST_SEPARATOR.join(event.tags), options.event_address(event.id), event.summary]


def events_csv(timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> bytes:
    reuse = reuse or Reuse(keep=False)
    return _csv(EVENT_COLUMNS, (reuse.get(("events.csv", event.id), event, _event_line, event, options)
                                for event in chronological(timeline, reuse)))


def _event_line(event: Event, options: SiteOptions) -> str:
    return _csv_lines([event_row(event, options)])


def claims_csv(timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> bytes:
    reuse = reuse or Reuse(keep=False)
    return _csv(CLAIM_COLUMNS, (reuse.get(("claims.csv", event.id), event, _claim_lines, event, timeline)
                                for event in chronological(timeline, reuse)))


def _claim_lines(event: Event, timeline: Timeline) -> str:
    return _csv_lines(claim_rows(event, timeline))


def claim_rows(event: Event, timeline: Timeline) -> list[list[Any]]:
    """An event's claims in :data:`CLAIM_COLUMNS` order, one row each."""
    rows = []
    sources = {s.id: s for s in event.sources}
    for claim in event.claims:
        record = claim_numbers(claim)
        cited = [sources[i] for i in claim.sources]
        rows.append([
            event.id, event.date.edtf(), claim.measure, timeline.measures[claim.measure].label,
            claim.value, record["value_low"], record["value_high"], record["qualifier"],
            f"{claim.change.operator}{claim.change.low:+}" if claim.change is not None else None,
            record["change_number"], claim.as_of.edtf() if claim.as_of else None, claim.region, claim.text,
            claim.claimant, timeline.actors[claim.claimant].name, claim.claimant_label, claim.stance,
            claim.bound, claim.note, LIST_SEPARATOR.join(claim.sources),
            LINE_SEPARATOR.join(s.title for s in cited), LINE_SEPARATOR.join(s.url or "" for s in cited)])
    return rows


PRECISION_NOTES = {
    "month": "Known to the month only; shown as an all-day span over the whole month.",
    "year": "Known to the year only; shown as an all-day span over the whole year.",
}


def calendar_description(event: Event, timeline: Timeline, options: SiteOptions) -> str:
    """Plain text for a calendar entry: the date as precise as known, the summary, status and sources."""
    date_line = f"Date: {event.display_date} ({event.date.edtf()})"
    if event.time:
        date_line += f", {event.time}" + (f" to {event.end_time}" if event.end_time else "")
    lines = [date_line]
    if note := PRECISION_NOTES.get(event.date.precision.value):
        lines.append(note)
    if event.date.start.approximate or (event.date.end and event.date.end.approximate):
        lines.append("The date is approximate.")
    if event.date.start.uncertain or (event.date.end and event.date.end.uncertain):
        lines.append("The date is uncertain.")
    lines += ["", plain_text(event.summary), "", f"Status: {event.status}",
              "Sources: " + "; ".join(s.title + (f" ({s.publisher})" if s.publisher else "") for s in event.sources)]
    if url := options.permalink(event.id):
        lines.append(url)
    return "\n".join(lines)


def timeline_ics(timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> bytes:
    """One all-day calendar event per event, spanning every day its date can mean.

    Written line by line after RFC 5545 (text escaping, folding at 75 octets,
    CRLF): the general-purpose ``icalendar`` package spends more time on this
    file than the rest of the build spends on all other exports, and the tests
    read the result back with it.
    """
    host = urlsplit(options.site_url).hostname or "timeline"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             f"PRODID:{ics_text(f'-//{options.site_name}//Timeline export//EN')}",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{ics_text(options.site_name)}"]
    reuse = reuse or Reuse(keep=False)  # one entry per event, kept for the next build
    text = "".join(ics_fold(line) + "\r\n" for line in lines)
    text += "".join(reuse.get(("timeline.ics", event.id), (event, timeline.changed.get(event.id)),
                              calendar_entry, event, timeline, options, host)
                    for event in chronological(timeline, reuse))
    return (text + "END:VCALENDAR\r\n").encode("utf-8")


def calendar_entry(event: Event, timeline: Timeline, options: SiteOptions, host: str) -> str:
    """One event as an iCalendar VEVENT, folded, with CRLF line ends."""
    lines = ["BEGIN:VEVENT",
             f"SUMMARY:{ics_text(event.title)}",
             f"DTSTART;VALUE=DATE:{event.date.earliest:%Y%m%d}",
             f"DTEND;VALUE=DATE:{event.date.latest + datetime.timedelta(days=1):%Y%m%d}",  # exclusive end
             f"DTSTAMP:{entry_changed(event, timeline).astimezone(datetime.timezone.utc):%Y%m%dT%H%M%SZ}",
             f"UID:{ics_text(f'{event.id}@{host}')}",
             "CATEGORIES:" + ",".join(ics_text(c) for c in categories(event)),
             f"DESCRIPTION:{ics_text(calendar_description(event, timeline, options))}"]
    if event.locations:
        lines.append("LOCATION:" + ics_text("; ".join(
            timeline.regions[loc.region].name + (f" ({loc.place})" if loc.place else "")
            for loc in event.locations)))
    if url := options.permalink(event.id):
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def categories(event: Event) -> list[str]:
    """The event's type and tags, each once: a tag may repeat the type (``air-defence``)."""
    return list(dict.fromkeys((event.type, *event.tags)))


def ics_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def ics_fold(line: str, limit: int = 75) -> str:
    """Fold a content line into physical lines of at most ``limit`` octets (RFC 5545, 3.1).

    A continuation line starts with a space. Splits fall between characters,
    never inside one, and never right after a backslash, so that an escape
    such as ``\\,`` stays on one line for readers that unfold carelessly.
    """
    data = line.encode("utf-8")
    pieces, start = [], 0
    while len(data) - start >= limit:
        end = start + limit - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the cut would split a character
            end -= 1
        if data[end - 1] == 0x5C and end - 1 > start:  # a backslash
            end -= 1
        pieces.append(data[start:end])
        start = end
    if not pieces:
        return line
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def entry_changed(event: Event, timeline: Timeline) -> datetime.datetime:
    """When the entry last changed: its file's last commit, else the latest day the entry speaks of."""
    return timeline.changed.get(event.id) or datetime.datetime.combine(event.updated, datetime.time(),
                                                                        datetime.timezone.utc)


def _rfc3339(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _atom(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _entry_id(event: Event, options: SiteOptions) -> str:
    """The permalink; without a site address, a name-based UUID that stays the same for the event id."""
    stable = published_path(event_uri(event.id)).rstrip("/")
    return options.permalink(event.id) or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, stable)}"


def atom_feed(timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> bytes:
    """The latest events by date, newest first, as an Atom 1.0 feed."""
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "en"})  # the default namespace of every element below
    site = options.site_url
    feed_url = options.url(FEED_PATH)
    _atom(feed, "id", feed_url or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'feed:' + options.site_name)}")
    _atom(feed, "title", options.site_name)
    _atom(feed, "subtitle", f"The latest {FEED_SIZE} events by date, newest first, without routine series entries")
    _atom(feed, "updated", _rfc3339(max((entry_changed(e, timeline) for e in timeline.events.values()),
                                        default=datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc))))
    if site:
        _atom(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
        _atom(feed, "link", rel="alternate", type="text/html", href=site)
    author = _atom(feed, "author")
    _atom(author, "name", f"{options.site_name} contributors")
    _atom(feed, "rights", f"Text and data under {LICENCE} ({LICENCE_URL})")
    news = (event for event in timeline.events.values() if not event.series)  # daily tallies are not news
    newest = sorted(news, key=event_key, reverse=True)[:FEED_SIZE]
    for event in newest:
        entry = _atom(feed, "entry")
        _atom(entry, "id", _entry_id(event, options))
        _atom(entry, "title", event.title)
        _atom(entry, "updated", _rfc3339(entry_changed(event, timeline)))
        _atom(entry, "link", rel="alternate", type="text/html",
              href=options.permalink(event.id) or relative(FEED_PATH, published_path(event_uri(event.id))))
        _atom(entry, "summary", f"{event.display_date}: {plain_text(event.summary)}")
        for term in categories(event):
            _atom(entry, "category", term=term)
    ET.indent(feed)
    buffer = io.BytesIO()
    ET.ElementTree(feed).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


# ---------------------------------------------------------------- the published formats

@dataclass(frozen=True)
class Format:
    """One open-data file: where it is published, what it holds, and the function that writes it."""

    path: str
    """Path inside the site, e.g. ``data/events.csv``."""
    kind: str
    """Format name shown on the Data page."""
    description: str
    write: Callable[[Timeline, SiteOptions, Reuse | None], bytes]
    """Writes the file; a :class:`~chronicle.reuse.Reuse` lets it keep each event's share for the next build."""


TIMELINE_JSON = data_path("timeline.json")
EVENTS_CSV = data_path("events.csv")
FORMATS = (
    Format(TIMELINE_JSON, "JSON", "Every event with its claims, sources and relations; actors, regions "
           "and measures. Dates as written (EDTF) plus their earliest and latest day.", timeline_json),
    Format(EVENTS_CSV, "CSV", "One row per event: date, status, type, regions, actors with roles, tags, "
           "address.", events_csv),
    Format(data_path("claims.csv"), "CSV", "One row per claim: figure as written and as numbers, claimant, stance, "
           "sources.", claims_csv),
    Format(data_path("timeline.ics"), "iCalendar", "One all-day calendar entry per event, spanning every day its date "
           "can mean.", timeline_ics),
    Format(FEED_PATH, "Atom", f"The latest {FEED_SIZE} events by date, for feed readers; entries of a series "
           "(such as daily tallies) are left out.", atom_feed),
)
"""Every open-data file, in the order the Data page lists them: adding a format is one function and one row."""
SCHEMA_FOLDER = data_path("schema/")
"""Where the JSON Schemas are published beside the data."""


def open_data(timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> list[GeneratedFile]:
    """Every file of :data:`FORMATS`, written from ``timeline``."""
    return [GeneratedFile(f.path, f.write(timeline, options, reuse)) for f in FORMATS]
