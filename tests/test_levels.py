"""The reference profiles guard the scoring code itself: break the scoring once,
and check reports the levels whose described answers no longer land there."""

from __future__ import annotations

import pytest

from conftest import ROOT
from generator import scoring
from generator.files import ContentPaths
from generator.issues import ContentError
from generator.load import load_corpus


def test_the_real_content_passes_with_the_real_scoring():
    load_corpus(ContentPaths.from_root(ROOT))


def test_a_broken_scoring_rule_is_caught_by_the_reference_profiles(monkeypatch):
    real = scoring.answer_score

    def squared(model, question, answer):
        # A plausible slip: a step's score squared (0.33 becomes 0.11), which
        # lowers every middle answer and leaves the ends as they were.
        value = real(model, question, answer)
        return None if value is None else value * value

    monkeypatch.setattr(scoring, "answer_score", squared)
    with pytest.raises(ContentError) as caught:
        load_corpus(ContentPaths.from_root(ROOT))
    messages = [i.format() for i in caught.value.issues]
    assert any("cx-strategy.yml" in m and "the reference profile \"Every answer on the second step.\"" in m
               and "not Emerging" in m for m in messages), messages
    assert any("seven-moments.yml" in m and "not Managed" in m for m in messages), messages
