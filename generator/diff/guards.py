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
from generator.diff.changes import ADDED, Comparison, Paste
from generator.diff.entities import Catalogue
from generator.diff.saved_answers import CHOICE_LOST, CONFIRM, LOST, NA_LOST, REUSED, AnswerFates
from generator.diff.notes import whom
from generator.diff.values import same
from generator.diff.versions import published_version, scoring_changes, version_tuple as _version
from generator.diff.words import similarity
from generator.files import DocKey, DocKind
from generator.issues import Issue, Location, format_path

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
        lost, pastes = _lost_questions(was, assessment, fates[assessment.id], at)
        errors += lost
        comparison.pastes += pastes
        errors += _retired_in(was, assessment, fates[assessment.id], at)
        errors += _reused_ids(was, assessment, fates[assessment.id], at)
        errors += _lost_choices(fates[assessment.id], at)
        warnings += _rewordings(was, assessment, at)
        warnings += _shared_scales(was, assessment, fates[assessment.id], at)
        warnings += _wording_fixes(was, assessment, head, at)
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


def _not_raised(old: str, new: str) -> Optional[str]:
    """Why ``new`` is not a higher version than ``old``, or None when it is."""
    if _version(new) > _version(old):
        return None
    if new == old:
        return f"is still {new}"
    return f"went down from {old} to {new}"


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


def _lost_questions(old: models.Assessment, new: models.Assessment, fates: AnswerFates,
                    at: _Locator) -> tuple[list[Issue], list[Paste]]:
    out = []
    pastes = []
    retired_before = {r.id for r in old.retired}
    carriers = {r: q.id for s in old.sections for q in s.questions for r in q.replaces}
    asked_before = {q.id: q for s in old.sections for q in s.questions}
    for fate in fates.questions:
        if fate.kind != LOST:
            continue
        if fate.asked:
            if new.retired:
                path: tuple = ("retired",)
                where = f"under `retired:` in {at.doc.file} (line {at.doc.locate(path).line})"
            else:
                path = at.section(fate.section) or ("version",)
                where = f"at the end of {at.doc.file} (a new `retired:` list)"
            out.append(at.issue(path, f"question '{fate.old_id}' was removed, but nothing replaces it and it is not "
                                      "under retired: its saved answers would be lost without a word (paste the "
                                      f"block printed below {where.split(' (')[0]}; or, if another question now "
                                      f"asks the same, list '{fate.old_id}' under its replaces)"))
            pastes.append(Paste(where, retired_block(asked_before[fate.old_id], published_version(old, new, fates),
                                                     header=not new.retired)))
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
    return out, pastes


def retired_block(question: models.Question, version: str, header: bool) -> str:
    """The YAML an editor pastes under ``retired:`` for a question no longer asked."""
    lines = ["retired:"] if header else []
    lines += [f"  - id: {question.id}",
              f"    text: {_yaml_text(question.text)}",
              f"    retired_in: {version}",
              "    reason: Why it is no longer asked, in one sentence."]
    return "\n".join(lines)


def _yaml_text(text: str) -> str:
    """Text as a YAML value that reads back the same: quoted, as CONTRIBUTING asks for text with ': ' or '#'."""
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _retired_in(old: models.Assessment, new: models.Assessment, fates: AnswerFates, at: _Locator) -> list[Issue]:
    """A question retired by this change is retired in the version this change publishes."""
    out = []
    before = {r.id for r in old.retired}
    target = published_version(old, new, fates)
    for i, retired in enumerate(new.retired):
        if retired.id in before or retired.retired_in == new.version:
            continue
        then = "" if target == new.version else f"; this change is published as {target}: raise `version` to it too"
        out.append(at.issue(("retired", i, "retired_in"),
                            f"'{retired.id}' is retired by this change, so it is retired in the version this change "
                            f"publishes, not {retired.retired_in} (expected retired_in: {new.version}, as in "
                            f"`version:`{then})"))
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
        if was.text.split() == q.text.split() or was.text in q.same_meaning_as:
            continue
        kept = similarity(was.text, q.text)
        if kept < REWORD_SIMILARITY:
            out.append(at.issue(at.question(q.id) + ("text",),
                                f"question '{q.id}': {round((1 - kept) * 100)}% of its words changed, and its saved "
                                "answers are kept (to be confirmed); if it now asks something else, give it a new "
                                f"id and retire '{q.id}'"))
    return out


# Scale changes that send every answer on the scale back to be confirmed.
_SCALE_REASONS = ("choices added or removed", "choices reordered", "choices reworded", "re-scored",
                  "'not applicable' reworded")


def _shared_scales(old: models.Assessment, new: models.Assessment, fates: AnswerFates, at: _Locator) -> list[Issue]:
    """An edit to a scale is an edit to every question on it: say how many
    respondents will be asked about, by the questions' wording."""
    out = []
    texts = {q.id: q.text for s in new.sections for q in s.questions}
    for scale in new.answer_sets:
        asked = [f.target for f in fates.questions if f.kind == CONFIRM and f.old_scale == f.scale == scale.id
                 and any(r in _SCALE_REASONS for r in f.reasons)]
        asked = [q for q in dict.fromkeys(asked) if q in texts]
        if len(asked) < 2:
            continue
        shown = "; ".join(f'"{_short(texts[q])}"' for q in asked[:_WORDINGS])
        more = f"; and {len(asked) - _WORDINGS} more" if len(asked) > _WORDINGS else ""
        out.append(at.issue(at.scale(scale.id) + ("choices",),
                            f"this edit to scale '{scale.id}' asks every respondent to re-confirm their answers to "
                            f"{len(asked)} questions: {shown}{more} (if you only fixed the wording of a choice, list "
                            "its old label under that choice's `same_meaning_as:` and nobody is asked)"))
    return out


_WORDINGS = 4


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wording_fixes(old: models.Assessment, new: models.Assessment, head: Corpus, at: _Locator) -> list[Issue]:
    """A wording fix declared to mean the same spares respondents a confirmation;
    the changelog says so, so that readers of the history know it was a choice."""
    newest = head.playbook.changelog[0]
    logged = " ".join(newest.changes)
    out = []
    for was, q in _questions_in_both(old, new):
        if was.text != q.text and was.text in q.same_meaning_as and q.id not in logged:
            out.append(at.issue(at.question(q.id) + ("same_meaning_as",),
                                f"question '{q.id}' is declared to mean the same after its rewording: record it in "
                                f"the changelog's entry for {newest.version} (add a line like \"Wording fix, same "
                                f"meaning: question '{q.id}'\")"))
    old_scales = {s.id: s for s in old.answer_sets}
    for i, scale in enumerate(new.answer_sets):
        before = old_scales.get(scale.id)
        if before is None:
            continue
        labels = {c.id: c.label for c in before.choices}
        for j, choice in enumerate(scale.choices):
            was_label = labels.get(choice.id)
            if was_label is not None and was_label != choice.label and was_label in choice.same_meaning_as \
                    and choice.id not in logged:
                out.append(at.issue(("answer_sets", i, "choices", j, "same_meaning_as"),
                                    f"choice '{choice.id}' of scale '{scale.id}' is declared to mean the same after "
                                    f"its rewording: record it in the changelog's entry for {newest.version} (add a "
                                    f"line like \"Wording fix, same meaning: choice '{choice.id}' of '{scale.id}'\")"))
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
                                "answers to it go to its lowest step, to be confirmed by respondents"))
        else:
            by_scale.setdefault(fate.scale, []).append(fate.question)
    for scale, questions in by_scale.items():
        out.append(at.issue(at.scale(scale) + ("not_applicable",),
                            f"scale '{scale}' no longer offers 'not applicable' ({whom(questions)}): saved "
                            "'not applicable' answers go to the lowest step, to be confirmed, or, on a question that "
                            "needs a department, to the respondent's profile"))
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
