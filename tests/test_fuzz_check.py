"""Fuzzed content: whatever an editor (or a broken editor) saves, `cx-playbook check`
exits 1 with one `file:line:col: …` line per problem and never prints a traceback
(how fast it is, `make bench` measures; here a subprocess that hangs for a
minute fails).

Hypothesis mutates the default content one file at a time: structural edits on
the parsed data (drop, rename, retype, duplicate, break references, nest
deeply) and byte edits on the file (tabs, BOM, invalid UTF-8, truncation,
alias bombs, stray characters, re-indentation). Most cases run in-process
(load_corpus, then ``conftest.cx_playbook``); a few fixed ones through the real subprocess.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.files import ContentPaths
from generator.load import load_corpus
from generator.issues import ContentError

from conftest import ROOT, cx_playbook

ISSUE_LINE = re.compile(r"^(content|assessments)/[^:]+\.yml:\d+:\d+: .+|^(content|assessments)(/[^:]*)?:\d+:\d+: .+")
SUMMARY = re.compile(r"^Found \d+ errors? in the content\.$")
REFERENCE_KEYS = ("owner", "source", "sources", "answer_set", "moment", "plays", "replaces", "id")
CASES = {"data": 0, "bytes": 0, "cli": 0, "subprocess": 0}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("content", "assessments"):
        shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture(scope="module")
def files(project) -> list[Path]:
    return sorted(project.rglob("*.yml"))


@pytest.fixture(scope="module", autouse=True)
def report_count(request):
    yield
    # Each xdist worker leaves its count; conftest adds them up in the summary.
    folder = request.config.cache.mkdir("cx-fuzz")
    (folder / f"{os.getpid()}.json").write_text(json.dumps(CASES), encoding="utf-8")


def _paths(data, prefix=()):
    """Every path into the data, containers included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


def _get(data, path):
    for part in path:
        data = data[part]
    return data


REPLACEMENTS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.just(""), st.just([]), st.just({}), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3), st.just("salse"), st.just("Not-An-Id!"),
    st.just("99.x"), st.dates().map(str),
)


def _mutate_data(data, draw):
    paths = [p for p in _paths(data) if p]
    if not paths:  # an earlier mutation replaced the whole document
        return data
    path = paths[draw(st.integers(0, len(paths) - 1))]
    parent, last = _get(data, path[:-1]), path[-1]
    kind = draw(st.sampled_from(["drop", "rename", "retype", "duplicate", "reference", "nest", "top"]))
    if kind == "drop":
        del parent[last]
    elif kind == "rename":
        if isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12)) + "_"] = parent.pop(last)
        else:
            parent[last] = {"unexpected": parent[last]}
    elif kind == "retype":
        parent[last] = draw(REPLACEMENTS)
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, parent[last])  # duplicate ids, duplicate entries
        else:
            parent[last] = [parent[last], parent[last]]
    elif kind == "reference":
        refs = [p for p in paths if p and p[-1] in REFERENCE_KEYS or (len(p) > 1 and p[-2] in REFERENCE_KEYS)]
        if refs:
            ref = refs[draw(st.integers(0, len(refs) - 1))]
            _get(data, ref[:-1])[ref[-1]] = draw(st.sampled_from(["salse", "no-such-play", "missing-source", "x"]))
    elif kind == "nest":
        depth = draw(st.integers(10, 150))
        value = "deep"
        for _ in range(depth):
            value = {"a": value} if draw(st.booleans()) else [value]
        parent[last] = value
    else:
        return draw(st.sampled_from([[], "text", 42, None, [data]]))
    return data


def _mutate_bytes(raw: bytes, draw) -> bytes:
    lines = raw.split(b"\n")
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    kind = draw(st.sampled_from(["tab", "bom", "utf8", "truncate", "alias", "anchor", "bomb", "indent",
                                 "junk", "deep", "empty", "nul", "doc", "tag", "huge"]))
    if kind == "tab":
        lines[at] = b"\t" + lines[at]
    elif kind == "bom":
        return b"\xef\xbb\xbf" + raw if draw(st.booleans()) else raw[:10] + b"\xef\xbb\xbf" + raw[10:]
    elif kind == "utf8":
        lines[at] = lines[at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\x80abc"]))
    elif kind == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    elif kind == "alias":
        lines[at] = lines[at] + b" &a"
        lines.append(b"extra: *a")
    elif kind == "anchor":
        lines.insert(at, b"x: &anchor value")
    elif kind == "bomb":
        bomb = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for i in range(1, 9):
            prev = chr(ord("a") + i - 1).encode()
            bomb.append(chr(ord("a") + i).encode() + b": &" + chr(ord("a") + i).encode() + b" [" + b",".join([b"*" + prev] * 9) + b"]")
        return b"\n".join(bomb) + b"\n" + raw
    elif kind == "indent":
        lines[at] = b" " * draw(st.integers(1, 7)) + lines[at]
    elif kind == "junk":
        lines[at] = lines[at] + draw(st.binary(min_size=1, max_size=20))
    elif kind == "deep":
        n = draw(st.integers(50, 20000))
        lines.insert(at, b"deep: " + b"[" * n + b"]" * n if draw(st.booleans()) else b"deep: " + b"{a: " * n + b"1" + b"}" * n)
    elif kind == "empty":
        return draw(st.sampled_from([b"", b"\n", b"# only a comment\n", b"---\n", b"~\n", b"[]\n", b"'a'\n"]))
    elif kind == "nul":
        lines[at] = lines[at] + b"\x00"
    elif kind == "doc":
        lines.insert(at, b"---")
    elif kind == "tag":
        lines[at] = lines[at] + draw(st.sampled_from([b" !!python/object:os.system", b" !!binary", b" !custom", b" !!set"]))
    else:
        return raw + b"\n# " + b"x" * 2_100_000
    return b"\n".join(lines)


def _assert_clean_failure(project: Path):
    try:
        load_corpus(ContentPaths.from_root(project))
    except ContentError as error:
        assert error.issues, "ContentError without issues"
        for issue in error.issues:
            line = issue.format()
            assert ISSUE_LINE.match(line), line
            assert issue.location.line >= 1 and issue.location.col >= 1, line
            assert len(line.splitlines()) == 1 and "Traceback" not in issue.message, line


def _write_and_check(project: Path, file: Path, new: bytes):
    original = file.read_bytes()
    try:
        file.write_bytes(new)
        _assert_clean_failure(project)
    finally:
        file.write_bytes(original)


EXAMPLES = int(os.environ.get("CX_FUZZ_EXAMPLES", "100"))
# No shrinking: one replay costs a full check, and the failing draw is printed as it is.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@FUZZ
@given(data=st.data())
def test_structural_mutations_give_clean_issues(project, files, data):
    file = files[data.draw(st.integers(0, len(files) - 1), label="file")]
    parsed = yaml.safe_load(file.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        parsed = _mutate_data(parsed, data.draw)
    new = yaml.dump(parsed, Dumper=_Dumper, allow_unicode=True, sort_keys=False).encode("utf-8")
    CASES["data"] += 1
    _write_and_check(project, file, new)


@FUZZ
@given(data=st.data())
def test_byte_mutations_give_clean_issues(project, files, data):
    file = files[data.draw(st.integers(0, len(files) - 1), label="file")]
    new = _mutate_bytes(file.read_bytes(), data.draw)
    CASES["bytes"] += 1
    _write_and_check(project, file, new)


@settings(max_examples=max(5, EXAMPLES // 2), deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_cli_check_prints_only_positions_and_exits_1(project, files, data):
    file = files[data.draw(st.integers(0, len(files) - 1), label="file")]
    original = file.read_bytes()
    if data.draw(st.booleans(), label="bytes"):
        new = _mutate_bytes(original, data.draw)
    else:
        parsed = _mutate_data(yaml.safe_load(original.decode("utf-8")), data.draw)
        new = yaml.dump(parsed, Dumper=_Dumper, allow_unicode=True, sort_keys=False).encode("utf-8")
    # Always one certain error as well, so the expected exit code is known.
    playbook = project / "content" / "playbook.yml"
    playbook_original = playbook.read_bytes()
    CASES["cli"] += 1
    try:
        file.write_bytes(new)
        playbook.write_bytes(playbook.read_bytes() + b"\nunknown_key_for_fuzz: 1\n")
        result = cx_playbook("check", root=project)
        code, out, err = result.returncode, result.stdout, result.stderr
    finally:
        file.write_bytes(original)
        playbook.write_bytes(playbook_original)
    assert code == 1
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    bad = [line for line in lines[:-1] if not ISSUE_LINE.match(line)]
    assert not bad, bad


@pytest.mark.parametrize("name,content", [
    ("alias bomb", b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
                   b'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'),
    ("invalid utf-8", b"title: caf\xe9\n"),
    ("deep nesting", b"a: " + b"[" * 30000 + b"]" * 30000 + b"\n"),
    ("tabs", b"title: x\n\torganisation: y\n"),
])
def test_real_subprocess_check(tmp_path, name, content):
    for folder in ("content", "assessments"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "content" / "playbook.yml").write_bytes(content)
    CASES["subprocess"] += 1
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(tmp_path), "check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert SUMMARY.match(lines[-1])
    assert any(line.startswith("content/playbook.yml:") for line in lines), lines
    assert all(ISSUE_LINE.match(line) for line in lines[:-1]), lines
