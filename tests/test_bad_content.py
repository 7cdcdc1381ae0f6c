"""Bad content, as data: each tests/fixtures/bad/<case>.yml changes one file of a
small valid playbook (tests/fixtures/minimal) and states the exact messages an
editor must see. Regenerate the expectations after a deliberate message change
with ``CX_REGEN=1 pytest tests/test_bad_content.py`` and review the diff."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import cx_playbook

HERE = Path(__file__).parent
MINIMAL = HERE / "fixtures" / "minimal"
CASES = sorted((HERE / "fixtures" / "bad").glob("*.yml"))


def _apply(case: dict, root: Path) -> None:
    for edit in case.get("edits", []):  # a case may change several files
        _apply(edit, root)
    if "file" not in case:
        return
    target = root / case["file"]
    if case.get("delete"):
        target.unlink()
        return
    if "write" in case:
        target.write_text(case["write"], encoding="utf-8")
        return
    text = target.read_text(encoding="utf-8")
    for old, new in case["replace"]:
        assert old in text, f"fixture text not found in {case['file']}: {old!r}"
        text = text.replace(old, new, 1)
    target.write_bytes(text.encode(case.get("encoding", "utf-8")))


def _check(root: Path) -> tuple[int, str]:
    result = cx_playbook("check", root=root)
    return result.returncode, result.stderr


def test_minimal_playbook_is_valid(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "p")
    code, err = _check(tmp_path / "p")
    assert (code, err) == (0, "")


def test_there_are_enough_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_content_is_reported_exactly(case_file, tmp_path):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    root = tmp_path / "p"
    shutil.copytree(MINIMAL, root)
    _apply(case, root)

    code, err = _check(root)

    if os.environ.get("CX_REGEN"):
        text = case_file.read_text(encoding="utf-8").split("\nexpect: |", 1)[0].rstrip("\n")
        body = "".join(f"  {line}\n" for line in err.splitlines())
        case_file.write_text(f"{text}\nexpect: |\n{body}", encoding="utf-8")
        return
    assert code == case.get("exit", 1)
    assert "Traceback" not in err
    assert err == case["expect"]


def test_the_real_command_prints_the_same_and_exits_1(tmp_path):
    case = yaml.safe_load((HERE / "fixtures" / "bad" / "several-problems.yml").read_text(encoding="utf-8"))
    root = tmp_path / "p"
    shutil.copytree(MINIMAL, root)
    _apply(case, root)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == case["expect"]


def test_github_format_prints_annotations(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(MINIMAL, root)
    _apply(yaml.safe_load((HERE / "fixtures" / "bad" / "unknown-department.yml").read_text()), root)
    result = cx_playbook("check", "--format", "github", root=root)
    out = result.stdout
    assert result.returncode == 1
    assert out.startswith("::error file=content/moments/first.yml,line=")
    assert "plays[0].owner: unknown department 'salse'" in out
