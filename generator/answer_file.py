"""The answer file: what the browser's *Export JSON* writes, what it keeps in
local storage, and what the team view and ``cx-playbook team`` read.

``cx-playbook schema`` publishes it as ``schemas/assessment-export.schema.json``.
Version 2 adds who answered (a random respondent id and an optional name), the
edition, and what the answers were given against (the questionnaire's version
and a fingerprint of each question), so that any later version can explain
what changed. Version 1 files (no respondent, no questionnaire) still import.

The limits here are the contract with the browser: they reach the runtime
through the embedded model (:class:`generator.browser_model.Limits`).
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints

from generator.contract import (FINGERPRINT_LENGTH, RESPONDENT_ID_MAX_LENGTH, RESPONDENT_ID_MIN_LENGTH,
                                TIMESTAMP_MAX_LENGTH)
from generator.models import ID_MAX_LENGTH, ID_PATTERN

FORMAT = "cx-playbook-assessment"
FORMAT_VERSION = 2
TEXT_MAX = 200          # names, locations, titles, labels
NOTE_MAX = 2000         # one note
QUESTION_TEXT_MAX = 1000  # a question's recorded wording
FILE_MAX_BYTES = 5 * 1024 * 1024
SNAPSHOTS_MAX = 200
NOT_APPLICABLE = "n/a"
CHOICE_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*|n/a)$"
RESPONDENT_PATTERN = f"^[A-Za-z0-9][A-Za-z0-9-]{{{RESPONDENT_ID_MIN_LENGTH - 1},{RESPONDENT_ID_MAX_LENGTH - 1}}}$"
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T"
FINGERPRINT_PATTERN = f"^[0-9a-f]{{{FINGERPRINT_LENGTH}}}$"

Short = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
Note = Annotated[str, StringConstraints(max_length=NOTE_MAX)]
Key = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
ChoiceId = Annotated[str, StringConstraints(pattern=CHOICE_PATTERN, max_length=ID_MAX_LENGTH)]
Timestamp = Annotated[str, StringConstraints(pattern=TIMESTAMP_PATTERN, max_length=TIMESTAMP_MAX_LENGTH)]
Percent = Annotated[float, Field(ge=0, le=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedAssessment(_Strict):
    id: Key
    version: Short
    title: Optional[Short] = None


class Respondent(_Strict):
    id: Annotated[str, StringConstraints(pattern=RESPONDENT_PATTERN)] = Field(
        description="Random, made once per browser and assessment; never derived from personal data."
    )
    name: Optional[Short] = Field(default=None, description="Optional display name for the team view.")


class Profile(_Strict):
    department: Optional[Key] = None
    location: Optional[Short] = None
    lacks: Optional[list[Key]] = Field(
        default=None, max_length=50,
        description="Departments this location does not have; questions that need one drop out.")


class Answer(_Strict):
    choice: ChoiceId = Field(description="A choice id of the question's answer set, or 'n/a'.")
    answeredAt: Optional[Timestamp] = None
    unconfirmed: Optional[bool] = Field(
        default=None, description="true: carried over from an older version whose question changed; please confirm."
    )


class AskedQuestion(_Strict):
    text: Annotated[str, StringConstraints(max_length=QUESTION_TEXT_MAX)]
    choices: Annotated[str, StringConstraints(pattern=FINGERPRINT_PATTERN)] = Field(
        description="Fingerprint of the answer scale (ids, labels, scores, N/A) the question offered."
    )


class Questionnaire(_Strict):
    """What the answers were given against: the assessment version and each question."""

    version: Short
    questions: dict[Key, AskedQuestion] = Field(default_factory=dict)


class ArchivedAnswer(_Strict):
    """An answer to a question the current version no longer asks, kept with its wording."""

    text: Annotated[str, StringConstraints(max_length=QUESTION_TEXT_MAX)]
    choice: Optional[ChoiceId] = Field(default=None, description="Absent when only a note was kept.")
    label: Optional[Short] = None
    answeredAt: Optional[Timestamp] = None
    version: Short = Field(description="The assessment version it was given against.")
    note: Optional[Note] = None


class Scores(_Strict):
    overall: Optional[Percent] = None
    sections: dict[Key, Optional[Percent]] = Field(default_factory=dict)


class Snapshot(_Strict):
    id: Short
    savedAt: Timestamp
    label: Optional[Short] = None
    answers: dict[Key, Answer] = Field(default_factory=dict)
    scores: Scores


class _Common(_Strict):
    format: Literal["cx-playbook-assessment"]
    assessment: ExportedAssessment
    contentVersion: Short
    exportedAt: Timestamp
    createdAt: Optional[Timestamp] = None
    updatedAt: Optional[Timestamp] = None
    profile: Profile = Field(default_factory=Profile)
    answers: dict[Key, Answer] = Field(default_factory=dict)
    notes: dict[Key, Note] = Field(default_factory=dict)
    targets: dict[Key, Key] = Field(default_factory=dict, description="Section id → target level id.")
    snapshots: list[Snapshot] = Field(default_factory=list, max_length=SNAPSHOTS_MAX)


class AnswerFileV1(_Common):
    """Version 1 (the first release): one respondent's answers, with no respondent id."""

    formatVersion: Literal[1]


class AnswerFileV2(_Common):
    """One respondent's answers to one assessment, with notes, targets and history."""

    formatVersion: Literal[2]
    respondent: Respondent
    edition: Optional[Short] = Field(default=None, description="The published edition the answers were given in.")
    round: Optional[Short] = Field(
        default=None, description="The round the answers belong to, for example '2027-Q1' (the team view compares rounds)."
    )
    questionnaire: Optional[Questionnaire] = None
    archive: dict[Key, ArchivedAnswer] = Field(
        default_factory=dict, description="Answers to questions no longer asked, with their wording."
    )


AnswerFile = Annotated[Union[AnswerFileV1, AnswerFileV2], Field(discriminator="formatVersion")]


class AssessmentExport(RootModel[AnswerFile]):
    """Either version of the answer file (the published schema)."""


# The fields each object of the file may hold, read from the models above: the
# hand-written readers (generator/answers.py and, through the generated
# contract-data.js, theme/assets/cx/src/answers.js) check them, never a copy.
READER_FIELDS: dict[str, list[str]] = {
    "fileV1": list(AnswerFileV1.model_fields),
    "fileV2": list(AnswerFileV2.model_fields),
    "assessment": list(ExportedAssessment.model_fields),
    "respondent": list(Respondent.model_fields),
    "profile": list(Profile.model_fields),
    "answer": list(Answer.model_fields),
    "questionnaire": list(Questionnaire.model_fields),
    "question": list(AskedQuestion.model_fields),
    "archived": list(ArchivedAnswer.model_fields),
    "snapshot": list(Snapshot.model_fields),
    "scores": list(Scores.model_fields),
}
