"""Small groups stay hidden against subtraction: for every shared team case with
"Hide groups smaller than k" on, an attacker takes everything the reports print
(the JSON summary, which the page draws and the browser downloads; the Markdown
and text reports; the leadership summary) and subtracts the shown groups from a
shown total. Whatever is left over must hold no respondents or at least k, and
no lowest/highest score (one person's each) is printed."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from generator.leadership_summary import to_summary
from generator.team import team_summary
from generator.team_report import to_markdown, to_text
from test_cases import ALL, FILES, SUITES, is_rounds_case, model_for, run_team

HIDING = [(name, case) for name, _, case in ALL
          if FILES[name] == "team" and (case.get("options") or {}).get("hideSmall") and not is_rounds_case(case)]


def _left_over(total_n: int, cells: list[dict], sizes: list[int]) -> int:
    """Respondents a subtraction of the shown cells from the total leaves in the hidden ones."""
    return total_n - sum(size for size, c in zip(sizes, cells) if not c.get("hidden"))


@pytest.mark.parametrize("name,case", HIDING, ids=[f"{n}: {c['name']}" for n, c in HIDING])
def test_no_hidden_group_follows_by_subtraction_from_the_summary(name, case):
    model = model_for(SUITES[name], case)
    _, _, stats = run_team(model, case)
    summary = json.loads(json.dumps(team_summary(model, stats)))
    k = summary["hideGroupsSmallerThan"]
    depts = [d["respondents"] for d in summary["departments"]]
    locations = [loc["respondents"] for loc in summary["locations"]]
    leaders = sum(d["respondents"] for d in summary["departments"] if d["leadership"])
    total = summary["respondents"]
    for figures in [summary["overall"], *summary["sections"]]:
        assert figures["spread"]["min"] is None and figures["spread"]["max"] is None
        if figures["n"] != total:
            continue  # a section some did not score: its groups' sizes are not the departments' sizes
        for cells, sizes in ((figures["byDepartment"], depts), (figures["byLocation"], locations),
                             ([figures["leadership"], figures["rest"]], [leaders, total - leaders])):
            left = _left_over(total, cells, sizes)
            assert left == 0 or left >= k, f"{figures.get('id', 'overall')}: {left} respondent(s) follow by subtraction"
    # Store × department: rows add up to the store, columns to the department.
    grid = _store_grid(model, case)
    for store, row, shown in zip(summary["stores"], grid, summary["overall"]["byLocation"]):
        if shown.get("hidden"):
            continue  # the store's own total is not shown: nothing to subtract from
        left = _left_over(store["respondents"], store["byDepartment"], row)
        assert left == 0 or left >= k, f"store {store['location']}: {left} follow by subtraction"
        side = _left_over(store["respondents"], [store["leadership"], store["rest"]], [sum(
            n for n, d in zip(row, summary["departments"]) if d["leadership"]), store["respondents"] - sum(
            n for n, d in zip(row, summary["departments"]) if d["leadership"])])
        assert side == 0 or side >= k
    for j, dept in enumerate(summary["departments"]):
        column = [store["byDepartment"][j] for store in summary["stores"]]
        if not summary["overall"]["byDepartment"][j].get("hidden"):
            left = _left_over(dept["respondents"], column, [row[j] for row in grid])
            assert left == 0 or left >= k, f"department {dept['id']}: {left} follow by subtraction"


def _store_grid(model: dict, case: dict) -> list[list[int]]:
    """How many respondents each store × department cell really holds (hiding off)."""
    _, _, stats = run_team(model, {**case, "options": {**case["options"], "hideSmall": False}})
    return [[c["n"] for c in store["byDepartment"]] for store in stats["stores"]]


# A printed mean and the n behind it, e.g. "50% (n=6)", "**Team score 50%**, **Managed** (n = 6, SD …".
_SHOWN = re.compile(r"(\d+)%[^%\n]{0,60}?\(n ?= ?(\d+)\b")


@pytest.mark.parametrize("name,case", HIDING, ids=[f"{n}: {c['name']}" for n, c in HIDING])
def test_no_hidden_group_follows_by_subtraction_from_the_printed_reports(name, case):
    model = model_for(SUITES[name], case)
    reads, merged, stats = run_team(model, case)
    k = stats["options"]["k"]
    _, _, open_stats = run_team(model, {**case, "options": {**case["options"], "hideSmall": False}})
    # The secrets: every group of fewer than k (but some) respondents, with its true mean.
    secrets = [(c["name"], c["mean"]) for figures in [open_stats["overall"]]
               for c in [*figures["byDepartment"], *figures["byLocation"]] if c["n"] and c["n"] < k]
    if open_stats["overall"]["leadership"]["n"] and open_stats["overall"]["leadership"]["n"] < k:
        secrets.append(("leadership", open_stats["overall"]["leadership"]["mean"]))
    for text in (to_markdown(model, stats), to_text(model, stats), to_summary(model, stats)):
        assert not re.search(r"range \d+%|lowest \d|highest \d|\d% to \d", text)
        shown = {(int(p), int(n)) for p, n in _SHOWN.findall(text)}
        for (pa, na), (pb, nb) in itertools.permutations(shown, 2):
            if 0 < na - nb < k:
                recovered = (pa * na - pb * nb) / (na - nb)
                slack = 0.5 * (na + nb) / (na - nb)  # what whole-percent rounding allows
                for who, mean in secrets:
                    assert abs(recovered - mean) > slack, f"{who} ({mean:.1f}%) from {pa}% (n={na}) − {pb}% (n={nb})"


LEVEL_CASES = [(name, case) for name, _, case in ALL if FILES[name] == "team" and not is_rounds_case(case)
               and case.get("expect", {}).get("summary", {}).get("overall", {}).get("levelFrom")]


@pytest.mark.parametrize("name,case", LEVEL_CASES, ids=[f"{n}: {c['name']}" for n, c in LEVEL_CASES])
def test_a_level_from_fewer_respondents_than_its_mean_says_whose_it_is(name, case):
    """The level is the settled respondents' (80% or more answered); the mean beside it is everyone's.
    The summary, the Markdown and the leadership summary say so, with the settled n (and mean unless
    that would give fewer than k provisional respondents away)."""
    from generator.scoring import level_for
    model = model_for(SUITES[name], case)
    _, _, stats = run_team(model, case)
    o = stats["overall"]
    assert o["levelN"] < o["n"] and o["level"] is not None
    if o["levelMean"] is not None:
        assert level_for(model["levels"], o["levelMean"])["id"] == o["level"]["id"]
    basis = f"(from the {o['levelN']} with 80% or more answered"
    for text in (to_markdown(model, stats), to_text(model, stats), to_summary(model, stats)):
        assert basis in text.replace("\\", "")
        hide = stats["options"]["hideSmall"] and 0 < o["n"] - o["levelN"] < stats["options"]["k"]
        assert (f"answered: mean" in text) is (not hide)
