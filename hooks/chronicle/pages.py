"""Decide which pages exist and what each shows; templates only lay them out.

Every page is a :class:`Page` holding Markdown. Paths are MkDocs source paths
(``events/<id>.md``) so that links between pages are relative ``.md`` links
that MkDocs checks in strict mode. Each generated page is reachable from an
index page: events from the chronology, regions, actors, measures and tags
from their indexes, split listing pages from the page they were split from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

from jinja2 import pass_context
from jinja2.runtime import Context

from .catalog import Timeline
from .index import ClaimRef, TimelineIndex, build_index
from .listings import LIST_LIMIT, Listing, periods, plan_listing
from .models import Claim, Event, Quantity
from .render import environment, relative

ACTOR_KIND_LABELS = {
    "state": "States", "armed-forces": "Armed forces", "government-body": "Government bodies",
    "person": "People", "organisation": "Organisations", "group": "Groups",
}
REGION_KIND_LABELS = {
    "country": "country", "oblast": "oblast", "federal-subject": "federal subject", "city": "city",
    "autonomous-republic": "autonomous republic", "area": "area",
}
ROLE_LABELS = {
    "perpetrator": "Perpetrator", "target": "Target", "party": "Party", "claimant": "Claimant",
    "mediator": "Mediator", "responder": "Responder", "spokesperson": "Spokesperson",
    "commentator": "Commentator", "affected": "Affected",
}
LATEST_ON_HOME = 10

CHRONOLOGY = "chronology/index.md"
REGIONS = "regions/index.md"
ACTORS = "actors/index.md"
STORYLINES = "storylines/index.md"
FIGURES = "figures/index.md"
TAGS = "tags/index.md"
HOME = "index.md"


@dataclass(frozen=True)
class Page:
    src_uri: str
    """Source path inside the site, e.g. ``events/2025-06-01-operation-spider-web.md``."""
    content: str
    edit_path: str | None = None
    """Repository path of the YAML file behind the page, for 'edit this page' links."""


@dataclass(frozen=True)
class SiteOptions:
    """What the pages need to know about where the site and its repository live."""

    repo_url: str = ""
    """Repository home, e.g. ``https://github.com/owner/name``; empty disables edit links."""
    branch: str = "main"
    site_name: str = "Russia–Ukraine war timeline"
    site_url: str = ""
    """Published address of the site, e.g. ``https://example.org/timeline/``; empty if unknown."""

    def permalink(self, event_id: str) -> str:
        """Absolute address of an event's page; empty when ``site_url`` is not set."""
        return f"{self.site_url.rstrip('/')}/events/{event_id}/" if self.site_url else ""

    def edit_url(self, path: str | None) -> str | None:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{path}" if self.repo_url and path else None


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


@dataclass(frozen=True)
class ClaimGroup:
    """The claims about one measure on one event; disputed when claimants disagree."""

    measure_id: str
    label: str
    unit: str
    claims: list[Claim]
    disputed: bool


def claim_groups(event: Event, timeline: Timeline) -> list[ClaimGroup]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in event.claims:
        grouped[claim.measure].append(claim)
    return [ClaimGroup(measure, timeline.measures[measure].label, timeline.measures[measure].unit, claims,
                       is_disputed(claims)) for measure, claims in grouped.items()]


UNIT_WORDS = {"percent": "%", "years": "years"}
"""What follows a figure of each unit; counts and texts need no word."""


def figure_text(quantity: Quantity, unit: str) -> str:
    """A figure in words with its unit, e.g. ``about 20 %``, ``at least 4``, ``2–3 years``."""
    word = UNIT_WORDS.get(unit)
    return f"{quantity.text()}\u00a0{word}" if word else quantity.text()


def is_disputed(claims: list[Claim]) -> bool:
    """Claimants disagree: different figures or words, or one of them denies."""
    answers = {(str(c.value) if c.value else None, c.text, c.stance == "denies") for c in claims}
    claimants = {c.claimant for c in claims}
    return len(claimants) > 1 and len(answers) > 1


def _event_date(event: Event):
    return event.date


def _claim_date(ref: ClaimRef):
    return ref.event.date


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


def _group_by_role(events: list[Event], roles_by_event: dict[str, list[str]]) -> list[tuple[str, list[Event]]]:
    """An actor's events under each role it played, roles in a fixed order."""
    grouped: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for role in roles_by_event[event.id]:
            grouped[role].append(event)
    return [(ROLE_LABELS[role], grouped[role]) for role in ROLE_LABELS if role in grouped]


FOLLOW_VERBS = {"Followed by": "followed by", "Responses": "answered by"}
PARTS_SHOWN = 10
"""Parts listed under each operation on the storylines page; its own page lists them all."""


@dataclass(frozen=True)
class Storyline:
    """An operation told through its parts, or a chain of events that followed or answered each other."""

    start: Event
    kind: str
    """``parts`` for an operation, ``chain`` for a sequence of follow-ups and responses."""
    next: list[tuple[str, Event]]
    """The direct parts, or the events that directly followed or answered ``start``, each with its verb."""
    size: int
    """Events in the storyline besides ``start``, however deep."""
    last: Event | None = None
    """For a chain, its latest event."""


class SiteBuilder:
    """Renders every page of the timeline from one index."""

    def __init__(self, timeline: Timeline, options: SiteOptions) -> None:
        self.timeline = timeline
        self.options = options
        self.index: TimelineIndex = build_index(timeline)
        self.env = environment()
        self.env.filters.update(href_to=_href_to, event_href=_uri_filter(event_uri), region_href=_uri_filter(region_uri),
                                actor_href=_uri_filter(actor_uri), measure_href=_uri_filter(measure_uri),
                                tag_href=_uri_filter(tag_uri), event_line=self.event_line, breadcrumbs=self.breadcrumbs,
                                periods=lambda events: periods(events, _event_date), figure=figure_text)
        self._fragments: dict[tuple, str] = {}
        self._fragment_macros = self.env.get_template("_fragments.md.jinja").module
        self.chronology = plan_listing(self.index.events, _event_date, CHRONOLOGY, "chronology", by_year=True)
        self.chronology_page: dict[str, Listing] = {
            event.id: page for page in self.chronology.pages() for event in page.items}
        """Event id -> the chronology page that lists it (for breadcrumbs)."""
        self.storylines = self._storylines()
        self.position = {event.id: number for number, event in enumerate(self.index.events)}
        """Event id -> its place in the chronological order."""

    def render(self, template: str, src_uri: str, **context) -> str:
        """Render ``template`` for the page at ``src_uri``; its link filters resolve relative to that page."""
        return self.env.get_template(template).render(
            page_uri=src_uri, timeline=self.timeline, index=self.index,
            options=self.options, **context)

    # Fragments that many pages repeat word for word are rendered once per folder and reused:
    # links are relative, so an event's line or a trail of breadcrumbs is the same on every
    # page of one folder.

    @pass_context
    def event_line(self, context: Context, event: Event) -> str:
        """``event|event_line``: the event as one item of a list on the page being rendered."""
        page_uri = context["page_uri"]
        key = ("event_line", event.id, page_uri.rpartition("/")[0])
        if (line := self._fragments.get(key)) is None:
            line = self._fragments[key] = self._fragment_macros.event_line(event, relative(page_uri, event_uri(event.id)))
        return line

    @pass_context
    def breadcrumbs(self, context: Context, crumbs: list[tuple[str, str]]) -> str:
        """``crumbs|breadcrumbs``: the trail of ``(label, page)`` links above the title."""
        folder = context["page_uri"].rpartition("/")[0]
        key = ("breadcrumbs", folder, *crumbs)
        if (trail := self._fragments.get(key)) is None:
            trail = self._fragments[key] = self._fragment_macros.breadcrumbs(
                [(label, relative(context["page_uri"], uri)) for label, uri in crumbs])
        return trail

    def pages(self) -> Iterator[Page]:
        yield self.home_page()
        yield from self.chronology_pages()
        for event in self.index.events:
            yield self.event_page(event)
        yield from self.region_pages()
        yield from self.actor_pages()
        yield from self.storylines_pages()
        yield from self.figure_pages()
        yield from self.tag_pages()

    def _listing_pages(self, listing: Listing, template: str, crumbs: list, edit_path: str | None = None,
                       **context) -> Iterator[Page]:
        """Render a listing's root page and every page it was split into."""
        parent_of = {id(part): page for page in listing.pages() for part in page.parts}
        for page in listing.pages():
            trail, up = list(crumbs), parent_of.get(id(page))
            if up is not None:
                trail.append((context["title"], listing.uri))
                if up is not listing:
                    trail.append((up.label, up.uri))
            yield Page(page.uri, self.render(template, page.uri, listing=page, root=listing, crumbs=trail,
                                             edit_url=self.options.edit_url(edit_path), **context), edit_path)

    # ------------------------------------------------------------ home and chronology

    def home_page(self) -> Page:
        latest = sorted(self.index.events, key=lambda e: (e.date.sort_key, e.id), reverse=True)[:LATEST_ON_HOME]
        years = sorted({e.date.year for e in self.index.events})
        return Page(HOME, self.render("home.md.jinja", HOME, latest=latest, years=years,
                                      chronology=self.chronology, storylines=len(self.storylines),
                                      measures=len(self.index.measure_claims)))

    def chronology_pages(self) -> Iterator[Page]:
        yield from self._listing_pages(self.chronology, "chronology.md.jinja", [("Home", HOME)],
                                       title="Chronology", all_events=self.index.events, limit=LIST_LIMIT)

    # ------------------------------------------------------------ events

    def event_page(self, event: Event) -> Page:
        uri = event_uri(event.id)
        path = self.timeline.event_paths[event.id]
        chronology = self.chronology_page[event.id]
        crumbs = [("Home", HOME), ("Chronology", CHRONOLOGY)]
        if chronology.uri != CHRONOLOGY:
            crumbs.append((chronology.label, chronology.uri))
        links = self.index.links.get(event.id, {})
        content = self.render(
            "event.md.jinja", uri, event=event, crumbs=crumbs,
            roles=[(self.timeline.actors[r.actor], ROLE_LABELS[r.role]) for r in event.actors],
            places=[(self.timeline.regions[loc.region], loc.place) for loc in event.locations],
            groups=claim_groups(event, self.timeline),
            links=links, storyline=links.get("Part of", []),
            edit_url=self.options.edit_url(path),
            source_numbers={s.id: n for n, s in enumerate(event.sources, 1)},
            source_titles={s.id: s.title for s in event.sources},
        )
        return Page(uri, content, path)

    # ------------------------------------------------------------ regions

    def region_pages(self) -> Iterator[Page]:
        path = self.timeline.registry_paths.get("regions")
        regions = self.timeline.regions
        roots = sorted((r for r in regions.values() if r.parent is None), key=lambda r: r.name)
        tree = self._region_tree([r.id for r in roots])
        yield Page(REGIONS, self.render("regions.md.jinja", REGIONS, tree=tree, crumbs=[("Home", HOME)],
                                        edit_url=self.options.edit_url(path)), path)
        for region in regions.values():
            ancestors = [regions[r] for r in reversed(self.index.region_ancestors(region.id))]
            events = self.index.region_events.get(region.id, [])
            listing = plan_listing(events, _event_date, region_uri(region.id), f"regions/{region.id}")
            crumbs = [("Home", HOME), ("Regions", REGIONS)] + [(a.name, region_uri(a.id)) for a in ancestors]
            yield from self._listing_pages(
                listing, "region.md.jinja", crumbs, path, title=region.name, region=region,
                kind=REGION_KIND_LABELS[region.kind], ancestors=ancestors,
                children=[regions[r] for r in self.index.region_children.get(region.id, [])])

    def _region_tree(self, ids: list[str]) -> list[tuple]:
        """Nested ``(region, event count, children)`` for the regions index."""
        return [(self.timeline.regions[i], len(self.index.region_events.get(i, [])),
                 self._region_tree(self.index.region_children.get(i, []))) for i in ids]

    # ------------------------------------------------------------ actors

    def actor_pages(self) -> Iterator[Page]:
        path = self.timeline.registry_paths.get("actors")
        actors = self.timeline.actors
        by_kind: dict[str, list] = {kind: [] for kind in ACTOR_KIND_LABELS}
        for actor in sorted(actors.values(), key=lambda a: a.name):
            count = sum(len(e) for e in self.index.actor_events.get(actor.id, {}).values())
            by_kind[actor.kind].append((actor, count, len(self.index.actor_claims.get(actor.id, []))))
        groups = [(ACTOR_KIND_LABELS[k], members) for k, members in by_kind.items() if members]
        yield Page(ACTORS, self.render("actors.md.jinja", ACTORS, groups=groups, crumbs=[("Home", HOME)],
                                       edit_url=self.options.edit_url(path)), path)
        for actor in actors.values():
            roles_by_event: dict[str, list[str]] = defaultdict(list)
            events: dict[str, Event] = {}
            for role, role_events in self.index.actor_events.get(actor.id, {}).items():
                for event in role_events:
                    roles_by_event[event.id].append(role)
                    events[event.id] = event
            ordered = sorted(events.values(), key=lambda e: self.position[e.id])
            listing = plan_listing(ordered, _event_date, actor_uri(actor.id), f"actors/{actor.id}")
            claims = self.index.actor_claims.get(actor.id, [])
            crumbs = [("Home", HOME), ("Actors", ACTORS)]
            yield from self._listing_pages(
                listing, "actor.md.jinja", crumbs, path, title=actor.name, actor=actor,
                group_by_role=lambda items: _group_by_role(items, roles_by_event), claims=claims,
                parent=actors.get(actor.parent) if actor.parent else None,
                members=sorted((a for a in actors.values() if a.parent == actor.id), key=lambda a: a.name),
                country=self.timeline.regions.get(actor.country) if actor.country else None)

    # ------------------------------------------------------------ storylines

    def _storylines(self) -> list[Storyline]:
        """Operations with parts, and chains of events that followed or answered one another, by start date."""
        links = self.index.links
        found = [Storyline(root, "parts", [("", part) for part in links[root.id]["Parts"]],
                           len(self._descendants(root, ("Parts",))))
                 for root in self.index.events
                 if "Parts" in links.get(root.id, {}) and not root.relations.part_of]
        follow_on = ("Followed by", "Responses")
        for start in self.index.events:
            here = links.get(start.id, {})
            if any(label in here for label in follow_on) and not ("Follows" in here or "In response to" in here):
                chain = self._descendants(start, follow_on)
                found.append(Storyline(start, "chain", [(FOLLOW_VERBS[label], e) for label in follow_on
                                                        for e in here.get(label, [])],
                                       len(chain), max(chain, key=lambda e: (e.date.sort_key, e.id))))
        return sorted(found, key=lambda s: (s.start.date.sort_key, s.start.id, s.kind != "parts"))

    def _descendants(self, start: Event, labels: tuple[str, ...]) -> list[Event]:
        """Every event reached from ``start`` through the given links (cycles are followed once)."""
        seen, stack, found = {start.id}, [start], []
        while stack:
            event = stack.pop()
            for label in labels:
                for other in self.index.links.get(event.id, {}).get(label, []):
                    if other.id not in seen:
                        seen.add(other.id)
                        found.append(other)
                        stack.append(other)
        return found

    def storylines_pages(self) -> Iterator[Page]:
        listing = plan_listing(self.storylines, lambda s: s.start.date, STORYLINES, "storylines")
        yield from self._listing_pages(listing, "storylines.md.jinja", [("Home", HOME)], title="Storylines",
                                       parts_shown=PARTS_SHOWN)

    # ------------------------------------------------------------ figures and tags

    def figure_pages(self) -> Iterator[Page]:
        path = self.timeline.registry_paths.get("measures")
        measures = [(m, len(self.index.measure_claims.get(m.id, [])))
                    for m in sorted(self.timeline.measures.values(), key=lambda m: m.label)]
        yield Page(FIGURES, self.render("figures.md.jinja", FIGURES, measures=measures, crumbs=[("Home", HOME)],
                                        edit_url=self.options.edit_url(path)), path)
        for measure in self.timeline.measures.values():
            refs = self.index.measure_claims.get(measure.id, [])
            disputed = {ref.event.id for ref in refs
                        if is_disputed([c for c in ref.event.claims if c.measure == measure.id])}
            listing = plan_listing(refs, _claim_date, measure_uri(measure.id), f"figures/{measure.id}")
            yield from self._listing_pages(listing, "measure.md.jinja", [("Home", HOME), ("Figures", FIGURES)],
                                           path, title=measure.label, measure=measure, disputed=disputed)

    def tag_pages(self) -> Iterator[Page]:
        tags = sorted(self.index.tag_events.items())
        yield Page(TAGS, self.render("tags.md.jinja", TAGS, tags=tags, crumbs=[("Home", HOME)]))
        for tag, events in tags:
            listing = plan_listing(events, _event_date, tag_uri(tag), f"tags/{tag}")
            yield from self._listing_pages(listing, "tag.md.jinja", [("Home", HOME), ("Tags", TAGS)],
                                           title=tag, tag=tag)


def build_pages(timeline: Timeline, options: SiteOptions | None = None) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    return list(SiteBuilder(timeline, options or SiteOptions()).pages())
