"""A build that outlives MkDocs, proven rather than promised.

* ProperDocs (the maintained fork, what ``make build`` runs) builds the site,
  plugin included, without importing MkDocs;
* plain MkDocs 1.6 builds it too, page for page the same;
* the exported Markdown tree builds with Zensical (no plugin, no MkDocs), with
  every page, every internal link resolving, and nothing for axe to find;
* every built page is valid HTML for the Nu HTML checker.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AXE, ROOT, broken_links, build_site, run_axe, serve, site_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Runs ProperDocs' own entry point, then lists modules loaded from the real
# MkDocs package: ProperDocs aliases `mkdocs.*` imports to itself.
_PROPERDOCS = """
import runpy, sys
sys.argv = ["properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", sys.argv[1]]
try:
    runpy.run_module("properdocs", run_name="__main__")
    code = 0
except SystemExit as exit:
    code = exit.code or 0
real = sorted(name for name, module in list(sys.modules.items())
              if "/site-packages/mkdocs/" in (getattr(module, "__file__", None) or ""))
print("REAL-MKDOCS-MODULES:", ",".join(real))
sys.exit(code)
"""


def _pages_html(site: Path) -> dict[str, str]:
    """Each page's HTML without the generator tag (it names the engine)."""
    return {p.relative_to(site).as_posix(): re.sub(r'<meta name="generator"[^>]*>', "", p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run([sys.executable, "-c", _PROPERDOCS, str(site)], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    return site, result


def test_properdocs_builds_the_site_without_importing_mkdocs(properdocs_site):
    site, result = properdocs_site
    assert result.returncode == 0, result.stderr[-3000:]
    assert "REAL-MKDOCS-MODULES: \n" in result.stdout, result.stdout
    assert (site / "index.html").is_file() and (site / "assessments" / "cx-strategy" / "team" / "index.html").is_file()


def test_plain_mkdocs_builds_the_same_pages(properdocs_site, tmp_path):
    site, _ = properdocs_site
    result = build_site(ROOT, tmp_path / "mkdocs-site", engine="mkdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    ours, theirs = _pages_html(site), _pages_html(tmp_path / "mkdocs-site")
    assert sorted(ours) == sorted(theirs)
    different = [page for page in ours if ours[page] != theirs[page]]
    assert not different, different


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, properdocs_site):
    target = tmp_path_factory.mktemp("export")
    exported = subprocess.run([sys.executable, "-m", "generator.cli", "export", str(target)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    assert zensical, "zensical is not installed: run `make test` (it is in the test tools)"
    built = subprocess.run([zensical, "build", "--strict"], cwd=target, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    return target / "site"


def test_exported_tree_builds_with_zensical_page_for_page(zensical_site, properdocs_site):
    ours = {p for p in site_pages(properdocs_site[0]) if p != "404.html"}
    theirs = {p for p in site_pages(zensical_site) if p != "404.html"}
    assert theirs == ours


def test_exported_tree_built_by_zensical_has_no_broken_link(zensical_site):
    checked, broken = broken_links(zensical_site)
    assert checked > 500
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


@pytest.mark.browser
@pytest.mark.xdist_group("zensical")
def test_exported_tree_built_by_zensical_passes_axe(zensical_site, browser):
    assert AXE.is_file()
    server, url = serve(zensical_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    failures = {}
    try:
        page = context.new_page()
        for path in site_pages(zensical_site):
            page.goto(url + path, wait_until="load")
            violations = run_axe(page)
            if violations:
                failures[path or "/"] = violations
    finally:
        context.close()
        server.shutdown()
    assert not failures, "\n".join(f"  {p}: {v}" for p, vs in failures.items() for v in vs)


def test_every_built_page_is_valid_html(built_site):
    assert VNU.is_file(), "the Nu HTML checker is missing: run `make test` (npm installs vnu-jar)"
    java = shutil.which("java")
    assert java, "Java is missing: run `make test` as root, or install default-jre-headless"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu", str(built_site)],
                            capture_output=True, text=True, timeout=300)
    errors = [line.replace(str(built_site) + "/", "") for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 0 and not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:30])
