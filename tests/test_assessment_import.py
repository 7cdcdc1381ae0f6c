"""Import refuses bad files whole: nothing runs, nothing saved changes."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from test_assessment_support import IMPORTS, answer, choices, open_assessment, questions, saved, watch_for_injection

pytestmark = pytest.mark.browser

PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1</script>'


def bad_files(tmp_path):
    files = sorted(IMPORTS.glob("*.json"))
    deep = tmp_path / "deep-nesting.json"
    deep.write_text("[" * 200000 + "]" * 200000)
    huge = tmp_path / "twenty-megabytes.json"
    huge.write_text('{"format": "cx-playbook-assessment", "notes": {"a": "' + "x" * (20 * 1024 * 1024) + '"}}')
    return files + [deep, huge]


def test_bad_imports_are_refused_and_change_nothing(page, site_url, tmp_path):
    seen = watch_for_injection(page)
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    answer(page, q["id"], choices(model, q)[1]["label"])
    before = saved(page)
    results = page.locator("[data-cx-results-body]").inner_text()
    message = page.locator("[data-cx-message]")
    assert message.get_attribute("aria-live") == "polite"
    for path in bad_files(tmp_path):
        page.evaluate("document.querySelector('[data-cx-message]').textContent = ''")
        page.locator("input[data-cx-import]").set_input_files(str(path))
        expect(message).to_contain_text("Nothing was changed", timeout=10000)
        assert saved(page) == before, path.name
        assert page.locator("[data-cx-results-body]").inner_text() == results, path.name
        if path.name == "other-assessment.json":
            expect(message).to_contain_text("“The seven moments” (the-seven-moments)")
        if path.name == "not-json.json":
            expect(message).to_contain_text("not JSON")
        if path.name == "twenty-megabytes.json":
            expect(message).to_contain_text("larger than 5 MB")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("({}).polluted") is None
    assert seen["dialogs"] == [] and seen["errors"] == []


def test_script_in_free_text_is_imported_as_text(page, site_url, tmp_path):
    seen = watch_for_injection(page)
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    data = {
        "format": "cx-playbook-assessment", "formatVersion": 1,
        "assessment": {"id": model["id"], "version": PAYLOAD, "title": PAYLOAD},
        "contentVersion": PAYLOAD, "exportedAt": "2026-11-23T10:00:00Z",
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
    expect(message).to_contain_text("1 answer to questions not in this version was ignored (no-such-question)")
    expect(page.locator(f"[data-cx-note='{q['id']}']")).to_have_value(PAYLOAD)
    expect(page.locator(".cx-snapshots")).to_contain_text(PAYLOAD)
    assert page.locator(".cx-snapshots img, .cx-snapshots script").count() == 0
    page.reload()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    expect(page.get_by_label("Location")).to_have_value(PAYLOAD[:200])
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen["dialogs"] == [] and seen["errors"] == []
