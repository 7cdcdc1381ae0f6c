"""Rounds: the Python twin of ``theme/assets/cx/src/team-rounds.js``.

The same team asked again, say every quarter. Each answer carries its round (a
link's ``o``, an answer file's ``round``, or ``--round`` for what carries none);
a respondent in two rounds is two entries, and duplicates are settled within a
round only (:func:`generator.team.merge_team`). The comparison works on two team
JSON summaries, so an earlier round brought back from its files and one brought
back from its JSON summary compare the same way; with small groups hidden, a
change is shown only when the group has k or more respondents on both sides.
Both languages run ``tests/cases/team/rounds*.json``.
"""

from __future__ import annotations

import json
import math
from typing import Any, Optional

from generator.contract import SUMMARY_FORMAT
from generator.team import _units, location_key, round4, round_name, team_stats, team_summary
from generator.team_headcount import participation

NO_ROUND = "No round named"
MOVED_MAX = 3


def rounds_of(respondents: list[dict]) -> list[dict]:
    """The rounds among the respondents, oldest first (earliest answer, then name)."""
    found: dict[Any, dict] = {}
    for r in respondents:
        rnd = r.get("round")
        when = r.get("exportedAt") or ""
        g = found.get(rnd)
        if g is None:
            found[rnd] = {"round": rnd, "respondents": 1, "first": when}
        else:
            g["respondents"] += 1
            if _units(when) < _units(g["first"]):
                g["first"] = when
    return sorted(found.values(), key=lambda g: (_units(g["first"]), _units(g["round"] or "")))


def in_round(respondents: list[dict], rnd: Optional[str]) -> list[dict]:
    return [r for r in respondents if r.get("round") == rnd]


_UNSET = object()


def pick_rounds(rounds: list[dict], current: Any = _UNSET, baseline: Any = _UNSET) -> dict:
    """The rounds to show: as asked when they exist, else the newest and the one before it."""
    names = [g["round"] for g in rounds]
    now = current if current is not _UNSET and current in names else (names[-1] if names else None)
    if baseline is not _UNSET and baseline != now and baseline in names:
        return {"current": now, "baseline": baseline, "compare": True}
    at = names.index(now) if now in names else -1
    if at > 0:
        return {"current": now, "baseline": names[at - 1], "compare": True}
    return {"current": now, "baseline": None, "compare": False}


def _is_count(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def _is_score(x: Any) -> bool:
    return x is None or (isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) and 0 <= x <= 100)


def _side(c: Any) -> bool:
    if not isinstance(c, dict):
        return False
    if c.get("hidden") is True:
        return True
    score = c.get("mean") if c.get("mean") is not None else c.get("score")
    return _is_count(c.get("n")) and _is_score(score)


def _cell_of(c: dict) -> dict:
    if c.get("hidden"):
        return {"hidden": True, "reason": "complement"} if c.get("reason") == "complement" else {"hidden": True}
    return {"n": c["n"], "mean": c.get("mean")}


def read_summary(text: str, model: dict) -> dict:
    """A team JSON summary read as an earlier round: {ok, summary} or {ok: False, message}."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {"ok": False, "message": "It is not a JSON file."}
    if not isinstance(data, dict) or data.get("format") != SUMMARY_FORMAT:
        return {"ok": False, "message": f"It is not a team JSON summary (its format is not “{SUMMARY_FORMAT}”)."}
    if not isinstance(data.get("assessment"), dict) or data["assessment"].get("id") != model["id"]:
        return {"ok": False, "message": f"It summarises another assessment, not “{model['title']}” ({model['id']})."}

    def cells(items: Any, key: str) -> bool:
        return isinstance(items, list) and all(
            _side(c) and (c.get(key) is None or isinstance(c.get(key), str)) for c in items)

    def part(x: Any) -> bool:
        return (isinstance(x, dict) and _is_count(x.get("n")) and _is_score(x.get("score"))
                and cells(x.get("byDepartment"), "department") and cells(x.get("byLocation"), "location"))

    sections = data.get("sections")
    rnd = data.get("round")
    if (not _is_count(data.get("respondents")) or not part(data.get("overall")) or not isinstance(sections, list)
            or not all(part(s) and isinstance(s.get("id"), str) for s in sections)
            or (rnd is not None and not isinstance(rnd, str))):
        return {"ok": False, "message": "Its figures are not in the form the team view writes."}

    def text_of(x: Any, fallback: Any) -> str:
        value = x if x is not None else fallback
        return "" if value is None else value if isinstance(value, str) else json.dumps(value)

    def keep(x: dict) -> dict:
        return {"n": x["n"], "score": x["score"],
                "byDepartment": [{"department": c.get("department"), "name": text_of(c.get("name"), c.get("department")),
                                  **_cell_of(c)} for c in x["byDepartment"]],
                "byLocation": [{"location": c.get("location"), **_cell_of(c)} for c in x["byLocation"]]}

    hide = data.get("hideGroupsSmallerThan")
    return {"ok": True, "summary": {
        "round": round_name(rnd),
        "respondents": data["respondents"],
        "hideGroupsSmallerThan": hide if _is_count(hide) else None,
        "overall": keep(data["overall"]),
        "sections": [{"id": s["id"], "title": text_of(s.get("title"), s["id"]), **keep(s)} for s in sections],
    }}


def compare_rounds(now: dict, before: dict, options: dict, people: Optional[dict] = None) -> dict:
    """The change from ``before`` to ``now`` (team summaries), with n on both sides."""
    hide = bool(options.get("hideSmall"))
    k = options.get("k")

    def view(c: Optional[dict]) -> Optional[dict]:
        if c is None:
            return None
        if c.get("hidden"):
            # Hidden as the complement of a smaller group (team.protect): said so, not "fewer than k".
            return {"hidden": True, "reason": "complement"} if c.get("reason") == "complement" else {"hidden": True}
        score = c["score"] if "score" in c else c.get("mean")
        if hide and c["n"] < k:
            return {"hidden": True}
        return {"n": c["n"], "score": None if score is None else round4(score)}

    def change(a: Optional[dict], b: Optional[dict]) -> Optional[float]:
        if a and b and not a.get("hidden") and not b.get("hidden") and a["score"] is not None and b["score"] is not None:
            return round4(a["score"] - b["score"])
        return None

    def row(extra: dict, a: Optional[dict], b: Optional[dict]) -> dict:
        x, y = view(a), view(b)
        return {**extra, "now": x, "before": y, "change": change(x, y)}

    overall = row({}, now["overall"], before["overall"])
    before_sections = {s["id"]: s for s in before["sections"]}
    sections = [row({"id": s["id"], "title": s["title"]}, s, before_sections.get(s["id"])) for s in now["sections"]]

    def dept_key(c: dict) -> str:
        return c.get("department") or ""

    then_depts = {dept_key(c): c for c in before["overall"]["byDepartment"]}
    departments = [row({"id": c.get("department"), "name": c["name"]}, c, then_depts.get(dept_key(c)))
                   for c in now["overall"]["byDepartment"]]
    now_depts = {dept_key(c) for c in now["overall"]["byDepartment"]}

    def loc_key(c: dict) -> str:
        return location_key(c.get("location")) or ""

    then_locs = {loc_key(c): c for c in before["overall"]["byLocation"]}
    locations = [row({"name": c["location"]}, c, then_locs.get(loc_key(c))) for c in now["overall"]["byLocation"]]
    now_locs = {loc_key(c) for c in now["overall"]["byLocation"]}

    moved = ([{"kind": "section", "id": s["id"], "name": s["title"], "change": s["change"], "order": i}
              for i, s in enumerate(sections)]
             + [{"kind": "department", "id": d["id"], "name": d["name"], "change": d["change"], "order": 1000 + i}
                for i, d in enumerate(departments)]
             + [{"kind": "location", "id": None, "name": loc["name"], "change": loc["change"], "order": 2000 + i}
                for i, loc in enumerate(locations)])
    moved = sorted((m for m in moved if m["change"] is not None and m["change"] != 0),
                   key=lambda m: (-abs(m["change"]), m["order"]))[:MOVED_MAX]
    return {
        "round": now.get("round"),
        "baseline": before.get("round"),
        "respondents": {"now": now["respondents"], "before": before["respondents"]},
        "overall": overall,
        "sections": sections,
        "departments": departments,
        "locations": locations,
        "moved": [{k: v for k, v in m.items() if k != "order"} for m in moved],
        "newDepartments": [d["name"] for d in departments if dept_key({"department": d["id"]}) not in then_depts],
        "newLocations": [loc["name"] for loc in locations if (location_key(loc["name"]) or "") not in then_locs],
        "goneDepartments": [c["name"] for c in before["overall"]["byDepartment"] if dept_key(c) not in now_depts],
        "goneLocations": [c["location"] for c in before["overall"]["byLocation"] if loc_key(c) not in now_locs],
        "people": people,
    }


def people_between(now: list[dict], before: list[dict]) -> dict:
    """Who is new: respondent ids in the current round and not the earlier one, and the other way round."""
    a = {r["id"] for r in now if r["id"] is not None}
    b = {r["id"] for r in before if r["id"] is not None}
    returning = len(a & b)
    return {"new": len(a) - returning, "returning": returning, "gone": len(b) - returning}


def round_stats(model: dict, respondents: list[dict], options: Optional[dict] = None, current: Any = _UNSET,
                baseline: Any = _UNSET, baseline_summary: Optional[dict] = None,
                headcounts: Optional[list] = None, compare: bool = True) -> dict:
    """The team's figures for one round, with the comparison and the participation (see team-rounds.js)."""
    options = options or {}
    rounds = rounds_of(respondents)
    picked = pick_rounds(rounds, current, baseline)
    excluded = set(options.get("excluded") or [])
    now = in_round(respondents, picked["current"])
    stats = team_stats(model, now, {**options, "round": picked["current"]})
    stats["rounds"] = rounds
    stats["baseline"] = None
    before = None
    people = None
    if baseline_summary:
        before = baseline_summary
    elif picked["compare"] and compare:
        earlier = in_round(respondents, picked["baseline"])
        before = team_summary(model, team_stats(model, earlier, {**options, "round": picked["baseline"]}))
        people = people_between([r for r in now if r["key"] not in excluded],
                                [r for r in earlier if r["key"] not in excluded])
    if before:
        stats["comparison"] = compare_rounds(team_summary(model, stats), before, stats["options"], people)
        stats["baseline"] = before.get("round")
    if headcounts:
        stats["participation"] = participation(model, [r for r in now if r["key"] not in excluded], headcounts)
    return stats
