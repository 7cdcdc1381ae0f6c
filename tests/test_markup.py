"""The content policy, unit by unit: raw HTML shown as text, unsafe links dead,
no images, no attribute lists, JSON that cannot close its script element."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from generator.markup import markdown_to_html, safe_inline, safe_markdown, unsafe_links

from conftest import MARKDOWN_EXTENSIONS as PROSE  # the site's Markdown, as mkdocs.yml lists it


def html(text: str) -> str:
    return markdown.markdown(safe_markdown(text), extensions=PROSE)


class _Elements(HTMLParser):
    def __init__(self, source: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(text: str) -> list[tuple[str, dict]]:
    return _Elements(html(text)).found


def hrefs(text: str) -> list[str]:
    return [attrs.get("href", "") for tag, attrs in elements(text) if tag == "a"]


def handlers(text: str) -> list[str]:
    return [name for _, attrs in elements(text) for name in attrs if name.startswith("on")]


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<iframe src=//evil.example>",
])
def test_raw_html_is_text(payload):
    assert [tag for tag, _ in elements(payload)] == ["p"]
    assert "&lt;" in html(payload)


@pytest.mark.parametrize("link", [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox)",
    "[x](//evil.example/path)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](&#106;avascript:alert(1))",
    "Call the [x][desk].\n\n- [desk]: javascript:alert(document.cookie)",
    "[x][r]\n\n- 1. [r]: javascript:alert(1)",
])
def test_unsafe_links_are_dead_and_reported(link):
    """The link becomes its text (nothing to follow), and ``check`` names the
    destination."""
    assert [tag for tag, _ in elements(link) if tag in ("a", "span")] == ["span"]
    assert ">x</span>" in html(link)
    assert len(unsafe_links(link)) == 1


@pytest.mark.parametrize("link,href", [
    ("[x](https://example.org/a)", "https://example.org/a"),
    ("[x](mailto:gm@example.org)", "mailto:gm@example.org"),
    ("[x](../strategy.md#why-now)", "../strategy.md#why-now"),
])
def test_safe_links_survive(link, href):
    assert f'href="{href}"' in html(link)


def test_images_are_not_rendered():
    assert "img" not in [tag for tag, _ in elements("![tracker](https://evil.example/pixel.png)")]


def test_attribute_lists_cannot_add_handlers():
    text = "[x](https://example.org){: onclick=\"alert(1)\"}\n\n## Title {: onmouseover=alert(1) }"
    assert handlers(text) == []
    assert "onclick" in html(text)  # still there, as visible text


def test_inline_escapes_table_pipes_and_newlines():
    assert safe_inline("a | b\nc") == "a \\| b c"


def test_markdown_to_html_keeps_emphasis_and_escapes_html():
    out = str(markdown_to_html("**bold** <b>raw</b>"))
    assert "<strong>bold</strong>" in out and "&lt;b&gt;" in out


@pytest.mark.parametrize("text,expected", [
    ("[a](../strategy.md#why-now) [b](https://x.org) [c](#top) [d](/plays.md)", ["../strategy.md#why-now", "/plays.md"]),
    ("[a][r]\n\n[r]: sources.md", ["sources.md"]),
    ("[a](<../plays.md> \"title\")", ["../plays.md"]),
    ("[a](javascript:alert(1)) [b](mailto:x@y.z)", []),
])
def test_relative_links_are_found_for_the_checker(text, expected):
    from generator.markup import relative_links

    assert relative_links(text) == expected
