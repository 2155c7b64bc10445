"""Cross-linked indexes: every page reachable, links both ways, roll-ups, storylines and disputed figures."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import write
from integration.sitebuild import build_site, make_site
from integration.test_build import page

PART = """\
id: 2025-06-03-second-wave
title: Second wave
date: 2025-06-03
summary: A second wave of the raid.
status: reported
type: strike
locations:
  - region: capital
actors:
  - actor: beta
    role: perpetrator
sources:
  - id: wire
    title: Wire report
relations:
  part_of: [2025-06-01-air-raid]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import shutil

    from conftest import TINY
    folder = tmp_path_factory.mktemp("indexes")
    shutil.copytree(TINY, folder / "timeline")
    write(folder / "timeline" / "events" / "2025-06-03-second-wave.yaml", PART)
    return build_site(make_site(folder, folder / "timeline"))


def test_event_and_region_link_each_other_with_roll_up(site):
    raid = page(site, "events/2025-06-01-air-raid")
    assert "../../regions/capital/" in raid.links
    for region in ("capital", "north-province", "alpha-country"):
        listing = page(site, f"regions/{region}")
        assert "../../events/2025-06-01-air-raid/" in listing.links, region
    country = page(site, "regions/alpha-country")
    assert "Includes events in its sub-regions" in country.text
    assert "../north-province/" in country.links  # parent -> child
    assert "../north-province/" in page(site, "regions/capital").links  # child -> parent


def test_regions_index_shows_the_hierarchy_with_counts(site):
    index = page(site, "regions")
    assert (
        "Alphaland country · AA — 3 events North Province oblast — 3 events Capital City city — 2 events"
    ) in index.text


def test_actor_page_groups_events_by_role_and_lists_claims(site):
    beta = page(site, "actors/beta")
    assert "As perpetrator" in beta.text and "As party" in beta.text
    assert beta.text.index("As perpetrator") < beta.text.index("Air raid on the capital") < beta.text.index("As party")
    assert "Claims made" in beta.text and "denies no aircraft were hit" in beta.text
    actors = page(site, "actors")
    assert "States" in actors.text and "Armed forces" in actors.text and "Groups" in actors.text


def test_storyline_lists_parts_in_order_and_parts_link_back(site):
    storylines = page(site, "storylines")
    text = storylines.text
    assert text.index("Air raid on the capital") < text.index("Retaliatory strike") < text.index("Second wave")
    second = page(site, "events/2025-06-03-second-wave")
    assert "Part of Air raid on the capital" in second.text
    raid = page(site, "events/2025-06-01-air-raid")
    assert raid.text.index("Parts Retaliatory strike") < raid.text.index("Second wave")


def test_disputed_figures_stand_side_by_side(site):
    raid = page(site, "events/2025-06-01-air-raid")
    assert ("Aircraft hit disputed Figures that cannot both be true: Independent analysts (about 20) and Betaland "
            "(denies: no aircraft were hit) Claimant Stance Figure Source Independent analysts estimates about 20 1 "
            "Betaland denies no aircraft were hit 1") in raid.text
    measure = page(site, "figures/aircraft_hit")
    assert "Independent analysts estimates about 20" in measure.text
    assert "Betaland denies no aircraft were hit" in measure.text
    assert measure.text.count("disputed") >= 2
    assert "Drones launched" in page(site, "figures").text


def test_chronology_has_a_page_per_year(site):
    chronology = page(site, "chronology")
    assert "2024/" in chronology.links and "2025/" in chronology.links
    year = page(site, "chronology/2025")
    assert "June 2025" in year.text and "../../events/2025-06-01-air-raid/" in year.links
    assert "Border clash" not in year.text


def test_tags_are_listed(site):
    assert "drones — 1 event" in page(site, "tags").text
    assert "../../events/2025-06-01-air-raid/" in page(site, "tags/drones").links


def reachable_pages(site: Path) -> set[str]:
    """Pages reached by following links from the home page, as a reader clicking would."""
    seen, queue = {"/"}, deque(["/"])
    while queue:
        url = queue.popleft()
        html = site / url.lstrip("/") / "index.html"
        if not html.is_file():
            continue
        parser = page(site, url.strip("/")) if url != "/" else page(site, "")
        for href in parser.links:
            target = urlsplit(urljoin(url, href))
            if target.scheme or target.netloc or not target.path.endswith("/"):
                continue
            if target.path not in seen:
                seen.add(target.path)
                queue.append(target.path)
    return seen


def test_no_generated_page_is_an_orphan(site):
    every_page = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    every_page = {p.replace("/./", "/") for p in every_page}
    assert every_page - reachable_pages(site) == set()
