"""The assessment export file (what the browser's *Export JSON* writes).

The browser runtime writes and reads this shape; ``cx-playbook schema``
publishes it as ``schemas/assessment-export.schema.json`` so that a file can
be checked outside the browser, and the alignment view can combine many.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Short = Annotated[str, StringConstraints(max_length=200)]
Note = Annotated[str, StringConstraints(max_length=2000)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Timestamp = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}T", max_length=40)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedAssessment(_Strict):
    id: Key
    version: Short
    title: Optional[Short] = None


class Profile(_Strict):
    department: Optional[Key] = None
    location: Optional[Short] = None


class Answer(_Strict):
    choice: Annotated[str, StringConstraints(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*|n/a)$", max_length=80)] = Field(
        description="A choice id of the question's answer set, or 'n/a'."
    )
    answeredAt: Optional[Timestamp] = None


class Scores(_Strict):
    overall: Optional[Annotated[float, Field(ge=0, le=100)]] = None
    sections: dict[Key, Optional[Annotated[float, Field(ge=0, le=100)]]] = Field(default_factory=dict)


class Snapshot(_Strict):
    id: Short
    savedAt: Timestamp
    label: Optional[Short] = None
    answers: dict[Key, Answer] = Field(default_factory=dict)
    scores: Scores


class AssessmentExport(_Strict):
    """One respondent's answers to one assessment, with notes, targets and history."""

    format: Literal["cx-playbook-assessment"]
    formatVersion: Literal[1]
    assessment: ExportedAssessment
    contentVersion: Short
    exportedAt: Timestamp
    createdAt: Optional[Timestamp] = None
    updatedAt: Optional[Timestamp] = None
    profile: Profile = Field(default_factory=Profile)
    answers: dict[Key, Answer] = Field(default_factory=dict)
    notes: dict[Key, Note] = Field(default_factory=dict)
    targets: dict[Key, Key] = Field(default_factory=dict, description="Section id → target level id.")
    snapshots: list[Snapshot] = Field(default_factory=list, max_length=200)
