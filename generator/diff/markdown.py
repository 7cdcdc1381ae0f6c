"""A comparison as GitHub-flavoured Markdown, for a pull request comment or a
job summary: the verdict and the problems first, then one short line per
changed entity, grouped by file; the full text (word diffs, long values) of a
file in a collapsed ``<details>`` block, as a ``diff`` code block so GitHub
colours added and removed entities.

Content text is never trusted as Markdown here: labels are escaped, and
values and word diffs sit in code spans or fenced blocks.
"""

from __future__ import annotations

import re
from typing import Optional

from generator.diff.changes import ADDED, REMOVED, Change, Comparison, FieldChange, FileChanges
from generator.diff.text import change_lines
from generator.issues import Issue

# A value shown inline in the summary line; longer ones are only in the details.
SHORT = 40


# More warnings than this are folded away, under their count.
FOLD_WARNINGS = 10
SHORTENED = ("_Shortened to fit: run `cx-playbook diff {base}` or open the job summary for everything._")


def render_markdown(comparison: Comparison, limit: Optional[int] = None) -> str:
    """The whole comparison; with ``limit``, at most that many characters (a
    pull request comment holds 65,536): the details blocks go first, then whole
    files from the end, each time with a note saying where the rest is."""
    head = _head(comparison)
    files = [file_section(f) for f in comparison.files]
    text = _join(head, files)
    if limit is None or len(text) <= limit:
        return text
    note = ["", SHORTENED.format(base=comparison.base_label)]
    files = [file_section(f, details=False) for f in comparison.files]
    while files:
        left = len(comparison.files) - len(files)
        more = [f"_… and {left} more file{'s' if left != 1 else ''} with changes._", ""] if left else []
        text = _join(head, files + [more]) + "\n".join(note) + "\n"
        if len(text) <= limit:
            return text
        files.pop()
    text = _join(head, []) + "\n".join(note) + "\n"
    return text if len(text) <= limit else text[: max(0, limit - 2)] + "…\n"


def _join(head: list[str], files: list[list[str]]) -> str:
    lines = list(head)
    for section in files:
        lines += section
    return "\n".join(lines).rstrip("\n") + "\n"


def _head(comparison: Comparison) -> list[str]:
    lines = [f"### Content changes compared with {code(comparison.base_label)}", ""]
    counts = "no changes" if comparison.empty else comparison.totals()
    lines.append(f"Version {code(comparison.base_version)} → {code(comparison.head_version)} · {counts} · "
                 f"{_count(len(comparison.errors), 'error', strong=True)}, {_count(len(comparison.warnings), 'warning')}")
    lines.append("")
    if comparison.empty:
        lines += ["No changes: the content is the same as the base (order aside).", ""]
    if comparison.next_step:
        lines += [f"**Next:** {_spans(comparison.next_step.removeprefix('Next: '))}", ""]
    lines += problems(comparison.errors, comparison.warnings)
    for paste in [*comparison.pastes, *([comparison.changelog] if comparison.changelog else [])]:
        lines += [f"Paste this {_spans(paste.where)}:", "", *fenced(paste.text.splitlines(), "yaml"), ""]
    answers = [f for f in comparison.files if f.answers is not None]
    if answers:
        lines += ["#### Saved answers", ""]
        lines += [f"- {escape(f.answers.sentence())}" for f in answers if f.answers is not None]
        lines.append("")
    return lines


def _spans(text: str) -> str:
    """Plain words escaped, and what the text output marks with backticks as code spans."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no spans
        return escape(text)
    def plain(part: str) -> str:  # escape() trims; the spaces around a span stay
        return (" " if part[:1].isspace() else "") + escape(part) + (" " if part[-1:].isspace() and part.strip() else "")
    return "".join(code(part) if i % 2 else plain(part) for i, part in enumerate(parts))


def problems(errors: list[Issue], warnings: list[Issue]) -> list[str]:
    lines: list[str] = []
    if errors:
        lines += ["#### Errors: they stop this change", ""]
        lines += [_issue(i) for i in errors]
        lines.append("")
    if warnings:
        lines += ["#### Warnings: look at them; you may accept them", ""]
        folded = len(warnings) > FOLD_WARNINGS
        if folded:
            lines += [f"<details><summary>{_count(len(warnings), 'warning')}</summary>", ""]
        lines += [_issue(i) for i in warnings]
        lines.append("")
        if folded:
            lines += ["</details>", ""]
    return lines


def _issue(issue: Issue) -> str:
    where = f" {code(issue.where)}:" if issue.where else ""
    return f"- {code(str(issue.location))}{where} {escape(issue.message)}"


def file_section(file: FileChanges, details: bool = True) -> list[str]:
    lines = [f"#### {code(file.path)}", ""]
    for change in file.changes:
        lines += _bullet(change, 0)
    lines.append("")
    if details and any(_needs_details(c) for c in file.changes):
        body = []
        for change in file.changes:
            body += change_lines(change, 0)
        lines += ["<details><summary>Details: wording and values</summary>", "", *fenced(body, "diff"), "",
                  "</details>", ""]
    return lines


def _bullet(change: Change, depth: int) -> list[str]:
    pad = "  " * depth
    text = f"{pad}- {code(change.sign)} {change.noun}"
    if change.key:
        text += f" {code(change.old_key + ' → ' + change.key) if change.old_key else code(change.key)}"
    labelled = change.sign in (ADDED, REMOVED) and change.label
    if labelled:
        text += f": {escape(change.label)}"
    summary = _fields_summary(change.fields)
    if summary:
        text += ("; " if labelled else ": ") + "; ".join(summary)
    lines = [text]
    for child in change.children:
        lines += _bullet(child, depth + 1)
    lines += [f"{pad}  - {escape(note)}" for note in change.notes]
    return lines


_ITEM = re.compile(r"^(.*)\[\d+\]$")


def _fields_summary(fields: list[FieldChange]) -> list[str]:
    """One phrase per field; the items of a list of text counted together:
    ``steps: 2 reworded, 1 added``."""
    out: list[str] = []
    items: dict[str, dict[str, int]] = {}
    for field in fields:
        item = _ITEM.match(field.name)
        if item is None:
            out.append(_field_summary(field))
            continue
        name = item.group(1)
        if name not in items:
            items[name] = {}
            out.append(name)  # a placeholder, filled in below, keeps the field order
        what = {"prose": "reworded", "value": "reworded"}.get(field.kind, field.kind)
        items[name][what] = items[name].get(what, 0) + 1
    return [f"{p} ({', '.join(f'{n} {what}' for what, n in items[p].items())})" if p in items else p for p in out]


def _field_summary(field: FieldChange) -> str:
    name = field.name
    if field.kind == "prose":
        return f"{name} {'added' if not field.old else 'removed' if not field.new else 'reworded'}"
    if field.kind == "set":
        parts = [f"+{x}" for x in field.added] + [f"−{x}" for x in field.removed]
        return f"{name} {code(' '.join(parts))}"
    old, new = _bare(field.old), _bare(field.new)
    if field.old == "(none)" and len(new) > SHORT:
        return f"{name} added"
    if field.new == "(none)" and len(old) > SHORT:
        return f"{name} removed"
    if not field.old:
        return f"{name} {code(new)}" if len(new) <= SHORT else name
    if len(old) <= SHORT and len(new) <= SHORT:
        return f"{name} {code(old)} → {code(new)}"
    return f"{name} reworded" if field.old.startswith('"') else f"{name} changed"


def _bare(value: str) -> str:
    """A value without the quotes the text output puts around text."""
    return value[1:-1] if len(value) >= 2 and value.startswith('"') and value.endswith('"') else value


def _needs_details(change: Change) -> bool:
    for one in change.walk():
        for field in one.fields:
            if field.kind != "set" and (field.kind != "value" or len(field.old) > SHORT or len(field.new) > SHORT):
                return True
    return False


def fenced(lines: list[str], language: str = "") -> list[str]:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + language, *lines, fence]


def code(text: str) -> str:
    """An inline code span that holds any text (backticks included)."""
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


# Characters that start inline markup mid-line (every escaped text follows "- ").
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Text shown as typed, on one line: inline Markdown and HTML characters
    escaped, and no @mention (a pull request comment would notify someone)."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("@", "&#64;")
    return _SPECIAL.sub(r"\\\1", text)


def _count(n: int, word: str, strong: bool = False) -> str:
    text = f"{n} {word}{'s' if n != 1 else ''}"
    return f"**{text}**" if strong and n else text
