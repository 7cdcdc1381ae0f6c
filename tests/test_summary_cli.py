"""`cx-playbook team --format summary`: the one-page leadership summary as
Markdown, from the same figures as the team view (small groups hidden by the
same rule), run for real on generated exports."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, cx_playbook

sys.path.insert(0, str(ROOT / "bench"))
from team import model, write_exports  # noqa: E402


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    m = model()
    folder = tmp_path_factory.mktemp("summary-cli")
    write_exports(m, 40, folder, seed=3)
    return m, folder


def summary(*args) -> str:
    result = cx_playbook("team", *args, "--format", "summary")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_summary_holds_each_part_once(exports):
    m, folder = exports
    text = summary(folder)
    assert text.startswith("# Leadership summary\n")
    assert f"**{m['organisation']}**" in text
    assert "40 respondents, from " in text
    for heading in ("## Who answered", "## Team score", "## Largest gaps: leadership against everyone else",
                    "## Most disputed questions", "## Three actions we agree today"):
        assert text.count(heading) == 1, heading
    disputed = text.split("## Most disputed questions")[1].split("##")[0]
    assert sum(1 for line in disputed.splitlines() if line[:2] in {f"{i}." for i in range(1, 10)}) == 5
    assert "not a benchmark of our score" in text


def test_small_groups_stay_hidden_and_a_small_team_is_provisional(exports):
    _, folder = exports
    few = sorted(folder.glob("*.json"))[:4]
    text = summary(*few)
    assert "(provisional)" in text
    assert "No gap to show" in text or "fewer than 5" in text
    assert "(n = 1)" not in text.split("## Largest gaps")[1].split("##")[0]
