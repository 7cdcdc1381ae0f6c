"""The consequence for saved answers, written under the change that causes it:
``# saved answers: carried over from 'old-id'``.

A question's own fate goes under the question; what happens to the choices of
a scale goes under the scale's choices, except for a question that moved to
another scale (or withdrew "not applicable" itself), where it goes under the
question.
"""

from __future__ import annotations

from generator.diff.changes import ADDED, CHANGED, REMOVED, REPLACED, Change
from generator.diff.saved_answers import (ARCHIVED, CARRIED, CHOICE_LOST, CONFIRM, KEPT, LOST, MAPPED, MERGED,
                                          NA_LOST, RESCORED, REUSED, AnswerFates, ChoiceFate)
from generator.diff.values import show

_LISTED = 5


def attach(change: Change, noun: str, fates: AnswerFates) -> None:
    if noun == "question":
        change.notes += question_notes(change, fates)
    elif noun == "answer set":
        _attach_scale(change, fates)


def question_notes(change: Change, fates: AnswerFates) -> list[str]:
    old_id = change.old_key if change.sign == REPLACED else change.key
    fate = fates.question(old_id)
    if fate is None:
        return []
    out = []
    if change.sign == ADDED:
        if fate.kind == REUSED:
            out.append(f"saved answers: those given to the earlier question '{old_id}' would be read as answers to this one")
        return out
    confirm = f", to be confirmed by respondents ({', '.join(fate.reasons)})" if fate.reasons else ""
    if fate.same_meaning:
        fixed = " and ".join({"question": "its wording", "choices": "its choices' labels"}[x] for x in fate.same_meaning)
        out.append(f"wording fix: {fixed} changed, declared to mean the same (same_meaning_as), so respondents "
                   "are not asked to confirm")
    if fate.kind == KEPT:
        out.append("saved answers: kept")
    elif fate.kind == CONFIRM:
        out.append(f"saved answers: kept{confirm}")
    elif fate.kind == CARRIED and change.sign == REPLACED:
        out.append(f"saved answers: carried over from '{old_id}'{confirm}")
    elif fate.kind == CARRIED:
        out.append(f"saved answers: carried over to '{fate.target}' (it lists '{old_id}' under replaces){confirm}")
    elif fate.kind == MERGED:
        out.append(f"saved answers: carried over to '{fate.target}' where '{fate.target}' was not answered; "
                   "otherwise archived")
    elif fate.kind == ARCHIVED:
        out.append(f"saved answers: archived with their wording (retired in {fate.retired_in})")
    elif fate.kind == LOST:
        out.append(f"saved answers: LOST (nothing replaces '{old_id}' and it is not under retired)")
    choices = [c for c in fates.choices if c.old_question == old_id
               and (not c.same_scale or (c.kind == NA_LOST and c.by_question))]
    return out + _choice_lines(choices)


def _choice_lines(choices: list[ChoiceFate]) -> list[str]:
    out = []
    mapped = [c for c in choices if c.kind == MAPPED]
    if mapped:
        out.append("saved choices: " + ", ".join(f"{c.choice} -> {c.to}" for c in mapped) + " (by replaces)")
    rescored = [c for c in choices if c.kind == RESCORED]
    if rescored:
        out.append("saved choices re-scored: " + ", ".join(
            f"{c.choice} {show(c.old_score)} -> {show(c.score)}" for c in rescored))
    for c in choices:
        if c.kind == CHOICE_LOST:
            out.append(f"saved choice '{c.choice}': LOST (scale '{c.scale}' has no choice '{c.choice}' "
                       "and none of its choices replaces it)")
    for c in choices:
        if c.kind == NA_LOST:
            out.append(na_fate(c))
    return out


def na_fate(c: ChoiceFate) -> str:
    if c.needs:
        return (f"saved 'not applicable' answers: the respondent's profile says the location has no "
                f"{', '.join(c.needs)}, and the question drops out (where every answered question needing it said N/A; "
                "otherwise the lowest step, to be confirmed)")
    return f"saved 'not applicable' answers: carried over to '{c.to}' (the lowest step), to be confirmed"


def _attach_scale(change: Change, fates: AnswerFates) -> None:
    scale = change.key
    staying = [c for c in fates.choices if c.old_scale == scale and c.same_scale]
    for child in change.children:
        if child.noun != "choice":
            continue
        old_id = child.old_key if child.sign == REPLACED else child.key
        here = [c for c in staying if c.choice == old_id]
        if child.sign == REPLACED:
            child.notes.append(f"saved answers: carried over from '{old_id}'")
        elif child.sign == REMOVED:
            lost = [c.question for c in here if c.kind == CHOICE_LOST]
            mapped = sorted({c.to for c in here if c.kind == MAPPED and c.to})
            if lost:
                child.notes.append(f"saved answers: LOST ({whom(lost)})")
            elif mapped:
                child.notes.append("saved answers: carried over to " + ", ".join(f"'{m}'" for m in mapped))
            elif fates.choices or fates.questions:
                child.notes.append("saved answers: no question still on this scale holds it")
        elif child.sign == CHANGED and any(c.kind == RESCORED for c in here):
            rescored = [c.question for c in here if c.kind == RESCORED]
            child.notes.append(f"saved answers: kept, re-scored, to be confirmed ({whom(rescored)})")
    withdrawn = [c for c in staying if c.kind == NA_LOST and not c.by_question]
    lowest = [c for c in withdrawn if not c.needs]
    profile = [c for c in withdrawn if c.needs]
    if lowest:
        change.notes.append(f"saved 'not applicable' answers: carried over to '{lowest[0].to}' (the lowest step), "
                            f"to be confirmed ({whom([c.question for c in lowest])})")
    if profile:
        needs = sorted({n for c in profile for n in c.needs})
        change.notes.append(f"saved 'not applicable' answers: the respondent's profile says the location has no "
                            f"{', '.join(needs)}, and these questions drop out ({whom([c.question for c in profile])})")
    declared = [f.target for f in fates.questions if f.old_scale == scale and f.scale == scale
                and "choices" in f.same_meaning]
    if declared:
        change.notes.append(f"wording fix: choice labels changed, declared to mean the same (same_meaning_as), so "
                            f"saved answers are kept without being confirmed ({whom(declared)})")
    elif not any(child.notes for child in change.children):
        # Nothing above says it: the scale changed in a way every answer on it must be confirmed for.
        confirm = [f.target for f in fates.questions if f.old_scale == scale and f.scale == scale
                   and f.kind == CONFIRM and any(r != "reworded" for r in f.reasons)]
        if confirm:
            change.notes.append(f"saved answers: kept, to be confirmed ({whom(confirm)})")


def whom(ids: list[str]) -> str:
    """``td-route``, ``td-route, td-ready``, ``a, b, c, d, e and 3 more``."""
    ids = list(dict.fromkeys(ids))
    if len(ids) <= _LISTED:
        return ", ".join(ids)
    return ", ".join(ids[:_LISTED]) + f" and {len(ids) - _LISTED} more"
