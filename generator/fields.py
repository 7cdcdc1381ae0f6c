"""What kind of text each content field holds, declared once on the model.

Every text field of the content model is annotated with one :class:`TextKind`.
The renderer reads it to decide how a value is written into a page, and the
link checker reads it to decide where a link can appear, so neither keeps a
list of field names of its own:

* ``PLAIN``: shown exactly as typed (names, titles, labels). Markdown
  characters in it are text, escaped for wherever it lands.
* ``INLINE``: one line of Markdown (emphasis, code, links): list items,
  table cells, steps.
* ``BLOCK``: Markdown paragraphs, lists, tables and admonitions.
* ``HTML_BLOCK``: Markdown that is rendered to HTML by the generator because it
  sits inside an HTML element of the page (a question's help inside its
  fieldset). No builder rewrites links there, so relative links are refused.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from typing import Annotated, Any, Optional

from pydantic import BaseModel, StringConstraints


class TextKind(str, enum.Enum):
    PLAIN = "plain"
    INLINE = "inline"
    BLOCK = "block"
    HTML_BLOCK = "html-block"

    @property
    def is_markdown(self) -> bool:
        return self is not TextKind.PLAIN


_NOT_EMPTY = StringConstraints(min_length=1)

Plain = Annotated[str, _NOT_EMPTY, TextKind.PLAIN]
Inline = Annotated[str, _NOT_EMPTY, TextKind.INLINE]
Block = Annotated[str, _NOT_EMPTY, TextKind.BLOCK]
HtmlBlock = Annotated[str, _NOT_EMPTY, TextKind.HTML_BLOCK]


@functools.lru_cache(maxsize=None)
def kind_of(model: type[BaseModel], name: str) -> Optional[TextKind]:
    """The kind of text field ``name`` holds (of its items, for a list), or None
    when it holds no text (ids, numbers, nested models). Read once per class and
    field: the renderer asks on every attribute a template prints."""
    field = model.model_fields.get(name)
    if field is None:
        return None
    for item in field.metadata:
        if isinstance(item, TextKind):
            return item
    return _kind_in(field.annotation)


def _kind_in(annotation: Any) -> Optional[TextKind]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        found = next((e for e in extras if isinstance(e, TextKind)), None)
        return found or _kind_in(base)
    if origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            found = _kind_in(arg)
            if found is not None:
                return found
    return None


def text_fields(model: type[BaseModel]) -> dict[str, TextKind]:
    """Every text field of one model class, with its kind."""
    found = {}
    for name in model.model_fields:
        kind = kind_of(model, name)
        if kind is not None:
            found[name] = kind
    return found
