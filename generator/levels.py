"""What a maturity level means, checked with the real scoring code.

A level's description is a claim about answers ("most answers sit on the second
step"). Each level carries reference profiles, patterns of answers its
description claims; this module builds the browser model the site embeds,
scores every profile with :mod:`generator.scoring` (the Python twin of the
browser's scoring) and reports, at the profile's line, one that lands outside
its level. It also answers every question on step k, for each k, and reports a
level that falls back or is skipped as every answer moves up one step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from generator import models, pages, scoring
from generator.browser_model import build_browser_model
from generator.corpus import Corpus
from generator.files import DocKey, DocKind
from generator.issues import Issue, format_path


@dataclass(frozen=True)
class ScoredProfile:
    level: models.MaturityLevel
    index: int              # the profile's place in its level's list
    profile: models.ReferenceProfile
    percent: float
    landed: Optional[str]   # the id of the level its score reaches


def choice_on_step(scale: models.AnswerSet, step: int) -> models.Choice:
    """Step 1 is the lowest choice; past a scale's top, its top choice."""
    return scale.choices[min(step, len(scale.choices)) - 1]


def profile_answers(assessment: models.Assessment, profile: models.ReferenceProfile) -> dict[str, dict]:
    scales = {s.id: s for s in assessment.answer_sets}
    answers = {}
    for section in assessment.sections:
        for question in section.questions:
            scale = scales.get(question.answer_set)
            if scale is None:
                continue
            choice = profile.questions.get(question.id) or profile.scales.get(question.answer_set) \
                or choice_on_step(scale, profile.step).id
            answers[question.id] = {"choice": choice}
    return answers


def step_answers(assessment: models.Assessment, step: int) -> dict[str, dict]:
    return profile_answers(assessment, models.ReferenceProfile(id=f"step-{step}", label=f"Every answer on step {step}", step=step))


def score(model: dict, answers: dict) -> tuple[Optional[float], Optional[str]]:
    overall = scoring.score_respondent(model, answers)["overall"]
    level = scoring.level_for(model["levels"], overall["percent"])
    return overall["percent"], level["id"] if level else None


def scored_profiles(corpus: Corpus, assessment: models.Assessment) -> list[ScoredProfile]:
    """Every reference profile with the score the real scoring code gives it."""
    model = _model(corpus, assessment)
    found = []
    for level in assessment.levels:
        for index, profile in enumerate(level.profiles):
            percent, landed = score(model, profile_answers(assessment, profile))
            found.append(ScoredProfile(level, index, profile, percent if percent is not None else 0.0, landed))
    return found


def steps(corpus: Corpus, assessment: models.Assessment) -> list[tuple[int, float, Optional[str]]]:
    """(step, percent, level id) with every question on that step, from 1 to the longest scale's top."""
    model = _model(corpus, assessment)
    longest = max(len(s.choices) for s in assessment.answer_sets)
    return [(k, *score(model, step_answers(assessment, k))) for k in range(1, longest + 1)]


def _model(corpus: Corpus, assessment: models.Assessment) -> dict:
    return build_browser_model(corpus, assessment, pages.assessment_path(assessment.id)).model_dump()


def check_levels(corpus: Corpus) -> list[Issue]:
    issues = []
    for assessment in corpus.assessments:
        issues += _check(corpus, assessment)
    return issues


def _check(corpus: Corpus, assessment: models.Assessment) -> list[Issue]:
    key = DocKey(DocKind.ASSESSMENT, assessment.id)
    document = corpus.documents[key]

    def issue(path: tuple, message: str) -> Issue:
        return Issue(document.locate(path), format_path(path), message)

    issues = []
    scales = {s.id: s for s in assessment.answer_sets}
    questions = {q.id: q for s in assessment.sections for q in s.questions}
    bad_reference = False
    for i, level in enumerate(assessment.levels):
        seen: set[str] = set()
        for j, profile in enumerate(level.profiles):
            where = ("levels", i, "profiles", j)
            if profile.id in seen:
                issues.append(issue(where + ("id",), f"duplicate profile id '{profile.id}' in level '{level.id}'"))
            seen.add(profile.id)
            for scale_id, choice in profile.scales.items():
                if scale_id not in scales:
                    issues.append(issue(where + ("scales", scale_id), f"unknown answer set '{scale_id}' (known: {', '.join(scales)})"))
                    bad_reference = True
                elif choice not in [c.id for c in scales[scale_id].choices]:
                    issues.append(issue(where + ("scales", scale_id), f"unknown choice '{choice}' of answer set '{scale_id}' "
                                        f"(known: {', '.join(c.id for c in scales[scale_id].choices)})"))
                    bad_reference = True
            for question_id, choice in profile.questions.items():
                question = questions.get(question_id)
                if question is None:
                    issues.append(issue(where + ("questions", question_id), f"unknown question '{question_id}'"))
                    bad_reference = True
                elif question.answer_set in scales and choice not in [c.id for c in scales[question.answer_set].choices]:
                    issues.append(issue(where + ("questions", question_id), f"unknown choice '{choice}' of question "
                                        f"'{question_id}' (known: {', '.join(c.id for c in scales[question.answer_set].choices)})"))
                    bad_reference = True
    if bad_reference or any(q.answer_set not in scales for q in questions.values()):
        return issues  # the reference checks name the unknown scale; nothing can be scored

    order = [lv.id for lv in assessment.levels]
    names = {lv.id: lv.name for lv in assessment.levels}
    for found in scored_profiles(corpus, assessment):
        if found.landed != found.level.id:
            i = assessment.levels.index(found.level)
            issues.append(issue(("levels", i, "profiles", found.index),
                                f"the reference profile \"{found.profile.label}\" scores {found.percent:.1f}%, which is "
                                f"{names.get(found.landed, 'no level')}, not {found.level.name} (expected a score from "
                                f"{found.level.min:g}%{_below(assessment, i)}: change the thresholds, the scores or the description)"))

    ladder = steps(corpus, assessment)
    for (k, percent, level), (k2, percent2, level2) in zip(ladder, ladder[1:]):
        before, after = order.index(level), order.index(level2)
        if after < before:
            issues.append(issue(("levels",), f"every answer on step {k2} scores {percent2:.1f}% ({names[level2]}), below step "
                                f"{k}'s {percent:.1f}% ({names[level]}) (expected the level never to fall as every answer moves up a step)"))
        elif after > before + 1:
            skipped = ", ".join(names[x] for x in order[before + 1:after])
            issues.append(issue(("levels",), f"every answer on step {k} scores {percent:.1f}% ({names[level]}) and on step {k2} "
                                f"{percent2:.1f}% ({names[level2]}): {skipped} is skipped (expected each step up to reach at most the next level)"))
    if ladder and ladder[0][2] != order[0]:
        issues.append(issue(("levels", 0), f"every answer on the lowest step scores {ladder[0][1]:.1f}%, which is "
                            f"{names[ladder[0][2]]} (expected the lowest level, {names[order[0]]})"))
    if ladder and ladder[-1][2] != order[-1]:
        issues.append(issue(("levels", len(order) - 1), f"every answer on the top step scores {ladder[-1][1]:.1f}%, which is "
                            f"{names[ladder[-1][2]]} (expected the highest level, {names[order[-1]]})"))
    return issues


def _below(assessment: models.Assessment, i: int) -> str:
    return f" to under {assessment.levels[i + 1].min:g}%" if i + 1 < len(assessment.levels) else " up"
