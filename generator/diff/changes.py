"""What a comparison finds, as data: the renderers (text, Markdown) and the
tests read these, nothing else.

Like ``terraform plan``: one :class:`Change` per entity with a sign, the fields
that changed under it, and notes spelling out the consequence for saved
answers; a :class:`Comparison` holds them grouped by file, with the problems
the guards found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from generator.issues import Issue

ADDED = "+"
CHANGED = "~"
REMOVED = "-"
REPLACED = "-/+"
SIGNS = (ADDED, CHANGED, REMOVED, REPLACED)


@dataclass(frozen=True)
class FieldChange:
    """One field of an entity, before and after.

    ``kind`` says how it reads: ``value`` (``old -> new``), ``prose`` (a word
    diff of ``old`` and ``new``), ``set`` (ids ``added`` and ``removed``, order
    aside), ``added`` / ``removed`` (one item of an ordered list of text).
    """

    name: str
    kind: str
    old: str = ""
    new: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass
class Change:
    sign: str
    noun: str  # "play", "question", "choice", …
    key: str  # the id ("" for a file's own fields, such as the playbook's title)
    label: Optional[str] = None  # its title, name or wording, shown on + and - lines
    old_key: Optional[str] = None  # for REPLACED: the id it replaces
    fields: list[FieldChange] = field(default_factory=list)
    children: list["Change"] = field(default_factory=list)  # choices of a scale, plays of a phase
    notes: list[str] = field(default_factory=list)  # consequences, shown as "# …"

    @property
    def title(self) -> str:
        """``play fm-greet``, ``question new-id (replaces old-id)``, ``playbook``."""
        name = f"{self.noun} {self.key}".rstrip()
        if self.sign == REPLACED and self.old_key:
            return f"{self.noun} {self.old_key} -> {self.key}"
        return name

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class AnswerSummary:
    """What happens to the saved answers of one assessment, in counts."""

    assessment: str
    old_version: str
    new_version: str
    kept: int = 0  # same question, same wording, same scale
    confirm: int = 0  # same question, reworded or its scale changed: respondents confirm
    carried: int = 0  # to a new id, by `replaces`
    merged: int = 0  # into another question that was already asked
    archived: int = 0  # retired, kept with their wording
    lost: int = 0  # the guards stop these
    older_lost: int = 0  # older ids (under replaces or retired before) no longer accounted for
    choices_mapped: int = 0  # old choice ids carried to a current choice by `replaces`
    choices_lost: int = 0  # old choice ids with no current choice (the guards stop these)

    def sentence(self) -> str:
        parts = [f"{self.kept} kept as they are", f"{self.confirm} kept and to be confirmed"]
        if self.carried:
            parts.append(f"{self.carried} carried over to a new id")
        if self.merged:
            parts.append(f"{self.merged} merged into another question")
        parts.append(f"{self.archived} archived with their wording")
        parts.append(f"{self.lost} lost")
        if self.older_lost:
            parts.append(f"{self.older_lost} older id{'s' if self.older_lost != 1 else ''} no longer accounted for")
        choices = ""
        if self.choices_mapped or self.choices_lost:
            choices = (f"; answer choices: {self.choices_mapped} carried to a current choice, "
                       f"{self.choices_lost} lost")
        return (f"Saved answers to {self.assessment} {self.old_version} -> {self.new_version}: "
                + ", ".join(parts) + choices + ".")


@dataclass
class FileChanges:
    path: str  # display path, e.g. content/moments/test-drive.yml
    changes: list[Change] = field(default_factory=list)
    answers: Optional[AnswerSummary] = None


@dataclass(frozen=True)
class Paste:
    """A block of YAML the editor can paste as it is, and where it goes."""

    where: str  # "under `retired:` in assessments/basic.yml (line 40)"
    text: str


@dataclass
class Comparison:
    base_label: str  # "origin/main", "../other-copy"
    head_label: str  # "the working tree"
    base_version: str
    head_version: str
    files: list[FileChanges] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    pastes: list[Paste] = field(default_factory=list)
    next_step: str = ""  # "Next: raise …", the run's last line
    changelog: Optional[Paste] = None  # the changelog entry to add, when one is missing

    def count(self, sign: str) -> int:
        return sum(1 for f in self.files for c in f.changes for one in c.walk() if one.sign == sign)

    @property
    def empty(self) -> bool:
        return not self.files

    def totals(self) -> str:
        """``2 added, 3 changed, 1 replaced, 0 removed``"""
        parts = [f"{self.count(ADDED)} added", f"{self.count(CHANGED)} changed"]
        if self.count(REPLACED):
            parts.append(f"{self.count(REPLACED)} replaced")
        parts.append(f"{self.count(REMOVED)} removed")
        return ", ".join(parts)

    def verdict(self) -> str:
        """``Found 1 error and 2 warnings.``"""
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 else ''}"
        return f"Found {n(len(self.errors), 'error')} and {n(len(self.warnings), 'warning')}."
