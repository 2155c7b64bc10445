"""Decide which pages exist and what each shows; templates only lay them out.

Every page is a :class:`~chronicle.site.GeneratedFile` holding Markdown.
Paths are source paths (``events/<id>.md``) so that links between pages are
relative ``.md`` links that MkDocs checks in strict mode. Each generated page
is reachable from an index page: events from the chronology, regions, actors,
measures and tags from their indexes, split listing pages from the page they
were split from. :func:`build_site` gives every file the site adds, data
files and redirects included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from jinja2 import pass_context
from jinja2.runtime import Context

from . import explore, export, maps
from .catalog import Timeline
from .dates import FuzzyDate
from .fields import Quantity
from .figures import (
    RegionTable,
    chart_point,
    in_moment_order,
    latest_by_claimant,
    measure_chart,
    moment,
    region_table,
    series_chart,
)
from .index import ROLE_ORDER, Conflicting, TimelineIndex, build_index
from .listings import LIST_LIMIT, Listing, periods, plan_listing
from .maps import MapView, Placed
from .models import Actor, Claim, Event, Measure, Region, Series
from .records import EXPORT_SCHEMA, SCHEMA_VERSION
from .relations import LABELS, LinkKind
from .render import environment, published_href, relative
from .reuse import Deferred, Reuse, same
from .schema import published_schemas
from .site import (
    EXPLORE_DATA,
    EXPLORE_SCRIPT,
    INDEX_PATHS,
    INDEXES,
    GeneratedFile,
    SiteOptions,
    actor_uri,
    event_uri,
    map_shapes_path,
    measure_uri,
    published_path,
    redirect_path,
    region_uri,
    tag_uri,
)
from .units import UNITS

ACTOR_KIND_LABELS = {
    "state": "States", "armed-forces": "Armed forces", "government-body": "Government bodies",
    "person": "People", "organisation": "Organisations", "group": "Groups",
}
"""Headings of the actors index, in the order it shows them."""
LATEST_ON_HOME = 10
CONFLICTS_SHOWN = 20
"""Conflicting pairs named at the top of a measure's page; the table marks every one."""
PARTS_SHOWN = 10
"""Parts listed under each operation on the storylines page; its own page lists them all."""
HOME_TRAIL = (("Home", INDEXES.home),)
"""Breadcrumbs of an index page."""


# ---------------------------------------------------------------- what templates receive

@dataclass(frozen=True)
class Conflict:
    """Two claims that cannot both be true, in words: who said what."""

    first: str
    first_figure: str
    second: str
    second_figure: str
    elsewhere: Event | None = None
    """The other claim's event, when it is not the event of the page."""


@dataclass(frozen=True)
class ClaimGroup:
    """The claims about one measure on one event, and those among them that cannot both be true."""

    measure_id: str
    label: str
    unit: str
    claims: list[Claim]
    conflicts: list[Conflict]


@dataclass(frozen=True)
class SeriesLine:
    """A series as one line: its span, its number of entries, and its small chart."""

    series: Series
    first: Event
    last: Event
    count: int
    measure: Measure
    chart: str
    """Inline SVG, or empty when it has no figures (or none were asked for)."""


@dataclass(frozen=True)
class ActorRow:
    """An actor on the actors index, with the number of events it appears in and of claims it made."""

    actor: Actor
    events: int
    claims: int


@dataclass(frozen=True)
class RegionNode:
    """A region on the regions index: its events (sub-regions included) and its sub-regions."""

    region: Region
    events: int
    children: list[RegionNode]


@dataclass(frozen=True)
class ExportRow:
    """A published file on the Data page."""

    name: str
    href: str
    kind: str
    description: str
    size: str


BOUND_WORDS = {"lower": "a minimum", "upper": "a maximum", "estimate": "an estimate"}
"""How a figure that is not exact is described beside it."""


def figure_text(quantity: Quantity, unit: str) -> str:
    """A figure in words with its unit, e.g. ``about 20 %``, ``at least 4``, ``2–3 years``."""
    word = UNITS[unit].word
    return f"{quantity.text()}\u00a0{word}" if word else quantity.text()


def change_text(quantity: Quantity, unit: str) -> str:
    """A change in words with its sign and unit, e.g. ``+1,230``, ``−25``, ``+2 %``."""
    word = UNITS[unit].word
    return f"{quantity.signed_text()}\u00a0{word}" if word else quantity.signed_text()


def claim_words(claim: Claim, unit: str, *, change: bool = False) -> str:
    """What a claim says, in a few words: ``about 20``, ``1,200 (a minimum)``, ``denies: no aircraft were lost``;
    with ``change``, the change it gives: ``change of +1,230``."""
    if change and claim.change is not None:
        return f"change of {change_text(claim.change, unit)}"
    if claim.value is None:
        return f"{claim.stance}: {claim.text}" if claim.stance == "denies" else str(claim.text)
    bound = f" ({BOUND_WORDS[claim.bound]})" if claim.bound in BOUND_WORDS else ""
    return figure_text(claim.value, unit) + bound


def _event_date(event: Event) -> FuzzyDate:
    return event.date


@pass_context
def _href_to(context: Context, uri: str) -> str:
    """``uri|href_to``: the link from the page being rendered to another generated page."""
    return relative(context["page_uri"], uri)


def _uri_filter(uri_of: Callable[[str], str]) -> Callable[[Context, str], str]:
    """A filter such as ``event.id|event_href``: the link from the page being rendered to that entry's page."""
    @pass_context
    def href(context: Context, ident: str) -> str:
        return relative(context["page_uri"], uri_of(ident))
    return href


@pass_context
def _explore_href(context: Context, filters: dict[str, str]) -> str:
    """``{"region": id}|explore_href``: the link from the page being rendered to the Explore page with that filter."""
    return relative(context["page_uri"], INDEXES.explore) + "?" + urlencode(filters)


def _size(content: bytes | str) -> str:
    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    if size < 1000:
        return f"{size} bytes"
    return f"{size / 1000:.1f} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


class SiteBuilder:
    """Renders every page of the timeline from one index."""

    def __init__(self, timeline: Timeline, options: SiteOptions, reuse: Reuse | None = None) -> None:
        self.timeline = timeline
        self.options = options
        self.reuse = reuse or Reuse(keep=False)
        """Pages and pieces kept from the last build (see :mod:`chronicle.reuse`): a page is rendered again
        only when its template's context changed."""
        self.index: TimelineIndex = build_index(timeline)
        self.env = environment()
        self.env.filters.update(
            href_to=_href_to, explore_href=_explore_href, event_href=_uri_filter(event_uri),
            region_href=_uri_filter(region_uri),
            actor_href=_uri_filter(actor_uri), measure_href=_uri_filter(measure_uri), tag_href=_uri_filter(tag_uri),
            event_line=self.event_line, breadcrumbs=self.breadcrumbs, claimant=self.claimant,
            figure_cell=self.figure_cell,
            periods=lambda events: periods(events, _event_date), figure=figure_text, change=change_text,
            bound_words=BOUND_WORDS.get)
        self._fragments: dict[tuple, str] = {}
        self._fragment_macros: Any = self.env.get_template("_fragments.md.jinja").module
        """The macros of ``_fragments.md.jinja``: ``fragments`` in every template (a global rather than an import,
        which Jinja would look up again on each of thousands of renders), and called from Python for the pieces
        rendered once per folder."""
        self.env.globals.update(fragments=self._fragment_macros, indexes=INDEXES)
        self.chronology = plan_listing(self.index.events, _event_date, INDEXES.chronology, "chronology", by_year=True)
        self.chronology_page: dict[str, Listing] = {
            event.id: page for page in self.chronology.pages() for event in page.items}
        """Event id -> the chronology page that lists it (for breadcrumbs)."""
        self.position = {event.id: number for number, event in enumerate(self.index.events)}
        """Event id -> its place in the reading order."""
        self.marks = maps.marks(timeline.regions)
        """Region id -> how maps draw it; regions left off the maps are absent."""
        self._map_macros: Any = self.env.get_template("map.html.jinja").module
        self.facets = explore.facets(timeline, self.index)

    def render(self, template: str, src_uri: str, derived: Callable[[], dict[str, Any]] | None = None,
               **context) -> str:
        """Render ``template`` for the page at ``src_uri``; its link filters resolve relative to that page.

        The template sees its context, the registries (``timeline``) and the options; the last build's text is
        reused when the context is the same. ``derived`` gives more of the context, worked out only when the
        page is rendered: values that follow from the rest of the context and the registries alone.
        """
        return self.reuse.get(("page", src_uri, template), context, self._render, template, src_uri, context,
                              derived)

    def _render(self, template: str, src_uri: str, context: dict[str, Any],
                derived: Callable[[], dict[str, Any]] | None) -> str:
        return self.env.get_template(template).render(
            page_uri=src_uri, timeline=self.timeline, options=self.options, **context, **(derived() if derived else {}))

    # Fragments that many pages repeat word for word are rendered once per folder and reused:
    # links are relative, so an event's line or a trail of breadcrumbs is the same on every
    # page of one folder.

    @pass_context
    def event_line(self, context: Context, event: Event) -> str:
        """``event|event_line``: the event as one item of a list on the page being rendered."""
        page_uri = context["page_uri"]
        key = ("event_line", event.id, page_uri.rpartition("/")[0])
        if (line := self._fragments.get(key)) is None:
            line = self._fragments[key] = self._fragment_macros.event_line(
                event, relative(page_uri, event_uri(event.id)))
        return line

    def figure_cell(self, claim: Claim) -> str:
        """``claim|figure_cell``: the claim's figure with its unit, bound and note, as one table cell.

        The same on the event's, the measure's and the claimant's page, so rendered once per claim.
        """
        key = ("figure", id(claim))  # claims live as long as the build, so their ids stay theirs
        if (cell := self._fragments.get(key)) is None:
            unit = self.timeline.measures[claim.measure].unit
            region = self.timeline.regions[claim.region].name if claim.region else None
            cell = self._fragments[key] = self._fragment_macros.figure(claim, unit, region)
        return cell

    @pass_context
    def claimant(self, context: Context, claim: Claim) -> str:
        """``claim|claimant``: who made the claim, as the sources name them, linked to the claimant's page."""
        name = claim.claimant_label or self.timeline.actors[claim.claimant].name
        page_uri = context["page_uri"]
        key = ("claimant", name, claim.claimant, page_uri.rpartition("/")[0])
        if (link := self._fragments.get(key)) is None:
            link = self._fragments[key] = self._fragment_macros.claimant(
                name, relative(page_uri, actor_uri(claim.claimant)))
        return link

    @pass_context
    def breadcrumbs(self, context: Context, crumbs: list[tuple[str, str]]) -> str:
        """``crumbs|breadcrumbs``: the trail of ``(label, page)`` links above the title."""
        folder = context["page_uri"].rpartition("/")[0]
        key = ("breadcrumbs", folder, *crumbs)
        if (trail := self._fragments.get(key)) is None:
            trail = self._fragments[key] = self._fragment_macros.breadcrumbs(
                [(label, relative(context["page_uri"], uri)) for label, uri in crumbs])
        return trail

    def pages(self) -> Iterator[GeneratedFile]:
        """Every Markdown page made from the entries, in a stable order."""
        yield self.home_page()
        yield from self.chronology_pages()
        for event in self.index.events:
            yield self.event_page(event)
        yield from self.region_pages()
        yield from self.actor_pages()
        yield from self.storylines_pages()
        yield from self.figure_pages()
        yield from self.tag_pages()
        yield self.explore_page()

    def _index_page(self, uri: str, template: str, edit_path: str | None = None, **context) -> GeneratedFile:
        return GeneratedFile(uri, self.render(template, uri, crumbs=HOME_TRAIL,
                                              edit_url=self.options.edit_url(edit_path), **context),
                             edit_path, in_nav=True)

    def _listing_pages(self, listing: Listing, template: str, crumbs: Sequence[tuple[str, str]],
                       edit_path: str | None = None,
                       **context) -> Iterator[GeneratedFile]:
        """Render a listing's root page and every page it was split into."""
        parent_of = {id(part): page for page in listing.pages() for part in page.parts}
        for page in listing.pages():
            trail, up = list(crumbs), parent_of.get(id(page))
            if up is not None:
                trail.append((context["title"], listing.uri))
                if up is not listing:
                    trail.append((up.label, up.uri))
            yield GeneratedFile(page.uri, self.render(template, page.uri, listing=page, root=listing, crumbs=trail,
                                                      edit_url=self.options.edit_url(edit_path), **context),
                                edit_path, in_nav=page.uri in INDEX_PATHS)

    # ------------------------------------------------------------ home and chronology

    def home_page(self) -> GeneratedFile:
        latest = sorted(self.index.news, key=lambda e: self.position[e.id], reverse=True)[:LATEST_ON_HOME]
        years = sorted({e.date.year for e in self.index.events})
        return self._index_page(INDEXES.home, "home.md.jinja", latest=latest, years=years,
                                event_count=len(self.index.events),
                                map=self.latest_map(latest, INDEXES.home),
                                series=self.series_lines(chart=False),
                                storylines=len(self.index.storylines), measures=len(self.index.measure_claims))

    def series_lines(self, *, chart: bool) -> list[SeriesLine]:
        """Every series with entries, by label; with ``chart``, each with its small chart."""
        lines = []
        for ident, events in self.index.series_events.items():
            series = self.timeline.series[ident]
            measure = self.timeline.measures[series.measure]
            refs = [ref for ref in self.index.measure_claims.get(series.measure, [])
                    if ref.event.series == ident and ref.claim.claimant == series.claimant] if chart else []
            lines.append(SeriesLine(series, events[0], events[-1], len(events), measure,
                                    series_chart(measure, refs, self.timeline, ident) if refs else ""))
        return sorted(lines, key=lambda line: line.series.label)

    def chronology_pages(self) -> Iterator[GeneratedFile]:
        yield from self._listing_pages(self.chronology, "chronology.md.jinja", HOME_TRAIL,
                                       title="Chronology", all_events=self.index.events, limit=LIST_LIMIT)

    # ------------------------------------------------------------ events

    def event_page(self, event: Event) -> GeneratedFile:
        uri = event_uri(event.id)
        path = self.timeline.event_paths[event.id]
        chronology = self.chronology_page[event.id]
        crumbs = [*HOME_TRAIL, ("Chronology", INDEXES.chronology)]
        if chronology.uri != INDEXES.chronology:
            crumbs.append((chronology.label, chronology.uri))
        links = self.index.links.get(event.id, {})
        content = self.render(
            "event.md.jinja", uri, lambda: self._event_details(event, uri), event=event, crumbs=crumbs,
            groups=self.claim_groups(event),
            links={LABELS[kind]: events for kind, events in links.items()},
            storyline=links.get(LinkKind.PART_OF, []),
            edit_url=self.options.edit_url(path),
        )
        return GeneratedFile(uri, content, path)

    def _event_details(self, event: Event, uri: str) -> dict[str, Any]:
        """What an event's page shows that follows from the event and the registries alone."""
        return {
            "roles": [(self.timeline.actors[r.actor], r.role) for r in event.actors],
            "places": [(self.timeline.regions[loc.region], loc.place) for loc in event.locations],
            "map": self.event_map(event, uri),
            "source_numbers": {s.id: n for n, s in enumerate(event.sources, 1)},
            "source_titles": {s.id: s.title for s in event.sources},
        }

    def claim_groups(self, event: Event) -> list[ClaimGroup]:
        """An event's claims by measure, in the order first claimed."""
        grouped: dict[str, list[Claim]] = defaultdict(list)
        for claim in event.claims:
            grouped[claim.measure].append(claim)
        measures = self.timeline.measures
        return [ClaimGroup(measure, measures[measure].label, measures[measure].unit, claims,
                           [self.conflict(event, pair, measures[measure].unit)
                            for pair in self.index.disputed.get(measure, {}).get(event.id, [])])
                for measure, claims in grouped.items()]

    def conflict(self, event: Event, pair: Conflicting, unit: str) -> Conflict:
        """A conflicting pair in words, as seen from ``event``: its own claim first."""
        here, there = (pair.first, pair.second) if pair.first.event is event else (pair.second, pair.first)

        def who(claim: Claim) -> str:
            return claim.claimant_label or self.timeline.actors[claim.claimant].name
        return Conflict(who(here.claim), claim_words(here.claim, unit, change=pair.change),
                        who(there.claim), claim_words(there.claim, unit, change=pair.change),
                        there.event if there.event is not event else None)

    # ------------------------------------------------------------ regions

    def region_pages(self) -> Iterator[GeneratedFile]:
        path = self.timeline.registry_paths.get("regions")
        regions = self.timeline.regions
        roots = [regions[r] for r in self.index.region_roots]
        yield self._index_page(INDEXES.regions, "regions.md.jinja", path,
                               tree=self._region_tree(self.index.region_roots),
                               maps=[(r, html) for r in roots if (html := self.subregion_map(r, INDEXES.regions))])
        for region in regions.values():
            ancestors = [regions[r] for r in reversed(self.index.region_ancestors(region.id))]
            events = self.index.region_events.get(region.id, [])
            listing = plan_listing(events, _event_date, region_uri(region.id), f"regions/{region.id}")
            crumbs = [*HOME_TRAIL, ("Regions", INDEXES.regions)] + [(a.name, region_uri(a.id)) for a in ancestors]
            yield from self._listing_pages(
                listing, "region.md.jinja", crumbs, path, title=region.name, region=region, ancestors=ancestors,
                map=Deferred.of(self.region_map, region, self._event_counts(self._descendants(region.id))),
                children=[(regions[r], len(self.index.region_events.get(r, [])))
                          for r in self.index.region_children.get(region.id, [])])

    def _region_tree(self, ids: list[str]) -> list[RegionNode]:
        return [RegionNode(self.timeline.regions[i], len(self.index.region_events.get(i, [])),
                           self._region_tree(self.index.region_children.get(i, []))) for i in ids]

    # ------------------------------------------------------------ maps

    def map_html(self, view: MapView | None) -> str:
        """The map as HTML, from pieces rendered once each: a frame's head, a region's area, a legend."""
        if view is None:
            return ""
        macros, fragments = self._map_macros, self._fragments

        def piece(key: tuple, render: Callable[..., str], *args: Any) -> str:
            if (found := fragments.get(key)) is None:
                found = fragments[key] = render(*args)
            return found
        href = view.shapes_href
        return (piece(("map-head", view.frame.name, href, view.title), macros.head, view)
                + "".join(piece(("map-area", href, area), macros.area, href, area) for area in view.areas)
                + piece(("map-tail", href, view.legend, view.note, view.caption), macros.tail, view))

    def _placed(self, page_uri: str, region_id: str, label: str, value: Decimal | None = None,
                link: bool = True) -> Placed | None:
        mark = self.marks.get(region_id)
        if mark is None:
            return None
        href = published_href(page_uri, region_uri(region_id)) if link else None
        return Placed(mark, self.timeline.regions[region_id].name, href, label, value)

    def _shapes(self, page_uri: str, frame: maps.Frame) -> str:
        return published_href(page_uri, map_shapes_path(frame.name))

    def event_map(self, event: Event, uri: str) -> str:
        """The event's places highlighted, in the smallest frame that shows them all."""
        if not event.locations:
            return ""
        key = ("map", uri.rpartition("/")[0], *((loc.region, loc.place) for loc in event.locations))
        if (html := self._fragments.get(key)) is None:
            placed, off_map = [], []
            for loc in event.locations:
                name = self.timeline.regions[loc.region].name
                item = self._placed(uri, loc.region, f"{name} ({loc.place})" if loc.place else name)
                (placed.append(item) if item is not None else off_map.append(name))
            frame = maps.frame_for(item.mark for item in placed)
            html = self._fragments[key] = self.map_html(maps.highlight(
                frame, self._shapes(uri, frame), "Map of the places of this event", placed,
                "Places of this event", off_map) if frame is not None else None)
        return html

    def _descendants(self, region_id: str) -> list[str]:
        found, todo = [], list(self.index.region_children.get(region_id, []))
        while todo:
            child = todo.pop(0)
            found.append(child)
            todo.extend(self.index.region_children.get(child, []))
        return found

    def _event_counts(self, region_ids: list[str]) -> dict[str, int]:
        return {ident: len(self.index.region_events.get(ident, [])) for ident in region_ids}

    def region_map(self, region: Region, counts: dict[str, int], uri: str) -> str:
        """A region page's map: events per sub-region (``counts``), else where the region is."""
        return self.subregion_map(region, uri, counts) or self.locator_map(region, uri)

    def subregion_map(self, region: Region, uri: str, counts: dict[str, int] | None = None) -> str:
        """Events per sub-region, for a region whose sub-regions have shapes or points of their own."""
        descendants = self._descendants(region.id)
        counts = counts if counts is not None else self._event_counts(descendants)
        placed = []
        for ident in descendants:
            mark = self.marks.get(ident)
            if mark is None or mark.via is not None:  # drawn by its parent's shape, which counts its events
                continue
            count = counts[ident]
            name = self.timeline.regions[ident].name
            item = self._placed(uri, ident, f"{name}: {_events(count)}", Decimal(count))
            if item is not None:
                placed.append(item)
        own = self.marks.get(region.id)
        frame = maps.frame_for([item.mark for item in placed] + ([own] if own else []))
        if not placed or frame is None:
            return ""
        return self.map_html(maps.choropleth(
            frame, self._shapes(uri, frame), f"Map of events per region of {region.name}", placed,
            _count_range, "No events", no_data="Not a region of the timeline"))

    def locator_map(self, region: Region, uri: str) -> str:
        """The region highlighted in the smallest frame that shows it whole."""
        item = self._placed(uri, region.id, region.name, link=False)
        frame = maps.frame_for([item.mark]) if item is not None else None
        if item is None or frame is None:
            return ""
        legend = region.name if item.mark.via is None else \
            f"{region.name}, drawn as {self.timeline.regions[item.mark.via].name}"
        return self.map_html(maps.highlight(frame, self._shapes(uri, frame), f"Map: where {region.name} is",
                                            [item], legend))

    def latest_map(self, latest: list[Event], uri: str) -> str:
        """Where the latest events happened: events per place among them."""
        events_at: dict[tuple, set[str]] = defaultdict(set)
        names: dict[tuple, list[str]] = defaultdict(list)
        first: dict[tuple, str] = {}
        countries: dict[str, set[str]] = defaultdict(set)
        for event in latest:
            for loc in event.locations:
                mark = self.marks.get(loc.region)
                if mark is None:
                    continue
                if self.timeline.regions[loc.region].kind == "country":  # no place within it: said in words
                    countries[self.timeline.regions[loc.region].name].add(event.id)
                    continue
                key = (mark.code, mark.point)
                events_at[key].add(event.id)
                name = self.timeline.regions[loc.region].name
                if name not in names[key]:
                    names[key].append(name)
                first.setdefault(key, loc.region)
        placed = []
        for key, events in events_at.items():
            label = f"{', '.join(names[key])}: {len(events)} of the latest {len(latest)} events"
            item = self._placed(uri, first[key], label, Decimal(len(events)))
            if item is not None:
                placed.append(item)
        frame = maps.frame_for(item.mark for item in placed)
        if not placed or frame is None:
            return ""
        whole = ", ".join(f"{name} ({len(events)})" for name, events in sorted(countries.items()))
        return self.map_html(maps.choropleth(
            frame, self._shapes(uri, frame), f"Map of where the latest {len(latest)} events happened", placed,
            _count_range, "No events",
            note=f"Placed in a whole country, not drawn: {whole}." if whole else ""))

    def measure_maps(self, measure: Measure, table: RegionTable, uri: str) -> list[str]:
        """A choropleth of the per-region figures of each claimant, for the moment of ``table``."""
        found = []
        whole = measure.unit == "count"
        word = UNITS[measure.unit].word

        def range_text(low: Decimal, high: Decimal) -> str:
            span = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
            return f"{span}\u00a0{word}" if word else span
        columns = []
        for column, claimant in enumerate(table.claimants):
            placed = []
            for region, cells in table.rows:
                point = chart_point(cells[column][0]) if len(cells[column]) == 1 else None
                mark = self.marks.get(region.id)
                if point is None or mark is None or mark.via is not None:
                    continue
                words = claim_words(cells[column][0].claim, measure.unit)
                item = self._placed(uri, region.id, f"{region.name}: {words}", point.value)
                if item is not None:
                    placed.append(item)
            frame = maps.frame_for(item.mark for item in placed)
            if placed and frame is not None:
                columns.append((claimant, placed, frame))
        classes = maps.bins([item.value for _, placed, _ in columns for item in placed if item.value is not None],
                            whole)  # one scale for every claimant's map: a colour means the same figures on each
        for claimant, placed, frame in columns:
            name = self.timeline.actors[claimant].name
            found.append(self.map_html(maps.choropleth(
                frame, self._shapes(uri, frame),
                f"Map of {measure.label.lower()} by region as claimed by {name}, {table.moment.text()}", placed,
                range_text, f"0\u00a0{word}" if word else "0", whole=whole, classes=classes,
                no_data=f"No figure from {name}", caption=f"{measure.label}, as claimed by {name}")))
        return found

    def map_files(self) -> list[GeneratedFile]:
        """The shared shapes file of each frame."""
        template = self.env.get_template("map-shapes.svg.jinja")
        return [GeneratedFile(map_shapes_path(frame.name),
                              template.render(frame=frame, credit=maps.CREDIT).encode("utf-8"))
                for frame in maps.frames()]

    # ------------------------------------------------------------ actors

    def actor_pages(self) -> Iterator[GeneratedFile]:
        path = self.timeline.registry_paths.get("actors")
        actors = self.timeline.actors
        by_kind: dict[str, list[ActorRow]] = {kind: [] for kind in ACTOR_KIND_LABELS}
        for actor in sorted(actors.values(), key=lambda a: a.name):
            count = len({e.id for events in self.index.actor_events.get(actor.id, {}).values() for e in events})
            by_kind[actor.kind].append(ActorRow(actor, count, len(self.index.actor_claims.get(actor.id, []))))
        groups = [(ACTOR_KIND_LABELS[k], members) for k, members in by_kind.items() if members]
        yield self._index_page(INDEXES.actors, "actors.md.jinja", path, groups=groups)
        for actor in actors.values():
            roles_by_event: dict[str, list[str]] = defaultdict(list)
            events: dict[str, Event] = {}
            for role, role_events in self.index.actor_events.get(actor.id, {}).items():
                for event in role_events:
                    roles_by_event[event.id].append(role)
                    events[event.id] = event
            ordered = sorted(events.values(), key=lambda e: self.position[e.id])
            listing = plan_listing(ordered, _event_date, actor_uri(actor.id), f"actors/{actor.id}")
            yield from self._listing_pages(
                listing, "actor.md.jinja", [*HOME_TRAIL, ("Actors", INDEXES.actors)], path, title=actor.name,
                actor=actor, group_by_role=Deferred.of(_group_by_role, dict(roles_by_event)),
                claims=self.index.actor_claims.get(actor.id, []),
                parent=actors.get(actor.parent) if actor.parent else None,
                members=sorted((a for a in actors.values() if a.parent == actor.id), key=lambda a: a.name),
                country=self.timeline.regions.get(actor.country) if actor.country else None)

    # ------------------------------------------------------------ storylines, figures and tags

    def storylines_pages(self) -> Iterator[GeneratedFile]:
        listing = plan_listing(self.index.storylines, lambda s: s.start.date, INDEXES.storylines, "storylines")
        yield from self._listing_pages(listing, "storylines.md.jinja", HOME_TRAIL, title="Storylines",
                                       parts_shown=PARTS_SHOWN, series=self.series_lines(chart=True))

    def figure_pages(self) -> Iterator[GeneratedFile]:
        path = self.timeline.registry_paths.get("measures")
        measures = [(m, len(self.index.measure_claims.get(m.id, [])))
                    for m in sorted(self.timeline.measures.values(), key=lambda m: m.label)]
        yield self._index_page(INDEXES.figures, "figures.md.jinja", path, measures=measures)
        for measure in self.timeline.measures.values():
            refs = in_moment_order(self.index.measure_claims.get(measure.id, []))
            listing = plan_listing(refs, moment, measure_uri(measure.id), f"figures/{measure.id}")
            disputed = self.index.disputed.get(measure.id, {})
            pairs = list(dict.fromkeys(pair for pairs in disputed.values() for pair in pairs))
            yield from self._listing_pages(
                listing, "measure.md.jinja", [*HOME_TRAIL, ("Figures", INDEXES.figures)], path,
                title=measure.label, measure=measure, disputed=disputed,
                conflicts=[self.conflict(pair.first.event, pair, measure.unit) for pair in pairs[:CONFLICTS_SHOWN]],
                conflict_count=len(pairs), conflict_events=[pair.first.event for pair in pairs[:CONFLICTS_SHOWN]],
                chart=Deferred.of(self.measure_chart, measure, refs),
                latest=latest_by_claimant(refs),
                regions=Deferred.of(self.region_table, refs),
                region_maps=Deferred.of(self.measure_maps, measure),
                subject=self.timeline.actors[measure.subject] if measure.subject else None,
                actors=self.timeline.actors)

    def measure_chart(self, measure: Measure, refs: list) -> str:
        """The chart of every claim on ``measure`` (``refs``), drawn once per build for all of its pages."""
        key = ("chart", measure.id)
        if (chart := self._fragments.get(key)) is None:
            chart = self._fragments[key] = measure_chart(measure, refs, self.timeline) if refs else ""
        return chart

    def region_table(self, refs: list, items: list) -> RegionTable | None:
        """Figures by region, of the claims on a measure page (``items``), or of all of them (``refs``)."""
        return region_table(items or refs, self.timeline)

    def tag_pages(self) -> Iterator[GeneratedFile]:
        tags = sorted(self.index.tag_events.items())
        yield self._index_page(INDEXES.tags, "tags.md.jinja", tags=tags)
        for tag, events in tags:
            listing = plan_listing(events, _event_date, tag_uri(tag), f"tags/{tag}")
            yield from self._listing_pages(listing, "tag.md.jinja", [*HOME_TRAIL, ("Tags", INDEXES.tags)],
                                           title=tag, tag=tag)

    # ------------------------------------------------------------ explore

    def explore_page(self) -> GeneratedFile:
        """The Explore page: a form of every facet; its script fills the results from :meth:`explore_data`."""
        uri = INDEXES.explore
        return self._index_page(uri, "explore.md.jinja", facets=self.facets, count=len(self.index.events),
                                data_href=published_href(uri, EXPLORE_DATA),
                                timeline_href=published_href(uri, export.TIMELINE_JSON),
                                csv_href=published_href(uri, export.EVENTS_CSV),
                                script_href=published_href(uri, EXPLORE_SCRIPT))

    def explore_data(self) -> GeneratedFile:
        return GeneratedFile(EXPLORE_DATA, explore.explore_json(self.timeline, self.index, self.options, self.facets,
                                                                self.reuse))

    # ------------------------------------------------------------ open data and redirects

    def data_page(self, files: list[GeneratedFile]) -> GeneratedFile:
        """The Data page: each export with a description and its size, the licence, and how to cite."""
        content = {f.path: f.content for f in files}
        uri, timeline = INDEXES.data, self.timeline
        exports = [ExportRow(f.path.rpartition("/")[2], relative(uri, f.path), f.kind, f.description,
                             _size(content[f.path])) for f in export.FORMATS]
        schemas = [ExportRow(relative(uri, f.path), relative(uri, f.path), "JSON Schema", "", _size(f.content))
                   for f in files if f.path.startswith(export.SCHEMA_FOLDER)]
        text = self.render(
            "data.md.jinja", uri, exports=exports, schemas=schemas,
            export_schema=relative(uri, export.SCHEMA_FOLDER + EXPORT_SCHEMA), schema_version=SCHEMA_VERSION,
            licence=export.LICENCE, licence_url=export.LICENCE_URL, citation=export.dataset_citation(self.options),
            updated=export.dataset_updated(timeline), event_count=len(timeline.events),
            claim_count=sum(len(e.claims) for e in timeline.events.values()),
            source_count=sum(len(e.sources) for e in timeline.events.values()),
            list_separator=export.LIST_SEPARATOR, feed_size=export.FEED_SIZE)
        return GeneratedFile(uri, text, in_nav=True)

    def redirect_pages(self) -> Iterator[GeneratedFile]:
        """A page at each former id of an event that sends readers and crawlers on to its current page."""
        for event in sorted(self.timeline.events.values(), key=lambda e: e.id):
            for alias in event.aliases:
                path = redirect_path(alias)
                target = relative(path, published_path(event_uri(event.id)))
                text = self.render("redirect.html.jinja", path, title=event.title, target=target,
                                   canonical=self.options.permalink(event.id) or target)
                yield GeneratedFile(path, text.encode("utf-8"))


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


def _count_range(low: Decimal, high: Decimal) -> str:
    return _events(int(low)) if low == high else f"{int(low)}–{int(high)} events"


def _number(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def _group_by_role(roles_by_event: dict[str, list[str]], events: list[Event]) -> list[tuple[str, list[Event]]]:
    """An actor's events under each role it played, roles in the vocabulary's order."""
    grouped: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for role in roles_by_event[event.id]:
            grouped[role].append(event)
    return [(role, grouped[role]) for role in ROLE_ORDER if role in grouped]


def build_pages(timeline: Timeline, options: SiteOptions | None = None) -> list[GeneratedFile]:
    """Every Markdown page made from the entries, in a stable order."""
    return list(SiteBuilder(timeline, options or SiteOptions()).pages())


def build_site(timeline: Timeline, options: SiteOptions | None = None,
               reuse: Reuse | None = None) -> list[GeneratedFile]:
    """Every file the site gets from the entries: pages, the Data page, open data, schemas and redirects.

    With ``reuse``, what the last build made from the same inputs is taken from it (:mod:`chronicle.reuse`).
    """
    builder = SiteBuilder(timeline, options or SiteOptions(), reuse)
    data = [*export.open_data(timeline, builder.options, builder.reuse), *published_schemas()]
    return [*builder.pages(), builder.data_page(data), *data, builder.explore_data(), *builder.map_files(),
            *builder.redirect_pages()]


class SiteMaker:
    """Makes the site's files build after build, rendering again only what an edit changed.

    What it keeps is valid while the registries and the options stay the same:
    when they change, it starts afresh (every page is rendered again; pages
    that come out the same are still the same bytes).
    """

    def __init__(self) -> None:
        self.reuse = Reuse()
        self._basis: tuple | None = None

    def build(self, timeline: Timeline, options: SiteOptions) -> list[GeneratedFile]:
        basis = (timeline.actors, timeline.regions, timeline.measures, timeline.series, timeline.registry_paths,
                 options)
        if self._basis is None or not same(basis, self._basis):
            self.reuse = Reuse()
        self._basis = basis
        self.reuse.start()
        files = build_site(timeline, options, self.reuse)
        self.reuse.finish()
        return files
