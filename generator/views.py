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


class View:
    """An entity seen through a writer. Attribute and item access return views of
    nested entities, lists of views, or text written by its declared kind."""

    __slots__ = ("_entity", "_writer")

    def __init__(self, entity: Entity, writer: Writer):
        self._entity = entity
        self._writer = writer

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._entity, name)
        return _wrap(value, kind_of(type(self._entity), name), self._writer)

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
