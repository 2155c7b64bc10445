"""Tiny sites built in temporary folders, end to end through MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from conftest import ROOT
from integration.sitebuild import build_site, make_site


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.extend(v for k, v in attrs if k == "href" and v)


def page(site: Path, uri: str) -> _Text:
    """Links anywhere on the page, and the text of its article (without nav and table of contents)."""
    html = (site / uri / "index.html").read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(html)
    article = _Text()
    article.feed(html[html.index("<article"):html.index("</article>")])
    parser.text = " ".join(" ".join(article.parts).split())
    return parser


@pytest.fixture
def tiny_site(tmp_path, tiny_timeline) -> Path:
    return build_site(make_site(tmp_path, tiny_timeline))


def test_every_event_gets_a_page_outside_docs(tmp_path, tiny_site):
    for event_id in ("2024-03-border-clash", "2025-06-01-air-raid", "2025-06-02-retaliation"):
        assert (tiny_site / "events" / event_id / "index.html").is_file()
    assert list((tmp_path / "docs").iterdir()) == []  # generated in memory, never written into docs/


def test_event_page_shows_what_a_reader_needs(tiny_site):
    raid = page(tiny_site, "events/2025-06-01-air-raid")
    assert "Air raid on the capital" in raid.text
    assert "1 June 2025" in raid.text
    assert "Capital City (Central district)" in raid.text
    assert "Betaland (perpetrator)" in raid.text
    assert "Alphaland Air Force asserts 407" in raid.text
    assert "Independent analysts estimates about 20" in raid.text
    assert "Betaland denies no aircraft were hit" in raid.text
    assert "Aircraft hit disputed" in raid.text
    assert "Wire report on the air raid, Example Wire, June 2025" in raid.text
    assert "https://github.com/example/timeline/edit/main/timeline/events/2025-06-01-air-raid.yaml" in raid.links


def test_relations_are_linked_in_both_directions(tiny_site):
    raid = page(tiny_site, "events/2025-06-01-air-raid")
    retaliation = page(tiny_site, "events/2025-06-02-retaliation")
    clash = page(tiny_site, "events/2024-03-border-clash")
    assert "Responses Retaliatory strike night of 2–3 June 2025" in raid.text
    assert "../2025-06-02-retaliation/" in raid.links
    assert "In response to Air raid on the capital" in retaliation.text
    assert "../2025-06-01-air-raid/" in retaliation.links
    assert "Followed by Air raid on the capital" in clash.text


def test_chronology_lists_events_oldest_first(tiny_site):
    chronology = page(tiny_site, "chronology")
    positions = [chronology.text.index(t) for t in ("Border clash", "Air raid on the capital", "Retaliatory strike")]
    assert positions == sorted(positions)


def test_home_lists_the_latest_events_first(tiny_site):
    home = page(tiny_site, "")
    positions = [home.text.index(t) for t in ("Retaliatory strike", "Air raid on the capital", "Border clash")]
    assert positions == sorted(positions)


def test_event_pages_stay_out_of_the_nav(tiny_site):
    home = (tiny_site / "index.html").read_text(encoding="utf-8")
    assert "events/2025-06-01-air-raid/" in home  # linked from the listing …
    not_found = (tiny_site / "404.html").read_text(encoding="utf-8")
    assert "md-nav" in not_found and "events/" not in not_found  # … but absent from the nav every page carries


def test_a_bad_entry_fails_the_build_listing_every_problem(tmp_path, tiny_timeline, caplog):
    raid = tiny_timeline / "events" / "2025-06-01-air-raid.yaml"
    raid.write_text(raid.read_text().replace("region: capital", "region: capitol"))
    clash = tiny_timeline / "events" / "2024-03-border-clash.yaml"
    clash.write_text(clash.read_text().replace("status: reported", "status: unsure"))
    config = make_site(tmp_path, tiny_timeline)
    with pytest.raises((PluginError, Abort)):
        build_site(config)
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert "timeline/events/2025-06-01-air-raid.yaml:8:5: locations[0].region: unknown region 'capitol'" in messages
    assert "timeline/events/2024-03-border-clash.yaml:5:1: status: 'unsure' is not an allowed value" in messages
    assert not (tmp_path / "site").exists()


def _make(target: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["make", "--no-print-directory", target, f"PY={sys.executable}"],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """The repository's site sources (not its .venv) in a temporary folder."""
    copy = tmp_path / "repo"
    copy.mkdir()
    skip = {".git", ".venv", "site", ".site-build", "tests", "bench", ".pytest_cache", ".hypothesis"}
    for source in ROOT.iterdir():
        if source.name in skip:
            continue
        if source.is_dir():
            shutil.copytree(source, copy / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (copy / source.name).write_bytes(source.read_bytes())
    venv = copy / ".venv"
    venv.mkdir()
    (venv / ".site-installed").touch()  # dependencies are already installed in this interpreter
    return copy


def test_make_build_of_the_real_repository_is_strict_and_complete(repo_copy):
    result = _make("build", repo_copy)
    assert result.returncode == 0, result.stderr
    files = sorted((repo_copy / "timeline" / "events").rglob("*.yaml"))
    events = [p.stem for p in files]
    former_ids = [alias for p in files for alias in yaml.safe_load(p.read_text(encoding="utf-8")).get("aliases", [])]
    built = sorted(p.name for p in (repo_copy / "site" / "events").iterdir())
    assert sorted(events + former_ids) == built  # a page per event, and a redirect per former id


def test_make_build_with_a_bad_entry_keeps_the_previous_site(repo_copy):
    assert _make("build", repo_copy).returncode == 0
    marker = repo_copy / "site" / "index.html"
    before = marker.read_bytes()
    entry = next((repo_copy / "timeline" / "events").rglob("*spider-web.yaml"))
    entry.write_text(entry.read_text().replace("status: disputed", "status: maybe"))
    result = _make("build", repo_copy)
    assert result.returncode != 0
    assert "status: 'maybe' is not an allowed value" in result.stderr
    assert "Traceback" not in result.stderr
    assert marker.read_bytes() == before
    assert not (repo_copy / ".site-build").exists()


def test_make_check_reports_problems_without_a_traceback(repo_copy):
    assert _make("check", repo_copy).returncode == 0
    entry = next((repo_copy / "timeline" / "events").rglob("*spider-web.yaml"))
    entry.write_text(entry.read_text().replace("date: 2025-06-01", "date: 2025-06-31"))
    result = _make("check", repo_copy)
    assert result.returncode != 0
    assert "date: '2025-06-31' has day 31, but June 2025 has 30 days" in result.stderr
    assert "Traceback" not in result.stderr
