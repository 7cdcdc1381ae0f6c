"""Load and validate the whole playbook: the counterpart of mkdocs' ``load_config``.

Files in, a :class:`~generator.corpus.Corpus` out, or one
:class:`~generator.issues.ContentError` holding every problem found. Data flows
one way: YAML (loader) → models (model_errors on failure) → Corpus →
cross-file checks (references). Pure: nothing of mkdocs is imported, so the
CLI, the mkdocs plugin and the tests share it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from generator import models
from generator.corpus import Corpus
from generator.files import FOLDER_KINDS, OPTIONAL_FILES, SINGLE_FILES, ContentPaths, DocKey, DocKind
from generator.issues import ContentError, Issue, Location
from generator.loader import Document, load_document
from generator.levels import check_levels
from generator.model_errors import KnownLists, issues_from_validation_error
from generator.plan_schedule import check_plan_schedule
from generator.references import check_references, content_warnings
from generator.role_map import check_role_map
from generator.scales import check_scales, lint_scales


def load_corpus(paths: ContentPaths, *, meaning: bool = True, link_policy: bool = False) -> Corpus:
    """Load and validate everything; raise :class:`ContentError` with every problem.

    ``meaning=False`` leaves out the checks of what scores mean (scales and
    levels): ``diff`` compares content published under older rules, and
    ``check`` judges the head. ``link_policy``: also report links the site
    shows as plain text (``check``)."""
    issues: list[Issue] = []
    documents: dict[DocKey, Document] = {}
    single: dict[DocKind, Any] = {}

    known: KnownLists = {}
    # Departments first: a wrong owner anywhere else is answered with their ids.
    for kind, (_, model) in sorted(SINGLE_FILES.items(), key=lambda item: item[0] is not DocKind.DEPARTMENTS):
        single[kind] = _load_entity(paths, paths.single_file(kind), model, DocKey(kind), documents, issues, known)
        if kind is DocKind.DEPARTMENTS and single[kind] is not None:
            known[models.DEPARTMENT_LIST] = [d.id for d in single[kind].departments]
    folders = {kind: _load_folder(paths, kind, model, documents, issues, known) for kind, model in FOLDER_KINDS.items()}
    optional = {kind: _load_entity(paths, paths.single_file(kind), model, DocKey(kind), documents, issues, known)
                for kind, (_, model) in OPTIONAL_FILES.items() if paths.single_file(kind).is_file()}

    if issues or any(value is None for value in single.values()):
        raise ContentError(issues)

    corpus = Corpus(
        playbook=single[DocKind.PLAYBOOK],
        strategy=single[DocKind.STRATEGY],
        departments=list(single[DocKind.DEPARTMENTS].departments),
        sources=list(single[DocKind.SOURCES].sources),
        glossary=single[DocKind.GLOSSARY],
        experience_log=single[DocKind.EXPERIENCE_LOG],
        plan=single[DocKind.PLAN],
        moments=sorted(folders[DocKind.MOMENT], key=lambda m: (m.order, m.id)),
        assessments=sorted(folders[DocKind.ASSESSMENT], key=lambda a: (a.title, a.id)),
        documents=documents,
        context=optional.get(DocKind.CONTEXT),
    )
    issues.extend(check_references(corpus, link_policy))
    issues.extend(check_plan_schedule(corpus))
    issues.extend(check_role_map(corpus))
    if meaning:
        issues.extend(check_scales(corpus))
    if meaning and not issues:
        # Levels are checked by scoring with the browser's model, which needs
        # every reference to resolve.
        issues.extend(check_levels(corpus))
    if issues:
        raise ContentError(issues)
    corpus.warnings = sorted(set(content_warnings(corpus) + lint_scales(corpus)))
    return corpus


def _load_folder(paths: ContentPaths, kind: DocKind, model: type[models.Entity],
                 documents: dict[DocKey, Document], issues: list[Issue], known: KnownLists) -> list[Any]:
    folder = paths.folder(kind)
    if not folder.is_dir():
        issues.append(Issue(Location(paths.display(folder), 1, 1), "", f"folder is missing (expected {kind.value} files *.yml)"))
        return []
    entities = []
    files = sorted(folder.glob("*.yml"))
    if not files:
        issues.append(Issue(Location(paths.display(folder), 1, 1), "", f"no {kind.value} files (expected at least one *.yml)"))
    for file in files:
        key = DocKey(kind, file.stem)
        entity = _load_entity(paths, file, model, key, documents, issues, known)
        if entity is None:
            continue
        if entity.id != file.stem:
            issues.append(Issue(documents[key].locate(("id",)), "id", f"'{entity.id}' does not match the file name (expected '{file.stem}')"))
            continue
        entities.append(entity)
    return entities


def _load_entity(paths: ContentPaths, file: Path, model: type[models.Entity], key: DocKey,
                 documents: dict[DocKey, Document], issues: list[Issue], known: KnownLists) -> Optional[Any]:
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
        issues.extend(issues_from_validation_error(doc, model, error, known))
        return None
