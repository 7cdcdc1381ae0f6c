"""Where each generated page lives: the one place that knows the site's paths.

Both the renderer (which writes the pages) and the validator (which checks
that links in content lead somewhere) read it; it needs no corpus import.
"""

from __future__ import annotations

from typing import Iterable

HOME, STRATEGY, PLAYS, LOG, SOURCES, CHANGELOG = (
    "index.md", "strategy.md", "plays.md", "experience-log.md", "sources.md", "changelog.md",
)
FIXED_PAGES = (HOME, STRATEGY, PLAYS, LOG, SOURCES, CHANGELOG)

# The page each single content file is shown on (document key → page path).
_PAGE_OF_FILE = {"playbook": HOME, "strategy": STRATEGY, "experience-log": LOG, "sources": SOURCES,
                 "departments": STRATEGY}


def moment_path(moment_id: str) -> str:
    return f"moments/{moment_id}.md"


def assessment_path(assessment_id: str) -> str:
    return f"assessments/{assessment_id}.md"


def all_pages(moment_ids: Iterable[str], assessment_ids: Iterable[str]) -> set[str]:
    return {*FIXED_PAGES, *map(moment_path, moment_ids), *map(assessment_path, assessment_ids)}


def page_of_document(key: str) -> str:
    """The page a content file's prose appears on (``moment:test-drive`` → ``moments/test-drive.md``)."""
    kind, _, name = key.partition(":")
    if kind == "moment":
        return moment_path(name)
    if kind == "assessment":
        return assessment_path(name)
    return _PAGE_OF_FILE[kind]
