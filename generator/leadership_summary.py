"""The leadership summary as Markdown (``cx-playbook team --format summary``):
the same one page the team view prints (theme/assets/cx/src/summary.js), from
the same figures (:func:`generator.team.team_stats`, so small groups are hidden
by the same rule). The three actions are agreed in the meeting, so the page
leaves them to be written in; the team's recommended plays are listed to
choose from."""

from __future__ import annotations

import datetime
import math
from typing import Optional

from generator.team_report import _hidden, _level_basis, _md, _pct

GAPS = 3
DISPUTED = 5
CONTEXT_FIGURES = 3
MOVED = 3
SILENT = 3
RECOMMENDED = 5
# As summary.js: below either, the score is marked provisional.
COVERAGE_MIN = 0.8
RESPONDENTS_MIN = 5


def coverage(stats: dict) -> float:
    """The share of questions answered (a "not applicable" counts as an answer)."""
    answered = sum(q["n"] + q["notApplicable"] for q in stats["questions"])
    asked = answered + sum(q["unanswered"] for q in stats["questions"])
    return answered / asked if asked else 0.0


def to_summary(model: dict, stats: dict, today: Optional[datetime.date] = None) -> str:
    today = today or datetime.date.today()
    k = stats["options"]["k"]
    o = stats["overall"]
    round_ = f" · round {_md(stats['round'])}" if stats.get("round") is not None else ""
    out = ["# Leadership summary", "",
           f"**{_md(model['organisation'])}** · {_md(model['title'])}{round_} · {today.isoformat()} · "
           f"content {_md(model['contentVersion'])}", ""]
    n = stats["respondents"]
    if not n:
        return "\n".join(out + ["No respondent is included: add the team's answer files first.", ""])
    depts = len(stats["departments"])
    locations = len(stats["locations"])
    out += ["## Who answered", "",
            f"{n} respondent{'s' if n != 1 else ''}" + (f" ({stats['excluded']} left out)" if stats["excluded"] else "")
            + f", from {depts} department{'s' if depts != 1 else ''} and {locations} location{'s' if locations != 1 else ''}; "
            + _rate(stats.get("participation")) + ".", ""]
    share = coverage(stats)
    provisional = o["n"] < RESPONDENTS_MIN or share < COVERAGE_MIN
    level = f" **{_md(o['level']['name'])}**{_md(_level_basis(o))}" if o["level"] else ""
    # Lowest and highest are one person's score each: left out while small groups are hidden.
    extremes = "" if o["min"] is None else f", lowest {_pct(o['min'])}, highest {_pct(o['max'])}"
    spread = (f"SD {_js_round(o['sd'])} points{extremes}"
              if o["n"] > 1 and o["sd"] is not None else "one respondent: no spread")
    out += ["## Team score", "",
            f"**{_pct(o['mean'])}**{level}{' (provisional)' if provisional else ''} · n = {o['n']} · {spread} · "
            f"{_js_round(share * 100)}% of questions answered.", ""]
    if provisional:
        out += [f"Provisional: fewer than {RESPONDENTS_MIN} respondents or under {_js_round(COVERAGE_MIN * 100)}% of "
                "questions answered; read it as a first look.", ""]
    if stats.get("comparison"):
        out += [_change_line(stats["comparison"], k), ""]
    out += ["## Largest gaps: leadership against everyone else", ""]
    largest = [g for g in stats["gaps"] if _js_round(g["gap"]) != 0][:GAPS]
    if not largest:
        why = ("it needs respondents from leadership and from the other departments"
               if not stats["leadershipRespondents"] or not stats["restRespondents"]
               else "no section differs by a whole point, or the groups are too small to show")
        out.append(f"No gap to show: {why}.")
    for i, g in enumerate(largest, start=1):
        section = next(s for s in stats["sections"] if s["id"] == g["section"])
        points = _js_round(g["gap"])
        out.append(f"{i}. {_md(g['title'])}: {'+' if points > 0 else '−'}{abs(points)} points "
                   f"(leadership {_side(section['leadership'], k)}, everyone else {_side(section['rest'], k)})")
    out += ["", "## Most disputed questions", ""]
    disputed = [q for q in stats["questions"] if q["n"] > 1][:DISPUTED]
    if not disputed:
        out.append("No question has two or more answers yet.")
    for i, q in enumerate(disputed, start=1):
        out.append(f"{i}. {_md(q['text'])} (n = {q['n']}, disagreement {q['dissention']:.2f}, "
                   f"{q['range']} step{'s' if q['range'] != 1 else ''} apart{', ◆ split' if q['split'] else ''})")
    out += ["", "## Three actions we agree today", "", "| # | Play | Owner | Due |", "| --- | --- | --- | --- |"]
    out += [f"| {i} | | | |" for i in range(1, 4)]
    if stats["actions"]:
        out += ["", "Plays the team's answers recommend: "
                + "; ".join(_md(a["play"]["title"]) for a in stats["actions"][:RECOMMENDED]) + "."]
    context = model.get("context")
    if context and context["figures"]:
        out += ["", f"> **{_md(context['title'])}, as published** (not a benchmark of our score): {_md(context['note'])}", ">"]
        for f in context["figures"][:CONTEXT_FIGURES]:
            year = "year not given" if f["year"] == "not given" else f["year"]
            out.append(f"> - **{_md(f['value'])}** {_md(f['measure'])} ({_md(f['source'])}, {year}; sample: {_md(f['sample'])})")
    return "\n".join(out) + "\n"


def _js_round(x: float) -> int:
    """Math.round: halves up, as the page rounds."""
    return math.floor(x + 0.5)


def _rate(p: Optional[dict]) -> str:
    """The response rate (a percent, team_headcount) and the stores not heard from, a few by name."""
    if not p or p["rate"] is None:
        return "response rate not known (no headcounts entered)"
    silent = p["silentStores"]
    named = ""
    if silent:
        named = "; no answer yet from " + ", ".join(_md(x) for x in silent[:SILENT])
        if len(silent) > SILENT:
            named += f" and {len(silent) - SILENT} more"
    unplaced = p["respondents"] - p["placed"]
    named += f"; {unplaced} not placed (store or department not in the headcounts)" if unplaced else ""
    return f"response rate {_js_round(p['rate'])}% of {p['expected']} expected{named}"


def _change_line(c: dict, k: int) -> str:
    """The change since the last round (team_rounds), in one line, as summary.js writes it."""
    def side(x: Optional[dict]) -> str:
        if x is None:
            return "—"
        return _hidden(x, k) if x.get("hidden") else f"{_pct(x['score'])} (n = {x['n']})"

    def points(x: Optional[float]) -> str:
        if x is None:
            return "no change shown"
        p = _js_round(x)
        return "no change" if p == 0 else f"{'▲ +' if p > 0 else '▼ −'}{abs(p)} points"

    moved = [f"{_md(m['name'])} {points(m['change'])}" for m in c["moved"][:MOVED]]
    line = (f"**Since {_md(c['baseline'] or 'the last round')}:** {side(c['overall']['before'])} → "
            f"{side(c['overall']['now'])}, {points(c['overall']['change'])}")
    if moved:
        line += "; moved most: " + ", ".join(moved)
    if c["people"]:
        line += f"; {c['people']['new']} new, {c['people']['returning']} in both rounds"
    return line + "."


def _side(group: dict, k: int) -> str:
    return _hidden(group, k) if group["hidden"] else f"{_pct(group['mean'])} (n = {group['n']})"
