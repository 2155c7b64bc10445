"""The committed JSON Schemas match the models, and every entry points editors at them."""

import json
from pathlib import Path

import jsonschema
import pytest

from chronicle.schema import SCHEMA_COMMENT, SCHEMAS, write_schemas
from chronicle.yamldoc import load_document
from conftest import ROOT

TIMELINE = ROOT / "timeline"
ENTRIES = sorted((TIMELINE / "events").rglob("*.yaml"))


def test_committed_schemas_are_up_to_date(tmp_path):
    stale = write_schemas(ROOT / "schema", check_only=True)
    assert stale == [], "run `make schema` and commit the result"


def schema_for(path: Path) -> str:
    if path.parent == TIMELINE:
        return f"{path.stem}.schema.json"
    return "event.schema.json"


@pytest.mark.parametrize("path", ENTRIES + sorted(TIMELINE.glob("*.yaml")), ids=lambda p: p.name)
def test_every_entry_references_its_schema_and_validates_against_it(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith(SCHEMA_COMMENT)
    reference = (path.parent / first_line[len(SCHEMA_COMMENT):]).resolve()
    assert reference == (ROOT / "schema" / schema_for(path)).resolve()
    schema = json.loads(reference.read_text(encoding="utf-8"))
    jsonschema.validate(load_document(path, path.name).data, schema)


def test_schema_rejects_unknown_keys():
    schema = json.loads((ROOT / "schema" / "event.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert set(SCHEMAS) == {p.name for p in (ROOT / "schema").glob("*.json")}
