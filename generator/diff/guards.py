"""The guards: changes that would lose saved answers or history are errors;
changes a reviewer should look at, but may accept, are warnings.

Each problem points at a line of the head side (``file:line:col``), like
``cx-playbook check``: at the value itself, or for something removed, at the
nearest surviving parent (its section, its scale, the assessment's version).

Errors:

* an assessment whose questions, choices, scores, weights or levels changed
  without a higher ``version``; any content change without a higher playbook
  ``version`` (the check makes its changelog entry match);
* an id a saved answer may hold that nothing accounts for any more (not asked,
  not replaced, not retired), or an old id asked again (ids are never reused);
* an old choice id that saved answers may hold with no current choice for it.
"""

from __future__ import annotations

from typing import Optional

from generator import models
from generator.corpus import Corpus
from generator.diff.changes import ADDED, Comparison
from generator.diff.entities import Catalogue
from generator.diff.saved_answers import CHOICE_LOST, LOST, NA_LOST, REUSED, AnswerFates
from generator.diff.notes import whom
from generator.diff.values import same
from generator.diff.words import similarity
from generator.files import DocKey, DocKind
from generator.issues import Issue, Location
from generator.loader import format_path

# A kept question whose wording kept less than this share of its words may now ask something else.
REWORD_SIMILARITY = 0.5


def guard(base: Corpus, head: Corpus, old: Catalogue, new: Catalogue, fates: dict[str, AnswerFates],
          comparison: Comparison) -> tuple[list[Issue], list[Issue]]:
    errors: list[Issue] = []
    warnings: list[Issue] = []
    old_assessments = {a.id: a for a in base.assessments}
    for assessment in head.assessments:
        was = old_assessments.get(assessment.id)
        if was is None:
            continue
        at = _Locator(head, DocKey(DocKind.ASSESSMENT, assessment.id), assessment)
        errors += _assessment_version(was, assessment, at)
        errors += _lost_questions(was, assessment, fates[assessment.id], at)
        errors += _reused_ids(was, assessment, fates[assessment.id], at)
        errors += _lost_choices(fates[assessment.id], at)
        warnings += _rewordings(was, assessment, at)
        warnings += _weights_and_levels(was, assessment, at)
        warnings += _not_applicable(was, assessment, fates[assessment.id], at)
    errors += _playbook_version(base, head, comparison)
    warnings += _removed_assessments(base, head, old)
    warnings += _removed_plays(base, head, old, new)
    warnings += _dropped_sources(old, new, head)
    warnings += _changelog_history(base, head)
    return sorted(set(errors)), sorted(set(warnings))


class _Locator:
    """Issues at paths of one head assessment."""

    def __init__(self, corpus: Corpus, key: DocKey, assessment: models.Assessment):
        self.doc = corpus.documents[key]
        self.assessment = assessment

    def issue(self, path: tuple, message: str) -> Issue:
        return Issue(self.doc.locate(path), format_path(path), message)

    def question(self, qid: str) -> Optional[tuple]:
        for i, section in enumerate(self.assessment.sections):
            for j, question in enumerate(section.questions):
                if question.id == qid:
                    return ("sections", i, "questions", j)
        return None

    def section(self, sid: Optional[str]) -> Optional[tuple]:
        i = next((i for i, s in enumerate(self.assessment.sections) if s.id == sid), None)
        return None if i is None else ("sections", i, "questions")

    def scale(self, sid: str) -> tuple:
        i = next(i for i, s in enumerate(self.assessment.answer_sets) if s.id == sid)
        return ("answer_sets", i)


# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _not_raised(old: str, new: str) -> Optional[str]:
    """Why ``new`` is not a higher version than ``old``, or None when it is."""
    if _version(new) > _version(old):
        return None
    if new == old:
        return f"is still {new}"
    return f"went down from {old} to {new}"


def scoring_changes(old: models.Assessment, new: models.Assessment) -> list[str]:
    """What changed that saved answers or scores depend on."""
    found = []
    old_q = {q.id: (s.id, q) for s in old.sections for q in s.questions}
    new_q = {q.id: (s.id, q) for s in new.sections for q in s.questions}
    if old_q.keys() != new_q.keys():
        found.append("questions added or removed")
    common = old_q.keys() & new_q.keys()

    def differs(*names: str) -> bool:
        return any(getattr(old_q[k][1], n) != getattr(new_q[k][1], n) for k in common for n in names)

    if differs("text"):
        found.append("questions reworded")
    if differs("answer_set", "not_applicable", "replaces") or any(old_q[k][0] != new_q[k][0] for k in common):
        found.append("questions moved to another scale or section")
    if differs("weight"):
        found.append("weights")
    if not _same_by_id(old.answer_sets, new.answer_sets):
        found.append("answer choices or scores")
    if [(lv.id, lv.name, lv.min) for lv in old.levels] != [(lv.id, lv.name, lv.min) for lv in new.levels]:
        found.append("levels")
    if {s.id for s in old.sections} != {s.id for s in new.sections}:
        found.append("sections")
    return found


def _same_by_id(old: list, new: list) -> bool:
    a, b = {x.id: x for x in old}, {x.id: x for x in new}
    return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)


def _assessment_version(old: models.Assessment, new: models.Assessment, at: _Locator) -> list[Issue]:
    changed = scoring_changes(old, new)
    why = _not_raised(old.version, new.version)
    if not changed or why is None:
        return []
    return [at.issue(("version",), f"the version {why}, but the change touches saved answers and scores: "
                                   f"{', '.join(changed)} (expected a version above {old.version})")]


def _playbook_version(base: Corpus, head: Corpus, comparison: Comparison) -> list[Issue]:
    why = _not_raised(base.playbook.version, head.playbook.version)
    if why is None or not _content_changed(comparison):
        return []
    doc = head.documents[DocKey(DocKind.PLAYBOOK)]
    return [Issue(doc.locate(("version",)), "version",
                  f"the content changed but the playbook's version {why} "
                  f"(expected a version above {base.playbook.version}, with a changelog entry for it at the top)")]


def _content_changed(comparison: Comparison) -> bool:
    for file in comparison.files:
        for change in file.changes:
            if change.noun == "changelog entry" and change.sign == ADDED:
                continue
            if change.noun == "playbook" and all(f.name == "version" for f in change.fields):
                continue
            return True
    return False


# ---------------------------------------------------------------------------
# Questions and choices that saved answers hold
# ---------------------------------------------------------------------------


def _lost_questions(old: models.Assessment, new: models.Assessment, fates: AnswerFates, at: _Locator) -> list[Issue]:
    out = []
    retired_before = {r.id for r in old.retired}
    carriers = {r: q.id for s in old.sections for q in s.questions for r in q.replaces}
    for fate in fates.questions:
        if fate.kind != LOST:
            continue
        if fate.asked:
            path = at.section(fate.section) or ("version",)
            out.append(at.issue(path, f"question '{fate.old_id}' was removed, but nothing replaces it and it is not "
                                      "under retired: its saved answers would be lost without a word (expected "
                                      f"'{fate.old_id}' under the replaces of the question that now asks the same, "
                                      "or under retired with its wording)"))
        elif fate.old_id in retired_before:
            path = ("retired",) if new.retired else ("version",)
            out.append(at.issue(path, f"retired question '{fate.old_id}' was dropped from retired: answers archived "
                                      "under it would lose their wording, and its id could be used again "
                                      f"(expected '{fate.old_id}' to stay under retired)"))
        else:
            carrier = carriers.get(fate.old_id)
            path = at.question(carrier) if carrier else None
            out.append(at.issue(path + ("replaces",) if path else ("version",),
                                f"'{fate.old_id}' was under the replaces of '{carrier}' and is no longer anywhere: "
                                "older answers saved under it would be lost (expected it under the replaces of the "
                                "question that now asks the same, or under retired)"))
    return out


def _reused_ids(old: models.Assessment, new: models.Assessment, fates: AnswerFates, at: _Locator) -> list[Issue]:
    out = []
    retired_before = {r.id: r for r in old.retired}
    carriers = {r: q.id for s in old.sections for q in s.questions for r in q.replaces}
    for fate in fates.questions:
        if fate.kind != REUSED:
            continue
        if fate.old_id in retired_before:
            was = f"was retired in {retired_before[fate.old_id].retired_in} (\"{retired_before[fate.old_id].text}\")"
        else:
            was = f"was replaced by '{carriers.get(fate.old_id)}'"
        path = at.question(fate.old_id) or ("version",)
        out.append(at.issue(path + ("id",), f"question id '{fate.old_id}' is used again: it {was}, and answers saved "
                                            "under it belong to that question (ids are never reused: expected a new id)"))
    old_scales = {s.id: s for s in old.answer_sets}
    for i, scale in enumerate(new.answer_sets):
        before = old_scales.get(scale.id)
        if before is None:
            continue
        own = {c.id for c in before.choices}
        older = {r: c.id for c in before.choices for r in c.replaces if r not in own}
        for j, choice in enumerate(scale.choices):
            if choice.id in older and not any(choice.id in c.replaces for c in scale.choices):
                out.append(at.issue(("answer_sets", i, "choices", j, "id"),
                                    f"choice id '{choice.id}' is used again: it was replaced by '{older[choice.id]}', "
                                    "and answers saved under it meant that choice (ids are never reused: expected a new id)"))
    return out


def _lost_choices(fates: AnswerFates, at: _Locator) -> list[Issue]:
    groups: dict[tuple[str, str], list] = {}
    for fate in fates.choices:
        if fate.kind == CHOICE_LOST:
            groups.setdefault((fate.scale, fate.choice), []).append(fate)
    out = []
    for (scale, choice), found in groups.items():
        questions = list(dict.fromkeys(f.question for f in found))
        moved = sorted({f.old_scale for f in found if f.old_scale != scale})
        if moved:
            how = (f"{whom(questions)} moved to this scale from {', '.join(repr(m) for m in moved)}, whose choice "
                   f"'{choice}' has no counterpart here: saved '{choice}' answers to "
                   f"{'it' if len(questions) == 1 else 'them'} would be lost")
        else:
            how = f"choice '{choice}' was removed, and saved answers to {whom(questions)} may hold it: they would be lost"
        out.append(at.issue(at.scale(scale) + ("choices",),
                            f"{how} (expected '{choice}' under the replaces of the choice that now means the same)"))
    return out


# ---------------------------------------------------------------------------
# Warnings
# ---------------------------------------------------------------------------


def _questions_in_both(old: models.Assessment, new: models.Assessment):
    """(before, after) of every question id both versions ask."""
    before = {q.id: q for s in old.sections for q in s.questions}
    for s in new.sections:
        for q in s.questions:
            if q.id in before:
                yield before[q.id], q


def _rewordings(old: models.Assessment, new: models.Assessment, at: _Locator) -> list[Issue]:
    out = []
    for was, q in _questions_in_both(old, new):
        if was.text.split() == q.text.split():
            continue
        kept = similarity(was.text, q.text)
        if kept < REWORD_SIMILARITY:
            out.append(at.issue(at.question(q.id) + ("text",),
                                f"question '{q.id}': {round((1 - kept) * 100)}% of its words changed, and its saved "
                                "answers are kept (to be confirmed); if it now asks something else, give it a new "
                                f"id and retire '{q.id}'"))
    return out


def _weights_and_levels(old: models.Assessment, new: models.Assessment, at: _Locator) -> list[Issue]:
    out = []
    for was, q in _questions_in_both(old, new):
        if was.weight != q.weight:
            out.append(at.issue(at.question(q.id) + ("weight",),
                                f"weight {was.weight} -> {q.weight}: every score this question counts in changes "
                                "for the same answers"))
    old_levels = {lv.id: lv for lv in old.levels}
    for i, level in enumerate(new.levels):
        was = old_levels.get(level.id)
        if was is None:
            out.append(at.issue(("levels", i, "id"), f"new level '{level.id}': the same answers may now show another level"))
        elif was.min != level.min:
            out.append(at.issue(("levels", i, "min"), f"level '{level.id}' starts at {level.min:g}% instead of "
                                                     f"{was.min:g}%: the same answers may now show another level"))
    for level in old.levels:
        if level.id not in {lv.id for lv in new.levels}:
            out.append(at.issue(("levels",), f"level '{level.id}' was removed: the same answers may now show another level"))
    return out


def _not_applicable(old: models.Assessment, new: models.Assessment, fates: AnswerFates, at: _Locator) -> list[Issue]:
    out = []
    by_scale: dict[str, list[str]] = {}
    for fate in fates.choices:
        if fate.kind != NA_LOST:
            continue
        if fate.by_question:
            out.append(at.issue(at.question(fate.question) + ("not_applicable",),
                                f"question '{fate.question}' no longer offers 'not applicable': saved 'not applicable' "
                                "answers to it cannot be kept, and respondents answer it again"))
        else:
            by_scale.setdefault(fate.scale, []).append(fate.question)
    for scale, questions in by_scale.items():
        out.append(at.issue(at.scale(scale) + ("not_applicable",),
                            f"scale '{scale}' no longer offers 'not applicable' ({whom(questions)}): saved "
                            "'not applicable' answers cannot be kept, and respondents answer again"))
    return out


def _removed_assessments(base: Corpus, head: Corpus, old: Catalogue) -> list[Issue]:
    now = {a.id for a in head.assessments}
    out = []
    for assessment in base.assessments:
        if assessment.id not in now:
            file = old.files[DocKey(DocKind.ASSESSMENT, assessment.id)]
            out.append(Issue(Location(file, 1, 1), "", f"assessment '{assessment.id}' was removed: its page goes, and "
                                                       "answers saved to it can no longer be opened on the site"))
    return out


def _removed_plays(base: Corpus, head: Corpus, old: Catalogue, new: Catalogue) -> list[Issue]:
    out = []
    for play_id, ref in base.plays.items():
        if play_id in head.plays:
            continue
        users = [f"the 90-day plan (phase '{p.id}')" for p in base.plan.phases if any(x.play == play_id for x in p.plays)]
        users += [f"question '{q.id}' of {a.id}" for a in base.assessments for s in a.sections for q in s.questions
                  if play_id in q.plays]
        if not users:
            continue
        key = DocKey(DocKind.MOMENT, ref.moment.id) if ref.moment else DocKey(DocKind.STRATEGY)
        if key in head.documents:
            location = head.documents[key].locate(("plays",))
        else:
            location = Location(old.files[key], 1, 1)
        shown = ", ".join(users[:4]) + (", …" if len(users) > 4 else "")
        out.append(Issue(location, "plays", f"play '{play_id}' was removed: {shown} recommended it before "
                                            "(check that what replaces it is recommended there now)"))
    return out


def _dropped_sources(old: Catalogue, new: Catalogue, head: Corpus) -> list[Issue]:
    out = []
    old_by = old.by_match()
    for entity in new.entities:
        was = old_by.get(entity.match)
        if was is None:
            continue
        before, now = getattr(was.model, "sources", None), getattr(entity.model, "sources", None)
        if not isinstance(before, list) or not isinstance(now, list):
            continue
        dropped = [source for source in before if source not in now]
        if dropped:
            doc = head.documents[entity.doc]
            path = entity.path + ("sources",)
            name = f"{entity.noun} '{entity.key}'" if entity.key else entity.noun
            cited = ", ".join(f"'{s}'" for s in dropped)
            out.append(Issue(doc.locate(path), format_path(path),
                             f"{name} no longer cites {cited}: check that nothing it still says relies on "
                             f"{'them' if len(dropped) > 1 else 'it'}"))
    return out


def _changelog_history(base: Corpus, head: Corpus) -> list[Issue]:
    out = []
    before = {e.version: e for e in base.playbook.changelog}
    doc = head.documents[DocKey(DocKind.PLAYBOOK)]
    for i, entry in enumerate(head.playbook.changelog):
        was = before.get(entry.version)
        if was is not None and not same(was, entry):
            out.append(Issue(doc.locate(("changelog", i)), format_path(("changelog", i)),
                             f"the changelog entry for {entry.version} was edited: published entries are history "
                             "(expected changes in a new entry at the top)"))
    now = {e.version for e in head.playbook.changelog}
    for version in before:
        if version not in now:
            out.append(Issue(doc.locate(("changelog",)), "changelog",
                             f"the changelog entry for {version} was removed: published entries are history"))
    return out
