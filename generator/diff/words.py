"""Prose compared word by word, shown the way ``git diff --word-diff`` shows it:
``Say [-hello.-]{+hello by name.+}``.

Words are runs of non-space characters; a change of spacing or line breaks
alone is not a change (the renderer reflows prose anyway). Long unchanged runs
are shortened to a few words either side of each change, so a one-word edit in
a long introduction reads as one line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# Unchanged words kept on each side of a change; a longer unchanged run is cut to "…".
CONTEXT = 6
# Below this share of words kept, the text was rewritten: old and new are shown whole,
# one after the other, which reads better than words interleaved.
REWRITTEN = 0.4


@dataclass(frozen=True)
class Segment:
    op: str  # "=" unchanged, "-" removed, "+" added
    text: str


def segments(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` as unchanged, removed and added runs."""
    a, b = old.split(), new.split()
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment("=", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(Segment("-", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(Segment("+", " ".join(b[j1:j2])))
    return out


def similarity(old: str, new: str) -> float:
    """How much of the wording stayed, from 0 (nothing) to 1 (the same words),
    case and punctuation aside ("Smile." and "smile at" share a word)."""
    a, b = _plain_words(old), _plain_words(new)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def overlap(old: str, new: str) -> float:
    """The share of the shorter text's words found, in order, in the longer one:
    1 when one only adds words to the other ("Smile." → "Smile at everyone.")."""
    a, b = _plain_words(old), _plain_words(new)
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / min(len(a), len(b))


def _plain_words(text: str) -> list[str]:
    return [w for w in (word.strip(_PUNCTUATION).lower() for word in text.split()) if w]


_PUNCTUATION = ".,;:!?\"'()[]*_`-–—…"


def changed_words(old: str, new: str) -> int:
    """How many words were removed or added."""
    return sum(len(s.text.split()) for s in segments(old, new) if s.op != "=")


def word_diff(old: str, new: str, context: int = CONTEXT) -> str:
    """``[-old-]{+new+}`` markup with unchanged runs shortened to ``context`` words."""
    if similarity(old, new) < REWRITTEN:
        return " ".join(part for part in (_whole("-", old), _whole("+", new)) if part)
    parts = segments(old, new)
    out = []
    for index, segment in enumerate(parts):
        if segment.op == "-":
            out.append(f"[-{segment.text}-]")
        elif segment.op == "+":
            out.append(f"{{+{segment.text}+}}")
        else:
            out.append(_shorten(segment.text, context, first=index == 0, last=index == len(parts) - 1))
    return " ".join(part for part in out if part)


def _shorten(text: str, context: int, *, first: bool, last: bool) -> str:
    words = text.split()
    keep_before = 0 if first else context  # words after the previous change
    keep_after = 0 if last else context    # words before the next change
    if len(words) <= keep_before + keep_after + 1:
        return text
    head = words[:keep_before]
    tail = words[len(words) - keep_after:] if keep_after else []
    return " ".join([*head, "…", *tail])


def _whole(op: str, text: str) -> str:
    words = " ".join(text.split())
    if not words:
        return ""
    return f"[-{words}-]" if op == "-" else f"{{+{words}+}}"
