"""Editions published side by side (editions.yml): each built from its own
source into its own folder, a versions.json Material's selector reads, answers
kept apart per edition, and an export from one edition carried into the other
with a word about where it came from."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import MINIMAL, copy_project, serve
from test_assessment_support import answer, choices, model_of, questions, saved

# One worker builds the two editions (the module's fixture) for both tests.
pytestmark = pytest.mark.xdist_group("editions")
# Editions are a matter of the build and the runtime, not of the playbook:
# both are the minimal fixture's content, built in a third of the default's time.
ASSESSMENT = "basic"

EDITIONS = """\
# Two editions: the approved one from a folder holding its content, the draft from this copy.
default: "2026"
editions:
  - name: "2026"
    title: 2026 (approved)
    source: approved
  - name: next
    title: Next (draft)
    source: .
"""


def _cli(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), *args], cwd=project,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def editions_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("editions")
    project = copy_project(tmp / "project", content=MINIMAL)
    approved = project / "approved"
    for folder in ("content", "assessments"):
        shutil.copytree(project / folder, approved / folder)
    (project / "editions.yml").write_text(EDITIONS, encoding="utf-8")
    site = project / "site"
    server, url = serve(site.parent)  # serve the project: the site lives in its site/ folder
    result = _cli(project, "build", env={"CX_SITE_URL": url + "site/"})
    assert result.returncode == 0, result.stderr[-3000:]
    yield project, url + "site/"
    server.shutdown()


def test_each_edition_is_built_into_its_folder_with_versions_json(editions_site):
    project, _ = editions_site
    site = project / "site"
    assert json.loads((site / "versions.json").read_text()) == [
        {"version": "2026", "title": "2026 (approved)", "aliases": []},
        {"version": "next", "title": "Next (draft)", "aliases": []},
    ]
    for edition in ("2026", "next"):
        page = (site / edition / "assessments" / ASSESSMENT / "index.html").read_text(encoding="utf-8")
        assert f"data-cx-edition>{edition}<" in page
        model = json.loads(html.unescape(re.search(r"data-cx-model='([^']*)'", page).group(1)))
        assert model["edition"] == edition
    assert 'url=2026/' in (site / "index.html").read_text(encoding="utf-8")


def test_a_broken_editions_file_is_reported_with_its_line(tmp_path):
    project = copy_project(tmp_path / "p", content=MINIMAL)
    (project / "editions.yml").write_text(EDITIONS.replace('default: "2026"', "default: 2025"), encoding="utf-8")
    result = _cli(project, "build")
    assert result.returncode == 1
    assert "editions.yml:2:1: default: unknown edition '2025' (known: 2026, next)" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()


@pytest.mark.browser
def test_answers_stay_in_their_edition_and_the_selector_lists_both(editions_site, browser, tmp_path):
    _, url = editions_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{url}2026/assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        model = model_of(page)
        q = questions(model)[0]
        answer(page, q["id"], choices(model, q)[1]["label"])
        expect(page.locator("[data-cx-progress-text]")).to_contain_text("1 of")
        # Material's version selector, filled from ../versions.json.
        selector = page.locator(".md-version")
        expect(selector).to_contain_text("2026 (approved)")
        expect(page.locator(".md-version__list")).to_contain_text("Next (draft)")
        with page.expect_download() as info:
            page.get_by_role("button", name="Export JSON").click()
        exported = tmp_path / "from-2026.json"
        info.value.save_as(exported)
        assert json.loads(exported.read_text())["edition"] == "2026"

        page.goto(f"{url}next/assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        expect(page.locator("[data-cx-progress-text]")).to_contain_text("0 of")
        assert sorted(saved(page)) == [f"cx-playbook:/site/2026/:{ASSESSMENT}:answers"]
        page.locator("input[data-cx-import]").set_input_files(str(exported))
        expect(page.locator("[data-cx-message]")).to_contain_text(
            "The file comes from the “2026” edition; it was carried over to this one (“next”).")
        expect(page.locator("[data-cx-progress-text]")).to_contain_text("1 of")
        assert sorted(saved(page)) == [f"cx-playbook:/site/{edition}/:{ASSESSMENT}:answers" for edition in ("2026", "next")]
    finally:
        context.close()
