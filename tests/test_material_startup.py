"""Gate: Material's bundle finds <html> as it will leave it.

Material's start-up marks <html> as scripted ("no-js" becomes "js", and its
focus-visible polyfill adds a class and an attribute). Any change of <html>'s
class restyles the whole page, because Material's own table rules
(``.md-typeset table:not([class]) …``) make the class attribute of every
ancestor count: one full style recalculation, inside the bundle's start-up,
where Lighthouse counts it as blocking time. The theme's first inline script
sets the same marks before anything is styled, so the bundle's changes are no
changes (theme/main.html; issue 17, item 9).

The test puts a line in front of Material's bundle that notes <html>'s class
and attributes as the bundle finds them, and compares them with the page once
Material has started.
"""

from __future__ import annotations

import pytest

from test_assessment_support import ASSESSMENT

pytestmark = pytest.mark.browser

_NOTE = "window.__cxHtmlBeforeBundle = [...document.documentElement.attributes].map((a) => [a.name, a.value]).sort();\n"
_NOW = "() => [...document.documentElement.attributes].map((a) => [a.name, a.value]).sort()"


@pytest.mark.parametrize("path", ["", f"assessments/{ASSESSMENT}/"])
def test_material_start_up_leaves_html_as_the_theme_marked_it(browser, site_url, path):
    context = browser.new_context(viewport={"width": 412, "height": 823})

    def note_first(route):
        response = route.fetch()
        route.fulfill(response=response, body=_NOTE + response.text())

    context.route("**/assets/javascripts/bundle.*.min.js", note_first)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        # goto waits for the load event: the parser-blocking bundle has run by then.
        assert page.evaluate("() => typeof window.document$"), "Material's bundle did not start"
        before = [tuple(pair) for pair in page.evaluate("() => window.__cxHtmlBeforeBundle")]
        after = [tuple(pair) for pair in page.evaluate(_NOW)]
        assert ("class", "cx-js js js-focus-visible") in before, before
        assert before == after, f"Material's start-up changed <html>: {before} -> {after}"
    finally:
        context.close()


def test_without_material_s_bundle_the_page_keeps_its_no_javascript_fallbacks(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(site_url)
        classes = page.evaluate("() => document.documentElement.className.split(' ')")
        assert "no-js" in classes and "js" not in classes, classes
        assert page.locator(".md-search").is_hidden()  # Material hides search it cannot run
    finally:
        context.close()
