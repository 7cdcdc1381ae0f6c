"""The shared cases (tests/cases/*.json) run by Python; tests/js/*.test.mjs run
the same files in Node against the browser runtime. Every model in them must
be a valid browser model (schemas/assessment-model.schema.json) with today's
limits, so the cases cannot drift from what the generator emits."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.answers import read_answers
from generator.browser_model import Limits
from generator.scoring import display_percent, level_for, next_actions, score_respondent

from conftest import ROOT, case_text

CASES = ROOT / "tests" / "cases"
MODEL_SCHEMA = json.loads((ROOT / "schemas" / "assessment-model.schema.json").read_text(encoding="utf-8"))
EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "assessment-export.schema.json").read_text(encoding="utf-8"))
SCORING = json.loads((CASES / "scoring.json").read_text(encoding="utf-8"))
ANSWERS = json.loads((CASES / "answers.json").read_text(encoding="utf-8"))


def _models():
    yield "scoring", SCORING["model"]
    yield from ANSWERS["models"].items()


@pytest.mark.parametrize("name,model", list(_models()), ids=[n for n, _ in _models()])
def test_case_models_are_valid_browser_models_with_todays_limits(name, model):
    jsonschema.validate(model, MODEL_SCHEMA)
    assert model["limits"] == Limits().model_dump(), f"{name}: the case model's limits are stale"


def _close(actual, expected, what):
    if expected is None:
        assert actual is None, what
    else:
        assert actual is not None and abs(actual - expected) < 1e-3, f"{what}: {actual} ≠ {expected}"


@pytest.mark.parametrize("case", SCORING["cases"], ids=[c["name"] for c in SCORING["cases"]])
def test_scoring_case(case):
    model = SCORING["model"]
    answers = {qid: {"choice": choice} for qid, choice in case["answers"].items()}
    result = score_respondent(model, answers)
    expect = case["expect"]
    if "overall" in expect:
        _close(result["overall"]["percent"], expect["overall"], "overall")
    if "level" in expect:
        assert (result["overall"]["level"] or {}).get("id") == expect["level"]
    for key in ("answered", "notApplicable", "unanswered"):
        if key in expect:
            assert result["overall"][key] == expect[key], key
    for section_id, percent in expect.get("sections", {}).items():
        _close(next(s for s in result["sections"] if s["id"] == section_id)["percent"], percent, section_id)
    if "actions" in expect:
        actions = [{"play": a["playId"], "rank": a["rank"], "questions": [q["questionId"] for q in a["questions"]]}
                   for a in next_actions(model, answers)]
        assert actions == expect["actions"]


def test_level_boundaries_and_display():
    for percent, level in SCORING["levels"]:
        found = level_for(SCORING["model"]["levels"], percent)
        assert (found or {}).get("id") == level, percent
    for percent, shown in SCORING["display"]:
        assert display_percent(percent) == shown, percent


@pytest.mark.parametrize("case", ANSWERS["cases"], ids=[c["name"] for c in ANSWERS["cases"]])
def test_answers_case(case):
    model = ANSWERS["models"][case["model"]]
    result = read_answers(case_text(case), model)
    expect = case["expect"]
    assert result["ok"] == expect["ok"], result.get("message")
    if not expect["ok"]:
        assert result["message"] == expect["message"]
        return
    if case.get("file") and case["file"].get("formatVersion") in (1, 2):
        jsonschema.validate(case["file"], EXPORT_SCHEMA)  # what we accept, the published schema accepts
    state = result["state"]
    for key in ("answers", "notes", "archive", "profile", "targets"):
        if key in expect:
            assert state[key] == expect[key], key
    if "questionnaire" in expect:
        assert sorted(state["questionnaire"]) == expect["questionnaire"]
    if "notices" in expect:
        assert result["notices"] == expect["notices"]
    if "fresh" in expect:
        assert result["report"]["fresh"] == expect["fresh"]
