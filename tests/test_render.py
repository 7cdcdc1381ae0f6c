"""The renderer is pure: corpus in, pages (path → Markdown) out, no mkdocs."""

from __future__ import annotations

import html
import json
import re

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus
from generator import pages as site_pages
from generator.render import RenderOptions, build_nav, render_pages

from conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ContentPaths.from_root(ROOT))


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
        raw = re.search(r"<div hidden data-cx-model='([^']*)'></div>", page).group(1)
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


# ---------------------------------------------------------------------------
# Escaping by structure
# ---------------------------------------------------------------------------

TEMPLATES = ROOT / "generator" / "templates"


def test_no_template_marks_anything_safe():
    """Escaping is decided by views and the environments; a template that says
    `|safe` (or builds Markup) would bypass both."""
    offenders = [f"{t.name}:{n}" for t in sorted(TEMPLATES.glob("*.j2"))
                 for n, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\|\s*safe\b|Markup\s*\(|autoescape\s+false", line)]
    assert not offenders, offenders


def test_json_attribute_is_only_ever_written_in_single_quotes():
    """Its JSON keeps its double quotes: in a double-quoted attribute the first one would end it."""
    uses = [(t.name, line) for t in sorted(TEMPLATES.glob("*.j2"))
            for line in t.read_text(encoding="utf-8").splitlines() if re.search(r"\|\s*json_attribute", line)]
    assert uses
    loose = [(name, line) for name, line in uses
             if len(re.findall(r"\|\s*json_attribute", line)) != len(re.findall(r"='\{\{ [^}']*\| json_attribute \}\}'", line))]
    assert not loose, loose


def test_filters_cannot_mark_raw_input_safe(corpus):
    from generator.render import _Renderer

    env = _Renderer(corpus, RenderOptions()).markdown_env
    hostile = "<script>x</script> *em* [a](javascript:alert(1)) {{ 7*7 }}"
    out = env.from_string("{{ text | indent_md }}|{{ text }}").render(text=hostile)
    assert "<script>" not in out and "*em*" not in out and "{{" not in out


@pytest.mark.parametrize("text", ["it's", "a &amp; b &#34;", "</div><script>alert(1)</script>", '"quoted"',
                                  "line\u2028break", "next\x85line\u2029", "¿Qué tal? 🚗", "\\u0027 written out"])
def test_json_in_a_single_quoted_attribute_reads_back_whole(corpus, text):
    """The model rides in data-cx-model='…' (render._json_attribute): what the
    browser's parser reads out of the attribute is the JSON, nothing ends early."""
    from html.parser import HTMLParser

    from generator.render import _compact_html, _Renderer

    env = _Renderer(corpus, RenderOptions()).html_env
    data = {"text": text, "list": [text, {"k": text}]}
    out = env.from_string("<div hidden data-cx-model='{{ data | json_attribute }}'></div><p>after</p>").render(data=data)
    out = _compact_html(out)  # as every fragment is, before it joins its page
    found: list = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Reader().feed(out)
    assert [tag for tag, _ in found] == ["div", "p"], out
    assert json.loads(found[0][1]["data-cx-model"]) == data


def _department_named(name: str, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", project)
    departments = project / "content" / "departments.yml"
    text = departments.read_text(encoding="utf-8")
    departments.write_text(text.replace("name: Sales", f"name: {json.dumps(name)}", 1), encoding="utf-8")
    return load_corpus(ContentPaths.from_root(project))


@pytest.mark.parametrize("name", ["F|I", "Finance & insurance (F&I) <b>", "*Sales* _team_ `x` [y](z)"])
def test_plays_filter_matches_the_table_whatever_the_department_is_called(name, tmp_path):
    """The filter compares each option's text with the table cell's text: a name
    must read the same in both, though one is HTML and the other Markdown."""
    import markdown

    from conftest import MARKDOWN_EXTENSIONS

    page = render_pages(_department_named(name, tmp_path))["plays.md"]
    built = markdown.markdown(page.split("---", 2)[2], extensions=MARKDOWN_EXTENSIONS)
    options = [html.unescape(o) for o in re.findall(r"<option>([^<]*)</option>", built)]
    assert name in options
    rows = re.findall(r"<tr>(.*?)</tr>", built, re.S)
    owners = {html.unescape(re.sub(r"<[^>]+>", "", cells[2])).strip()
              for row in rows[1:] if len(cells := re.findall(r"<td>(.*?)</td>", row, re.S)) == 6}
    assert name in owners


@pytest.mark.parametrize("site_url, warned", [
    ("http://127.0.0.1:8000/", True),      # make serve's default: a printed code would open the editor's laptop
    ("https://cx.example.com/playbook/", False),
])
def test_the_showroom_card_prints_its_address_and_warns_when_it_is_local(corpus, site_url, warned):
    page = render_pages(corpus, RenderOptions(site_url=site_url))["experience-log/lead.md"]
    address = site_url + "experience-log/customer/"
    assert f'<span class="cx-qr__address">{address}</span>' in page
    assert ("This code opens a local address" in page) is warned


def test_without_a_site_url_the_showroom_card_says_how_to_get_its_code(corpus):
    page = render_pages(corpus, RenderOptions(site_url=None))["experience-log/lead.md"]
    assert "QR code to the customer form" not in page and r"Set site\_url in mkdocs\.yml" in page
