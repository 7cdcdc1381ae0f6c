"""``cx-playbook team``: the command-line twin of the team view: exit status,
refused files named on stderr, folders read recursively, the four formats, and
the same numbers as generator.team. The tests of refused and hostile files run
it as a user does (a child process: its real streams and their encoding); the
others call its entry point in this process (``conftest.cx_playbook``)."""

from __future__ import annotations

import csv
import io
import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import pages
from generator.browser_model import build_browser_model
from generator.files import ContentPaths
from generator.load import load_corpus
from generator.team import empty_team, merge_team, read_team_file, team_stats
from generator.team_report import to_json

from conftest import ROOT, cx_playbook

ASSESSMENT = "seven-moments"


@pytest.fixture(scope="module")
def model() -> dict:
    corpus = load_corpus(ContentPaths.from_root(ROOT))
    assessment = next(a for a in corpus.assessments if a.id == ASSESSMENT)
    return build_browser_model(corpus, assessment, pages.team_path(ASSESSMENT)).model_dump(mode="json")


def export(model: dict, n: int, *, department: str | None = "sales", location: str | None = "North", lean: int = 0,
           exported: str = "2026-03-01T10:00:00.000Z", respondent: str | None = None, note: str | None = None) -> dict:
    """A plausible export: answer i of respondent n picks a choice that depends on both."""
    questions = [q for s in model["sections"] for q in s["questions"]]
    answers = {}
    for i, q in enumerate(questions):
        choices = model["answerSets"][q["answerSet"]]["choices"]
        answers[q["id"]] = {"choice": choices[(i * 7 + n * 3 + lean) % len(choices)]["id"]}
    data = {
        "format": "cx-playbook-assessment", "formatVersion": 2,
        "assessment": {"id": model["id"], "version": model["version"], "title": model["title"]},
        "contentVersion": model["contentVersion"], "exportedAt": exported,
        "respondent": {"id": respondent or f"r-test{n:08d}"},
        "profile": {k: v for k, v in (("department", department), ("location", location)) if v},
        "answers": answers,
        "notes": {questions[0]["id"]: note} if note else {},
    }
    return data


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def team(*args) -> subprocess.CompletedProcess:
    return cx_playbook("team", *args)


def team_in_a_child_process(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(ROOT), "team", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)


@pytest.fixture
def folder(tmp_path, model) -> Path:
    """Six good exports: leadership and three departments, two stores (one spelt two ways)."""
    people = [("leadership", "North", 1), ("leadership", "South", 1), ("sales", "north ", 0), ("sales", "South", 0),
              ("service", "NORTH", 2), (None, None, 3)]
    for n, (department, location, lean) in enumerate(people):
        write(tmp_path / "exports", f"person-{n}.json", export(model, n, department=department, location=location, lean=lean,
                                                               note=f"Evidence from person {n}"))
    return tmp_path / "exports"


def expected_summary(model: dict, paths: list[Path], options: dict | None = None) -> dict:
    reads = [read_team_file(str(p), p.read_text(encoding="utf-8"), model) for p in paths]
    merged = merge_team(empty_team(), [r for r in reads if r["ok"]])
    return json.loads(to_json(model, team_stats(model, merged["team"]["respondents"], options)))


def test_json_summary_of_a_folder(folder, model):
    result = team(folder, "--format", "json", "--hide-below", "0")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["respondents"] == 6
    assert summary == expected_summary(model, sorted(folder.glob("*.json")))
    section = summary["sections"][0]
    assert {"id", "score", "spread", "byDepartment"} <= set(section)
    assert [d["department"] for d in section["byDepartment"]] == ["leadership", "sales", "service", None]
    assert {"id", "distribution", "spread", "split"} <= set(summary["questions"][0])
    dissention = [q["spread"]["dissention"] for q in summary["questions"]]
    assert dissention == sorted(dissention, reverse=True), "questions are ordered by disagreement, most first"
    assert len(summary["questions"]) == sum(len(s["questions"]) for s in model["sections"])
    assert [loc["name"] for loc in summary["locations"]] == ["North", "South", "Not stated"]
    assert "Merged 6 respondents from 6 files" in result.stderr


def test_refused_files_are_named_on_stderr_and_the_rest_merged(folder, model, tmp_path):
    other = export(model, 9)
    other["assessment"] = {"id": "cx-strategy", "version": "1.0.0", "title": "CX strategy"}
    future = export(model, 10)
    future["formatVersion"] = 7
    write(folder, "not-json.json", "{ this is not JSON")
    write(folder, "other.json", other)
    write(folder, "future.json", future)
    big = folder / "huge.json"
    with big.open("wb") as handle:  # 20 MB, sparse: refused by its size, never read whole
        handle.truncate(20 * 1024 * 1024)
    result = team_in_a_child_process(folder, tmp_path / "missing.json", "--format", "json")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{folder / 'not-json.json'}: not JSON: The file is not JSON.") for line in lines), lines
    assert any(line.startswith(f"{folder / 'other.json'}: another assessment: ") and "“CX strategy” (cx-strategy)" in line for line in lines)
    assert any(line.startswith(f"{folder / 'future.json'}: from a newer version: ") and "format version 7" in line for line in lines)
    assert f"{big}: too large: The file is larger than 5 MB, the most an export can be." in lines
    assert any(line.startswith(f"{tmp_path / 'missing.json'}: unreadable: The file could not be read.") for line in lines)
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["respondents"] == 6, "the readable files are still merged"


def test_folders_are_read_recursively_json_only_and_nothing_hidden(folder, model, tmp_path):
    write(folder / "store-b" / "week-2", "late.json", export(model, 20, department="parts"))
    write(folder / ".trash", "old.json", export(model, 21))
    write(folder, ".hidden.json", export(model, 22))
    write(folder, "README.txt", "Exports from the March review")
    write(folder, "UPPER.JSON", export(model, 23))
    result = team(folder, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["respondents"] == 8  # 6 + late.json + UPPER.JSON
    # A file named on the command line is always read, whatever its name.
    named = team(folder / "README.txt", "--format", "json")
    assert named.returncode == 1 and f"{folder / 'README.txt'}: not JSON" in named.stderr


def test_the_same_respondent_twice_keeps_the_newest_export(folder, model):
    write(folder, "person-0-march.json", export(model, 0, lean=4, respondent="r-test00000000", exported="2026-03-20T10:00:00.000Z"))
    result = team(folder, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["respondents"] == 6
    assert f"{folder / 'person-0.json'}: superseded by {folder / 'person-0-march.json'}" in result.stderr


def test_text_markdown_and_csv(folder, model, tmp_path):
    text = team(folder)
    assert text.returncode == 0
    for heading in ("team view", "Team score", "By department", "Leadership and everyone else", "Discussion agenda", "Team next actions"):
        assert heading in text.stdout, heading
    assert "n = 6" in text.stdout
    # "not applicable" is counted only under questions that offer it: none does any more.
    offering = sum(1 for s in model["sections"] for q in s["questions"]
                   if model["answerSets"][q["answerSet"]].get("notApplicable") and q.get("notApplicable") is not False)
    assert offering == 0
    assert text.stdout.count(" not applicable · ") == offering
    md = team(folder, "--format", "markdown")
    assert md.stdout.startswith("# The seven moments: team view")
    assert "| Section | n | Mean | Level | SD | Min | Max |" in md.stdout
    out = tmp_path / "team.csv"
    csv_run = team(folder, "--format", "csv", "--output", out)
    assert csv_run.returncode == 0 and csv_run.stdout == ""
    raw = out.read_bytes().decode("utf-8")
    assert raw.startswith("\ufeffrespondent,department,location,section,question,answer,score,note,section_id,question_id\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    questions = sum(len(s["questions"]) for s in model["sections"])
    assert len(rows) == 6 * questions
    assert {r["location"] for r in rows} == {"North", "South", "Not stated"}
    first = rows[0]
    assert first["respondent"] == "r-test00000000" and first["department"] == "Leadership"
    assert first["note"] == "Evidence from person 0"


def test_hostile_names_and_text_stay_on_one_line_and_never_traceback(folder, model):
    hostile = export(model, 30, location="<script>alert(1)</script>\nInjected line", note="=cmd|' /C calc'!A0")
    write(folder, "evil\nname.json", hostile)
    write(folder, "surrogate.json", '{"format": "cx-playbook-assessment", "formatVersion": 2, "assessment": {"id": "seven-moments", '
          '"version": "\\ud800"}}')
    result = team_in_a_child_process(folder, "--format", "text")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Merged 7 respondents from 7 files" in result.stderr, "the hostile export is merged like any other"
    refused = [line for line in result.stderr.splitlines() if "surrogate.json" in line]
    assert refused and "not a valid export" in refused[0]
    assert "<script>alert(1)</script> Injected line" in result.stdout, "newlines in text become spaces"
    csv_run = team_in_a_child_process(folder, "--format", "csv")
    assert "'=cmd|' /C calc'!A0" in csv_run.stdout, "a formula in a note is written as text"


def test_unknown_assessment_and_bad_k(folder):
    unknown = team(folder, "--assessment", "nope")
    assert unknown.returncode == 2 and "unknown assessment 'nope'" in unknown.stderr
    bad = team(folder, "--hide-below", "1")
    assert bad.returncode == 2


def test_private_by_default(folder, model):
    """Without --hide-below, groups under 5 show no figures and their notes are withheld."""
    result = team(folder, "--format", "json")
    summary = json.loads(result.stdout)
    assert summary == expected_summary(model, sorted(folder.glob("*.json")), {"hideSmall": True, "k": 5})
    assert summary["hideGroupsSmallerThan"] == 5 and summary["allNotesShown"] is False
    assert all(c.get("hidden") for s in [summary["overall"], *summary["sections"]] for c in s["byDepartment"] + s["byLocation"])
    assert all(c.get("hidden") for g in summary["stores"] for c in g["byDepartment"]), "store × department cells"
    assert all(g["gap"] is None and g["leadership"] == {"hidden": True, "reason": "small"} for g in summary["stores"]), "a store's leadership gap"
    first = next(q for q in summary["questions"] if q["id"] == model["sections"][0]["questions"][0]["id"])
    assert first["notes"] == [] and first["notesWithheld"] == 6
    text = team(folder).stdout
    assert "Groups smaller than 5 are hidden" in text and "Evidence from person" not in text
    assert "6 notes withheld" in text
    shown = json.loads(team(folder, "--format", "json", "--show-notes").stdout)
    notes = next(q for q in shown["questions"] if q["id"] == first["id"])["notes"]
    assert sorted(n["text"] for n in notes) == [f"Evidence from person {n}" for n in range(6)]
    assert all(n["department"] is None for n in notes), "a small group's note never says which department"
    md = team(folder, "--format", "markdown", "--hide-below", "0").stdout
    assert "one person's answers can be picked out" in md and "Evidence from person 0" in md


def test_hide_small_groups_and_exclude(folder):
    result = team(folder, "--format", "json", "--hide-below", "3", "--exclude", "r-test00000005")
    summary = json.loads(result.stdout)
    assert summary["respondents"] == 5 and summary["excluded"] == 1 and summary["hideGroupsSmallerThan"] == 3
    cells = summary["sections"][0]["byDepartment"]
    assert all(c == {"department": c["department"], "name": c["name"], "hidden": True, "reason": "small"} for c in cells), cells
    assert summary["sections"][0]["leadership"] == {"hidden": True, "reason": "small"}


def test_hundreds_of_files_read_in_parallel_give_what_one_by_one_gives(tmp_path, model, monkeypatch):
    from generator import team_files

    files = []
    for n in range(24):
        path = write(tmp_path, f"p{n:03d}.json", export(model, n, department=["sales", "service", "leadership"][n % 3]))
        files.append((str(path), path))
    write(tmp_path, "bad.json", "nope")
    files.append((str(tmp_path / "bad.json"), tmp_path / "bad.json"))
    one_by_one = team_files.read_all(files, model)
    monkeypatch.setattr(team_files, "PARALLEL_FROM", 2)
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: nothing runs in parallel")
    assert team_files.read_all(files, model) == one_by_one


def test_rounds_baseline_and_headcounts(folder, model, tmp_path):
    """--round names this round, --baseline brings back the earlier one (its files, or its JSON summary),
    --headcount gives the response rate; each a figure the page computes the same way (tests/cases/team/rounds.json)."""
    earlier = tmp_path / "earlier"
    for n in range(2, 8):
        write(earlier, f"person-{n}.json", export(model, n, department="sales", location="North", lean=4,
                                                  exported="2025-12-01T10:00:00.000Z"))
    result = team(folder, "--round", "2027-Q2", "--baseline", earlier, "--format", "json", "--hide-below", "2")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    c = data["comparison"]
    assert (data["round"], c["round"], c["baseline"]) == ("2027-Q2", "2027-Q2", "earlier round")
    assert c["respondents"] == {"now": 6, "before": 6} and c["people"] == {"new": 2, "returning": 4, "gone": 2}
    assert c["overall"]["now"]["n"] == 6 and c["overall"]["change"] is not None
    # The same earlier round from its JSON summary: the same changes, without who answered.
    summary = tmp_path / "earlier.json"
    assert team(earlier, "--round", "earlier round", "--format", "json", "--hide-below", "2", "--output", summary).returncode == 0
    again = json.loads(team(folder, "--round", "2027-Q2", "--baseline", summary, "--format", "json", "--hide-below", "2").stdout)
    assert again["comparison"]["sections"] == c["sections"] and again["comparison"]["people"] is None
    # Headcounts: the rate in the JSON, the text report and the one-page summary.
    headcount = write(tmp_path, "headcount.csv", "store,department,headcount\nNorth,sales,4\nSouth,sales,2\nWest,service,3\n")
    out = team(folder, "--round", "2027-Q2", "--baseline", earlier, "--headcount", headcount, "--format", "summary")
    assert out.returncode == 0, out.stderr
    assert "round 2027\\-Q2" in out.stdout and "response rate 22% of 9 expected; no answer yet from West; 4 not placed" in out.stdout
    assert "**Since earlier round:**" in out.stdout and "not known" not in out.stdout
    text = team(folder, "--headcount", headcount).stdout
    assert "Response rate: 22% — 2 of 9 expected answered; 4 not placed (their store or department is not in the headcounts)." in text
    # Respondents outside the headcounts are not placed: counted apart, never pushing the rate past 100%.
    north = write(tmp_path, "north.csv", "store,department,headcount\nNorth,sales,2\n")
    text = team(folder, "--headcount", north).stdout
    shown = re.search(r"Response rate: (\d+)% — (\d+) of 2 expected answered; (\d+) not placed", text)
    assert shown and int(shown[1]) <= 100 and int(shown[2]) + int(shown[3]) == 6, text


def test_a_bad_headcount_csv_or_baseline_is_refused_by_line_and_nothing_is_written(folder, tmp_path):
    headcount = write(tmp_path, "headcount.csv", "North,sales\nNorth,Body shop X,3\nNorth,sales,many\n")
    out_file = tmp_path / "out.json"
    result = team(folder, "--headcount", headcount, "--output", out_file)
    assert result.returncode == 2 and not out_file.exists()
    assert result.stderr.splitlines() == [
        f"{headcount}: line 1: expected 3 columns (store,department,headcount), found 2.",
        f"{headcount}: line 2: “Body shop X” is not a department of this assessment (one of: "
        + result.stderr.split("(one of: ")[1].split(")")[0] + ").",
        f"{headcount}: line 3: the headcount “many” is not a whole number from 0 to 100000.",
    ]
    other = write(tmp_path, "other.json", {"format": "cx-playbook-team-summary", "assessment": {"id": "other"}})
    result = team(folder, "--baseline", other)
    # (Run in this process, an exception would fail the test itself rather than print a traceback.)
    assert result.returncode == 2 and "--baseline" in result.stderr and "another assessment" in result.stderr
