"""The loader keeps line numbers and turns hostile YAML into issues, not exceptions."""

from __future__ import annotations

from generator.issues import format_path
from generator.loader import load_document


def _load(tmp_path, text: str | bytes):
    file = tmp_path / "x.yml"
    file.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_document(file, "x.yml")


def test_marks_point_at_keys_and_items(tmp_path):
    doc, issues = _load(tmp_path, "a: 1\nplays:\n  - id: one\n    owner: sales\n")
    assert not issues
    assert doc.locate(("plays", 0, "owner")).line == 4
    assert doc.locate(("plays", 0)).line == 3
    assert doc.locate(("plays", 5, "x")).line == 2  # falls back to the nearest known parent


def test_format_path_reads_like_mkdocs():
    assert format_path(("sections", 2, "questions", 0, "answer_set")) == "sections[2].questions[0].answer_set"


def test_bom_is_accepted(tmp_path):
    doc, issues = _load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert not issues and doc.data == {"a": 1}


def test_billion_laughs_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    doc, issues = _load(tmp_path, bomb)
    assert doc.data is None
    assert "anchors" in issues[0].message


def test_very_deep_nesting_is_an_issue(tmp_path):
    doc, issues = _load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert doc.data is None
    # Where the 128th level opens: libyaml finds it at once (PyYAML took seconds to fail).
    assert [i.format() for i in issues] == ["x.yml:1:130: nesting is too deep (expected at most 64 levels)"]


def test_python_tags_are_refused(tmp_path):
    doc, issues = _load(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\n")
    assert issues and "unsupported YAML tag" in issues[0].message
