"""The leadership summary on the team view, in Chromium against the built site:
one printed page in Letter and A4 whatever the team's size (pages counted in
the PDF Chromium writes), the organisation and n on it, the three actions the
lead types in kept across a reload and carried in the JSON summary, and axe."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_axe
from test_assessment_support import ASSESSMENT, model_of

sys.path.insert(0, str(ROOT / "bench"))
from team import write_exports  # noqa: E402  (bench/team.py: plausible exports from the real model)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("team")]

TEAM = f"assessments/{ASSESSMENT}/team/"
PAPER = ("Letter", "A4")


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def drop(page, paths: list[Path]) -> None:
    files = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]
    page.evaluate("""(files) => new Promise((resolve) => {
      document.addEventListener("cx:team-merge", () => resolve(), { once: true });
      const data = new DataTransfer();
      for (const f of files) data.items.add(new File([f.text], f.name, { type: "application/json" }));
      const zone = document.querySelector("[data-cx-drop]");
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    })""", files)


@pytest.fixture(scope="module")
def team_files(tmp_path_factory, site_url, browser):
    page = browser.new_page()
    page.goto(site_url + TEAM)
    model = model_of(page)
    page.close()
    folder = tmp_path_factory.mktemp("summary-exports")
    return {n: write_exports(model, n, folder / str(n), seed=n) for n in (12, 300)}


def open_summary(page):
    page.get_by_role("button", name=re.compile("Leadership summary")).click()
    summary = page.locator("[data-cx-summary]")
    summary.locator("[data-cx-summary-part=actions]").wait_for()
    return summary


def name_round(page, name: str) -> None:
    rounds = page.locator("[data-cx-team-rounds]")
    if rounds.get_attribute("open") is None:
        rounds.locator("> summary").click()
    page.locator("input[data-cx-team-round-name]").fill(name)
    page.locator("input[data-cx-team-round-name]").dispatch_event("change")


def headcounts_for(paths: list[Path]) -> str:
    """A headcount per store and department: one more than answered, and a store that has not answered."""
    counts: dict[tuple[str, str], int] = {}
    for p in paths:
        profile = json.loads(p.read_text(encoding="utf-8")).get("profile", {})
        if profile.get("location") and profile.get("department"):
            key = (" ".join(profile["location"].split()).lower(), profile["department"])  # as locations group
            counts[key] = counts.get(key, 0) + 1
    lines = [f'"{store}",{dept},{n + 1}' for (store, dept), n in counts.items()]
    return "\n".join(["store,department,headcount", *lines, "Hillcrest,sales,4"])


@pytest.mark.parametrize("n", [12, 300])
def test_the_summary_prints_on_one_page_and_keeps_the_actions(context, site_url, team_files, n, tmp_path):
    page = context.new_page()
    page.goto(site_url + TEAM)
    page.wait_for_selector("[data-cx-drop]")
    # An earlier round first (the 12), then this round, with headcounts: the page gains the change and the rate.
    name_round(page, "2027-Q1")
    drop(page, team_files[12])
    name_round(page, "2027-Q2")
    drop(page, team_files[n])
    headcounts = headcounts_for(team_files[n])
    expected = sum(int(line.rsplit(",", 1)[1]) for line in headcounts.splitlines()[1:])
    page.locator("textarea[data-cx-team-headcount]").fill(headcounts)
    page.locator("[data-cx-team-action=headcount]").click()
    page.wait_for_selector("[data-cx-team-response-rate]")
    summary = open_summary(page)
    model = model_of(page)
    assert "round 2027-Q2" in summary.locator("[data-cx-summary-meta]").inner_text()
    participation = summary.locator("[data-cx-summary-part=participation]").inner_text()
    assert f"response rate {int(100 * n / expected + 0.5)}% of {expected} expected; no answer yet from Hillcrest" in participation, participation
    assert "not known" not in participation
    change = summary.locator("[data-cx-summary-change]").inner_text()
    assert change.startswith("Since 2027-Q1: ") and "(n = 12)" in change and f"(n = {n})" in change, change

    assert summary.locator("[data-cx-summary-organisation]").inner_text() == model["organisation"]
    assert summary.locator("[data-cx-summary-n]").get_attribute("data-cx-summary-n") == str(n)
    assert f"{n} respondents" in summary.inner_text()
    assert summary.locator("[data-cx-summary-question]").count() == 5
    assert summary.locator("[data-cx-summary-context] li").count() == 3

    # Three actions typed in: a play, an owner, a due date.
    plays = summary.locator("#cx-summary-play-0 option[value]:not([value=''])")
    first_play = plays.first.get_attribute("value")
    summary.locator("#cx-summary-play-0").select_option(first_play)
    summary.locator("#cx-summary-owner-0").fill("Service manager")
    summary.locator("#cx-summary-due-0").fill("2027-01-15")
    summary.locator("#cx-summary-owner-2").fill("Dana, GM")

    for paper in PAPER:
        pdf = page.pdf(format=paper, print_background=True)
        assert pdf_pages(pdf) == 1, f"{paper}: {pdf_pages(pdf)} pages"
        if paper == "Letter":
            (tmp_path / f"summary-{n}.pdf").write_bytes(pdf)
            # The printed words, read back from the PDF (poppler's pdftotext, where installed).
            text = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"summary-{n}.pdf"), "-"],
                                  capture_output=True, text=True).stdout if Path("/usr/bin/pdftotext").exists() else ""
            if text:
                assert model["organisation"] in text and "Service manager" in text
                assert "Since 2027-Q1" in text and "response rate" in text
                assert model["plays"][first_play]["title"] in text

    # Kept in this browser: after a reload the actions are there again.
    page.reload()
    page.wait_for_selector("[data-cx-drop]")
    summary = open_summary(page)
    assert summary.locator("#cx-summary-play-0").input_value() == first_play
    assert summary.locator("#cx-summary-owner-0").input_value() == "Service manager"
    assert summary.locator("#cx-summary-due-0").input_value() == "2027-01-15"
    assert summary.locator("#cx-summary-owner-2").input_value() == "Dana, GM"
    assert summary.locator("[data-cx-summary-n]").get_attribute("data-cx-summary-n") == str(n)

    # Carried in the JSON summary.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON summary").click()
    path = tmp_path / "summary.json"
    info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["leadershipActions"] == [
        {"play": first_play, "owner": "Service manager", "due": "2027-01-15"},
        {"play": None, "owner": "Dana, GM", "due": None},
    ]
    assert run_axe(page) == []
    page.close()


def test_small_groups_stay_hidden_in_the_summary(context, site_url, team_files):
    """Twelve respondents over twelve departments: no leadership group reaches k = 5,
    so the summary shows no gap, as the team view shows none."""
    page = context.new_page()
    page.goto(site_url + TEAM)
    page.wait_for_selector("[data-cx-drop]")
    drop(page, team_files[12])
    summary = open_summary(page)
    assert summary.locator("[data-cx-summary-gap]").count() == 0
    assert "fewer than" in summary.locator("[data-cx-summary-part=gaps]").inner_text() or \
        "No gap to show" in summary.locator("[data-cx-summary-part=gaps]").inner_text()
    page.close()
