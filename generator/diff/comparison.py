"""Compare two validated playbooks: entities matched by id, grouped by file, each
with its consequence for saved answers, and the guards' verdict.

Order is not a change: entities are matched by id, and lists of ids compared
as sets. Output is deterministic: files sorted by path, entities in the head
side's order, a removed entity right after the one it followed.
"""

from __future__ import annotations

from typing import Optional

from generator import models
from generator.corpus import Corpus
from generator.diff import next_steps, notes
from generator.diff.changes import ADDED, CHANGED, REMOVED, REPLACED, Change, Comparison, FieldChange, FileChanges
from generator.diff.entities import Catalogue, Entity, catalogue
from generator.diff.guards import guard
from generator.diff.saved_answers import AnswerFates, answer_fates
from generator.diff.values import (CHILD_NOUNS, compare, compare_keyed, describe, merged_order, replacement_fields,
                                   replacements, show)
from generator.files import DocKey, DocKind


def compare_corpora(base: Corpus, head: Corpus, base_label: str, head_label: str) -> Comparison:
    old, new = catalogue(base), catalogue(head)
    old_assessments = {a.id: a for a in base.assessments}
    fates = {a.id: answer_fates(old_assessments[a.id], a) for a in head.assessments if a.id in old_assessments}
    replaced = _replaced_questions(old, new)
    changes = _changes(old, new, replaced)
    for path, found in changes.items():
        for entity, change in found:
            if entity.noun in ("question", "answer set") and entity.doc.name in fates:
                notes.attach(change, entity.noun, fates[entity.doc.name])

    comparison = Comparison(base_label, head_label, base.playbook.version, head.playbook.version)
    summaries = {head.documents[DocKey(DocKind.ASSESSMENT, a)].file: f for a, f in fates.items()}
    for path in sorted(changes):
        found = [change for _, change in changes[path]]
        if not found:
            continue
        fate: Optional[AnswerFates] = summaries.get(path)
        touched = fate is not None and any(c.noun in ("question", "answer set", "retired question") for c in found)
        comparison.files.append(FileChanges(path, found, fate.summary() if touched else None))
    comparison.errors, comparison.warnings = guard(base, head, old, new, fates, comparison)
    next_steps.plan(base, head, fates, comparison)
    return comparison


def _replaced_questions(old: Catalogue, new: Catalogue) -> dict[tuple, tuple]:
    """Match keys of new questions that take over a removed one (``replaces``) → the old one's."""
    found: dict[tuple, tuple] = {}
    by_doc: dict = {}
    for entity in new.entities:
        if entity.noun == "question":
            by_doc.setdefault(entity.doc, []).append(entity)
    for doc, questions in by_doc.items():
        old_ids = [e.key for e in old.entities if e.noun == "question" and e.doc == doc]
        for new_id, old_id in replacements(old_ids, [q.model for q in questions]).items():
            found[(doc, "question", new_id)] = (doc, "question", old_id)
    return found


def _changes(old: Catalogue, new: Catalogue, replaced: dict[tuple, tuple]) -> dict[str, list[tuple[Entity, Change]]]:
    """Per file (display path): (entity, change) in reading order."""
    old_by, new_by = old.by_match(), new.by_match()
    taken = set(replaced.values())
    out: dict[str, list[tuple[Entity, Change]]] = {}
    files = sorted({e.file for e in new.entities} | {e.file for e in old.entities})
    for file in files:
        here_new = [e for e in new.entities if e.file == file]
        removed_here = [e for e in old.entities if e.file == file and e.match not in new_by and e.match not in taken]
        order = merged_order([e.match for e in old.entities if e.file == file and (e.match in {n.match for n in here_new}
                                                                                    or e in removed_here)],
                             [e.match for e in here_new])
        found: list[tuple[Entity, Change]] = []
        for match in order:
            change = _change(match, old_by, new_by, replaced)
            if change is not None:
                found.append((new_by.get(match) or old_by[match], change))
        out[file] = found
    return out


def _change(match: tuple, old_by: dict[tuple, Entity], new_by: dict[tuple, Entity],
            replaced: dict[tuple, tuple]) -> Optional[Change]:
    now, was = new_by.get(match), old_by.get(match)
    if now is not None and was is not None:
        fields, children = compare(was.model, now.model, now.skip)
        fields = _extra(was, now) + fields
        return Change(CHANGED, now.noun, now.key, now.label, fields=fields, children=children) if fields or children else None
    if now is not None and match in replaced:
        was = old_by[replaced[match]]
        fields, children = compare(was.model, now.model, now.skip)
        return Change(REPLACED, now.noun, now.key, now.label, old_key=was.key,
                      fields=_extra(was, now) + replacement_fields(fields, was.key), children=children)
    if now is not None:
        return Change(ADDED, now.noun, now.key, now.label, fields=describe(now.model), children=_new_children(now))
    assert was is not None
    return Change(REMOVED, was.noun, was.key, was.label)


def _extra(was: Entity, now: Entity) -> list[FieldChange]:
    """Facts that are not fields: a question's section, the file a play or metric lives in."""
    out = []
    old_extra, new_extra = dict(was.extra), dict(now.extra)
    for name, value in new_extra.items():
        if old_extra.get(name) != value:
            out.append(FieldChange(name, "value", old=show(old_extra.get(name)), new=show(value)))
    if was.file != now.file:
        out.append(FieldChange("moved", "value", old=was.file, new=now.file))
    return out


def _new_children(entity: Entity) -> list[Change]:
    """A new scale's choices, a new phase's plays: shown, since a reviewer must read them."""
    out: list[Change] = []
    for name in type(entity.model).model_fields:
        value = getattr(entity.model, name)
        if name not in entity.skip and isinstance(value, list) and value and isinstance(value[0], models.Entity):
            out += compare_keyed(CHILD_NOUNS.get(name, name), [], value)
    return out
