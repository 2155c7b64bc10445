"""CONTRIBUTING.md documents every field, value and measure a contributor can write."""

import re
import shutil
import typing

import pytest
import yaml

from chronicle.catalog import load_timeline
from chronicle.errors import TimelineError
from chronicle.models import (
    Actor,
    ActorKind,
    ActorRole,
    Bound,
    Claim,
    Counting,
    Event,
    EventType,
    Location,
    Measure,
    Period,
    Region,
    RegionKind,
    Relations,
    Role,
    Series,
    Source,
    Stance,
    Status,
)
from chronicle.scaffold import create_event
from chronicle.units import UnitName
from conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"`([^`\s]+)`", GUIDE))


@pytest.mark.parametrize("model", [Event, Location, ActorRole, Claim, Source, Relations, Actor, Region, Measure,
                                   Series],
                         ids=lambda m: m.__name__)
def test_every_field_is_documented(model):
    assert set(model.model_fields) - DOCUMENTED == set()


@pytest.mark.parametrize("vocabulary", [Status, EventType, Role, Stance, Bound, ActorKind, RegionKind, UnitName,
                                        Counting, Period],
                         ids=["status", "type", "role", "stance", "bound", "actor kind", "region kind", "unit",
                              "counting", "period"])
def test_every_allowed_value_is_documented(vocabulary):
    assert set(typing.get_args(vocabulary)) - DOCUMENTED == set()


def test_the_measures_table_matches_the_registry():
    registry = yaml.safe_load((ROOT / "timeline" / "measures.yaml").read_text(encoding="utf-8"))["measures"]
    section = GUIDE.partition("### Measures")[2].partition("A figure that fits none")[0]
    table = dict(re.findall(r"(?m)^\| `([a-z_]+)` \| ([^|]+?) \|", section))
    assert table == {measure["id"]: measure["label"] for measure in registry}


def test_the_guide_needs_no_relative_links():
    """It is shown on GitHub and as a site page: only absolute addresses and anchors work in both."""
    targets = re.findall(r"\]\(([^)]+)\)", GUIDE)
    assert targets
    assert [t for t in targets if not t.startswith(("https://", "#"))] == []


def test_the_error_example_is_what_make_check_prints(tmp_path):
    """The guide's walk-through: `make new`, fill in, misspell a region, read the error."""
    example = re.search(r"```text\n(.*?)```", GUIDE.partition("## Reading an error")[2], re.S)[1]
    timeline = tmp_path / "timeline"
    shutil.copytree(ROOT / "timeline", timeline)
    path = create_event(timeline, "Drone attack on Kyiv", "2025-06-07")
    text = path.read_text(encoding="utf-8")
    for placeholder, value in [("summary:", "summary: Drones struck Kyiv, according to the city administration."),
                               ("status:", "status: reported"), ("type:", "type: strike"),
                               ("    title:", "    title: Statement of the city administration"),
                               ("# locations:", "locations:"), ("#   - region: kyiv", "  - region: kiev")]:
        text = re.sub(rf"(?m)^{re.escape(placeholder)} +#", f"{value}  #", text, count=1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TimelineError) as error:
        load_timeline(timeline, "timeline")
    assert error.value.report() + "\n" == example
