"""The whole playbook, loaded and validated: the one object the renderer reads.

``load_corpus`` is pure (files in, data out): it imports nothing of mkdocs, so
the CLI, the mkdocs plugin and the tests all share it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from generator import models
from generator.issues import ContentError, Issue, Location
from generator.loader import Document, load_document
from generator.validation import check_references, issues_from_validation_error


@dataclass(frozen=True)
class PlayRef:
    """A play and where it lives: a moment, or the strategy when ``moment`` is None."""

    play: models.Play
    moment: Optional[models.Moment]


@dataclass
class Corpus:
    playbook: models.Playbook
    strategy: models.Strategy
    departments: list[models.Department]
    sources: list[models.Source]
    experience_log: models.ExperienceLog
    moments: list[models.Moment]  # in `order`
    assessments: list[models.Assessment]  # by title
    documents: dict[str, Document] = field(default_factory=dict, repr=False)

    # Lookups the templates and the validator share: built once, read many
    # times (the renderer asks for a play or department per row it writes).
    def department(self, id: str) -> Optional[models.Department]:
        return self._departments_by_id.get(id)

    @cached_property
    def _departments_by_id(self) -> dict[str, models.Department]:
        return {d.id: d for d in self.departments}

    @cached_property
    def plays(self) -> dict[str, PlayRef]:
        """Every play by id, strategy first; the first of a duplicated id wins
        (validation reports the duplicate)."""
        found: dict[str, PlayRef] = {}
        for play in self.strategy.plays:
            found.setdefault(play.id, PlayRef(play, None))
        for moment in self.moments:
            for play in moment.plays:
                found.setdefault(play.id, PlayRef(play, moment))
        return found


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

    def display(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path.resolve(), self.display_root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


def load_corpus(paths: ContentPaths) -> Corpus:
    """Load and validate everything; raise :class:`ContentError` with every problem."""
    issues: list[Issue] = []
    documents: dict[str, Document] = {}
    parsed: dict[str, Any] = {}

    for name, model in models.SINGLE_FILES.items():
        key = name.removesuffix(".yml")
        parsed[key] = _load_entity(paths, paths.content_dir / name, model, key, documents, issues)

    moments = _load_folder(paths, paths.content_dir / "moments", models.Moment, "moment", documents, issues)
    assessments = _load_folder(paths, paths.assessments_dir, models.Assessment, "assessment", documents, issues)

    if issues or any(value is None for value in parsed.values()):
        raise ContentError(issues)

    corpus = Corpus(
        playbook=parsed["playbook"],
        strategy=parsed["strategy"],
        departments=list(parsed["departments"].departments),
        sources=list(parsed["sources"].sources),
        experience_log=parsed["experience-log"],
        moments=sorted(moments, key=lambda m: (m.order, m.id)),
        assessments=sorted(assessments, key=lambda a: (a.title, a.id)),
        documents=documents,
    )
    issues.extend(check_references(corpus))
    if issues:
        raise ContentError(issues)
    return corpus


def _load_folder(paths, folder: Path, model, kind: str, documents, issues) -> list[Any]:
    if not folder.is_dir():
        issues.append(Issue(Location(paths.display(folder), 1, 1), "", f"folder is missing (expected {kind} files *.yml)"))
        return []
    entities = []
    files = sorted(folder.glob("*.yml"))
    if not files:
        issues.append(Issue(Location(paths.display(folder), 1, 1), "", f"no {kind} files (expected at least one *.yml)"))
    for file in files:
        entity = _load_entity(paths, file, model, f"{kind}:{file.stem}", documents, issues)
        if entity is None:
            continue
        doc = documents[f"{kind}:{file.stem}"]
        if entity.id != file.stem:
            issues.append(Issue(doc.locate(("id",)), "id", f"'{entity.id}' does not match the file name (expected '{file.stem}')"))
            continue
        entities.append(entity)
    return entities


def _load_entity(paths, file: Path, model, key: str, documents, issues) -> Any:
    display = paths.display(file)
    if not file.is_file():
        issues.append(Issue(Location(display, 1, 1), "", "file is missing (expected it to exist)"))
        return None
    doc, found = load_document(file, display)
    documents[key] = doc
    issues.extend(found)
    if doc.data is None or found:
        return None
    if not isinstance(doc.data, dict):
        issues.append(Issue(doc.locate(()), "", f"expected a mapping of keys at the top, got {type(doc.data).__name__}"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        issues.extend(issues_from_validation_error(doc, model, error))
        return None
