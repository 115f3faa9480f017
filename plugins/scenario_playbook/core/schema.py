"""The JSON Schema of a scenario file, generated from the models.

It is committed at :data:`SCHEMA_PATH` so that editors (through the
``# yaml-language-server: $schema=...`` line at the top of each scenario) complete and validate
while you type; a test keeps the committed file equal to :func:`scenario_schema`.
"""

from __future__ import annotations

import json
from typing import Any

from .model import RESERVED_IDS, SCHEMA_VERSION, Scenario

SCHEMA_PATH = "schema/scenario.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, generated from the model."""
    schema = Scenario.model_json_schema(mode="validation")
    schema["properties"]["id"]["not"] = {"enum": sorted(RESERVED_IDS)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Generated from scenario_playbook.model (schema version {SCHEMA_VERSION}); "
        "regenerate with: playbook schema > schema/scenario.schema.json",
        **schema,
    }


def schema_text() -> str:
    """The JSON Schema as committed in ``schema/scenario.schema.json``."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
