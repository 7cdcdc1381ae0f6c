"""The whole playbook, loaded and validated: the one object the renderer reads.

Only the noun lives here; :func:`generator.load.load_corpus` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from generator import models
from generator.files import DocKey
from generator.issues import Issue
from generator.loader import Document


@dataclass(frozen=True)
class PlayRef:
    """A play and where it lives: a moment, or the strategy when ``moment`` is None."""

    play: models.Play
    moment: Optional[models.Moment]


@dataclass(frozen=True)
class MetricRef:
    """A metric and where it lives: a moment, or the strategy when ``moment`` is None."""

    metric: models.Metric
    moment: Optional[models.Moment]


@dataclass
class Corpus:
    playbook: models.Playbook
    strategy: models.Strategy
    departments: list[models.Department]
    sources: list[models.Source]
    glossary: models.Glossary
    experience_log: models.ExperienceLog
    plan: models.Plan
    moments: list[models.Moment]  # in `order`
    assessments: list[models.Assessment]  # by title
    documents: dict[DocKey, Document] = field(default_factory=dict, repr=False)
    context: Optional[models.Context] = None  # content/context.yml, when there is one
    # What `check` reports without failing (a metric no play uses); set by load_corpus.
    warnings: list[Issue] = field(default_factory=list, repr=False)

    # Lookups the templates and the checks share: built once, read many times
    # (the renderer asks for a play or department per row it writes). The
    # first of a duplicated id wins; the reference checks report the duplicate.
    def department(self, id: str) -> Optional[models.Department]:
        return self._departments_by_id.get(id)

    def source(self, id: str) -> Optional[models.Source]:
        return self._sources_by_id.get(id)

    @cached_property
    def _departments_by_id(self) -> dict[str, models.Department]:
        return {d.id: d for d in reversed(self.departments)}

    @cached_property
    def _sources_by_id(self) -> dict[str, models.Source]:
        return {s.id: s for s in reversed(self.sources)}

    @cached_property
    def plays(self) -> dict[str, PlayRef]:
        """Every play by id, strategy first, then in journey order."""
        found: dict[str, PlayRef] = {}
        for play in self.strategy.plays:
            found.setdefault(play.id, PlayRef(play, None))
        for moment in self.moments:
            for play in moment.plays:
                found.setdefault(play.id, PlayRef(play, moment))
        return found

    @cached_property
    def metrics(self) -> dict[str, MetricRef]:
        """Every metric by id, strategy first, then in journey order."""
        found: dict[str, MetricRef] = {}
        for metric in self.strategy.metrics:
            found.setdefault(metric.id, MetricRef(metric, None))
        for moment in self.moments:
            for metric in moment.metrics:
                found.setdefault(metric.id, MetricRef(metric, moment))
        return found

    @cached_property
    def leadership(self) -> list[str]:
        """Ids of the departments the team view counts as leadership."""
        return [d.id for d in self.departments if d.leadership]

    @cached_property
    def phase_of_play(self) -> dict[str, models.Phase]:
        """The phase of the 90-day plan that starts each planned play."""
        found: dict[str, models.Phase] = {}
        for phase in self.plan.phases:
            for planned in phase.plays:
                found.setdefault(planned.play, phase)
        return found

    def questions(self, assessment: models.Assessment) -> list[models.Question]:
        return [q for s in assessment.sections for q in s.questions]
