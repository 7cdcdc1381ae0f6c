"""A build that outlives MkDocs, proven rather than promised.

* ProperDocs (the maintained fork, what ``make build`` runs) builds the site,
  plugin included, without importing MkDocs;
* plain MkDocs 1.6 builds it too, page for page the same;
* the exported Markdown tree builds with the plugin off, page for page, and with
  Zensical (no plugin, no MkDocs), with every page, every internal link
  resolving, and nothing for axe to find on a page of each kind;
* every built page is valid HTML for the Nu HTML checker.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from conftest import (AUDIT_PARTS, AXE, ROOT, article_text, audit_part, broken_links, build_site, default_build_output,
                      one_page_of_each_kind, run_axe, shared_site, site_pages)

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

def _pages_html(site: Path) -> dict[str, str]:
    """Each page's HTML without the generator tag (it names the engine)."""
    return {p.relative_to(site).as_posix(): re.sub(r'<meta name="generator"[^>]*>', "", p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


def test_properdocs_builds_the_site_without_importing_mkdocs(built_site):
    # The default site is built by ProperDocs' own entry point (conftest.py),
    # which then lists the modules it loaded from the real MkDocs package.
    assert "REAL-MKDOCS-MODULES: \n" in default_build_output()
    assert (built_site / "index.html").is_file() and (built_site / "assessments" / "cx-strategy" / "team" / "index.html").is_file()


def test_plain_mkdocs_builds_the_same_pages(served_site, tmp_path):
    site, url = served_site
    result = build_site(ROOT, tmp_path / "mkdocs-site", engine="mkdocs", site_url=url)
    assert result.returncode == 0, result.stderr[-3000:]
    ours, theirs = _pages_html(site), _pages_html(tmp_path / "mkdocs-site")
    assert sorted(ours) == sorted(theirs)
    different = [page for page in ours if ours[page] != theirs[page]]
    assert not different, different


def test_exported_tree_builds_with_plain_mkdocs(zensical_served, built_site, tmp_path):
    exported = _exported_tree(zensical_served)
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "cx-playbook" not in config.split("plugins:", 1)[1].split("\n\n")[0]
    site = tmp_path / "export-site"
    built = build_site(exported, site)
    assert built.returncode == 0, built.stderr
    ours = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    theirs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert ours == theirs
    page = "moments/test-drive/index.html"
    assert article_text(site / page) == article_text(built_site / page)
    # search stems every language, as in our build (Spanish pages with the Spanish stemmer)
    index = [json.loads((s / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] for s in (site, built_site)]
    assert index[0] == index[1] == ["en", "es"]


def _export_and_build_with_zensical(site: Path, url: str) -> subprocess.CompletedProcess:
    """``cx-playbook export``, then a strict Zensical build of it, moved to ``site``."""
    target = site.parent / "export"
    exported = subprocess.run([sys.executable, "-m", "generator.cli", "export", str(target)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    if exported.returncode != 0:
        return exported
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if not zensical:
        return subprocess.CompletedProcess([], 1, "", "zensical is not installed: run `make test` (it is in the test tools)")
    built = subprocess.run([zensical, "build", "--strict"], cwd=target, capture_output=True, text=True, timeout=300)
    if built.returncode == 0:
        shutil.copytree(target / "site", site, dirs_exist_ok=True)
    return built


@pytest.fixture(scope="session")
def zensical_served():
    """The exported tree built by Zensical once per run, served (any worker may ask)."""
    return shared_site("zensical", _export_and_build_with_zensical)


@pytest.fixture(scope="session")
def zensical_site(zensical_served) -> Path:
    return zensical_served[0]


def _exported_tree(zensical_served) -> Path:
    """The tree ``cx-playbook export`` wrote, that Zensical built (made once per run)."""
    return zensical_served[0].parent / "export"


def test_exported_tree_builds_with_zensical_page_for_page(zensical_site, built_site):
    ours = {p for p in site_pages(built_site) if p != "404.html"}
    theirs = {p for p in site_pages(zensical_site) if p != "404.html"}
    assert theirs == ours


def test_exported_tree_built_by_zensical_has_no_broken_link(zensical_site):
    checked, broken = broken_links(zensical_site)
    assert checked > 500
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


_NAV_LINK = re.compile(r'<a [^>]*class="md-nav__link[^"]*"[^>]*href="([^"#]+)"|<a [^>]*href="([^"#]+)"[^>]*class="md-nav__link')


@pytest.mark.parametrize("page, language", [("es/sources/index.html", "es"), ("sources/index.html", "en")])
def test_exported_tree_built_by_zensical_shows_each_language_its_own_nav(zensical_site, page, language):
    # The nav holds every language's pages; the theme shows the reader's only, with no plugin.
    html = (zensical_site / page).read_text(encoding="utf-8")
    base = "http://host/" + page.removesuffix("index.html")
    targets = {urllib.parse.urljoin(base, a or b).removeprefix("http://host/") for a, b in _NAV_LINK.findall(html)}
    spanish = {t for t in targets if t.startswith("es/")}
    assert len(targets) >= 15
    assert spanish == (targets if language == "es" else set())


def test_exported_tree_built_by_zensical_marks_source_names_english_on_spanish_pages(zensical_site):
    # A name as published stays English (marked for screen readers); what we say about it is Spanish.
    sources = (zensical_site / "es" / "sources" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span lang="en">Marine Retailers Association of the Americas \((<abbr[^>]*>)?MRAA(</abbr>)?\)</span>, '
                     r"una asociación de concesionarios de botes", sources)
    strategy = (zensical_site / "es" / "strategy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]*sources/#drivingsales-alignment"><span lang="en">DrivingSales</span></a>', strategy)


@pytest.mark.browser
@pytest.mark.parametrize("part", range(AUDIT_PARTS))
def test_exported_tree_built_by_zensical_passes_axe(zensical_served, browser, part):
    assert AXE.is_file()
    site, url = zensical_served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    failures = {}
    # Zensical's markup is one template per kind, whatever the language; the
    # content is audited on every page of our own site (tests/test_gate_a11y.py).
    pages = audit_part(one_page_of_each_kind(site, site_pages(site), per_language=False), part)
    try:
        page = context.new_page()
        for path in pages:
            page.goto(url + path, wait_until="load")
            violations = run_axe(page)
            if violations:
                failures[path or "/"] = violations
    finally:
        context.close()
    assert pages and not failures, "\n".join(f"  {p}: {v}" for p, vs in failures.items() for v in vs)


# The one message the checker gives on Material's own markup: its base template
# writes autocomplete="off" on the two checkboxes that toggle the drawer and the
# search (outside any block, so only a whole copy of base.html could change it).
# It is left out only on those two lines.
_MATERIAL_TOGGLES = re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"')
_AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"
_GNU = re.compile(r'^"file:(?P<file>[^"]+)":(?P<line>\d+)\.\d+-\d+\.\d+: error: (?P<message>.*)$')


def _material_toggle(line: str, lines_of) -> bool:
    found = _GNU.match(line)
    if not found or not found["message"].startswith(_AUTOCOMPLETE):
        return False
    return bool(_MATERIAL_TOGGLES.search(lines_of(found["file"])[int(found["line"]) - 1]))


def test_every_built_page_is_valid_html(built_site):
    assert VNU.is_file(), "the Nu HTML checker is missing: run `make test` (npm installs vnu-jar)"
    java = shutil.which("java")
    assert java, "Java is missing: run `make test` as root, or install default-jre-headless"
    # The JIT's first tier only (a short run: the optimising tier cost more CPU than it saved,
    # 9.8 → 4.2 CPU-s here, the same report); that tier needs a deeper stack for the schema.
    result = subprocess.run([java, "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only", "--skip-non-html",
                             "--format", "gnu", str(built_site)],
                            capture_output=True, text=True, timeout=300)
    lines_of = functools.lru_cache(maxsize=None)(lambda file: Path(file).read_text(encoding="utf-8").splitlines())
    reported = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line.replace(str(built_site) + "/", "") for line in reported if not _material_toggle(line, lines_of)]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:30])
    pages = sum(1 for _ in built_site.rglob("*.html"))
    assert len(reported) - len(errors) == 2 * pages, "Material's two toggles, on every page, and nothing else was left out"
