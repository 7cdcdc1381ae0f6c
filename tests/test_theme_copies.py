"""Templates copied from mkdocs-material into theme/ differ from the installed
version's originals only where intended. Each copy's intended difference is
data, side by side with the copy: tests/fixtures/material/<template>.diff (the
lines Material has, then ours; line numbers left out, so Material moving lines
around does not matter). An upgrade of Material that changes a copied
template fails here until the copy is refreshed; a copy edited beyond its
intended lines fails too. Every template of theme/ that shadows one of
Material's is either such a copy or listed as written from scratch."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

THEME = ROOT / "theme"
MATERIAL = Path(material.__file__).parent / "templates"
DIFFS = ROOT / "tests" / "fixtures" / "material"
COPIES = sorted(p.relative_to(DIFFS).as_posix().removesuffix(".diff") for p in DIFFS.rglob("*.diff"))
# Overrides that keep none of Material's lines (they extend or replace it whole).
WRITTEN_FROM_SCRATCH = {"main.html", "partials/copyright.html"}
# The first Jinja comment of a template: Material's "generated" notice, or why we copied it.
_HEADER = re.compile(r"\A\{#-.*?-#\}\n?", re.S)


def difference(name: str) -> str:
    """Material's template against ours, as the lines that differ."""
    theirs = _HEADER.sub("", (MATERIAL / name).read_text(encoding="utf-8")).splitlines()
    ours = _HEADER.sub("", (THEME / name).read_text(encoding="utf-8")).splitlines()
    lines = difflib.unified_diff(theirs, ours, n=0, lineterm="")
    return "\n".join("@@" if line.startswith("@@") else line for line in lines
                     if not line.startswith(("---", "+++"))) + "\n"


def test_every_template_that_shadows_materials_is_checked():
    shadows = {p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html") if (MATERIAL / p.relative_to(THEME)).is_file()}
    assert shadows == set(COPIES) | WRITTEN_FROM_SCRATCH


@pytest.mark.parametrize("name", COPIES)
def test_a_copy_differs_from_materials_template_only_where_intended(name):
    expected = (DIFFS / f"{name}.diff").read_text(encoding="utf-8")
    assert difference(name) == expected, (
        f"theme/{name} no longer differs from Material's only where intended. If Material changed it, "
        f"copy Material's new version and make the intended change again; the difference is now:\n{difference(name)}")
