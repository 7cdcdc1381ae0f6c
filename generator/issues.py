"""Problems found in content, and how they are printed.

Validation never stops at the first problem: every stage appends
:class:`Issue` values, and the caller prints them all and aborts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Issue:
    location: Location
    where: str  # the path inside the data, e.g. ``plays[2].owner``; empty for the whole file
    message: str

    def format(self) -> str:
        """One line, always: keys and values quoted in messages may hold line
        breaks of any kind, which are shown escaped."""
        where = f" {_one_line(self.where)}:" if self.where else ""
        return f"{self.location}:{where} {_one_line(self.message)}"

    def format_github(self, level: str = "error") -> str:
        # GitHub Actions workflow command: shown as an annotation on the PR's diff.
        # Data in a command must escape %, \r and \n; properties also escape : and ,.
        message = _escape_data(_one_line(f"{self.where}: {self.message}" if self.where else self.message))
        file = _escape_property(self.location.file)
        return f"::{level} file={file},line={self.location.line},col={self.location.col}::{message}"


class ContentError(Exception):
    """Raised once, after loading and validation, when any issue was found."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = sorted(set(issues))
        super().__init__(format_report(self.issues))


def format_report(issues: list[Issue]) -> str:
    lines = [issue.format() for issue in issues]
    count = len(issues)
    lines.append(f"Found {count} error{'s' if count != 1 else ''} in the content.")
    return "\n".join(lines)


def format_warnings(warnings: list[Issue]) -> str:
    """Problems that do not stop the content: each marked as a warning, then a count."""
    lines = [f"{issue.location}:{f' {_one_line(issue.where)}:' if issue.where else ''} warning: {_one_line(issue.message)}"
             for issue in warnings]
    count = len(warnings)
    lines.append(f"Found {count} warning{'s' if count != 1 else ''} in the content (they do not stop it).")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    # Every character str.splitlines() breaks on, written as an escape.
    if len(text.splitlines()) <= 1 and not text.endswith(("\n", "\r")):
        return text
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 and (c + "x").splitlines()[0] != c + "x"
                   else f"\\u{ord(c):04x}" if (c + "x").splitlines()[0] != c + "x" else c for c in text)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_path(path: tuple[Any, ...]) -> str:
    """``("plays", 2, "owner")`` → ``plays[2].owner``, the way mkdocs prints nested options."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
