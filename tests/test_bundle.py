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
