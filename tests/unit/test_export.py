"""The open-data exports: each parses with a standard tool and carries the entries exactly."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronicle.catalog import load_timeline
from chronicle.errors import TimelineError
from chronicle.export import (
    FEED_SIZE,
    atom_feed,
    claims_csv,
    events_csv,
    ics_fold,
    ics_text,
    timeline_ics,
    timeline_json,
)
from chronicle.pages import build_site
from chronicle.records import EXPORT_SCHEMA, TimelineExport
from chronicle.site import SiteOptions
from chronicle.yamldoc import load_document
from conftest import FIXTURES, ROOT, TINY, write

OPTIONS = SiteOptions(repo_url="https://github.com/example/timeline", site_name="Test timeline",
                      site_url="https://example.org/timeline/")
ATOM = "{http://www.w3.org/2005/Atom}"
DATA_FOLDERS = [pytest.param(TINY, id="tiny"), pytest.param(ROOT / "timeline", id="real")]


def exports(folder: Path, options: SiteOptions = OPTIONS) -> dict[str, bytes | str]:
    return {f.path: f.content for f in build_site(load_timeline(folder, "timeline"), options)}


@functools.cache
def shared_exports(folder: Path) -> dict[str, bytes | str]:
    """Exports of an unchanging folder, built once for the tests that only read them."""
    return exports(folder)


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def raw_events(folder: Path) -> dict[str, dict]:
    """The event files as written: every value still the text the contributor typed."""
    found = {}
    for path in sorted((folder / "events").rglob("*.yaml")):
        data = load_document(path, path.name).data
        found[data["id"]] = data
    return found


def feed_entries(content: bytes) -> list[ET.Element]:
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


# ---------------------------------------------------------------- timeline.json

@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_json_validates_against_its_published_schema(folder):
    files = shared_exports(folder)
    data = json.loads(files["data/timeline.json"])
    schema = json.loads(files[f"data/schema/{EXPORT_SCHEMA}"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == "1.3"
    TimelineExport.model_validate(data)  # the published shape is the model's, field for field
    assert files[f"data/schema/{EXPORT_SCHEMA}"].decode() == (ROOT / "schema" / EXPORT_SCHEMA).read_text()


def test_json_schema_rejects_a_malformed_export():
    files = exports(TINY)
    data = json.loads(files["data/timeline.json"])
    data["events"][0]["date"] = "June 2025"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(files[f"data/schema/{EXPORT_SCHEMA}"]))


def test_json_keeps_values_as_written_and_adds_date_bounds():
    data = json.loads(shared_exports(TINY)["data/timeline.json"])
    events = {e["id"]: e for e in data["events"]}
    clash = events["2024-03-border-clash"]
    assert (clash["date"], clash["earliest"], clash["latest"], clash["precision"]) == \
        ("2024-03", "2024-03-01", "2024-03-31", "month")
    assert clash["url"] == "https://example.org/timeline/events/2024-03-border-clash/"
    assert clash["entry_file"] == "timeline/events/2024-03-border-clash.yaml"
    estimate = events["2025-06-01-air-raid"]["claims"][1]
    assert estimate["value"] == "~20"  # never turned into the number 20
    assert (estimate["value_low"], estimate["value_high"], estimate["qualifier"]) == (20, None, "approximate")
    denial = events["2025-06-01-air-raid"]["claims"][2]
    assert (denial["value"], denial["text"], denial["qualifier"]) == (None, "no aircraft were hit", None)
    retaliation = events["2025-06-02-retaliation"]
    assert (retaliation["date"], retaliation["latest"], retaliation["date_text"]) == \
        ("2025-06-02/2025-06-03", "2025-06-03", "2–3 June 2025")
    assert retaliation["relations"]["response_to"] == ["2025-06-01-air-raid"]
    assert [e["id"] for e in data["events"]] == ["2024-03-border-clash", "2025-06-01-air-raid",
                                                  "2025-06-02-retaliation"]
    assert {a["id"] for a in data["actors"]} >= {"alpha", "beta", "analysts"}
    assert "drones_launched" in {m["id"] for m in data["measures"]}
    assert data["licence"] == "CC BY 4.0"


@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_every_event_claim_and_source_round_trips_through_json(folder):
    written = raw_events(folder)
    exported = {e["id"]: e for e in json.loads(shared_exports(folder)["data/timeline.json"])["events"]}
    assert set(exported) == set(written)
    for ident, entry in written.items():
        event = exported[ident]
        for key in ("title", "date", "date_display", "summary", "body", "status", "type", "tags", "aliases"):
            if key in entry:  # the models trim the whitespace around a text, nothing else
                assert event[key] == (entry[key].strip() if isinstance(entry[key], str) else entry[key]), (ident, key)
        assert event["locations"] == [{"place": None, **loc} for loc in entry.get("locations", [])]
        assert event["actors"] == entry.get("actors", [])
        assert len(event["sources"]) == len(entry["sources"])
        for source, raw in zip(event["sources"], entry["sources"]):
            assert {k: v for k, v in source.items() if v is not None} == raw, (ident, raw["id"])
        assert len(event["claims"]) == len(entry.get("claims", []))
        for claim, raw in zip(event["claims"], entry.get("claims", [])):
            assert {k: claim[k] for k in raw} == raw, ident
            assert claim["stance"] == raw.get("stance", "asserts")
        for relation, targets in entry.get("relations", {}).items():
            assert event["relations"][relation] == targets


# ---------------------------------------------------------------- CSV

@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_events_csv_has_one_row_per_event_with_its_values(folder):
    written = raw_events(folder)
    rows = read_csv(shared_exports(folder)["data/events.csv"])
    assert len(rows) == len(written)
    for row in rows:
        entry = written[row["id"]]
        assert (row["title"], row["date"], row["status"], row["type"]) == \
            (entry["title"], entry["date"], entry["status"], entry["type"])
        assert row["regions"] == ";".join(loc["region"] for loc in entry.get("locations", []))
        assert row["actors"] == ";".join(f"{a['actor']}:{a['role']}" for a in entry.get("actors", []))
        assert row["tags"] == ";".join(entry.get("tags", []))
        assert row["url"] == f"https://example.org/timeline/events/{row['id']}/"
        assert row["earliest"] <= row["latest"]


def test_events_csv_gives_precision_bounds_and_reader_wording():
    rows = {r["id"]: r for r in read_csv(shared_exports(TINY)["data/events.csv"])}
    clash = rows["2024-03-border-clash"]
    assert (clash["earliest"], clash["latest"], clash["date_display"]) == ("2024-03-01", "2024-03-31", "March 2024")
    assert rows["2025-06-02-retaliation"]["date_display"] == "night of 2–3 June 2025"
    assert rows["2025-06-01-air-raid"]["actors"] == "beta:perpetrator;alpha:target"


@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_claims_csv_has_every_claim_with_claimant_and_sources(folder):
    written = raw_events(folder)
    timeline = load_timeline(folder, "timeline")
    rows = read_csv(shared_exports(folder)["data/claims.csv"])
    assert len(rows) == sum(len(entry.get("claims", [])) for entry in written.values())
    by_event: dict[str, list[dict]] = {}
    for row in rows:
        by_event.setdefault(row["event_id"], []).append(row)
    for ident, entry in written.items():
        sources = {s["id"]: s for s in entry["sources"]}
        for row, claim in zip(by_event.get(ident, []), entry.get("claims", []), strict=True):
            assert row["measure"] == claim["measure"]
            assert row["value"] == claim.get("value", "")
            assert row["text"] == claim.get("text", "")
            assert row["claimant"] == claim["claimant"]
            assert row["claimant_name"] == timeline.actors[claim["claimant"]].name
            assert row["claimant_label"] == claim.get("claimant_label", "")
            assert row["stance"] == claim.get("stance", "asserts")
            assert row["source_ids"].split(";") == claim["sources"]
            assert row["source_titles"].split("\n") == [sources[s]["title"] for s in claim["sources"]]
            assert row["source_urls"].split("\n") == [sources[s].get("url", "") for s in claim["sources"]]


def test_claims_csv_splits_figures_without_adding_precision(tiny_timeline):
    path = tiny_timeline / "events" / "2025-06-01-air-raid.yaml"
    path.write_text(
        path.read_text().replace('value: "407"', 'value: "10-20"').replace('value: "~20"', 'value: ">=2"')
    )
    rows = read_csv(exports(tiny_timeline)["data/claims.csv"])
    assert [(r["value"], r["value_low"], r["value_high"], r["qualifier"]) for r in rows] == [
        ("10-20", "10", "20", "range"), (">=2", "2", "", "at-least"), ("", "", "", "")]


def test_csv_cells_that_look_like_formulas_are_neutralised(tiny_timeline):
    path = tiny_timeline / "events" / "2024-03-border-clash.yaml"
    path.write_text(path.read_text().replace("title: Border clash", 'title: "=HYPERLINK(\\"x\\")"'))
    rows = {r["id"]: r for r in read_csv(exports(tiny_timeline)["data/events.csv"])}
    assert rows["2024-03-border-clash"]["title"] == "'=HYPERLINK(\"x\")"


def test_csv_uses_crlf_line_endings():
    content = shared_exports(TINY)["data/events.csv"]
    assert content.count(b"\r\n") == 4 and b"\n" not in content.replace(b"\r\n", b"")


# ---------------------------------------------------------------- iCalendar

def calendar_events(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(item["uid"]).split("@")[0]: item for item in calendar.walk("VEVENT")}


@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_calendar_has_one_all_day_entry_per_event(folder):
    written = raw_events(folder)
    timeline = load_timeline(folder, "timeline")
    items = calendar_events(shared_exports(folder)["data/timeline.ics"])
    assert set(items) == set(written)
    for ident, item in items.items():
        event = timeline.events[ident]
        assert str(item["summary"]) == written[ident]["title"]
        start, end = item.decoded("dtstart"), item.decoded("dtend")
        assert type(start) is datetime.date and type(end) is datetime.date  # VALUE=DATE, not a time
        assert (start, end) == (event.date.earliest, event.date.latest + datetime.timedelta(days=1))
        assert str(item["uid"]) == f"{ident}@example.org"
        assert str(item["url"]) == f"https://example.org/timeline/events/{ident}/"


def test_calendar_spans_coarse_dates_and_says_how_precise_they_are():
    items = calendar_events(shared_exports(TINY)["data/timeline.ics"])
    clash = items["2024-03-border-clash"]
    assert (clash.decoded("dtstart"), clash.decoded("dtend")) == (datetime.date(2024, 3, 1), datetime.date(2024, 4, 1))
    assert "Known to the month only" in str(clash["description"])
    day = items["2025-06-01-air-raid"]
    assert (day.decoded("dtstart"), day.decoded("dtend")) == (datetime.date(2025, 6, 1), datetime.date(2025, 6, 2))
    assert "Known to" not in str(day["description"])
    night = items["2025-06-02-retaliation"]
    assert (night.decoded("dtstart"), night.decoded("dtend")) == (datetime.date(2025, 6, 2), datetime.date(2025, 6, 4))
    assert "night of 2–3 June 2025" in str(night["description"])
    # the stamp is when the entry's file last changed in git, not the clock
    assert clash.decoded("dtstamp") == last_commit(TINY / "events" / "2024-03-border-clash.yaml")


def last_commit(path: Path) -> datetime.datetime:
    stamp = subprocess.run(["git", "log", "-1", "--format=%ct", "--", path.name], cwd=path.parent,
                           capture_output=True, text=True, check=True).stdout
    return datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc)


def test_outside_git_an_entry_changed_last_on_the_newest_day_it_speaks_of(tiny_timeline):
    items = calendar_events(exports(tiny_timeline)["data/timeline.ics"])
    # the border clash is dated 2024-03; its newest source was published on 2024-03-02
    assert items["2024-03-border-clash"].decoded("dtstamp") == datetime.datetime(2024, 3, 2,
                                                                                 tzinfo=datetime.timezone.utc)
    entries = {e.findtext(f"{ATOM}id").rsplit("/", 2)[1]: e.findtext(f"{ATOM}updated")
               for e in feed_entries(exports(tiny_timeline)["feed.xml"])}
    assert entries["2024-03-border-clash"] == "2024-03-02T00:00:00Z"


def test_a_feed_entry_is_updated_when_its_file_last_changed_and_the_feed_is_in_english():
    root = ET.fromstring(shared_exports(TINY)["feed.xml"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    for entry in root.findall(f"{ATOM}entry"):
        ident = entry.findtext(f"{ATOM}id").rstrip("/").rsplit("/", 1)[1]
        changed = last_commit(TINY / "events" / f"{ident}.yaml")
        assert entry.findtext(f"{ATOM}updated") == changed.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_tag_that_repeats_the_type_is_one_category(tiny_timeline):
    path = tiny_timeline / "events" / "2025-06-01-air-raid.yaml"
    path.write_text(path.read_text().replace("tags: [drones]", "tags: [drones, strike, drones-2]"))
    [event] = [e for e in feed_entries(exports(tiny_timeline)["feed.xml"]) if "air-raid" in e.findtext(f"{ATOM}id")]
    assert [c.get("term") for c in event.findall(f"{ATOM}category")] == ["strike", "drones", "drones-2"]
    item = calendar_events(exports(tiny_timeline)["data/timeline.ics"])["2025-06-01-air-raid"]
    assert [str(c) for c in item.get("categories").cats] == ["strike", "drones", "drones-2"]


def test_calendar_lines_end_in_crlf():
    content = shared_exports(TINY)["data/timeline.ics"]
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and b"\n" not in content.replace(b"\r\n", b"")


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.sampled_from(list("ab ,;\\\n\r:\"^")), st.characters(codec="utf-8")), max_size=300))
@example("a" * 73 + "\\" + "b" * 10)
@example("ї" * 80)
@example("x" * 200)
def test_calendar_text_reads_back_unchanged_and_folds_within_75_octets(value):
    line = ics_fold("DESCRIPTION:" + ics_text(value))
    physical = line.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    item = icalendar.Calendar.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n".encode())
    assert item.get("description", "") == value.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- Atom

@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_feed_is_atom_with_required_elements_newest_first(folder):
    timeline = load_timeline(folder, "timeline")
    content = shared_exports(folder)["feed.xml"]
    root = ET.fromstring(content)
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = feed_entries(content)
    assert len(entries) == min(FEED_SIZE, len(timeline.events))
    starts = []
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        url = entry.find(f"{ATOM}link").get("href")
        ident = url.rstrip("/").rsplit("/", 1)[1]
        assert entry.findtext(f"{ATOM}id") == url
        assert entry.findtext(f"{ATOM}title") == timeline.events[ident].title
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
        starts.append(timeline.events[ident].date.sort_key)
    assert starts == sorted(starts, reverse=True)
    assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_feed_keeps_only_the_latest_events(tiny_timeline):
    template = (tiny_timeline / "events" / "2025-06-01-air-raid.yaml").read_text()
    for day in range(1, FEED_SIZE + 6):
        ident = f"2025-07-{day:02d}-strike" if day <= 31 else f"2025-08-{day - 31:02d}-strike"
        date = ident[:10]
        write(tiny_timeline / "events" / f"{ident}.yaml",
              template.replace("id: 2025-06-01-air-raid", f"id: {ident}").replace("date: 2025-06-01", f"date: {date}")
              .replace("date: 2025-06\n", f"date: {date}\n"))
    entries = feed_entries(exports(tiny_timeline)["feed.xml"])
    assert len(entries) == FEED_SIZE
    assert entries[0].findtext(f"{ATOM}id").endswith("/2025-08-24-strike/")
    assert all("2024-03-border-clash" not in e.findtext(f"{ATOM}id") for e in entries)


def test_the_feed_leaves_out_routine_series_entries():
    entries = feed_entries(exports(FIXTURES / "tallies")["feed.xml"])
    ids = [e.findtext(f"{ATOM}link") or e.find(f"{ATOM}link").get("href") for e in entries]
    series = {p.stem for p in (FIXTURES / "tallies" / "events").glob("*.yaml") if "\nseries: " in p.read_text()}
    assert series and len(ids) == len(list((FIXTURES / "tallies" / "events").glob("*.yaml"))) - len(series)
    assert not any(ident in link for ident in series for link in ids)


def test_without_a_site_address_links_are_relative_and_ids_stay_stable():
    options = SiteOptions(site_name="Test timeline")
    first, second = exports(TINY, options), exports(TINY, options)
    entries = feed_entries(first["feed.xml"])
    assert entries[0].find(f"{ATOM}link").get("href") == "events/2025-06-02-retaliation/"  # beside feed.xml
    assert entries[0].findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert first["feed.xml"] == second["feed.xml"]
    assert json.loads(first["data/timeline.json"])["events"][0]["url"] == "events/2024-03-border-clash/"


# ---------------------------------------------------------------- determinism and the Data page

@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_exports_are_byte_identical_between_builds(folder):
    assert exports(folder) == exports(folder)


def test_each_format_is_deterministic_on_its_own():
    timeline = load_timeline(TINY, "timeline")
    for make in (timeline_json, events_csv, claims_csv, timeline_ics, atom_feed):
        assert make(timeline, OPTIONS) == make(load_timeline(TINY, "timeline"), OPTIONS), make.__name__


def test_data_page_links_every_export_with_its_size_licence_and_citation():
    files = exports(TINY)
    page = files["data/index.md"]
    for path in files:
        if path.startswith("data/") and path != "data/index.md":
            name = path.removeprefix("data/")
            assert f"]({name})" in page, name
    size = len(files["data/events.csv"])
    assert f"| {size} bytes |" in page
    assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)" in page
    assert "Test timeline contributors" in page
    assert "https&#58;&#47;&#47;example&#46;org&#47;timeline&#47;data&#47;" in page


# ---------------------------------------------------------------- permalinks and aliases

def add_alias(folder: Path, event_id: str, alias: str) -> None:
    path = next((folder / "events").rglob(f"{event_id}.yaml"))
    path.write_text(path.read_text() + f"aliases: [{alias}]\n")


def test_a_former_id_gets_a_redirect_page(tiny_timeline):
    add_alias(tiny_timeline, "2025-06-02-retaliation", "2025-06-02-strike")
    files = exports(tiny_timeline)
    page = files["events/2025-06-02-strike/index.html"].decode()
    assert '<meta http-equiv="refresh" content="0; url=../2025-06-02-retaliation/">' in page
    assert '<link rel="canonical" href="https://example.org/timeline/events/2025-06-02-retaliation/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<a href="../2025-06-02-retaliation/">Retaliatory strike</a>' in page
    assert sorted(p for p in files if p.startswith("events/") and not p.endswith(".md")) == [
        "events/2025-06-02-strike/index.html"]


def test_redirect_page_escapes_the_title(tiny_timeline):
    path = tiny_timeline / "events" / "2025-06-02-retaliation.yaml"
    path.write_text(path.read_text().replace("title: Retaliatory strike", 'title: "<script>x</script>"'))
    add_alias(tiny_timeline, "2025-06-02-retaliation", "old-id")
    page = exports(tiny_timeline)["events/old-id/index.html"].decode()
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_alias_equal_to_another_events_id_is_rejected(tiny_timeline):
    add_alias(tiny_timeline, "2025-06-02-retaliation", "2025-06-01-air-raid")
    with pytest.raises(TimelineError) as error:
        load_timeline(tiny_timeline, "timeline")
    assert [str(p) for p in error.value.problems] == [
        "timeline/events/2025-06-02-retaliation.yaml:19:11: aliases[0]: alias '2025-06-01-air-raid' is the id of "
        "another event\n    hint: an alias must be a former id no other entry uses"]


def test_alias_shared_by_two_events_is_rejected(tiny_timeline):
    add_alias(tiny_timeline, "2025-06-01-air-raid", "old-id")
    add_alias(tiny_timeline, "2025-06-02-retaliation", "old-id")
    with pytest.raises(TimelineError) as error:
        load_timeline(tiny_timeline, "timeline")
    assert [str(p) for p in error.value.problems] == [
        "timeline/events/2025-06-02-retaliation.yaml:19:11: aliases[0]: alias 'old-id' is also an alias of "
        "'2025-06-01-air-raid'\n    hint: keep the alias on one entry only"]
