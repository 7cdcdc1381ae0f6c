"""Editions: several versions of the playbook published side by side, such as
the approved ``2026`` and a draft ``next``, each in its own folder of the site.

``editions.yml`` (optional, next to mkdocs.yml) lists them; ``cx-playbook
build`` builds each from its source (a git ref, or a folder: ``.`` is the
working copy) with today's generator and theme, and writes the
``versions.json`` that mkdocs-material's version selector reads, the same file
mike writes, so no special branch or tool is needed. Answers saved in the
browser are kept per edition (their key carries the edition's path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

from pydantic import BeforeValidator, Field, StringConstraints, ValidationError

from generator.fields import Plain
from generator.issues import ContentError, Issue, format_path
from generator.loader import load_document
from generator.model_errors import issues_from_validation_error
from generator.models import ID_PATTERN, Entity

FILE_NAME = "editions.yml"

# A year written without quotes (2026) is read by YAML as a number: it names the edition all the same.
EditionName = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
                        StringConstraints(pattern=ID_PATTERN, max_length=40)]


class Edition(Entity):
    name: EditionName = Field(description="Its folder on the site (/2026/), and its id in saved answers and exports.")
    title: Plain = Field(description="What the version selector shows, e.g. '2026 (approved)'.")
    source: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="Where its content comes from: a git ref (a tag such as v2.0.0, a branch) or a folder; '.' is this working copy."
    )
    aliases: list[EditionName] = Field(default_factory=list, description="Other names the selector lists it under.")


class Editions(Entity):
    default: EditionName = Field(description="The edition the site's root sends readers to.")
    editions: list[Edition] = Field(min_length=1)

    def get(self, name: str) -> Optional[Edition]:
        return next((e for e in self.editions if e.name == name), None)

    def versions_json(self) -> list[dict]:
        """mkdocs-material's (and mike's) versions.json."""
        return [{"version": e.name, "title": e.title, "aliases": list(e.aliases)} for e in self.editions]


def load_editions(root: Path) -> Optional[Editions]:
    """The editions listed in ``root/editions.yml``, None without the file, or
    ContentError with every problem in it (file:line:col)."""
    file = root / FILE_NAME
    if not file.is_file():
        return None
    doc, issues = load_document(file, FILE_NAME)
    if issues:
        raise ContentError(issues)
    if not isinstance(doc.data, dict):
        raise ContentError([Issue(doc.locate(()), "", "expected a mapping of keys at the top")])
    try:
        editions = Editions.model_validate(doc.data)
    except ValidationError as error:
        raise ContentError(issues_from_validation_error(doc, Editions, error)) from None
    problems = []
    names: dict[str, int] = {}
    for i, edition in enumerate(editions.editions):
        for j, name in enumerate([edition.name, *edition.aliases]):
            path = ("editions", i, "name") if j == 0 else ("editions", i, "aliases", j - 1)
            if name in names:
                problems.append(Issue(doc.locate(path), format_path(path), f"'{name}' is already used by edition {names[name] + 1} (expected each name once)"))
            names.setdefault(name, i)
    if editions.get(editions.default) is None:
        known = ", ".join(e.name for e in editions.editions)
        problems.append(Issue(doc.locate(("default",)), "default", f"unknown edition '{editions.default}' (known: {known})"))
    if problems:
        raise ContentError(problems)
    return editions
