"""Offline and installable: once the first visit has stored the site, it can be
installed, and the whole site opens with no network (pages never visited
included), an assessment can be answered and exported; back online after a
content change, the reader is told that a new edition is available and reloads
into it whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, Republish, _QuietHandler, copy_project
from test_assessment_support import ASSESSMENT, answer, choices, model_of, questions, ready_for_instant_navigation

# One worker publishes both versions at one address (conftest's republish):
# the first version is the default site, the next one is built once here.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("republish")]

NEW_TITLE = "Freshly published title"
MOMENT = sorted((ROOT / "content" / "moments").glob("*.yml"))[0].stem  # retitled in the next version


@pytest.fixture(scope="module")
def next_version(republish: Republish, tmp_path_factory) -> Path:
    """The next version, 9.9.9, built for the same address: a new changelog entry
    and a moment with a new title."""
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    moment_file = project / "content" / "moments" / f"{MOMENT}.yml"
    data = yaml.safe_load(moment_file.read_text(encoding="utf-8"))
    data["title"] = NEW_TITLE
    moment_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    playbook = project / "content" / "playbook.yml"
    book = yaml.safe_load(playbook.read_text(encoding="utf-8"))
    book["version"] = "9.9.9"
    book["changelog"].insert(0, {"version": "9.9.9", "date": "2026-12-24", "changes": ["A new edition."]})
    playbook.write_text(yaml.safe_dump(book, sort_keys=False, allow_unicode=True), encoding="utf-8")
    built = project.parent / "site-9.9.9"
    republish.build(project, built)
    assert NEW_TITLE in (built / "moments" / MOMENT / "index.html").read_text(encoding="utf-8")
    return built


def test_the_site_works_offline_after_one_visit_and_announces_a_new_edition(browser, republish, next_version, tmp_path):
    site = tmp_path / "site"
    host = republish.start(site)
    try:
        manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["start_url"] == "./" and {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, workers=True)
        foreign: list[str] = []
        context.on("request", lambda r: None if r.url.startswith((host.url, "blob:", "data:")) else foreign.append(r.url))
        page = context.new_page()
        # No page links the manifest as sent: installing is offered once the offline copy is held.
        assert 'rel="manifest"' not in (site / "index.html").read_text(encoding="utf-8")
        page.goto(host.url)
        # The worker installs (precaching every file) and takes control of the page.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
        page.wait_for_selector("link[rel=manifest]", state="attached")
        cdp = context.new_cdp_session(page)
        app = cdp.send("Page.getAppManifest")
        assert app["url"] == f"{host.url}manifest.webmanifest" and not app["errors"], app
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        # Instant navigation drops head elements the next page's HTML lacks; the link comes back.
        ready_for_instant_navigation(page)
        page.evaluate("window.__sameDocument = true")
        page.locator(f"nav a[href*='assessments/{ASSESSMENT}/']").first.click()
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
        page.wait_for_selector("link[rel=manifest]", state="attached")
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        moment = sorted((ROOT / "content" / "moments").glob("*.yml"))[-1].stem

        context.set_offline(True)
        host.stop()
        page.goto(f"{host.url}moments/{moment}/")
        expect(page.locator("article h1")).to_be_visible()
        page.goto(f"{host.url}assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        model = model_of(page)
        q = questions(model)[0]
        answer(page, q["id"], choices(model, q)[-1]["label"])
        expect(page.locator("[data-cx-progress-text]")).to_contain_text("1 of")
        with page.expect_download() as info:
            page.get_by_role("button", name="Export JSON").click()
        exported = tmp_path / "offline.json"
        info.value.save_as(exported)
        assert json.loads(exported.read_text(encoding="utf-8"))["answers"][q["id"]]["choice"] == choices(model, q)[-1]["id"]
        page.goto(f"{host.url}assessments/{ASSESSMENT}/team/")
        page.wait_for_selector("[data-cx-drop]")
        page.locator("input[data-cx-team-files]").set_input_files(str(exported))
        expect(page.locator("[data-cx-team-status]")).to_contain_text("1 new respondent")

        # A new edition is published while the reader is away.
        republish.publish(next_version, site)
        host.start()
        context.set_offline(False)

        page.goto(host.url)
        notice = page.locator("[data-cx-update]")
        expect(notice).to_contain_text("A new edition of this playbook is available.", timeout=30000)
        # The page came from the network, so it already says 9.9.9; Reload lets the
        # new worker take over and then reloads, and nothing may navigate meanwhile.
        with page.expect_navigation(timeout=30000):
            notice.get_by_role("button", name="Reload").click()
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        expect(page.locator("[data-cx-content-version]")).to_have_text("9.9.9")
        expect(notice).to_have_count(0)  # the new edition is the one in charge now
        page.goto(f"{host.url}assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        expect(page.locator("[data-cx-progress-text]")).to_contain_text("1 of")  # the offline answer is still there
        assert not foreign, foreign
        context.close()
    finally:
        host.stop()


class _PagesHandler(_QuietHandler):
    """What GitHub Pages sends: every file may be kept for 10 minutes."""

    cache_control = "max-age=600"


def test_a_new_version_is_precached_with_its_own_bytes_behind_max_age(browser, republish, next_version, tmp_path):
    """Behind a host's max-age, the browser's HTTP cache still holds the old
    version's files when the new service worker installs: its cache must be
    filled from the network (cache: "reload"), or the new version would keep
    the old pages offline."""
    site = tmp_path / "site"
    host = republish.start(site, _PagesHandler)
    page_path = f"moments/{MOMENT}/"
    try:
        context = browser.new_context(workers=True)
        page = context.new_page()
        page.goto(host.url + page_path)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
        old_caches = page.evaluate("() => caches.keys()")
        # The page and the search index are in the HTTP cache now, fresh for 600 s.
        assert page.evaluate("async (u) => (await fetch(u)).headers.get('cache-control')", page_path) == "max-age=600"
        assert NEW_TITLE not in (site / page_path / "index.html").read_text(encoding="utf-8")

        republish.publish(next_version, site)
        assert NEW_TITLE in (site / page_path / "index.html").read_text(encoding="utf-8")

        # The browser looks for a new worker (it does on navigation; asked here at once).
        page.evaluate("""async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          await reg.update();
          const next = reg.installing || reg.waiting;
          if (next && next.state !== 'installed') {
            await new Promise((resolve, reject) => next.addEventListener('statechange', () => {
              if (next.state === 'installed') resolve();
              if (next.state === 'redundant') reject(new Error('the new worker failed to install'));
            }));
          }
        }""")
        new_caches = [k for k in page.evaluate("() => caches.keys()") if k not in old_caches]
        assert len(new_caches) == 1 and ":9.9.9-" in new_caches[0], (old_caches, new_caches)
        cached = page.evaluate("""async ([name, url]) => {
          const response = await (await caches.open(name)).match(url);
          return response ? response.text() : null;
        }""", [new_caches[0], host.url + page_path])
        assert cached is not None, "the new version's cache has no copy of the page"
        assert NEW_TITLE in cached, "the new version's cache holds the old version's page"
        index = page.evaluate("""async ([name, url]) => (await (await caches.open(name)).match(url)).text()""",
                              [new_caches[0], host.url + "search/search_index.json"])
        assert NEW_TITLE in index
        context.close()
    finally:
        host.stop()


def test_the_worker_precaches_the_scanner_but_not_its_webassembly(built_site):
    """The camera scanner's decoder (0.9 MB of WebAssembly) loads only when a lead scans, online:
    a reader's first visit does not download it. Its script is precached like every other."""
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    assert (built_site / "assets" / "cx" / "zxing_reader.wasm").is_file()
    assert '"assets/cx/qr-decode.js"' in worker and ".wasm" not in worker


def test_the_worker_precaches_search_only_for_the_sites_languages(built_site):
    """Material ships some 30 search stemmers; a phone's first visit downloads only the
    English and Spanish site's own (and what they need), not Thai's 0.7 MB word splitter."""
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    lunr = "assets/javascripts/lunr/"
    shipped = {p.relative_to(built_site).as_posix() for p in (built_site / lunr).rglob("*.js")}
    precached = {path for path in shipped if f'"{path}"' in worker}
    assert precached == {lunr + "min/lunr.es.min.js", lunr + "min/lunr.multi.min.js",
                         lunr + "min/lunr.stemmer.support.min.js"}
    assert len(shipped) > 30  # Material still ships them all: search online works in any language
