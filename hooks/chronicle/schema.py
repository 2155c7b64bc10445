"""JSON Schemas generated from the models, for editors and for data reusers.

Each entry file starts with a comment that points editors (through the YAML
language server) at the matching schema, giving completion and inline errors::

    # yaml-language-server: $schema=../../../schema/event.schema.json
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .models import ActorRegistry, Event, MeasureRegistry, RegionRegistry, SeriesRegistry
from .records import EXPORT_SCHEMA, TimelineExport
from .site import GeneratedFile, data_path

SCHEMAS: dict[str, type[BaseModel]] = {
    "event.schema.json": Event,
    "actors.schema.json": ActorRegistry,
    "regions.schema.json": RegionRegistry,
    "measures.schema.json": MeasureRegistry,
    "series.schema.json": SeriesRegistry,
    EXPORT_SCHEMA: TimelineExport,  # the shape of data/timeline.json, for data reusers
}
SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path, check_only: bool = False) -> list[Path]:
    """Write every schema into ``folder``; return those that differed from the files there."""
    stale = []
    for name, model in SCHEMAS.items():
        path = Path(folder) / name
        text = schema_text(model, name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check_only:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale


def published_schemas() -> list[GeneratedFile]:
    """The JSON Schemas of the entry files and of ``timeline.json``, as committed in ``schema/``, for the site."""
    return [GeneratedFile(data_path(f"schema/{name}"), schema_text(model, name).encode("utf-8"))
            for name, model in sorted(SCHEMAS.items())]
