"""What to do next, after a comparison: which versions to raise and by how
much (:mod:`generator.diff.versions`), and the changelog entry to add. The
last line of every ``diff`` run.
"""

from __future__ import annotations

import datetime
import os

from generator.corpus import Corpus
from generator.diff.changes import ADDED, REMOVED, REPLACED, Comparison, Paste
from generator.diff.saved_answers import AnswerFates
from generator.diff.versions import NAMES, PATCH, assessment_step, content_step, raised, step_of as _step_of
from generator.files import DocKey, DocKind


def today() -> datetime.date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible output, as build tools read it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def plan(base: Corpus, head: Corpus, fates: dict[str, AnswerFates], comparison: Comparison) -> None:
    """Set the comparison's ``next_step`` (and the changelog entry to paste, if one is missing)."""
    if comparison.empty:
        comparison.next_step = "Next: nothing to raise or record; the content is the same as the base."
        return
    todo: list[str] = []
    old_assessments = {a.id: a for a in base.assessments}
    steps = [content_step(comparison)]
    titles: list[str] = []
    for assessment in head.assessments:
        was = old_assessments.get(assessment.id)
        if was is None:
            continue
        step, why = assessment_step(was, assessment, fates[assessment.id])
        steps.append((step, why))
        if not step:
            continue
        file = head.documents[DocKey(DocKind.ASSESSMENT, assessment.id)].file
        got = _step_of(was.version, assessment.version)
        target = assessment.version if got >= step else raised(was.version, step)
        titles.append(f"{assessment.id} {target}")
        if not got:
            todo.append(f"raise `version` in {file} from {was.version} to {target} ({NAMES[step]}: {', '.join(why)})")
        elif got < step:
            todo.append(f"raise `version` in {file} to {raised(was.version, step)} rather than {assessment.version} "
                        f"({NAMES[step]}: {', '.join(why)})")
    step = max(s for s, _ in steps)
    book_why = list(dict.fromkeys(w for s, why in steps if s == step for w in why)) or ["corrections"]
    book_old, book_new = base.playbook.version, head.playbook.version
    got = _step_of(book_old, book_new)
    version = book_new if got >= max(step, PATCH) else raised(book_old, max(step, PATCH))
    if not got:
        todo.append(f"raise `version` in content/playbook.yml from {book_old} to {version} "
                    f"({NAMES[max(step, PATCH)]}: {', '.join(book_why)})")
    elif got < step:
        todo.append(f"raise `version` in content/playbook.yml to {raised(book_old, step)} rather than {book_new} "
                    f"({NAMES[step]}: {', '.join(book_why)})")
    newest = head.playbook.changelog[0]
    if not (got and newest.version == book_new and newest.version not in {e.version for e in base.playbook.changelog}):
        todo.append("add the changelog entry shown here at the top of `changelog` in content/playbook.yml")
        comparison.changelog = Paste("at the top of `changelog` in content/playbook.yml",
                                     _changelog_entry(version, comparison, titles))
    if comparison.errors:
        todo.insert(0, "fix the errors first")
    if todo:
        comparison.next_step = "Next: " + "; ".join(todo) + "."
    else:
        comparison.next_step = (f"Next: the versions are raised and the changelog has its entry for {book_new}; "
                                "open the pull request (or push to it).")


def _changelog_entry(version: str, comparison: Comparison, titles: list[str]) -> str:
    lines = [f"  - version: {version}", f"    date: {today().isoformat()}", "    changes:"]
    for line in _change_lines(comparison, titles):
        lines.append(f"      - {_quoted(line)}")
    return "\n".join(lines)


_VERBS = {ADDED: "added", REMOVED: "removed", REPLACED: "replaced", "~": "changed"}
_PER_FILE = 5


def _change_lines(comparison: Comparison, titles: list[str]) -> list[str]:
    """One plain line per changed file: what was added, changed or removed, by id."""
    out = []
    for file in comparison.files:
        items = []
        for change in file.changes:
            if change.noun in ("changelog entry", "playbook") and all(f.name == "version" for f in change.fields):
                continue
            fixed = any(n.startswith("wording fix") for n in change.notes)
            verb = "wording fixed, same meaning" if fixed else _VERBS.get(change.sign, "changed")
            name = f"{change.noun} '{change.key}'" if change.key else change.noun
            if change.sign == REPLACED and change.old_key:
                name = f"{change.noun} '{change.old_key}'"
                verb = f"replaced by '{change.key}'"
            items.append(f"{name} {verb}")
        if not items:
            continue
        more = f", and {len(items) - _PER_FILE} more" if len(items) > _PER_FILE else ""
        label = next((t for t in titles if file.path.endswith(f"/{t.split()[0]}.yml")), file.path)
        out.append(f"{label}: {', '.join(items[:_PER_FILE])}{more}.")
    return out or ["Corrections."]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

