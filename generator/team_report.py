"""The team report in the formats ``cx-playbook team`` writes: text (for a
terminal), Markdown (for a wiki or an e-mail), CSV (the tidy table, for a
spreadsheet or a BI engine) and JSON (the summary the browser downloads too).

Reads the statistics of :mod:`generator.team`; writes strings, nothing else.
"""

from __future__ import annotations

import math

import json
import re
from typing import Any, Optional

from generator.scoring import display_percent, is_valid_choice
from generator.team import AGREEMENT_MIN_N, team_csv, team_summary

_LONE_SURROGATE = re.compile(r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain_numbers(value: Any) -> Any:
    """Whole floats as integers, the way JavaScript's JSON.stringify writes them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(v) for v in value]
    return value


def to_json(model: dict, stats: dict) -> str:
    """The summary as JSON.stringify(summary, null, 2) writes it, newline-terminated."""
    text = json.dumps(_plain_numbers(team_summary(model, stats)), ensure_ascii=False, indent=2)
    # JSON.stringify escapes a lone surrogate; UTF-8 cannot carry one raw.
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_csv(model: dict, respondents: list[dict], options: Optional[dict] = None) -> str:
    return safe_text(team_csv(model, respondents, options))


def safe_text(text: str) -> str:
    """Text a UTF-8 file can hold: a lone surrogate becomes U+FFFD, as in a browser's Blob."""
    return _LONE_SURROGATE.sub("\ufffd", text)


# ---------------------------------------------------------------------------
# Human-readable reports
# ---------------------------------------------------------------------------


def _pct(value: Optional[float]) -> str:
    return "—" if value is None else f"{display_percent(value)}%"


def _points(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.1f}"


def _gap(value: Optional[float]) -> str:
    if value is None:
        return "—"
    points = round(value)
    return "no gap" if points == 0 else f"{'+' if points > 0 else '−'}{abs(points)} points"


def _line(text: str) -> str:
    """Untrusted text on one line, without terminal control characters."""
    return _CONTROL.sub(" ", " ".join(str(text).split()))


def _hidden(x: dict, k: int) -> str:
    """Why a group shows nothing: it is small, or its figures with the totals would give a small one away."""
    return "hidden (would reveal a smaller group)" if x.get("reason") == "complement" else f"fewer than {k}"


def _range(x: dict) -> str:
    """Lowest to highest are one person's score each: left out while small groups are hidden."""
    return "" if x["min"] is None else f", range {_pct(x['min'])}–{_pct(x['max'])}"


def _level_basis(x: dict) -> str:
    """A level from fewer respondents than the mean beside it (the provisional ones are left out) says whose it is."""
    if x["levelN"] == x["n"]:
        return ""
    mean = "" if x["levelMean"] is None else f": mean {_pct(x['levelMean'])}"
    return f" (from the {x['levelN']} with 80% or more answered{mean})"


def _cell(cell: dict, k: int) -> str:
    if cell["hidden"]:
        return _hidden(cell, k)
    if not cell["n"]:
        return "—"
    return f"{_pct(cell['mean'])} (n={cell['n']}){' ◆ split' if cell['split'] else ''}"


def _side(group: dict, k: int) -> str:
    if group["hidden"]:
        return _hidden(group, k)
    if not group["n"]:
        return "—"
    return f"{_pct(group['mean'])} (n={group['n']})"


def _question(model: dict, question_id: str) -> Optional[dict]:
    return next((q for s in model["sections"] for q in s["questions"] if q["id"] == question_id), None)


def _offers_not_applicable(model: dict, question_id: str) -> bool:
    """Whether "not applicable" is an answer this question takes (counted only then)."""
    question = _question(model, question_id)
    return question is not None and is_valid_choice(model, question, model["limits"]["notApplicable"])


def _choice_label(model: dict, question_id: str, choice: Optional[str]) -> str:
    if choice is None:
        return "—"
    question = _question(model, question_id)
    if question is None:
        return choice
    return next((c["label"] for c in model["answerSets"][question["answerSet"]]["choices"] if c["id"] == choice), choice)


def _agreement(q: dict) -> str:
    if q["n"] < AGREEMENT_MIN_N or q["ad"] is None:
        return f"agreement indices from n = {AGREEMENT_MIN_N}"
    rwg = "—" if q["rwg"] is None else f"{q['rwg']:.2f}"
    return f"rwg {rwg}, AD {q['ad']:.2f} ({'acceptable' if q['adAcceptable'] else 'wide'})"


NO_ROUND = "No round named"


def _change(x: Optional[float]) -> str:
    """A change in points, as the team view writes it (▲ better, ▼ worse)."""
    if x is None:
        return "—"
    points = math.floor(x + 0.5)
    return "no change" if points == 0 else f"{'▲ +' if points > 0 else '▼ −'}{abs(points)} points"


def _then(x: Optional[dict], k: int) -> str:
    if x is None:
        return "not in that round"
    return _hidden(x, k) if x.get("hidden") else f"{_pct(x['score'])} (n={x['n']})"


def rounds_lines(stats: dict, md=lambda t: _line(t), item: str = "  ") -> list[str]:
    """Participation and the change since an earlier round, as lines (text and Markdown share them;
    ``item`` starts each line of a list: an indent in text, a bullet in Markdown)."""
    k = stats["options"]["k"]
    out: list[str] = []
    p = stats.get("participation")
    if p:
        rate = "—" if p["rate"] is None else f"{math.floor(p['rate'] + 0.5)}%"
        if item != "  ":
            out += ["## Participation", ""]
        unplaced = p["respondents"] - p["placed"]
        out += [f"Response rate: {rate} — {p['placed']} of {p['expected']} expected answered"
                + (f"; {unplaced} not placed (their store or department is not in the headcounts)" if unplaced else "")
                + ".", ""]
        silent = [f"{md(x)} (no answer from any department)" for x in p["silentStores"]] + [
            f"{md(d['store'])}: {md(d['name'])}" for d in p["silentDepartments"] if d["store"] not in p["silentStores"]]
        if silent:
            out += ["Not answered yet: " + "; ".join(silent) + ".", ""]
        for st in p["stores"]:
            cells = ", ".join(f"{md(d['name'])} {d['answered']}/{d['expected']}" for d in st["departments"])
            srate = "—" if st["rate"] is None else f"{math.floor(st['rate'] + 0.5)}%"
            out.append(f"{item}{md(st['store'])}: {st['answered']} of {st['expected']} ({srate}); {cells}")
        out.append("")
    c = stats.get("comparison")
    if c:
        before = md(c["baseline"] or NO_ROUND)
        now = md(c["round"] or NO_ROUND)
        if item != "  ":
            out += [f"## Change since {before}", ""]
        out += [f"Change since {before} (round {now}, {c['respondents']['now']} respondents, against "
                f"{c['respondents']['before']}; a group below {k} on either side shows no change):",
                *([""] if item != "  " else []),
                f"{item}Overall: {_then(c['overall']['before'], k)} → {_then(c['overall']['now'], k)}, {_change(c['overall']['change'])}"]
        for x in c["sections"]:
            out.append(f"{item}{md(x['title'])}: {_then(x['before'], k)} → {_then(x['now'], k)}, {_change(x['change'])}")
        for x in c["departments"]:
            out.append(f"{item}{md(x['name'])} (department): {_then(x['before'], k)} → {_then(x['now'], k)}, {_change(x['change'])}")
        if c["moved"]:
            out.append(f"{item}Moved most: " + "; ".join(f"{md(m['name'])} {_change(m['change'])}" for m in c["moved"]))
        if c["people"]:
            out.append(f"{item}Who is new: {c['people']['new']} new, {c['people']['returning']} in both rounds, "
                       f"{c['people']['gone']} only in {before}.")
        news = [f"{md(d)} (department)" for d in c["newDepartments"]] + [f"{md(x)} (location)" for x in c["newLocations"]]
        if news:
            out.append(f"{item}Answering for the first time: " + ", ".join(news) + ".")
        out.append("")
    return out


def to_text(model: dict, stats: dict) -> str:
    k = stats["options"]["k"]
    o = stats["overall"]
    out = [f"{_line(model['title'])}: team view (questionnaire version {_line(model['version'])})", ""]
    if stats.get("round") is not None:
        out.append(f"Round {_line(stats['round'])}")
    out.append(_respondents_sentence(stats))
    out.append(_privacy_sentence(stats))
    out.append("")
    out += rounds_lines(stats)
    if o["n"]:
        level = f", {_line(o['level']['name'])}{_level_basis(o)}" if o["level"] else ""
        out.append(f"Team score {_pct(o['mean'])}{level} (n = {o['n']}, SD {_points(o['sd'])} points{_range(o)})")
    else:
        out.append("No scored answers yet.")
    out += ["", "Sections (mean of respondents' scores)"]
    for s in stats["sections"]:
        level = _line(s["level"]["name"]) + _level_basis(s) if s["level"] else "—"
        out.append(f"  {_line(s['title'])}: {_pct(s['mean'])} {level} (n = {s['n']}, SD {_points(s['sd'])}{_range(s)})")
    for title, key, groups in (("By department", "byDepartment", stats["departments"]),
                               ("By location", "byLocation", stats["locations"])):
        if key == "byLocation" and len(groups) < 2:
            continue
        out += ["", f"{title} (mean, n; ◆ split: scores 50 points or more apart)"]
        for i, g in enumerate(groups):
            out.append(f"  {_line(g['name'])} ({g['respondents']} respondent{'s' if g['respondents'] != 1 else ''})")
            out.append(f"    Overall: {_cell(stats['overall'][key][i], k)}")
            for s in stats["sections"]:
                out.append(f"    {_line(s['title'])}: {_cell(s[key][i], k)}")
    if len(stats["stores"]) > 1:
        out += ["", "By location and department (overall score, n; a location's leadership gap)"]
        for g in stats["stores"]:
            out.append(f"  {_line(g['name'])} ({g['respondents']} respondent{'s' if g['respondents'] != 1 else ''})")
            for c in g["byDepartment"]:
                out.append(f"    {_line(c['name'])}: {_cell(c, k)}")
            out.append(f"    Leadership gap: {_store_gap(g, k)}")
    out += ["", "Leadership and everyone else"]
    if not stats["leadershipRespondents"] or not stats["restRespondents"]:
        out.append("  Needs respondents from a leadership department and from the others.")
    else:
        for title, s in [("Overall", o)] + [(x["title"], x) for x in stats["sections"]]:
            out.append(f"  {_line(title)}: leadership {_side(s['leadership'], k)}, everyone else {_side(s['rest'], k)}, "
                       f"gap {_gap(s['gap'])}")
        if stats["gaps"]:
            out.append("  Largest gaps: " + "; ".join(f"{_line(g['title'])} {_gap(g['gap'])}" for g in stats["gaps"][:3]))
    out += ["", "Discussion agenda (most disagreement first)"]
    for i, q in enumerate(stats["questions"], start=1):
        flag = "[split] " if q["split"] else ""
        if not q["n"]:
            out.append(f"  {i}. {_line(q['text'])} — no scored answers")
            continue
        out.append(f"  {i}. {flag}{_line(q['text'])} ({_line(q['sectionTitle'])})")
        out.append(f"     n = {q['n']}, median “{_line(_choice_label(model, q['id'], q['median']))}”, range {q['range']} "
                   f"step{'s' if q['range'] != 1 else ''}, dissention {q['dissention']:.2f}, mean score {_pct(q['mean'] * 100)}; "
                   f"{_agreement(q)}")
        counts = " · ".join(f"{c['count']} {_line(c['label'])}" for c in q["counts"])
        na = f" · {q['notApplicable']} not applicable" if _offers_not_applicable(model, q["id"]) else ""
        out.append(f"     {counts}{na} · {q['unanswered']} unanswered")
        for note in q["notes"]:
            out.append(f"     note ({_note_by(note)}): {_line(note['text'])}")
        if q["notesWithheld"]:
            out.append(f"     {_withheld(q['notesWithheld'], k)}")
    out += ["", "Team next actions"]
    if not stats["actions"]:
        out.append("  None: no question has a low mean or a split answer, or none names a play.")
    for a in stats["actions"]:
        play = a["play"]
        phase = f"90-day plan: {_line(play['phase']['title'])}" if play.get("phase") else "90-day plan: not scheduled"
        out.append(f"  {a['rank']}. {_line(play['title'])} (priority {a['priority']:.2f}; effort {play['effort']}, "
                   f"cost {play['cost']}, owner {_line(play['ownerName'])}; {phase})")
        why = "; ".join(f"{_line(q['text'])} (mean {_pct(q['mean'] * 100)}, n = {_n(stats, q['questionId'])}"
                        f"{', split' if q['split'] else ''})" for q in a["questions"])
        out.append(f"     because: {why}")
    return "\n".join(out) + "\n"


def _privacy_sentence(stats: dict) -> str:
    opts = stats["options"]
    if not opts["hideSmall"]:
        return "Every group is shown, however small: one person's answers can be picked out (--hide-below 0)."
    notes = ("every note is shown, those of smaller groups without their department" if opts["showNotes"]
             else "notes are shown without names, and only from departments of that size")
    return (f"Groups smaller than {opts['k']} are hidden, and so is any group whose figures, taken from a shown "
            f"total, would give a hidden one away; lowest and highest scores are not shown; {notes}.")


def _withheld(count: int, k: int) -> str:
    return (f"{count} note{'s' if count != 1 else ''} withheld: written in a department of fewer than {k} respondents "
            "(--show-notes shows them)")


def _store_gap(store: dict, k: int) -> str:
    if store["leadership"]["hidden"] or store["rest"]["hidden"]:
        return f"fewer than {k} on a side"  # the other side is hidden with it
    return _gap(store["gap"])


def _n(stats: dict, question_id: str) -> int:
    return next(q["n"] for q in stats["questions"] if q["id"] == question_id)


def _note_by(note: dict) -> str:
    parts = [_line(note["department"]) if note["department"] else "department hidden"]
    if note["name"]:
        parts.append(_line(note["name"]))
    return ", ".join(parts)


def _respondents_sentence(stats: dict) -> str:
    n = stats["respondents"]
    text = f"{n} respondent{'s' if n != 1 else ''}"
    if stats["excluded"]:
        text += f" ({stats['excluded']} excluded)"
    depts = sum(1 for d in stats["departments"] if d["id"] is not None)
    locations = sum(1 for loc in stats["locations"] if loc["key"] is not None)
    return (text + f" from {depts} department{'s' if depts != 1 else ''} and "
            f"{locations} location{'s' if locations != 1 else ''}.")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


def _md(text: Any) -> str:
    """Untrusted text as literal Markdown on one line (no markup, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", _line(text))


def to_markdown(model: dict, stats: dict) -> str:
    k = stats["options"]["k"]
    o = stats["overall"]
    out = [f"# {_md(model['title'])}: team view", "", f"Questionnaire version {_md(model['version'])}. "
           + _md(_respondents_sentence(stats)), ""]
    out += [_md(_privacy_sentence(stats)), ""]
    if stats.get("round") is not None:
        out += [f"Round {_md(stats['round'])}.", ""]
    out += rounds_lines(stats, _md, "- ")
    if o["n"]:
        level = f", **{_md(o['level']['name'])}**{_md(_level_basis(o))}" if o["level"] else ""
        out += [f"**Team score {_pct(o['mean'])}**{level} (n = {o['n']}, SD {_points(o['sd'])} points{_range(o)})", ""]
    out += ["## Sections", "", "| Section | n | Mean | Level | SD | Min | Max |", "| --- | ---: | ---: | --- | ---: | ---: | ---: |"]
    for s in stats["sections"]:
        level = _md(s["level"]["name"]) + _md(_level_basis(s)) if s["level"] else "—"
        out.append(f"| {_md(s['title'])} | {s['n']} | {_pct(s['mean'])} | {level} | {_points(s['sd'])} | "
                   f"{_pct(s['min'])} | {_pct(s['max'])} |")
    for title, key, groups in (("By department", "byDepartment", stats["departments"]),
                               ("By location", "byLocation", stats["locations"])):
        if key == "byLocation" and len(groups) < 2:
            continue
        out += ["", f"## {title}", "", "Mean score, n; ◆ split: scores 50 points or more apart.", ""]
        out.append("| | Overall | " + " | ".join(_md(s["title"]) for s in stats["sections"]) + " |")
        out.append("| --- |" + " ---: |" * (len(stats["sections"]) + 1))
        for i, g in enumerate(groups):
            cells = [_cell(stats["overall"][key][i], k)] + [_cell(s[key][i], k) for s in stats["sections"]]
            out.append(f"| {_md(g['name'])} ({g['respondents']}) | " + " | ".join(cells) + " |")
    if len(stats["stores"]) > 1:
        out += ["", "## By location and department", "", "Overall score, n; the location's own leadership gap.", ""]
        out.append("| Location | " + " | ".join(_md(d["name"]) for d in stats["departments"]) + " | Leadership gap |")
        out.append("| --- |" + " ---: |" * (len(stats["departments"]) + 1))
        for g in stats["stores"]:
            cells = [_cell(c, k) for c in g["byDepartment"]]
            out.append(f"| {_md(g['name'])} ({g['respondents']}) | " + " | ".join(cells) + f" | {_store_gap(g, k)} |")
    out += ["", "## Leadership and everyone else", ""]
    if not stats["leadershipRespondents"] or not stats["restRespondents"]:
        out.append("Needs respondents from a leadership department and from the others.")
    else:
        out += ["| Section | Leadership | Everyone else | Gap |", "| --- | ---: | ---: | ---: |"]
        for title, s in [("Overall", o)] + [(x["title"], x) for x in stats["sections"]]:
            out.append(f"| {_md(title)} | {_side(s['leadership'], k)} | {_side(s['rest'], k)} | {_gap(s['gap'])} |")
    out += ["", "## Discussion agenda", "", "Most disagreement first.", ""]
    for i, q in enumerate(stats["questions"], start=1):
        flag = " **(split)**" if q["split"] else ""
        if not q["n"]:
            out.append(f"{i}. {_md(q['text'])}: no scored answers")
            continue
        counts = "; ".join(f"{_md(c['label'])}: {c['count']}" for c in q["counts"])
        out.append(f"{i}. {_md(q['text'])}{flag} ({_md(q['sectionTitle'])})")
        out.append(f"    - n = {q['n']}, median “{_md(_choice_label(model, q['id'], q['median']))}”, range {q['range']} "
                   f"step{'s' if q['range'] != 1 else ''}, dissention {q['dissention']:.2f}, "
                   f"mean score {_pct(q['mean'] * 100)}; {_agreement(q)}")
        na = f"; not applicable: {q['notApplicable']}" if _offers_not_applicable(model, q["id"]) else ""
        out.append(f"    - {counts}{na}; unanswered: {q['unanswered']}")
        for note in q["notes"]:
            out.append(f"    - note ({_md(_note_by(note))}): {_md(note['text'])}")
        if q["notesWithheld"]:
            out.append(f"    - {_md(_withheld(q['notesWithheld'], k))}")
    out += ["", "## Team next actions", ""]
    if not stats["actions"]:
        out.append("None: no question has a low mean or a split answer, or none names a play.")
    for a in stats["actions"]:
        play = a["play"]
        phase = f"90-day plan: {_md(play['phase']['title'])}" if play.get("phase") else "90-day plan: not scheduled"
        why = "; ".join(f"{_md(q['text'])} (mean {_pct(q['mean'] * 100)}, n = {_n(stats, q['questionId'])}"
                        f"{', split' if q['split'] else ''})" for q in a["questions"])
        out.append(f"{a['rank']}. **{_md(play['title'])}**: effort {play['effort']}, cost {play['cost']}, "
                   f"owner {_md(play['ownerName'])}; {phase}. Because: {why}")
    return "\n".join(out) + "\n"
