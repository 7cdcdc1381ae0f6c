"""The caches that make check, build and live preview fast never change what
they produce and never hide a problem: real files, real builds, no timings
(speed lives in `make bench`).

* the loader's fast path gives the same data and the same positions as the
  Python path;
* the build cache: a changed YAML file, or a broken one, is seen by the next
  build, and a damaged entry is built again;
* `serve --dirty`: a save rebuilds the pages whose Markdown changed and leaves
  the others' HTML as it was, unless the nav changed (then every page is rebuilt).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL, ROOT, build_site, copy_project
from generator import cache as caches, loader
from generator.issues import format_path
from generator.loader import load_document


def _slow(text: str):
    """What the pure-Python path records for a text: data and marks."""
    node = loader._compose_in_python(text)
    doc = loader.Document("x.yml")
    issues: list = []
    data = loader._convert(node, (), doc, issues, 0, yaml.constructor.SafeConstructor())
    return data, doc.marks, issues


@pytest.mark.parametrize("file", sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "assessments").glob("*.yml")),
                         ids=lambda f: f.relative_to(ROOT).as_posix())
def test_fast_path_gives_what_the_python_path_gives(file):
    text = file.read_text(encoding="utf-8")
    data, marks, issues = _slow(text)
    assert not issues
    doc, found = load_document(file, "x.yml")
    assert not found and doc.data == data
    assert doc.marks == marks
    for path in list(marks)[:: max(1, len(marks) // 50)]:
        assert doc.locate(path) == loader.Location("x.yml", *marks[path]), format_path(path)


def test_cache_off(monkeypatch):
    monkeypatch.setenv(caches.ENV, "off")
    assert caches.root() is None and caches.templates() is None
    assert caches.rendered_key([ROOT / "content"], "") is None


# ---------------------------------------------------------------------------
# Real builds
# ---------------------------------------------------------------------------


def _build(project: Path, site: Path, cache: Path):
    os.environ[caches.ENV] = str(cache)
    try:
        return build_site(project, site)
    finally:
        os.environ.pop(caches.ENV, None)


def test_the_build_cache_sees_a_changed_file_never_hides_a_problem_and_rebuilds_a_damaged_entry(tmp_path):
    project = copy_project(tmp_path / "p", content=MINIMAL)
    cache = tmp_path / "cache"
    moment = sorted((project / "content" / "moments").glob("*.yml"))[0]
    page = tmp_path / "site" / "moments" / moment.stem / "index.html"

    assert _build(project, tmp_path / "site", cache).returncode == 0
    assert list(cache.glob("builds-*/*.json")), "the build's pages are cached"
    assert _build(project, tmp_path / "site", cache).returncode == 0  # from the cache
    before = page.read_text(encoding="utf-8")

    text = moment.read_text(encoding="utf-8")
    moment.write_text(text.replace("\ntitle: ", "\ntitle: Cached title check, ", 1), encoding="utf-8")
    assert _build(project, tmp_path / "site", cache).returncode == 0
    after = page.read_text(encoding="utf-8")
    assert "Cached title check" in after and "Cached title check" not in before

    moment.write_text(text + "\nunknown_key_for_cache: 1\n", encoding="utf-8")
    result = _build(project, tmp_path / "site2", cache)
    assert result.returncode != 0
    assert f"content/moments/{moment.name}:" in result.stderr and "unknown key 'unknown_key_for_cache'" in result.stderr

    for entry in cache.glob("builds-*/*.json"):
        entry.write_text('{"key": "damaged', encoding="utf-8")
    moment.write_text(text, encoding="utf-8")  # back to a build seen before, its entry damaged: built again
    assert _build(project, tmp_path / "site3", cache).returncode == 0
    assert (tmp_path / "site3" / "moments" / moment.stem / "index.html").read_text(encoding="utf-8") == before


# Dirty builds in one process, as `serve --dirty` runs them (the builder keeps
# plugin instances that define on_startup across rebuilds): a first build, then
# a save of a moment's summary, then a save of its title, each rebuilt.
_DIRTY = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    import properdocs.replacement  # mkdocs.* imports are properdocs.*, as under `properdocs serve`
    from properdocs.commands.build import build
    from properdocs.config import load_config

    project, site, moment = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    os.chdir(project)

    def rebuild(first=False):
        config = load_config(config_file="mkdocs.yml", site_dir=site)
        if first:
            config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    def times():
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in Path(site).rglob("index.html")}

    rebuild(first=True)
    changed = {}
    for step, old, new in (("summary", "\\nsummary: ", "\\nsummary: Dirty summary check. "),
                           ("title", "\\ntitle: ", "\\ntitle: Dirty title check, ")):
        before = times()
        moment.write_text(moment.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        rebuild()
        after = times()
        changed[step] = sorted(p for p in after if after[p] != before.get(p))
        pages = {p: (Path(site) / p).read_text(encoding="utf-8") for p in ("moments/" + moment.stem + "/index.html",
                                                                              "changelog/index.html")}
        changed[step + ":moment"], changed[step + ":changelog"] = pages.values()
    print(json.dumps(changed))
""")


def test_dirty_rebuild_rewrites_only_the_pages_a_save_changes(tmp_path):
    project = copy_project(tmp_path / "p", content=MINIMAL)
    site = tmp_path / "site"
    moment = sorted((project / "content" / "moments").glob("*.yml"))[0]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", caches.ENV: str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", _DIRTY, str(project), str(site), str(moment)],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    steps = json.loads(result.stdout.strip().splitlines()[-1])
    page = f"moments/{moment.stem}/index.html"
    # The summary shows on its moment page (and wherever it is listed), not on every page.
    assert "Dirty summary check." in steps["summary:moment"]
    assert page in steps["summary"]
    assert "changelog/index.html" not in steps["summary"] and "glossary/index.html" not in steps["summary"]
    # A title is in the nav, which every page shows: every page is rebuilt.
    assert "Dirty title check" in steps["title:moment"]
    every = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert set(steps["title"]) == set(every)
    assert "Dirty title check" in steps["title:changelog"]


def test_the_theme_is_the_same_theme_whether_named_relatively_or_absolutely(tmp_path, monkeypatch):
    # The first config of a serve session names custom_dir as written in
    # mkdocs.yml, later ones absolutely: the first save must not rebuild every page.
    from generator.mkdocs_plugin.preview import files_of as _files_of

    (tmp_path / "theme" / "partials").mkdir(parents=True)
    (tmp_path / "theme" / "main.html").write_text("x", encoding="utf-8")
    (tmp_path / "theme" / "partials" / "a.html").write_text("y", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _files_of("theme") == _files_of(str(tmp_path / "theme")) != ()
    assert [entry[0] for entry in _files_of("theme")] == ["main.html", "partials/a.html"]
