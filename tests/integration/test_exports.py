"""Open data and permalinks in a built site: exports under /data/, the feed in every head, old URLs redirect."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import jsonschema
import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import ROOT, TINY, write
from integration.sitebuild import build_site, make_site

SITE_URL = "https://example.org/timeline/"
RENAMED = "2025-06-02-retaliation"
FORMER = "2025-06-02-strike"
EXPORTS = ("data/timeline.json", "data/events.csv", "data/claims.csv", "data/timeline.ics", "feed.xml")


def make_open_data_site(folder: Path) -> Path:
    """A tiny site with a site address, the theme overrides, and one event renamed from FORMER."""
    timeline = folder / "data-source"
    shutil.copytree(TINY, timeline)
    renamed = timeline / "events" / f"{RENAMED}.yaml"
    renamed.write_text(renamed.read_text(encoding="utf-8") + f"aliases: [{FORMER}]\n", encoding="utf-8")
    config = make_site(folder, timeline)
    text = config.read_text(encoding="utf-8")
    text = text.replace("theme:\n", f"site_url: {SITE_URL}\ntheme:\n  custom_dir: {ROOT / 'overrides'}\n", 1)
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(make_open_data_site(tmp_path_factory.mktemp("open-data")))


def data_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site / "data").as_posix(): p.read_bytes()
            for p in sorted((site / "data").rglob("*")) if p.is_file() and p.name != "index.html"}


def test_every_export_is_published_and_parses(site):
    data = site / "data"
    export = json.loads((data / "timeline.json").read_text(encoding="utf-8"))
    jsonschema.validate(export, json.loads((data / "schema" / "timeline-export.schema.json").read_text()))
    assert [e["id"] for e in export["events"]] == ["2024-03-border-clash", "2025-06-01-air-raid", RENAMED]
    events = list(csv.DictReader(io.StringIO((data / "events.csv").read_text(encoding="utf-8"), newline="")))
    assert [row["url"] for row in events] == [f"{SITE_URL}events/{e['id']}/" for e in export["events"]]
    claims = list(csv.DictReader(io.StringIO((data / "claims.csv").read_text(encoding="utf-8"), newline="")))
    assert [row["value"] for row in claims] == ["407", "~20", ""]
    calendar = icalendar.Calendar.from_ical((data / "timeline.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 3
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 3
    for name in ("event", "actors", "regions", "measures", "timeline-export"):
        jsonschema.Draft202012Validator.check_schema(json.loads((data / "schema" / f"{name}.schema.json").read_text()))


def test_data_page_links_each_export_and_says_how_to_cite(site):
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for path in EXPORTS:
        href = path.removeprefix("data/") if path.startswith("data/") else f"../{path}"
        assert f'href="{href}"' in page, path
        assert (site / path).is_file()
    assert 'href="schema/timeline-export.schema.json"' in page
    assert "CC BY 4.0" in page and "How to cite" in page
    assert "Test timeline contributors" in page


def test_every_page_advertises_the_feed(site):
    for page, href in (("index.html", "feed.xml"), (f"events/{RENAMED}/index.html", "../../feed.xml"),
                       ("data/index.html", "../feed.xml")):
        html = (site / page).read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        assert f'<link rel="alternate" type="application/atom+xml" title="Test timeline: latest events" ' \
               f'href="{href}">' in head, page
        assert ((site / page).parent / href).resolve().is_file()


def test_event_page_suggests_a_citation_with_its_permalink(site):
    html = (site / "events" / "2025-06-01-air-raid" / "index.html").read_text(encoding="utf-8")
    citation = html[html.index("Cite this entry"):]
    citation = citation[:citation.index("</small>")]
    assert "Air raid on the capital" in citation and "Test timeline" in citation
    assert f'href="{SITE_URL}events/2025-06-01-air-raid/"' in citation
    assert "accessed DD Month YYYY" in citation


def test_old_url_of_a_renamed_event_lands_on_its_new_page(site):
    redirect = site / "events" / FORMER / "index.html"
    html = redirect.read_text(encoding="utf-8")
    target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html).group(1)
    assert target == f"../{RENAMED}/"
    assert (redirect.parent / target / "index.html").resolve() == (site / "events" / RENAMED / "index.html")
    assert "Retaliatory strike" in (redirect.parent / target / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}events/{RENAMED}/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<a href="../{RENAMED}/">Retaliatory strike</a>' in html


def test_the_redirect_is_not_a_page_of_the_site(site):
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(FORMER in doc["location"] for doc in search["docs"])
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert FORMER not in sitemap and RENAMED in sitemap


def test_a_rebuild_gives_byte_identical_exports(site, tmp_path):
    again = build_site(make_open_data_site(tmp_path))
    assert data_files(again) == data_files(site)
    assert (again / "events" / FORMER / "index.html").read_bytes() == \
        (site / "events" / FORMER / "index.html").read_bytes()


def test_an_alias_may_not_replace_a_hand_written_page(tmp_path, caplog):
    config = make_open_data_site(tmp_path)
    write(tmp_path / "docs" / "events" / f"{FORMER}.md", "# A page written by hand\n")
    with pytest.raises((PluginError, Abort)):
        build_site(config)
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert f"events/{FORMER}/index.html would replace the page built from events/{FORMER}.md" in messages
    assert not (tmp_path / "site").exists()
