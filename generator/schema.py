"""JSON Schemas derived from the models, for editors (yaml-language-server) and exports."""

from __future__ import annotations

import json
from pathlib import Path

from generator.answer_file import AssessmentExport
from generator.browser_model import AssessmentModel
from generator.files import FOLDER_KINDS, SINGLE_FILES

SCHEMAS: dict[str, type] = {
    **{kind.value: model for kind, (_, model) in SINGLE_FILES.items()},
    **{kind.value: model for kind, model in FOLDER_KINDS.items()},
    "assessment-export": AssessmentExport,
    "assessment-model": AssessmentModel,
}


def render_schemas() -> dict[str, str]:
    """file name → JSON text, stable (sorted keys, trailing newline) so diffs stay small."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
