"""Helpers shared by the assessment browser tests (no tests here)."""

from __future__ import annotations

import json
from pathlib import Path


from conftest import ROOT

CASES = ROOT / "tests" / "cases"
SCHEMA = ROOT / "schemas" / "assessment-export.schema.json"
ASSESSMENT = "cx-strategy"

# Counts cx:change events on the document, which survives instant navigation.
COUNTER = """() => {
  window.__cxChanges = 0;
  document.addEventListener('cx:change', () => { window.__cxChanges += 1; });
}"""


def open_assessment(page, site_url, assessment=ASSESSMENT):
    page.goto(f"{site_url}assessments/{assessment}/")
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    return model_of(page)


def ready_for_instant_navigation(page):
    """Material intercepts a click only for pages listed in sitemap.xml, which it
    fetches after load (while the service worker precaches the site); a click
    before that is an ordinary page load, so tests of instant navigation wait."""
    page.wait_for_load_state("networkidle")


def model_of(page) -> dict:
    return json.loads(page.locator("[data-cx-model]").first.get_attribute("data-cx-model"))


def questions(model):
    return [q for s in model["sections"] for q in s["questions"]]


def choices(model, question):
    return model["answerSets"][question["answerSet"]]["choices"]


def answer(page, question_id, label):
    """Check the choice by its visible label, within the question's fieldset."""
    page.locator(f"[data-cx-question='{question_id}']").get_by_label(label, exact=True).check()


def answer_all(page, picks: dict[str, str]) -> None:
    """Answer many questions at once, each by the choice with that visible
    label: a click on it, as a reader's (the radio is checked and its change
    event runs the runtime), in one round trip rather than one per question.
    For tests of what comes after answering; tests of answering use answer()."""
    missing = page.evaluate("""(picks) => {
      const missing = [];
      for (const [id, label] of Object.entries(picks)) {
        const choice = [...document.querySelectorAll(`[data-cx-question="${CSS.escape(id)}"] .cx-choice`)]
          .find((c) => c.querySelector('.cx-choice__label').textContent.trim() === label);
        if (choice) choice.querySelector('input').click(); else missing.push(id);
      }
      return missing;
    }""", picks)
    assert not missing, f"no such choice in {missing}"
    checked = page.evaluate("(ids) => ids.filter((id) => document.querySelector(`[data-cx-question=\"${CSS.escape(id)}\"] input:checked`))",
                            list(picks))
    assert checked == list(picks), "an answer was not taken"


def progress(page) -> str:
    return page.locator("[data-cx-progress-text]").text_content()


def score(page) -> str:
    return page.locator("[data-cx-score]").text_content()


def saved(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('cx-playbook:')))")


def saved_answers(page, assessment=ASSESSMENT) -> dict:
    """The answer file kept in this browser for the assessment (parsed), or {}."""
    entries = {k: v for k, v in saved(page).items() if k.endswith(f":{assessment}:answers")}
    assert len(entries) <= 1, entries.keys()
    return json.loads(next(iter(entries.values()))) if entries else {}


def weighted_percent(model, picks: dict[str, str]) -> float:
    """The rule in Python: weighted mean of scored answers, N/A and unanswered left out."""
    num = den = 0.0
    for q in questions(model):
        choice = picks.get(q["id"])
        if choice is None or choice == "n/a":
            continue
        value = next(c["score"] for c in choices(model, q) if c["id"] == choice)
        num += q["weight"] * value
        den += q["weight"]
    return 100 * num / den


def watch_for_injection(page):
    """Record dialogs and console errors; dismiss dialogs so a test never hangs."""
    seen = {"dialogs": [], "errors": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen
