"""Real builds: the default playbook with `mkdocs build --strict`, a broken one,
and the exported Markdown tree built by plain mkdocs with our plugin off."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus

from conftest import ROOT, build_site, copy_project


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ContentPaths.from_root(ROOT))


def _text(html_file: Path) -> str:
    """What a reader reads: the article's text, whitespace collapsed."""
    html = html_file.read_text(encoding="utf-8")
    article = html.split("<article", 1)[-1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_check_passes_on_the_default_content():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Content is valid: 7 moments")


def test_moment_pages_show_plays_metrics_and_lenses(built_site, corpus):
    for moment in corpus.moments:
        html = (built_site / "moments" / moment.id / "index.html").read_text(encoding="utf-8")
        text = _text(built_site / "moments" / moment.id / "index.html")
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
    text = _text(built_site / "strategy" / "index.html")
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


def test_a_broken_playbook_fails_the_build_with_file_and_line_and_writes_no_site(tmp_path):
    project = copy_project(tmp_path / "p")
    moment = project / "content" / "moments" / "test-drive.yml"
    text = moment.read_text(encoding="utf-8")
    moment.write_text(text.replace("    owner: sales\n", "    owner: salse\n", 1), encoding="utf-8")
    line = text[: text.index("    owner: sales\n")].count("\n") + 1
    site = tmp_path / "site"

    result = build_site(project, site)

    assert result.returncode != 0
    assert f"content/moments/test-drive.yml:{line}:5:" in result.stderr
    assert "unknown department 'salse'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any(site.iterdir())


def test_exported_tree_builds_with_plain_mkdocs(tmp_path, built_site):
    target = tmp_path / "export"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "export", str(target)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert "cx-playbook" not in config.split("plugins:", 1)[1].split("\n\n")[0]
    site = tmp_path / "export-site"
    built = build_site(target, site)
    assert built.returncode == 0, built.stderr
    ours = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    theirs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert ours == theirs
    assert _text(site / "moments" / "test-drive" / "index.html") == _text(built_site / "moments" / "test-drive" / "index.html")


def test_the_playbook_title_names_the_site_everywhere(tmp_path):
    """An editor adapts the playbook in content/playbook.yml only: its title
    becomes the header, every tab title and the home-screen name, although
    mkdocs.yml still says 'Dealership CX Playbook'."""
    project = copy_project(tmp_path / "p")
    playbook = project / "content" / "playbook.yml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.replace("title: Dealership CX Playbook", "title: Smith Motors CX Playbook", 1),
                        encoding="utf-8")
    site = tmp_path / "site"

    result = build_site(project, site)

    assert result.returncode == 0, result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
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
