"""The content files: where they live, which model reads each, and how a file
is named in messages and lookups (:class:`DocKey`).

Like mkdocs' ``structure/files.py``, this module knows files, not their
contents: the loader reads them and the models check them.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path

from generator import models


class DocKind(str, enum.Enum):
    PLAYBOOK = "playbook"
    STRATEGY = "strategy"
    DEPARTMENTS = "departments"
    SOURCES = "sources"
    GLOSSARY = "glossary"
    EXPERIENCE_LOG = "experience-log"
    PLAN = "plan"
    CONTEXT = "context"
    MOMENT = "moment"
    ASSESSMENT = "assessment"


@dataclass(frozen=True, order=True)
class DocKey:
    """One content file: its kind, and for moments and assessments the entity id
    (which is also the file's name)."""

    kind: DocKind
    name: str = ""

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.name}" if self.name else self.kind.value


# One file each, in content_dir: file name and the model that reads it.
SINGLE_FILES: dict[DocKind, tuple[str, type[models.Entity]]] = {
    DocKind.PLAYBOOK: ("playbook.yml", models.Playbook),
    DocKind.STRATEGY: ("strategy.yml", models.Strategy),
    DocKind.DEPARTMENTS: ("departments.yml", models.Departments),
    DocKind.SOURCES: ("sources.yml", models.Sources),
    DocKind.GLOSSARY: ("glossary.yml", models.Glossary),
    DocKind.EXPERIENCE_LOG: ("experience-log.yml", models.ExperienceLog),
    DocKind.PLAN: ("plan.yml", models.Plan),
}

# Files a playbook may leave out: file name and the model that reads each.
OPTIONAL_FILES: dict[DocKind, tuple[str, type[models.Entity]]] = {
    DocKind.CONTEXT: ("context.yml", models.Context),
}

# One file per entity, in a folder: the model that reads each file.
FOLDER_KINDS: dict[DocKind, type[models.Entity]] = {
    DocKind.MOMENT: models.Moment,
    DocKind.ASSESSMENT: models.Assessment,
}


@dataclass(frozen=True)
class ContentPaths:
    """Where the content lives; ``display_root`` makes messages relative (``content/…``)."""

    content_dir: Path
    assessments_dir: Path
    display_root: Path

    @classmethod
    def from_root(cls, root: Path, content: str = "content", assessments: str = "assessments") -> "ContentPaths":
        root = root.resolve()
        return cls(root / content, root / assessments, root)

    def folder(self, kind: DocKind) -> Path:
        return self.content_dir / "moments" if kind is DocKind.MOMENT else self.assessments_dir

    def single_file(self, kind: DocKind) -> Path:
        return self.content_dir / {**SINGLE_FILES, **OPTIONAL_FILES}[kind][0]

    def display(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path.resolve(), self.display_root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()
