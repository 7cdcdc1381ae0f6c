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


def test_every_source_is_cited(corpus):
    cited = {f.source for f in corpus.strategy.figures}
    cited |= {s for sec in corpus.strategy.sections for s in sec.sources}
    cited |= {s for m in corpus.moments for s in m.sources + [x for p in m.plays for x in p.sources]}
    cited |= {s for p in corpus.strategy.plays for s in p.sources} | set(corpus.experience_log.sources)
    cited |= {f.source for f in corpus.context.figures} if corpus.context else set()  # industry context
    assert {s.id for s in corpus.sources} <= cited


def test_seven_moments_assessment_covers_every_moment_with_3_to_6_questions(corpus):
    assessment = next(a for a in corpus.assessments if a.id == "seven-moments")
    by_moment = {s.moment: s for s in assessment.sections}
    assert set(by_moment) == {m.id for m in corpus.moments}
    for section in assessment.sections:
        assert 3 <= len(section.questions) <= 6
        assert all(q.plays for q in section.questions)
    # A question per lens per section: the assessment says so and `check` enforces it
    # (tests/fixtures/bad/section-without-a-lens.yml).
    assert assessment.cover_every_lens


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


# ---------------------------------------------------------------------------
# The second edition: what a reader or a fact-checker would notice
# ---------------------------------------------------------------------------

from generator.references import _documents, _texts  # noqa: E402

_ABBREVIATION = re.compile(r"(?<![\w&.])([A-Z][A-Z0-9&]*[A-Z0-9])(?![\w&])")


def _prose(corpus):
    """(document, field path, text) of every text field, sources' titles left
    out: they are quoted as published."""
    for key, entity in _documents(corpus):
        for path, _, text in _texts(entity, ()):
            if path[-1] == "title" and path[0] == "sources":
                continue
            yield str(key), path, re.sub(r"\(https?://[^)]*\)|https?://\S+", "", text)


def test_every_abbreviation_in_prose_is_in_the_glossary(corpus):
    terms = {t.term for t in corpus.glossary.terms}
    missing = sorted({f"{token} ({key} {'.'.join(map(str, path))})" for key, path, text in _prose(corpus)
                      for token in _ABBREVIATION.findall(text) if token not in terms})
    assert not missing, missing


def test_every_glossary_term_is_used(corpus):
    used = {token for _, _, text in _prose(corpus) for token in _ABBREVIATION.findall(text)}
    unused = [t.term for t in corpus.glossary.terms if t.term not in used]
    assert not unused, unused


def test_no_question_asks_two_things(corpus):
    """One question mark, at the end; no 'and/or' joining two asks."""
    doubled = [q.id for a in corpus.assessments for s in a.sections for q in s.questions
               if q.text.count("?") != 1 or not q.text.rstrip().endswith("?") or re.search(r"\band/or\b", q.text)]
    assert not doubled, doubled


def test_the_plan_starts_with_plays_the_assessments_recommend(corpus):
    recommended = {p for a in corpus.assessments for s in a.sections for q in s.questions for p in q.plays}
    first = corpus.plan.phases[0]
    assert [p.first_week for p in corpus.plan.phases][0] == 1 and corpus.plan.phases[-1].last_week >= 13
    assert {e.play for e in first.plays} <= recommended


def test_no_sentence_is_longer_than_thirty_words(corpus):
    """Readable on a phone: sentences of a moment page's prose stay under ~30 words."""
    long = []
    for key, path, text in _prose(corpus):
        plain = re.sub(r"[*_`#>|]|\[([^\]]*)\]\([^)]*\)", r"\1", text)
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*]\s+|\n\s*\d+\.\s+", plain):
            words = len(sentence.split())
            if words > 32:
                long.append(f"{key} {'.'.join(map(str, path))}: {words} words")
    assert not long, long[:20]


# ---------------------------------------------------------------------------
# "Not applicable" cannot raise a score
# ---------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.browser_model import build_browser_model  # noqa: E402
from generator.scoring import score_respondent  # noqa: E402


def _models(corpus):
    return [build_browser_model(corpus, a, f"assessments/{a.id}.md").model_dump(mode="json") for a in corpus.assessments]


def _offers_na(model, question):
    return bool(model["answerSets"][question["answerSet"]]["notApplicable"]) and question["notApplicable"]


@pytest.mark.parametrize("index", range(2))
def test_not_applicable_is_offered_only_where_a_situation_can_be_absent(corpus, index):
    """Where N/A is offered it names what the location does not have; the first
    edition let 'we have no strategy yet' be N/A, which scored a store with no
    strategy above one with a narrow one."""
    model = _models(corpus)[index]
    for question in (q for s in model["sections"] for q in s["questions"] if _offers_na(model, q)):
        label = model["answerSets"][question["answerSet"]]["notApplicable"].lower()
        assert label.startswith("not applicable"), question["id"]
        assert "strategy" not in label and "yet" not in label, (question["id"], label)


_DEFAULT_MODELS = _models(load_corpus(ContentPaths.from_root(ROOT)))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=st.data())
def test_not_applicable_cannot_raise_a_score_above_an_honest_answer(data):
    """For every question that offers N/A and any answers to the others: N/A
    scores exactly as if the question were not asked, and never above the best
    (nor below the worst) honest answer to it."""
    for model in _DEFAULT_MODELS:
        questions = [q for s in model["sections"] for q in s["questions"]]
        offering = [q for q in questions if _offers_na(model, q)]
        assert offering, f"{model['id']} offers N/A nowhere: nothing to test"
        answers = {}
        for q in questions:
            picks = [c["id"] for c in model["answerSets"][q["answerSet"]]["choices"]] + [None]
            choice = data.draw(st.sampled_from(picks), label=q["id"])
            if choice:
                answers[q["id"]] = {"choice": choice}
        for q in offering:
            with_na = {**answers, q["id"]: {"choice": model["limits"]["notApplicable"]}}
            without = {k: v for k, v in answers.items() if k != q["id"]}
            scored = score_respondent(model, with_na)["overall"]["percent"]
            assert scored == score_respondent(model, without)["overall"]["percent"]
            honest = [score_respondent(model, {**answers, q["id"]: {"choice": c["id"]}})["overall"]["percent"]
                      for c in model["answerSets"][q["answerSet"]]["choices"]]
            if scored is not None:
                assert min(honest) - 1e-9 <= scored <= max(honest) + 1e-9
