"""Gate 4, atomic builds: `cx-playbook build` builds aside and swaps. A build that
fails on bad content leaves the previous site/ byte for byte as it was, says
where the problem is (file:line:col) on stderr and exits non-zero."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, copy_project


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), *args],
                          cwd=project, capture_output=True, text=True, timeout=300)


def _snapshot(site: Path) -> dict[str, str]:
    return {f.relative_to(site).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(site.rglob("*")) if f.is_file()}


def test_a_failed_build_leaves_the_previous_site_untouched_and_a_good_one_replaces_it(tmp_path, built_site):
    project = copy_project(tmp_path / "project", content=MINIMAL)
    site = project / "site"
    shutil.copytree(built_site, site)  # the previous site: the default one, built once per run
    before = _snapshot(site)
    mtimes = {f: f.stat().st_mtime_ns for f in site.rglob("*") if f.is_file()}
    assert "index.html" in before and len(before) > 20

    # A content problem: file:line:col on stderr, the site byte for byte as it was.
    moment = sorted((project / "content" / "moments").glob("*.yml"))[0]
    good = moment.read_text(encoding="utf-8")
    lines = good.splitlines()
    owner_line = next(i for i, line in enumerate(lines) if re.match(r"^\s+owner:\s", line))
    lines[owner_line] = re.sub(r"owner:\s*\S+", "owner: salse", lines[owner_line])
    moment.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failed = _cli(project, "build")
    assert failed.returncode != 0
    expected = rf"content/moments/{moment.name}:{owner_line + 1}:\d+: .*owner: unknown department 'salse'"
    assert re.search(expected, failed.stderr), failed.stderr[-2000:]
    assert "Traceback" not in failed.stderr
    assert _snapshot(site) == before
    assert {f: f.stat().st_mtime_ns for f in site.rglob("*") if f.is_file()} == mtimes
    moment.write_text(good, encoding="utf-8")

    # Broken YAML: its position, and the site as it was.
    playbook = project / "content" / "playbook.yml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text + "\n\tbroken: [\n", encoding="utf-8")
    failed = _cli(project, "build")
    assert failed.returncode != 0
    assert re.search(r"content/playbook\.yml:\d+:\d+: ", failed.stderr), failed.stderr[-2000:]
    assert _snapshot(site) == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-build-") or p.name == "site.old"]
    assert not leftovers, leftovers
    playbook.write_text(text, encoding="utf-8")

    # A good build swaps the new site in whole: nothing of the old one stays.
    stale = site / "stale.html"
    stale.write_text("old", encoding="utf-8")
    second = _cli(project, "build")
    assert second.returncode == 0, second.stderr
    assert not stale.exists(), "the new site was not swapped in whole"
    assert (site / "index.html").is_file()
