"""Gate 2, privacy: a reader's browser talks to nobody but the site's own server.
Gate 5, links: every internal link and anchor in the built HTML resolves."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import broken_links, other_origins, site_pages


# ---------------------------------------------------------------------------
# Privacy
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.xdist_group("privacy")
def test_no_request_leaves_the_origin_while_a_reader_uses_the_site(built_site, site_url, browser):
    """What the background workers fetch (the service worker installs the
    offline copy, the search worker its index) and what a reader's clicks
    load: search, the palette, instant navigation, an answer. Every page's own
    requests are watched where every page is loaded (tests/test_gate_a11y.py)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, workers=True)
    origin = site_url.rstrip("/")
    requests: list[str] = []
    # Requests of the service worker have no frame: only their address matters here.
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    # The service worker has installed (its offline copy fetched) and took the page.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    page.keyboard.press("/")
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")  # the index is ready
    page.locator("input.md-search__input").press_sequentially("customer")  # Material searches on keyup, not on input
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching documents?"))
    page.keyboard.press("Escape")
    page.locator("label[for=__palette_1]").click()
    page.locator("article a[href*='strategy']").first.click()
    page.wait_for_load_state("networkidle")
    assessments = [p for p in site_pages(built_site) if p.startswith("assessments/")]
    page.goto(site_url + assessments[0], wait_until="networkidle")
    # Answered once the runtime has rescored (and saved, and loaded what results need).
    page.evaluate("""() => new Promise((resolve) => {
      document.addEventListener('cx:results', resolve, {once: true});
      document.querySelector('article input[type=radio]').click();
    })""")
    foreign = other_origins(requests, site_url)
    context.close()
    assert any("/workers/search." in url for url in requests)
    assert any(url.startswith(origin + "/moments/") for url in requests), "the offline copy was not fetched"
    assert not foreign, "requests to another origin:\n" + "\n".join(foreign)


@pytest.mark.parametrize("url, leaves", [
    ("http://127.0.0.1:8000/assets/x.js", False), ("http://127.0.0.1:8000", False),
    ("blob:http://127.0.0.1:8000/3f2a", False), ("data:image/svg+xml,x", False), ("about:blank", False),
    ("http://127.0.0.1:8001/x", True), ("http://127.0.0.1:8000.evil.example/x", True),
    ("blob:https://evil.example/3f2a", True), ("https://fonts.googleapis.com/css", True),
])
def test_what_leaves_the_origin(url, leaves):
    assert other_origins([url], "http://127.0.0.1:8000/") == ([url] if leaves else [])


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(built_site):
    checked, broken = broken_links(built_site)
    assert checked > 100
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_the_site_publishes_no_test_or_fixture_file(built_site):
    """What users get is the site: no unit tests, cases or fixtures in it."""
    published = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
                 if p.is_file() and (re.search(r"(^|/)(tests?|fixtures|cases)(/|$)", p.relative_to(built_site).as_posix())
                                     or p.name.endswith((".test.mjs", ".test.js", ".py")))]
    assert not published, published
