"""The real build of the default playbook: every page says what the content says.
(A broken playbook's build: test_gate_atomic.py; the exported tree: test_engines.py.)"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus

from conftest import MINIMAL, ROOT, article_text, build_site, copy_project


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ContentPaths.from_root(ROOT))


def test_check_passes_on_the_default_content():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Content is valid: 7 moments")


def test_moment_pages_show_plays_metrics_and_lenses(built_site, corpus):
    for moment in corpus.moments:
        html = (built_site / "moments" / moment.id / "index.html").read_text(encoding="utf-8")
        text = article_text(built_site / "moments" / moment.id / "index.html")
        for play in moment.plays:
            assert f'id="{play.id}"' in html, play.id
            assert play.title in text
        for metric in moment.metrics:
            assert metric.name in text
        for lens in ("Processes", "Environment", "People"):
            assert lens in text
        description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        assert unescape(description) == " ".join(moment.summary.split())


def test_plays_index_lists_every_play_with_a_working_link(built_site, corpus):
    html = (built_site / "plays" / "index.html").read_text(encoding="utf-8")
    for play_id, ref in corpus.plays.items():
        page = f"../moments/{ref.moment.id}/#{play_id}" if ref.moment else f"../strategy/#{play_id}"
        assert f'href="{page}"' in html, play_id


def test_strategy_page_states_the_figures_with_sources(built_site, corpus):
    text = article_text(built_site / "strategy" / "index.html")
    for figure in corpus.strategy.figures:
        assert figure.value in text
    assert "Sources:" in text


def test_assessment_pages_embed_the_form_and_model(built_site, corpus):
    for assessment in corpus.assessments:
        html = (built_site / "assessments" / assessment.id / "index.html").read_text(encoding="utf-8")
        questions = [q for s in assessment.sections for q in s.questions]
        assert html.count('<fieldset class="cx-question"') == len(questions)
        assert html.count("<legend>") >= len(questions)
        assert "data-cx-model" in html


def test_every_page_is_built(built_site, corpus):
    expected = ["index.html", "strategy/index.html", "plays/index.html", "sources/index.html",
                "changelog/index.html", "experience-log/index.html"]
    expected += [f"moments/{m.id}/index.html" for m in corpus.moments]
    expected += [f"assessments/{a.id}/index.html" for a in corpus.assessments]
    missing = [p for p in expected if not (built_site / p).is_file()]
    assert not missing


def test_content_version_is_on_every_page(built_site, corpus):
    pages = list(built_site.rglob("*.html"))
    assert pages
    # In the page's language: the Spanish pages' footer words come from content/es/interface.yml.
    label = {"es": "Versión del contenido de la guía"}

    def marker(page):
        words = label.get(page.relative_to(built_site).parts[0], "Playbook content version")
        return f"{words} <span data-cx-content-version>{corpus.playbook.version}</span>"
    without = [str(p.relative_to(built_site)) for p in pages if marker(p) not in p.read_text(encoding="utf-8")]
    assert not without


def test_the_playbook_title_names_the_site_everywhere(tmp_path):
    """An editor adapts the playbook in content/playbook.yml only: its title
    becomes the header, every tab title and the home-screen name, although
    mkdocs.yml still says 'Dealership CX Playbook'."""
    project = copy_project(tmp_path / "p", content=MINIMAL)
    playbook = project / "content" / "playbook.yml"
    text = playbook.read_text(encoding="utf-8")
    assert "title: Minimal playbook\n" in text and "languages:" not in text
    # A Spanish edition too (its pages fall back to the English text): the title names it as well.
    playbook.write_text(text.replace("title: Minimal playbook", "title: Smith Motors CX Playbook", 1)
                        + "languages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n", encoding="utf-8")
    site = tmp_path / "site"

    result = build_site(project, site)

    assert result.returncode == 0, result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10 and (site / "es" / "index.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert title == "Smith Motors CX Playbook" or title.endswith(" - Smith Motors CX Playbook"), (page, title)
        assert "Dealership CX Playbook" not in html, page
    home = (site / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<div class="md-header__topic">(.*?)</div>', home, re.S).group(1)
    assert "Smith Motors CX Playbook" in header
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Smith Motors CX Playbook"
