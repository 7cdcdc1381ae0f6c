"""The content model: one pydantic class per entity, the single source of truth.

JSON Schemas (``cx-playbook schema``) are derived from these classes, and the
validator turns pydantic's errors into ``file:line:col: where: message`` lines.
Every model forbids unknown keys so that a typo never passes silently.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# A stable, human-readable id: lowercase words joined by hyphens (``test-drive``).
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Version = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
# Prose: Markdown for emphasis, lists and http(s) links; raw HTML is shown as text.
Text = Annotated[str, StringConstraints(min_length=1)]
Line = Annotated[str, StringConstraints(min_length=1)]

Level = Literal["low", "medium", "high"]
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
    changes: list[Line] = Field(min_length=1, description="What changed, one line each.")


class Playbook(Entity):
    title: Line = Field(description="The site's title.")
    organisation: Line = Field(description="Whose playbook this is; a dealer who forks sets its own.")
    version: Version = Field(description="The content version (semver), shown on every page.")
    summary: Line = Field(description="One or two sentences: the home page's lead and meta description.")
    intro: Text = Field(description="The home page's introduction (Markdown).")
    changelog: list[ChangelogEntry] = Field(min_length=1, description="Newest first.")


# ---------------------------------------------------------------------------
# content/departments.yml
# ---------------------------------------------------------------------------


class Department(Entity):
    id: Id
    name: Line
    description: Text = Field(description="Its part in the customer experience.")


class Departments(Entity):
    departments: list[Department] = Field(min_length=1)


# ---------------------------------------------------------------------------
# content/sources.yml
# ---------------------------------------------------------------------------


class Source(Entity):
    id: Id
    title: Line
    publisher: Line
    author: Optional[Line] = None
    year: Optional[Annotated[int, Field(ge=1900, le=2100)]] = Field(
        default=None, description="Year of publication, when known."
    )
    url: Optional[Annotated[str, StringConstraints(pattern=r"^https?://")]] = None
    facts: list[Line] = Field(min_length=1, description="The facts this playbook uses, in our words.")


class Sources(Entity):
    sources: list[Source] = Field(min_length=1)


# ---------------------------------------------------------------------------
# content/strategy.yml
# ---------------------------------------------------------------------------


class Figure(Entity):
    id: Id
    value: Line = Field(description="The figure as shown, e.g. '75%'.")
    statement: Line = Field(description="What the figure says, in our words.")
    source: Id = Field(description="The source id it comes from.")


class StrategySection(Entity):
    id: Id
    title: Line
    body: Text
    sources: list[Id] = Field(default_factory=list)


class Strategy(Entity):
    title: Line
    summary: Line
    vision: Text = Field(description="The CX vision in a few sentences.")
    figures: list[Figure] = Field(default_factory=list, description="The case in figures.")
    sections: list[StrategySection] = Field(min_length=1)
    plays: list["Play"] = Field(default_factory=list, description="Plays that build the strategy itself.")
    discussion: list[Line] = Field(default_factory=list, description="Questions for leadership.")


# ---------------------------------------------------------------------------
# content/moments/<id>.yml
# ---------------------------------------------------------------------------


class Lens(Entity):
    summary: Text
    practices: list[Line] = Field(min_length=1, description="What good looks like through this lens.")


class Lenses(Entity):
    processes: Lens
    environment: Lens
    people: Lens


class Touchpoint(Entity):
    id: Id
    name: Line
    description: Text
    owner: Id = Field(description="The department id that owns this touchpoint.")


class Play(Entity):
    id: Id = Field(description="Unique across the whole playbook; questions recommend plays by it.")
    title: Line
    summary: Text = Field(description="What to do and why, in two or three sentences.")
    owner: Id = Field(description="The department id that runs the play.")
    lens: LensName
    effort: Level
    cost: Level
    steps: list[Line] = Field(min_length=1)
    sources: list[Id] = Field(default_factory=list)


class Metric(Entity):
    id: Id
    name: Line
    definition: Text
    how_to_measure: Text
    target: Optional[Line] = None


class Moment(Entity):
    id: Id = Field(description="Must equal the file name without .yml.")
    order: Annotated[int, Field(ge=1, le=99)]
    title: Line
    summary: Line = Field(description="One sentence: the page lead and meta description.")
    expectations: Text = Field(description="What the customer expects at this moment.")
    why_it_matters: Text
    lenses: Lenses
    touchpoints: list[Touchpoint] = Field(min_length=1)
    plays: list[Play] = Field(min_length=1)
    metrics: list[Metric] = Field(min_length=1)
    pitfalls: list[Line] = Field(default_factory=list)
    discussion: list[Line] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# content/experience-log.yml
# ---------------------------------------------------------------------------


class LogField(Entity):
    id: Id
    label: Line
    hint: Optional[Line] = None


class ExperienceLog(Entity):
    title: Line
    summary: Line
    intro: Text
    steps: list[Line] = Field(min_length=1)
    fields: list[LogField] = Field(min_length=1, description="The columns of the printable form.")
    rows: Annotated[int, Field(ge=1, le=40)] = 8
    sources: list[Id] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# assessments/<id>.yml
# ---------------------------------------------------------------------------


class Choice(Entity):
    id: Id
    label: Line = Field(description="Observable behaviour at this level, not a bare number.")
    score: Annotated[float, Field(ge=0, le=1)] = Field(description="0 (absent) to 1 (fully in place).")


class AnswerSet(Entity):
    id: Id
    choices: list[Choice] = Field(min_length=2)
    not_applicable: Optional[Line] = Field(
        default=None, description="Label of a 'not applicable' answer; omit where N/A cannot honestly apply."
    )


class Question(Entity):
    id: Id = Field(description="Stable: saved answers are keyed by it.")
    text: Line
    help: Optional[Text] = None
    answer_set: Id
    weight: Annotated[int, Field(ge=1, le=5)] = 1
    lens: Optional[LensName] = None
    plays: list[Id] = Field(default_factory=list, description="Plays recommended when the answer is low.")
    not_applicable: bool = Field(
        default=True,
        description="false: do not offer the scale's 'not applicable' answer here, where it cannot honestly apply.",
    )
    replaces: list[Id] = Field(default_factory=list, description="Older ids whose saved answers carry over.")


class Section(Entity):
    id: Id
    title: Line
    moment: Optional[Id] = Field(default=None, description="The moment this section assesses.")
    description: Optional[Text] = None
    questions: list[Question] = Field(min_length=1)


class MaturityLevel(Entity):
    id: Id
    name: Line
    min: Annotated[float, Field(ge=0, le=100)] = Field(description="Lowest score (percent) at this level.")
    description: Text = Field(description="What an organisation at this level does.")


class Assessment(Entity):
    id: Id = Field(description="Must equal the file name without .yml.")
    title: Line
    version: Version = Field(description="Bump it when questions change; saved answers are keyed by it.")
    summary: Line
    intro: Text
    low_below: Annotated[float, Field(gt=0, le=1)] = Field(
        default=0.5, description="An answer scoring below this recommends its plays."
    )
    answer_sets: list[AnswerSet] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    levels: list[MaturityLevel] = Field(min_length=2)


# The file kinds, by where they live; the loader picks the model from this.
SINGLE_FILES: dict[str, type[Entity]] = {
    "playbook.yml": Playbook,
    "strategy.yml": Strategy,
    "departments.yml": Departments,
    "sources.yml": Sources,
    "experience-log.yml": ExperienceLog,
}


Strategy.model_rebuild()
