"""The shared cases (tests/cases/*.json and tests/cases/team/*.json), run by
Python: the one harness of this language. tests/js/cases.test.mjs is the one
harness of JavaScript and runs the same files against the browser runtime.

A case holds its input and its whole expected output (``expect``): what the
reader, the scorer or the team view produces, as the ``output`` functions below
write it (numbers rounded to 4 places, objects named by their ids). It is
compared whole, so nothing either language adds or drops goes unseen.
``CX_REGEN=1`` rewrites every ``expect`` from Python, for review in the diff;
JavaScript must then agree with it.

Every model in the cases must be a valid browser model with today's limits,
and every file a case reads as valid must be valid against the published
export schema, so the cases cannot drift from what the generator emits."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from generator.answers import read_answers
from generator.browser_model import Limits
from generator.scoring import display_percent, level_for, score_assessment
from generator.team_headcount import read_headcounts
from generator.team_links import read_link_data
from generator.team_rounds import read_summary, round_stats
from generator.team import empty_team, merge_team, read_team_file, round4, team_csv, team_stats, team_summary, too_large, unreadable

from conftest import ROOT, case_text

CASES = ROOT / "tests" / "cases"
MODEL_SCHEMA = json.loads((ROOT / "schemas" / "assessment-model.schema.json").read_text(encoding="utf-8"))
EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "assessment-export.schema.json").read_text(encoding="utf-8"))
REGEN = os.environ.get("CX_REGEN") == "1"

# Each file: its models (name → model) and what one case's input becomes.
FILES = {"scoring.json": "scoring", "answers.json": "answers",
         **{f"team/{p.name}": "team" for p in sorted((CASES / "team").glob("*.json"))}}
SUITES = {name: json.loads((CASES / name).read_text(encoding="utf-8")) for name in FILES}


def models_of(suite: dict) -> dict:
    return suite["models"] if "models" in suite else {"model": suite["model"]}


def model_for(suite: dict, case: dict) -> dict:
    return suite["models"][case["model"]] if "models" in suite else suite["model"]


# ---------------------------------------------------------------------------
# What each kind of case outputs
# ---------------------------------------------------------------------------


def _ids(items: list, key: str) -> list:
    return [item[key] for item in items]


def scoring_output(model: dict, case: dict) -> dict:
    state = {"answers": {q: {"choice": c} for q, c in case["answers"].items()},
             "targets": case.get("targets") or {}, "snapshots": case.get("snapshots") or [],
             "profile": case.get("profile") or {}}
    r = score_assessment(model, state)
    counts = ("total", "answered", "notApplicable", "unanswered", "dropped", "applicable", "remaining", "provisional")

    def target(t):
        return None if t is None else {"level": t["level"]["id"], "gap": round4(t["gap"]), "met": t["met"]}

    return {
        "overall": {"percent": round4(r["overall"]["percent"]), "level": (r["overall"]["level"] or {}).get("id"),
                    **{k: r["overall"][k] for k in counts}},
        "sections": [{"id": s["id"], "percent": round4(s["percent"]), **{k: s[k] for k in counts},
                      "target": target(s["target"]), "change": round4(s["change"])} for s in r["sections"]],
        "strengths": _ids(r["strengths"], "questionId"),
        "gaps": _ids(r["gaps"], "questionId"),
        "actions": [{"play": a["playId"], "rank": a["rank"], "priority": round4(a["priority"]),
                     "questions": _ids(a["questions"], "questionId")} for a in r["actions"]],
    }


def answers_output(model: dict, case: dict) -> dict:
    result = read_answers(case_text(case), model)
    if not result["ok"]:
        return result
    return {"ok": True, "state": result["state"], "report": result["report"], "notices": result["notices"]}


def run_team(model: dict, case: dict) -> tuple[list, dict, dict]:
    """Read, merge and summarise a team case's files the way the page does."""
    reads = []
    for f in case["files"]:
        if "size" in f:
            reads.append(too_large(f["name"], model))
        elif f.get("unreadable"):
            reads.append(unreadable(f["name"]))
        elif "linkData" in f:
            reads.append(read_link_data(f["name"], f["linkData"], model))
        else:
            text = f["text"] if "text" in f else json.dumps(f["file"], ensure_ascii=False)
            reads.append(read_team_file(f["name"], text, model))
    merged = merge_team(empty_team(), [r for r in reads if r["ok"]], case.get("round"))
    if not is_rounds_case(case):
        return reads, merged, team_stats(model, merged["team"]["respondents"], case.get("options") or {})
    # Rounds and participation (team_rounds, team_headcount): the case's choices, as the page's selectors make them.
    choice: dict = {k: case[k] for k in ("current", "baseline") if k in case}
    checked: dict = {"baselineRead": None, "headcountRead": None}
    if "baselineSummary" in case:
        read = read_summary(json.dumps(case["baselineSummary"], ensure_ascii=False), model)
        checked["baselineRead"] = read if not read["ok"] else {"ok": True}
        if read["ok"]:
            choice["baseline_summary"] = read["summary"]
    if "headcounts" in case:
        read = read_headcounts(case["headcounts"], model)
        checked["headcountRead"] = read if not read["ok"] else {"ok": True}
        if read["ok"]:
            choice["headcounts"] = read["headcounts"]
    stats = round_stats(model, merged["team"]["respondents"], case.get("options") or {}, **choice)
    return reads, merged, {**stats, "checked": checked}


def is_rounds_case(case: dict) -> bool:
    return any(k in case for k in ("byRound", "round", "current", "baseline", "baselineSummary", "headcounts"))


def team_output(model: dict, case: dict) -> dict:
    reads, merged, stats = run_team(model, case)
    return {
        "refused": [{"file": r["file"], "reason": r["reason"], "message": r["message"]} for r in reads if not r["ok"]],
        "superseded": [{"id": s["id"], "kept": s["kept"]["file"], "dropped": _ids(s["dropped"], "file")}
                       for s in merged["team"]["superseded"]],
        "keys": _ids(merged["team"]["respondents"], "key"),
        "carried": [r["file"] for r in reads if r["ok"] and r["carried"]],
        "summary": team_summary(model, stats),
        "csv": team_csv(model, merged["team"]["respondents"], case.get("options") or {}).split("\r\n"),
        **({"rounds": stats["rounds"], **stats["checked"]}
           if is_rounds_case(case) else {}),
    }


OUTPUT = {"scoring": scoring_output, "answers": answers_output, "team": team_output}

ALL = [(name, i, case) for name, suite in SUITES.items() for i, case in enumerate(suite["cases"])]


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def regenerate():
    """With CX_REGEN=1, write every case's whole output as its expectation (once, after the cases ran)."""
    yield
    if REGEN:
        for name, suite in SUITES.items():
            for case in suite["cases"]:
                case["expect"] = OUTPUT[FILES[name]](model_for(suite, case), case)
            text = json.dumps(suite, indent=1, ensure_ascii=False)
            # A lone surrogate (a case of broken text) stays an escape: UTF-8 cannot hold it.
            text = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
            (CASES / name).write_text(text + "\n", encoding="utf-8")


@pytest.mark.parametrize("name,index,case", ALL, ids=[f"{n}: {c['name']}" for n, _, c in ALL])
def test_case(name, index, case):
    suite = SUITES[name]
    actual = OUTPUT[FILES[name]](model_for(suite, case), case)
    if not REGEN:
        # Through JSON, as the file holds it (tuples become lists, keys become text).
        assert json.loads(json.dumps(actual)) == case["expect"]


def _models():
    return [(f"{name}: {key}", model) for name, suite in SUITES.items() for key, model in models_of(suite).items()]


@pytest.mark.parametrize("name,model", _models(), ids=[n for n, _ in _models()])
def test_case_models_are_valid_browser_models_with_todays_limits(name, model):
    jsonschema.validate(model, MODEL_SCHEMA)
    assert model["limits"] == Limits().model_dump(), f"{name}: the case model's limits are stale"


def _files_read():
    for name, _, case in ALL:
        if FILES[name] == "answers" and isinstance(case.get("file"), dict) and case["file"].get("formatVersion") in (1, 2):
            yield f"{name}: {case['name']}", case["file"], case["expect"]["ok"]
        if FILES[name] == "team":
            for f in case["files"]:
                if "file" in f:
                    yield f"{name}: {case['name']}: {f['name']}", f["file"], f["name"] not in {
                        r["file"] for r in case["expect"].get("refused", [])}


@pytest.mark.parametrize("name,data,accepted", list(_files_read()), ids=[n for n, _, _ in _files_read()])
def test_what_a_reader_accepts_the_published_schema_accepts(name, data, accepted):
    if accepted:
        jsonschema.validate(data, EXPORT_SCHEMA)


def test_every_kind_of_case_is_there():
    kinds = {FILES[name] for name, _, _ in ALL}
    assert kinds == set(OUTPUT)
    assert {Path(n).name for n in FILES if FILES[n] == "team"} >= {"scores.json", "agenda.json", "files.json", "privacy.json"}


def test_level_boundaries_and_display():
    scoring = SUITES["scoring.json"]
    for percent, level in scoring["levels"]:
        found = level_for(scoring["model"]["levels"], percent)
        assert (found or {}).get("id") == level, percent
    for percent, shown in scoring["display"]:
        assert display_percent(percent) == shown, percent
