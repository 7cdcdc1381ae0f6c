"""Edit where you read: the YAML file and line behind each generated page, play,
metric and question, as an address in the repository's web editor.

mkdocs' own rule decides the address: ``repo_url`` joined with ``edit_uri``,
which points at ``docs_dir`` in the repository (``edit/main/docs/``). The
content lives beside ``docs_dir``, not in it, so a file's address is
``edit_uri`` + the file's path relative to ``docs_dir`` (``../content/…``),
resolved the way mkdocs resolves every edit link (``urljoin``). Without
``repo_url`` or with an empty ``edit_uri`` there are no edit links at all.

A translated page points at the translation file, at the entry holding the text
the reader sees (a Spanish reader fixes the Spanish); a text that has no entry
yet is shown in English, so its link leads to the English file. Pure: the
plugin passes the base address, the renderer asks for links.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import quote, urljoin

from generator import pages
from generator.corpus import Corpus
from generator.files import DocKey, DocKind

# GitHub (and GitLab) scroll their file views to a line named this way; the
# editor opens the file, and the link's title names the line as well.
LINE_ANCHOR = "#L{line}"
_URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def editor_base(repo_url: Optional[str], edit_uri: Optional[str], docs_dir: Path, project_dir: Path) -> Optional[str]:
    """The editor's address of the project folder (the one holding mkdocs.yml),
    ending in "/", from mkdocs' ``repo_url`` and ``edit_uri``; None when the
    site has no edit links."""
    if not repo_url or not edit_uri:
        return None
    up = Path(os.path.relpath(project_dir.resolve(), docs_dir.resolve())).as_posix()
    folder = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    relative = folder + ("" if up == "." else quote(up.strip("/"), safe="/.") + "/")
    base = urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", relative)
    # Material prints page.edit_url into an attribute as it is: whatever the
    # configuration holds, no quote, bracket or space survives into the address.
    return quote(base, safe=_URL_SAFE)


@dataclass(frozen=True)
class Place:
    file: str  # relative to the project folder: content/moments/arrival.yml
    line: int


@dataclass
class EditLinks:
    """Where each entity of one language's pages is written."""

    base: str
    places: dict[tuple[str, ...], Place] = field(default_factory=dict)  # ("play", id), ("question", assessment, id)
    page_files: dict[str, str] = field(default_factory=dict)  # page path -> file

    def url(self, *key: str) -> Optional[str]:
        place = self.places.get(tuple(key))
        return None if place is None else self._address(place.file) + LINE_ANCHOR.format(line=place.line)

    def where(self, *key: str) -> Optional[Place]:
        return self.places.get(tuple(key))

    def page_url(self, page: str) -> Optional[str]:
        file = self.page_files.get(page)
        return None if file is None else self._address(file)

    def _address(self, file: str) -> str:
        return self.base + quote(file, safe="/")


# The file whose text a fixed page shows (the plays index gathers every file: none).
_PAGE_FILE = {
    pages.HOME: DocKind.PLAYBOOK, pages.GLANCE: DocKind.PLAN, pages.START_HERE: DocKind.PLAN,
    pages.STRATEGY: DocKind.STRATEGY, pages.LOG: DocKind.EXPERIENCE_LOG, pages.LOG_VIEW: DocKind.EXPERIENCE_LOG,
    pages.LOG_CUSTOMER: DocKind.EXPERIENCE_LOG, pages.GLOSSARY: DocKind.GLOSSARY, pages.SOURCES: DocKind.SOURCES,
    pages.CHANGELOG: DocKind.PLAYBOOK,
}


def edit_links(base: str, corpus: Corpus, translated: Optional[dict[DocKey, dict]] = None) -> EditLinks:
    """The places of one language's entities. ``translated`` is that language's
    entries (i18n.Translation.entries) when it is not the default: an entity
    whose text has an entry points at it."""
    links = EditLinks(base)
    translated = translated or {}

    def place(key: DocKey, path: tuple, entry_key: str) -> Place:
        entry = translated.get(key, {}).get(entry_key)
        if entry is not None:
            return Place(entry.location.file, entry.location.line)
        location = corpus.documents[key].locate(path)
        return Place(location.file, location.line)

    def file_of(key: DocKey) -> str:
        # A page's button opens the file of the language it is written in.
        entries = translated.get(key)
        return next(iter(entries.values())).location.file if entries else corpus.documents[key].file

    moments = [(DocKey(DocKind.STRATEGY), corpus.strategy)] + [(DocKey(DocKind.MOMENT, m.id), m) for m in corpus.moments]
    for key, owner in moments:
        if key not in corpus.documents:
            continue
        for i, play in enumerate(owner.plays):
            links.places.setdefault(("play", play.id), place(key, ("plays", i), f"plays[{play.id}].title"))
        for i, metric in enumerate(owner.metrics):
            links.places.setdefault(("metric", metric.id), place(key, ("metrics", i), f"metrics[{metric.id}].name"))
        if key.kind is DocKind.MOMENT:
            links.page_files[pages.moment_path(key.name)] = file_of(key)
    for assessment in corpus.assessments:
        key = DocKey(DocKind.ASSESSMENT, assessment.id)
        if key not in corpus.documents:
            continue
        for si, section in enumerate(assessment.sections):
            for qi, question in enumerate(section.questions):
                links.places[("question", assessment.id, question.id)] = place(
                    key, ("sections", si, "questions", qi), f"sections[{section.id}].questions[{question.id}].text")
        links.page_files[pages.assessment_path(assessment.id)] = file_of(key)
        links.page_files[pages.team_path(assessment.id)] = file_of(key)
    for page, kind in _PAGE_FILE.items():
        if DocKey(kind) in corpus.documents:
            links.page_files[page] = file_of(DocKey(kind))
    return links
