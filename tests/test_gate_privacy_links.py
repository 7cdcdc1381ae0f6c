"""Gate 2, privacy: a reader's browser talks to nobody but the site's own server.
Gate 5, links: every internal link and anchor in the built HTML resolves."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.markup import DEAD_LINK


def _pages(site: Path) -> list[str]:
    return [f.relative_to(site).as_posix().removesuffix("index.html") for f in sorted(site.rglob("*.html"))]


# ---------------------------------------------------------------------------
# Privacy
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.xdist_group("privacy")
def test_no_request_leaves_the_origin(built_site, site_url, context):
    origin = site_url.rstrip("/")
    requests: list[tuple[str, str]] = []
    context.on("request", lambda r: requests.append((r.url, r.frame.url if r.frame else "")))
    page = context.new_page()
    visited = 0
    for path in _pages(built_site):
        page.goto(site_url + path, wait_until="load")
        visited += 1
    # What a reader does: search (loads the index in a worker), toggle the palette,
    # follow a link with instant navigation, answer a question.
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("customer")
    page.wait_for_timeout(800)
    page.keyboard.press("Escape")
    page.locator("label[for=__palette_1]").click()
    page.locator("article a[href*='strategy']").first.click()
    page.wait_for_load_state("networkidle")
    assessments = [p for p in _pages(built_site) if p.startswith("assessments/")]
    if assessments:
        page.goto(site_url + assessments[0], wait_until="networkidle")
        page.evaluate("() => { const r = document.querySelector('article input[type=radio]'); if (r) r.click(); }")
        page.wait_for_timeout(300)
    foreign = sorted({url for url, _ in requests
                      if not (url.startswith(origin + "/") or url == origin) and not url.startswith(("data:", "blob:", "about:"))})
    assert visited and len(requests) > visited
    assert not foreign, "requests to another origin:\n" + "\n".join(foreign)


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag in ("a", "area") and attrs.get("href") is not None:
            self.links.append(("href", attrs["href"]))
        if tag == "link" and attrs.get("href"):
            self.links.append(("href", attrs["href"]))
        if tag in ("script", "img", "source", "iframe") and attrs.get("src"):
            self.links.append(("src", attrs["src"]))


def _target_file(site: Path, page_file: Path, path: str) -> Path | None:
    # 404.html links from the site root (mkdocs writes absolute paths there).
    base = "" if path.startswith("/") else page_file.parent.relative_to(site).as_posix()
    resolved = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    if resolved.startswith(".."):
        return None
    target = site / resolved
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def test_every_internal_link_and_anchor_resolves(built_site):
    parsed = {f: _Page(f.read_text(encoding="utf-8")) for f in built_site.rglob("*.html")}
    broken: list[str] = []
    checked = 0
    for file, page in parsed.items():
        where = file.relative_to(built_site).as_posix()
        for attr, value in page.links:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https", "mailto", "tel"):
                    broken.append(f"{where}: {attr}={value!r} uses the scheme {parts.scheme!r}")
                continue
            if value == DEAD_LINK and DEAD_LINK != "#":
                broken.append(f"{where}: a link the content policy removed")
                continue
            checked += 1
            target = file if not parts.path else _target_file(built_site, file, parts.path)
            if target is None or not target.is_file():
                broken.append(f"{where}: {attr}={value!r} → no such file")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _Page(target.read_text(encoding="utf-8")).ids
                if fragment not in ids:
                    broken.append(f"{where}: {value!r} → no id {fragment!r} in {target.relative_to(built_site)}")
    assert checked > 100
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])
