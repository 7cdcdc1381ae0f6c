"""The content model: one pydantic class per entity, the single source of truth.

JSON Schemas (``cx-playbook schema``) are derived from these classes, and
:mod:`generator.model_errors` turns pydantic's errors into
``file:line:col: where: message`` lines. Every model forbids unknown keys so
that a typo never passes silently. Every text field says what kind of text it
holds (:mod:`generator.fields`); the renderer and the link checker read that.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, Optional, Union

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from generator.fields import Block, HtmlBlock, Inline, Plain

# A stable, human-readable id: lowercase words joined by hyphens (``test-drive``).
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX_LENGTH = 80
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
URL_PATTERN = r"^https?://"
TERM_PATTERN = r"^[A-Za-z0-9&][A-Za-z0-9&.\-/]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Version = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
# An id that must name one of the departments in content/departments.yml: the
# JSON Schemas list them (so an editor completes them) and messages name them.
DEPARTMENT_LIST = "departments"
DepartmentId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
                         Field(json_schema_extra={"x-cx-list": DEPARTMENT_LIST})]
# Every play id of a moment starts with the moment's prefix and a hyphen; the strategy's with this one.
PREFIX_PATTERN = r"^[a-z][a-z0-9]{1,5}$"
STRATEGY_PREFIX = "st"

Level = Literal["low", "medium", "high"]
LEVEL_NAMES: dict[str, str] = {"low": "Low", "medium": "Medium", "high": "High"}
LensName = Literal["processes", "environment", "people"]
LENS_NAMES: tuple[str, ...] = ("processes", "environment", "people")


class Entity(BaseModel):
    """Base for every model: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# content/playbook.yml
# ---------------------------------------------------------------------------


class ChangelogEntry(Entity):
    version: Version = Field(description="The content version this entry describes (semver).")
    date: datetime.date = Field(description="When it was published, YYYY-MM-DD.")
    changes: list[Inline] = Field(min_length=1, description="What changed, one line each.")


LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Z]{2})?$"


class Language(Entity):
    code: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] = Field(
        description="A language code as Material for MkDocs knows it: 'en', 'es', 'fr', 'pt-BR'.")
    name: Plain = Field(description="The language's name in itself, for the language selector: 'Español'.")


class Playbook(Entity):
    title: Plain = Field(description="The site's title.")
    organization: Plain = Field(
        validation_alias=AliasChoices("organization", "organisation"),
        description="Whose playbook this is; a dealer who forks sets its own. (The British spelling "
                    "'organisation' of earlier editions is still read.)")
    version: Version = Field(description="The content version (semver), shown on every page.")
    summary: Plain = Field(description="One or two sentences: the home page's lead and meta description.")
    intro: Block = Field(description="The home page's introduction (Markdown).")
    changelog: list[ChangelogEntry] = Field(min_length=1, description="Newest first.")
    languages: list[Language] = Field(
        default_factory=lambda: [Language(code="en", name="English")], min_length=1,
        description="The languages published. The first is the default: the language of content/ and "
                    "assessments/, published at the site's root. Each other one is published under /<code>/ "
                    "from the translations in content/<code>/ and assessments/<code>/.",
    )


# ---------------------------------------------------------------------------
# content/departments.yml
# ---------------------------------------------------------------------------


class SingleStoreRole(Entity):
    title: Plain = Field(description="The real title that takes this department's jobs in a single store, e.g. 'The GM's assistant or the BDC lead'.")
    merged_into: Id = Field(
        description="The department it is counted with in a single store (its own id when it stays a department of its own)."
    )


class Department(Entity):
    id: Id
    name: Plain
    description: Inline = Field(description="Its part in the customer experience.")
    leadership: bool = Field(
        default=False,
        description="true for the department(s) whose answers the team view compares with everyone else's.",
    )
    single_store: Optional[SingleStoreRole] = Field(
        default=None,
        description="The role map: who does this department's jobs in a single store, and which department it merges into there.",
    )


class Departments(Entity):
    departments: list[Department] = Field(min_length=1)


# ---------------------------------------------------------------------------
# content/sources.yml
# ---------------------------------------------------------------------------


class Source(Entity):
    """Names (title, publisher, author) are quoted as published and never translated:
    pages in another language mark them as English. What we say about a source in
    our own words goes in the ``*_note`` fields, which are translated like any prose."""

    id: Id
    title: Optional[Plain] = Field(default=None, description="The work's title exactly as published (never translated). "
                                   "Leave it out when our copy has none, and describe the work in title_note.")
    title_note: Optional[Plain] = Field(default=None, description="In our words, translated: what kind of document it is or where we read it "
                                        "('press release', 'findings as reported by CarPro, March 2023'), or, with no title, what the work is.")
    publisher: Optional[Plain] = Field(default=None, description="The publisher's name as published (never translated). "
                                       "Leave it out when our copy does not name one, and say so in publisher_note.")
    publisher_note: Optional[Plain] = Field(default=None, description="In our words, translated: what the publisher is "
                                            "('a trade body for boat dealers'), or, with no publisher named, what kind of outlet it is.")
    author: Optional[Plain] = Field(default=None, description="The author's name(s) as published (never translated).")
    author_note: Optional[Plain] = Field(default=None, description="In our words, translated: the author's role ('VP of Sales, CarStory').")
    year: Optional[Annotated[int, Field(ge=1900, le=2100)]] = Field(
        default=None, description="Year of publication, only where the source states it."
    )
    url: Optional[Url] = None
    facts: list[Inline] = Field(min_length=1, description="The facts this playbook uses, in our words.")


class Sources(Entity):
    sources: list[Source] = Field(min_length=1)


# ---------------------------------------------------------------------------
# content/context.yml (optional): public industry figures, shown as context
# ---------------------------------------------------------------------------


class ContextFigure(Entity):
    id: Id
    value: Plain = Field(description="The figure as published, e.g. '846 of 1,000'.")
    measure: Inline = Field(description="What it measures and among whom, in our words.")
    source: Id = Field(description="The source id in sources.yml that states it.")
    year: Union[int, str] = Field(
        description="The year the figure describes, or 'not given' where the source does not say.",
        json_schema_extra={"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2100}, {"const": "not given"}]},
    )
    sample: Plain = Field(description="Who was asked and how many, as the source states it, or 'not given'.")


    @field_validator("year")
    @classmethod
    def _year(cls, value: Union[int, str]) -> Union[int, str]:
        # One message for both forms, instead of one per branch of the union.
        if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100 or value == "not given":
            return value
        raise ValueError(f"{value!r} is not a year (expected a year such as 2023, or 'not given' where the source does not say)")


class Context(Entity):
    title: Plain
    note: Inline = Field(
        description="Says that these are customers' ratings, never a benchmark for a staff self-assessment score."
    )
    figures: list[ContextFigure] = Field(min_length=1)


# ---------------------------------------------------------------------------
# content/glossary.yml
# ---------------------------------------------------------------------------


class Term(Entity):
    id: Id = Field(description="Stable anchor on the glossary page, e.g. 'f-and-i'.")
    term: Annotated[str, StringConstraints(pattern=TERM_PATTERN, max_length=20)] = Field(
        description="The abbreviation exactly as it appears in text, e.g. 'F&I'. Shown as a tooltip wherever it is used."
    )
    expansion: Plain = Field(description="What it stands for, e.g. 'Finance and insurance'.")
    definition: Inline = Field(description="One or two sentences for a department head who has not met it.")


class Word(Entity):
    """A dealership word (not an abbreviation) that staff say in English whatever
    language they speak, such as "lead": the translations keep it, so it is defined here."""

    id: Id = Field(description="Stable anchor on the glossary page, e.g. 'lead'; not the id of a term.")
    term: Annotated[str, StringConstraints(pattern=TERM_PATTERN, max_length=20)] = Field(
        description="The word exactly as staff say it, e.g. 'lead' (never translated)."
    )
    definition: Inline = Field(description="One or two sentences, in plain words, for someone new on the floor.")


class Glossary(Entity):
    title: Plain
    summary: Plain
    terms: list[Term] = Field(min_length=1)
    words: list[Word] = Field(default_factory=list, description="Dealership words kept in English in every language.")


# ---------------------------------------------------------------------------
# Shared by the strategy and the moments
# ---------------------------------------------------------------------------


class Play(Entity):
    id: Id = Field(description="Unique across the whole playbook, and starts with its moment's prefix and a hyphen "
                               "('st-' in the strategy); questions and the 90-day plan refer to it.")
    title: Plain
    summary: Block = Field(description="What to do and why, in two or three sentences.")
    owner: DepartmentId = Field(description="The department id that runs the play (from content/departments.yml).")
    lens: LensName
    effort: Level
    cost: Level
    first_step: Inline = Field(description="Something one named person can do this week to start.")
    measured_by: Id = Field(
        description="The id of the metric that tells whether the play worked: one under `metrics:` in this file, "
                    "or on any other page."
    )
    not_assessed: Optional[Inline] = Field(
        default=None,
        description="Only for a play no question recommends: why no assessment question leads to it.",
    )
    pilot: Optional[Inline] = Field(
        default=None,
        description="Set for a speculative play: the success threshold that decides whether to keep it.",
    )
    steps: list[Inline] = Field(min_length=1)
    sources: list[Id] = Field(default_factory=list)


class Metric(Entity):
    id: Id = Field(description="Unique across the playbook; plays refer to it in measured_by.")
    name: Plain
    definition: Inline
    how_to_measure: Inline
    target: Optional[Inline] = None


# ---------------------------------------------------------------------------
# content/strategy.yml
# ---------------------------------------------------------------------------


class Figure(Entity):
    id: Id
    value: Plain = Field(description="The figure as shown, e.g. '75%'.")
    statement: Inline = Field(description="What the figure says, in our words, with its study and year.")
    source: Id = Field(description="The source id it comes from.")


class StrategySection(Entity):
    id: Id
    title: Plain
    body: Block
    sources: list[Id] = Field(default_factory=list)


class Strategy(Entity):
    title: Plain
    summary: Plain
    vision: Block = Field(description="The CX vision in a few sentences.")
    in_brief: Optional[Annotated[list[Inline], Field(min_length=3, max_length=3)]] = Field(
        default=None, description="The strategy in exactly three sentences, shown first on the at-a-glance page.",
    )
    figures: list[Figure] = Field(default_factory=list, description="The case in figures.")
    sections: list[StrategySection] = Field(min_length=1)
    plays: list[Play] = Field(default_factory=list, description="Plays that build the strategy itself.")
    metrics: list[Metric] = Field(default_factory=list, description="Measures of the strategy as a whole.")
    discussion: list[Inline] = Field(default_factory=list, description="Questions for leadership.")


# ---------------------------------------------------------------------------
# content/moments/<id>.yml
# ---------------------------------------------------------------------------


class Lens(Entity):
    summary: Block
    practices: list[Inline] = Field(min_length=1, description="What good looks like through this lens.")


class Lenses(Entity):
    processes: Lens
    environment: Lens
    people: Lens


class Touchpoint(Entity):
    id: Id
    name: Plain
    description: Inline
    owner: DepartmentId = Field(description="The department id that owns this touchpoint (from content/departments.yml).")


class Moment(Entity):
    id: Id = Field(description="Must equal the file name without .yml.")
    order: Annotated[int, Field(ge=1, le=99)]
    prefix: Annotated[str, StringConstraints(pattern=PREFIX_PATTERN)] = Field(
        description="Two to six lowercase letters or digits; every play id in this file starts with it and a hyphen "
                    "(prefix 'td': play 'td-planned-routes')."
    )
    title: Plain
    summary: Plain = Field(description="One sentence: the page lead and meta description.")
    expectations: Block = Field(description="What the customer expects at this moment.")
    why_it_matters: Block
    lenses: Lenses
    touchpoints: list[Touchpoint] = Field(min_length=1)
    plays: list[Play] = Field(min_length=1)
    metrics: list[Metric] = Field(min_length=1)
    pitfalls: list[Inline] = Field(default_factory=list)
    discussion: list[Inline] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# content/experience-log.yml
# ---------------------------------------------------------------------------


class LogField(Entity):
    id: Id
    label: Plain
    hint: Optional[Plain] = None


class ExperienceLog(Entity):
    title: Plain
    summary: Plain
    intro: Block
    steps: list[Inline] = Field(min_length=1)
    fields: list[LogField] = Field(min_length=1, description="The columns of the printable form.")
    rows: Annotated[int, Field(ge=1, le=40)] = 8
    sources: list[Id] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# content/plan.yml: "Start here: the first 90 days"
# ---------------------------------------------------------------------------


Week = Annotated[int, Field(ge=1, le=52)]


class PlannedPlay(Entity):
    play: Id = Field(description="The id of a play in the strategy or a moment.")
    why: Inline = Field(description="Why it comes at this point of the plan.")
    start: Optional[Week] = Field(
        default=None, description="The week it starts; by default the phase's first week. It must lie in its phase."
    )
    weeks: Annotated[int, Field(ge=1, le=26)] = Field(
        default=1, description="How many weeks it needs its owner before it runs on its own (counted by the load limit)."
    )
    after: list[Id] = Field(
        default_factory=list,
        description="Plays it depends on: it starts only once each of them has run its weeks.",
    )


class Phase(Entity):
    id: Id
    title: Plain
    first_week: Annotated[int, Field(ge=1, le=52)]
    last_week: Annotated[int, Field(ge=1, le=52)]
    goal: Inline = Field(description="What is true at the end of the phase.")
    leadership: list[Inline] = Field(min_length=1, description="What leadership does in these weeks.")
    plays: list[PlannedPlay] = Field(default_factory=list, description="Plays to start in this phase, in order.")


class Meeting(Entity):
    id: Id
    name: Plain
    cadence: Plain = Field(description="How often, e.g. 'Every Monday'.")
    length: Plain = Field(description="How long, e.g. '15 minutes'.")
    who: Inline
    agenda: list[Inline] = Field(min_length=1)


class BaselineMeasure(Entity):
    metric: Id = Field(description="The id of a metric (a headline measure of the minimum version).")
    how: Inline = Field(description="How the starting number is recorded in week 1, and from what.")


class Baseline(Entity):
    week: Week = Field(default=1, description="The week the starting numbers are recorded.")
    intro: Optional[Inline] = None
    measures: list[BaselineMeasure] = Field(min_length=1, description="One per headline measure.")


class CheckpointMeasure(Entity):
    metric: Id = Field(description="A metric recorded in the baseline, compared with its starting number.")
    expect: Inline = Field(description="What the number should show against the baseline by then.")


class Checkpoint(Entity):
    id: Id
    day: Annotated[int, Field(ge=1, le=365)] = Field(description="Day 30, 60 or 90: held in the week of that day.")
    title: Plain
    true_by_then: list[Inline] = Field(min_length=1, description="What must be true by this day.")
    compare: list[CheckpointMeasure] = Field(min_length=1, description="The numbers compared with the baseline.")


class MinimumPlay(Entity):
    moment: Id = Field(description="The moment; the minimum version names exactly one play per moment.")
    play: Id = Field(description="The one play to run first in this moment (a play of this moment).")
    measure: Id = Field(description="The headline measure of this moment (a metric of this moment).")


class Plan(Entity):
    title: Plain
    summary: Plain
    intro: Block
    load_limit: Annotated[int, Field(ge=1, le=10)] = Field(
        default=2, description="At most this many plays started and running per owner in any week."
    )
    minimum: list[MinimumPlay] = Field(
        default_factory=list,
        description="The minimum version: one play and one headline measure per moment, shown at a glance.",
    )
    baseline: Optional[Baseline] = Field(default=None, description="The starting numbers, recorded in week 1.")
    checkpoints: list[Checkpoint] = Field(default_factory=list, description="Day 30, 60 and 90: what must be true.")
    phases: list[Phase] = Field(min_length=1, description="In order, covering the weeks without gaps.")
    rhythm: list[Meeting] = Field(min_length=1, description="The leadership rhythm that keeps it going.")
    dealer_groups: Block = Field(description="How a dealer group runs the plan across its stores.")
    sources: list[Id] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# assessments/<id>.yml
# ---------------------------------------------------------------------------


Bound = Annotated[int, Field(ge=0)]


class Choice(Entity):
    id: Id = Field(description="Stable: saved answers hold it.")
    label: Plain = Field(description="Observable behavior at this level, not a bare number.")
    score: Annotated[float, Field(ge=0, le=1)] = Field(description="0 (absent) to 1 (fully in place).")
    range: Optional[tuple[Bound, Optional[Bound]]] = Field(
        default=None,
        description="On a scale with a quantity: the whole numbers this choice covers, [lowest, highest] "
                    "(highest null: no upper bound). The choices' ranges must meet with no gap or overlap.",
    )
    replaces: list[Id] = Field(
        default_factory=list, description="Older choice ids of this scale whose saved answers mean this choice now."
    )
    same_meaning_as: list[Plain] = Field(
        default_factory=list,
        description="Earlier labels of this choice that mean the same (a wording fix): answers given to them are "
                    "not sent back to respondents to confirm.",
    )


class Quantity(Entity):
    unit: Plain = Field(description="What the ranges count, e.g. 'percent of visits', 'minutes', 'moments'.")
    min: Bound = Field(default=0, description="The lowest value a store can have.")
    max: Optional[Bound] = Field(default=None, description="The highest value a store can have; omit when unbounded.")


class AnswerSet(Entity):
    id: Id
    quantity: Optional[Quantity] = Field(
        default=None, description="Set when the choices state a quantity: each choice then declares its range."
    )
    choices: list[Choice] = Field(min_length=2, description="From the lowest score to the highest, strictly rising.")
    not_applicable: Optional[Plain] = Field(
        default=None,
        description="Not allowed: what a location lacks is set once in its profile, and questions declare it in "
                    "needs. Kept so that an old file gets a clear message.",
    )


class Question(Entity):
    id: Id = Field(description="Stable: saved answers are keyed by it.")
    text: Plain
    help: Optional[HtmlBlock] = None
    answer_set: Id
    weight: Annotated[int, Field(ge=1, le=5)] = 1
    lens: Optional[LensName] = None
    plays: list[Id] = Field(default_factory=list, description="Plays recommended when the answer is low.")
    not_applicable: bool = Field(
        default=True,
        description="false: do not offer the scale's 'not applicable' answer here, where it cannot honestly apply.",
    )
    needs: list[Id] = Field(
        default_factory=list,
        description="Departments (ids of content/departments.yml) a location must have for this question to apply; "
                    "it drops out for a respondent whose profile says the location lacks one.",
    )
    replaces: list[Id] = Field(default_factory=list, description="Older ids whose saved answers carry over.")
    same_meaning_as: list[Plain] = Field(
        default_factory=list,
        description="Earlier wordings of this question that mean the same (a typo or wording fix): respondents who "
                    "answered them are not asked to confirm their answer.",
    )


class RetiredQuestion(Entity):
    id: Id = Field(description="The id no longer asked; never reused.")
    text: Plain = Field(description="Its wording when it was last asked, shown next to old answers.")
    retired_in: Version = Field(description="The assessment version that stopped asking it.")
    reason: Optional[Inline] = None


class Section(Entity):
    id: Id
    title: Plain
    moment: Optional[Id] = Field(default=None, description="The moment this section assesses.")
    description: Optional[Block] = None
    questions: list[Question] = Field(min_length=1)


class ReferenceProfile(Entity):
    """A pattern of answers a level's description claims; check scores it with
    the real scoring code and fails when it lands outside its level."""

    id: Id = Field(description="Unique within its level, e.g. 'second-step'.")
    label: Plain = Field(description="The pattern in words, as the assessment page shows it.")
    step: Annotated[int, Field(ge=1, le=20)] = Field(
        default=1, description="Every question answered on this step, counted from the lowest (1); "
                               "a scale with fewer steps gives its top step.")
    scales: dict[Id, Id] = Field(
        default_factory=dict, description="Answer set id -> the choice every question on that scale takes instead.")
    questions: dict[Id, Id] = Field(
        default_factory=dict, description="Question id -> the choice that question takes instead (wins over scales).")


class MaturityLevel(Entity):
    id: Id
    name: Plain
    min: Annotated[float, Field(ge=0, le=100)] = Field(description="Lowest score (percent) at this level.")
    description: Plain = Field(description="What an organization at this level does.")
    profiles: list[ReferenceProfile] = Field(
        default_factory=list, description="Answer patterns the description claims; each must score inside this level.")


class Assessment(Entity):
    id: Id = Field(description="Must equal the file name without .yml.")
    title: Plain
    version: Version = Field(description="Bump it when questions, choices, scores, weights or levels change.")
    summary: Plain
    intro: Block
    low_below: Annotated[float, Field(gt=0, le=1)] = Field(
        default=0.5, description="An answer scoring below this recommends its plays."
    )
    cover_every_lens: bool = Field(
        default=False,
        description="true: every section that assesses a moment asks at least one question through each lens "
                    "(processes, environment, people); the check insists.",
    )
    answer_sets: list[AnswerSet] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    levels: list[MaturityLevel] = Field(min_length=2)
    retired: list[RetiredQuestion] = Field(
        default_factory=list, description="Questions no longer asked, kept so old answers can be explained."
    )
