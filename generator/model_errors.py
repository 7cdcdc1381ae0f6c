"""Turn pydantic's errors for one file into editor-friendly issues.

Each error becomes ``file:line:col: where: message`` with what was expected,
the way mkdocs words a config error (``Expected one of: [...]``).
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Optional

from pydantic import BaseModel, ValidationError

from generator.issues import Issue, format_path
from generator.loader import Document
from generator.models import ID_PATTERN, PREFIX_PATTERN, SEMVER_PATTERN, TERM_PATTERN, URL_PATTERN

# Closed lists of ids the content defines (``departments`` → their ids), by the
# name a field gives in ``json_schema_extra={"x-cx-list": …}``.
KnownLists = dict[str, list[str]]


def issues_from_validation_error(doc: Document, model: type[BaseModel], error: ValidationError,
                                 known: Optional[KnownLists] = None) -> list[Issue]:
    issues = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "missing":
            issues.append(Issue(doc.locate(loc[:-1]), format_path(loc[:-1]), _missing(model, loc)))
            continue
        message = _too_deep(model, loc, item, doc) or _format_error(model, loc, item, known or {})
        issues.append(Issue(doc.locate(loc), format_path(loc), message))
    return issues


def _missing(model: type[BaseModel], loc: tuple) -> str:
    """``missing required key 'first_step' (add 'first_step:' here: Something one …)``"""
    holder = _model_at(model, loc[:-1])
    field = holder.model_fields.get(str(loc[-1])) if holder else None
    what = f": {field.description.rstrip('.')}" if field is not None and field.description else ""
    return f"missing required key '{loc[-1]}' (add '{loc[-1]}:' here{what})"


def _too_deep(model: type[BaseModel], loc: tuple, item: dict[str, Any], doc: Document) -> Optional[str]:
    """A block pasted a level too deep lands inside the previous item's list of
    text (``plays[6].steps[4]`` holding a whole play): say so, and by how much."""
    value = item.get("input")
    if item["type"] != "string_type" or not isinstance(value, dict) or len(loc) < 4:
        return None
    if not (isinstance(loc[-1], int) and isinstance(loc[-3], int) and isinstance(loc[-4], str)):
        return None
    sibling = _model_at(model, loc[:-2])  # the model of the items the block should have been one of
    if sibling is None or not value or not all(str(key) in sibling.model_fields for key in value):
        return None
    noun = _singular(str(loc[-4]))
    here, there = doc.locate(loc), doc.locate(loc[:-2])
    shift = here.col - there.col
    first = next(iter(value))
    how = f"move its lines {shift} spaces left" if shift > 0 else "move it out of the list above"
    return (f"this block is indented too far: it sits inside the previous {noun}'s `{loc[-2]}` "
            f"({how}, so that its '- {first}:' lines up with the '- ' of the {noun} above)")


def _singular(name: str) -> str:
    name = name.replace("_", " ")
    return name[:-1] if name.endswith("s") else name


def _as_text(value: Any) -> Optional[str]:
    """The line a YAML mapping of one key came from, when it was meant as text:
    ``Fixed: the typo`` reads as ``{'Fixed': 'the typo'}`` because of ': '."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    key, inner = next(iter(value.items()))
    if not isinstance(key, str) or isinstance(inner, (dict, list)):
        return None
    if inner is None:
        return f"{key}:"
    shown = str(inner).lower() if isinstance(inner, bool) else str(inner)
    return f"{key}: {shown}"


def _quoted(text: str) -> str:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_error(model: type[BaseModel], loc: tuple, item: dict[str, Any], known: KnownLists) -> str:
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    if kind == "string_type" and _as_text(value) is not None:
        text = _as_text(value)
        return (f"expected text, got a mapping: the ': ' in this text made it a key and a value "
                f"(put this text in quotes: {_quoted(text)})")
    listed = _closed_list(model, loc, known)
    if listed is not None and kind in ("string_pattern_mismatch", "string_too_long"):
        name, ids = listed
        return _not_in_list(value, name, ids)
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        guess = f"did you mean '{hint[0]}'? " if hint else ""
        return f"unknown key '{loc[-1]}' ({guess}expected one of: {', '.join(known)})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == ID_PATTERN:
            return f"{value!r} is not a valid id (expected lowercase words joined by hyphens, like 'test-drive')"
        if pattern == SEMVER_PATTERN:
            return f"{value!r} is not a version (expected MAJOR.MINOR.PATCH, like '1.2.0')"
        if pattern == TERM_PATTERN:
            return f"{value!r} is not an abbreviation (expected letters, digits and & . - / as written in text, like 'F&I')"
        if pattern == URL_PATTERN:
            return f"{value!r} is not a web address (expected one starting with https:// or http://)"
        if pattern == PREFIX_PATTERN:
            return f"{value!r} is not a prefix (expected two to six lowercase letters or digits, starting with a letter, like 'td')"
        return f"{value!r} does not match the expected pattern {pattern}"
    if kind == "literal_error":
        return f"{value!r} is not allowed (expected one of: {ctx.get('expected', '').replace(' or ', ', ')})"
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}"
    if kind == "too_short":
        if isinstance(value, str) or ctx.get("field_type") == "Value":
            return "must not be empty (expected some text)"
        minimum = ctx.get("min_length", 1)
        return f"expected at least {minimum} item{'s' if minimum != 1 else ''}, got {ctx.get('actual_length', 0)}"
    if kind == "string_too_short":
        return "must not be empty (expected some text)"
    if kind == "string_too_long":
        return f"is too long (expected at most {ctx.get('max_length')} characters)"
    for bound, words in (("le", "at most"), ("ge", "at least"), ("lt", "below"), ("gt", "above")):
        if bound in ctx and kind.endswith(("than", "than_equal")):
            return f"{_describe(value)} is out of range (expected {words} {ctx[bound]})"
    message = item["msg"]
    return f"{message[0].lower()}{message[1:]} (got {_describe(value)})"


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "date_type": "a date like 2026-01-31",
    "date_parsing": "a date like 2026-01-31",
    "date_from_datetime_parsing": "a date like 2026-01-31",
    "bool_type": "true or false",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value!r} (a number)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _closed_list(model: type[BaseModel], loc: tuple, known: KnownLists) -> Optional[tuple[str, list[str]]]:
    """The closed list a field's value must come from (its name and ids), if any."""
    holder = _model_at(model, loc[:-1])
    field = holder.model_fields.get(str(loc[-1])) if holder else None
    extra = field.json_schema_extra if field is not None else None
    name = extra.get("x-cx-list") if isinstance(extra, dict) else None
    if not isinstance(name, str) or not known.get(name):
        return None
    return name, known[name]


def _not_in_list(value: Any, name: str, ids: list[str]) -> str:
    """``'Delivery team' is not a department id (did you mean 'delivery'? known: …)``"""
    noun = _singular(name)
    slug = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())
    hint = difflib.get_close_matches(slug, ids, n=1) or [i for i in ids if slug.startswith(i) or i.startswith(slug)][:1]
    guess = f"did you mean '{hint[0]}'? " if hint else ""
    return f"{value!r} is not a {noun} id ({guess}expected one of: {', '.join(ids)})"


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _model_at(annotation: Any, loc: tuple) -> Optional[type[BaseModel]]:
    """Walk ``loc`` through the model's annotations to the model that holds the last key."""
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else None
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation
