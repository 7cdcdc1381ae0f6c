"""Scoring rules, the Python twin of ``theme/assets/cx/scoring.js``.

Both run the cases in ``tests/cases/scoring.json``, so a respondent's score is
the same in the browser and in ``cx-playbook team``. Functions take the browser
model as plain data (:meth:`generator.browser_model.AssessmentModel.model_dump`)
and answers as ``{question id: {"choice": …}}``.
"""

from __future__ import annotations

import functools
import math
from typing import Optional

from generator.contract import EPSILON


def answer_score(model: dict, question: dict, answer: Optional[dict]) -> Optional[float]:
    """The score (0..1) of one question's answer, or None if unanswered or N/A."""
    if not answer or answer["choice"] == model["limits"]["notApplicable"]:
        return None
    scale = model["answerSets"].get(question["answerSet"])
    if scale:
        for choice in scale["choices"]:  # a plain loop: the team view scores thousands of answers
            if choice["id"] == answer["choice"]:
                return choice["score"]
    return None


def is_valid_choice(model: dict, question: dict, choice: str) -> bool:
    scale = model["answerSets"].get(question["answerSet"])
    if not scale:
        return False
    if choice == model["limits"]["notApplicable"]:
        return bool(scale.get("notApplicable")) and question.get("notApplicable") is not False
    for c in scale["choices"]:
        if c["id"] == choice:
            return True
    return False


def level_for(levels: list[dict], percent: Optional[float]) -> Optional[dict]:
    """Highest level whose ``min`` (percent) is at or below the score."""
    if percent is None:
        return None
    found = None
    for level in levels:
        if level["min"] <= percent + EPSILON and (found is None or level["min"] >= found["min"]):
            found = level
    return found


def display_percent(percent: Optional[float]) -> Optional[int]:
    """Whole percent as shown: floored so the figure never claims a level the score misses."""
    return None if percent is None else math.floor(percent + EPSILON)


def dropped(question: dict, lacks) -> bool:
    """A question about a department this location does not have drops out."""
    return any(need in lacks for need in question.get("needs") or [])


def tally(model: dict, questions: list[dict], answers: dict, lacks=()) -> dict:
    total = weights = 0.0
    answered = not_applicable = unanswered = dropped_out = 0
    for question in questions:
        if dropped(question, lacks):
            dropped_out += 1
            continue
        answer = answers.get(question["id"])
        if not answer or not is_valid_choice(model, question, answer["choice"]):
            unanswered += 1
            continue
        if answer["choice"] == model["limits"]["notApplicable"]:
            not_applicable += 1
            continue
        answered += 1
        total += question["weight"] * answer_score(model, question, answer)
        weights += question["weight"]
    # N/A and unanswered questions are left out of numerator and denominator alike;
    # a level (a verdict) waits until enough of the applicable questions are answered.
    percent = 100 * total / weights if weights > 0 else None
    applicable = len(questions) - dropped_out - not_applicable
    needed = math.ceil(model.get("levelCoverage", 0) * applicable - EPSILON)
    return {"percent": percent, "total": len(questions), "answered": answered, "notApplicable": not_applicable,
            "unanswered": unanswered, "dropped": dropped_out, "applicable": applicable,
            "remaining": max(0, needed - answered), "provisional": percent is not None and answered < needed}


def next_actions(model: dict, answers: dict, profile: Optional[dict] = None) -> list[dict]:
    """Ranked, de-duplicated plays for the questions scoring under ``lowBelow``."""
    reasons = []
    lacks = lacking(profile)
    for section in model["sections"]:
        for question in section["questions"]:
            if dropped(question, lacks):
                continue
            score = answer_score(model, question, answers.get(question["id"]))
            if score is None or score >= model["lowBelow"]:
                continue
            reasons.append((question["plays"], question["weight"] * (1 - score),
                            {"questionId": question["id"], "sectionId": section["id"], "score": score}))
    return plays_for(model, reasons)


def plays_for(model: dict, reasons: list[tuple[list[str], float, dict]]) -> list[dict]:
    """Plays, de-duplicated and ranked by their most pressing reason. A reason is
    (plays, priority, question): the question (what is shown under the play)
    asks for those plays with that priority."""
    by_play: dict[str, dict] = {}
    for plays, priority, question in reasons:
        for play_id in plays:
            play = model["plays"].get(play_id)
            if not play:
                continue
            entry = by_play.setdefault(play_id, {"playId": play_id, "play": play, "priority": -1.0, "questions": []})
            entry["priority"] = max(entry["priority"], priority)
            entry["questions"].append({**question, "priority": priority})
    return rank_plays(model, list(by_play.values()))


def rank_plays(model: dict, entries: list[dict]) -> list[dict]:
    """Highest priority first; ties go to the play that is cheap and quick to run."""
    order = list(model["levelNames"])

    def rank(level: str) -> int:
        return order.index(level) if level in order else len(order)

    def compare(a: dict, b: dict) -> float:
        # The browser's comparator: priorities closer than EPSILON tie.
        if abs(b["priority"] - a["priority"]) > EPSILON:
            return b["priority"] - a["priority"]
        return (rank(a["play"]["effort"]) - rank(b["play"]["effort"])
                or rank(a["play"]["cost"]) - rank(b["play"]["cost"])
                or (a["playId"] > b["playId"]) - (a["playId"] < b["playId"]))

    ranked = sorted(entries, key=functools.cmp_to_key(compare))
    for index, entry in enumerate(ranked, start=1):
        entry["rank"] = index
        entry["questions"].sort(key=lambda q: -q["priority"])
    return ranked


def lacking(profile: Optional[dict]) -> list[str]:
    """The departments a respondent's profile says this location does not have."""
    return list((profile or {}).get("lacks") or [])


def score_respondent(model: dict, answers: dict, profile: Optional[dict] = None) -> dict:
    """Overall and per-section percent of one respondent, with counts. The level
    is None while the score is provisional (too few applicable questions answered)."""
    lacks = lacking(profile)
    questions = [q for s in model["sections"] for q in s["questions"]]
    overall = tally(model, questions, answers, lacks)
    overall["level"] = None if overall["provisional"] else level_for(model["levels"], overall["percent"])
    sections = [{"id": s["id"], "title": s["title"], **tally(model, s["questions"], answers, lacks)}
                for s in model["sections"]]
    return {"overall": overall, "sections": sections}


def target_gap(model: dict, percent: Optional[float], level_id: Optional[str]) -> Optional[dict]:
    """Gap (percentage points) from a section's score to its target level, or met/unknown."""
    if not level_id:
        return None
    level = next((lv for lv in model["levels"] if lv["id"] == level_id), None)
    if level is None:
        return None
    if percent is None:
        return {"level": level, "gap": None, "met": False}
    gap = level["min"] - percent
    return {"level": level, "gap": 0, "met": True} if gap <= EPSILON else {"level": level, "gap": gap, "met": False}


def score_assessment(model: dict, state: dict) -> dict:
    """Everything the results show (scoring.js scoreAssessment): overall and
    sections with targets and the change since the last snapshot, strengths,
    gaps and next actions."""
    answers = state.get("answers") or {}
    targets = state.get("targets") or {}
    snapshots = state.get("snapshots") or []
    previous = snapshots[-1] if snapshots else None
    lacks = lacking(state.get("profile"))
    questions = [q for s in model["sections"] for q in s["questions"]]
    overall = tally(model, questions, answers, lacks)
    sections = []
    for section in model["sections"]:
        t = tally(model, section["questions"], answers, lacks)
        before = ((previous or {}).get("scores") or {}).get("sections") or {}
        was = before.get(section["id"])
        change = t["percent"] - was if t["percent"] is not None and isinstance(was, (int, float)) and not isinstance(was, bool) else None
        sections.append({"id": section["id"], "title": section["title"], **t,
                         "target": target_gap(model, t["percent"], targets.get(section["id"])), "change": change})
    scored = []
    for section in model["sections"]:
        for question in section["questions"]:
            if dropped(question, lacks):
                continue
            score = answer_score(model, question, answers.get(question["id"]))
            if score is not None:
                scored.append({"questionId": question["id"], "sectionId": section["id"], "text": question["text"],
                               "weight": question["weight"], "score": score})
    # Stable sorts with the browser's comparators (Array.prototype.sort is stable too).
    strengths = sorted((q for q in scored if q["score"] >= model["lowBelow"]), key=lambda q: (-q["score"], -q["weight"]))[:3]
    gaps = sorted((q for q in scored if q["score"] < model["lowBelow"]), key=lambda q: -(q["weight"] * (1 - q["score"])))[:3]
    level = None if overall["provisional"] else level_for(model["levels"], overall["percent"])
    return {"overall": {**overall, "level": level}, "sections": sections,
            "strengths": strengths, "gaps": gaps, "actions": next_actions(model, answers, state.get("profile")),
            "previous": previous}
