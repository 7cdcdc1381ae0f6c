"""Editors get completion from committed JSON Schemas; they must match the models."""

from __future__ import annotations

import json

import pytest

from generator.files import ContentPaths
from generator.schema import closed_lists, render_schemas

from conftest import ROOT

YAML_FILES = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "assessments").glob("*.yml"))


def test_committed_schemas_are_up_to_date():
    stale = [name for name, text in render_schemas(closed_lists(ContentPaths.from_root(ROOT))).items()
             if not (ROOT / "schemas" / name).is_file() or (ROOT / "schemas" / name).read_text(encoding="utf-8") != text]
    assert not stale, f"run `make schema` and commit: {stale}"


@pytest.mark.parametrize("path", YAML_FILES, ids=[str(p.relative_to(ROOT)) for p in YAML_FILES])
def test_every_yaml_file_points_at_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
    assert target.is_file()
    json.loads(target.read_text(encoding="utf-8"))


def test_schema_rejects_unknown_keys():
    moment = json.loads((ROOT / "schemas" / "moment.schema.json").read_text())
    assert moment["additionalProperties"] is False


def test_owner_fields_list_the_departments_so_an_editor_completes_them():
    moment = json.loads((ROOT / "schemas" / "moment.schema.json").read_text())
    departments = [d["id"] for d in __import__("yaml").safe_load((ROOT / "content" / "departments.yml").read_text())["departments"]]
    play, touchpoint = moment["$defs"]["Play"], moment["$defs"]["Touchpoint"]
    assert play["properties"]["owner"]["enum"] == departments
    assert touchpoint["properties"]["owner"]["enum"] == departments
    assert play["properties"]["lens"]["enum"] == ["processes", "environment", "people"]


def test_the_runtime_imports_todays_shared_literals():
    from generator.contract import JS_MODULE
    from generator.schema import render_js_module

    assert (ROOT / JS_MODULE).read_text(encoding="utf-8") == render_js_module(), "run `make schema bundle` and commit"
