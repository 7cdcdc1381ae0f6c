"""Gate: nothing moves when the runtime mounts. The pages our scripts draw into
(an assessment, its team view, the plays index) keep the place of what the
script adds before it runs, so a reader on a phone does not lose the line they
were reading, and Lighthouse's layout-shift figure stays at zero.

The test holds back the page's module (``assessment.js``, ``team.js``,
``plays-filter.js``) until the page is parsed and Material has done its own work,
notes where every block of the article stands, lets the module run and mount,
and checks that every block stands where it stood. Holding the module makes the
test exact: the browser's own progressive layout of a long page, before it is
parsed, is not the runtime's doing and cannot make it flaky.
"""

from __future__ import annotations

import pytest

from test_assessment_support import ASSESSMENT

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 412, "height": 823}, "laptop": {"width": 1280, "height": 800}}
PAGES = {
    "assessment": (f"assessments/{ASSESSMENT}/", "assessment.js", "[data-cx-toolbar]:not([hidden])"),
    "team": (f"assessments/{ASSESSMENT}/team/", "team.js", "[data-cx-drop]"),
    "plays": ("plays/", "plays-filter.js", "[data-cx-filter]:not([hidden])"),
}

# Where each block of the article starts, after two frames (so layout is done).
# The first call marks the blocks, so the second measures the same elements; a
# block the runtime shows only once it runs (display: none before) has no place to keep.
_BLOCKS = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  let blocks = [...document.querySelectorAll('[data-test-block]')];
  if (!blocks.length) {
    blocks = [...document.querySelectorAll('article.md-content__inner > *')].filter((el) => el.getClientRects().length);
    blocks.forEach((el, i) => el.setAttribute('data-test-block', i));
  }
  resolve(blocks.map((el) => [
    `${el.tagName.toLowerCase()}.${el.className} ${(el.textContent || '').trim().slice(0, 30)}`,
    el.getBoundingClientRect().top + window.scrollY]));
})))"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_nothing_moves_when_the_runtime_mounts(browser, site_url, kind, viewport):
    path, module, mounted = PAGES[kind]
    # No service worker: its precaching would ask for the same module.
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    held = []
    context.route(f"**/assets/cx/{module}", lambda route: held.append(route))
    try:
        page = context.new_page()
        # main.js asks for the module once the page is parsed.
        with page.expect_request(f"**/assets/cx/{module}"):
            page.goto(site_url + path, wait_until="domcontentloaded")
        before = page.evaluate(_BLOCKS)  # a round trip: the route of that request has reached us by now
        assert held, f"{module} was never held"
        assert page.locator(mounted).count() == 0, "the runtime mounted before its module arrived"
        held[0].continue_()
        page.wait_for_selector(mounted)
        after = page.evaluate(_BLOCKS)
        moved = [f"{label}: {top:.0f} -> {now:.0f}" for (label, top), (_, now) in zip(before, after) if abs(now - top) > 1]
        assert not moved, moved
    finally:
        context.close()
