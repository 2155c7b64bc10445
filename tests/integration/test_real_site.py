"""The real repository's site: every figure from the first report is shown with its claimant."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from integration.test_build import page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("real") / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    build(config)
    return site_dir


@pytest.mark.parametrize("uri, expected", [
    ("events/2025-06-05-mass-strikes-on-ukraine", [
        "Ukrainian Air Force asserts 407", "Ukrainian Air Force asserts 45",
        "the report (no source named) asserts 199", "the report (no source named) asserts 36",
        "the report (no source named) asserts 13", "the report (no source named) asserts 19",
        "asserts 3", "asserts about 50", "asserts 14", "at least 4",
        "Volyn", "Lviv", "Ternopil", "Kyiv", "Sumy", "Poltava", "Cherkasy", "Chernihiv", "Khmelnytskyi",
        "night of 5–6 June 2025",
    ]),
    ("events/2025-06-01-operation-spider-web", [
        "US officials estimates about 20", "US officials estimates about 10",
        "the Ukrainian president asserts About twice the US officials' estimate",
        "the Russian government denies", "Russian military bloggers asserts more than 10",
        "Tu-95MS", "Tu-22M3", "several years", "Russian aircraft lost disputed",
        "Preparation of Operation Spider Web",
    ]),
    ("events/2025-05-prisoner-exchange-of-1000", ["1,000", "May 2025"]),
    ("events/2025-06-agreement-on-500-for-500-prisoner-exchange", ["500"]),
    ("events/2025-06-russia-reports-174-drones-neutralised", ["174", "3"]),
    ("events/2025-06-russian-occupation-of-about-a-fifth-of-ukraine",
     ["the report (no source named) asserts about 20", "approximately 20%"]),
    ("events/2014-03-annexation-of-crimea", ["March 2014"]),
    ("events/2022-02-24-full-scale-invasion", ["24 February 2022"]),
])
def test_report_figures_are_shown_with_their_claimants(site, uri, expected):
    text = page(site, uri).text
    for phrase in expected:
        assert phrase in text, f"{phrase!r} missing on {uri}"


NINE_REGIONS = ("volyn-oblast", "lviv-oblast", "ternopil-oblast", "kyiv", "sumy-oblast", "poltava-oblast",
                "cherkasy-oblast", "chernihiv-oblast", "khmelnytskyi-oblast")


@pytest.mark.parametrize("region", NINE_REGIONS)
def test_each_region_of_the_strike_night_lists_it(site, region):
    listing = page(site, f"regions/{region}")
    assert "../../events/2025-06-05-mass-strikes-on-ukraine/" in listing.links
    assert "Overnight Russian drone and missile attack on Ukraine" in listing.text


# Former ids of renamed entries: their pages only redirect to the current page, and nothing links to them.
REDIRECTS = {"2023-12-spider-web-preparation": "2025-06-spider-web-preparation"}


def test_every_page_of_the_real_site_is_reached_from_home(site):
    from integration.test_indexes import reachable_pages
    every_page = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    every_page = {p.replace("/./", "/") for p in every_page}
    assert every_page - reachable_pages(site) == {f"/events/{old}/" for old in REDIRECTS}


@pytest.mark.parametrize("old, new", REDIRECTS.items())
def test_the_former_id_of_a_renamed_entry_redirects_to_it(site, old, new):
    html = (site / "events" / old / "index.html").read_text(encoding="utf-8")
    assert f"../{new}/" in html
    assert (site / "events" / new / "index.html").is_file()


def test_spider_web_shows_its_parts_and_conflicting_aircraft_figures_side_by_side(site):
    text = page(site, "events/2025-06-01-operation-spider-web").text
    # the president's figure is given only in words ("about twice" the US estimate): nothing to compute a
    # conflict from, so the two stand side by side, unmarked, with the report's wording
    figures = text.index("marked disputed.")  # after the explanation that opens the figures
    hit = text[text.index("Russian aircraft hit", figures):text.index("Russian aircraft destroyed", figures)]
    assert "disputed" not in hit
    assert "US officials estimates about 20" in hit and "the Ukrainian president asserts" in hit
    # a denial of any loss and "more than ten lost" cannot both be true: marked, naming both
    lost = text[text.index("Russian aircraft lost disputed"):]
    assert ("Figures that cannot both be true: the Russian government (denies: Denied that any aircraft were lost; "
            "said damage to some planes would be repaired.) and Russian military bloggers (more than 10)") in lost
    assert "the Russian government denies" in lost and "Russian military bloggers asserts more than 10" in lost
    assert "Parts Preparation of Operation Spider Web" in text
