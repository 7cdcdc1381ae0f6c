"""What a new version of an assessment does to the answers people saved
against the old one, by the same rules the site applies when it reads them
(:func:`generator.answers.carry_over` and ``theme/assets/cx/answers.js``):

* an answer is keyed by question id; it follows its question to a new id
  through that question's ``replaces``;
* its choice must exist in the (new) question's scale, by id or through a
  choice's ``replaces``; otherwise it cannot be kept;
* "not applicable" is kept only where the question still offers it;
* an answer to a question no longer asked is archived, with the wording
  ``retired`` records for it;
* a kept answer is shown as "to be confirmed" when its question was reworded
  or its scale (choice ids, labels, scores, N/A) changed: the fingerprint the
  answer file records no longer matches.

Every id a saved answer may hold is considered: the old version's question ids,
and the older ids it still carried (its ``replaces`` and ``retired``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from generator import models
from generator.answer_file import NOT_APPLICABLE
from generator.browser_model import fingerprint, same_fingerprints
from generator.diff.changes import AnswerSummary

# What happens to the answers to one old question id.
KEPT = "kept"  # same question, same wording, same scale
CONFIRM = "confirm"  # same question; reworded or its scale changed
CARRIED = "carried"  # to a new id that lists it under `replaces`
MERGED = "merged"  # into a question that was already asked, through its `replaces`
ARCHIVED = "archived"  # recorded under `retired`
LOST = "lost"  # none of the above: the guards stop it
REUSED = "reused"  # an old id (replaced or retired before) asked again: the guards stop it

# What happens to one old choice id of a question whose answers are kept.
RESCORED = "rescored"  # same choice id, another score
MAPPED = "mapped"  # to another choice, by that choice's `replaces`
CHOICE_LOST = "choice-lost"
NA_LOST = "na-lost"  # "not applicable" no longer offered


@dataclass(frozen=True)
class QuestionFate:
    old_id: str
    kind: str
    target: Optional[str] = None  # the current question that receives the answers
    reasons: tuple[str, ...] = ()  # why respondents are asked to confirm
    retired_in: Optional[str] = None
    asked: bool = True  # a question of the old version (not only an older id it carried)
    section: Optional[str] = None  # its section in the old version
    old_scale: Optional[str] = None  # the scale it was answered on, and the one its answers are read on now
    scale: Optional[str] = None
    same_meaning: tuple[str, ...] = ()  # what changed but is declared to mean the same (same_meaning_as)


@dataclass(frozen=True)
class ChoiceFate:
    old_question: str
    question: str
    old_scale: str
    scale: str
    choice: str  # the old choice id, or "n/a"
    kind: str
    to: Optional[str] = None  # the current choice id (MAPPED)
    old_score: Optional[float] = None
    score: Optional[float] = None
    by_question: bool = False  # NA_LOST: the question withdrew it, not its scale

    @property
    def same_scale(self) -> bool:
        return self.old_scale == self.scale


@dataclass
class AnswerFates:
    assessment: str
    old_version: str
    new_version: str
    questions: list[QuestionFate] = field(default_factory=list)
    choices: list[ChoiceFate] = field(default_factory=list)

    def question(self, old_id: str) -> Optional[QuestionFate]:
        return next((f for f in self.questions if f.old_id == old_id), None)

    def summary(self) -> AnswerSummary:
        asked = [f for f in self.questions if f.asked]
        count = lambda kind: sum(1 for f in asked if f.kind == kind)  # noqa: E731
        mapped = {(c.old_scale, c.choice, c.scale) for c in self.choices if c.kind == MAPPED}
        lost = {(c.old_scale, c.choice, c.scale) for c in self.choices if c.kind == CHOICE_LOST}
        return AnswerSummary(
            self.assessment, self.old_version, self.new_version,
            kept=count(KEPT), confirm=count(CONFIRM), carried=count(CARRIED), merged=count(MERGED),
            archived=count(ARCHIVED), lost=count(LOST),
            older_lost=sum(1 for f in self.questions if f.kind == LOST and not f.asked),
            choices_mapped=len(mapped), choices_lost=len(lost),
        )


def answer_fates(old: models.Assessment, new: models.Assessment) -> AnswerFates:
    found = AnswerFates(new.id, old.version, new.version)
    old_questions = {q.id: (s.id, q) for s in old.sections for q in s.questions}
    new_questions = {q.id: (s.id, q) for s in new.sections for q in s.questions}
    heirs: dict[str, str] = {}
    for _, question in new_questions.values():
        for older in question.replaces:
            heirs.setdefault(older, question.id)
    retired = {r.id: r for r in new.retired}
    old_scales = {s.id: s for s in old.answer_sets}
    new_scales = {s.id: s for s in new.answer_sets}

    history = [r for _, q in old_questions.values() for r in q.replaces] + [r.id for r in old.retired]
    for old_id in [*old_questions, *dict.fromkeys(h for h in history if h not in old_questions)]:
        asked = old_id in old_questions
        section = old_questions[old_id][0] if asked else None
        if old_id in new_questions:
            if not asked:
                found.questions.append(QuestionFate(old_id, REUSED, old_id, asked=False))
                continue
            target = old_id
            kind = KEPT
        elif old_id in heirs:
            target = heirs[old_id]
            kind = MERGED if target in old_questions else CARRIED
        elif old_id in retired:
            found.questions.append(QuestionFate(old_id, ARCHIVED, retired_in=retired[old_id].retired_in,
                                                asked=asked, section=section))
            continue
        else:
            found.questions.append(QuestionFate(old_id, LOST, asked=asked, section=section))
            continue

        new_question = new_questions[target][1]
        new_scale = new_scales[new_question.answer_set]
        if not asked:
            # An older id the old version carried: only a newly lost choice is news.
            source = old_questions.get(_carrier(old_questions, old_id))
            if source is not None:
                found.choices += [c for c in _choice_fates(source[1], old_scales[source[1].answer_set], new_question,
                                                           new_scale) if c.kind == CHOICE_LOST]
            found.questions.append(QuestionFate(old_id, kind, target, asked=False))
            continue
        old_question = old_questions[old_id][1]
        old_scale = old_scales[old_question.answer_set]
        reasons = _reasons(old_question, old_scale, new_question, new_scale)
        if kind == KEPT and reasons:
            kind = CONFIRM
        found.questions.append(QuestionFate(old_id, kind, target, tuple(reasons), section=section,
                                            old_scale=old_scale.id, scale=new_scale.id,
                                            same_meaning=_declared(old_question, old_scale, new_question, new_scale)))
        found.choices += _choice_fates(old_question, old_scale, new_question, new_scale)
    return found


def _carrier(old_questions: dict, older: str) -> Optional[str]:
    """The old question that listed ``older`` under its ``replaces``."""
    return next((qid for qid, (_, q) in old_questions.items() if older in q.replaces), None)


def offers_na(question: models.Question, scale: models.AnswerSet) -> bool:
    return bool(scale.not_applicable) and question.not_applicable


def _reasons(old_q: models.Question, old_scale: models.AnswerSet,
             new_q: models.Question, new_scale: models.AnswerSet) -> list[str]:
    """Why a kept answer is shown as "to be confirmed", in the browser's terms."""
    reasons = []
    if old_q.text != new_q.text and old_q.text not in new_q.same_meaning_as:
        reasons.append("reworded" if old_q.text.split() != new_q.text.split() else "wording respaced")
    was = fingerprint(old_q, old_scale)
    if was == fingerprint(new_q, new_scale) or was in same_fingerprints(new_q, new_scale):
        return reasons
    if old_scale.id != new_scale.id:
        reasons.append(f"now on scale '{new_scale.id}'")
    else:
        old_c, new_c = {c.id: c for c in old_scale.choices}, {c.id: c for c in new_scale.choices}
        if old_c.keys() != new_c.keys():
            reasons.append("choices added or removed")
        elif list(old_c) != list(new_c):
            reasons.append("choices reordered")
        if any(" ".join(old_c[k].label.split()) != " ".join(new_c[k].label.split()) for k in old_c.keys() & new_c.keys()):
            reasons.append("choices reworded")
        if any(old_c[k].score != new_c[k].score for k in old_c.keys() & new_c.keys()):
            reasons.append("re-scored")
    was, now = offers_na(old_q, old_scale), offers_na(new_q, new_scale)
    if was and not now:
        reasons.append("'not applicable' withdrawn")
    elif now and not was:
        reasons.append("'not applicable' offered")
    elif was and now and old_scale.not_applicable != new_scale.not_applicable and old_scale.id == new_scale.id:
        reasons.append("'not applicable' reworded")
    return reasons


def _declared(old_q: models.Question, old_scale: models.AnswerSet,
              new_q: models.Question, new_scale: models.AnswerSet) -> tuple[str, ...]:
    """What changed but is declared a wording fix: the question, its choices."""
    found = []
    if old_q.text != new_q.text and old_q.text in new_q.same_meaning_as:
        found.append("question")
    was = fingerprint(old_q, old_scale)
    if was != fingerprint(new_q, new_scale) and was in same_fingerprints(new_q, new_scale):
        found.append("choices")
    return tuple(found)


def _choice_fates(old_q: models.Question, old_scale: models.AnswerSet,
                  new_q: models.Question, new_scale: models.AnswerSet) -> list[ChoiceFate]:
    """Each choice id an answer to ``old_q`` may hold, resolved in ``new_q``'s scale
    the way the site resolves it (same id first, then a choice's ``replaces``)."""
    out = []
    current = {c.id: c for c in new_scale.choices}
    meaning = {c.id: c for c in old_scale.choices}
    meaning.update({older: c for c in old_scale.choices for older in c.replaces if older not in meaning})

    def fate(choice: str, kind: str, **more) -> ChoiceFate:
        return ChoiceFate(old_q.id, new_q.id, old_scale.id, new_scale.id, choice, kind, **more)

    for choice, was in meaning.items():
        own = choice == was.id  # a choice of the old scale, not an older id it carried
        if choice in current:
            if own and current[choice].score != was.score:
                out.append(fate(choice, RESCORED, to=choice, old_score=was.score, score=current[choice].score))
            continue
        heir = next((c for c in new_scale.choices if choice in c.replaces), None)
        if heir is None:
            out.append(fate(choice, CHOICE_LOST, old_score=was.score))
        elif own or heir.id != was.id:
            out.append(fate(choice, MAPPED, to=heir.id, old_score=was.score, score=heir.score))
    if offers_na(old_q, old_scale) and not offers_na(new_q, new_scale):
        out.append(fate(NOT_APPLICABLE, NA_LOST, by_question=old_q.not_applicable and not new_q.not_applicable))
    return out
