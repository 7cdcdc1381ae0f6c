"""The head's <link rel="alternate" hreflang> on a site with several languages:
relative, so they hold when the site is published in a subfolder (an edition's
/2026/, a project's GitHub Pages address). Each leads to its language's home,
where Material's instant navigation reads that language's sitemap.xml (the
language selector, theme/partials/alternate.html, leads to the same page)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser


class _Alternates(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.found[attrs["hreflang"]] = attrs["href"]


def _target(page: str, href: str) -> str:
    """The file a relative link on ``page`` (a path under the site) leads to."""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return posixpath.join(resolved, "index.html") if not resolved.endswith(".html") else resolved


def test_alternates_lead_to_each_languages_home_by_relative_links(built_site):
    checked = 0
    for file in sorted(built_site.rglob("index.html")):
        page = file.relative_to(built_site).as_posix()
        alternates = _Alternates(file.read_text(encoding="utf-8")).found
        assert set(alternates) == {"en", "es"}, page
        for code, href in alternates.items():
            assert not href.startswith(("/", "http:", "https:")), f"{page}: {code} -> {href} leaves a subfolder"
            expected = "index.html" if code == "en" else f"{code}/index.html"
            assert posixpath.normpath(_target(page, href)) == expected, f"{page}: {code} -> {href}"
            # What Material fetches from there.
            assert (built_site / posixpath.dirname(expected) / "sitemap.xml").is_file()
            checked += 1
    assert checked >= 80  # every page, in both languages
