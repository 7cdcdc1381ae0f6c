"""Participation: the Python twin of ``theme/assets/cx/src/team-headcount.js``.

The lead gives the expected headcount per store and department as CSV
(store,department,headcount); the report shows the response rate and which
stores and departments have not answered. Every problem of the CSV is collected
with its line number, then the import is refused once. Both languages run
``tests/cases/team/rounds*.json``.
"""

from __future__ import annotations

import re
from typing import Optional

from generator.team import _units, location_key, round4, tidy

HEADCOUNT_ROWS_MAX = 5000
HEADCOUNT_MAX = 100000
_PROBLEMS_SHOWN = 20
HEADCOUNT_HEADER = ["store", "department", "headcount"]


def csv_cells(line: str) -> Optional[list[str]]:
    """One CSV line's cells (RFC 4180 quoting), or None when a quote is left open.
    The same steps as the browser's, so both split a line alike (the csv module differs on bad quoting)."""
    cells: list[str] = []
    cell = ""
    quoted = False
    started = False
    i = 0
    while i < len(line):
        c = line[i]
        if started:
            if c == '"' and line[i + 1:i + 2] == '"':
                cell += '"'
                i += 2
                continue
            if c == '"':
                started = False
                i += 1
                continue
            cell += c
        elif c == ",":
            cells.append(cell)
            cell = ""
            quoted = False
        elif c == '"' and not quoted and tidy(cell) == "":
            started = True
            quoted = True
            cell = ""
        else:
            cell += c
        i += 1
    if started:
        return None
    cells.append(cell)
    return cells


def _clip(text: str, n: int) -> str:
    """The first n UTF-16 code units, as JavaScript's slice cuts."""
    units = _units(text)[:2 * n]
    return units.decode("utf-16-be", "surrogatepass")


def read_headcounts(text: str, model: dict) -> dict:
    """A headcount CSV: {ok: True, headcounts} or {ok: False, problems: ["line 3: …"]}."""
    by_name: dict[str, str] = {}
    for d in model["departments"]:
        by_name[d["id"].lower()] = d["id"]
        by_name[tidy(d["name"]).lower()] = d["id"]
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = re.split(r"\r\n|\n|\r", text)
    problems: list[str] = []
    headcounts: list[dict] = []
    seen: dict[str, int] = {}
    rows = 0
    for i, line in enumerate(lines):
        at = f"line {i + 1}"
        if tidy(line) == "":
            continue
        cells = csv_cells(line)
        if cells is None:
            problems.append(f"{at}: a quote is opened and never closed.")
            continue
        if len(cells) != 3:
            problems.append(f"{at}: expected 3 columns (store,department,headcount), found {len(cells)}.")
            continue
        store_text, dept_text, count_text = (tidy(c) for c in cells)
        if (rows == 0 and not headcounts and not problems
                and all(c.lower() == HEADCOUNT_HEADER[j] for j, c in enumerate((store_text, dept_text, count_text)))):
            continue
        rows += 1
        if rows > HEADCOUNT_ROWS_MAX:
            if rows == HEADCOUNT_ROWS_MAX + 1:
                problems.append(f"{at}: more than {HEADCOUNT_ROWS_MAX} rows; split the file.")
            continue
        where = []
        if location_key(store_text) is None:
            where.append("the store is empty")
        department = by_name.get(dept_text.lower())
        if department is None:
            known = ", ".join(d["id"] for d in model["departments"])
            where.append(f"“{_clip(dept_text, 80)}” is not a department of this assessment (one of: {known})")
        count = int(count_text) if re.fullmatch(r"[0-9]+", count_text) else None
        if count is None or count > HEADCOUNT_MAX:
            where.append(f"the headcount “{_clip(count_text, 20)}” is not a whole number from 0 to {HEADCOUNT_MAX}")
        if where:
            problems.append(f"{at}: {'; '.join(where)}.")
            continue
        key = f"{location_key(store_text)}\0{department}"
        if key in seen:
            problems.append(f"{at}: {store_text} and {department} were already given on line {seen[key]}.")
            continue
        seen[key] = i + 1
        headcounts.append({"store": store_text, "department": department, "headcount": count})
    if not problems and not headcounts:
        problems.append("no headcount found: write one line per store and department, as store,department,headcount.")
    if len(problems) > _PROBLEMS_SHOWN:
        more = len(problems) - _PROBLEMS_SHOWN
        problems = problems[:_PROBLEMS_SHOWN] + [f"and {more} more problem{'' if more == 1 else 's'}."]
    return {"ok": False, "problems": problems} if problems else {"ok": True, "headcounts": headcounts}


def _rate(answered: int, expected: int) -> Optional[float]:
    return round4(100 * answered / expected) if expected > 0 else None


def participation(model: dict, respondents: list[dict], headcounts: list[dict]) -> dict:
    """Response rates of the included respondents against the headcounts (see team-headcount.js)."""
    names = {d["id"]: {"name": d["name"], "order": i} for i, d in enumerate(model["departments"])}
    answered: dict[str, int] = {}
    for r in respondents:
        key = f"{location_key(r.get('location')) or ''}\0{r.get('department') or ''}"
        answered[key] = answered.get(key, 0) + 1
    stores: dict[str, dict] = {}
    for hc in headcounts:
        key = location_key(hc["store"])
        if key not in stores:
            stores[key] = {"store": tidy(hc["store"]), "key": key, "expected": 0, "answered": 0, "departments": []}
        s = stores[key]
        got = answered.get(f"{key}\0{hc['department']}", 0)
        s["expected"] += hc["headcount"]
        s["answered"] += got
        s["departments"].append({"department": hc["department"], "name": names[hc["department"]]["name"],
                                 "expected": hc["headcount"], "answered": got, "rate": _rate(got, hc["headcount"])})
    listed = sorted(stores.values(), key=lambda s: _units(s["key"]))
    for s in listed:
        s["departments"].sort(key=lambda d: names[d["department"]]["order"])
        s["rate"] = _rate(s["answered"], s["expected"])
    expected = sum(s["expected"] for s in listed)
    placed = sum(s["answered"] for s in listed)
    return {
        "expected": expected,
        "respondents": len(respondents),
        "placed": placed,
        # Placed ones only: the rows count them, and a respondent whose store or department is
        # not in the headcounts is not part of "expected" (counting them could pass 100%).
        "rate": _rate(placed, expected),
        "stores": [{k: v for k, v in s.items() if k != "key"} for s in listed],
        "silentStores": [s["store"] for s in listed if s["expected"] > 0 and s["answered"] == 0],
        "silentDepartments": [{"store": s["store"], "department": d["department"], "name": d["name"]}
                              for s in listed for d in s["departments"] if d["expected"] > 0 and d["answered"] == 0],
    }
