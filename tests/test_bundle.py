"""The browser runtime ships as bundles built from its sources
(theme/assets/cx/src → theme/assets/cx, `make bundle`, esbuild). The committed
bundles must be what the sources build to today, and only they are published."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT

BUNDLES = ROOT / "theme" / "assets" / "cx"


def test_committed_bundles_are_built_from_todays_sources(tmp_path):
    result = subprocess.run(["make", "-s", "--no-print-directory", "bundle", f"BUNDLE_OUT={tmp_path}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    committed = {p.name: p.read_bytes() for p in BUNDLES.iterdir() if p.is_file()}
    assert sorted(committed) == sorted(fresh), "run `make bundle` and commit"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"run `make bundle` and commit: {stale}"


def test_the_site_publishes_bundles_not_sources(built_site):
    published = sorted(p.name for p in (built_site / "assets" / "cx").iterdir())
    assert published == sorted(p.name for p in BUNDLES.iterdir() if p.is_file())


@pytest.mark.parametrize("name", sorted(p.name for p in BUNDLES.glob("*.css")))
def test_an_inlined_stylesheet_holds_no_template_syntax(name):
    """Pages include a stylesheet inline as a Jinja template (the site style on
    every page, cx.css on the plays index): a `{#` that minifying happened to
    write (`{#id{…}}`) would start a comment and swallow rules, or stop the build."""
    css = (BUNDLES / name).read_text(encoding="utf-8")
    found = [mark for mark in ("{#", "{{", "{%") if mark in css]
    assert not found, f"theme/assets/cx/{name} contains {found}: reorder or space the rule out in src/{name}"
