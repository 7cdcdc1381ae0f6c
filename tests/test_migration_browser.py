"""Answers survive a new version of the questionnaire, in the real browser.

A respondent answers; the site is rebuilt at the same address from edited
content (a renamed id with `replaces`, a new question, a reworded question, a
removed question recorded as retired, a changed choice id, version bumped);
they reload and see exactly what changed, lose nothing, confirm, export, and
the export imports into a fresh browser with the same state."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from conftest import copy_project
from test_assessment_support import ASSESSMENT, SCHEMA, answer, choices, model_of, questions

# The first version is the default site, built once per run for one address
# (conftest's republish); each test builds its next version for that address.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("republish")]

RENAMED, NEW_ID = "top-down", "leadership-drives-cx"          # renamed, carried by replaces
REWORDED = "leaders-know-customers"                             # wording changed
REMOVED = "data-shared"                                         # retired
REMAPPED = "moment-owners"                                      # its choice 'some' becomes 'some-owners'
KEPT = "formal-strategy"                                        # unchanged
FRESH = "cx-owner-named"                                        # new in 9.1.0


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the loader refuses aliases
        return True


def _edit(project: Path) -> None:
    path = project / "assessments" / f"{ASSESSMENT}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old_version = data["version"]
    data["version"] = "9.1.0"
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == RENAMED:
                question["id"] = NEW_ID
                question["replaces"] = [*question.get("replaces", []), RENAMED]
            if question["id"] == REWORDED:
                question["text"] = "How many customers did each senior manager talk with last month?"
        kept = [q for q in section["questions"] if q["id"] != REMOVED]
        if len(kept) != len(section["questions"]):
            removed = next(q for q in section["questions"] if q["id"] == REMOVED)
            data.setdefault("retired", []).append({"id": REMOVED, "text": removed["text"], "retired_in": "9.1.0",
                                                   "reason": "Folded into the moment owners' reports."})
            # Its plays stay recommended, by the question that took over (check insists).
            kept[0]["plays"] = list(dict.fromkeys([*kept[0].get("plays", []), *removed.get("plays", [])]))
            section["questions"] = kept
    first = data["sections"][0]
    first["questions"].append({**first["questions"][0], "id": FRESH, "text": "Is one named person accountable for CX?",
                               "replaces": []})
    for scale in data["answer_sets"]:
        if scale["id"] == "moment-ownership":
            for choice in scale["choices"]:
                if choice["id"] == "some":
                    choice["id"] = "some-owners"
                    choice["replaces"] = [*choice.get("replaces", []), "some"]
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    playbook = project / "content" / "playbook.yml"
    book = yaml.safe_load(playbook.read_text(encoding="utf-8"))
    book["changelog"].insert(0, {"version": "9.1.0", "date": "2026-12-01", "changes": [f"{ASSESSMENT} {old_version} → 9.1.0."]})
    book["version"] = "9.1.0"
    playbook.write_text(yaml.dump(book, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _publish(republish, project: Path, site: Path) -> None:
    """``project`` built for the served address and swapped in for ``site``."""
    staging = site.with_name("staging")
    republish.build(project, staging)
    shutil.rmtree(site)
    staging.rename(site)


def _label(model, question_id, choice_id):
    question = next(q for q in questions(model) if q["id"] == question_id)
    return next(c["label"] for c in choices(model, question) if c["id"] == choice_id)


def _first_label(model, question_id):
    question = next(q for q in questions(model) if q["id"] == question_id)
    return choices(model, question)[1]["label"]


def test_a_returning_respondent_sees_what_changed_and_loses_nothing(browser, republish, tmp_path):
    import jsonschema

    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    host = republish.start(site)
    url = host.url
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        before = model_of(page)
        picks = {qid: _first_label(before, qid) for qid in (RENAMED, REWORDED, REMOVED, KEPT)}
        picks[REMAPPED] = _label(before, REMAPPED, "some")
        for qid, label in picks.items():
            answer(page, qid, label)
        page.locator(f"[data-cx-question='{RENAMED}'] summary").click()
        page.locator(f"[data-cx-note='{RENAMED}']").fill("Owner: the GM")
        expect(page.locator("[data-cx-notice]")).to_be_hidden()

        _edit(project)
        _publish(republish, project, site)
        page.reload()
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        after = model_of(page)
        assert after["version"] == "9.1.0"

        notice = page.locator("[data-cx-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(f"You answered version {before['version']} of this questionnaire; this is version 9.1.0.")
        expect(notice).to_contain_text("1 new question")
        expect(notice).to_contain_text("2 answers need your confirmation")
        expect(notice).to_contain_text("1 answer is to questions no longer asked")
        # The new question: listed with a jump, marked on the form.
        notice.get_by_role("button", name="Is one named person accountable for CX?").click()
        assert page.evaluate("document.activeElement.name") == f"q:{FRESH}"
        expect(page.locator(f"[data-cx-question='{FRESH}'] .cx-mark--new")).to_contain_text("New question")
        # Carried answers: renamed (with its note), remapped choice, reworded, kept.
        expect(page.locator(f"[data-cx-question='{NEW_ID}']").get_by_label(picks[RENAMED], exact=True)).to_be_checked()
        expect(page.locator(f"[data-cx-note='{NEW_ID}']")).to_have_value("Owner: the GM")
        expect(page.locator(f"[data-cx-question='{REMAPPED}']").get_by_label(_label(after, REMAPPED, "some-owners"), exact=True)).to_be_checked()
        expect(page.locator(f"[data-cx-question='{REMAPPED}'] .cx-mark--confirm")).to_contain_text("Its choices changed")
        reworded = page.locator(f"[data-cx-question='{REWORDED}'] .cx-mark--confirm")
        old_text = next(q["text"] for q in questions(before) if q["id"] == REWORDED)
        expect(reworded).to_contain_text(f"It used to read: “{old_text}”")
        expect(page.locator(f"[data-cx-question='{REWORDED}']").get_by_label(picks[REWORDED], exact=True)).to_be_checked()
        expect(page.locator(f"[data-cx-question='{KEPT}'] .cx-mark")).to_have_count(0)
        # The removed question's answer is kept with its wording.
        removed_text = next(q["text"] for q in questions(before) if q["id"] == REMOVED)
        expect(page.locator(".cx-archive")).to_contain_text(removed_text)
        expect(page.locator("[data-cx-progress-text]")).to_have_text(f"4 of {len(questions(after))} answered")

        # Confirming one answer clears its mark, and the choice survives a reload.
        reworded.get_by_role("button", name="Keep my answer").click()
        expect(reworded).to_have_count(0)
        expect(notice).to_contain_text("1 answer needs your confirmation")
        page.reload()
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        expect(page.locator(f"[data-cx-question='{REWORDED}'] .cx-mark")).to_have_count(0)
        expect(page.locator(f"[data-cx-question='{REMAPPED}'] .cx-mark--confirm")).to_have_count(1)

        with page.expect_download() as info:
            page.get_by_role("button", name="Export JSON").click()
        exported = tmp_path / "after.json"
        info.value.save_as(exported)
        data = json.loads(exported.read_text(encoding="utf-8"))
        jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
        assert data["archive"][REMOVED]["text"] == removed_text
        assert data["answers"][REMAPPED] == {**data["answers"][REMAPPED], "choice": "some-owners", "unconfirmed": True}
        assert data["questionnaire"]["questions"][REWORDED]["text"] != old_text
        results = page.locator("[data-cx-results-body]").inner_text()
        context.close()

        fresh = browser.new_context(viewport={"width": 1280, "height": 900})
        other = fresh.new_page()
        other.goto(f"{url}assessments/{ASSESSMENT}/")
        other.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        other.locator("input[data-cx-import]").set_input_files(str(exported))
        expect(other.locator("[data-cx-message]")).to_contain_text("Imported 4 answers")
        assert other.locator("[data-cx-results-body]").inner_text() == results
        expect(other.locator(f"[data-cx-question='{REMAPPED}'] .cx-mark--confirm")).to_have_count(1)
        expect(other.locator(f"[data-cx-question='{FRESH}'] .cx-mark--new")).to_have_count(1)
        fresh.close()
    finally:
        host.stop()


def _fix_wording(project: Path) -> tuple[str, str]:
    """A wording fix declared with same_meaning_as on KEPT's question and on a
    label of its scale, and a plain rewording of REWORDED, as an editor would."""
    path = project / "assessments" / f"{ASSESSMENT}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["version"] = "2.1.0"
    scale_id = None
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == KEPT:
                question["same_meaning_as"] = [question["text"]]
                question["text"] = question["text"].replace("?", ", in writing?")
                scale_id = question["answer_set"]
            if question["id"] == REWORDED:
                question["text"] = "How many customers did each senior manager talk with last month?"
    scale = next(s for s in data["answer_sets"] if s["id"] == scale_id)
    for choice in scale["choices"]:
        choice["same_meaning_as"] = [choice["label"]]
        choice["label"] = choice["label"].rstrip(".") + " (as of today)."
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    playbook = project / "content" / "playbook.yml"
    book = yaml.safe_load(playbook.read_text(encoding="utf-8"))
    book["changelog"].insert(0, {"version": "2.1.0", "date": "2026-12-03",
                                 "changes": [f"Wording fix, same meaning: question '{KEPT}'; {REWORDED} reworded."]})
    book["version"] = "2.1.0"
    playbook.write_text(yaml.dump(book, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return scale_id, next(q["text"] for s in data["sections"] for q in s["questions"] if q["id"] == KEPT)


def test_a_wording_fix_declared_with_same_meaning_as_is_not_sent_back_to_confirm(browser, republish, tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    host = republish.start(site)
    url = host.url
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        before = model_of(page)
        picks = {qid: _first_label(before, qid) for qid in (KEPT, REWORDED)}
        for qid, label in picks.items():
            answer(page, qid, label)

        _, fixed_text = _fix_wording(project)
        _publish(republish, project, site)
        page.reload()
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        after = model_of(page)
        assert next(q["text"] for q in questions(after) if q["id"] == KEPT) == fixed_text

        notice = page.locator("[data-cx-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("1 answer needs your confirmation")
        # The declared fix: the answer is kept as it was, with no "Please confirm".
        expect(page.locator(f"[data-cx-question='{KEPT}'] .cx-mark")).to_have_count(0)
        kept_label = _first_label(after, KEPT)
        expect(page.locator(f"[data-cx-question='{KEPT}']").get_by_label(kept_label, exact=True)).to_be_checked()
        # The plain rewording still asks.
        expect(page.locator(f"[data-cx-question='{REWORDED}'] .cx-mark--confirm")).to_have_count(1)
        context.close()
    finally:
        host.stop()
