"""The team statistics against the shared cases in tests/cases/team/*.json;
tests/js/team.test.mjs runs the same files through the browser's team-stats.js.
Every case model must be a valid browser model with today's limits, and every
file a case merges must be valid against the published export schema."""

from __future__ import annotations

import json
import random
import subprocess

import jsonschema
import pytest

from generator.browser_model import Limits
from generator.scoring import score_respondent
from generator.team import (
    empty_team, location_key, merge_team, read_team_file, round4, team_csv, team_stats, team_summary, too_large, unreadable,
)
from generator.team_report import to_json

from conftest import ROOT

FOLDER = ROOT / "tests" / "cases" / "team"
MODEL_SCHEMA = json.loads((ROOT / "schemas" / "assessment-model.schema.json").read_text(encoding="utf-8"))
EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "assessment-export.schema.json").read_text(encoding="utf-8"))
SUITES = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(FOLDER.glob("*.json"))}
CASES = [(name, case) for name, suite in SUITES.items() for case in suite["cases"]]


def run(model: dict, case: dict) -> tuple[list, dict, dict]:
    reads = []
    for f in case["files"]:
        if "size" in f:
            reads.append(too_large(f["name"], model))
        elif f.get("unreadable"):
            reads.append(unreadable(f["name"]))
        else:
            text = f["text"] if "text" in f else json.dumps(f["file"], ensure_ascii=False)
            reads.append(read_team_file(f["name"], text, model))
    merged = merge_team(empty_team(), [r for r in reads if r["ok"]])
    return reads, merged, team_stats(model, merged["team"]["respondents"], case.get("options") or {})


def test_there_are_cases_for_every_part_of_the_definition():
    assert set(SUITES) >= {"scores.json", "agenda.json", "files.json", "privacy.json"}
    assert sum(len(s["cases"]) for s in SUITES.values()) >= 12


@pytest.mark.parametrize("name", sorted(SUITES))
def test_case_models_are_valid_browser_models_with_todays_limits(name):
    model = SUITES[name]["model"]
    jsonschema.validate(model, MODEL_SCHEMA)
    assert model["limits"] == Limits().model_dump(), f"{name}: the case model's limits are stale"


@pytest.mark.parametrize("name,case", CASES, ids=[f"{n}: {c['name']}" for n, c in CASES])
def test_merged_files_are_valid_exports(name, case):
    reads, _, _ = run(SUITES[name]["model"], case)
    for f, read in zip(case["files"], reads):
        if read["ok"] and "file" in f:
            jsonschema.validate(f["file"], EXPORT_SCHEMA)  # what we merge, the published schema accepts


def _close(actual, expected, what):
    if expected is None:
        assert actual is None, what
    else:
        assert isinstance(actual, (int, float)) and abs(actual - expected) < 1e-6, f"{what}: {actual} ≠ {expected}"


def _same(actual, expected, what):
    if expected is None or (isinstance(expected, (int, float)) and not isinstance(expected, bool)):
        _close(actual, expected, what)
    else:
        assert actual == expected, what


def _figures(actual: dict, expected: dict, what: str) -> None:
    for key, value in expected.items():
        if key == "level":
            assert (actual["level"] or {}).get("id") == value, f"{what}.level"
        elif key in ("byDepartment", "byLocation"):
            for gid, cell in value.items():
                field = "id" if key == "byDepartment" else "key"
                found = next((c for c in actual[key] if c[field] == (None if gid == "null" else gid)), None)
                assert found is not None, f"{what}.{key}.{gid} is missing"
                if cell.get("hidden"):
                    assert found["hidden"] and found["n"] is None and found["mean"] is None, f"{what}.{key}.{gid}"
                else:
                    for k, v in cell.items():
                        _same(found[k], v, f"{what}.{key}.{gid}.{k}")
        elif key in ("leadership", "rest"):
            if value.get("hidden"):
                assert actual[key]["hidden"] and actual[key]["mean"] is None, f"{what}.{key}"
            else:
                for k, v in value.items():
                    _same(actual[key][k], v, f"{what}.{key}.{k}")
        else:
            _same(actual[key], value, f"{what}.{key}")


@pytest.mark.parametrize("name,case", CASES, ids=[f"{n}: {c['name']}" for n, c in CASES])
def test_team_case(name, case):
    reads, merged, stats = run(SUITES[name]["model"], case)
    e = case["expect"]
    if "refused" in e:
        assert [{"file": r["file"], "reason": r["reason"], "message": r["message"]} for r in reads if not r["ok"]] == e["refused"]
    if "superseded" in e:
        assert [{"id": s["id"], "kept": s["kept"]["file"], "dropped": [d["file"] for d in s["dropped"]]}
                for s in merged["team"]["superseded"]] == e["superseded"]
    if "keys" in e:
        assert [r["key"] for r in merged["team"]["respondents"]] == e["keys"]
    if "carried" in e:
        assert [r["file"] for r in reads if r["ok"] and r["carried"]] == e["carried"]
    for key in ("respondents", "excluded"):
        if key in e:
            assert stats[key] == e[key], key
    if "departments" in e:
        assert [{"id": d["id"], "respondents": d["respondents"]} for d in stats["departments"]] == e["departments"]
    if "locations" in e:
        assert [{"name": loc["name"], "respondents": loc["respondents"]} for loc in stats["locations"]] == e["locations"]
    if "overall" in e:
        _figures(stats["overall"], e["overall"], "overall")
    for sid, expected in e.get("sections", {}).items():
        _figures(next(s for s in stats["sections"] if s["id"] == sid), expected, sid)
    for key, expected in e.get("stores", {}).items():
        store = next((g for g in stats["stores"] if g["key"] == (None if key == "null" else key)), None)
        assert store is not None, f"store {key} is missing"
        _figures(store, expected, f"store {key}")
    if "gaps" in e:
        assert [g["section"] for g in stats["gaps"]] == e["gaps"]
    if "agenda" in e:
        assert [q["id"] for q in stats["questions"]] == e["agenda"]
    for qid, expected in e.get("questions", {}).items():
        q = next(x for x in stats["questions"] if x["id"] == qid)
        for key, value in expected.items():
            if key == "counts":
                assert {c["choice"]: c["count"] for c in q["counts"]} == value, f"{qid}.counts"
            else:
                _same(q[key], value, f"{qid}.{key}")
    if "actions" in e:
        actions = stats["actions"]
        assert len(actions) == len(e["actions"])
        for a, x in zip(actions, e["actions"]):
            assert [a["playId"], a["rank"], [q["questionId"] for q in a["questions"]]] == [x["play"], x["rank"], x["questions"]]
            _close(a["priority"], x["priority"], f"{x['play']} priority")


# ---------------------------------------------------------------------------
# What the cases do not say on their own
# ---------------------------------------------------------------------------

MODEL = SUITES["scores.json"]["model"]
FIVE = SUITES["scores.json"]["cases"][0]


def test_same_json_summary_as_the_browser_byte_for_byte():
    """Node runs team-stats.js on every case; its JSON summary is the text Python writes."""
    script = """
      import { readFileSync } from "node:fs";
      import { emptyTeam, mergeTeam, readTeamFile, teamStats, teamSummary, tooLarge, unreadable } from "./theme/assets/cx/src/team-stats.js";
      const out = [];
      for (const name of JSON.parse(process.argv[1])) {
        const suite = JSON.parse(readFileSync(`tests/cases/team/${name}`, "utf8"));
        for (const c of suite.cases) {
          const reads = c.files.map((f) => f.size !== undefined ? tooLarge(f.name, suite.model) : f.unreadable ? unreadable(f.name)
            : readTeamFile(f.name, f.text ?? JSON.stringify(f.file), suite.model));
          const team = mergeTeam(emptyTeam(), reads.filter((r) => r.ok)).team;
          out.push(JSON.stringify(teamSummary(suite.model, teamStats(suite.model, team.respondents, c.options || {})), null, 2) + "\\n");
        }
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
