"""The team statistics beyond what each shared case says (tests/test_cases.py
compares every case of tests/cases/team/*.json whole, as tests/js/cases.test.mjs
does in JavaScript): both languages write the same summary byte for byte,
file order and batches change nothing, the CSV and location keys."""

from __future__ import annotations

import json
import random
import subprocess

from generator.scoring import score_respondent
from generator.team import location_key, round4, team_csv, team_summary, unreadable
from generator.team_report import to_json

from conftest import ROOT
from test_cases import run_team

FOLDER = ROOT / "tests" / "cases" / "team"
SUITES = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(FOLDER.glob("*.json"))}
CASES = [(name, case) for name, suite in SUITES.items() for case in suite["cases"]]


run = run_team


# ---------------------------------------------------------------------------
# What the cases do not say on their own
# ---------------------------------------------------------------------------

MODEL = SUITES["scores.json"]["model"]
FIVE = SUITES["scores.json"]["cases"][0]


def test_same_json_summary_as_the_browser_byte_for_byte():
    """Node runs team-stats.js on every case; its JSON summary is the text Python writes."""
    script = """
      import { readFileSync } from "node:fs";
      import { teamSummary } from "./theme/assets/cx/src/team-stats.js";
      import { runTeam } from "./tests/js/team-run.mjs";
      const out = [];
      for (const name of JSON.parse(process.argv[1])) {
        const suite = JSON.parse(readFileSync(`tests/cases/team/${name}`, "utf8"));
        for (const c of suite.cases) out.push(JSON.stringify(teamSummary(suite.model, runTeam(suite.model, c).stats), null, 2) + "\\n");
      }
      process.stdout.write(JSON.stringify(out));
    """
    result = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(sorted(SUITES))], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    browser = json.loads(result.stdout)
    python = []
    for name in sorted(SUITES):
        for case in SUITES[name]["cases"]:
            _, _, stats = run(SUITES[name]["model"], case)
            python.append(to_json(SUITES[name]["model"], stats))
    assert len(browser) == len(python) == len(CASES)
    for js, py, (name, case) in zip(browser, python, CASES):
        assert js == py, f"{name}: {case['name']}"


def test_scores_are_the_single_assessments():
    """The team view's per-respondent figures are scoring.score_respondent's, unchanged."""
    _, merged, stats = run(MODEL, FIVE)
    people = merged["team"]["respondents"]
    for p in people:
        own = score_respondent(MODEL, {q: {"choice": c} for q, c in p["answers"].items()})
        assert own["overall"]["percent"] is not None
    values = [score_respondent(MODEL, {q: {"choice": c} for q, c in p["answers"].items()})["overall"]["percent"] for p in people]
    assert stats["overall"]["mean"] == sum(values) / len(values)


def test_file_order_changes_no_number():
    def numbers(files) -> dict:
        summary = json.loads(to_json(MODEL, run(MODEL, {**FIVE, "files": files})[2]))
        # Only the spelling shown for a location may differ (the first one seen).
        for item in [summary["overall"], *summary["sections"]]:
            for cell in item["byLocation"]:
                cell.pop("location")
        for loc in [*summary["locations"], *summary["stores"]]:
            loc.pop("name", None)
            loc.pop("location", None)
        return summary

    rng = random.Random(7)
    base = numbers(FIVE["files"])
    for _ in range(5):
        files = list(FIVE["files"])
        rng.shuffle(files)
        assert numbers(files) == base


def test_summary_and_csv():
    _, merged, stats = run(MODEL, FIVE)
    summary = team_summary(MODEL, stats)
    assert summary["respondents"] == 5
    assert [q["id"] for q in summary["questions"]] == ["q3", "q5", "q4", "q1", "q2"]
    q1 = next(q for q in summary["questions"] if q["id"] == "q1")
    assert q1["spread"] == {"range": 4, "dissention": 0.6931, "rwg": 0.0, "ad": 1.44, "adAcceptable": False}
    assert round4(2.00005) == 2.0001 and round4(-0.00004) == 0
    csv = team_csv(MODEL, merged["team"]["respondents"])
    lines = csv[1:].split("\r\n")
    assert csv.startswith("\ufeffrespondent,department,location,section,question,answer,score,note,section_id,question_id\r\n")
    assert len([x for x in lines if x]) == 1 + 5 * 5
    assert "r-grace00001,Leadership,North,Section one,Question one,All,1,We check this monthly.,s1,q1" in lines
    assert "r-ben000002,Sales,North,Section one,Question one,Some,0.25,,s1,q1" in lines
    assert 'r-dan000004,Not stated,Not stated,Section two,Question four,Most,0.75,"<img src=x onerror=alert(1)> =HYPERLINK(""x"")",s2,q4' in lines


def test_location_keys():
    assert location_key("  North\u00a0 Side\t") == "north side"
    assert location_key("NORTH SIDE") == "north side"
    assert location_key("   ") is None and location_key(None) is None


def test_a_respondent_under_the_level_coverage_is_counted_and_left_out_of_the_levels():
    """One top answer of many is a provisional score: the team counts the
    respondent and their score, but states its level from the others."""
    from generator.team import team_stats

    model = {**MODEL, "levelCoverage": 0.8}
    questions = [q for s in model["sections"] for q in s["questions"]]
    lowest = {q["id"]: model["answerSets"][q["answerSet"]]["choices"][0]["id"] for q in questions}
    top = model["answerSets"][questions[0]["answerSet"]]["choices"][-1]["id"]
    people = [{"key": "all-low", "department": None, "location": None, "answers": lowest, "notes": {}},
              {"key": "one-top", "department": None, "location": None, "answers": {questions[0]["id"]: top}, "notes": {}}]
    stats = team_stats(model, people)
    assert stats["provisional"] == 1 and stats["provisionalKeys"] == ["one-top"]
    low = score_respondent(model, {q: {"choice": c} for q, c in lowest.items()})["overall"]["percent"]
    assert stats["respondents"] == 2 and stats["overall"]["mean"] == (low + 100) / 2
    from generator.scoring import level_for
    assert stats["overall"]["level"] == level_for(model["levels"], low) != level_for(model["levels"], (low + 100) / 2)
