"""What the browser runtime receives: one assessment's scoring model, embedded
in its page as JSON. This is the contract between Python and JavaScript.

``cx-playbook schema`` publishes it as ``schemas/assessment-model.schema.json``;
the shared test cases (``tests/cases``) carry models validated against it, and
the JavaScript reads its limits, id pattern and level names from it instead of
keeping copies of its own.
"""

from __future__ import annotations

import itertools
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from generator import answer_file, contract, pages
from generator.corpus import Corpus
from generator.models import ID_MAX_LENGTH, ID_PATTERN, LEVEL_NAMES, Assessment, Level, Question


class Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limits(Contract):
    """The answer file's limits, as the runtime enforces them."""

    textMax: int = answer_file.TEXT_MAX
    noteMax: int = answer_file.NOTE_MAX
    questionTextMax: int = answer_file.QUESTION_TEXT_MAX
    fileMaxBytes: int = answer_file.FILE_MAX_BYTES
    snapshotsMax: int = answer_file.SNAPSHOTS_MAX
    idPattern: str = ID_PATTERN
    idMaxLength: int = ID_MAX_LENGTH
    choicePattern: str = answer_file.CHOICE_PATTERN
    respondentPattern: str = answer_file.RESPONDENT_PATTERN
    timestampPattern: str = answer_file.TIMESTAMP_PATTERN
    fingerprintPattern: str = answer_file.FINGERPRINT_PATTERN
    format: str = answer_file.FORMAT
    formatVersion: int = answer_file.FORMAT_VERSION
    notApplicable: str = answer_file.NOT_APPLICABLE


class ChoiceModel(Contract):
    id: str
    label: str
    score: float = Field(ge=0, le=1)
    replaces: list[str] = Field(default_factory=list)


class AnswerSetModel(Contract):
    choices: list[ChoiceModel]
    notApplicable: Optional[str] = None


class QuestionModel(Contract):
    id: str
    text: str
    answerSet: str
    weight: int = Field(ge=1, le=5)
    lens: Optional[str] = None
    plays: list[str] = Field(default_factory=list)
    replaces: list[str] = Field(default_factory=list)
    notApplicable: bool = True
    needs: list[str] = Field(default_factory=list, description="Departments the location must have; else the question drops out.")
    fingerprint: str = Field(pattern=answer_file.FINGERPRINT_PATTERN,
                             description="Changes whenever the question's scale (ids, labels, scores, N/A) changes. "
                                         "Made from the default language's scale, so it is the same in every language.")
    wordings: list[str] = Field(default_factory=list,
                                description="The question's current wording in the playbook's other languages: an "
                                            "answer recorded with one of them was given to this same question.")
    sameMeaning: list[str] = Field(default_factory=list,
                                   description="Earlier wordings declared to mean the same (same_meaning_as): an "
                                               "answer given to one is not sent back to be confirmed.")
    sameFingerprints: list[str] = Field(default_factory=list,
                                        description="Fingerprints of the scale with earlier choice labels declared to "
                                                    "mean the same: an answer recorded with one is not sent back.")


class SectionModel(Contract):
    id: str
    title: str
    moment: Optional[str] = None
    momentTitle: Optional[str] = None
    momentUrl: Optional[str] = None
    questions: list[QuestionModel]


class LevelModel(Contract):
    id: str
    name: str
    min: float = Field(ge=0, le=100)
    description: str


class PhaseRef(Contract):
    id: str
    title: str


class PlayModel(Contract):
    title: str
    url: str
    effort: Level
    cost: Level
    owner: str
    ownerName: str
    where: str
    phase: Optional[PhaseRef] = Field(default=None, description="The phase of the 90-day plan that starts it.")


class SingleStoreModel(Contract):
    title: str = Field(description="Who does this department's jobs in a single store.")
    into: str = Field(description="The department it is counted with in a single store.")


class DepartmentModel(Contract):
    id: str
    name: str
    leadership: bool = False
    singleStore: Optional[SingleStoreModel] = Field(default=None, description="The role map (departments.yml).")


class ContextFigureModel(Contract):
    value: str
    measure: str
    year: Union[int, str] = Field(description="A year, or 'not given'.")
    sample: str
    source: str = Field(description="The study, as sources.yml names it.")
    sourceUrl: str = Field(description="The source on the playbook's Sources page, relative to this page.")


class ContextModel(Contract):
    """content/context.yml: customers' ratings from public studies, shown as context only."""

    title: str
    note: str
    figures: list[ContextFigureModel]


class RetiredModel(Contract):
    id: str
    text: str
    retiredIn: str


class AssessmentModel(Contract):
    """One assessment as the runtime scores it."""

    id: str
    version: str
    title: str
    contentVersion: str
    organisation: str
    edition: Optional[str] = None
    siteRoot: str = Field(default="./", description="The site's root, relative to this page (scopes saved answers).")
    assessmentUrl: str = Field(default="./", description="The assessment page, relative to this page.")
    teamUrl: Optional[str] = Field(default=None, description="The team view, relative to this page.")
    lowBelow: float = Field(gt=0, le=1)
    levelCoverage: float = Field(default=contract.LEVEL_COVERAGE, gt=0, le=1,
                                 description="Share of applicable questions answered before a level is stated.")
    answerSets: dict[str, AnswerSetModel]
    sections: list[SectionModel]
    levels: list[LevelModel]
    plays: dict[str, PlayModel]
    departments: list[DepartmentModel]
    retired: list[RetiredModel] = Field(default_factory=list)
    context: Optional[ContextModel] = Field(default=None, description="Industry context, when content/context.yml exists.")
    levelNames: dict[str, str] = Field(default_factory=lambda: dict(LEVEL_NAMES))
    limits: Limits = Field(default_factory=Limits)


class StoredRespondent(Contract):
    """One merged respondent as the team view keeps it: ids, profile, choices and notes."""

    key: str = Field(pattern=r"^(v1:[0-9]+|[A-Za-z0-9][A-Za-z0-9-]*(@.+)?)$",
                     description="The respondent id (id@round within a round), or v1:N for the Nth file of format 1 "
                                 "(which has none).")
    file: str = Field(description="The name of the file it was read from.")
    exportedAt: answer_file.Timestamp
    answers: dict[answer_file.Key, answer_file.ChoiceId]
    id: Optional[str] = Field(default=None, pattern=answer_file.RESPONDENT_PATTERN)
    name: Optional[answer_file.Short] = None
    department: Optional[answer_file.Key] = None
    location: Optional[answer_file.Short] = None
    updatedAt: Optional[answer_file.Timestamp] = None
    round: Optional[answer_file.Short] = Field(default=None, description="The round the answers belong to.")
    notes: dict[answer_file.Key, answer_file.Note] = Field(default_factory=dict)


class StoredFile(Contract):
    file: str
    exportedAt: answer_file.Timestamp


class Superseded(Contract):
    """A respondent id that came more than once: the file kept and those set aside."""

    id: str
    name: Optional[str] = None
    kept: StoredFile
    dropped: list[StoredFile]


class StoredAssessment(Contract):
    id: answer_file.Key
    version: answer_file.Short


class TeamOptions(Contract):
    hideSmall: bool = True
    k: int = Field(default=contract.DEFAULT_K, ge=contract.K_MIN, le=contract.K_MAX)
    showNotes: bool = False
    singleStore: bool = Field(default=False, description="Departments merged as the role map says (a single store).")


class TeamRounds(Contract):
    """The lead's round choices and participation, kept with the team (read again when restored)."""

    name: Optional[answer_file.Short] = Field(default=None, description="The round of answers added that carry none.")
    current: Optional[str] = Field(default=None, description="The round shown.")
    baseline: Optional[str] = Field(default=None, description="The round compared with ('' for none).")
    headcounts: Optional[str] = Field(default=None, max_length=1_000_000, description="The headcount CSV.")
    summary: Optional[str] = Field(default=None, max_length=4_000_000,
                                   description="An earlier round's team JSON summary, brought back.")


class TeamStore(Contract):
    """The team view's merged team, kept in local storage until *Clear team data*.
    Each respondent is read again through the answer-file reader when it is restored."""

    format: Literal[contract.TEAM_STORE_FORMAT]  # type: ignore[valid-type]
    formatVersion: Literal[contract.TEAM_STORE_VERSION]  # type: ignore[valid-type]
    assessment: StoredAssessment
    respondents: list[StoredRespondent]
    superseded: list[Superseded] = Field(default_factory=list)
    v1Count: int = Field(default=0, ge=0)
    excluded: list[str] = Field(default_factory=list)
    options: TeamOptions = Field(default_factory=TeamOptions)
    rounds: Optional[TeamRounds] = None


def build_browser_model(corpus: Corpus, assessment: Assessment, page: str, *, directory_urls: bool = True,
                        edition: Optional[str] = None, source: Optional[Assessment] = None,
                        wordings: Optional[dict[str, list[str]]] = None, root: str = "") -> AssessmentModel:
    """The model embedded in ``page``; its URLs are relative to that page. For a
    translated page, ``source`` is the assessment in the default language (the
    fingerprints are its) and ``wordings`` each question's text in the other languages."""
    plays = corpus.plays
    used = sorted({p for s in assessment.sections for q in s.questions for p in q.plays})
    moments = {m.id: m for m in corpus.moments}
    scales = {s.id: s for s in (source or assessment).answer_sets}
    wordings = wordings or {}

    def play_page(play_id: str) -> str:
        ref = plays[play_id]
        return pages.moment_path(ref.moment.id) if ref.moment else pages.STRATEGY

    def phase(play_id: str) -> Optional[PhaseRef]:
        found = corpus.phase_of_play.get(play_id)
        return PhaseRef(id=found.id, title=found.title) if found else None

    return AssessmentModel(
        id=assessment.id,
        version=assessment.version,
        title=assessment.title,
        contentVersion=corpus.playbook.version,
        organisation=corpus.playbook.organization,
        edition=edition,
        # A translation's pages sit under its folder (root "../"): answers are kept for the
        # whole site, so a reader who switches language finds them on the other side too.
        siteRoot=root + pages.url(page, pages.HOME, directory_urls=directory_urls),
        assessmentUrl=pages.url(page, pages.assessment_path(assessment.id), directory_urls=directory_urls),
        teamUrl=pages.url(page, pages.team_path(assessment.id), directory_urls=directory_urls),
        lowBelow=assessment.low_below,
        answerSets={
            s.id: AnswerSetModel(
                choices=[ChoiceModel(id=c.id, label=c.label, score=c.score, replaces=list(c.replaces)) for c in s.choices],
                notApplicable=s.not_applicable,
            )
            for s in assessment.answer_sets
        },
        sections=[
            SectionModel(
                id=s.id,
                title=s.title,
                moment=s.moment,
                momentTitle=moments[s.moment].title if s.moment else None,
                momentUrl=pages.url(page, pages.moment_path(s.moment), directory_urls=directory_urls) if s.moment else None,
                questions=[
                    QuestionModel(id=q.id, text=q.text, answerSet=q.answer_set, weight=q.weight, lens=q.lens,
                                  plays=list(q.plays), replaces=list(q.replaces), notApplicable=q.not_applicable,
                                  needs=list(q.needs),
                                  fingerprint=fingerprint(q, scales[q.answer_set]),
                                  wordings=[w for w in wordings.get(q.id, []) if w != q.text],
                                  sameMeaning=[t for t in q.same_meaning_as if t != q.text],
                                  sameFingerprints=same_fingerprints(q, scales[q.answer_set]))
                    for q in s.questions
                ],
            )
            for s in assessment.sections
        ],
        levels=[LevelModel(id=lv.id, name=lv.name, min=lv.min, description=lv.description) for lv in assessment.levels],
        plays={
            pid: PlayModel(
                title=plays[pid].play.title,
                url=pages.url(page, play_page(pid), pid, directory_urls=directory_urls),
                effort=plays[pid].play.effort,
                cost=plays[pid].play.cost,
                owner=plays[pid].play.owner,
                ownerName=corpus.department(plays[pid].play.owner).name,
                where=plays[pid].moment.title if plays[pid].moment else corpus.strategy.title,
                phase=phase(pid),
            )
            for pid in used
        },
        departments=[DepartmentModel(id=d.id, name=d.name, leadership=d.leadership,
                                     singleStore=SingleStoreModel(title=d.single_store.title, into=d.single_store.merged_into)
                                     if d.single_store else None) for d in corpus.departments],
        retired=[RetiredModel(id=r.id, text=r.text, retiredIn=r.retired_in) for r in assessment.retired],
        context=_context(corpus, page, directory_urls),
    )


def _context(corpus: Corpus, page: str, directory_urls: bool) -> Optional[ContextModel]:
    if corpus.context is None:
        return None
    return ContextModel(title=corpus.context.title, note=corpus.context.note, figures=[
        ContextFigureModel(value=f.value, measure=f.measure, year=f.year, sample=f.sample,
                           source=_cited(corpus, f.source),
                           sourceUrl=pages.url(page, pages.SOURCES, f.source, directory_urls=directory_urls))
        for f in corpus.context.figures])


def _cited(corpus: Corpus, source_id: str) -> str:
    source = corpus.source(source_id)
    if source is None:
        return source_id
    # A plain string for the browser: names as published, then our words (in this language).
    return ", ".join(t for t in (source.publisher or source.publisher_note, source.title, source.title_note) if t)


def questionnaire_model(assessment: Assessment) -> dict:
    """The part of the browser model that reading and carrying over answers
    uses (questions, scales, levels, retired wording), as plain data; it needs
    no corpus, so ``diff`` can run the real carry-over on any two versions."""
    scales = {s.id: s for s in assessment.answer_sets}
    return {
        "id": assessment.id, "version": assessment.version, "title": assessment.title,
        "answerSets": {s.id: {"choices": [{"id": c.id, "label": c.label, "score": c.score, "replaces": list(c.replaces)}
                                          for c in s.choices], "notApplicable": s.not_applicable}
                       for s in assessment.answer_sets},
        "sections": [{"id": s.id, "title": s.title,
                      "questions": [{"id": q.id, "text": q.text, "answerSet": q.answer_set, "weight": q.weight,
                                     "plays": list(q.plays), "replaces": list(q.replaces),
                                     "notApplicable": q.not_applicable, "needs": list(q.needs),
                                     "fingerprint": fingerprint(q, scales[q.answer_set]),
                                     "sameMeaning": [t for t in q.same_meaning_as if t != q.text],
                                     "sameFingerprints": same_fingerprints(q, scales[q.answer_set])}
                                    for q in s.questions]}
                     for s in assessment.sections],
        "levels": [{"id": lv.id, "name": lv.name, "min": lv.min, "description": lv.description} for lv in assessment.levels],
        "departments": [],
        "retired": [{"id": r.id, "text": r.text, "retiredIn": r.retired_in} for r in assessment.retired],
        "limits": Limits().model_dump(),
    }


def fingerprint(question: Question, scale) -> str:
    """FNV-1a (32 bit, hex) of what a respondent chose from: the scale's choice
    ids, labels and scores, and whether N/A was offered. Equal fingerprints mean
    an old answer still means what it meant."""
    parts = [f"{c.id}\x1f{' '.join(c.label.split())}\x1f{round(c.score * 10000)}" for c in scale.choices]
    offered = scale.not_applicable if (scale.not_applicable and question.not_applicable) else ""
    return _fnv1a("\x1e".join(parts) + "\x1d" + offered)


# Each choice's earlier labels multiply the fingerprints an equal scale may have
# had; a scale fixed in more places than this is confirmed as usual.
SAME_FINGERPRINTS_MAX = 64


def same_fingerprints(question: Question, scale) -> list[str]:
    """The fingerprints the scale had under earlier labels its choices declare
    to mean the same (``same_meaning_as``): answers recorded with one of them
    still mean what they meant."""
    options = [[c.label, *c.same_meaning_as] for c in scale.choices]
    if all(len(o) == 1 for o in options):
        return []
    current = fingerprint(question, scale)
    found: list[str] = []
    for labels in itertools.islice(itertools.product(*options), SAME_FINGERPRINTS_MAX + 1):
        variant = scale.model_copy(update={"choices": [c.model_copy(update={"label": label})
                                                       for c, label in zip(scale.choices, labels)]})
        value = fingerprint(question, variant)
        if value != current and value not in found:
            found.append(value)
    return found[:SAME_FINGERPRINTS_MAX]


def _fnv1a(text: str) -> str:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"
