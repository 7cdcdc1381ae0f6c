"""No new English words reach the page around strings.js: in the runtime files
whose words are translated, a string literal written straight into the DOM (a
child of h(), textContent, append, a status message) must go through t() or
tn(), or the Spanish page shows it in English and `check` never counts it.

A small tokenizer, not a JS parser: it follows strings, template literals,
comments and brackets, which is all this question needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parent.parent / "theme" / "assets" / "cx" / "src"

# The files whose every visible word goes through strings.js.
TRANSLATED = ["assessment.js", "changes.js", "answers.js", "update-notice.js", "exporter.js", "store.js", "team-draw.js", "summary.js"]

# Calls whose string arguments land in the page as text: h's children (from its
# third argument on), and these from their first.
DOM_CALLS = {"append", "prepend", "after", "before", "replaceChildren", "say", "createTextNode"}
# Not words to translate: symbols, formats and names the same in every language.
ALLOWED = {"JSON", "CSV", "MB", "CX", "QR"}
WORD = re.compile(r"[A-Za-z]{2,}")
IDENT = re.compile(r"[A-Za-z_$][\w$]*")


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in ALLOWED]


def _template_text(source: str, start: int) -> tuple[str, int]:
    """The static text of the template literal at ``start`` and the index after it
    (``${...}`` holes left out: they are code)."""
    i, text, depth = start + 1, [], 0
    while i < len(source):
        c = source[i]
        if depth == 0:
            if c == "\\":
                text.append(source[i:i + 2])
                i += 2
                continue
            if c == "`":
                return "".join(text), i + 1
            if source.startswith("${", i):
                depth, i = 1, i + 2
                continue
            text.append(c)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c in "\"'`":
            # A string inside a hole: skip it whole, braces in it are text.
            end = _template_text(source, i)[1] if c == "`" else _string_end(source, i)
            i = end
            continue
        i += 1
    return "".join(text), i


def _string_end(source: str, start: int) -> int:
    quote, i = source[start], start + 1
    while i < len(source) and source[i] != quote:
        i += 2 if source[i] == "\\" else 1
    return i + 1


def english_in_dom(source: str) -> list[tuple[int, str]]:
    """(line, literal) for each string literal with words that goes into the DOM
    without t()/tn()."""
    found: list[tuple[int, str]] = []
    # Each open bracket: [callee or None, its kind, argument index].
    stack: list[list] = []
    last_ident, i = None, 0
    text_assign, assign_depth = False, 0
    while i < len(source):
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = len(source) if i < 0 else i
            continue
        if source.startswith("/*", i):
            i = source.find("*/", i) + 2
            continue
        if c in "\"'`":
            if c == "`":
                text, end = _template_text(source, i)
            else:
                end = _string_end(source, i)
                text = source[i + 1:end - 1]
            frame = stack[-1] if stack else None
            into_dom = (text_assign and len(stack) == assign_depth) or (frame is not None and frame[1] == "(" and (
                (frame[0] == "h" and frame[2] >= 2) or frame[0] in DOM_CALLS))
            if into_dom and _words(text):
                found.append((source.count("\n", 0, i) + 1, source[i:end]))
            i, last_ident = end, None
            continue
        match = IDENT.match(source, i)
        if match and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] in "_$")):
            last_ident = match.group()
            if last_ident == "textContent":
                rest = source[match.end():match.end() + 4].lstrip()
                text_assign = rest.startswith("=") and not rest.startswith("==")
                assign_depth = len(stack)
            i = match.end()
            continue
        if c in "([{":
            stack.append([last_ident if c == "(" else None, c, 0])
        elif c in ")]}":
            if stack:
                stack.pop()
        elif c == "," and stack:
            stack[-1][2] += 1
        elif c == ";":
            text_assign = False
        if not c.isspace():
            last_ident = None
        i += 1
    return found


CASES = [
    ('h("p", null, "Keep my answer")', [(1, '"Keep my answer"')]),
    ('h("p", null, t("Keep my answer"))', []),
    ('h("p", { className: "cx-mark cx-mark--new" }, " ", `${n} new`)', [(1, "`${n} new`")]),
    ('h("p", null, `${why} ${t("Your answer was kept.")} `)', []),
    ('button.textContent = "Reload";', [(1, '"Reload"')]),
    ('button.textContent = t("Reload");', []),
    ('this.say(ok ? "Done." : t("Failed."));', [(1, '"Done."')]),
    ('h("button", { "data-cx-action": "export-json" }, t("Export JSON"), "JSON")', []),
    ('// h("p", null, "a comment")\nh("p", null, "Words")', [(2, '"Words"')]),
    ('el.setAttribute("data-cx-update", "");', []),
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_the_check_itself(source, expected):
    assert english_in_dom(source) == expected


@pytest.mark.parametrize("name", TRANSLATED)
def test_no_untranslated_english_reaches_the_dom(name):
    found = english_in_dom((SOURCES / name).read_text(encoding="utf-8"))
    assert not found, "\n".join(f"theme/assets/cx/src/{name}:{line}: {literal} goes into the page without t() "
                                "(wrap it in t(\"…\") and add its Spanish to content/es/interface.yml)"
                                for line, literal in found)
