"""Import in the browser refuses bad files whole, with the exact message of the
shared case (tests/cases/answers.json): nothing runs, nothing saved changes."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from conftest import case_text
from test_assessment_support import CASES, answer, choices, open_assessment, questions, saved, watch_for_injection

pytestmark = pytest.mark.browser

PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1</script>'
REFUSALS = [c for c in json.loads((CASES / "answers.json").read_text(encoding="utf-8"))["cases"] if not c["expect"]["ok"]]


def test_bad_imports_are_refused_with_their_message_and_change_nothing(page, site_url, tmp_path):
    seen = watch_for_injection(page)
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    answer(page, q["id"], choices(model, q)[1]["label"])
    before = saved(page)
    results = page.locator("[data-cx-results-body]").inner_text()
    message = page.locator("[data-cx-message]")
    assert message.get_attribute("aria-live") == "polite"
    huge = tmp_path / "twenty-megabytes.json"
    huge.write_text('{"format": "cx-playbook-assessment", "notes": {"a": "' + "x" * (20 * 1024 * 1024) + '"}}')
    files = [(huge, f"“{huge.name}” was not imported: it is larger than 5 MB, the most an export can be. Nothing was changed.")]
    for i, case in enumerate(REFUSALS):
        if len(case_text(case)) > model["limits"]["fileMaxBytes"]:
            continue  # refused by its size before it is read (the file above)
        path = tmp_path / f"case-{i}.json"
        path.write_text(case_text(case).replace('"case-model"', f'"{model["id"]}"'), encoding="utf-8")
        expected = case["expect"]["message"].replace("“Scoring cases” (case-model)", f"“{model['title']}” ({model['id']})")
        files.append((path, f"{expected} Nothing was changed."))
    for path, expected in files:
        page.evaluate("document.querySelector('[data-cx-message]').textContent = ''")
        page.locator("input[data-cx-import]").set_input_files(str(path))
        expect(message).to_have_text(expected, timeout=10000)
        assert saved(page) == before, path.name
        assert page.locator("[data-cx-results-body]").inner_text() == results, path.name
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("({}).polluted") is None
    assert seen["dialogs"] == [] and seen["errors"] == []


def test_script_in_free_text_is_imported_as_text(page, site_url, tmp_path):
    seen = watch_for_injection(page)
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    data = {
        "format": "cx-playbook-assessment", "formatVersion": 2,
        "assessment": {"id": model["id"], "version": PAYLOAD, "title": PAYLOAD},
        "contentVersion": PAYLOAD, "exportedAt": "2026-11-23T10:00:00Z",
        "respondent": {"id": "r-0123456789abcdef", "name": PAYLOAD[:200]},
        "profile": {"location": PAYLOAD[:200]},
        "answers": {q["id"]: {"choice": choices(model, q)[0]["id"]}, "no-such-question": {"choice": "x"}},
        "notes": {q["id"]: PAYLOAD},
        "snapshots": [{"id": PAYLOAD, "savedAt": "2026-11-01T10:00:00Z", "label": PAYLOAD,
                       "answers": {}, "scores": {"overall": 10, "sections": {}}}],
    }
    path = tmp_path / "free-text.json"
    path.write_text(json.dumps(data))
    page.locator("input[data-cx-import]").set_input_files(str(path))
    message = page.locator("[data-cx-message]")
    expect(message).to_contain_text("Imported 1 answer")
    expect(message).to_contain_text("1 answer or note is kept in the history with the wording they were given to (no-such-question)")
    expect(page.locator(f"[data-cx-note='{q['id']}']")).to_have_value(PAYLOAD)
    expect(page.locator(".cx-snapshots")).to_contain_text(PAYLOAD)
    expect(page.locator(".cx-archive")).to_contain_text("no-such-question")
    assert page.locator(".cx-snapshots img, .cx-snapshots script, .cx-archive img, [data-cx-notice] img").count() == 0
    page.reload()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    expect(page.get_by_label("Location")).to_have_value(PAYLOAD[:200])
    expect(page.get_by_label("Name", exact=True)).to_have_value(PAYLOAD[:200])
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen["dialogs"] == [] and seen["errors"] == []
