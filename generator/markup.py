"""The content policy, enforced where content meets Markdown and HTML.

Content is untrusted text from many hands. The policy:

* **Markdown is allowed** in prose: emphasis, lists, code, headings, tables,
  admonitions and links.
* **Raw HTML is shown as text**: ``<``, ``>`` and ``&`` are escaped before the
  text reaches Markdown, so ``<script>`` appears literally and never runs.
* **Links** may point to ``http(s):``, ``mailto:``, ``tel:`` or a relative
  path; any other scheme (``javascript:``, ``data:``, ``vbscript:`` …) becomes
  a dead link. That is enforced on the element tree Markdown produces
  (``generator/sanitizer.py``), where every syntax that makes a link has been
  resolved; the expressions here only find links early, for ``check``.
* **Images are not allowed** (``![…](…)`` is shown as text): the site makes no
  request to another origin, and an image is exactly that.
* **Attribute lists** (``{: onclick=…}``) are impossible: braces are escaped.
* Content is **never evaluated as a template**: it reaches Jinja2 as data only.
"""

from __future__ import annotations

import html
import json
import re

import markdown as _markdown
from markupsafe import Markup

from generator import sanitizer
from generator.sanitizer import SanitizerExtension, unsafe_url

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
# An "&" is escaped only where it would start a character reference ("&lt;",
# "&#106;"): a bare one ("F&I") is text to Markdown already, and must stay a
# plain "&" so that abbreviations such as F&I are found in the text.
_ESCAPE_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)|[<>{}]")
_ENTITY_AMPERSAND = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ANGLES_AND_BRACES = re.compile(r"[<>{}]")
# Inline links and images: ](destination "title"). The whole parenthesis is
# probed, not only up to the first blank: Markdown keeps a newline inside a
# destination ("java\nscript:") and browsers drop it again when parsing the URL.
_INLINE_DEST = re.compile(r"\]\(([^)]*)")
# Reference definitions: [label]: destination. Markdown accepts the destination
# on the next line, and a definition indented, behind list markers ("- [r]: x")
# or quote markers ("> [r]: x").
_REF_DEST = re.compile(r"^((?:[ \t]*(?:[-*+]|\d+[.)]|>)(?=[ \t]))*[ \t]*\[[^\]]*\]:[ \t]*(?:\n[ \t]*)?)(\S+)",
                       re.MULTILINE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
ID_SAFE = re.compile(r"[^a-z0-9\-]")
# What browsers (or Markdown's escapes) drop from a URL before reading its scheme.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\\]+")


def safe_markdown(text: str) -> str:
    """Content Markdown made safe to embed in a generated Markdown page: raw
    HTML, attribute lists and images shown as text. Links are left to the
    sanitizer, which sees them after Markdown has resolved them."""
    text = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)
    return text.replace("![", "\\![")


def safe_inline(text: str) -> str:
    """One line of content Markdown for a heading, list item or table cell."""
    text = safe_markdown(" ".join(text.split()))
    return text.replace("|", "\\|")


_TITLE_SYNTAX = re.compile(r"[&<>{}\[\]()*_`!#\\|:\"']")
# Characters Python-Markdown (with tables) reads as syntax and accepts escaped.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]()#+\-.!|])")


def plain_markdown(text: str) -> str:
    """Plain text (a name, a label) written into a Markdown page so that it reads
    exactly as typed: one line, HTML and Markdown syntax escaped."""
    text = _ENTITY_AMPERSAND.sub("&amp;", " ".join(text.split()))
    text = _MARKDOWN_SYNTAX.sub(r"\\\1", text)
    return _ANGLES_AND_BRACES.sub(lambda m: _ESCAPES[m.group(0)], text)


# One converter, reset between uses: building a Markdown instance per help text
# was most of the cost of rendering a large assessment.
_HELP_MARKDOWN = _markdown.Markdown(extensions=["sane_lists", SanitizerExtension()], output_format="html")


def markdown_to_html(text: str) -> Markup:
    """Content Markdown rendered to HTML for the parts of pages written as HTML
    (the assessment form). The text is made safe first, so the result is too."""
    return Markup(_HELP_MARKDOWN.reset().convert(safe_markdown(text)))


def inline_to_html(text: str) -> Markup:
    """One line of content Markdown as HTML without a paragraph around it."""
    html_text = _HELP_MARKDOWN.reset().convert(safe_markdown(" ".join(text.split())))
    return Markup(html_text.removeprefix("<p>").removesuffix("</p>"))


def web_link(url: str) -> str:
    """A validated web address as a Markdown link showing the address itself."""
    destination = re.sub(r"[\s()<>]", lambda m: f"%{ord(m.group(0)):02X}", url)
    return f"[{plain_markdown(url)}]({destination})"


def abbreviation(term: str, expansion: str) -> str:
    """An abbreviation definition (Markdown's abbr extension): wherever ``term``
    appears on the page it gets ``expansion`` as its title. The term is a
    validated abbreviation. The expansion is written with character references
    for everything Markdown or HTML could read as syntax: in a title attribute
    the browser shows them as the characters they are, and should the line ever
    be read as a paragraph instead, nothing in it can become markup."""
    safe = _TITLE_SYNTAX.sub(lambda m: f"&#{ord(m.group(0))};", " ".join(expansion.split()))
    return f"*[{term}]: {safe}"


def nav_title(text: str) -> str:
    """A navigation title as mkdocs wants it: HTML, on one line.

    Material prints nav titles (sidebar, header, breadcrumbs, footer links)
    without escaping, so a title from content must arrive escaped. (Its
    ``<title>`` unescapes them again through ``striptags``; theme/main.html
    escapes there once more.)"""
    return html.escape(" ".join(text.split()), quote=True)


def front_matter_value(text: str) -> str:
    """A YAML-safe scalar for page front matter (JSON strings are valid YAML).

    The value is also HTML-escaped: Material prints ``page.meta.description``
    into ``<meta name="description" content="…">`` without escaping, so a quote
    in a summary would otherwise end the attribute and start markup."""
    return json.dumps(html.escape(" ".join(text.split()), quote=True), ensure_ascii=False)


def relative_links(text: str) -> list[str]:
    """Link destinations in content that stay on this site (``../strategy.md#x``,
    ``/plays.md``), so the checker can tell an editor about a broken one before
    the build does. Links with a scheme or only an anchor are not returned."""
    found = []
    for match in (*_INLINE_DEST.finditer(text), *_REF_DEST.finditer(text)):
        raw = match.group(2) if match.re is _REF_DEST else match.group(1)
        if unsafe_url(raw):
            continue  # the sanitizer makes it a dead link, and unsafe_links reports it
        parts = raw.strip().split()
        destination = parts[0].strip("<>") if parts else ""
        probe = _INVISIBLE.sub("", destination).lower()
        if not destination or destination.startswith("#") or _SCHEME.match(probe) or probe.startswith("//"):
            continue
        found.append(destination)
    return found


# Markdown's extensions that decide where a link can be written (and quoted,
# nested, put in an admonition or a list): what ``check`` parses content with.
_CHECK_EXTENSIONS = ("sane_lists", "admonition", "tables", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed")


def unsafe_links(text: str, inline: bool = False) -> list[str]:
    """The destinations in content that the sanitizer will turn into dead links
    (``javascript:``, ``data:``, another origin …), in any syntax Markdown reads
    as a link: found by parsing the text as the page will, not by pattern."""
    if "]" not in text or ("(" not in text and ":" not in text):
        return []  # no link syntax at all (most texts): no need to parse
    found = sanitizer.unsafe_links(safe_inline(text) if inline else safe_markdown(text), _CHECK_EXTENSIONS)
    return [html.unescape(url) for url in found]  # as the editor typed it: safe_markdown escaped "&" once
