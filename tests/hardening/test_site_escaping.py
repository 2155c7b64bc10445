"""Payloads in every text field of every entry leave no markup, script or link in the built site."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from integration.sitebuild import build_site, make_site

PAYLOAD = ("<img src=x onerror=alert(1)></title><script>alert(2)</script>"
           "[x](javascript:alert(3)){: onclick=\"alert(4)\"}&#106;avascript:alert(5) {{ 6*7 }} --8<-- \"secret.txt\"")
"""Raw HTML, a title break-out, a Markdown link, an attribute list, an entity-encoded URL, Jinja and a snippet."""
PROSE = ("{: onclick=\"alert(4)\"} &#60;script&#62;alert(2)&#60;/script&#62; `<img src=x onerror=alert(1)>` "
         "[source](https://example.org/ \"</a><script>alert(7)</script>\")\n\n--8<-- \"secret.txt\"\n\n{{ 6*7 }}")
"""Markdown that passes validation yet tries attribute lists, entity-encoded tags, code and link titles."""
SECRET = "SNIPPET-CONTENT-MUST-NOT-APPEAR"
LINE_FIELDS = {"title", "date_display", "place", "text", "claimant_label", "note", "publisher", "name",
               "description", "label"}


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid double-quoted YAML scalars


def poison(timeline: Path) -> None:
    """Put the payload into every free-text field of the fixture timeline."""
    for path in timeline.rglob("*.yaml"):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^(\s*(?:- )?)([a-z_]+): (.+)$", line)
            if match and match[2] in LINE_FIELDS:
                line = f"{match[1]}{match[2]}: {yaml_text(match[3] + ' ' + PAYLOAD)}"
            elif (match and match[2] == "aliases" and "actors" in path.name) or (
                "regions" in path.name and "aliases" in line
            ):
                line = re.sub(r"aliases: \[(.*)\]", lambda m: f"aliases: [{m[1]}, {yaml_text(PAYLOAD)}]", line)
            elif match and match[2] == "summary":
                line = f"{match[1]}summary: {yaml_text(match[3] + ' ' + PROSE)}"
            lines.append(line)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raid = timeline / "events" / "2025-06-01-air-raid.yaml"
    raid.write_text(raid.read_text(encoding="utf-8") + f"body: {yaml_text(PROSE)}\n", encoding="utf-8")


class ActiveContent(HTMLParser):
    """Collects everything in a page that could run script or leave the site."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if self._in_title:
            self.found.add(f"markup inside <title>: <{tag}>")
        if tag == "title":
            self._in_title = True
        if tag in ("script", "iframe", "object", "embed", "img") :
            self.found.add(f"<{tag} {sorted((k, v) for k, v in attrs if k in ('src', 'type'))}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.add(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                compact = re.sub(r"[\x00-\x20]", "", unescape(value)).lower()
                if compact.startswith(("javascript:", "data:", "vbscript:")) or compact.startswith("//"):
                    self.found.add(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False


def active_content(html: str) -> set[str]:
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


def site_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".ics", ".csv", ".txt") and p.is_file()}


def build(folder: Path, timeline: Path) -> Path:
    config = make_site(folder, timeline)
    (folder / "secret.txt").write_text(SECRET)
    text = config.read_text(encoding="utf-8").replace(
        "markdown_extensions: [", f"markdown_extensions: [{{pymdownx.snippets: {{base_path: ['{folder}']}}}}, ")
    config.write_text(text, encoding="utf-8")
    return build_site(config)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[dict[str, str], dict[str, str]]:
    """A clean build and a poisoned build of the fixture timeline, as {path: text}."""
    import shutil

    from conftest import TINY
    clean_folder, poisoned_folder = tmp_path_factory.mktemp("clean"), tmp_path_factory.mktemp("poisoned")
    clean = build(clean_folder, TINY)
    shutil.copytree(TINY, poisoned_folder / "timeline")
    poison(poisoned_folder / "timeline")
    poisoned = build(poisoned_folder, poisoned_folder / "timeline")
    return site_files(clean), site_files(poisoned)


def test_payloads_reach_the_pages_as_text(sites):
    _, poisoned = sites
    raid = poisoned["events/2025-06-01-air-raid/index.html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in raid.replace("&#60;", "&lt;").replace("&#62;", "&gt;") \
        or "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in raid  # shown to readers, inert


@pytest.mark.parametrize("kind", ["html", "search index"])
def test_no_script_handler_or_dangerous_link_comes_from_the_data(sites, kind):
    clean, poisoned = sites
    theme_own = set().union(*(active_content(text) for path, text in clean.items() if path.endswith(".html")))
    if kind == "html":
        pages = {path: text for path, text in poisoned.items() if path.endswith(".html")}
    else:
        index = json.loads(poisoned["search/search_index.json"])
        pages = {f"search:{doc['location']}": doc["title"] + " " + doc["text"] for doc in index["docs"]}
    leaks = {path: found - theme_own for path, text in pages.items() if (found := active_content(text)) - theme_own}
    assert leaks == {}


def test_page_titles_carry_no_markup(sites):
    _, poisoned = sites
    for path, text in poisoned.items():
        if path.endswith(".html"):
            title = re.search(r"<title>(.*?)</title>", text, re.S)[1]
            assert "<" not in title, f"{path}: {title}"


def test_jinja_and_snippet_syntax_in_data_is_not_evaluated(sites):
    _, poisoned = sites
    for path, text in poisoned.items():
        assert SECRET not in text, path
    raid = unescape(re.sub(r"<[^>]*>", "", poisoned["events/2025-06-01-air-raid/index.html"]))
    assert "{{ 6*7 }}" in raid and '--8<-- "secret.txt"' in raid
