"""Generated Markdown compared with reviewed golden files in tests/golden/.

After an intended change, regenerate with ``UPDATE_GOLDEN=1 make test`` and
review the diff like any other change.
"""

import os

import pytest

from chronicle.catalog import load_timeline
from chronicle.pages import build_pages
from chronicle.site import SiteOptions
from conftest import ROOT, TINY

GOLDEN = ROOT / "tests" / "golden" / "tiny"
OPTIONS = SiteOptions(repo_url="https://github.com/example/timeline", site_name="Test timeline")


def generated() -> dict[str, str]:
    timeline = load_timeline(TINY, "timeline")
    return {page.path: page.content for page in build_pages(timeline, OPTIONS)}


PAGES = generated()


@pytest.mark.parametrize("uri", sorted(PAGES))
def test_generated_page_matches_golden_file(uri):
    golden = GOLDEN / uri
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(PAGES[uri], encoding="utf-8")
    assert golden.is_file(), f"no golden file for {uri}; run UPDATE_GOLDEN=1 make test and review it"
    assert PAGES[uri] == golden.read_text(encoding="utf-8")


def test_no_golden_file_is_left_without_a_page():
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert on_disk == set(PAGES)


def test_generation_is_deterministic():
    assert generated() == PAGES
