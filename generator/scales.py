"""Answer scales that cannot overlap, and questions that ask one thing.

Checks (errors): choices strictly rising in score; on a scale whose choices
state a quantity, every choice declares its range and the ranges meet with no
gap, no overlap and no two choices on one value, in the order of the scores;
no "not applicable" answer for something a store chooses to do (what a
location lacks is set once in its profile, and questions say what they
``needs``); every ``needs`` names a department.

The lint (warnings, never a failure): a question or a choice whose words join
two conditions, which a respondent can meet one at a time.
"""

from __future__ import annotations

import re
from typing import Iterator

from generator import models
from generator.corpus import Corpus
from generator.files import DocKey, DocKind
from generator.issues import Issue, format_path


def check_scales(corpus: Corpus) -> list[Issue]:
    issues = []
    departments = [d.id for d in corpus.departments]
    for assessment in corpus.assessments:
        key = DocKey(DocKind.ASSESSMENT, assessment.id)
        document = corpus.documents[key]

        def issue(path: tuple, message: str) -> None:
            issues.append(Issue(document.locate(path), format_path(path), message))

        for i, scale in enumerate(assessment.answer_sets):
            where = ("answer_sets", i)
            for j in range(1, len(scale.choices)):
                low, high = scale.choices[j - 1], scale.choices[j]
                if high.score <= low.score:
                    issue(where + ("choices", j, "score"),
                          f"{high.score:g} is not above the previous choice '{low.id}' ({low.score:g}) (expected choices "
                          "strictly rising in score, so that no two answers count the same)")
            for message, path in _range_problems(scale):
                issue(where + path, message)
            if scale.not_applicable is not None:
                issue(where + ("not_applicable",),
                      "'not applicable' is offered on a scale, so a store could leave out something it chooses to do and "
                      "score higher than with the lowest step (expected no not_applicable: questions about a department "
                      "a location may lack say so in needs, and the respondent's profile drops them)")
        for i, section in enumerate(assessment.sections):
            for j, question in enumerate(section.questions):
                for k, need in enumerate(question.needs):
                    if need not in departments:
                        issue(("sections", i, "questions", j, "needs", k),
                              f"unknown department '{need}' (known: {', '.join(departments)})")
    return issues


def _range_problems(scale: models.AnswerSet) -> Iterator[tuple[str, tuple]]:
    declared = [(j, c) for j, c in enumerate(scale.choices) if c.range is not None]
    if scale.quantity is None:
        for j, _ in declared:
            yield ("a range on a scale without a quantity (expected quantity: {unit: …} on the scale, or no range)",
                   ("choices", j, "range"))
        return
    quantity = scale.quantity
    if len(declared) < len(scale.choices):
        for j, choice in enumerate(scale.choices):
            if choice.range is None:
                yield (f"choice '{choice.id}' states no range on a scale of {quantity.unit} "
                       "(expected range: [lowest, highest])", ("choices", j))
        return
    bounds = []
    for j, choice in enumerate(scale.choices):
        low, high = choice.range
        top = quantity.max
        if high is not None and high < low:
            yield f"[{low}, {high}] runs backwards (expected the lowest value first)", ("choices", j, "range")
            return
        if low < quantity.min or (top is not None and (high is None or high > top)):
            yield (f"[{low}, {_shown(high)}] lies outside the quantity's {quantity.min} to {_shown(top)} "
                   f"{quantity.unit}", ("choices", j, "range"))
            return
        bounds.append((low, high, j))
    # The choices run from the lowest score to the highest; their ranges must
    # run the same way, one way or the other (more minutes of waiting is worse).
    rising = sorted(bounds, key=lambda b: b[0])
    order = [b[2] for b in rising]
    if order != sorted(order) and order != sorted(order, reverse=True):
        yield (f"the ranges of {quantity.unit} do not follow the order of the scores (expected the choices' ranges "
               "to rise, or to fall, as their scores rise)", ("choices",))
        return
    for (low, high, j), (low2, high2, j2) in zip(rising, rising[1:]):
        first, second = scale.choices[j].id, scale.choices[j2].id
        if high is None or low2 <= high:
            shared = f"{low2}" if high is None or low2 == high else f"{low2} to {min(high, high2 if high2 is not None else high)}"
            yield (f"'{first}' and '{second}' both cover {shared} {quantity.unit} (expected each value in exactly one choice)",
                   ("choices", j2, "range"))
        elif low2 > high + 1:
            missing = f"{high + 1}" if low2 == high + 2 else f"{high + 1} to {low2 - 1}"
            yield (f"no choice covers {missing} {quantity.unit}, between '{first}' and '{second}' "
                   "(expected the ranges to meet)", ("choices", j2, "range"))
    lowest, highest = rising[0], rising[-1]
    if lowest[0] > quantity.min:
        yield (f"no choice covers {quantity.min} to {lowest[0] - 1} {quantity.unit} (expected the ranges to start at "
               f"{quantity.min})", ("choices", lowest[2], "range"))
    if highest[1] is not None and (quantity.max is None or highest[1] < quantity.max):
        yield (f"no choice covers more than {highest[1]} {quantity.unit} (expected the ranges to reach "
               f"{_shown(quantity.max)})", ("choices", highest[2], "range"))


def _shown(value) -> str:
    return "no limit" if value is None else str(value)


# ---------------------------------------------------------------------------
# The lint: one condition per question and per choice
# ---------------------------------------------------------------------------

# "X and the Y works", "X as well as Y", "both X and Y": a second clause that
# can be true or false on its own. A list of nouns ("photos, price and
# availability") is one condition and passes.
_JOINED = re.compile(
    r"(?:\s+and\s+(?:also|the|their|its|is|are|was|were|then)\s|\s+as\s+well\s+as\s|\bboth\s.+\sand\s)",
    re.IGNORECASE)


def lint_scales(corpus: Corpus) -> list[Issue]:
    warnings = []
    for assessment in corpus.assessments:
        document = corpus.documents[DocKey(DocKind.ASSESSMENT, assessment.id)]

        def warn(path: tuple, what: str, text: str) -> None:
            match = _JOINED.search(text)
            if match:
                warnings.append(Issue(document.locate(path), format_path(path),
                                      f"{what} may join two conditions ('…{match.group(0).strip()}…'): a respondent who "
                                      "meets one has no honest answer (ask one thing, or make each step include the one below)"))

        for i, section in enumerate(assessment.sections):
            for j, question in enumerate(section.questions):
                warn(("sections", i, "questions", j, "text"), "the question", question.text)
        for i, scale in enumerate(assessment.answer_sets):
            for j, choice in enumerate(scale.choices):
                warn(("answer_sets", i, "choices", j, "label"), "the choice", choice.label)
    return warnings
