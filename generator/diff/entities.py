"""The entities of a playbook that a comparison matches by id: every play,
metric, touchpoint, source, question, … with the file and path it sits at.

Each content file contributes its own fields as one entity (``playbook``,
``moment test-drive``) and its lists of things with ids as one entity each.
Plays and metrics have ids unique across the playbook, so they are matched
wherever they live (a play moved to another moment is changed, not removed
and added); everything else is matched within its file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from generator import models
from generator.corpus import Corpus
from generator.files import DocKey, DocKind

# Entities matched across files: their ids are unique in the whole playbook.
ACROSS_FILES = frozenset({"play", "metric"})


@dataclass(frozen=True)
class Entity:
    doc: DocKey
    file: str  # display path
    noun: str
    key: str
    path: tuple  # inside the document, for file:line:col
    model: models.Entity
    skip: frozenset[str] = frozenset()  # fields shown as entities of their own
    extra: tuple[tuple[str, str], ...] = ()  # facts that are not fields, e.g. a question's section
    line: int = 0

    @property
    def match(self) -> tuple:
        return (self.noun, self.key) if self.noun in ACROSS_FILES else (self.doc, self.noun, self.key)

    @property
    def label(self) -> Optional[str]:
        return label_of(self.model)


def label_of(model: models.Entity) -> Optional[str]:
    """What a reader calls it: its title, name, wording or label."""
    for name in ("title", "name", "text", "term", "label", "value"):
        value = getattr(model, name, None)
        if isinstance(value, str):
            return value
    return None


@dataclass
class Catalogue:
    """Every entity of one side, in document order, and each file's display path."""

    entities: list[Entity] = field(default_factory=list)
    files: dict[DocKey, str] = field(default_factory=dict)

    def by_match(self) -> dict[tuple, Entity]:
        return {e.match: e for e in self.entities}


def catalogue(corpus: Corpus) -> Catalogue:
    found = Catalogue()
    for entity in _entities(corpus):
        doc = corpus.documents[entity.doc]
        line = doc.locate(entity.path).line
        found.entities.append(Entity(entity.doc, doc.file, entity.noun, entity.key, entity.path, entity.model,
                                     entity.skip, entity.extra, line))
        found.files[entity.doc] = doc.file
    found.entities.sort(key=lambda e: (e.file, e.line))
    return found


def _one(doc: DocKey, noun: str, key: str, path: tuple, model: models.Entity, skip: tuple[str, ...] = (),
         extra: tuple[tuple[str, str], ...] = ()) -> Entity:
    return Entity(doc, "", noun, key, path, model, frozenset(skip), extra)


def _each(doc: DocKey, noun: str, attribute: str, items: list) -> Iterator[Entity]:
    for i, item in enumerate(items):
        yield _one(doc, noun, item.id, (attribute, i), item)


def _entities(corpus: Corpus) -> Iterator[Entity]:
    playbook = DocKey(DocKind.PLAYBOOK)
    yield _one(playbook, "playbook", "", (), corpus.playbook, ("changelog",))
    for i, entry in enumerate(corpus.playbook.changelog):
        yield _one(playbook, "changelog entry", entry.version, ("changelog", i), entry)

    strategy = DocKey(DocKind.STRATEGY)
    yield _one(strategy, "strategy", "", (), corpus.strategy, ("figures", "sections", "plays", "metrics"))
    yield from _each(strategy, "figure", "figures", corpus.strategy.figures)
    yield from _each(strategy, "section", "sections", corpus.strategy.sections)
    yield from _each(strategy, "play", "plays", corpus.strategy.plays)
    yield from _each(strategy, "metric", "metrics", corpus.strategy.metrics)

    yield from _each(DocKey(DocKind.DEPARTMENTS), "department", "departments", corpus.departments)
    yield from _each(DocKey(DocKind.SOURCES), "source", "sources", corpus.sources)

    glossary = DocKey(DocKind.GLOSSARY)
    yield _one(glossary, "glossary", "", (), corpus.glossary, ("terms", "words"))
    yield from _each(glossary, "term", "terms", corpus.glossary.terms)
    yield from _each(glossary, "word", "words", corpus.glossary.words)

    log = DocKey(DocKind.EXPERIENCE_LOG)
    yield _one(log, "experience log", "", (), corpus.experience_log, ("fields",))
    yield from _each(log, "log field", "fields", corpus.experience_log.fields)

    plan = DocKey(DocKind.PLAN)
    yield _one(plan, "plan", "", (), corpus.plan, ("phases", "rhythm", "checkpoints"))
    yield from _each(plan, "checkpoint", "checkpoints", corpus.plan.checkpoints)
    yield from _each(plan, "phase", "phases", corpus.plan.phases)
    yield from _each(plan, "meeting", "rhythm", corpus.plan.rhythm)

    if corpus.context is not None:
        context = DocKey(DocKind.CONTEXT)
        yield _one(context, "industry context", "", (), corpus.context, ("figures",))
        yield from _each(context, "context figure", "figures", corpus.context.figures)

    for moment in corpus.moments:
        doc = DocKey(DocKind.MOMENT, moment.id)
        yield _one(doc, "moment", moment.id, (), moment, ("touchpoints", "plays", "metrics"))
        yield from _each(doc, "touchpoint", "touchpoints", moment.touchpoints)
        yield from _each(doc, "play", "plays", moment.plays)
        yield from _each(doc, "metric", "metrics", moment.metrics)

    for assessment in corpus.assessments:
        doc = DocKey(DocKind.ASSESSMENT, assessment.id)
        yield _one(doc, "assessment", assessment.id, (), assessment, ("answer_sets", "sections", "levels", "retired"))
        yield from _each(doc, "answer set", "answer_sets", assessment.answer_sets)
        for i, section in enumerate(assessment.sections):
            yield _one(doc, "section", section.id, ("sections", i), section, ("questions",))
            for j, question in enumerate(section.questions):
                yield _one(doc, "question", question.id, ("sections", i, "questions", j), question,
                           extra=(("section", section.id),))
        yield from _each(doc, "level", "levels", assessment.levels)
        yield from _each(doc, "retired question", "retired", assessment.retired)
