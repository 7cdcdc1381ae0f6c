"""The renderer is pure: corpus in, pages (path → Markdown) out, no mkdocs."""

from __future__ import annotations

import html
import json
import re
import sys

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus
from generator import pages as site_pages
from generator.render import RenderOptions, build_nav, render_pages

from conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ContentPaths.from_root(ROOT))


def test_render_does_not_import_mkdocs(corpus):
    render_pages(corpus)
    # The core must stay usable when mkdocs is gone (Material's end of life).
    core = [m for m in sys.modules if m.startswith("generator.") and "mkdocs_plugin" not in m]
    for name in core:
        source = getattr(sys.modules[name], "__file__", "") or ""
        if source.endswith(".py"):
            assert not re.search(r"^\s*(from|import) mkdocs", open(source, encoding="utf-8").read(), re.M), name


def test_pages_and_nav_cover_the_same_paths(corpus):
    pages = render_pages(corpus)
    def paths(nav):
        for item in nav:
            for value in item.values():
                yield from (paths(value) if isinstance(value, list) else [value])
    assert sorted(paths(build_nav(corpus))) == sorted(pages)
    assert len(pages) == len(site_pages.FIXED_PAGES) + len(corpus.moments) + 2 * len(corpus.assessments)


def test_every_page_has_a_description(corpus):
    for path, markdown in render_pages(corpus).items():
        front = markdown.split("---", 2)[1]
        assert re.search(r'^description: ".+"$', front, re.M), path


@pytest.mark.parametrize("directory_urls,expected", [
    (True, "../../moments/test-drive/#td-planned-routes"),
    (False, "../moments/test-drive.html#td-planned-routes"),
])
def test_urls_between_built_pages(directory_urls, expected):
    assert site_pages.url("assessments/seven-moments.md", "moments/test-drive.md", "td-planned-routes",
                          directory_urls=directory_urls) == expected


def test_url_to_home_and_strategy():
    assert site_pages.url("assessments/x.md", "index.md") == "../../"
    assert site_pages.url("plays.md", "strategy.md", "st-plan") == "../strategy/#st-plan"
    assert site_pages.url("assessments/x/team.md", "assessments/x.md") == "../"


def test_assessment_model_names_every_recommended_play(corpus):
    pages = render_pages(corpus)
    for assessment in corpus.assessments:
        page = pages[f"assessments/{assessment.id}.md"]
        raw = re.search(r'<div hidden data-cx-model="([^"]*)"></div>', page).group(1)
        model = json.loads(html.unescape(raw))
        wanted = {p for s in assessment.sections for q in s.questions for p in q.plays}
        assert set(model["plays"]) == wanted
        assert model["version"] == assessment.version
        assert model["contentVersion"] == corpus.playbook.version


def test_not_applicable_is_offered_only_where_the_question_allows_it(corpus):
    pages = render_pages(corpus)
    for assessment in corpus.assessments:
        scales = {s.id: s for s in assessment.answer_sets}
        page = pages[f"assessments/{assessment.id}.md"]
        for question in (q for s in assessment.sections for q in s.questions):
            fieldset = page.split(f'data-cx-question="{question.id}"', 1)[1].split("</fieldset>", 1)[0]
            offered = 'value="n/a"' in fieldset
            assert offered == bool(scales[question.answer_set].not_applicable and question.not_applicable), question.id
