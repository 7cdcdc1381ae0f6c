"""Editors get completion from committed JSON Schemas; they must match the models."""

from __future__ import annotations

import json

import pytest

from generator.schema import render_schemas

from conftest import ROOT

YAML_FILES = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "assessments").glob("*.yml"))


def test_committed_schemas_are_up_to_date():
    stale = [name for name, text in render_schemas().items()
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
