"""The real build of the default playbook: pages exist and say what the content says."""

from __future__ import annotations

from generator.files import ContentPaths
from generator.load import load_corpus

from conftest import ROOT


def test_every_page_is_built(built_site):
    corpus = load_corpus(ContentPaths.from_root(ROOT))
    expected = ["index.html", "strategy/index.html", "plays/index.html", "sources/index.html",
                "changelog/index.html", "experience-log/index.html"]
    expected += [f"moments/{m.id}/index.html" for m in corpus.moments]
    expected += [f"assessments/{a.id}/index.html" for a in corpus.assessments]
    missing = [p for p in expected if not (built_site / p).is_file()]
    assert not missing


def test_content_version_is_on_every_page(built_site):
    corpus = load_corpus(ContentPaths.from_root(ROOT))
    pages = list(built_site.rglob("*.html"))
    assert pages
    marker = f"Playbook content version <span data-cx-content-version>{corpus.playbook.version}</span>"
    without = [str(p.relative_to(built_site)) for p in pages if marker not in p.read_text(encoding="utf-8")]
    assert not without
