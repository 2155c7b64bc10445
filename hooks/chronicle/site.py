"""Where everything lives on the published site, and what the pages need to know about the site.

The one place for addresses. A page has a source path (``events/<id>.md``:
the generated Markdown, and what MkDocs checks relative links against) and a
published address (``events/<id>/``); data files keep their path
(``data/timeline.json``). Pages, exports, redirects and the feed all ask here.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Union


@dataclass(frozen=True)
class Indexes:
    """Source paths of the site's index pages, each a tab of the navigation."""

    home: str = "index.md"
    chronology: str = "chronology/index.md"
    regions: str = "regions/index.md"
    actors: str = "actors/index.md"
    storylines: str = "storylines/index.md"
    figures: str = "figures/index.md"
    tags: str = "tags/index.md"
    explore: str = "explore/index.md"
    data: str = "data/index.md"


INDEXES = Indexes()
INDEX_PATHS = frozenset(astuple(INDEXES))
DATA_FOLDER = "data"
FEED_PATH = "feed.xml"
"""At the site root: Material fetches a sitemap.xml beside every page-level rel=alternate link."""


def event_uri(event_id: str) -> str:
    return f"events/{event_id}.md"


def region_uri(region_id: str) -> str:
    return f"regions/{region_id}.md"


def actor_uri(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def measure_uri(measure_id: str) -> str:
    return f"figures/{measure_id}.md"


def tag_uri(tag: str) -> str:
    return f"tags/{tag}.md"


EXPLORE_DATA = "explore/events.json"
"""The compact index of every event that the Explore page loads once and filters in the browser."""
EXPLORE_SCRIPT = "assets/explore.js"
"""The Explore page's script, a static file of ``docs/``."""


def map_shapes_path(frame: str) -> str:
    """The shared SVG file of one map frame's shapes, which every map in that frame references."""
    return f"assets/maps/{frame}.svg"


def data_path(name: str) -> str:
    """Path of an open-data file, e.g. ``data/timeline.json``."""
    return f"{DATA_FOLDER}/{name}"


def redirect_path(former_id: str) -> str:
    """The page left at an event's former address, sending readers on."""
    return published_path(event_uri(former_id)) + "index.html"


def published_path(src_uri: str) -> str:
    """Site-relative address of a page or file: ``events/x.md`` -> ``events/x/``, ``index.md`` -> ``""``."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


@dataclass(frozen=True)
class SiteOptions:
    """Where the site and its repository live: what the pages need to know about them."""

    repo_url: str = ""
    """Repository home, e.g. ``https://github.com/owner/name``; empty disables edit links."""
    branch: str = "main"
    site_name: str = "Russia–Ukraine war timeline"
    site_url: str = ""
    """Published address of the site, e.g. ``https://example.org/timeline/``; empty if unknown."""

    def url(self, src_uri: str) -> str:
        """Absolute address of a page or file; empty when ``site_url`` is not set."""
        return f"{self.site_url.rstrip('/')}/{published_path(src_uri)}" if self.site_url else ""

    def permalink(self, event_id: str) -> str:
        """Absolute address of an event's page; empty when ``site_url`` is not set."""
        return self.url(event_uri(event_id))

    def event_address(self, event_id: str) -> str:
        """The address published data give for an event: its permalink, else its site-relative address."""
        return self.permalink(event_id) or published_path(event_uri(event_id))

    def edit_url(self, path: str | None) -> str | None:
        """Where to edit a repository file on the forge; ``None`` without a repository or a path."""
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{path}" if self.repo_url and path else None


@dataclass(frozen=True)
class GeneratedFile:
    """One file the core adds to the site: a Markdown page, a data file or a redirect."""

    path: str
    """Source path inside the site: ``events/<id>.md`` for a page, ``data/events.csv`` for a data file."""
    content: Union[str, bytes]
    """Markdown or HTML text for pages, which the site generator renders; bytes for data files."""
    edit_path: str | None = None
    """Repository path of the YAML file behind a page, for 'edit this page' links."""
    in_nav: bool = False
    """Whether the page belongs in a navigation built automatically: the index pages do, entries never
    (thousands of pages in the navigation would slow every page down)."""
