"""What a new version of an assessment does to the answers people saved
against the old one. Nothing here restates the rules: every answer a saved
file may hold (each old question id, with each choice id it may carry) is put
through the site's own carry-over (:func:`generator.answers.carry_over`, the
twin of ``theme/assets/cx/answers.js``) and its fate is where it lands. The
rules it applies:

* an answer is keyed by question id; it follows its question to a new id
  through that question's ``replaces``;
* its choice must exist in the (new) question's scale, by id or through a
  choice's ``replaces``; otherwise it cannot be kept;
* "not applicable" is kept only where the question still offers it; where it is
  withdrawn, an answer to a question that needs a department becomes the
  profile's "this location has no …" (when every answered question that needs
  it said N/A), and any other goes to the lowest step, to be confirmed;
* an answer to a question no longer asked is archived, with the wording
  ``retired`` records for it;
* a kept answer is shown as "to be confirmed" when its question was reworded
  or its scale (choice ids, labels, scores, N/A) changed: the fingerprint the
  answer file records no longer matches.

Every id a saved answer may hold is considered: the old version's question ids,
and the older ids it still carried (its ``replaces`` and ``retired``). What is
said beyond where an answer lands (why it must be confirmed, a choice's new
score) describes the change between the two models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from generator import models
from generator.answer_file import NOT_APPLICABLE
from generator.answers import carry_over
from generator.browser_model import fingerprint, questionnaire_model, same_fingerprints
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
NA_LOST = "na-lost"  # "not applicable" no longer offered: to the lowest step (to), or to the profile (needs)


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
    needs: tuple[str, ...] = ()  # NA_LOST: the departments the question needs (the profile takes the answer)

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
    site = _Site(old, new)
    old_questions = {q.id: (s.id, q) for s in old.sections for q in s.questions}
    new_questions = {q.id: (s.id, q) for s in new.sections for q in s.questions}
    retired = {r.id: r for r in new.retired}
    old_scales = {s.id: s for s in old.answer_sets}
    new_scales = {s.id: s for s in new.answer_sets}

    history = [r for _, q in old_questions.values() for r in q.replaces] + [r.id for r in old.retired]
    for old_id in [*old_questions, *dict.fromkeys(h for h in history if h not in old_questions)]:
        asked = old_id in old_questions
        section = old_questions[old_id][0] if asked else None
        if old_id in new_questions and not asked:
            # An old id asked again: the guards stop it, whatever carry-over would do.
            found.questions.append(QuestionFate(old_id, REUSED, old_id, asked=False))
            continue
        carrier = old_questions[old_id][1] if asked else _carrier_question(old_questions, old_id)
        old_scale = old_scales[carrier.answer_set] if carrier is not None else None
        probes = _held_choices(carrier, old_scale) if carrier is not None else [(NOT_APPLICABLE, None)]
        landings = {choice: site.land(old_id, choice, asked) for choice, _ in probes}
        target = next((t for t in (x.target for x in landings.values()) if t is not None), None)
        if target is None:
            if old_id in retired:
                found.questions.append(QuestionFate(old_id, ARCHIVED, retired_in=retired[old_id].retired_in,
                                                    asked=asked, section=section))
            else:
                found.questions.append(QuestionFate(old_id, LOST, asked=asked, section=section))
            continue
        kind = KEPT if target == old_id else MERGED if target in old_questions else CARRIED
        new_question = new_questions[target][1]
        new_scale = new_scales[new_question.answer_set]
        choices = _choice_fates(carrier, old_scale, new_question, new_scale, probes, landings) if carrier else []
        if not asked:
            # An older id the old version carried: only a newly lost choice is news.
            found.choices += [c for c in choices if c.kind == CHOICE_LOST]
            found.questions.append(QuestionFate(old_id, kind, target, asked=False))
            continue
        if kind == KEPT and any(x.confirm for x in landings.values()):
            kind = CONFIRM
        reasons = _reasons(carrier, old_scale, new_question, new_scale)
        found.questions.append(QuestionFate(old_id, kind, target, tuple(reasons), section=section,
                                            old_scale=old_scale.id, scale=new_scale.id,
                                            same_meaning=_declared(carrier, old_scale, new_question, new_scale)))
        found.choices += choices
    return found


@dataclass(frozen=True)
class _Landing:
    target: Optional[str]  # the current question the answer went to (kept or lost there), None if archived
    choice: Optional[str]  # the choice it holds there, None if lost
    confirm: bool  # kept, and marked for confirmation although its choice was not remapped
    profile: bool = False  # a withdrawn "not applicable" that now says, in the profile, the location lacks a department


class _Site:
    """The site's carry-over, run on one saved answer at a time: a format-2
    file of the old version, holding what the old version recorded."""

    def __init__(self, old: models.Assessment, new: models.Assessment):
        self.was, self.now = questionnaire_model(old), questionnaire_model(new)
        self.recorded = {q["id"]: {"text": q["text"], "choices": q["fingerprint"]}
                         for s in self.was["sections"] for q in s["questions"]}

    def land(self, qid: str, choice: str, asked: bool) -> _Landing:
        file = {"formatVersion": 2, "version": self.was["version"], "contentVersion": "0.0.0",
                "exportedAt": "2026-01-01T00:00:00Z", "createdAt": None, "updatedAt": None,
                "respondent": {"id": "respondent-1"}, "edition": None,
                "profile": {"department": None, "location": None},
                "answers": {qid: {"choice": choice}}, "notes": {}, "targets": {}, "snapshots": [],
                "questionnaire": {"version": self.was["version"], "questions": dict(self.recorded)}, "archive": {}}
        state, report = carry_over(self.now, file)
        if qid in report["archived"]:
            return _Landing(None, None, False)
        if report["naProfile"]:
            return _Landing(report["naProfile"][0], None, False, profile=True)
        kept = list(state["answers"])
        if kept:
            target = qid if qid in kept else kept[0]
            answer = state["answers"][target]
            remapped = any(r["id"] == target for r in report["remapped"])
            return _Landing(target, answer["choice"], bool(answer.get("unconfirmed")) and not remapped)
        lost = report["lost"]
        return _Landing(qid if qid in lost else lost[0], None, False)


def _carrier_question(old_questions: dict, older: str) -> Optional[models.Question]:
    carrier = _carrier(old_questions, older)
    return old_questions[carrier][1] if carrier is not None else None


def _held_choices(question: models.Question, scale: models.AnswerSet) -> list[tuple[str, Optional[models.Choice]]]:
    """Each choice id an answer to ``question`` may hold, with the old choice it
    meant: the scale's ids, the older ids its choices carried, "n/a" if offered."""
    meaning = {c.id: c for c in scale.choices}
    meaning.update({older: c for c in scale.choices for older in c.replaces if older not in meaning})
    held: list[tuple[str, Optional[models.Choice]]] = list(meaning.items())
    if offers_na(question, scale):
        held.append((NOT_APPLICABLE, None))
    return held


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


def _choice_fates(old_q: models.Question, old_scale: models.AnswerSet, new_q: models.Question,
                  new_scale: models.AnswerSet, probes: list, landings: dict) -> list[ChoiceFate]:
    """What carry-over did to each choice id an answer to ``old_q`` may hold."""
    out = []
    current = {c.id: c for c in new_scale.choices}

    def fate(choice: str, kind: str, **more) -> ChoiceFate:
        return ChoiceFate(old_q.id, new_q.id, old_scale.id, new_scale.id, choice, kind, **more)

    for choice, was in probes:
        landed = landings[choice]
        if was is None:  # "not applicable"
            if landed.choice != NOT_APPLICABLE:  # withdrawn: to the lowest step, or to the profile
                out.append(fate(NOT_APPLICABLE, NA_LOST, by_question=old_q.not_applicable and not new_q.not_applicable,
                                to=landed.choice, score=current[landed.choice].score if landed.choice else None,
                                needs=tuple(new_q.needs) if landed.profile else ()))
            continue
        own = choice == was.id  # a choice of the old scale, not an older id it carried
        if landed.choice is None:
            out.append(fate(choice, CHOICE_LOST, old_score=was.score))
        elif landed.choice != choice:
            if own or landed.choice != was.id:
                out.append(fate(choice, MAPPED, to=landed.choice, old_score=was.score, score=current[landed.choice].score))
        elif own and current[choice].score != was.score:
            out.append(fate(choice, RESCORED, to=choice, old_score=was.score, score=current[choice].score))
    return out
