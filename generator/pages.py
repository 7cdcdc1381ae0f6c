"""Where each generated page lives, and the links between pages: the one place
that knows the site's paths.

The renderer (which writes the pages), the browser model (which carries links
for the runtime) and the reference checks (which check that links in content
lead somewhere) all read it.
"""

from __future__ import annotations

import posixpath
from typing import Iterable

from generator.files import DocKey, DocKind

HOME = "index.md"
GLANCE = "at-a-glance.md"
START_HERE = "start-here.md"
STRATEGY = "strategy.md"
PLAYS = "plays.md"
LOG = "experience-log.md"
LOG_VIEW = "experience-log/lead.md"          # the CX lead merges everyone's logs
LOG_CUSTOMER = "experience-log/customer.md"  # the short form a showroom QR code leads to
GLOSSARY = "glossary.md"
SOURCES = "sources.md"
CHANGELOG = "changelog.md"
FIXED_PAGES = (HOME, GLANCE, START_HERE, STRATEGY, PLAYS, LOG, LOG_VIEW, LOG_CUSTOMER, GLOSSARY, SOURCES, CHANGELOG)

# The page each single content file's prose appears on.
_PAGE_OF_KIND = {
    DocKind.PLAYBOOK: HOME,
    DocKind.STRATEGY: STRATEGY,
    DocKind.DEPARTMENTS: STRATEGY,
    DocKind.SOURCES: SOURCES,
    DocKind.GLOSSARY: GLOSSARY,
    DocKind.EXPERIENCE_LOG: LOG,
    DocKind.PLAN: START_HERE,
    DocKind.CONTEXT: STRATEGY,
}


def moment_path(moment_id: str) -> str:
    return f"moments/{moment_id}.md"


def assessment_path(assessment_id: str) -> str:
    return f"assessments/{assessment_id}.md"


def team_path(assessment_id: str) -> str:
    """The team view of an assessment, one level below it: /assessments/<id>/team/."""
    return f"assessments/{assessment_id}/team.md"


def all_pages(moment_ids: Iterable[str], assessment_ids: Iterable[str]) -> set[str]:
    assessment_ids = list(assessment_ids)
    return {*FIXED_PAGES, *map(moment_path, moment_ids), *map(assessment_path, assessment_ids),
            *map(team_path, assessment_ids)}


def page_of(key: DocKey) -> str:
    """The page a content file's prose appears on."""
    if key.kind is DocKind.MOMENT:
        return moment_path(key.name)
    if key.kind is DocKind.ASSESSMENT:
        return assessment_path(key.name)
    return _PAGE_OF_KIND[key.kind]


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one generated page to another; every builder
    resolves links to ``.md`` files."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def url(from_page: str, to_page: str, anchor: str = "", directory_urls: bool = True) -> str:
    """The final URL from one built page to another, for links the runtime writes
    from data (no builder sees them)."""
    here, there = _built(from_page, directory_urls), _built(to_page, directory_urls)
    # With directory URLs a page is a folder; without, its folder is the file's.
    base = here.rstrip("/") if directory_urls else posixpath.dirname(here)
    relative = posixpath.relpath(there or ".", base or ".")
    if directory_urls:
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")


def _built(path: str, directory_urls: bool) -> str:
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    return "" if stem == "index" else stem.removesuffix("/index") + "/"
