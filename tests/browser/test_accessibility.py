"""axe-core finds no critical or serious accessibility problem on the pages readers land on."""

from __future__ import annotations

import pytest

from .conftest import AXE_SCRIPT

pytestmark = pytest.mark.browser

AXE_VERSION = "4.14.1"
BLOCKING = ("critical", "serious")
PAGES = {
    "home": "",
    "chronology": "chronology/",
    "event": "events/2025-06-01-operation-spider-web/",
    "region": "regions/kyiv/",
    "actor": "actors/ukrainian-air-force/",
    "measure": "figures/aircraft_lost/",  # a chart, the latest figures, a dispute naming both claims
}


def axe_violations(page) -> list[dict]:
    """Run the vendored axe-core on the open page; return its violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    assert page.evaluate("axe.version") == AXE_VERSION, "tests/browser/vendor/README.md names the version"
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def describe(violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"{violation['impact']} {violation['id']}: {violation['help']} at {nodes}"


@pytest.mark.parametrize("uri", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_violations(scheme_page, base_url, uri):
    response = scheme_page.goto(base_url + uri)
    assert response.ok, f"{uri} answered {response.status}"
    blocking = [v for v in axe_violations(scheme_page) if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(describe(v) for v in blocking)
