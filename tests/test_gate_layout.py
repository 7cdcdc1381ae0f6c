"""Gate: nothing moves when the runtime mounts. The pages our scripts draw into
(an assessment, its team view, the plays index) keep the place of what the
script adds before it runs, so a reader on a phone does not lose the line they
were reading, and Lighthouse's layout-shift figure stays at zero.

Chromium reports every layout shift since navigation start to a buffered
PerformanceObserver; the page must have none at a phone's and a laptop's width,
from the first paint until the runtime has drawn everything.
"""

from __future__ import annotations

import pytest

from test_assessment_support import ASSESSMENT

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 412, "height": 823}, "laptop": {"width": 1280, "height": 800}}
PAGES = {
    "assessment": (f"assessments/{ASSESSMENT}/", "[data-cx-toolbar]:not([hidden])"),
    "team": (f"assessments/{ASSESSMENT}/team/", "[data-cx-drop]"),
    "plays": ("plays/", "[data-cx-filter]:not([hidden])"),
}

_SHIFTS = """() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      shifts.push({
        value: entry.value,
        moved: entry.sources.map((s) => s.node ? `${s.node.nodeName}.${s.node.className || ''} ${(s.node.textContent || '').slice(0, 40)} ${s.previousRect.top},${s.previousRect.height} -> ${s.currentRect.top},${s.currentRect.height}` : '?'),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // Two frames after the runtime drew, so a shift it caused has been reported.
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(shifts)));
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_nothing_moves_when_the_runtime_mounts(browser, site_url, kind, viewport):
    path, mounted = PAGES[kind]
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_selector(mounted)
        shifts = page.evaluate(_SHIFTS)
        assert sum(s["value"] for s in shifts) < 0.001, shifts
    finally:
        context.close()
