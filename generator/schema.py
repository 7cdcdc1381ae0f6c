"""JSON Schemas derived from the models, for editors (yaml-language-server) and
exports, and the runtime's module of shared literals (generator/contract.py).

Closed lists the content defines (the department ids an ``owner`` takes) are
written into the content schemas as ``enum``, so an editor completes them; the
schemas are then regenerated (``cx-playbook schema``) when such a list changes,
and ``check`` says so when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.answer_file import AssessmentExport
from generator.browser_model import AssessmentModel, TeamStore
from generator.contract import JS_MODULE, Shared, render_js_module
from generator.i18n import InterfaceFile, TranslationFile
from generator.files import FOLDER_KINDS, OPTIONAL_FILES, SINGLE_FILES, ContentPaths, DocKind
from generator.issues import Issue, Location
from generator.loader import load_document
from generator.models import DEPARTMENT_LIST

LIST_KEY = "x-cx-list"

SCHEMAS: dict[str, type] = {
    **{kind.value: model for kind, (_, model) in {**SINGLE_FILES, **OPTIONAL_FILES}.items()},
    **{kind.value: model for kind, model in FOLDER_KINDS.items()},
    "assessment-export": AssessmentExport,
    "assessment-model": AssessmentModel,
    "team-storage": TeamStore,
    "contract": Shared,
    "translation": TranslationFile,
    "interface": InterfaceFile,
}


def closed_lists(paths: ContentPaths) -> dict[str, list[str]]:
    """The ids of each closed list the content defines, read leniently: a
    broken departments file gives no list (``check`` reports it)."""
    doc, problems = load_document(paths.single_file(DocKind.DEPARTMENTS), "departments.yml")
    rows = doc.data.get("departments") if isinstance(doc.data, dict) and not problems else None
    ids = [row["id"] for row in rows or [] if isinstance(row, dict) and isinstance(row.get("id"), str)]
    return {DEPARTMENT_LIST: ids} if ids else {}


def _fill_lists(node: object, lists: dict[str, list[str]]) -> None:
    if isinstance(node, dict):
        name = node.pop(LIST_KEY, None)
        if name in lists:
            node["enum"] = list(lists[name])
        for value in node.values():
            _fill_lists(value, lists)
    elif isinstance(node, list):
        for value in node:
            _fill_lists(value, lists)


def render_schemas(lists: dict[str, list[str]] | None = None) -> dict[str, str]:
    """file name → JSON text, stable (sorted keys, trailing newline) so diffs stay small."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        _fill_lists(schema, lists or {})
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path, lists: dict[str, list[str]] | None = None, root: Path | None = None) -> list[Path]:
    """Write the schemas into ``folder`` and, given the project's ``root``, the
    runtime's module of shared literals; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    targets = {folder / name: text for name, text in render_schemas(lists).items()}
    if root is not None and (root / JS_MODULE).parent.is_dir():
        targets[root / JS_MODULE] = render_js_module()
    written = []
    for path, text in targets.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_lists(paths: ContentPaths, lists: dict[str, list[str]]) -> list[Issue]:
    """A warning when the committed moment schema offers other departments than
    content/departments.yml holds: editors would be completed to the old ones."""
    file = paths.display_root / "schemas" / "moment.schema.json"
    try:
        schema = json.loads(file.read_text(encoding="utf-8"))
        offered = schema["$defs"]["Play"]["properties"]["owner"].get("enum")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []  # no schemas here (a content repository may not keep them)
    if offered is None or offered == lists.get(DEPARTMENT_LIST, offered):
        return []
    return [Issue(Location(paths.display(file), 1, 1), "",
                  "the departments offered for completion are not those of departments.yml "
                  "(run `cx-playbook schema` and commit schemas/)")]
