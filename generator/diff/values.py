"""Two versions of one entity compared field by field, on the validated models.

How a field reads depends on what it holds, as the model declares it
(:mod:`generator.fields`):

* text (plain or Markdown) → a word diff;
* numbers, levels, ids → ``old -> new``;
* a list of ids (``sources``, ``plays``, ``replaces``) → ids added and removed;
  their order is not a change;
* a list of text (``steps``, ``facts``) → item by item, in order: steps are
  read in order, so moving one is a change;
* a nested model (``lenses``) → its fields, under a dotted name;
* a list of models with ids (a scale's ``choices``, a phase's ``plays``) →
  child changes with their own signs, matched by id.
"""

from __future__ import annotations

import datetime
import difflib
from typing import Any

from generator import models
from generator.fields import TextKind, kind_of
from generator.diff.changes import ADDED, CHANGED, REMOVED, REPLACED, Change, FieldChange
from generator.diff.entities import label_of
from generator.diff.words import overlap, similarity

# The field that identifies the items of a nested list, by model.
# A minimum-version entry is one per moment, so the moment names it; baseline and
# checkpoint measures are one per metric; code: a language of playbook.yml.
_KEYS = ("id", "moment", "play", "version", "metric", "code")

# Nouns of nested entities, by the field that holds them.
CHILD_NOUNS = {"choices": "choice", "plays": "planned play", "minimum": "minimum play", "measures": "baseline measure",
               "compare": "measure compared"}

# Nested entities whose order is part of their meaning: a scale's choices run from
# the lowest to the highest, and a saved answer's fingerprint records their order,
# so the site asks respondents to confirm answers when it changes.
ORDERED = frozenset({"choices"})


def compare(old: models.Entity, new: models.Entity, skip: frozenset[str] = frozenset(),
            prefix: str = "") -> tuple[list[FieldChange], list[Change]]:
    """The fields that differ, and the nested entities that were added, changed or removed."""
    fields: list[FieldChange] = []
    children: list[Change] = []
    for name in type(new).model_fields:
        if name in skip:
            continue
        a, b = getattr(old, name), getattr(new, name)
        label = f"{prefix}{name}"
        if _same(type(new), name, a, b):
            continue
        kind = kind_of(type(new), name)
        if isinstance(a, models.Entity) and isinstance(b, models.Entity):
            inner, nested = compare(a, b, prefix=f"{label}.")
            fields += inner
            children += nested
        elif _is_entity_list(a) or _is_entity_list(b):
            children += compare_keyed(CHILD_NOUNS.get(name, name), a or [], b or [])
            if name in ORDERED and _order(a or [], b or []) != _order(b or [], a or []):
                fields.append(FieldChange(f"order of {name}", "value", old=", ".join(_order(a or [], b or [])),
                                          new=", ".join(_order(b or [], a or []))))
        elif isinstance(a, list) or isinstance(b, list):
            if kind is not None:
                fields += _text_items(label, list(a or []), list(b or []), kind)
            else:
                added = tuple(x for x in _unique(b or []) if x not in (a or []))
                removed = tuple(x for x in _unique(a or []) if x not in (b or []))
                if added or removed:
                    fields.append(FieldChange(label, "set", added=added, removed=removed))
        elif kind is not None:  # any text, plain or Markdown: word by word, as `git diff --word-diff`
            fields.append(FieldChange(label, "prose", old=a or "", new=b or ""))
        else:
            fields.append(FieldChange(label, "value", old=show(a), new=show(b)))
    return fields, children


def compare_keyed(noun: str, old: list, new: list) -> list[Change]:
    """Nested entities matched by id: head order first, removed ones after the
    entity they followed. A new entity whose ``replaces`` names a removed one
    is shown as a replacement of it."""
    old_by = {_key(x): x for x in old}
    new_by = {_key(x): x for x in new}
    replaced = replacements(list(old_by), new)
    out: list[Change] = []
    for key in merged_order(list(old_by), list(new_by)):
        if key in new_by and key in old_by:
            fields, children = compare(old_by[key], new_by[key])
            if fields or children:
                out.append(Change(CHANGED, noun, key, label_of(new_by[key]), fields=fields, children=children))
        elif key in new_by:
            gone = replaced.get(key)
            if gone:
                fields, children = compare(old_by[gone], new_by[key])
                out.append(Change(REPLACED, noun, key, label_of(new_by[key]), old_key=gone,
                                  fields=replacement_fields(fields, gone), children=children))
            else:
                out.append(Change(ADDED, noun, key, label_of(new_by[key]), fields=describe(new_by[key])))
        elif key not in replaced.values():
            out.append(Change(REMOVED, noun, key, label_of(old_by[key])))
    return out


def replacements(old_keys: list[str], new: list) -> dict[str, str]:
    """new key → the removed old key it takes over (the first it lists under ``replaces``)."""
    new_keys = {_key(x) for x in new}
    gone = [k for k in old_keys if k not in new_keys]
    found: dict[str, str] = {}
    taken: set[str] = set()
    for item in new:
        key = _key(item)
        if key in old_keys:
            continue
        for old in getattr(item, "replaces", []) or []:
            if old in gone and old not in taken:
                found[key] = old
                taken.add(old)
                break
    return found


def replacement_fields(fields: list[FieldChange], gone: str) -> list[FieldChange]:
    """The fields of a replacement, less what its title already says: the new
    id, and the old id under ``replaces``."""
    out = []
    for field in fields:
        if field.name == "id":
            continue
        if field.name == "replaces" and gone in field.added:
            field = FieldChange(field.name, "set", added=tuple(x for x in field.added if x != gone),
                                removed=field.removed)
            if not field.added and not field.removed:
                continue
        out.append(field)
    return out


def merged_order(old: list[str], new: list[str]) -> list[str]:
    """``new`` in its order, with each key only in ``old`` placed right after
    the key it followed in ``old`` (or first)."""
    order = list(new)
    placed = set(new)
    for index, key in enumerate(old):
        if key in placed:
            continue
        before = next((k for k in reversed(old[:index]) if k in placed), None)
        at = order.index(before) + 1 if before is not None else 0
        order.insert(at, key)
        placed.add(key)
    return order


def describe(model: models.Entity) -> list[FieldChange]:
    """What a reader needs to know of a new nested entity: a choice's score."""
    if isinstance(model, models.Choice):
        fields = [FieldChange("score", "value", new=show(model.score))]
        if model.replaces:
            fields.append(FieldChange("replaces", "set", added=tuple(model.replaces)))
        return fields
    return []


def show(value: Any) -> str:
    """A value as it reads in the summary: text quoted, numbers as written."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (int, datetime.date)):
        return str(value)
    if isinstance(value, str):
        return '"' + " ".join(value.split()) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)


def _text_items(label: str, a: list[str], b: list[str], kind: TextKind) -> list[FieldChange]:
    """A list of text compared in order: an item reworded shows as a word diff
    (or ``old -> new``), others as added or removed. Within a changed run,
    items are paired by wording, so one inserted step does not make every step
    after it look rewritten."""
    out: list[FieldChange] = []
    na, nb = [_norm(x) for x in a], [_norm(x) for x in b]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = _pair_by_wording(na[i1:i2], nb[j1:j2])
        paired_old = {i for i, _ in pairs}
        paired_new = {j: i for i, j in pairs}
        for k in range(i2 - i1):
            if k not in paired_old:
                out.append(FieldChange(f"{label}[{i1 + k}]", "removed", old=a[i1 + k]))
        for k in range(j2 - j1):
            if k in paired_new:
                i = i1 + paired_new[k]
                name = f"{label}[{j1 + k}]"
                out.append(FieldChange(name, "prose", old=a[i], new=b[j1 + k]))
            else:
                out.append(FieldChange(f"{label}[{j1 + k}]", "added", new=b[j1 + k]))
    return out


# Items sharing at least this share of words, or one holding most of the other's
# words, are the same item reworded.
_SAME_ITEM = 0.5
_HELD = 0.75


def _pair_by_wording(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """The most (old, new) pairs, in order, of items similar enough to be one
    item reworded: a longest common subsequence under similarity."""
    n, m = len(old), len(new)
    if n == m == 1:
        return [(0, 0)]  # one item in place of one: the same item, reworded
    close = [[similarity(x, y) >= _SAME_ITEM or overlap(x, y) >= _HELD for y in new] for x in old]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if close[i][j] else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if close[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def same(old: models.Entity, new: models.Entity, skip: frozenset[str] = frozenset()) -> bool:
    """Equal once the order of ids and of entities, and the spacing of prose, are set aside."""
    if type(old) is not type(new):
        return False
    return all(_same(type(new), name, getattr(old, name), getattr(new, name))
               for name in type(new).model_fields if name not in skip)


def _same(model: type[models.Entity], name: str, a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return _norm(a) == _norm(b)
    if isinstance(a, models.Entity) and isinstance(b, models.Entity):
        return same(a, b)
    if isinstance(a, list) and isinstance(b, list):
        if _is_entity_list(a) or _is_entity_list(b):
            old_by, new_by = {_key(x): x for x in a}, {_key(x): x for x in b}
            if name in ORDERED and list(old_by) != list(new_by):
                return False
            return old_by.keys() == new_by.keys() and all(same(old_by[k], new_by[k]) for k in new_by)
        if kind_of(model, name) is None:  # ids: a set
            return set(a) == set(b)
        return [_norm(x) for x in a] == [_norm(x) for x in b]
    return a == b


def _order(items: list, others: list) -> list[str]:
    """The keys of ``items`` also in ``others``, in the order of ``items``."""
    keep = {_key(x) for x in others}
    return [_key(x) for x in items if _key(x) in keep]


def _is_entity_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], models.Entity)


def _key(item: models.Entity) -> str:
    for name in _KEYS:
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    raise TypeError(f"{type(item).__name__} has no id")  # pragma: no cover - every nested list has one


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _norm(text: str) -> str:
    return " ".join(text.split())
