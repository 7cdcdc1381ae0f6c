"""The self-assessment runtime in real Chromium, against the built site."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import CLEAN, axe_in_both_palettes, other_origins
from test_assessment_support import (
    ASSESSMENT, COUNTER, SCHEMA, answer, choices, model_of, open_assessment, questions, ready_for_instant_navigation, saved, saved_answers,
    weighted_percent,
)

pytestmark = pytest.mark.browser


def test_answering_updates_progress_score_level_and_next_actions(page, site_url):
    model = open_assessment(page, site_url)
    qs = questions(model)
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"0 of {len(qs)} answered")
    expect(page.locator("[data-cx-results-body]")).to_contain_text("Answer a question to see your score")

    # The lowest answer to a question with plays: its plays become next actions.
    with_plays = next((q for q in qs if q["plays"]), qs[0])
    low = min(choices(model, with_plays), key=lambda c: c["score"])
    answer(page, with_plays["id"], low["label"])
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"1 of {len(qs)} answered")
    expect(page.locator("[data-cx-progress-bar]")).to_have_attribute("max", str(len(qs)))
    assert page.locator("[data-cx-progress-bar]").evaluate("p => p.value") == 1
    expect(page.locator("[data-cx-score]")).to_have_text(f"{int(low['score'] * 100)}%")
    # One answer is a score, not a verdict: no level until 80% are answered.
    expect(page.locator("[data-cx-level]")).to_have_text("Provisional")
    section = next(s for s in model["sections"] if with_plays in s["questions"])
    expect(page.locator(f"[data-cx-section-count='{section['id']}']")).to_have_text(f"1 of {len(section['questions'])}")
    for play_id in with_plays["plays"]:
        link = page.locator(f"[data-cx-next-actions] a[data-cx-play='{play_id}']")
        expect(link).to_have_text(model["plays"][play_id]["title"])
        assert link.get_attribute("href").endswith(f"#{play_id}")
        # Each next action says where the 90-day plan starts it.
        phase = model["plays"][play_id]["phase"]
        item = page.locator("[data-cx-next-actions] li").filter(has=page.locator(f"a[data-cx-play='{play_id}']"))
        expect(item.locator(".cx-action__phase")).to_have_text(
            f"90-day plan: {phase['title']}" if phase else "90-day plan: not scheduled; consider it at the quarterly review")
    assert any(model["plays"][p]["phase"] for p in with_plays["plays"]), "pick a question whose plays the plan schedules"

    # The best answer everywhere: top level, no next actions.
    picks = {}
    for q in qs:
        best = max(choices(model, q), key=lambda c: c["score"])
        answer(page, q["id"], best["label"])
        picks[q["id"]] = best["id"]
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"{len(qs)} of {len(qs)} answered")
    expect(page.locator("[data-cx-score]")).to_have_text(f"{int(weighted_percent(model, picks) + 1e-9)}%")
    expect(page.locator("[data-cx-level]")).to_have_text(model["levels"][-1]["name"])
    assert page.locator("[data-cx-next-actions]").count() == 0
    expect(page.locator('[data-cx-action="jump"]')).to_be_hidden()


def test_no_question_offers_not_applicable(page, site_url):
    """'We do not do this' is the lowest step; nothing a store chooses can be left out."""
    model = open_assessment(page, site_url)
    assert all(not s["notApplicable"] for s in model["answerSets"].values())
    assert page.locator("input[value='n/a']").count() == 0
    expect(page.locator(".cx-results__basis")).to_have_count(0)


def test_everything_is_restored_after_reload(page, site_url):
    model = open_assessment(page, site_url)
    qs = questions(model)
    first, second = qs[0], qs[1]
    answer(page, first["id"], choices(model, first)[1]["label"])
    answer(page, second["id"], choices(model, second)[0]["label"])
    page.locator(f"[data-cx-question='{first['id']}'] summary").click()
    page.locator(f"[data-cx-note='{first['id']}']").fill("Seen in the March meeting — owner: GM")
    page.get_by_label("Department or role").select_option(model["departments"][1]["id"])
    page.get_by_label("Location").fill("Northside showroom")
    section = model["sections"][0]
    page.locator(f"[data-cx-target='{section['id']}']").select_option(model["levels"][2]["id"])
    page.get_by_role("button", name="Save snapshot").click()
    expect(page.locator(".cx-snapshots li")).to_have_count(1)
    before = page.locator("[data-cx-results-body]").inner_text()
    # Kept under a key scoped by the site's base path, in the answer-file format.
    assert list(saved(page)) == [f"cx-playbook:/:{model['id']}:answers"]
    kept = saved_answers(page)
    assert kept["formatVersion"] == 2 and set(kept["answers"]) == {first["id"], second["id"]}

    page.reload()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"2 of {len(qs)} answered")
    expect(page.locator(f"[data-cx-question='{first['id']}']").get_by_label(choices(model, first)[1]["label"], exact=True)).to_be_checked()
    expect(page.locator(f"[data-cx-note='{first['id']}']")).to_have_value("Seen in the March meeting — owner: GM")
    expect(page.get_by_label("Department or role")).to_have_value(model["departments"][1]["id"])
    expect(page.get_by_label("Location")).to_have_value("Northside showroom")
    expect(page.locator(f"[data-cx-target='{section['id']}']")).to_have_value(model["levels"][2]["id"])
    expect(page.locator(f"[data-cx-change='{section['id']}']")).to_have_text("No change")
    assert page.locator("[data-cx-results-body]").inner_text() == before


def test_instant_navigation_leaves_one_working_form(page, site_url):
    model = open_assessment(page, site_url)
    qs = questions(model)
    page.evaluate(COUNTER)
    answer(page, qs[0]["id"], choices(model, qs[0])[0]["label"])
    assert page.evaluate("window.__cxChanges") == 1
    ready_for_instant_navigation(page)
    page.evaluate("window.__sameDocument = true")

    for _ in range(3):  # away and back, several times: listeners must not pile up
        page.locator(".md-nav__link", has_text=re.compile(r"^\s*Plays\s*$")).first.click()
        page.wait_for_url(re.compile(r"/plays/(#.*)?$"))
        expect(page.locator("[data-cx-filter]")).to_be_visible()
        page.go_back()
        page.wait_for_url(re.compile(rf"/assessments/{ASSESSMENT}/(#.*)?$"))
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
    assert page.locator("[data-cx-assessment]").count() == 1
    assert page.locator("[data-cx-actions] .cx-controls").count() == 1
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"1 of {len(qs)} answered")

    page.evaluate("window.__cxChanges = 0; window.__cxResults = 0; document.addEventListener('cx:results', () => window.__cxResults++)")
    answer(page, qs[1]["id"], choices(model, qs[1])[0]["label"])
    assert page.evaluate("window.__cxChanges") == 1
    assert page.evaluate("window.__cxResults") == 1
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"2 of {len(qs)} answered")


def test_export_json_is_valid_and_imports_into_a_fresh_browser(page, site_url, browser, tmp_path):
    import jsonschema
    model = open_assessment(page, site_url)
    qs = questions(model)
    for q in qs[:4]:
        answer(page, q["id"], choices(model, q)[1]["label"])
    page.get_by_label("Location").fill('Main St, "east" <lot>')
    page.locator(f"[data-cx-target='{model['sections'][0]['id']}']").select_option(model["levels"][-1]["id"])
    page.get_by_role("button", name="Save snapshot").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export JSON").click()
    download = info.value
    assert download.suggested_filename.startswith(f"{model['id']}-{model['version']}-")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["assessment"]["id"] == model["id"]
    assert len(data["answers"]) == 4 and len(data["snapshots"]) == 1
    assert data["profile"]["location"] == 'Main St, "east" <lot>'
    results = page.locator("[data-cx-results-body]").inner_text()

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        open_assessment(other, site_url)
        expect(other.locator("[data-cx-results-body]")).to_contain_text("Answer a question")
        other.locator("input[data-cx-import]").set_input_files(str(path))
        expect(other.locator("[data-cx-message]")).to_contain_text("Imported 4 answers")
        assert other.locator("[data-cx-results-body]").inner_text() == results
        expect(other.get_by_label("Location")).to_have_value('Main St, "east" <lot>')
    finally:
        fresh.close()


def test_csv_export(page, site_url, tmp_path):
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    label = choices(model, q)[-1]["label"]
    answer(page, q["id"], label)
    page.locator(f"[data-cx-question='{q['id']}'] summary").click()
    page.locator(f"[data-cx-note='{q['id']}']").fill('=HYPERLINK("http://evil.example","x"), said "we"')
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    info.value.save_as(tmp_path / "a.csv")
    raw = (tmp_path / "a.csv").read_bytes().decode("utf-8")
    assert raw.startswith("\ufeffSection,Question,Answer,Score,Note\r\n")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    assert len(rows) == 1 + len(questions(model))
    first = rows[1]
    assert first[1] == q["text"] and first[2] == label
    assert float(first[3]) == choices(model, q)[-1]["score"]
    assert first[4] == '\'=HYPERLINK("http://evil.example","x"), said "we"'
    assert all(r[2] == "" for r in rows[2:])


def test_whole_assessment_by_keyboard_only(page, site_url):
    model = open_assessment(page, site_url)
    qs = questions(model)
    page.locator("body").focus()
    answered = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const e = document.activeElement; return e && e.type === 'radio' ? e.name : null }")
        if focused and focused.startswith("q:") and focused[2:] not in answered:
            page.keyboard.press("Space")  # checks the focused (first) choice
            page.keyboard.press("ArrowDown")  # moves to, and checks, the second
            answered.add(focused[2:])
            if len(answered) == len(qs):
                break
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"{len(qs)} of {len(qs)} answered")
    picks = {q["id"]: choices(model, q)[1]["id"] for q in qs}
    expect(page.locator("[data-cx-score]")).to_have_text(f"{int(weighted_percent(model, picks) + 1e-9)}%")
    # Focus is visible on a radio (an outline drawn by the stylesheet).
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_jump_to_first_unanswered_question(page, site_url):
    model = open_assessment(page, site_url)
    qs = questions(model)
    answer(page, qs[0]["id"], choices(model, qs[0])[0]["label"])
    page.get_by_role("button", name="Go to the first unanswered question").click()
    assert page.evaluate("document.activeElement.name") == f"q:{qs[1]['id']}"


def test_start_over_asks_first_and_clears(page, site_url):
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    answer(page, q["id"], choices(model, q)[0]["label"])
    page.get_by_role("button", name="Start over…").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("[data-cx-progress-text]")).to_contain_text("1 of")
    page.get_by_role("button", name="Start over…").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    expect(page.locator("[data-cx-progress-text]")).to_contain_text("0 of")
    assert saved(page) == {}
    page.reload()
    expect(page.locator("[data-cx-progress-text]")).to_contain_text("0 of")


def test_snapshot_change_and_delete(page, site_url):
    model = open_assessment(page, site_url)
    section = model["sections"][0]
    q = section["questions"][0]
    ordered = sorted(choices(model, q), key=lambda c: c["score"])
    answer(page, q["id"], ordered[0]["label"])
    page.get_by_role("button", name="Save snapshot").click()
    answer(page, q["id"], ordered[-1]["label"])
    points = round((ordered[-1]["score"] - ordered[0]["score"]) * 100)
    expect(page.locator(f"[data-cx-change='{section['id']}']")).to_have_text(f"+{points} points")
    page.get_by_role("button", name=re.compile(r"^Delete Snapshot 1")).click()
    expect(page.locator(".cx-snapshots")).to_have_count(0)
    expect(page.locator(f"[data-cx-change='{section['id']}']")).to_have_count(0)


def test_targets_show_the_gap(page, site_url):
    model = open_assessment(page, site_url)
    section = model["sections"][0]
    q = section["questions"][0]
    low = min(choices(model, q), key=lambda c: c["score"])
    answer(page, q["id"], low["label"])
    top = model["levels"][-1]
    page.locator(f"[data-cx-target='{section['id']}']").select_option(top["id"])
    gap = top["min"] - low["score"] * 100
    expect(page.locator(f"[data-cx-target-gap='{section['id']}']")).to_have_text(f"{int(-(-gap // 1))} points to go")
    page.locator(f"[data-cx-target='{section['id']}']").select_option(model["levels"][0]["id"])
    expect(page.locator(f"[data-cx-target-gap='{section['id']}']")).to_have_text("Target met")


def test_no_request_leaves_the_origin(page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    model = open_assessment(page, site_url)
    for q in questions(model):
        answer(page, q["id"], choices(model, q)[0]["label"])
    page.get_by_role("button", name="Save snapshot").click()
    with page.expect_download():
        page.get_by_role("button", name="Export JSON").click()
    with page.expect_download():
        page.get_by_role("button", name="Export CSV").click()
    page.locator(".md-nav__link", has_text=re.compile(r"^\s*Plays\s*$")).first.click()
    page.wait_for_url(re.compile(r"/plays/(#.*)?$"))
    page.go_back()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    page.wait_for_load_state("networkidle")
    foreign = other_origins(requests, site_url)
    assert requests and not foreign


def test_axe_clean_before_and_after_answering(page, site_url):
    model = open_assessment(page, site_url)
    assert axe_in_both_palettes(page) == CLEAN  # answered in the dark palette, then
    qs = questions(model)
    for q in qs[:3]:
        answer(page, q["id"], choices(model, q)[0]["label"])
    page.locator(f"[data-cx-target='{model['sections'][0]['id']}']").select_option(model["levels"][-1]["id"])
    page.get_by_role("button", name="Save snapshot").click()
    page.get_by_role("button", name="Start over…").click()
    assert axe_in_both_palettes(page) == CLEAN


def test_narrow_screen_has_no_sideways_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        model = open_assessment(page, site_url)
        for q in questions(model)[:3]:
            answer(page, q["id"], choices(model, q)[0]["label"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_without_javascript_the_questionnaire_is_all_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}assessments/{ASSESSMENT}/")
        model = json.loads(page.locator("[data-cx-model]").get_attribute("data-cx-model"))
        assert page.locator("fieldset.cx-question").count() == len(questions(model))
        for hidden in ("[data-cx-toolbar]", "[data-cx-actions]", "[data-cx-target-row] >> nth=0"):
            expect(page.locator(hidden)).to_be_hidden()
        expect(page.locator(".cx-nojs")).to_be_visible()
    finally:
        context.close()


def test_plays_filter(page, site_url):
    page.goto(f"{site_url}plays/")
    box = page.locator("[data-cx-filter]")
    expect(box).to_be_visible()
    rows = page.locator("[data-cx-filter] ~ table tbody tr, [data-cx-filter] ~ * table tbody tr")
    total = rows.count()
    expect(box.locator("output")).to_have_text(f"{total} of {total} plays")
    box.get_by_label("Effort").select_option("Low")
    visible = page.locator("table tbody tr:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    expect(box.locator("output")).to_have_text(f"{shown} of {total} plays")
    assert all(c.strip() == "Low" for c in visible.locator("td:nth-child(5)").all_text_contents())
    box.get_by_label("Effort").select_option("")
    expect(box.locator("output")).to_have_text(f"{total} of {total} plays")


_MOUNT_AND_DESTROY = """async () => {
  const html = await (await fetch(location.href)).text();
  const original = new DOMParser().parseFromString(html, 'text/html').querySelector('article');
  const host = document.createElement('div');
  host.append(document.importNode(original, true));
  document.body.append(host);
  const article = host.querySelector('article');
  const before = article.innerHTML;
  const main = performance.getEntriesByType('resource').find((e) => e.name.includes('/assets/cx/main.js')).name;
  const { Assessment } = await import(new URL('assessment.js', main));
  const instance = new Assessment(article.querySelector('[data-cx-assessment]')).mount();
  const mounted = article.innerHTML !== before && article.querySelector('.cx-controls') !== null;
  instance.destroy();
  let events = 0;
  article.addEventListener('cx:change', () => { events += 1; });
  article.querySelector('input[type=radio]').click();
  const after = article.innerHTML;
  host.remove();
  return { mounted, same: after === before, events };
}"""


def test_destroy_undoes_everything_mount_did(page, site_url):
    open_assessment(page, site_url)
    result = page.evaluate(_MOUNT_AND_DESTROY)
    assert result == {"mounted": True, "same": True, "events": 0}


def test_a_listener_can_veto_a_change(page, site_url):
    model = open_assessment(page, site_url)
    q = questions(model)[0]
    page.evaluate("""() => document.addEventListener('cx:beforechange', (event) => {
      if (event.detail.kind === 'answer') event.preventDefault();
    })""")
    page.locator(f"[data-cx-question='{q['id']}']").get_by_label(choices(model, q)[0]["label"], exact=True).click()
    expect(page.locator("[data-cx-progress-text]")).to_have_text(f"0 of {len(questions(model))} answered")
    expect(page.locator(f"[data-cx-question='{q['id']}'] input[type=radio]:checked")).to_have_count(0)
    assert saved(page) == {}


def test_its_stylesheet_arrives_with_instant_navigation_from_a_page_without_it(page, site_url):
    """Only pages with a form or a filter load the runtime's stylesheet; Material's
    instant navigation brings it along when it swaps the page."""
    page.goto(site_url)
    ready_for_instant_navigation(page)
    page.evaluate("window.__sameDocument = true")
    assert page.locator("link[rel=stylesheet][href*='assets/cx/cx.css']").count() == 0
    page.locator("article a[href*='assessments/cx-strategy/']").first.click()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
    page.wait_for_function("() => getComputedStyle(document.querySelector('.cx-question')).borderTopStyle === 'solid'")
    assert page.locator("link[rel=stylesheet][href*='assets/cx/cx.css']").count() == 1


def test_unreadable_entries_are_set_aside_and_only_the_newest_few_kept(page, site_url):
    """A broken entry is set aside, never overwritten; a browser that meets one
    on every visit keeps the newest three copies, not all of them."""
    model = open_assessment(page, site_url)
    key = f"cx-playbook:/:{model['id']}:answers"
    page.evaluate("""(key) => {
      for (const t of [1000, 1001, 1002, 1003, 1004]) localStorage.setItem(`${key}:unreadable:${t}`, `old ${t}`);
      localStorage.setItem(`${key}:unreadable:notes`, 'not a set-aside copy');  // not ours to prune
      localStorage.setItem(key, '{"format": "broken');
    }""", key)
    page.reload()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    expect(page.locator("[data-cx-message]").first).to_contain_text("could not be read")
    kept = saved(page)
    aside = sorted((k for k in kept if k.startswith(f"{key}:unreadable:") and k != f"{key}:unreadable:notes"), reverse=True)
    assert len(aside) == 3 and aside[1:] == [f"{key}:unreadable:1004", f"{key}:unreadable:1003"], aside
    assert kept[aside[0]] == '{"format": "broken'  # the newest copy is the entry just set aside, byte for byte
    assert kept[f"{key}:unreadable:notes"] == "not a set-aside copy"


def test_answers_under_an_unscoped_key_are_never_adopted(page, site_url):
    """Before editions, answers were kept under ``cx-playbook:<id>:<version>``,
    with nothing to say which playbook on the origin wrote them: another
    playbook's answers would be taken for this one's. They are left alone."""
    model = open_assessment(page, site_url)
    first = questions(model)[0]
    answer(page, first["id"], choices(model, first)[0]["label"])
    expect(page.locator("[data-cx-progress-text]")).to_contain_text("1 of")
    scoped = f"cx-playbook:/:{model['id']}:answers"
    legacy = f"cx-playbook:{model['id']}:{model['version']}"
    page.evaluate("""([scoped, legacy]) => {
      localStorage.setItem(legacy, localStorage.getItem(scoped));
      localStorage.removeItem(scoped);
    }""", [scoped, legacy])
    page.reload()
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    expect(page.locator("[data-cx-progress-text]")).to_contain_text("0 of")
    assert legacy in saved(page)  # not read, and not deleted either: it may be another playbook's


def test_the_spanish_page_s_controls_announcement_reset_and_footer_are_in_spanish(page, site_url):
    """What a Spanish-speaking technician uses on a phone: the runtime's buttons,
    hint, spoken score and reset in Spanish (strings.js), and the footer (theme)."""
    page.goto(f"{site_url}es/assessments/{ASSESSMENT}/")
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    model = model_of(page)
    controls = page.locator(".cx-controls")
    expect(controls.locator("h2")).to_have_text("Guardar, compartir e imprimir")
    for name in ("Exportar JSON", "Exportar CSV", "Enviar a su líder de CX", "Imprimir informe", "Guardar foto", "Empezar de nuevo…"):
        expect(controls.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(controls.locator("label.md-button")).to_have_text("Importar JSON")
    expect(controls.locator(".cx-hint")).to_contain_text("Las respuestas se guardan en este navegador")
    for english in ("Export JSON", "Send to your CX lead", "Print report", "Save snapshot", "Start over", "Nothing is sent anywhere"):
        assert english not in controls.inner_text()

    q = questions(model)[0]
    answer(page, q["id"], choices(model, q)[0]["label"])
    expect(page.locator("[data-cx-live]")).to_have_text(re.compile(r"^Puntaje general: \d+(,\d+)?%"))

    page.get_by_role("button", name="Empezar de nuevo…").click()
    expect(page.locator("[data-cx-confirm]")).to_contain_text("¿Borrar de este navegador todas las respuestas")
    expect(page.locator("[data-cx-confirm]").get_by_role("button", name="Cancelar")).to_be_visible()
    page.get_by_role("button", name="Sí, borrar todo").click()
    expect(page.locator("[data-cx-message]")).to_have_text(re.compile(r"^Listo\. Se borraron de este navegador"))
    expect(page.locator("[data-cx-progress-text]")).to_contain_text("0 ")

    # A refused import says why in Spanish too (the contract's refusals through strings.js).
    page.locator("input[data-cx-import]").set_input_files(files=[{"name": "notas.json", "mimeType": "application/json", "buffer": b"not json"}])
    expect(page.locator("[data-cx-message]")).to_have_text("El archivo no es JSON. Elija un archivo hecho con Exportar JSON. No se cambió nada.")

    footer = page.locator(".md-copyright")
    expect(footer.locator(".cx-footer")).to_contain_text("Versión del contenido de la guía")
    expect(footer).to_contain_text("Las respuestas a las autoevaluaciones nunca salen de su navegador.")
    assert "Playbook content version" not in footer.inner_text()
