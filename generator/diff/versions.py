"""Which version a change is published as, and by how much it rises
(semantic versioning of what readers and respondents notice):

* MAJOR: something that saved answers or links point at goes or changes meaning:
  a question retired, replaced or merged, a question moved to another scale, a
  choice removed, replaced or re-scored, levels changed; a play, metric or
  moment removed;
* MINOR: something new, or something respondents are asked to confirm: a
  question, choice, play, metric or moment added, a question or choice
  reworded, weights, sections;
* PATCH: corrections that change no meaning: a wording fix declared with
  ``same_meaning_as``, prose.
"""

from __future__ import annotations

from generator import models
from generator.diff.changes import ADDED, REMOVED, REPLACED, Comparison
from generator.diff.saved_answers import (ARCHIVED, CARRIED, CHOICE_LOST, CONFIRM, LOST, MAPPED, MERGED, RESCORED,
                                          AnswerFates)
from generator.diff.values import same


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


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


PATCH, MINOR, MAJOR = 1, 2, 3
NAMES = {PATCH: "PATCH", MINOR: "MINOR", MAJOR: "MAJOR"}


def assessment_step(old: models.Assessment, new: models.Assessment, fates: AnswerFates) -> tuple[int, list[str]]:
    """How much the assessment's version must rise (0: not at all), and why."""
    changed = scoring_changes(old, new)
    if not changed:
        return 0, []
    major, minor = [], []
    asked = [f for f in fates.questions if f.asked]
    if any(f.kind in (CARRIED, MERGED, ARCHIVED, LOST) for f in asked):
        major.append("questions retired, replaced or merged")
    if any(c.kind in (MAPPED, CHOICE_LOST, RESCORED) for c in fates.choices):
        major.append("choices removed, replaced or re-scored")
    if any(f.old_scale != f.scale for f in asked if f.scale):
        major.append("questions moved to another scale")
    if "levels" in changed:
        major.append("levels")
    if major:
        return MAJOR, major
    if any(f.kind == CONFIRM for f in asked) or {q.id for s in new.sections for q in s.questions} - \
            {q.id for s in old.sections for q in s.questions}:
        minor.append("questions added, or reworded so that respondents confirm")
    minor += [c for c in changed if c in ("weights", "sections")]
    if "questions moved to another scale or section" in changed and not minor:
        minor.append("questions moved to another section")
    if minor:
        return MINOR, minor
    return PATCH, ["wording fixed, same meaning"]


# What links, the plan, questions or saved results point at by id: removing one is MAJOR.
_POINTED_AT = frozenset({"play", "metric", "moment", "assessment", "department"})


def content_step(comparison: Comparison) -> tuple[int, list[str]]:
    """How much the playbook's version must rise for the content itself."""
    top = [c for f in comparison.files for c in f.changes
           if c.noun not in ("changelog entry", "playbook") or any(x.name != "version" for x in c.fields)]
    if not top:
        return 0, []
    gone = sorted({c.noun for c in top if c.sign in (REMOVED, REPLACED) and c.noun in _POINTED_AT})
    if gone:
        return MAJOR, [f"{', '.join(n + 's' for n in gone)} removed or replaced"]
    if any(c.sign in (REMOVED, REPLACED) for c in top):
        return MINOR, ["something removed"]
    if any(c.sign == ADDED for c in top):
        return MINOR, ["something added"]
    return PATCH, ["corrections"]


def raised(old: str, step: int) -> str:
    major, minor, patch = (int(x) for x in old.split("."))
    if step == MAJOR:
        return f"{major + 1}.0.0"
    if step == MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"




def step_of(old: str, new: str) -> int:
    """How much ``new`` rose above ``old`` (0: it did not)."""
    a, b = version_tuple(old), version_tuple(new)
    if b <= a:
        return 0
    return MAJOR if b[0] > a[0] else MINOR if b[1] > a[1] else PATCH


def published_version(old: models.Assessment, new: models.Assessment, fates: AnswerFates) -> str:
    """The version this change publishes the assessment as: its own when raised
    by enough, else the one it should be raised to."""
    step, _ = assessment_step(old, new, fates)
    got = step_of(old.version, new.version)
    return new.version if got and got >= step else raised(old.version, max(step, PATCH))
