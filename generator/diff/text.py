"""A comparison as terminal text, shaped like ``terraform plan``::

    content/moments/first.yml
      ~ play fm-greet
          title: "Greet" -> "Greet by name"
          summary: Say [-hello.-]{+hello by name.+}
      - play fm-wave "Wave"

    Changes: 0 added, 1 changed, 1 removed.
"""

from __future__ import annotations

from generator.diff.changes import ADDED, REMOVED, Change, Comparison, FieldChange, FileChanges
from generator.diff.words import word_diff

# A value change longer than this goes on two lines, old above new.
WIDE = 100


def render_text(comparison: Comparison) -> str:
    lines = [headline(comparison), ""]
    if comparison.empty:
        lines.append("No changes: the content is the same as the base (order aside).")
    for file in comparison.files:
        lines += file_lines(file)
        lines.append("")
    if not comparison.empty:
        lines.append(f"Changes: {comparison.totals()}.")
    if comparison.errors:
        lines += ["", "Errors (they stop this change):"]
        lines += [f"  {issue.format()}" for issue in comparison.errors]
    if comparison.warnings:
        lines += ["", "Warnings (look at them; you may accept them):"]
        lines += [f"  {issue.format()}" for issue in comparison.warnings]
    for paste in comparison.pastes:
        lines += ["", f"Paste this {paste.where}:", *paste.text.splitlines()]
    lines.append(comparison.verdict())
    if comparison.changelog is not None:
        lines += [f"Add this {comparison.changelog.where}:", *comparison.changelog.text.splitlines()]
    lines.append(comparison.next_step)
    return "\n".join(lines) + "\n"


def headline(comparison: Comparison) -> str:
    return (f"Comparing {comparison.base_label} (version {comparison.base_version}) "
            f"with {comparison.head_label} (version {comparison.head_version}).")


def file_lines(file: FileChanges, indent: int = 2) -> list[str]:
    lines = [file.path]
    for change in file.changes:
        lines += change_lines(change, indent)
    if file.answers is not None:
        lines.append(" " * indent + file.answers.sentence())
    return lines


def change_lines(change: Change, indent: int) -> list[str]:
    pad = " " * indent
    head = f"{pad}{change.sign} {change.title}"
    if change.sign in (ADDED, REMOVED) and change.label:
        head += f" {quote(change.label)}"
    lines = [head]
    inner = indent + 4
    for field in change.fields:
        lines += field_lines(field, inner)
    for child in change.children:
        lines += change_lines(child, inner)
    lines += [f"{' ' * inner}# {note}" for note in change.notes]
    return lines


def field_lines(field: FieldChange, indent: int) -> list[str]:
    pad = " " * indent
    if field.kind == "prose":
        return [f"{pad}{field.name}: {word_diff(field.old, field.new)}"]
    if field.kind == "set":
        items = [f"+ {x}" for x in field.added] + [f"- {x}" for x in field.removed]
        return [f"{pad}{field.name}: {', '.join(items)}"]
    if field.kind == "added":
        return [f"{pad}{field.name} added: {quote(field.new)}"]
    if field.kind == "removed":
        return [f"{pad}{field.name} removed: {quote(field.old)}"]
    if not field.old:
        return [f"{pad}{field.name}: {field.new}"]
    line = f"{pad}{field.name}: {field.old} -> {field.new}"
    if len(line) <= WIDE:
        return [line]
    return [f"{pad}{field.name}: {field.old}", f"{pad}{' ' * len(field.name)}-> {field.new}"]


def quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'
