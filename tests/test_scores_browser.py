"""What a score means, in real Chromium against the built site: levels that
follow the answers step by step, no verdict from a few answers, and questions
that drop out only where the location cannot have the thing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_assessment_support import choices, open_assessment, questions

pytestmark = pytest.mark.browser

ASSESSMENTS = ("cx-strategy", "seven-moments")


def _answer_all(page, picks: dict[str, str]) -> None:
    """Every answer in one go, through the form's own change events (clicking
    fifty radios one by one would test Playwright, not the scoring)."""
    page.evaluate("""(picks) => {
      for (const [id, choice] of Object.entries(picks)) {
        const input = document.querySelector(`[data-cx-question="${id}"] input[value="${choice}"]`);
        input.checked = true;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }""", picks)


def _on_step(model, k: int) -> dict[str, str]:
    """Every question on step k (1 = lowest); a shorter scale gives its top step."""
    return {q["id"]: choices(model, q)[min(k, len(choices(model, q))) - 1]["id"] for q in questions(model)}


def _level(page) -> str:
    return page.locator("[data-cx-level]").text_content()


@pytest.mark.parametrize("assessment", ASSESSMENTS)
def test_every_answer_one_step_up_never_lowers_the_level(page, site_url, assessment):
    model = open_assessment(page, site_url, assessment)
    names = [lv["name"] for lv in model["levels"]]
    longest = max(len(s["choices"]) for s in model["answerSets"].values())
    seen = []
    for k in range(1, longest + 1):
        _answer_all(page, _on_step(model, k))
        expect(page.locator("[data-cx-progress-text]")).to_have_text(f"{len(questions(model))} of {len(questions(model))} answered")
        seen.append(names.index(_level(page)))
    assert seen == sorted(seen), [names[i] for i in seen]
    assert all(b - a <= 1 for a, b in zip(seen, seen[1:])), [names[i] for i in seen]
    assert seen[0] == 0 and seen[-1] == len(names) - 1, [names[i] for i in seen]


def test_cx_strategy_all_on_the_second_step_is_emerging(page, site_url):
    model = open_assessment(page, site_url, "cx-strategy")
    _answer_all(page, _on_step(model, 2))
    expect(page.locator("[data-cx-level]")).to_have_text("Emerging")
    # The page says why: the pattern is listed under its level in "How scoring works".
    row = page.locator("table", has_text="Answer patterns that land here").locator("tr", has_text="Emerging")
    expect(row).to_contain_text("Every answer on the second step.")


def test_one_answer_of_forty_gives_no_level(page, site_url):
    model = open_assessment(page, site_url, "seven-moments")
    qs = questions(model)
    assert len(qs) >= 40
    top = max(choices(model, qs[0]), key=lambda c: c["score"])
    _answer_all(page, {qs[0]["id"]: top["id"]})
    expect(page.locator("[data-cx-score]")).to_have_text("100%")
    expect(page.locator("[data-cx-level]")).to_have_text("Provisional")
    needed = -(-len(qs) * 4 // 5)
    expect(page.locator("[data-cx-remaining]")).to_contain_text(f"answer {needed - 1} more questions")
    # Each section's bar says how many answers stand behind it.
    section = model["sections"][0]
    expect(page.locator(f"[data-cx-coverage='{section['id']}']")).to_have_text(f" 1/{len(section['questions'])}")
    # At 80% of the questions the level is stated.
    _answer_all(page, {q["id"]: max(choices(model, q), key=lambda c: c["score"])["id"] for q in qs[:needed]})
    expect(page.locator("[data-cx-level]")).to_have_text(model["levels"][-1]["name"])
    expect(page.locator("[data-cx-remaining]")).to_have_count(0)


def test_a_location_without_service_drops_the_service_questions_with_a_line(page, site_url):
    model = open_assessment(page, site_url, "seven-moments")
    qs = questions(model)
    service = [q for q in qs if "service" in q["needs"]]
    assert service and all(q["id"].startswith("sr-") or q["id"] == "vd-service-intro" for q in service)
    # No question offers 'not applicable' any more, and the choices a store makes never did.
    assert page.locator("input[value='n/a']").count() == 0
    lowest = {q["id"]: choices(model, q)[0]["id"] for q in qs}
    _answer_all(page, {q: c for q, c in lowest.items() if q not in {s["id"] for s in service}})
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"{len(qs) - len(service)} of {len(qs)} answered")
    page.get_by_label("A Service department").uncheck()
    for q in service:
        line = page.locator(f"[data-cx-question='{q['id']}'] [data-cx-dropped]")
        expect(line).to_be_visible()
        expect(line).to_contain_text("it has no Service department")
        expect(page.locator(f"[data-cx-question='{q['id']}'] input[type=radio]").first).to_be_disabled()
    asked = len(qs) - len(service)
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"{asked} of {asked} answered")
    expect(page.locator("[data-cx-level]")).to_have_text(model["levels"][0]["name"])
    expect(page.locator(".cx-results__basis")).to_contain_text(f"{len(service)} not asked at this location")
    # Saved with the answers, and back after a reload.
    page.reload()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    expect(page.get_by_label("A Service department")).not_to_be_checked()
    expect(page.locator(f"[data-cx-question='{service[0]['id']}'] [data-cx-dropped]")).to_be_visible()
