"""Gate 1, accessibility: axe-core (WCAG 2.2 A/AA and best practice) finds nothing on
any page of the built site, in the light and in the dark palette; every page has a
meta description of its own.

Each page is loaded once and checked in both palettes: every rule in the one
it opens in, then the toggle a reader clicks, then the other. The dark run
checks axe's colour rules: a palette changes colours only (the markup, the
names and the layout are the light page's), and the palette toggle test runs
every rule on a dark page. The test reads ``data-md-color-scheme`` from the
body after each switch, so a palette change in mkdocs.yml cannot make the dark
run silently test light again. The pages are split into parts that the xdist
workers share.

Each page is audited once its widgets have mounted (the log, the assessment,
the team view): axe checks what a reader sees, not the hidden shell.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus

from conftest import AUDIT_PARTS, ROOT, audit_part, axe_in_both_palettes, page_file, run_axe, site_pages, wait_for_widgets

_META = re.compile(r'<meta name="description" content="([^"]*)"')


# ---------------------------------------------------------------------------
# axe on every page, both palettes
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("part", range(AUDIT_PARTS))
def test_axe_finds_nothing_on_any_page_in_either_palette(browser, built_site, site_url, part):
    """Each page loaded once and checked in both palettes (the next page opens
    in the palette the reader chose last, so the order alternates)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    failures: dict[str, list[str]] = {}
    pages = audit_part(site_pages(built_site), part)
    try:
        page = context.new_page()
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            wait_for_widgets(page)
            found = axe_in_both_palettes(page)
            assert sorted(found) == ["dark", "light"]
            failures.update({f"{path or '/'} ({palette})": v for palette, v in found.items() if v})
        assert pages and not failures, "axe violations:\n" + "\n".join(
            f"  {where}: {v}" for where, vs in failures.items() for v in vs)
    finally:
        context.close()


@pytest.mark.browser
def test_palette_toggle_reaches_dark_and_axe_passes(context, site_url):
    """The toggle a reader clicks (not only the OS preference) gives an accessible dark page."""
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    before = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    page.locator("label[for=__palette_1]").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
    assert before == "default"
    # The choice is remembered (Material keeps it in localStorage, scoped by site path).
    stored = page.evaluate("() => __md_get('__palette')")
    assert stored and stored["index"] == 1
    page.goto(site_url + "strategy/", wait_until="load")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert run_axe(page) == []


# ---------------------------------------------------------------------------
# Meta descriptions
# ---------------------------------------------------------------------------


def _expected_descriptions() -> dict[str, str]:
    corpus = load_corpus(ContentPaths.from_root(ROOT))

    def norm(text: str) -> str:
        # What a reader's browser sees: the summary on one line (the HTML escaping
        # markup.front_matter_value adds is undone by html.unescape below).
        return " ".join(text.split())

    expected = {
        "": norm(corpus.playbook.summary),
        "strategy/": norm(corpus.strategy.summary),
        "experience-log/": norm(corpus.experience_log.summary),
    }
    expected.update({f"moments/{m.id}/": norm(m.summary) for m in corpus.moments})
    expected.update({f"assessments/{a.id}/": norm(a.summary) for a in corpus.assessments})
    return expected


def test_every_page_has_its_own_meta_description(built_site):
    found: dict[str, str] = {}
    for path in site_pages(built_site):
        if path == "404.html":
            continue
        text = page_file(built_site, path).read_text(encoding="utf-8")
        metas = _META.findall(text)
        assert len(metas) == 1, f"{path or '/'}: expected one meta description, found {len(metas)}"
        found[path] = html.unescape(metas[0]).strip()
    empty = [p for p, d in found.items() if not d]
    assert not empty, f"empty meta description on {empty}"
    by_text: dict[str, list[str]] = {}
    for path, text in found.items():
        by_text.setdefault(text, []).append(path or "/")
    shared = {t: ps for t, ps in by_text.items() if len(ps) > 1}
    assert not shared, f"pages share a meta description: {shared}"
    site_description = "A customer-experience strategy, playbook and self-assessments for car dealerships."
    generic = [p or "/" for p, d in found.items() if d == site_description]
    assert not generic, f"pages fall back to the site-wide description: {generic}"


def test_meta_descriptions_come_from_the_yaml_summaries(built_site):
    for path, summary in _expected_descriptions().items():
        text = (built_site / path / "index.html").read_text(encoding="utf-8")
        metas = [html.unescape(m) for m in _META.findall(text)]
        assert metas == [summary], f"{path or '/'}: meta description {metas!r} is not the summary {summary!r}"
