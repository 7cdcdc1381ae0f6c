"""``cx-playbook diff``, as data: each tests/cases/diff/<case>/ holds the files
of a small playbook before and after a change (``before/`` and ``after/`` are
laid over a copy of tests/fixtures/minimal, so they hold only what differs from
it), a sentence on what it covers (``about.txt``), and the exact summary and
exit status expected (``expected.txt``, ``expected.md``, ``expected-exit``).

Regenerate the expectations after a deliberate change with
``CX_REGEN=1 pytest tests/test_diff.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import cx_playbook

HERE = Path(__file__).parent
ROOT = HERE.parent
MINIMAL = HERE / "fixtures" / "minimal"
# The cases were written when a scale could offer 'not applicable'; check no
# longer allows it, but diff still compares such content, so every case starts
# from the minimal playbook with the yes-no scale as it was then.
BASE_LAYER = HERE / "cases" / "diff" / "_base"
CASES = sorted(p for p in (HERE / "cases" / "diff").iterdir() if p.is_dir() and not p.name.startswith("_"))
REGEN = bool(os.environ.get("CX_REGEN"))


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch):
    """The changelog entry diff proposes carries a date: a fixed one here, as
    reproducible builds fix it (SOURCE_DATE_EPOCH; 2025-12-03)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")


def _minimal(target: Path) -> Path:
    shutil.copytree(MINIMAL, target)
    shutil.copytree(BASE_LAYER, target, dirs_exist_ok=True)
    return target


def _project(case: Path, side: str, target: Path) -> Path:
    _minimal(target)
    if (case / side).is_dir():
        shutil.copytree(case / side, target, dirs_exist_ok=True)
    return target


def _diff(workdir: Path, *extra: str) -> tuple[int, str, str]:
    """``cx-playbook --root after diff before`` run from ``workdir``, so that the
    summary names the two sides as the case does."""
    result = cx_playbook("diff", "before", *extra, root=Path("after"), cwd=workdir)
    return result.returncode, result.stdout, result.stderr


# What the cases, together, must show: every sign, every fate of saved answers
# (generator/diff/notes.py), and both verdicts of the guards.
_EVERY_KIND = {
    "an addition": r"(?m)^ +\+ \w",
    "a change": r"(?m)^ +~ \w",
    "a removal": r"(?m)^ +- \w",
    "a replacement": r"(?m)^ +-/\+ \w",
    "answers kept": r"# saved answers: kept$",
    "answers to confirm": r"# saved answers: kept, to be confirmed by respondents",
    "answers carried from an old id": r"# saved answers: carried over from '",
    "answers merged into another question": r"where '[^']+' was not answered; otherwise archived",
    "answers archived": r"# saved answers: archived with their wording \(retired in ",
    "answers lost": r"# saved answers: LOST \(nothing replaces",
    "an id used again": r"would be read as answers to this one",
    "a wording fix": r"# wording fix: ",
    "a choice carried over": r"# saved answers: carried over to '",
    "a guard's error": r"Found [1-9]\d* errors?",
    "a warning": r"and [1-9]\d* warnings?",
    "a side that does not pass check": r"does not pass cx-playbook check",
}


def test_there_is_a_case_for_every_kind_of_change():
    for case in CASES:
        assert (case / "about.txt").is_file(), f"{case.name}: say what it covers in about.txt"
    shown = "\n".join((case / "expected.txt").read_text(encoding="utf-8") for case in CASES)
    missing = [kind for kind, pattern in _EVERY_KIND.items() if not re.search(pattern, shown, re.M)]
    assert not missing, f"no case shows {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_diff_prints_exactly_the_expected_summary(case, tmp_path):
    _project(case, "before", tmp_path / "before")
    _project(case, "after", tmp_path / "after")

    code, out, err = _diff(tmp_path)
    text = out + err  # a side that fails check is reported on stderr, like check
    md_code, md, _ = _diff(tmp_path, "--format", "markdown")

    if REGEN:
        (case / "expected.txt").write_text(text, encoding="utf-8")
        (case / "expected.md").write_text(md, encoding="utf-8")
        (case / "expected-exit").write_text(f"{code}\n", encoding="utf-8")
    assert "Traceback" not in text + md
    assert text == (case / "expected.txt").read_text(encoding="utf-8")
    assert md == (case / "expected.md").read_text(encoding="utf-8")
    assert code == md_code == int((case / "expected-exit").read_text(encoding="utf-8"))


def test_the_same_content_has_no_changes(tmp_path):
    _minimal(tmp_path / "before")
    _minimal(tmp_path / "after")
    code, out, _ = _diff(tmp_path)
    assert code == 0
    assert "No changes" in out


def test_a_long_markdown_summary_is_shortened_for_a_comment(tmp_path):
    case = HERE / "cases" / "diff" / "moment-plays-touchpoints-metrics"
    _project(case, "before", tmp_path / "before")
    _project(case, "after", tmp_path / "after")
    _, full, _ = _diff(tmp_path, "--format", "markdown")
    _, short, _ = _diff(tmp_path, "--format", "markdown", "--max-length", "900")
    assert len(short) <= 900 < len(full)
    assert "Shortened to fit" in short
    assert short.startswith(full.split("\n", 1)[0])


# ---------------------------------------------------------------------------
# The predictions agree with the site: every old question answered with every
# choice it could hold, carried over by generator.answers (the twin of the
# browser's answers.js), lands where the diff said it would
# ---------------------------------------------------------------------------


def _answer_file(model: dict, qid: str, choice: str) -> dict:
    """One answer, in the shape generator.answers reads a format-2 export into."""
    questions = {q["id"]: {"text": q["text"], "choices": q["fingerprint"]}
                 for s in model["sections"] for q in s["questions"]}
    return {"formatVersion": 2, "version": model["version"], "contentVersion": model["contentVersion"],
            "exportedAt": "2026-01-01T00:00:00Z", "createdAt": None, "updatedAt": None,
            "respondent": {"id": "respondent-1"}, "edition": None,
            "profile": {"department": None, "location": None},
            "answers": {qid: {"choice": choice}}, "notes": {}, "targets": {}, "snapshots": [],
            "questionnaire": {"version": model["version"], "questions": questions}, "archive": {}}


def _sides(case: Path, tmp_path: Path):
    from generator.files import ContentPaths
    from generator.issues import ContentError
    from generator.load import load_corpus

    try:
        return tuple(load_corpus(ContentPaths.from_root(_project(case, side, tmp_path / side)), meaning=False)
                     for side in ("before", "after"))
    except ContentError:
        return None


VALID = [c for c in CASES if not c.name.endswith("-invalid")]


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_what_diff_says_of_saved_answers_is_what_the_site_does(case, tmp_path):
    from generator.answers import carry_over
    from generator.browser_model import build_browser_model
    from generator.diff.saved_answers import CHOICE_LOST, KEPT, LOST, MAPPED, NA_LOST, REUSED, answer_fates

    before, after = _sides(case, tmp_path)
    now = {a.id: a for a in after.assessments}
    checked = 0
    for old in before.assessments:
        if old.id not in now:
            continue
        fates = answer_fates(old, now[old.id])
        was = build_browser_model(before, old, "assessments/x.md").model_dump()
        model = build_browser_model(after, now[old.id], "assessments/x.md").model_dump()
        for section in was["sections"]:
            for question in section["questions"]:
                fate = fates.question(question["id"])
                scale = was["answerSets"][question["answerSet"]]
                choices = [c["id"] for c in scale["choices"]]
                if scale["notApplicable"] and question["notApplicable"]:
                    choices.append("n/a")
                for choice in choices:
                    state, report = carry_over(model, _answer_file(was, question["id"], choice))
                    checked += 1
                    said = next((c for c in fates.choices if c.old_question == question["id"] and c.choice == choice), None)
                    where = f"{case.name}: {question['id']} = {choice}"
                    if fate.kind in (LOST, REUSED) or fate.target is None:
                        assert report["archived"] == [question["id"]], where
                        continue
                    if said is not None and said.kind == CHOICE_LOST:
                        assert report["lost"] == [fate.target], where
                        continue
                    if said is not None and said.kind == NA_LOST and said.needs:
                        assert fate.target not in state["answers"] and report["naProfile"] == [fate.target], where
                        assert set(said.needs) <= set(state["profile"].get("lacks", [])), where
                        continue
                    if said is not None and said.kind == NA_LOST:
                        said = dataclasses.replace(said, kind=MAPPED)
                    kept = state["answers"].get(fate.target)
                    assert kept is not None, where
                    assert kept["choice"] == (said.to if said is not None and said.kind == MAPPED else choice), where
                    unchanged = fate.kind == KEPT and (said is None or said.kind not in (MAPPED,))
                    assert kept.get("unconfirmed", False) is not unchanged, where
    assert checked or not before.assessments or case.name == "assessments-added-removed"


# ---------------------------------------------------------------------------
# BASE as a git ref: a real repository in a temp folder
# ---------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    _minimal(repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "first edition")
    return repo


def test_diff_head_compares_the_working_tree_with_the_last_commit(repo):
    case = HERE / "cases" / "diff" / "question-split"
    shutil.copytree(case / "after", repo, dirs_exist_ok=True)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "HEAD"], cwd=repo,
                            capture_output=True, text=True, timeout=60)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr
    # The same summary as the folder case, but naming the ref and the working tree.
    assert result.stdout == expected.replace("Comparing before", "Comparing HEAD").replace("with after", "with the working tree")


def test_diff_reads_the_ref_not_the_working_tree(repo):
    """A file only in the working tree is not in BASE, even when content/ is untracked there."""
    _git(repo, "checkout", "-q", "-b", "change")
    case = HERE / "cases" / "diff" / "question-retired"
    shutil.copytree(case / "after", repo, dirs_exist_ok=True)
    _git(repo, "commit", "-q", "-am", "retire a question")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "main"], cwd=repo,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "- question plans \"Do we plan?\"" in result.stdout
    assert "# saved answers: archived with their wording (retired in 2.0.0)" in result.stdout


def test_diff_from_a_subfolder_of_the_repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    _minimal(repo / "site-content")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "first")
    assert cx_playbook("diff", "HEAD", root=repo / "site-content").returncode == 0


def test_an_unknown_ref_is_a_clear_message_and_exit_2(repo):
    result = cx_playbook("diff", "origin/nope", root=repo)
    err = result.stderr
    assert result.returncode == 2
    assert "'origin/nope' is neither a folder nor a git ref" in err
    assert "fetch-depth: 0" in err
    assert "Traceback" not in err


def test_outside_a_repository_a_missing_folder_is_exit_2(tmp_path):
    _minimal(tmp_path / "p")
    result = cx_playbook("diff", "no-such-folder", root=tmp_path / "p")
    err = result.stderr
    assert result.returncode == 2
    assert "'no-such-folder' is not a folder" in err


# ---------------------------------------------------------------------------
# The workflows and the pre-commit hook: they cannot run here; their YAML can be read
# ---------------------------------------------------------------------------


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_content_workflow_checks_builds_and_summarises_the_diff():
    workflow = _yaml(ROOT / ".github" / "workflows" / "content.yml")
    steps = workflow["jobs"]["check"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # origin/main must be there to compare with
    assert "cx-playbook check --format github" in runs
    assert "cx-playbook build" in runs
    assert "diff origin/main --format markdown" in runs and "GITHUB_STEP_SUMMARY" in runs
    # The summary reminds of the same two commands README's pre-pull-request list gives.
    reminder = next(line for line in runs.splitlines() if "Before a pull request" in line)
    assert "cx-playbook check" in reminder and "cx-playbook diff origin/main" in reminder
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    before_pr = readme.split("Before opening a pull request", 1)[1].split("```", 2)[1]
    assert "cx-playbook check" in before_pr and "cx-playbook diff origin/main" in before_pr
    comment = next(s for s in steps if s.get("uses", "").startswith("actions/github-script"))
    assert "<!-- cx-playbook-diff -->" in comment["with"]["script"]
    assert workflow["jobs"]["check"]["permissions"]["pull-requests"] == "write"


def test_the_pages_workflow_publishes_main_with_the_site_url():
    workflow = _yaml(ROOT / ".github" / "workflows" / "pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    build = workflow["jobs"]["build"]["steps"]
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages"))
    built = next(s for s in build if "cx-playbook build" in s.get("run", ""))
    assert built["env"]["CX_SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]
    deploy = workflow["jobs"]["deploy"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    assert workflow["permissions"] == {}  # granted per job: only the deploy job may write to Pages
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


def test_the_workflows_pass_zizmor():
    """The Actions security linter finds nothing of medium severity or higher:
    actions pinned by commit, no persisted token, permissions per job, no
    template expansion inside a script. (--offline: no request leaves the machine.)"""
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", "--min-severity", "medium",
                             "--format", "json", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, check=False)
    findings = json.loads(result.stdout or "[]")
    where = lambda f: (f"{Path(next(iter(f['locations'][0]['symbolic']['key']['Local'].values()))).name}:"  # noqa: E731
                       f"{f['locations'][0]['concrete']['location']['start_point']['row'] + 1}")
    assert result.returncode == 0 and findings == [], "\n".join(
        f"{where(f)}: {f['ident']} ({f['determinations']['severity']}): {f['desc']}" for f in findings) or result.stderr


def test_the_pre_commit_hook_runs_check_on_content_and_assessment_yaml():
    import re

    hooks = _yaml(ROOT / ".pre-commit-hooks.yaml")
    hook = next(h for h in hooks if h["id"] == "cx-playbook-check")
    assert hook["language"] == "python"
    assert hook["entry"].startswith("cx-playbook") and "check" in hook["entry"]
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/moments/test-drive.yml")
    assert files.search("assessments/seven-moments.yml")
    assert files.search("content/playbook.yml")
    assert not files.search("mkdocs.yml")
    assert not files.search("theme/assets/cx/answers.js")
