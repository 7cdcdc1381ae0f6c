"""The 90-day plan as a schedule: when each play starts and how long it needs
its owner, and the checks that keep the schedule one a store can run.

A plan that breaks its own rules reads fine and fails on Monday: a play
measured against something a later play introduces, an owner with five plays
at once, a day-30 comparison with no starting number. ``check`` finds each of
these here, with the file and line of the value to change:

* a play starts before a play it depends on (``after``) has run its weeks;
* an owner runs more plays at once than ``load_limit`` allows, in any week;
* a checkpoint compares a measure the week-1 ``baseline`` does not record;
* the minimum version does not name exactly one play (with its headline
  measure) per moment.

Kept apart from :mod:`generator.references` (checks across files) because
these rules are about time, not about whether an id resolves.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from generator import models
from generator.corpus import Corpus
from generator.files import DocKey, DocKind
from generator.issues import Issue, format_path

PLAN = DocKey(DocKind.PLAN)


@dataclass(frozen=True)
class Slot:
    """One planned play placed in time: weeks ``start`` to ``end`` - 1 need its owner."""

    play: str
    owner: str
    start: int
    weeks: int
    phase: models.Phase
    path: tuple  # of the entry in plan.yml
    order: int  # position in the file, for stable messages

    @property
    def end(self) -> int:
        """The first week it runs on its own."""
        return self.start + self.weeks

    @property
    def last(self) -> int:
        return self.end - 1

    def running(self, week: int) -> bool:
        return self.start <= week < self.end


def schedule(corpus: Corpus) -> list[Slot]:
    """Every planned play with a known owner, in file order."""
    slots = []
    for i, phase in enumerate(corpus.plan.phases):
        for j, entry in enumerate(phase.plays):
            ref = corpus.plays.get(entry.play)
            if ref is None:
                continue  # reported by the reference checks
            start = entry.start if entry.start is not None else phase.first_week
            slots.append(Slot(entry.play, ref.play.owner, start, entry.weeks, phase, ("phases", i, "plays", j), len(slots)))
    return slots


def weeks_of(corpus: Corpus) -> int:
    """The last week the plan covers."""
    return max((p.last_week for p in corpus.plan.phases), default=0)


def week_of_day(day: int) -> int:
    """Day 30 falls in week 5 (days 29 to 35), day 90 in week 13."""
    return (day - 1) // 7 + 1


def check_plan_schedule(corpus: Corpus) -> list[Issue]:
    issues: list[Issue] = []
    slots = schedule(corpus)
    issues += _check_phases(corpus, slots)
    issues += _check_dependencies(corpus, slots)
    issues += _check_load(corpus, slots)
    issues += _check_baseline(corpus)
    issues += _check_minimum(corpus)
    return issues


def _issue(corpus: Corpus, path: tuple, message: str) -> Issue:
    return Issue(corpus.documents[PLAN].locate(path), format_path(path), message)


def _entry(corpus: Corpus, slot: Slot) -> models.PlannedPlay:
    _, i, _, j = slot.path
    return corpus.plan.phases[i].plays[j]


def _start_path(corpus: Corpus, slot: Slot) -> tuple:
    return slot.path + (("start",) if _entry(corpus, slot).start is not None else ("play",))


def _unknown(kind: str, value: str, known: list[str]) -> str:
    hint = difflib.get_close_matches(value, known, n=1)
    guess = f"did you mean '{hint[0]}'? " if hint else ""
    shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"unknown {kind} '{value}' ({guess}known: {shown})"


# ---------------------------------------------------------------------------
# Plays in time
# ---------------------------------------------------------------------------


def _check_phases(corpus: Corpus, slots: list[Slot]) -> list[Issue]:
    issues = []
    for slot in slots:
        phase = slot.phase
        if not phase.first_week <= slot.start <= phase.last_week:
            issues.append(_issue(corpus, _start_path(corpus, slot),
                                 f"week {slot.start} is outside its phase '{phase.id}' (expected a week from {phase.first_week} to {phase.last_week}, or move the play to the phase of that week)"))
    return issues


def _check_dependencies(corpus: Corpus, slots: list[Slot]) -> list[Issue]:
    issues = []
    placed = {s.play: s for s in slots}
    plays = list(corpus.plays)
    for slot in slots:
        for k, other in enumerate(_entry(corpus, slot).after):
            path = slot.path + ("after", k)
            if other not in corpus.plays:
                issues.append(_issue(corpus, path, _unknown("play", other, plays)))
            elif other == slot.play:
                issues.append(_issue(corpus, path, f"play '{other}' cannot come after itself (expected the plays it depends on)"))
            elif other not in placed:
                issues.append(_issue(corpus, path,
                                     f"'{slot.play}' depends on '{other}', which the plan does not schedule (expected '{other}' placed in an earlier week, or this play left for the quarterly review)"))
            elif slot.start < placed[other].end:
                before = placed[other]
                issues.append(_issue(corpus, path,
                                     f"'{slot.play}' starts in week {slot.start}, before '{other}' it depends on has run its weeks "
                                     f"({_weeks(before)}) (expected week {before.end} or later)"))
    return issues


def _weeks(slot: Slot) -> str:
    return f"week {slot.start}" if slot.weeks == 1 else f"weeks {slot.start}-{slot.last}"


def _check_load(corpus: Corpus, slots: list[Slot]) -> list[Issue]:
    """Every week, each owner's running plays: the ones past the limit (the
    latest to start) are reported once, where they start."""
    limit = corpus.plan.load_limit
    issues = []
    reported: set[str] = set()
    last = max((s.last for s in slots), default=0)
    for week in range(1, last + 1):
        by_owner: dict[str, list[Slot]] = {}
        for slot in slots:
            if slot.running(week):
                by_owner.setdefault(slot.owner, []).append(slot)
        for owner, running in by_owner.items():
            if len(running) <= limit:
                continue
            running.sort(key=lambda s: (s.start, s.order))
            kept = running[:limit]
            for slot in running[limit:]:
                if slot.play in reported:
                    continue
                reported.add(slot.play)
                name = corpus.department(owner).name if corpus.department(owner) else owner
                others = ", ".join(f"'{s.play}' ({_weeks(s)})" for s in kept)
                free = min(s.end for s in kept)
                issues.append(_issue(corpus, _start_path(corpus, slot),
                                     f"in week {week}, {name} would run {len(running)} plays at once: this one and {others}; "
                                     f"the plan's load_limit is {limit} per owner (expected this play to start in week {free} or later, or another to need fewer weeks)"))
    return issues


# ---------------------------------------------------------------------------
# Baseline, checkpoints and the minimum version
# ---------------------------------------------------------------------------


def _check_baseline(corpus: Corpus) -> list[Issue]:
    plan = corpus.plan
    issues = []
    metrics = list(corpus.metrics)
    recorded: dict[str, tuple] = {}
    if plan.baseline is not None:
        for i, measure in enumerate(plan.baseline.measures):
            path = ("baseline", "measures", i, "metric")
            if measure.metric not in corpus.metrics:
                issues.append(_issue(corpus, path, _unknown("metric", measure.metric, metrics)))
            elif measure.metric in recorded:
                issues.append(_issue(corpus, path, f"metric '{measure.metric}' is already recorded at {format_path(recorded[measure.metric])} (expected each measure once)"))
            else:
                recorded[measure.metric] = path
    seen: dict[str, tuple] = {}
    plan_weeks = weeks_of(corpus)
    for i, checkpoint in enumerate(plan.checkpoints):
        if checkpoint.id in seen:
            issues.append(_issue(corpus, ("checkpoints", i, "id"), f"duplicate id '{checkpoint.id}' (first used at {format_path(seen[checkpoint.id])})"))
        seen.setdefault(checkpoint.id, ("checkpoints", i, "id"))
        if week_of_day(checkpoint.day) > plan_weeks:
            issues.append(_issue(corpus, ("checkpoints", i, "day"),
                                 f"day {checkpoint.day} falls in week {week_of_day(checkpoint.day)}, after the plan's last week {plan_weeks} (expected a day up to {plan_weeks * 7})"))
        if plan.baseline is not None and week_of_day(checkpoint.day) <= plan.baseline.week:
            issues.append(_issue(corpus, ("checkpoints", i, "day"),
                                 f"day {checkpoint.day} is not after the baseline's week {plan.baseline.week} (expected a later day, so there is something to compare)"))
        for j, measure in enumerate(checkpoint.compare):
            path = ("checkpoints", i, "compare", j, "metric")
            if measure.metric not in corpus.metrics:
                issues.append(_issue(corpus, path, _unknown("metric", measure.metric, metrics)))
            elif measure.metric not in recorded:
                issues.append(_issue(corpus, path,
                                     f"measure '{measure.metric}' has no baseline: nothing recorded it in week {plan.baseline.week if plan.baseline else 1} "
                                     "(expected it under baseline.measures, with how it is recorded)"))
    return issues


def _check_minimum(corpus: Corpus) -> list[Issue]:
    plan = corpus.plan
    issues = []
    moments = {m.id: m for m in corpus.moments}
    recorded = {m.metric for m in plan.baseline.measures} if plan.baseline else set()
    chosen: dict[str, tuple] = {}
    for i, entry in enumerate(plan.minimum):
        where = ("minimum", i)
        moment = moments.get(entry.moment)
        if moment is None:
            issues.append(_issue(corpus, where + ("moment",), _unknown("moment", entry.moment, list(moments))))
            continue
        if entry.moment in chosen:
            first = corpus.plan.minimum[chosen[entry.moment][1]].play
            issues.append(_issue(corpus, where + ("moment",),
                                 f"moment '{entry.moment}' already has its play '{first}' at {format_path(chosen[entry.moment])} "
                                 "(expected exactly one play per moment in the minimum version)"))
        else:
            chosen[entry.moment] = where
        own_plays = {p.id: p for p in moment.plays}
        if entry.play not in own_plays:
            issues.append(_issue(corpus, where + ("play",), _unknown(f"play of moment '{entry.moment}'", entry.play, list(own_plays))))
        elif own_plays[entry.play].measured_by != entry.measure and own_plays[entry.play].measured_by in {
                m.id for m in moment.metrics}:  # an unknown measured_by is reported where it is written
            # The headline number must be the one the chosen play says it moves; any
            # other measure (say a close rate beside a discovery play) can reward the
            # opposite of what the play asks for.
            issues.append(_issue(corpus, where + ("measure",),
                                 f"headline measure '{entry.measure}' is not the measure of play '{entry.play}' "
                                 f"(expected '{own_plays[entry.play].measured_by}', its measured_by)"))
        own_metrics = [m.id for m in moment.metrics]
        if entry.measure not in own_metrics:
            issues.append(_issue(corpus, where + ("measure",), _unknown(f"metric of moment '{entry.moment}'", entry.measure, own_metrics)))
        elif entry.measure not in recorded:
            issues.append(_issue(corpus, where + ("measure",),
                                 f"headline measure '{entry.measure}' has no baseline (expected it under baseline.measures, recorded in week 1)"))
    missing = [m for m in moments if m not in chosen]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        issues.append(_issue(corpus, ("minimum",),
                             f"no play chosen for {'moment' if len(missing) == 1 else 'moments'} {names} "
                             "(expected exactly one play per moment in the minimum version: moment, play and headline measure)"))
    return issues


def minimum_of(corpus: Corpus) -> list[models.MinimumPlay]:
    """The minimum version in journey order."""
    order = {m.id: i for i, m in enumerate(corpus.moments)}
    return sorted(corpus.plan.minimum, key=lambda e: order.get(e.moment, len(order)))


def by_owner(corpus: Corpus) -> list[tuple[str, list[Slot]]]:
    """(department id, its planned plays by start week), departments in their file's order."""
    slots = schedule(corpus)
    order = [d.id for d in corpus.departments]
    owners = sorted({s.owner for s in slots}, key=lambda o: order.index(o) if o in order else len(order))
    return [(o, sorted((s for s in slots if s.owner == o), key=lambda s: (s.start, s.order))) for o in owners]


def starting(corpus: Corpus, first: int, last: int) -> list[Slot]:
    """The plays starting from week ``first`` to ``last``, by start week, in file order."""
    return sorted((s for s in schedule(corpus) if first <= s.start <= last), key=lambda s: (s.start, s.order))
