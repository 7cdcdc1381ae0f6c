"""Rounds and participation in real Chromium against the built site (issue 19,
items 4 and 5): two rounds of real answer files compared, the change shown with
n on both sides and equal to `cx-playbook team --round --baseline`; headcounts
(typed, then a bad CSV refused by line) giving response rates; both kept over a
reload; axe on the new parts in both palettes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import CLEAN, axe_in_both_palettes, cx_playbook, run_axe
from test_assessment_support import ASSESSMENT, choices, model_of, questions

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("team")]

TEAM = f"assessments/{ASSESSMENT}/team/"
# (id, department, location, how high they answer in Q1, in Q2); None: not in that round.
PEOPLE = [(f"r-sales{n:07d}", "sales", "Northside", 0.2, 0.8) for n in range(6)] + [
    (f"r-serv{n:08d}", "service", "Northside", 0.6, 0.5) for n in range(5)] + [
    ("r-lead00000001", "leadership", "Northside", 1.0, 1.0),
    ("r-new000000001", "sales", "Riverside", None, 0.4),
    # In sales, so sales stays the larger department in both rounds: with the one leader hidden,
    # the smallest other department (service) is hidden with it (team.protect).
    ("r-gone00000001", "sales", "Riverside", 0.3, None)]
HEADCOUNTS = "store,department,headcount\nNorthside,Sales,8\nNorthside,service,5\nNorthside,leadership,2\nRiverside,sales,4\nHillcrest,sales,3\n"


def files_for(model: dict, folder: Path, round_no: int, with_round: bool) -> list[Path]:
    """Real answer files (format 2) for one round, answered near each person's level."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for rid, dept, loc, q1, q2 in PEOPLE:
        level = q1 if round_no == 1 else q2
        if level is None:
            continue
        data = {"format": "cx-playbook-assessment", "formatVersion": 2,
                "assessment": {"id": model["id"], "version": model["version"]}, "contentVersion": model["contentVersion"],
                "exportedAt": f"2027-0{1 if round_no == 1 else 4}-10T10:00:00.000Z", "respondent": {"id": rid},
                "profile": {"department": dept, "location": loc},
                "answers": {q["id"]: {"choice": min(choices(model, q), key=lambda c: abs(c["score"] - level))["id"]}
                            for q in questions(model)}}
        if with_round:
            data["round"] = f"2027-Q{round_no}"
        paths.append(folder / f"{rid}.json")
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    return paths


def cli(*args) -> subprocess.CompletedProcess:
    return cx_playbook("team", *args)


def points(x: float | None) -> str:
    if x is None:
        return "—"
    p = int((x + 0.5) // 1)
    return "no change" if p == 0 else f"{'▲ +' if p > 0 else '▼ −'}{abs(p)} points"


def test_two_rounds_show_the_changes_and_headcounts_give_response_rates(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + TEAM)
        page.wait_for_selector("[data-cx-drop]")
        model = model_of(page)
        q1 = files_for(model, tmp_path / "q1", 1, with_round=True)
        q2 = files_for(model, tmp_path / "q2", 2, with_round=False)
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in q1])
        page.wait_for_selector("[data-cx-team-section=summary]")
        page.locator("[data-cx-team-rounds] > summary").click()
        # The second round's files name no round: the lead names it before adding them.
        page.locator("input[data-cx-team-round-name]").fill("2027-Q2")
        page.locator("input[data-cx-team-round-name]").dispatch_event("change")
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in q2])
        change = page.locator("[data-cx-team-section=change]")
        expect(change).to_be_visible()
        expect(page.locator("select[data-cx-team-round] option:checked")).to_contain_text("2027-Q2")
        expect(page.locator("select[data-cx-team-baseline] option:checked")).to_contain_text("2027-Q1")
        # A respondent in both rounds is two entries, not a replacement.
        expect(page.locator("[data-cx-team-respondent]")).to_have_count(len(PEOPLE) * 2 - 2)

        # The CLI on the same files gives the same changes.
        result = cli(*q2, "--round", "2027-Q2", "--baseline", tmp_path / "q1", "--format", "json")
        assert result.returncode == 0, result.stderr
        expected = json.loads(result.stdout)["comparison"]
        assert expected["baseline"] == "2027-Q1" and expected["people"] == {"new": 1, "returning": 12, "gone": 1}
        sales = next(d for d in expected["departments"] if d["id"] == "sales")
        assert sales["change"] > 30 and sales["now"]["n"] == 7 and sales["before"]["n"] == 7
        expect(page.locator("[data-cx-change='department:sales']")).to_have_text(points(sales["change"]))
        expect(page.locator("[data-cx-change-row='department:sales']")).to_contain_text("(n=7)")
        # Service (5) would give the one leader's change away by subtraction: hidden, and said why.
        expect(page.locator("[data-cx-change-row='department:service']")).to_contain_text("hidden (would reveal a smaller group)")
        for s in expected["sections"]:
            expect(page.locator(f"[data-cx-change='{s['id']}']")).to_have_text(points(s["change"]))
        # Below k = 5 on a side: leadership (1 person) shows no change.
        lead = page.locator("[data-cx-change-row='department:leadership']")
        expect(lead).to_contain_text("fewer than 5")
        expect(page.locator("[data-cx-change='department:leadership']")).to_have_text("—")
        expect(page.locator("[data-cx-team-people]")).to_contain_text("1 respondent is new this round, 12 answered both rounds")
        expect(page.locator("[data-cx-team-moved] li").first).to_contain_text("Sales (department)")

        # Headcounts: a bad CSV is refused by line and changes nothing; a good one gives the rates.
        page.locator("textarea[data-cx-team-headcount]").fill("Northside,sales\nNorthside,Body shop X,3\n")
        page.locator("[data-cx-team-action=headcount]").click()
        problems = page.locator("[data-cx-headcount-problem]")
        expect(problems).to_have_count(2)
        expect(problems.first).to_contain_text("line 1: expected 3 columns")
        expect(problems.nth(1)).to_contain_text("line 2: “Body shop X” is not a department")
        expect(page.locator("[data-cx-team-section=participation]")).to_have_count(0)
        page.locator("textarea[data-cx-team-headcount]").fill(HEADCOUNTS)
        page.locator("[data-cx-team-action=headcount]").click()
        rate = page.locator("[data-cx-team-response-rate]")
        expect(rate).to_contain_text("Response rate: 59% — 13 of 22 expected answered")
        expect(page.locator("[data-cx-team-silent]")).to_contain_text("Hillcrest (no answer from any department)")
        expect(page.locator("[data-cx-participation-cell='Northside:sales'] [data-cx-rate]")).to_have_text("75%")
        headcount = tmp_path / "headcount.csv"
        headcount.write_text(HEADCOUNTS, encoding="utf-8")
        result = cli(*q2, "--round", "2027-Q2", "--headcount", headcount, "--format", "json")
        assert json.loads(result.stdout)["participation"]["rate"] == 59.0909

        # Both rounds, the choice and the headcounts are kept over a reload.
        page.reload()
        expect(page.locator("[data-cx-team-response-rate]")).to_contain_text("59%")
        expect(page.locator("[data-cx-change='department:sales']")).to_have_text(points(sales["change"]))

        assert axe_in_both_palettes(page) == CLEAN
    finally:
        context.close()


def test_an_earlier_round_brought_back_from_its_json_summary(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + TEAM)
        page.wait_for_selector("[data-cx-drop]")
        model = model_of(page)
        q1 = files_for(model, tmp_path / "q1", 1, with_round=True)
        q2 = files_for(model, tmp_path / "q2", 2, with_round=True)
        summary = tmp_path / "q1-summary.json"
        result = cli(*q1, "--format", "json", "--output", summary)
        assert result.returncode == 0, result.stderr
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in q2])
        page.wait_for_selector("[data-cx-team-section=summary]")
        expect(page.locator("[data-cx-team-section=change]")).to_have_count(0)
        page.locator("[data-cx-team-rounds] > summary").click()
        page.locator("input[data-cx-team-baseline-file]").set_input_files(str(summary))
        expect(page.locator("[data-cx-team-section=change]")).to_be_visible()
        expect(page.locator("[data-cx-team-people]")).to_contain_text("who answered it is not known")
        expected = json.loads(cli(*q2, "--baseline", summary, "--format", "json").stdout)["comparison"]
        sales = next(d for d in expected["departments"] if d["id"] == "sales")
        expect(page.locator("[data-cx-change='department:sales']")).to_have_text(points(sales["change"]))
        # A summary of something else is refused by name and changes nothing.
        other = tmp_path / "other.json"
        other.write_text(json.dumps({"format": "cx-playbook-team-summary", "assessment": {"id": "other"}}), encoding="utf-8")
        page.locator("input[data-cx-team-baseline-file]").set_input_files(str(other))
        expect(page.locator("[data-cx-team-status]")).to_contain_text("other.json was not used as an earlier round: It summarises another assessment")
        expect(page.locator("[data-cx-change='department:sales']")).to_have_text(points(sales["change"]))
    finally:
        context.close()


def test_the_spanish_team_view_shows_rounds_and_participation_in_spanish(browser, site_url, tmp_path):
    """Issue 21: on /es/ the rounds' and participation's words come from interface.yml
    (team-draw.js, team-rounds.js, team-headcount.js and team.js through strings.js),
    and the changes are whole points, as on the English page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-US")
    try:
        page = context.new_page()
        page.goto(site_url + "es/" + TEAM)
        page.wait_for_selector("[data-cx-drop]")
        assert page.locator("html").get_attribute("lang") == "es"
        model = model_of(page)
        q1 = files_for(model, tmp_path / "q1", 1, with_round=True)
        q2 = files_for(model, tmp_path / "q2", 2, with_round=True)
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in q1 + q2])
        change = page.locator("[data-cx-team-section=change]")
        expect(change).to_be_visible()
        expect(page.locator("[data-cx-team-rounds] > summary")).to_have_text("Rondas y personal esperado")
        text = change.inner_text()
        for words in ("Lo que más se movió", "Quién es nuevo", "Cambio"):
            assert words in text, words
        for english in ("What moved most", "Who is new"):
            assert english not in text, english
        # A change is a whole number of points, never a mean's four decimals.
        for cell in page.locator("[data-cx-change]").all_inner_texts():
            assert cell == "—" or re.fullmatch(r"(▲ \+|▼ −)\d+ \w+|[\w ]+", cell), cell

        # A bad headcount CSV is refused line by line in Spanish, a good one gives Participación.
        # (Two rounds open the round and headcount controls by themselves.)
        expect(page.locator("[data-cx-team-rounds]")).to_have_attribute("open", "")
        page.locator("textarea[data-cx-team-headcount]").fill("Northside,sales\nNorthside,Body shop X,3\n")
        page.locator("[data-cx-team-action=headcount]").click()
        problems = page.locator("[data-cx-headcount-problem]")
        expect(problems).to_have_count(2)
        expect(problems.first).to_have_text("línea 1: se esperaban 3 columnas (store,department,headcount) y hay 2.")
        expect(problems.nth(1)).to_contain_text("línea 2: “Body shop X” no es un departamento de esta autoevaluación (uno de: ")
        expect(page.locator("[data-cx-team-status]")).to_contain_text("no se usó; hay 2 problemas, indicados debajo del cuadro")
        page.locator("textarea[data-cx-team-headcount]").fill(HEADCOUNTS)
        page.locator("[data-cx-team-action=headcount]").click()
        expect(page.locator("[data-cx-team-status]")).to_contain_text(
            "Se usa el personal esperado de 5 combinaciones de tienda y departamento: vea “Participación”.")
        participation = page.locator("[data-cx-team-section=participation]")
        expect(participation.locator("h2")).to_have_text("Participación")
        expect(participation.locator("h3")).to_have_text("Todavía sin responder")
        expect(participation.locator("thead th")).to_have_text(["Tienda", "Departamento", "Esperadas", "Respondidas", "Tasa de respuesta"])
        expect(page.locator("[data-cx-participation-cell='Northside:sales'] [data-cx-rate]")).to_have_text("75%")

        # An earlier round's summary of another assessment is refused, in Spanish, by name.
        other = tmp_path / "other.json"
        other.write_text(json.dumps({"format": "cx-playbook-team-summary", "assessment": {"id": "other"}}), encoding="utf-8")
        page.locator("input[data-cx-team-baseline-file]").set_input_files(str(other))
        expect(page.locator("[data-cx-team-status]")).to_contain_text(
            f"other.json no se usó como ronda anterior: Resume otra autoevaluación, no “{model['title']}” ({model['id']}).")
        assert run_axe(page) == []
    finally:
        context.close()
