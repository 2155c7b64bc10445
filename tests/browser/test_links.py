"""Every internal link and anchor in the built site leads somewhere. No browser needed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.config import load_config

from conftest import ROOT

# Attributes that make the browser fetch or navigate to another address.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
NOT_NAVIGABLE = ("mailto:", "tel:", "javascript:", "data:")


@dataclass
class HtmlFacts:
    """The targets a page offers (ids) and the addresses it points at."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, address)


class _FactsParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = HtmlFacts()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.facts.ids.add(values[name])
        address = values.get(LINK_ATTRIBUTES.get(tag, ""))
        if address is not None and not (tag == "link" and values.get("rel") == "canonical"):
            self.facts.links.append((tag, address))


def read_facts(path: Path) -> HtmlFacts:
    parser = _FactsParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.facts


@pytest.fixture(scope="module")
def site_url() -> str:
    """Where the site is published: absolute links under it are internal links too."""
    return load_config(str(ROOT / "mkdocs.yml")).site_url


def page_url(site_dir: Path, html_file: Path, site_url: str) -> str:
    """The published address of a built HTML file (``events/x/index.html`` -> ``.../events/x/``)."""
    relative = html_file.relative_to(site_dir).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return urljoin(site_url, relative)


def local_file(site_dir: Path, site_url: str, address: str) -> Path | None:
    """The built file an absolute site address is served from, or None if nothing serves it."""
    path = unquote(urlsplit(address).path)
    root = urlsplit(site_url).path
    if not path.startswith(root):
        return None
    target = site_dir / path[len(root):]
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def read_site(site_dir: Path) -> dict[Path, HtmlFacts]:
    """Ids and links of every HTML file in the built site."""
    return {html_file: read_facts(html_file) for html_file in sorted(site_dir.rglob("*.html"))}


def internal_links(site_dir: Path, site_url: str, pages: dict[Path, HtmlFacts]
                   ) -> Iterator[tuple[Path, str, str]]:
    """(page, address as written, absolute address) for every link staying on the site."""
    site = urlsplit(site_url)
    for html_file, facts in pages.items():
        base = page_url(site_dir, html_file, site_url)
        for _tag, address in facts.links:
            if address.startswith(NOT_NAVIGABLE) or not address.strip():
                continue
            absolute = urljoin(base, address)
            target = urlsplit(absolute)
            if (target.scheme, target.netloc) == (site.scheme, site.netloc) \
                    and target.path.startswith(site.path):
                yield html_file, address, absolute


def broken_links(site_dir: Path, site_url: str) -> list[str]:
    """Every internal link whose page or anchor does not exist, as ``page: address (why)``."""
    pages = read_site(site_dir)
    broken = []
    for html_file, address, absolute in internal_links(site_dir, site_url, pages):
        where = html_file.relative_to(site_dir).as_posix()
        target = local_file(site_dir, site_url, absolute)
        if target is None:
            broken.append(f"{where}: {address} (no such file)")
            continue
        fragment = unquote(urlsplit(absolute).fragment)
        if fragment and target.suffix == ".html" and fragment not in pages[target].ids:
            broken.append(f"{where}: {address} (no id {fragment!r} on the page)")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site, site_url):
    links = list(internal_links(built_site, site_url, read_site(built_site)))
    pages_linked = {absolute.split("#")[0] for _, _, absolute in links}
    assert len(links) > 1000 and any("/events/" in url for url in pages_linked), \
        "the crawl sees the generated pages"
    assert broken_links(built_site, site_url) == []


def test_the_crawl_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    site_url = "https://example.org/timeline/"
    (tmp_path / "events" / "a").mkdir(parents=True)
    (tmp_path / "events" / "a" / "index.html").write_text(
        '<h2 id="sources">Sources</h2><a href="#sources">ok</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="events/a/">ok</a> <a href="events/a/#sources">ok</a> '
        '<a href="https://example.org/timeline/events/a/">ok</a> <a href="https://elsewhere.org/x">ok</a> '
        '<a href="events/b/">gone</a> <a href="events/a/#claims">no anchor</a> '
        '<a href="/timeline/events/a/index.html#nowhere">no anchor</a>',
        encoding="utf-8")
    assert broken_links(tmp_path, site_url) == [
        "index.html: events/b/ (no such file)",
        "index.html: events/a/#claims (no id 'claims' on the page)",
        "index.html: /timeline/events/a/index.html#nowhere (no id 'nowhere' on the page)",
    ]
