"""Addresses are worked out in one place: source path, published path, absolute address."""

import pytest

from chronicle.site import INDEXES, SiteOptions, event_uri, published_path, redirect_path


@pytest.mark.parametrize("source, published", [
    ("index.md", ""), ("chronology/index.md", "chronology/"), ("events/2025-06-01-x.md", "events/2025-06-01-x/"),
    ("chronology/2025-06.md", "chronology/2025-06/"), ("data/timeline.json", "data/timeline.json"),
    ("feed.xml", "feed.xml"),
])
def test_a_page_is_published_as_a_folder_and_a_file_keeps_its_path(source, published):
    assert published_path(source) == published


def test_absolute_addresses_need_the_site_address():
    options = SiteOptions(site_url="https://example.org/timeline/", repo_url="https://github.com/o/n")
    assert options.permalink("2025-06-01-x") == "https://example.org/timeline/events/2025-06-01-x/"
    assert options.url(INDEXES.data) == "https://example.org/timeline/data/"
    assert options.edit_url("timeline/regions.yaml") == "https://github.com/o/n/edit/main/timeline/regions.yaml"
    assert SiteOptions().permalink("x") == "" and SiteOptions().edit_url("x") is None


def test_a_former_id_leaves_a_page_where_its_event_page_was():
    assert redirect_path("old-id") == published_path(event_uri("old-id")) + "index.html" == "events/old-id/index.html"
