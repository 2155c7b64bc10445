"""Decide which pages exist and what each shows; templates only lay them out.

Every page is a :class:`Page` holding Markdown. Paths are MkDocs source paths
(``events/<id>.md``) so that links between pages are relative ``.md`` links
that MkDocs checks in strict mode.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from .catalog import Timeline
from .dates import MONTHS
from .index import ROLE_ORDER, ClaimRef, TimelineIndex, build_index
from .models import Actor, Claim, Event, Region
from .render import environment, relative

ACTOR_KIND_LABELS = {
    "state": "States", "armed-forces": "Armed forces", "government-body": "Government bodies",
    "person": "People", "organisation": "Organisations", "group": "Groups",
}
ROLE_LABELS = {
    "perpetrator": "Perpetrator", "target": "Target", "party": "Party", "claimant": "Claimant",
    "mediator": "Mediator", "responder": "Responder", "spokesperson": "Spokesperson",
    "commentator": "Commentator", "affected": "Affected",
}
STANCE_LABELS = {"asserts": "asserts", "estimates": "estimates", "denies": "denies"}
LIST_LIMIT = 200
"""Longest list on one index page; longer ones are split by year."""


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

    def edit_url(self, path: str) -> str | None:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{path}" if self.repo_url else None


def event_uri(event_id: str) -> str:
    return f"events/{event_id}.md"


def region_uri(region_id: str) -> str:
    return f"regions/{region_id}.md"


def actor_uri(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


@dataclass(frozen=True)
class ClaimGroup:
    """The claims about one measure on one event; disputed when claimants disagree."""

    measure_id: str
    label: str
    claims: list[Claim]
    disputed: bool


def claim_groups(event: Event, timeline: Timeline) -> list[ClaimGroup]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in event.claims:
        grouped[claim.measure].append(claim)
    return [ClaimGroup(measure, timeline.measures[measure].label, claims, is_disputed(claims))
            for measure, claims in grouped.items()]


def is_disputed(claims: list[Claim]) -> bool:
    """Claimants disagree: different figures or words, or one of them denies."""
    answers = {(str(c.value) if c.value else None, c.text, c.stance == "denies") for c in claims}
    claimants = {c.claimant for c in claims}
    return len(claimants) > 1 and len(answers) > 1


def group_by_month(events: list[Event]) -> list[tuple[int, list[tuple[str, list[Event]]]]]:
    """Events by year, then by month ('Undated within the year' for year precision)."""
    years: dict[int, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        month = event.date.start.month
        label = f"{MONTHS[month - 1]} {event.date.year}" if month else f"{event.date.year}, month not given"
        years[event.date.year][label].append(event)
    return [(year, list(months.items())) for year, months in years.items()]


class SiteBuilder:
    """Renders every page of the timeline from one index."""

    def __init__(self, timeline: Timeline, options: SiteOptions) -> None:
        self.timeline = timeline
        self.options = options
        self.index: TimelineIndex = build_index(timeline)
        self.env = environment()

    def render(self, template: str, src_uri: str, **context) -> str:
        """Render ``template`` for the page at ``src_uri`` with its relative-link helpers."""
        def link(to_uri: str) -> str:
            return relative(src_uri, to_uri)
        return self.env.get_template(template).render(
            link=link, event_uri=event_uri, region_uri=region_uri, actor_uri=actor_uri,
            timeline=self.timeline, index=self.index, options=self.options, **context)

    def pages(self) -> Iterator[Page]:
        yield self.home_page()
        for event in self.index.events:
            yield self.event_page(event)
        yield from self.region_pages()
        yield from self.actor_pages()

    # ------------------------------------------------------------ events

    def event_page(self, event: Event) -> Page:
        uri = event_uri(event.id)
        path = self.timeline.event_paths[event.id]
        parents = [self.timeline.regions[loc.region] for loc in event.locations]
        content = self.render(
            "event.md.jinja", uri, event=event,
            roles=[(self.timeline.actors[r.actor], ROLE_LABELS[r.role]) for r in event.actors],
            places=[(region, loc.place) for region, loc in zip(parents, event.locations)],
            groups=claim_groups(event, self.timeline),
            links=self.index.links.get(event.id, {}),
            edit_url=self.options.edit_url(path), stance_labels=STANCE_LABELS,
            source_numbers={s.id: n for n, s in enumerate(event.sources, 1)},
            source_titles={s.id: s.title for s in event.sources},
        )
        return Page(uri, content, path)

    def home_page(self) -> Page:
        uri = "index.md"
        return Page(uri, self.render("home.md.jinja", uri, years=group_by_month(self.index.events)))

    # ------------------------------------------------------------ regions and actors

    def region_pages(self) -> Iterator[Page]:
        path = self.timeline.registry_paths.get("regions")
        for region in self.timeline.regions.values():
            uri = region_uri(region.id)
            ancestors = [self.timeline.regions[r] for r in self.index.region_ancestors(region.id)]
            children = [self.timeline.regions[r] for r in self.index.region_children.get(region.id, [])]
            events = self.index.region_events.get(region.id, [])
            yield Page(uri, self.render("region.md.jinja", uri, region=region, ancestors=ancestors,
                                        children=children, years=group_by_month(events), count=len(events),
                                        edit_url=self.options.edit_url(path) if path else None), path)

    def actor_pages(self) -> Iterator[Page]:
        path = self.timeline.registry_paths.get("actors")
        for actor in self.timeline.actors.values():
            uri = actor_uri(actor.id)
            by_role = [(ROLE_LABELS[role], events)
                       for role, events in self.index.actor_events.get(actor.id, {}).items()]
            claims = self.index.actor_claims.get(actor.id, [])
            yield Page(uri, self.render("actor.md.jinja", uri, actor=actor, by_role=by_role, claims=claims,
                                        parent=self.timeline.actors.get(actor.parent) if actor.parent else None,
                                        country=self.timeline.regions.get(actor.country) if actor.country else None,
                                        stance_labels=STANCE_LABELS,
                                        edit_url=self.options.edit_url(path) if path else None), path)


def build_pages(timeline: Timeline, options: SiteOptions | None = None) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    return list(SiteBuilder(timeline, options or SiteOptions()).pages())
