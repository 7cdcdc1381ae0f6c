"""``cx-playbook diff``: what a change to the content does to the site and to
people's saved answers, in plain words, and the guards that stop a change that
would lose answers.

One noun per module: :mod:`~generator.diff.entities` (what is matched by id),
:mod:`~generator.diff.values` (one entity's fields compared),
:mod:`~generator.diff.words` (prose word by word),
:mod:`~generator.diff.saved_answers` (what happens to saved answers),
:mod:`~generator.diff.notes` (those consequences in words, under each change),
:mod:`~generator.diff.guards` (errors and warnings),
:mod:`~generator.diff.comparison` (all of it, grouped by file),
:mod:`~generator.diff.text` and :mod:`~generator.diff.markdown` (the two outputs).
Pure: it reads two validated :class:`~generator.corpus.Corpus` values; only
the CLI knows about git.
"""

from generator.diff.changes import Comparison
from generator.diff.comparison import compare_corpora
from generator.diff.markdown import render_markdown
from generator.diff.text import render_text

__all__ = ["Comparison", "compare_corpora", "render_markdown", "render_text"]
