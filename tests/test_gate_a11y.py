"""Gate 1, accessibility: axe-core (WCAG 2.2 A/AA and best practice) finds nothing on
any page of the built site, in the light and in the dark palette; every page has a
meta description of its own. Gate 2, privacy, on every page: loading it asks
nothing of another origin (what the background workers and a reader's clicks
fetch, tests/test_gate_privacy_links.py checks).

Every page is loaded once and checked whole (every rule) in the light palette.
The dark palette changes colours only (the markup, the names and the layout are
the light page's) and its colours come from the stylesheets, one per kind of
page: axe's colour rules run in it on the largest page of each kind, after the
toggle a reader clicks, and the palette toggle test runs every rule on a dark
page. The test reads ``data-md-color-scheme`` from the body after each switch,
so a palette change in mkdocs.yml cannot make the dark run silently test light
again. The pages are split into parts that the xdist workers share.

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

from conftest import (AUDIT_PARTS, ROOT, audit_part, axe_in_both_palettes, one_page_of_each_kind, other_origins, page_file,
                      palette, run_axe, site_pages, toggle_palette, wait_for_widgets)

_META = re.compile(r'<meta name="description" content="([^"]*)"')


# ---------------------------------------------------------------------------
# Every page: axe, and the requests it makes
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("part", range(AUDIT_PARTS))
def test_axe_finds_nothing_and_no_request_leaves_the_origin_on_any_page(browser, built_site, site_url, part):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    origin = site_url.rstrip("/")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    failures: dict[str, list[str]] = {}
    pages = audit_part(site_pages(built_site), part)
    in_dark = set(one_page_of_each_kind(built_site, site_pages(built_site), per_language=False))
    try:
        page = context.new_page()
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            wait_for_widgets(page)
            found = axe_in_both_palettes(page) if path in in_dark else {palette(page): run_axe(page)}
            assert sorted(found) == (["dark", "light"] if path in in_dark else ["light"]), path
            failures.update({f"{path or '/'} ({shown})": v for shown, v in found.items() if v})
            if path in in_dark:
                toggle_palette(page)  # back to light, for the next page
        assert pages and not failures, "axe violations:\n" + "\n".join(
            f"  {where}: {v}" for where, vs in failures.items() for v in vs)
    finally:
        context.close()
    assert any(url.startswith(origin + "/assets/") for url in requests), "the pages' requests were not seen"
    foreign = other_origins(requests, site_url)
    assert not foreign, "requests to another origin:\n" + "\n".join(foreign)


@pytest.mark.parametrize("per_language, expected", [
    (True, ["", "404.html", "moments/delivery/", "assessments/a/team/", "assessments/b/", "es/moments/arrival/", "plays/"]),
    (False, ["", "404.html", "moments/delivery/", "assessments/a/team/", "assessments/b/", "plays/"]),
])
def test_one_page_of_each_kind_is_the_largest(tmp_path, per_language, expected):
    sizes = {"": 1, "404.html": 1, "moments/arrival/": 5, "moments/delivery/": 9, "assessments/a/": 3,
             "assessments/a/team/": 2, "assessments/b/": 4, "assessments/b/team/": 1, "es/moments/arrival/": 2,
             "es/moments/delivery/": 1, "plays/": 1}
    for path, size in sizes.items():
        file = page_file(tmp_path, path)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x" * size)
    assert one_page_of_each_kind(tmp_path, list(sizes), per_language=per_language) == expected


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
