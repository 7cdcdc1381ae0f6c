"""The team view's statistics: the Python twin of ``theme/assets/cx/team-stats.js``.

Many answer files are read by the single import's reader (:mod:`generator.answers`),
merged into a team (one respondent per respondent id, the newest export kept)
and summarised: section and overall scores with their spread, heatmaps by
department and location, leadership against everyone else, the discussion
agenda ordered by disagreement, and the team's next actions. Both languages
run the cases in ``tests/cases/team/``, so ``cx-playbook team`` and the page
give the same numbers. Pure: no files, no printing (see :mod:`generator.cli`).

Where JavaScript and Python differ, this module follows JavaScript: text is
compared by UTF-16 code units, and sums run in the same order.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any, Iterable, Optional

from generator import contract
from generator.answers import js_string, read_answers, refused
from generator.contract import AGREEMENT_MIN_N, DEFAULT_K, EPSILON, SPLIT_POINTS, SUMMARY_FORMAT
from generator.scoring import is_valid_choice, level_for, plays_for, score_respondent

NOT_STATED = "Not stated"

_SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
_SPACES = re.compile(_SPACE)
_EDGES = re.compile(f"^{_SPACE}|{_SPACE}$")


def tidy(text: str) -> str:
    """Text trimmed and with inner whitespace collapsed to one space."""
    return _SPACES.sub(" ", _EDGES.sub("", text))


def round_name(text: Any) -> Optional[str]:
    """A round name as grouped: trimmed, whitespace collapsed; None when empty."""
    if text is None:
        return None
    name = tidy(str(text))
    return name or None


def respondent_key(rid: str, round_: Optional[str]) -> str:
    """A respondent's key: its id within its round (a later round is a new entry, not a replacement)."""
    return rid if round_ is None else f"{rid}@{round_}"


def location_key(text: Optional[str]) -> Optional[str]:
    """How locations group: trimmed, whitespace collapsed, case folded; None when not stated."""
    if text is None:
        return None
    key = tidy(text).lower()
    return key or None


def _units(text: str) -> bytes:
    """A sort key that orders text as JavaScript does (by UTF-16 code units)."""
    return text.encode("utf-16-be", "surrogatepass")


def _compare_text(a: str, b: str) -> int:
    ua, ub = _units(a), _units(b)
    return (ua > ub) - (ua < ub)


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------

REASONS = contract.REASONS


def refusal(file: str, read: dict) -> dict:
    """A refused file: its name, the kind of refusal (from the reader's code) and the reader's sentence."""
    return {"ok": False, "file": file, "reason": contract.refusal_reason(read["code"]), "message": read["message"]}


def too_large(file: str, model: dict) -> dict:
    """A file refused by its size, before it is read."""
    return refusal(file, refused("too-large", megabytes=js_string(model["limits"]["fileMaxBytes"] / 1024 / 1024)))


def unreadable(file: str) -> dict:
    return refusal(file, refused("unreadable"))


def read_team_file(file: str, text: Any, model: dict) -> dict:
    """One file's text, read and carried over exactly as the single import does."""
    result = read_answers(text, model)
    if not result["ok"]:
        return refusal(file, result)
    state, report = result["state"], result["report"]
    name = state["profile"].get("name")
    location = state["profile"].get("location")
    return {
        "ok": True,
        "file": file,
        "respondent": {
            "key": None,
            "id": state["respondent"],
            "name": name if name and tidy(name) else None,
            "department": state["profile"].get("department") or None,
            "location": location if location and location_key(location) is not None else None,
            "exportedAt": result["file"]["exportedAt"],
            "updatedAt": result["file"]["updatedAt"],
            "round": round_name(result["file"].get("round")),
            "file": file,
            "answers": {qid: a["choice"] for qid, a in state["answers"].items()},
            "notes": {qid: note for qid, note in state["notes"].items() if tidy(note)},
        },
        "fromVersion": report["fromVersion"],
        "carried": report["fromVersion"] != report["toVersion"],
        "lost": len(report["lost"]),
        "departmentIgnored": report["departmentIgnored"],
    }


# ---------------------------------------------------------------------------
# Merging
# ---------------------------------------------------------------------------


def empty_team() -> dict:
    return {"respondents": [], "superseded": [], "v1Count": 0}


def is_newer(a: dict, b: dict) -> int:
    """> 0 when export a is newer than b: exportedAt, then updatedAt, then file name."""
    return (_compare_text(a["exportedAt"], b["exportedAt"])
            or _compare_text(a["updatedAt"] or "", b["updatedAt"] or "")
            or _compare_text(a["file"], b["file"]))


def merge_team(team: dict, reads: Iterable[dict], round_: Optional[str] = None) -> dict:
    """Merge read files into a team (a new one; the old is left as it was). ``round_`` names the
    round of answers that carry none; a respondent is keyed by id within a round."""
    fallback = round_name(round_)
    respondents = list(team["respondents"])
    index = {r["key"]: i for i, r in enumerate(respondents)}
    superseded = {s["id"]: {**s, "dropped": list(s["dropped"])} for s in team["superseded"]}
    touched: set[str] = set()
    v1_count = team["v1Count"]
    added = replaced = 0
    for read in reads:
        r = dict(read["respondent"])
        r["round"] = round_name(r.get("round"))
        if r["round"] is None:
            r["round"] = fallback
        if r["id"] is None:
            # Format 1 has no respondent id: each file is its own respondent.
            v1_count += 1
            r["key"] = f"v1:{v1_count}"
            index[r["key"]] = len(respondents)
            respondents.append(r)
            added += 1
            continue
        r["key"] = respondent_key(r["id"], r["round"])
        if r["key"] not in index:
            index[r["key"]] = len(respondents)
            respondents.append(r)
            added += 1
            continue
        at = index[r["key"]]
        old = respondents[at]
        entry = superseded.get(r["key"]) or {"id": r["key"], "name": None, "kept": None, "dropped": []}

        def stamp(x: dict) -> dict:
            return {"file": x["file"], "exportedAt": x["exportedAt"]}

        if is_newer(r, old) > 0:
            respondents[at] = r
            entry["dropped"].append(stamp(old))
            entry["kept"] = stamp(r)
            entry["name"] = r["name"]
            replaced += 1
        else:
            entry["dropped"].append(stamp(r))
            entry["kept"] = stamp(old)
            entry["name"] = old["name"]
        superseded[r["key"]] = entry
        touched.add(r["key"])
    return {
        "team": {"respondents": respondents, "superseded": list(superseded.values()), "v1Count": v1_count},
        "added": added,
        "replaced": replaced,
        "superseded": [s for s in superseded.values() if s["id"] in touched],
    }


# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------


def describe(values: list[float]) -> dict:
    """n, mean, sample SD (None under 2), min and max."""
    n = len(values)
    if not n:
        return {"n": 0, "mean": None, "sd": None, "min": None, "max": None}
    total = 0.0
    low = high = values[0]
    for v in values:
        total += v
        low = v if v < low else low
        high = v if v > high else high
    mean = total / n
    squares = 0.0
    for v in values:
        squares += (v - mean) * (v - mean)
    return {"n": n, "mean": mean, "sd": None if n < 2 else math.sqrt(squares / (n - 1)), "min": low, "max": high}


def _cell(values: list[float], options: dict) -> dict:
    d = describe(values)
    if options["hideSmall"] and d["n"] < options["k"]:
        return {"n": None, "mean": None, "min": None, "max": None, "split": False, "hidden": True, "reason": "small"}
    split = d["n"] >= 2 and d["max"] - d["min"] >= SPLIT_POINTS - EPSILON
    # With hiding on, the lowest and highest are one person's score each: not shown.
    low, high = (None, None) if options["hideSmall"] else (d["min"], d["max"])
    return {"n": d["n"], "mean": d["mean"], "min": low, "max": high, "split": split, "hidden": False}


def _complement(cell: dict) -> dict:
    return {**cell, "n": None, "mean": None, "min": None, "max": None, "split": False, "hidden": True,
            "reason": "complement"}


def protect(sizes: list[int], cells: list[dict], k: int) -> bool:
    """Complementary suppression over one partition whose total is shown: while the hidden
    groups together hold fewer than k respondents (but some), the smallest visible group is
    hidden too, or a hidden group's mean would follow by subtraction. True when it hid one."""
    changed = False
    hidden = sum(n for n, c in zip(sizes, cells) if c["hidden"])
    order = sorted((i for i, c in enumerate(cells) if not c["hidden"]), key=lambda i: (sizes[i], i))
    for i in order:
        if hidden == 0 or hidden >= k:
            break
        cells[i] = _complement(cells[i])
        hidden += sizes[i]
        changed = True
    return changed


def _partition(groups: list[list[float]], options: dict) -> list[dict]:
    """Cells of groups that together make up a shown total (departments, locations, leadership ⇄ rest)."""
    cells = [_cell(v, options) for v in groups]
    if options["hideSmall"]:
        protect([len(v) for v in groups], cells, options["k"])
    return cells


def _group(cell: dict) -> dict:
    out = {"n": cell["n"], "mean": cell["mean"], "hidden": cell["hidden"]}
    return {**out, "reason": cell["reason"]} if cell["hidden"] else out


def steps(choices: list[dict]) -> list[dict]:
    """The answer steps of a scale: its choices sorted by score (stable)."""
    return sorted(choices, key=lambda c: c["score"])


def question_stats(model: dict, question: dict, respondents: list[dict]) -> dict:
    """One question over the included respondents (see team-stats.js questionStats)."""
    scale = model["answerSets"].get(question["answerSet"])
    choices = scale["choices"] if scale else []
    na = model["limits"]["notApplicable"]
    ordered = steps(choices)
    step_of = {c["id"]: i for i, c in enumerate(ordered)}
    by_step = [0] * len(ordered)
    not_applicable = unanswered = 0
    valid: dict[str, bool] = {}  # is_valid_choice, asked once per distinct choice
    for r in respondents:
        choice = r["answers"].get(question["id"])
        if choice and choice not in valid:
            valid[choice] = is_valid_choice(model, question, choice)
        if not choice or not valid[choice]:
            unanswered += 1
        elif choice == na:
            not_applicable += 1
        else:
            by_step[step_of[choice]] += 1
    k = len(ordered)
    n = sum(by_step)
    counts = [{"choice": c["id"], "label": c["label"], "count": by_step[step_of[c["id"]]]} for c in choices]
    out = {"id": question["id"], "n": n, "counts": counts, "notApplicable": not_applicable, "unanswered": unanswered,
           "median": None, "range": None, "split": False, "dissention": None, "rwg": None, "ad": None,
           "adAcceptable": None, "mean": None}
    if not n:
        return out
    low = high = -1
    total = score_total = 0.0
    for s in range(k):
        if not by_step[s]:
            continue
        if low < 0:
            low = s
        high = s
        total += by_step[s] * s
        score_total += by_step[s] * ordered[s]["score"]
    seen = 0
    middle = (n - 1) // 2
    for s in range(k):
        seen += by_step[s]
        if seen > middle:
            out["median"] = ordered[s]["id"]
            break
    mu = total / n
    d = k - 1
    dissention = squares = deviation = 0.0
    below = above = 0
    for s in range(k):
        if not by_step[s]:
            continue
        p = by_step[s] / n
        if d > 0:
            dissention -= p * math.log2(1 - abs(s - mu) / d)
        squares += by_step[s] * (s - mu) * (s - mu)
        deviation += by_step[s] * abs(s - mu)
        if s < d / 2:
            below += by_step[s]
        if s > d / 2:
            above += by_step[s]
    out["range"] = high - low
    out["split"] = n >= 2 and (out["range"] >= 2 or (below * 4 >= n and above * 4 >= n))
    out["dissention"] = dissention + 0.0
    out["mean"] = score_total / n
    if n >= AGREEMENT_MIN_N:
        expected = (k * k - 1) / 12
        out["rwg"] = max(0.0, 1 - squares / (n - 1) / expected) if expected > 0 else None
        out["ad"] = deviation / n
        out["adAcceptable"] = out["ad"] <= k / 6 + EPSILON
    return out


def _compare_agenda(a: dict, b: dict) -> float:
    da = -1 if a["dissention"] is None else a["dissention"]
    db = -1 if b["dissention"] is None else b["dissention"]
    if abs(db - da) > EPSILON:
        return db - da
    ra = -1 if a["range"] is None else a["range"]
    rb = -1 if b["range"] is None else b["range"]
    return rb - ra or b["weight"] - a["weight"] or a["order"] - b["order"]


def team_stats(model: dict, respondents: list[dict], options: Optional[dict] = None) -> dict:
    """Everything the team page shows. options: excluded (keys), hideSmall, k, showNotes.

    With hideSmall, a group of fewer than k respondents shows no figures, and a
    note is kept only when its department has k or more respondents (then without
    the writer's name), unless showNotes: the lead chose to see every note."""
    options = options or {}
    excluded = set(options.get("excluded") or [])
    opts = {"hideSmall": bool(options.get("hideSmall")), "k": options.get("k") or DEFAULT_K,
            "showNotes": bool(options.get("showNotes")), "singleStore": bool(options.get("singleStore"))}
    included = [r for r in respondents if r["key"] not in excluded]
    known = {d["id"]: {**d, "order": i} for i, d in enumerate(model["departments"])}
    scored = []
    for r in included:
        answers = {qid: {"choice": choice} for qid, choice in r["answers"].items()}
        scored.append((r, score_respondent(model, answers)))

    def merged(dept: str) -> str:
        # A single store counts each department with the one its jobs merge into (the role map).
        role = known[dept].get("singleStore")
        return role["into"] if opts["singleStore"] and role else dept

    def dept_of(r: dict) -> Optional[str]:
        return merged(r["department"]) if r["department"] and r["department"] in known else None

    departments = []
    for d in [*model["departments"], {"id": None, "name": NOT_STATED, "leadership": False}]:
        members = [x for x in scored if dept_of(x[0]) == d["id"]]
        if members:
            departments.append({"id": d["id"], "name": d["name"], "leadership": bool(d.get("leadership")),
                                "respondents": len(members), "members": members})
    by_location: dict = {}
    for x in scored:
        key = location_key(x[0]["location"])
        if key not in by_location:
            by_location[key] = {"key": key, "name": NOT_STATED if key is None else tidy(x[0]["location"]),
                                "respondents": 0, "members": []}
        by_location[key]["respondents"] += 1
        by_location[key]["members"].append(x)
    locations = sorted(by_location.values(), key=lambda g: (g["key"] is None, _units(g["key"] or "")))

    def percents(members: list, index: Optional[int]) -> list[float]:
        values = [s["overall"]["percent"] if index is None else s["sections"][index]["percent"] for _, s in members]
        return [p for p in values if p is not None]

    def is_leader(x) -> bool:
        d = dept_of(x[0])
        return d is not None and bool(known[d].get("leadership"))

    leaders = [x for x in scored if is_leader(x)]
    rest = [x for x in scored if not is_leader(x)]

    # A respondent under the level coverage has a provisional score: counted and
    # marked, and left out of the level the team is said to be at.
    settled = [x for x in scored if not x[1]["overall"]["provisional"]]

    def figures(index: Optional[int]) -> dict:
        d = describe(percents(scored, index))
        if opts["hideSmall"]:
            d = {**d, "min": None, "max": None}
        verdict = describe(percents(settled, index))
        lead, others = (_group(c) for c in _partition([percents(leaders, index), percents(rest, index)], opts))
        by_dept = _partition([percents(g["members"], index) for g in departments], opts)
        by_loc = _partition([percents(g["members"], index) for g in locations], opts)
        # The level is the settled respondents' mean's level: when some are provisional it is said
        # with their n (and mean), never next to the everyone-mean as if it were that mean's level.
        # Their mean is withheld when the provisional ones it leaves out are fewer than k.
        left_out = d["n"] - verdict["n"]
        basis_shown = not (opts["hideSmall"] and 0 < left_out < opts["k"])
        return {
            **d,
            "level": level_for(model["levels"], verdict["mean"]),
            "levelN": verdict["n"],
            "levelMean": verdict["mean"] if basis_shown else None,
            "byDepartment": [{"id": g["id"], "name": g["name"], **c} for g, c in zip(departments, by_dept)],
            "byLocation": [{"key": g["key"], "name": g["name"], **c} for g, c in zip(locations, by_loc)],
            "leadership": lead,
            "rest": others,
            "gap": lead["mean"] - others["mean"] if lead["mean"] is not None and others["mean"] is not None else None,
        }

    overall = figures(None)

    # Store × department: each row adds up to its store, each column to its department,
    # and both totals are shown, so both are protected until nothing changes.
    grid = [[percents([x for x in g["members"] if dept_of(x[0]) == d["id"]], None) for d in departments]
            for g in locations]
    cells = [[_cell(v, opts) for v in row] for row in grid]
    while opts["hideSmall"]:
        changed = False
        for row, values in zip(cells, grid):
            changed = protect([len(v) for v in values], row, opts["k"]) or changed
        for j in range(len(departments)):
            column = [row[j] for row in cells]
            if protect([len(values[j]) for values in grid], column, opts["k"]):
                changed = True
                for row, c in zip(cells, column):
                    row[j] = c
        if not changed:
            break

    def store(g: dict, row: list[dict]) -> dict:
        # The store's overall score per department and its own leadership gap.
        lead, others = (_group(c) for c in _partition([percents([x for x in g["members"] if is_leader(x)], None),
                                                        percents([x for x in g["members"] if not is_leader(x)], None)], opts))
        return {
            "key": g["key"], "name": g["name"], "respondents": g["respondents"],
            "byDepartment": [{"id": d["id"], "name": d["name"], **c} for d, c in zip(departments, row)],
            "leadership": lead,
            "rest": others,
            "gap": lead["mean"] - others["mean"] if lead["mean"] is not None and others["mean"] is not None else None,
        }

    stores = [store(g, row) for g, row in zip(locations, cells)]
    sections = [{"id": s["id"], "title": s["title"], **figures(i)} for i, s in enumerate(model["sections"])]
    gaps = [{"section": s["id"], "title": s["title"], "gap": s["gap"], "order": i}
            for i, s in enumerate(x for x in sections if x["gap"] is not None)]

    def by_gap(a: dict, b: dict) -> float:
        diff = abs(b["gap"]) - abs(a["gap"])
        return diff if abs(diff) > EPSILON else a["order"] - b["order"]

    gaps = [{k: v for k, v in g.items() if k != "order"} for g in sorted(gaps, key=functools.cmp_to_key(by_gap))]

    dept_size = {g["id"]: g["respondents"] for g in departments}

    def dept_order(dept: Optional[str]) -> int:
        return len(model["departments"]) if dept is None else known[dept]["order"]

    questions = []
    order = 0
    for section in model["sections"]:
        for question in section["questions"]:
            q = question_stats(model, question, included)
            with_notes = [(r, dept_of(r)) for r, _ in scored if question["id"] in r["notes"]]
            with_notes.sort(key=lambda x: (dept_order(x[1]), _units(location_key(x[0]["location"]) or ""),
                                           _units(x[0]["key"])))
            notes = []
            for r, dept in with_notes:
                small = opts["hideSmall"] and dept_size[dept] < opts["k"]
                if small and not opts["showNotes"]:
                    continue
                label = None if small else NOT_STATED if dept is None else known[dept]["name"]
                name = None if opts["hideSmall"] and not opts["showNotes"] else r["name"]
                notes.append({"department": label, "name": name, "text": r["notes"][question["id"]]})
            questions.append({**q, "section": section["id"], "sectionTitle": section["title"], "text": question["text"],
                              "weight": question["weight"], "plays": question["plays"], "order": order, "notes": notes,
                              "notesWithheld": len(with_notes) - len(notes)})
            order += 1
    agenda = sorted(questions, key=functools.cmp_to_key(_compare_agenda))

    actions = plays_for(model, [
        (q["plays"], q["weight"] * (1 - q["mean"]),
         {"questionId": q["id"], "sectionId": q["section"], "text": q["text"], "mean": q["mean"], "split": q["split"]})
        for q in questions if q["mean"] is not None and (q["mean"] < model["lowBelow"] or q["split"])])

    def strip(g: dict) -> dict:
        return {k: v for k, v in g.items() if k != "members"}

    return {
        "round": round_name(options.get("round")),
        "respondents": len(included),
        "provisional": len(scored) - len(settled),
        "provisionalKeys": [x[0]["key"] for x in scored if x[1]["overall"]["provisional"]],
        "excluded": len(respondents) - len(included),
        "options": opts,
        "departments": [strip(g) for g in departments],
        "locations": [strip(g) for g in locations],
        "leadershipRespondents": len(leaders),
        "restRespondents": len(rest),
        "overall": overall,
        "sections": sections,
        "stores": stores,
        "gaps": gaps,
        "questions": agenda,
        "actions": actions,
    }


# ---------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------


def round4(x: Optional[float]) -> Optional[float]:
    """Rounded to 4 decimals, half up, as team-stats.js rounds."""
    return None if x is None else math.floor(x * 10000 + 0.5) / 10000


def _group_cell(c: dict) -> dict:
    if c["hidden"]:
        return {"hidden": True, "reason": c["reason"]}
    return {"n": c["n"], "mean": round4(c["mean"]), "min": round4(c["min"]), "max": round4(c["max"]), "split": c["split"]}


def _side(g: dict) -> dict:
    return {"hidden": True, "reason": g["reason"]} if g["hidden"] else {"n": g["n"], "mean": round4(g["mean"])}


def team_summary(model: dict, stats: dict) -> dict:
    """The team JSON summary (the browser's *Download JSON summary* writes the same object)."""

    def section(s: dict) -> dict:
        return {
            "n": s["n"],
            "score": round4(s["mean"]),
            "level": s["level"]["id"] if s["level"] else None,
            **({"levelFrom": {"n": s["levelN"], "score": round4(s["levelMean"])}} if s["levelN"] != s["n"] else {}),
            "spread": {"sd": round4(s["sd"]), "min": round4(s["min"]), "max": round4(s["max"])},
            "byDepartment": [{"department": c["id"], "name": c["name"], **_group_cell(c)} for c in s["byDepartment"]],
            "byLocation": [{"location": c["name"], **_group_cell(c)} for c in s["byLocation"]],
            "leadership": _side(s["leadership"]),
            "rest": _side(s["rest"]),
            "gap": round4(s["gap"]),
        }

    opts = stats["options"]
    return {
        "format": SUMMARY_FORMAT,
        "formatVersion": 1,
        "assessment": {"id": model["id"], "version": model["version"], "title": model["title"]},
        **({"round": stats["round"]} if stats.get("round") is not None else {}),  # team_rounds
        "respondents": stats["respondents"],
        "provisional": stats["provisional"],
        "excluded": stats["excluded"],
        "hideGroupsSmallerThan": opts["k"] if opts["hideSmall"] else None,
        "allNotesShown": opts["showNotes"],
        **({"singleStore": True} if opts.get("singleStore") else {}),  # departments merged as the role map says
        "departments": [{"id": d["id"], "name": d["name"], "leadership": d["leadership"], "respondents": d["respondents"]}
                        for d in stats["departments"]],
        "locations": [{"name": loc["name"], "respondents": loc["respondents"]} for loc in stats["locations"]],
        "overall": section(stats["overall"]),
        "sections": [{"id": s["id"], "title": s["title"], **section(s)} for s in stats["sections"]],
        "stores": [
            {
                "location": g["name"],
                "respondents": g["respondents"],
                "byDepartment": [{"department": c["id"], "name": c["name"], **_group_cell(c)} for c in g["byDepartment"]],
                "leadership": _side(g["leadership"]),
                "rest": _side(g["rest"]),
                "gap": round4(g["gap"]),
            }
            for g in stats["stores"]
        ],
        "leadershipGaps": [{"section": g["section"], "gap": round4(g["gap"])} for g in stats["gaps"]],
        "questions": [
            {
                "id": q["id"],
                "section": q["section"],
                "text": q["text"],
                "weight": q["weight"],
                "n": q["n"],
                "distribution": [{"choice": c["choice"], "count": c["count"]} for c in q["counts"]],
                "notApplicable": q["notApplicable"],
                "unanswered": q["unanswered"],
                "median": q["median"],
                "spread": {"range": q["range"], "dissention": round4(q["dissention"]), "rwg": round4(q["rwg"]),
                           "ad": round4(q["ad"]), "adAcceptable": q["adAcceptable"]},
                "split": q["split"],
                "mean": round4(q["mean"]),
                "notes": [{"department": n["department"], "name": n["name"], "text": n["text"]} for n in q["notes"]],
                "notesWithheld": q["notesWithheld"],
            }
            for q in stats["questions"]
        ],
        "actions": [
            {
                "rank": a["rank"],
                "play": a["playId"],
                "title": a["play"]["title"],
                "priority": round4(a["priority"]),
                "phase": a["play"]["phase"]["id"] if a["play"].get("phase") else None,
                "questions": [{"id": q["questionId"], "mean": round4(q["mean"]), "split": q["split"]}
                              for q in a["questions"]],
            }
            for a in stats["actions"]
        ],
        # team_rounds: the change since an earlier round; team_headcount: response rates
        **({"comparison": stats["comparison"]} if stats.get("comparison") else {}),
        **({"participation": stats["participation"]} if stats.get("participation") else {}),
    }


CSV_HEADER = list(contract.CSV_HEADER)


def _choice_label(model: dict, question: dict, choice: str) -> str:
    scale = model["answerSets"].get(question["answerSet"])
    if not scale or not choice:
        return ""
    if choice == model["limits"]["notApplicable"]:
        return scale.get("notApplicable") or "Not applicable"
    return next((c["label"] for c in scale["choices"] if c["id"] == choice), "")


def team_rows(model: dict, respondents: list[dict], options: Optional[dict] = None) -> list[list[str]]:
    """The tidy table: one row per included respondent × question."""
    excluded = set((options or {}).get("excluded") or [])
    names = {d["id"]: d["name"] for d in model["departments"]}
    included = [r for r in respondents if r["key"] not in excluded]
    spelling: dict[str, str] = {}
    for r in included:
        key = location_key(r["location"])
        if key is not None and key not in spelling:
            spelling[key] = tidy(r["location"])
    na = model["limits"]["notApplicable"]
    rows = []
    for r in included:
        key = location_key(r["location"])
        department = names.get(r["department"], NOT_STATED) if r["department"] else NOT_STATED
        location = NOT_STATED if key is None else spelling[key]
        for section in model["sections"]:
            for question in section["questions"]:
                choice = r["answers"].get(question["id"])
                valid = bool(choice) and is_valid_choice(model, question, choice)
                score = None
                if valid and choice != na:
                    score = next(c["score"] for c in model["answerSets"][question["answerSet"]]["choices"] if c["id"] == choice)
                rows.append([r["key"], department, location, section["title"], question["text"],
                             _choice_label(model, question, choice) if valid else "",
                             "" if score is None else js_string(score), r["notes"].get(question["id"], ""),
                             section["id"], question["id"]])
    return rows


_FORMULA = re.compile(r"^[=+\-@\t\r]")
_QUOTE = re.compile(r'[",\r\n]')


def csv_cell(value: Any) -> str:
    """One cell as exporter.js writes it: RFC 4180 quoting, formulas neutralised."""
    text = "" if value is None else str(value)
    if _FORMULA.match(text):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"' if _QUOTE.search(text) else text


def team_csv(model: dict, respondents: list[dict], options: Optional[dict] = None) -> str:
    """RFC 4180 text with CRLF line ends and a BOM, like the browser's download."""
    rows = [CSV_HEADER, *team_rows(model, respondents, options)]
    return "\ufeff" + "\r\n".join(",".join(csv_cell(c) for c in row) for row in rows) + "\r\n"
