"""The content policy checked on what Markdown produces, not on what it reads.

A Python-Markdown extension whose treeprocessor runs last, after every link,
reference definition, abbreviation and heading id has been resolved into the
element tree. Whatever syntax produced an element (inline link, a reference
defined behind a list marker or inside a quote, an admonition, an autolink),
what reaches the page is checked here:

* only the elements and attributes Markdown and the site's extensions write
  are kept; any other element is unwrapped (its text stays, as text) and any
  other attribute dropped;
* a URL must be ``http(s):``, ``mailto:``, ``tel:`` or relative to this site;
  a link to anything else (``javascript:``, ``data:``, ``//other.origin``)
  becomes its text: a ``<span>`` with nothing to follow.

The regular expressions in ``generator/markup.py`` only give ``cx-playbook
check`` an early, friendly message; this is what enforces the policy. It is
named in ``mkdocs.yml`` (``markdown_extensions: - generator.sanitizer``), so
the plugin, plain MkDocs and the exported tree's builders all run it, and
``markup.markdown_to_html`` runs it on the HTML written into forms.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# The name builders load it by (mkdocs.yml's markdown_extensions).
EXTENSION = __name__
# After inline (20), attr_list (8), abbr (7) and toc (5): every link, reference,
# attribute and heading id is in the tree. Before the builder's link rewriting
# and validation (mkdocs' "relpath", 0), so a removed link is never validated
# (and a strict build never fails on a link it will not publish); the last
# step, "unescape" (0), only turns placeholders back into characters, which
# unsafe_url reads as those characters already.
PRIORITY = 2
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Element → the attributes it may keep: what Markdown, toc, abbr, admonition,
# tables, details and tabbed write. Nothing here can run or load anything.
_COMMON = frozenset({"class", "id", "title"})
ALLOWED = {
    **{tag: _COMMON for tag in (
        "p", "span", "em", "strong", "code", "pre", "blockquote", "ul", "li", "br", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "summary", "abbr",
    )},
    "a": _COMMON | {"href"},
    "div": _COMMON | {"data-tabs"},  # pymdownx.tabbed
    "th": _COMMON | {"align", "style"},
    "td": _COMMON | {"align", "style"},
    "details": _COMMON | {"open"},
    "ol": _COMMON | {"start"},
    "label": _COMMON | {"for"},
    "input": _COMMON | {"type", "name", "checked"},  # pymdownx.tabbed's radio buttons
}
URL_ATTRIBUTES = frozenset({"href"})
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")
_STASHED = re.compile(f"{util.STX}(\\d+){util.ETX}")
# What the URL parser drops before it reads a scheme: C0 controls and spaces at
# either end, tabs and newlines anywhere ("java\tscript:"); the rest is removed
# too, to be strict.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def unsafe_url(url: str) -> bool:
    """True for a URL that may not be a link from content: a scheme other than
    http(s), mailto and tel, or another origin (``//host``, ``\\\\host``)."""
    probe = _STASHED.sub(lambda m: chr(int(m.group(1))), url.replace(util.AMP_SUBSTITUTE, "&"))
    # Python-Markdown writes "&#106;" in an attribute as it is, and the browser
    # decodes it: decode (more than once: "&amp;#106;" is decoded once more by
    # nothing, but a check that decodes too much only kills more links).
    for _ in range(3):
        decoded = html.unescape(probe)
        if decoded == probe:
            break
        probe = decoded
    # A leading "<" is Markdown's <destination> form, written as text.
    probe = _INVISIBLE.sub("", probe).lower().lstrip("<")
    if probe.replace("\\", "/").startswith("//"):  # "\\host" is "//host" to a browser
        return True
    match = _SCHEME.match(probe.replace("\\", ""))  # strict: "javascript\\:" is not a link either
    return bool(match and match.group(1) not in SAFE_SCHEMES)


class SanitizeTreeprocessor(Treeprocessor):
    """Keeps only allowed elements, attributes and URLs in the final tree."""

    def __init__(self, md: Markdown | None = None, on_unsafe: Callable[[str], None] | None = None):
        super().__init__(md)
        self.on_unsafe = on_unsafe

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        # Bottom-up, so an unwrapped element's children were already checked.
        for element in reversed(list(root.iter())):
            if element is root:
                continue
            allowed = ALLOWED.get(element.tag) if isinstance(element.tag, str) else None
            if allowed is None:
                self._unwrap(element, parents[element], parents)
                continue
            for name in list(element.attrib):
                value = element.attrib[name]
                if name not in allowed or (name == "style" and not _TABLE_ALIGN.fullmatch(value or "")):
                    del element.attrib[name]
                elif name in URL_ATTRIBUTES and value is not None and unsafe_url(value):
                    if self.on_unsafe:
                        self.on_unsafe(value)
                    # Text, not a link: the words stay, there is nothing to follow
                    # (and builders expect every <a> to have an href).
                    del element.attrib[name]
                    element.tag = "span"
            if element.tag == "input" and element.get("type") != "radio":
                self._unwrap(element, parents[element], parents)

    @staticmethod
    def _unwrap(element: etree.Element, parent: etree.Element, parents: dict) -> None:
        """Replace an element by its content: its text and children stay, as they are."""
        index = list(parent).index(element)
        text = element.text or ""
        if element.tag == "img":
            text = element.get("alt") or ""
        children = list(element)
        if index == 0:
            parent.text = (parent.text or "") + text
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + text
        parent.remove(element)
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)
            parents[child] = parent
        tail = element.tail or ""
        if children:
            children[-1].tail = (children[-1].tail or "") + tail
        elif index == 0:
            parent.text = (parent.text or "") + tail
        else:
            parent[index - 1].tail = (parent[index - 1].tail or "") + tail


class SanitizerExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(SanitizeTreeprocessor(md), "cx_sanitize", PRIORITY)


def makeExtension(**kwargs: object) -> SanitizerExtension:  # noqa: N802 (Python-Markdown's entry point)
    return SanitizerExtension(**kwargs)


def unsafe_links(text: str, extensions: tuple[str, ...]) -> list[str]:
    """The URLs the sanitizer removes from this Markdown, for ``check``'s message."""
    md, found = _checker(extensions)
    found.clear()
    md.reset().convert(text)
    return list(found)


@functools.lru_cache(maxsize=4)
def _checker(extensions: tuple[str, ...]) -> tuple[Markdown, list[str]]:
    # One converter per set of extensions, reset between texts: building one
    # per text was most of the time ``check`` spent on a large playbook.
    found: list[str] = []
    md = Markdown(extensions=list(extensions))
    md.treeprocessors.register(SanitizeTreeprocessor(md, found.append), "cx_sanitize", PRIORITY)
    return md, found
