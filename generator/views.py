"""Content as templates see it: every text field comes out already written for
the page it is printed on, by the kind its model declares.

A template never chooses how to escape a field. ``{{ play.summary }}`` in a
Markdown page is block Markdown made safe; ``{{ choice.label }}`` in an HTML
fragment is escaped text; the same field always renders the same way, because
the decision is read from :mod:`generator.fields`, not written in templates.
Values that are not text fields (ids, numbers, enums) pass through as they
are, and the template environment escapes them as plain text when printed.
"""

from __future__ import annotations

from typing import Any, Protocol

from markupsafe import Markup, escape

from generator import markup
from generator.fields import TextKind, kind_of
from generator.models import Entity


class Writer(Protocol):
    """How each kind of text is written into one kind of page."""

    def write(self, kind: TextKind, text: str) -> Any: ...


class MarkdownWriter:
    """For Markdown pages, which the builder turns into HTML."""

    def write(self, kind: TextKind, text: str) -> Markup:
        if kind is TextKind.PLAIN:
            return Markup(markup.plain_markdown(text))
        if kind is TextKind.INLINE:
            return Markup(markup.safe_inline(text))
        if kind is TextKind.BLOCK:
            return Markup(markup.safe_markdown(text))
        return markup.markdown_to_html(text)


class HtmlWriter:
    """For HTML fragments (forms, tables the builder does not parse)."""

    def write(self, kind: TextKind, text: str) -> Markup:
        if kind is TextKind.PLAIN:
            return escape(" ".join(text.split()))
        if kind is TextKind.INLINE:
            return markup.inline_to_html(text)
        return markup.markdown_to_html(text)


class EnglishWriter:
    """A writer for a translated page: texts that have no translation yet come out in
    English, inside an element marked ``lang="en"`` so that screen readers say them
    as English. ``untranslated`` holds (id(entity), field[, index]) of those texts."""

    def __init__(self, writer: Writer, untranslated: set, markdown: bool):
        self.writer = writer
        self.untranslated = untranslated
        self.lists = {(m[0], m[1]) for m in untranslated if len(m) == 3}
        self.markdown = markdown

    def write(self, kind: TextKind, text: str) -> Any:
        return self.writer.write(kind, text)

    def write_english(self, kind: TextKind, text: str) -> Markup:
        written = self.writer.write(kind, text)
        if kind is TextKind.PLAIN and not self.markdown:
            # In an HTML fragment a plain text may be an attribute or an <option>,
            # where no element can mark it: it is left unmarked there.
            return written
        if kind in (TextKind.PLAIN, TextKind.INLINE):
            return Markup('<span lang="en">') + written + Markup("</span>")
        if self.markdown and kind is TextKind.BLOCK:
            # md_in_html parses the Markdown inside the element.
            return Markup('<div lang="en" markdown="1">\n\n') + written + Markup("\n\n</div>")
        return Markup('<div lang="en">') + written + Markup("</div>")


class View:
    """An entity seen through a writer. Attribute and item access return views of
    nested entities, lists of views, or text written by its declared kind."""

    __slots__ = ("_entity", "_writer")

    def __init__(self, entity: Entity, writer: Writer):
        self._entity = entity
        self._writer = writer

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._entity, name)
        kind = kind_of(type(self._entity), name)
        untranslated = getattr(self._writer, "untranslated", None)
        if untranslated and kind is not None:
            me = id(self._entity)
            if isinstance(value, str) and (me, name) in untranslated:
                return self._writer.write_english(kind, value)  # type: ignore[attr-defined]
            if isinstance(value, list) and (me, name) in self._writer.lists:  # type: ignore[attr-defined]
                return [self._writer.write_english(kind, v) if (me, name, i) in untranslated  # type: ignore[attr-defined]
                        else _wrap(v, kind, self._writer) for i, v in enumerate(value)]
        return _wrap(value, kind, self._writer)

    def __getitem__(self, name: str) -> Any:
        return self.__getattr__(name)

    @property
    def entity(self) -> Entity:
        """The entity itself, for lookups by id (never printed)."""
        return self._entity

    def __repr__(self) -> str:
        return f"View({type(self._entity).__name__})"


def view(value: Any, writer: Writer) -> Any:
    """Views of an entity or a list of entities; anything else as it is."""
    return _wrap(value, None, writer)


def _wrap(value: Any, kind: TextKind | None, writer: Writer) -> Any:
    if isinstance(value, Entity):
        return View(value, writer)
    if isinstance(value, (list, tuple)):
        return type(value)(_wrap(item, kind, writer) for item in value)
    if isinstance(value, str) and kind is not None:
        return writer.write(kind, value)
    return value
