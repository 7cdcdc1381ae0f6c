"""The default playbook meets the structural minimums the product promises."""

from __future__ import annotations

import re

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus
from generator.models import LENS_NAMES

from conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ContentPaths.from_root(ROOT))


def test_seven_moments_in_journey_order(corpus):
    assert [m.title for m in corpus.moments] == [
        "The digital experience", "Coming into the dealership", "Talking to salespeople", "The test drive",
        "Negotiation and purchase", "Vehicle delivery", "Service and the ongoing relationship",
    ]
    assert [m.order for m in corpus.moments] == list(range(1, 8))


@pytest.mark.parametrize("index", range(7))
def test_each_moment_has_its_substance(corpus, index):
    moment = corpus.moments[index]
    for lens in LENS_NAMES:
        assert moment.lenses.__getattribute__(lens).practices
    assert len(moment.plays) >= 4
    assert len(moment.metrics) >= 3
    assert {p.lens for p in moment.plays} == set(LENS_NAMES)
    assert moment.pitfalls and 2 <= len(moment.discussion) <= 3
    assert moment.sources
    assert all(len(p.steps) >= 3 for p in moment.plays)


def test_every_play_is_recommended_by_some_question(corpus):
    recommended = {p for a in corpus.assessments for s in a.sections for q in s.questions for p in q.plays}
    assert set(corpus.plays) - recommended == set()


def test_every_source_is_cited(corpus):
    cited = {f.source for f in corpus.strategy.figures}
    cited |= {s for sec in corpus.strategy.sections for s in sec.sources}
    cited |= {s for m in corpus.moments for s in m.sources + [x for p in m.plays for x in p.sources]}
    cited |= {s for p in corpus.strategy.plays for s in p.sources} | set(corpus.experience_log.sources)
    assert {s.id for s in corpus.sources} <= cited


def test_seven_moments_assessment_covers_every_moment_with_3_to_6_questions(corpus):
    assessment = next(a for a in corpus.assessments if a.id == "seven-moments")
    by_moment = {s.moment: s for s in assessment.sections}
    assert set(by_moment) == {m.id for m in corpus.moments}
    for section in assessment.sections:
        assert 3 <= len(section.questions) <= 6
        assert {q.lens for q in section.questions} == set(LENS_NAMES)
        assert all(q.plays for q in section.questions)


def test_strategy_assessment_asks_the_foundation_questions(corpus):
    assessment = next(a for a in corpus.assessments if a.id == "cx-strategy")
    text = " ".join(q.text.lower() for s in assessment.sections for q in s.questions)
    for words in ("formal", "top", "align", "financ", "measur"):
        assert words in text
    assert all(q.plays for s in assessment.sections for q in s.questions)


def test_answer_scales_describe_behaviour_not_bare_numbers(corpus):
    for assessment in corpus.assessments:
        for scale in assessment.answer_sets:
            for choice in scale.choices:
                assert not re.fullmatch(r"\s*\d+\s*", choice.label)
                assert len(choice.label.split()) >= 3


def test_every_figure_in_strategy_carries_a_source(corpus):
    assert len(corpus.strategy.figures) >= 5
    assert all(f.source for f in corpus.strategy.figures)
