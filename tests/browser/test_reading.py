"""A reader browses and searches the site in Chromium, the way people use it."""

from __future__ import annotations

import re

import pytest

from .conftest import search

pytestmark = pytest.mark.browser

SPIDER_WEB = "events/2025-06-01-operation-spider-web/"


def assert_clean(page) -> None:
    """Nothing went wrong on the pages seen so far: no console errors, no third-party requests."""
    assert page.log.console_errors == [], "console errors:\n" + "\n".join(page.log.console_errors)
    assert page.log.foreign_requests() == [], (
        "requests to hosts other than the local server:\n" + "\n".join(page.log.foreign_requests()))


def click_and_arrive(page, link, url_part: str, heading: str | re.Pattern) -> None:
    """Click ``link``, wait for the new page and check its address and main heading."""
    link.click()
    # Search results add ?h=<query> so that the page highlights the words found.
    page.wait_for_url(re.compile(re.escape(url_part) + r"(\?[^#/]*)?(#[^/]*)?$"))
    page.wait_for_load_state("load")
    h1 = page.locator("article h1").first.inner_text()
    if isinstance(heading, str):
        assert heading in h1, f"expected heading {heading!r} on {page.url}, found {h1!r}"
    else:
        assert heading.search(h1), f"expected heading matching {heading.pattern!r}, found {h1!r}"
    assert_clean(page)


def article_link(page, text: str):
    """The first link in the page body whose text starts with ``text``."""
    return page.locator("article").get_by_role("link", name=re.compile("^" + re.escape(text))).first


def nav_tab(page, label: str):
    return page.locator(".md-tabs__link", has_text=label).first


def test_walk_from_home_to_an_actor_by_links(page, base_url):
    page.goto(base_url)
    assert "Russia–Ukraine war timeline" in page.title()
    assert_clean(page)

    click_and_arrive(page, nav_tab(page, "Chronology"), "chronology/", "Chronology")
    assert page.locator("article a[href*='events/']").count() >= 10, "the chronology lists the events"

    click_and_arrive(page, article_link(page, "Operation Spider Web"),
                     SPIDER_WEB, "Operation Spider Web")
    assert page.locator("article .tl-date").first.inner_text() == "1 June 2025"
    assert page.locator("article .tl-disputed").count() >= 1, "conflicting aircraft counts are marked"

    click_and_arrive(page, article_link(page, "Siberia"), "regions/siberia/", "Siberia")
    assert page.locator(f"article a[href*='{SPIDER_WEB}']").count() == 1, \
        "the region lists the event that happened there"

    click_and_arrive(page, nav_tab(page, "Actors"), "actors/", "Actors")
    click_and_arrive(page, article_link(page, "Ukrainian Air Force"),
                     "actors/ukrainian-air-force/", "Ukrainian Air Force")
    assert page.locator("article a[href*='events/2025-06-05-mass-strikes-on-ukraine/']").count() >= 1, \
        "the actor page lists the attack the air force reported on"

    visited = [url.removeprefix(base_url) for url in page.log.visited]
    assert visited == ["", "chronology/", SPIDER_WEB, "regions/siberia/", "actors/",
                       "actors/ukrainian-air-force/"]


def test_search_finds_an_event_by_an_actors_name(page, base_url):
    results = search(page, base_url, "Bronk")
    event = results.filter(has=page.locator("h1", has_text="Operation Spider Web"))
    assert event.count() == 1, f"results: {results.all_inner_texts()}"
    click_and_arrive(page, event, SPIDER_WEB, "Operation Spider Web")


def test_search_finds_a_place_by_its_native_script_name(page, base_url):
    results = search(page, base_url, "Київ")
    kyiv = results.filter(has=page.locator("h1", has_text=re.compile(r"^Kyiv$")))
    assert kyiv.count() == 1, f"results: {results.all_inner_texts()}"
    click_and_arrive(page, kyiv, "regions/kyiv/", "Kyiv")
    assert "Київ" in page.locator("article").inner_text()
    click_and_arrive(page, article_link(page, "Overnight"),
                     "events/2025-06-05-mass-strikes-on-ukraine/", "Overnight")
