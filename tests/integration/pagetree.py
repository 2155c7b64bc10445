"""The built site's HTML read back as a tree, the way the structure tests look at a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from itertools import takewhile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, *tags: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (not tags or n.tag in tags) and (cls is None or cls in n.classes)]

    def find(self, *tags: str, cls: str | None = None) -> Node | None:
        return next(iter(self.find_all(*tags, cls=cls)), None)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def _texts(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif "headerlink" not in child.classes:  # Material's ¶ after every heading
                yield from child._texts()

    @property
    def text(self) -> str:
        """The text a reader sees, with runs of white space as one space."""
        return " ".join("".join(self._texts()).split())

    def links(self) -> list[Node]:
        """Links a reader follows: every ``<a>`` but Material's ¶ permalinks beside headings."""
        return [a for a in self.find_all("a") if "headerlink" not in a.classes]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), self.stack[-1]))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Page:
    site: Path
    url: str
    """Address inside the site, e.g. ``/actors/`` or ``/events/x/``."""
    html: str
    root: Node

    @property
    def article(self) -> Node:
        article = next((n for n in self.root.find_all("article") if "md-content__inner" in n.classes), None)
        assert article is not None, f"{self.url}: no <article class=\"md-content__inner\">"
        return article

    def headings(self) -> list[tuple[int, str]]:
        return [(int(h.tag[1]), h.text) for h in self.article.find_all(*HEADINGS)]

    def resolve(self, href: str) -> str:
        """The site address an href points to, without its fragment."""
        return urlsplit(urljoin("http://site" + self.url, href)).path

    def target(self, link: Node) -> str:
        return self.resolve(link.attrs.get("href") or "")


def page_file(site: Path, url: str) -> Path:
    path = site / unquote(url).lstrip("/")
    return path / "index.html" if url.endswith("/") else path


@cache
def load_page(site: Path, url: str) -> Page:
    html = page_file(site, url).read_text(encoding="utf-8")
    return Page(site, url, html, parse_html(html))


def top_level_items(node: Node) -> list[Node]:
    """``<li>`` elements of ``node`` that are not inside another list item of ``node``."""
    return [li for li in node.find_all("li")
            if not any(a.tag == "li" for a in takewhile(lambda a: a is not node, li.ancestors()))]


def table_rows(table: Node) -> list[list[Node]]:
    body = table.find("tbody") or table
    return [row.find_all("td") for row in body.find_all("tr") if row.find_all("td")]


def header_cells(table: Node) -> list[str]:
    return [th.text for th in table.find_all("th")]
