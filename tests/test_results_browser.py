"""The single respondent's results in Chromium against the built site: the
one-page summary to print (issue 20: one Letter and one A4 page, counted in the
PDF Chromium writes, with score, level or provisional, sections with their
coverage, next plays, date and version), and the results panel in the page's
language (issue 21: the runtime's words come from interface.yml on /es/)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.files import ContentPaths
from generator.multilingual import interface_words, load_interface
from generator.render import runtime_words

from conftest import ROOT
from test_assessment_support import model_of, questions
from test_summary_browser import PAPER, pdf_pages

pytestmark = pytest.mark.browser

_CLICK = """(which) => new Promise((resolve) => {
  const root = document;
  const groups = {};
  for (const r of document.querySelectorAll('input[type=radio][name^="q:"]')) (groups[r.name] ||= []).push(r);
  const picks = Object.values(groups).slice(0, which.count).map((g) => (which.top ? g[g.length - 1] : g[0]));
  let left = picks.length;
  if (!left) return resolve();
  root.addEventListener('cx:results', function done() { if (--left === 0) { root.removeEventListener('cx:results', done); resolve(); } });
  for (const r of picks) r.click();
})"""


def _open(page, url):
    page.goto(url)
    page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
    return model_of(page)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if not Path("/usr/bin/pdftotext").exists():
        return ""
    file = tmp_path / "results.pdf"
    file.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(file), "-"], capture_output=True, text=True).stdout


@pytest.mark.parametrize("assessment", ["cx-strategy", "seven-moments"])
@pytest.mark.parametrize("answered", ["one", "all-lowest"])
def test_the_results_summary_prints_on_one_page(context, site_url, assessment, answered, tmp_path):
    page = context.new_page()
    model = _open(page, f"{site_url}assessments/{assessment}/")
    total = len(questions(model))
    page.evaluate(_CLICK, {"count": 1 if answered == "one" else total, "top": False})
    summary = page.locator("[data-cx-print-summary]")
    summary.locator("summary").click()
    assert summary.get_attribute("open") is not None
    # Open, it stays open while the results are redrawn (another answer).
    page.evaluate(_CLICK, {"count": 1, "top": True})
    assert page.locator("[data-cx-print-summary]").get_attribute("open") is not None

    rows = summary.locator(".cx-print-summary__sections tbody tr")
    assert rows.count() == len(model["sections"])
    plays = summary.locator("[data-cx-print-play]")
    if answered == "one":
        assert summary.locator("[data-cx-print-level]").get_attribute("data-cx-print-level") == "provisional"
        remaining = page.locator("[data-cx-remaining]").get_attribute("data-cx-remaining")  # the panel's own count
        assert int(remaining) > 1 and f"answer {remaining} more questions for a maturity level" in summary.inner_text()
    else:
        assert summary.locator("[data-cx-print-level]").get_attribute("data-cx-print-level") == model["levels"][0]["id"]
        assert plays.count() == 5
    meta = summary.locator("[data-cx-print-meta]").inner_text()
    assert model["organisation"] in meta and f"questionnaire version {model['version']}" in meta
    # The day is written once the summary is opened (results.js: no date formatter at start-up).
    assert str(page.evaluate("new Date().getFullYear()")) in meta

    for paper in PAPER:
        pdf = page.pdf(format=paper, print_background=True)
        assert pdf_pages(pdf) == 1, f"{paper}: {pdf_pages(pdf)} pages"
        text = " ".join(_pdf_text(pdf, tmp_path).split())
        if text:
            assert model["title"] in text and f"questionnaire version {model['version']}" in text
            assert summary.locator("[data-cx-print-score]").inner_text() in text
            assert model["sections"][0]["title"][:20] in text
            assert "Next plays" in text and "Score by section" not in text.split("Next plays")[1]
            assert "Export JSON" not in text  # the rest of the page is not printed

    # Closed, printing prints the whole page again (the results, then the answered questionnaire).
    summary.locator("summary").click()
    # The mark print CSS reads follows the details' toggle event, a task after the click.
    expect(page.locator("article.cx-print-summary-open")).to_have_count(0)
    assert pdf_pages(page.pdf(format="Letter")) > 1


def test_a_print_of_the_closed_summary_carries_the_day(context, site_url):
    # The day is left out until needed (no date formatter at start-up): a print is a need.
    page = context.new_page()
    _open(page, f"{site_url}assessments/cx-strategy/")
    meta = page.locator("[data-cx-print-meta]")
    year = str(page.evaluate("new Date().getFullYear()"))
    assert year not in meta.text_content()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert year in meta.text_content()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")


def test_the_spanish_results_are_in_spanish(context, site_url):
    page = context.new_page()
    _open(page, f"{site_url}es/assessments/cx-strategy/")
    results = page.locator("[data-cx-results-body]")
    assert "Responda una pregunta para ver su puntaje." in results.inner_text()
    page.evaluate(_CLICK, {"count": 1, "top": False})
    text = results.inner_text()
    for words in ("Provisional", "Todavía no hay nivel de madurez: responda", "Por sección", "Puntaje por sección",
                  "Fortalezas", "Brechas", "Próximos pasos", "Historial", "Resumen de una página para imprimir"):
        assert words in text, words
    for english in ("Answer a question", "By section", "Strengths", "Next actions", "No maturity level yet"):
        assert english not in text, english
    # The share panel (share.js) speaks Spanish too.
    page.locator("[data-cx-action=share]").click()
    page.wait_for_function("() => document.querySelector('[data-cx-share-link]') && document.querySelector('[data-cx-share-link]').value")
    panel = page.locator("[data-cx-share]").inner_text()
    for words in ("Enlace para el líder de CX", "Copiar el enlace", "Mandar el enlace por correo", "caracteres."):
        assert words in panel, words
    assert "Copy the link" not in panel
    assert page.locator("svg[data-cx-share-qr]").get_attribute("aria-label") == "Código QR del enlace de arriba"
    # The English page keeps its English words (no table on it); the answer is the same one.
    _open(page, f"{site_url}assessments/cx-strategy/")
    assert page.locator("[data-cx-strings]").count() == 0
    text = page.locator("[data-cx-results-body]").inner_text()
    assert "By section" in text and "No maturity level yet: answer" in text and "Por sección" not in text


def test_check_counts_the_runtime_words(tmp_path):
    """The runtime's words are interface words: check's translation report counts
    them, and one whose Spanish is removed is reported missing (shown in English)."""
    words = runtime_words()
    assert {"Answer a question to see your score.", "{n} points to go", "One-page summary to print",
            "Copy the link", "Leadership summary", "Discussion agenda"} <= set(words)
    assert set(words) <= set(interface_words())
    real = ContentPaths.from_root(ROOT)
    _, errors, missing = load_interface(real, "es")
    assert errors == [] and "Next actions" not in {m.where for m in missing}
    (tmp_path / "content" / "es").mkdir(parents=True)
    lines = (ROOT / "content" / "es" / "interface.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "content" / "es" / "interface.yml").write_text(
        "".join(line for line in lines if not line.startswith('"Next actions":')), encoding="utf-8")
    _, errors, missing = load_interface(ContentPaths.from_root(tmp_path), "es")
    assert errors == [] and "Next actions" in {m.where for m in missing}


def test_the_spanish_leadership_summary_is_in_spanish(context, site_url):
    page = context.new_page()
    page.goto(f"{site_url}es/assessments/cx-strategy/team/")
    page.wait_for_selector("[data-cx-drop]")
    page.locator("[data-cx-action=leadership-summary]").click()
    summary = page.locator("[data-cx-summary]")
    summary.locator("[data-cx-summary-part=actions]").wait_for()
    text = summary.inner_text()
    for words in ("Resumen para la gerencia", "Primero agregue los archivos", "Tres acciones que acordamos hoy",
                  "Fecha límite", "Imprimir esta página"):
        assert words in text, words
    assert "Leadership summary" not in text and "Three actions" not in text
    # The team view's own headings (team-draw.js) too.
    team = page.locator("[data-cx-team]").inner_text()
    assert "Agregue los archivos de respuestas del equipo" in team and "Opciones del informe" in team
    assert "Report options" not in team and "Add the team's answer files" not in team
