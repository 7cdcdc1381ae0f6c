"""What ``serve --dirty`` needs from the plugin: which generated pages are the
same as in the previous build, so the builder leaves their HTML as it is.

A page is unchanged when its Markdown is, and so is everything every page
shows: the nav, the ``extra`` values, mkdocs.yml and the theme's files. When
any of those changed, every page is rebuilt, which is why the builder's
warning that a dirty build may leave the navigation stale does not apply to
the playbook's pages (with ``strict: true`` it would abort every rebuild).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

from mkdocs.structure.files import File

_DIRTY_WARNING = "A 'dirty' build is being performed"


class UnchangedPage(File):
    """A generated page whose Markdown, nav and theme are those of the previous
    build: a dirty build leaves its HTML from that build as it is."""

    def is_modified(self) -> bool:
        return False


class Previous:
    """The previous build of a serve session: its pages and what they all show."""

    def __init__(self) -> None:
        self._pages: dict[str, str] = {}
        self._shared: Any = None

    def unchanged(self, site: dict, config) -> set[str]:
        """The pages of ``site`` (its nav, extra and pages) that are as the previous
        build made them; then ``site`` becomes the previous build."""
        shared = (site["nav"], site["extra"], _fingerprint(config))
        same = shared == self._shared
        found = {path for path, text in site["pages"].items() if same and self._pages.get(path) == text}
        self._pages, self._shared = site["pages"], shared
        return found


def _fingerprint(config) -> tuple:
    """What every page's HTML depends on besides its Markdown and the nav: the
    config file and the theme's own files (names, sizes and times)."""
    parts: list[Any] = []
    if config.config_file_path:
        try:
            parts.append(Path(config.config_file_path).read_bytes())
        except OSError:
            parts.append(None)
    parts.extend(files_of(getattr(config.theme, "custom_dir", None)))
    return tuple(parts)


def files_of(custom_dir: Optional[str]) -> tuple:
    """(path inside the folder, size, time) of every file of a theme's custom_dir;
    the folder is named relatively in the first config of a serve session and
    absolutely in later ones."""
    if not custom_dir:
        return ()
    folder = Path(custom_dir).resolve()
    found = []
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            stat = file.stat()
            found.append((file.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """Drop the builder's dirty-build warning (see the module's docstring)."""
    for name in ("properdocs.commands.build", "mkdocs.commands.build"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
            logger.addFilter(_DirtyWarning())
