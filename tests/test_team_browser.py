"""The team view in real Chromium against the built site: the real flow (fill
the assessment in several browsers, export, drop the files on the team page),
the numbers against ``cx-playbook team``, persistence, bad input, hostile
text, accessibility in both palettes, keyboard only, print, privacy."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import CLEAN, axe_in_both_palettes, cx_playbook, other_origins
from test_assessment_support import (
    ASSESSMENT, answer_all, choices, model_of, open_assessment, questions, ready_for_instant_navigation,
    watch_for_injection,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("team")]

TEAM = f"assessments/{ASSESSMENT}/team/"
PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1</script>'
# Who fills in the assessment: name, department, location, and how they see the dealership.
PROFILES = [
    ("Dana", "leadership", "Northside", "high"),
    ("", "sales", "Northside", "low"),
    ("Omar", "service", "riverside ", "mixed"),
    ("", "sales", "Riverside", "middle"),
]


def pick(model, q, lean: str, i: int) -> dict:
    ordered = sorted(choices(model, q), key=lambda c: c["score"])
    index = {"high": len(ordered) - 1, "low": 0, "middle": len(ordered) // 2,
             "mixed": (len(ordered) - 1) * (i % 2)}[lean]
    return ordered[index]


def cli(*args) -> subprocess.CompletedProcess:
    return cx_playbook("team", *args)


@pytest.fixture(scope="module")
def exports(browser, site_url, tmp_path_factory) -> list[Path]:
    """Each profile fills in the assessment in its own browser and exports it."""
    folder = tmp_path_factory.mktemp("team-exports")
    files = []
    for n, (name, department, location, lean) in enumerate(PROFILES):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            model = open_assessment(page, site_url)
            if name:
                page.get_by_label("Name", exact=True).fill(name)
            page.get_by_label("Department or role").select_option(department)
            page.get_by_label("Location").fill(location)
            answer_all(page, {q["id"]: pick(model, q, lean, i)["label"] for i, q in enumerate(questions(model))})
            first = questions(model)[0]["id"]
            page.locator(f"[data-cx-question='{first}'] summary").click()
            page.locator(f"[data-cx-note='{first}']").fill(f"Evidence from respondent {n + 1}: seen at the March review.")
            with page.expect_download() as info:
                page.get_by_role("button", name="Export JSON").click()
            path = folder / f"{n + 1}-{department}.json"
            info.value.save_as(path)
            files.append(path)
        finally:
            context.close()
    return files


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("team-broken") / "broken.json"
    path.write_text('{"format": "cx-playbook-assessment", "formatVersion": 2, "answers": ', encoding="utf-8")
    return path


def open_team(page, site_url) -> dict:
    page.goto(site_url + TEAM)
    page.wait_for_selector("[data-cx-drop]")
    return model_of(page)


def drop(page, paths: list[Path]) -> None:
    """Drop files on the drop zone, as a file manager would (DataTransfer with File objects)."""
    files = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]
    page.evaluate("""(files) => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(new File([f.text], f.name, { type: "application/json" }));
      const zone = document.querySelector("[data-cx-drop]");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }""", files)


def download_summary(page, tmp_path) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON summary").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert info.value.suggested_filename.startswith(f"{ASSESSMENT}-") and "-team-" in info.value.suggested_filename
    return json.loads(path.read_text(encoding="utf-8"))


def heatmap_text(page) -> dict[str, str]:
    return {cell.get_attribute("data-cx-heat"): " ".join(cell.inner_text().split())
            for cell in page.locator("[data-cx-heatmap=department] [data-cx-heat]").all()}


def agenda(page) -> list[str]:
    return page.locator("[data-cx-agenda-item]").evaluate_all("items => items.map((i) => i.dataset.cxAgendaItem)")


def test_the_real_flow_against_the_command_line(browser, site_url, exports, broken, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        seen = watch_for_injection(page)
        model = open_team(page, site_url)
        expect(page.locator("[data-cx-team-empty]").first).to_be_visible()
        drop(page, [*exports, broken])
        status = page.locator("[data-cx-team-status]")
        expect(status).to_have_text(f"Read 5 files: 4 new respondents, 1 file refused. The team now has 4 respondents.")
        refused = page.locator("[data-cx-team-refused] li")
        expect(refused).to_have_count(1)
        expect(refused).to_have_text("broken.json (not JSON): The file is not JSON. Choose a file made by Export JSON.")

        # Private by default, as the CLI: no department has 5 respondents, so none shows a figure or a note.
        private = cli(*exports, broken, "--format", "json")
        assert download_summary(page, tmp_path) == json.loads(private.stdout)
        assert set(heatmap_text(page).values()) == {"fewer than 5"}
        first_item = page.locator(f"[data-cx-agenda-item='{questions(model)[0]['id']}']")
        expect(first_item.locator("[data-cx-note]")).to_have_count(0)
        expect(first_item.locator("[data-cx-notes-withheld]")).to_have_text(
            "4 notes withheld: written in a department of fewer than 5 respondents (see Report options).")
        expect(page.locator("[data-cx-team-csv-hint]")).to_contain_text("keeps every individual answer")

        # The lead turns it off knowingly; the same files through the command line: the same numbers.
        page.get_by_label("Hide groups smaller than").uncheck()
        result = cli(*exports, broken, "--format", "json", "--hide-below", "0")
        assert result.returncode == 1 and "broken.json: not JSON" in result.stderr
        expected = json.loads(result.stdout)
        assert download_summary(page, tmp_path) == expected
        assert agenda(page) == [q["id"] for q in expected["questions"]]

        # The heatmap: each department's mean, its n, and the split marker, in the cell.
        cells = heatmap_text(page)
        for section in [expected["overall"], *expected["sections"]]:
            sid = section.get("id", "overall")
            for cell in section["byDepartment"]:
                text = cells[f"{cell['department'] or ''}:{sid}"]
                assert text.startswith(f"{int(cell['mean'] + 1e-9)}% n={cell['n']}"), (sid, cell, text)
                assert ("◆ split" in text) == cell["split"], (sid, cell, text)
        sales = expected["overall"]["byDepartment"][1]
        assert sales["department"] == "sales" and sales["n"] == 2 and sales["split"], "the two sales views are far apart"
        expect(page.locator("[data-cx-team-score=overall]")).to_have_text(f"{int(expected['overall']['score'] + 1e-9)}%")
        expect(page.locator("[data-cx-team-gap=overall]")).to_contain_text("points")
        notes = page.locator(f"[data-cx-agenda-item='{questions(model)[0]['id']}'] [data-cx-note]")
        expect(notes).to_have_count(4)
        expect(notes.first).to_have_text("Leadership, Dana: Evidence from respondent 1: seen at the March review.")
        expect(page.locator("[data-cx-team-counts]")).to_contain_text("4 respondents included, from 3 departments and 2 locations.")

        # Reload: the merged team is still there, with the same figures.
        before = heatmap_text(page)
        page.reload()
        page.wait_for_selector("[data-cx-heatmap=department]")
        assert heatmap_text(page) == before
        assert agenda(page) == [q["id"] for q in expected["questions"]]
        assert download_summary(page, tmp_path) == expected

        # Leave one respondent out: the numbers follow, and equal the CLI's with --exclude.
        key = json.loads(exports[0].read_text(encoding="utf-8"))["respondent"]["id"]
        page.locator(f"[data-cx-team-include='{key}']").uncheck()
        expect(page.locator("[data-cx-team-counts]")).to_contain_text("3 respondents included (1 excluded)")
        excluded = json.loads(cli(*exports, "--format", "json", "--exclude", key, "--hide-below", "0").stdout)
        assert download_summary(page, tmp_path) == excluded
        page.reload()
        page.wait_for_selector("[data-cx-team-counts]")
        expect(page.locator(f"[data-cx-team-include='{key}']")).not_to_be_checked()
        # What this browser keeps is the published format (schemas/team-storage.schema.json).
        from generator.browser_model import TeamStore
        kept = page.evaluate("() => Object.keys(localStorage).filter((k) => k.endsWith(':team')).map((k) => localStorage.getItem(k))")
        stored = TeamStore.model_validate_json(kept[0])
        assert len(kept) == 1 and len(stored.respondents) == 4 and stored.excluded == [key]

        # Clear team data: asked first, then gone, also after a reload.
        page.get_by_role("button", name="Clear team data…").click()
        page.get_by_role("button", name="Yes, clear team data").click()
        expect(page.locator("[data-cx-team-status]")).to_contain_text("Cleared")
        page.reload()
        page.wait_for_selector("[data-cx-drop]")
        expect(page.locator("[data-cx-team-empty]").first).to_be_visible()
        assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.endsWith(':team'))") == []
        assert seen["dialogs"] == [] and seen["errors"] == []
    finally:
        context.close()
    foreign = other_origins(requests, site_url)
    assert requests and not foreign, foreign


def test_folder_picker_and_bad_input_lose_nothing(page, site_url, exports, tmp_path):
    model = open_team(page, site_url)
    page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in exports[:2]])
    expect(page.locator("[data-cx-team-status]")).to_contain_text("The team now has 2 respondents.")

    folder = tmp_path / "collected"
    (folder / "store-b").mkdir(parents=True)
    (folder / "store-b" / exports[2].name).write_bytes(exports[2].read_bytes())
    (folder / "notes.txt").write_text("not an export")
    huge = folder / "twenty-megabytes.json"
    huge.write_text('{"format": "cx-playbook-assessment", "notes": {"a": "' + "x" * (20 * 1024 * 1024) + '"}}')
    future = json.loads(exports[3].read_text(encoding="utf-8"))
    future["formatVersion"] = 3
    (folder / "future.json").write_text(json.dumps(future))
    other = json.loads(exports[3].read_text(encoding="utf-8"))
    other["assessment"]["id"] = "seven-moments"
    (folder / "other.json").write_text(json.dumps(other))
    out_of_range = json.loads(exports[3].read_text(encoding="utf-8"))
    out_of_range["snapshots"] = [{"id": "s", "savedAt": "2026-01-01T00:00:00Z", "answers": {}, "scores": {"overall": 250}}]
    (folder / "out-of-range.json").write_text(json.dumps(out_of_range))
    # The same respondent as exports[0], exported later, with other answers: it replaces the first.
    again = json.loads(exports[0].read_text(encoding="utf-8"))
    again["exportedAt"] = "2099-01-01T00:00:00.000Z"
    q = questions(model)[0]
    again["answers"][q["id"]] = {"choice": choices(model, q)[0]["id"]}
    (folder / "dana-again.json").write_text(json.dumps(again))
    page.locator("input[data-cx-team-folder]").set_input_files(str(folder))

    status = page.locator("[data-cx-team-status]")
    expect(status).to_contain_text("Read 6 files: 1 new respondent, 1 updated by a newer export, 4 files refused. The team now has 3 respondents.")
    expect(status).to_contain_text("1 other file in the folder (not .json, or hidden) was left out.")
    messages = page.locator("[data-cx-team-refused] li").all_inner_texts()
    assert sorted(messages) == sorted([
        "collected/future.json (from a newer version): The file was not imported: it was written in format version 3, newer than this page reads (1 to 2); open it with a newer edition of the playbook.",
        f"collected/other.json (another assessment): The file was not imported: this file holds answers to “{other['assessment']['title']}” (seven-moments), not to “{model['title']}” ({model['id']}); open that assessment's page to import it.",
        "collected/out-of-range.json (not a valid export): The file was not imported: snapshots[0].scores.overall: expected a percentage from 0 to 100.",
        "collected/twenty-megabytes.json (too large): The file is larger than 5 MB, the most an export can be.",
    ])
    duplicates = page.locator("[data-cx-team-duplicates]")
    expect(duplicates).to_contain_text("kept collected/dana-again.json")
    expect(duplicates).to_contain_text(f"set aside {exports[0].name}")
    page.reload()
    page.wait_for_selector("[data-cx-team-counts]")
    expect(page.locator("[data-cx-team-counts]")).to_contain_text("3 respondents included")
    expect(page.locator(".cx-team-superseded")).to_contain_text("1 older export was set aside")


def test_many_files_show_progress_and_the_page_stays_responsive(page, site_url, exports, tmp_path):
    open_team(page, site_url)
    template = json.loads(exports[1].read_text(encoding="utf-8"))
    paths = []
    for n in range(400):
        data = dict(template, respondent={"id": f"r-bulk{n:08d}"})
        path = tmp_path / f"bulk-{n:03d}.json"
        path.write_text(json.dumps(data, indent=2))
        paths.append(str(path))
    page.evaluate("""() => {
      window.__progress = [];
      document.addEventListener("cx:team-progress", (e) => window.__progress.push(e.detail));
      window.__visible = false;
      new MutationObserver(() => {
        const box = document.querySelector("[data-cx-team-progress]");
        if (box && !box.hidden) window.__visible = true;
      }).observe(document.body, { attributes: true, subtree: true, childList: true });
    }""")
    page.locator("input[data-cx-team-files]").set_input_files(paths)
    expect(page.locator("[data-cx-team-status]")).to_contain_text("The team now has 400 respondents.", timeout=60000)
    assert page.evaluate("window.__visible"), "a progress bar was shown while reading"
    progress = page.evaluate("window.__progress")
    assert progress and all(p["total"] == 400 and 0 < p["done"] <= 400 for p in progress)
    expect(page.locator("[data-cx-team-progress]")).to_be_hidden()
    expect(page.locator(".cx-team-list-details")).not_to_have_attribute("open", "")


def test_hostile_strings_are_shown_as_text(page, site_url, exports, tmp_path):
    seen = watch_for_injection(page)
    model = open_team(page, site_url)
    data = json.loads(exports[2].read_text(encoding="utf-8"))
    data["respondent"] = {"id": "r-hostile0001", "name": PAYLOAD[:200]}
    data["profile"]["location"] = PAYLOAD[:200]
    q = questions(model)[0]
    data["notes"] = {q["id"]: PAYLOAD + " =HYPERLINK(\"http://evil.example\")"}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    evil_name = tmp_path / f"{PAYLOAD[:60].replace('/', '_')}.json"
    evil_name.write_text("not json")
    page.locator("input[data-cx-team-files]").set_input_files([str(path), str(evil_name)])
    expect(page.locator("[data-cx-team-status]")).to_contain_text("The team now has 1 respondent.")
    page.get_by_label("Show every note").check()
    team = page.locator("[data-cx-team]")
    expect(team.locator("[data-cx-note]").first).to_contain_text(PAYLOAD)
    expect(page.locator("[data-cx-team-refused]")).to_contain_text(evil_name.name)
    expect(team.locator(".cx-team-list")).to_contain_text(PAYLOAD[:200])
    assert team.locator("img, script, iframe").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen["dialogs"] == [] and seen["errors"] == []


def test_when_the_browser_refuses_to_store_it_says_so(browser, site_url, exports):
    context = browser.new_context()
    context.add_init_script("""(() => {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key).endsWith(":team")) throw new DOMException("full", "QuotaExceededError");
        return original.call(this, key, value);
      };
    })()""")
    try:
        page = context.new_page()
        open_team(page, site_url)
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in exports])
        expect(page.locator("[data-cx-team-storage]")).to_contain_text("This browser refused to keep the team data")
        expect(page.locator("[data-cx-heatmap=department]")).to_be_visible()  # the merge still shows
    finally:
        context.close()


def test_axe_before_and_after_a_merge(browser, site_url, exports, broken, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        model = open_team(page, site_url)
        # One respondent per department, each answering every question as near a
        # target score as its scale allows: cells of every colour of the scale.
        extra = []
        for n, (target, department) in enumerate(zip((0.0, 0.3, 0.5, 0.7, 1.0), ("marketing", "parts", "finance", "delivery", "operations"))):
            data = json.loads(exports[1].read_text(encoding="utf-8"))
            data["respondent"]["id"] = f"r-colour-{n:08d}"
            data["profile"]["department"] = department
            data["answers"] = {q["id"]: {"choice": min(choices(model, q), key=lambda c: abs(c["score"] - target))["id"]}
                               for q in questions(model)}
            extra.append(tmp_path / f"{department}.json")
            extra[-1].write_text(json.dumps(data))
        assert axe_in_both_palettes(page) == CLEAN
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in [*exports, *extra, broken]])
        page.wait_for_selector("[data-cx-team-section=agenda]")
        expect(page.locator(".cx-heat--hidden").first).to_be_visible()  # private by default: "fewer than k"
        assert axe_in_both_palettes(page) == CLEAN
        # The k box is named for what it sets, not by the word after it.
        expect(page.get_by_label("Smallest group shown (k)")).to_have_value("5")
        page.get_by_label("Hide groups smaller than").uncheck()
        for details in page.locator("[data-cx-team] details").all():
            details.evaluate("d => { d.open = true; }")
        buckets = page.locator(".cx-heat[class*='cx-heat--']").evaluate_all(
            "cells => [...new Set(cells.map((c) => c.className.match(/cx-heat--(\\d)/)).filter(Boolean).map((m) => m[1]))].sort()")
        assert buckets == ["0", "1", "2", "3", "4"], f"every colour of the scale is on the page ({buckets})"
        assert axe_in_both_palettes(page) == CLEAN
    finally:
        context.close()


def test_keyboard_only(page, site_url, exports):
    # Listening before anything happens turns Chromium's file-chooser interception
    # on in time; enabled only by expect_file_chooser, it can come after the key.
    chosen = []
    page.on("filechooser", lambda chooser: chosen.append(chooser))
    open_team(page, site_url)
    page.bring_to_front()
    page.locator("body").focus()

    def tab_to(predicate: str, limit: int = 200, key: str = "Tab") -> None:
        for _ in range(limit):
            page.keyboard.press(key)
            if page.evaluate(f"() => {{ const e = document.activeElement; return Boolean(e && ({predicate})); }}"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("e.matches('input[data-cx-team-files]')")
    assert page.evaluate("getComputedStyle(document.activeElement.labels[0]).outlineStyle") != "none", "focus is visible"
    page.keyboard.press("Space")
    if not chosen:  # events are dispatched only while a call waits: none can slip between the check and the wait
        page.wait_for_event("filechooser", timeout=5000)
    assert chosen, "Space on the focused file input opens the file chooser"
    chosen[0].set_files([str(p) for p in exports])
    expect(page.locator("[data-cx-team-status]")).to_contain_text("The team now has 4 respondents.")
    expect(page.locator(".cx-heat--hidden").first).to_have_text("fewer than 5")
    tab_to("e.matches('input[data-cx-team-hide]')")
    page.keyboard.press("Space")
    expect(page.locator(".cx-heat--hidden")).to_have_count(0)
    tab_to("e.matches('input[data-cx-team-include]')")
    page.keyboard.press("Space")
    expect(page.locator("[data-cx-team-counts]")).to_contain_text("3 respondents included (1 excluded)")
    tab_to("e.matches('[data-cx-team-action=clear]')", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Cancel", "focus moves into the confirmation"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("[data-cx-team-status]")).to_contain_text("Cleared")


def test_print_shows_the_report_not_the_controls(page, site_url, exports):
    open_team(page, site_url)
    page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in exports])
    page.wait_for_selector("[data-cx-team-section=agenda]")
    page.locator(".cx-team-list-details summary").click()  # folded by the reader
    folded = page.locator("[data-cx-team] details:not([open])").count()
    assert folded >= 1
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("[data-cx-team] details:not([open])").count() == 0, "folded parts open for print"
    page.emulate_media(media="print")
    for hidden in ("[data-cx-drop]", "[data-cx-team-action=print]", ".cx-team-list-details"):
        expect(page.locator(hidden)).to_be_hidden()
    for shown in ("[data-cx-heatmap=department]", "[data-cx-team-section=leadership]", "[data-cx-agenda]", "[data-cx-team-section=actions]"):
        expect(page.locator(shown).first).to_be_visible()
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("[data-cx-team] details:not([open])").count() == folded, "and fold again afterwards"


def test_narrow_screen_has_no_sideways_scroll(browser, site_url, exports):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        open_team(page, site_url)
        page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in exports])
        page.wait_for_selector("[data-cx-team-section=agenda]")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_without_javascript_it_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + TEAM)
        expect(page.locator("[data-cx-team] .cx-nojs")).to_be_visible()
        expect(page.locator("#how-the-numbers-are-computed")).to_be_visible()
    finally:
        context.close()


def test_the_assessment_page_links_to_the_team_view_and_instant_navigation_keeps_one(page, site_url, exports):
    open_assessment(page, site_url)
    ready_for_instant_navigation(page)
    page.evaluate("window.__sameDocument = true; window.__merges = 0; document.addEventListener('cx:team-merge', () => window.__merges++)")
    for _ in range(2):  # there and back: listeners must not pile up
        page.get_by_role("link", name="team view").first.click()
        page.wait_for_url(re.compile(rf"/{TEAM}$"))
        page.wait_for_selector("[data-cx-drop]")
        page.go_back()
        page.wait_for_url(re.compile(rf"/assessments/{ASSESSMENT}/(#.*)?$"))
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    page.go_forward()
    page.wait_for_selector("[data-cx-drop]")
    assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
    assert page.locator("[data-cx-drop]").count() == 1 and page.locator(".cx-team-add").count() == 1
    page.locator("input[data-cx-team-files]").set_input_files([str(p) for p in exports[:2]])
    expect(page.locator("[data-cx-team-status]")).to_contain_text("The team now has 2 respondents.")
    assert page.evaluate("window.__merges") == 1
    assert page.locator("[data-cx-heatmap=department]").count() == 1
