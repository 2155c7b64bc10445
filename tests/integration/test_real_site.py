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
        "Ukrainian defence forces asserts 199", "Ukrainian defence forces asserts 36",
        "asserts 13", "asserts 19",
        "asserts 3", "asserts about 50", "asserts 14", "at least 4",
        "Volyn", "Lviv", "Ternopil", "Kyiv", "Sumy", "Poltava", "Cherkasy", "Chernihiv", "Khmelnytskyi",
        "night of 5–6 June 2025",
    ]),
    ("events/2025-06-01-operation-spider-web", [
        "US officials estimates about 20", "US officials estimates about 10",
        "the Ukrainian president asserts About twice the US officials' estimate",
        "the Russian government denies", "Russian military bloggers asserts more than 10",
        "Tu-95MS", "Tu-22M3", "several years", "Aircraft hit disputed", "Aircraft lost disputed",
        "Preparation of Operation Spider Web",
    ]),
    ("events/2025-05-prisoner-exchange-of-1000", ["1,000", "May 2025"]),
    ("events/2025-06-agreement-on-500-for-500-prisoner-exchange", ["500"]),
    ("events/2025-06-russia-reports-174-drones-neutralised", ["174", "3"]),
    ("events/2025-06-russian-occupation-of-about-a-fifth-of-ukraine", ["about 20%"]),
    ("events/2014-03-annexation-of-crimea", ["March 2014"]),
    ("events/2022-02-24-full-scale-invasion", ["24 February 2022"]),
])
def test_report_figures_are_shown_with_their_claimants(site, uri, expected):
    text = page(site, uri).text
    for phrase in expected:
        assert phrase in text, f"{phrase!r} missing on {uri}"
