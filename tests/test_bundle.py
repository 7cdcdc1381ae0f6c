"""The browser runtime ships as bundles built from its sources
(theme/assets/cx/src → theme/assets/cx, `make bundle`, esbuild). The committed
bundles must be what the sources build to today, and only they are published."""

from __future__ import annotations

import subprocess

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


def test_the_inlined_site_style_holds_no_template_syntax():
    """theme/partials/site-styles.html includes the minified site style as a Jinja
    template: a `{#` that minifying happened to write (`{#id{…}}`) would start a
    comment and swallow rules, or stop the build."""
    css = (BUNDLES / "site.css").read_text(encoding="utf-8")
    found = [mark for mark in ("{#", "{{", "{%") if mark in css]
    assert not found, f"theme/assets/cx/site.css contains {found}: reorder or space the rule out in src/site.css"
