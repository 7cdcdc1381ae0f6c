"""Edit where you read (issue 18, item 6): with repo_url, every play, metric and
question has a small "Edit" link to the YAML line it is written at, and each
page's edit button opens its file; on /es/ they lead to the Spanish file where
the text shown comes from it. Without repo_url there is no edit link at all.

Each link is checked against the file itself: the line it names must be where
that entity starts (English) or where its translated text is (Spanish)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.files import ContentPaths
from generator.load import load_corpus

from conftest import ROOT, build_site, copy_project, serve

REPO = "https://github.com/example-dealer/cx-playbook"
EDITOR = REPO + "/edit/trunk/"
_LABEL = re.compile(r"^(Edit|Editar) (play|metric|question|la acción|el indicador|la pregunta) (\S+)$")
_KIND = {"play": "play", "la acción": "play", "metric": "metric", "el indicador": "metric",
         "question": "question", "la pregunta": "question"}


class _Links(HTMLParser):
    """The edit links of one page: the entity ones (p.cx-edit a) and Material's button."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.entity: list[dict] = []
        self.button: list[str] = []
        self._in_edit = False
        self._open: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "cx-edit" in (attrs.get("class") or "").split():
            self._in_edit = True
        elif tag == "a" and self._in_edit:
            self._open = {**attrs, "text": ""}
        elif tag == "a" and attrs.get("rel") == "edit":
            self.button.append(attrs["href"])

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.entity.append(self._open)
            self._open = None
        elif tag == "p":
            self._in_edit = False


@pytest.fixture(scope="module")
def edit_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("edit") / "project")
    site = project / "site"
    result = build_site(project, site, env={"CX_REPO_URL": REPO, "CX_EDIT_URI": "edit/trunk/docs/"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def _pages(site: Path, spanish: bool) -> dict[str, _Links]:
    found = {}
    for file in sorted(site.rglob("index.html")):
        path = file.relative_to(site).as_posix()
        if path.startswith("es/") == spanish:
            found[path] = _Links(file.read_text(encoding="utf-8"))
    return found


def _file_line(href: str) -> tuple[str, int]:
    assert href.startswith(EDITOR), href
    parts = urlsplit(href)
    match = re.fullmatch(r"L(\d+)", parts.fragment)
    assert match, f"{href}: no line anchor"
    return unquote(parts.path[len(urlsplit(EDITOR).path):]), int(match.group(1))


def _line(file: str, number: int) -> str:
    return (ROOT / file).read_text(encoding="utf-8").splitlines()[number - 1]


def _expected_ids() -> dict[str, set]:
    corpus = load_corpus(ContentPaths.from_root(ROOT))
    return {"play": set(corpus.plays), "metric": set(corpus.metrics),
            "question": {q.id for a in corpus.assessments for q in corpus.questions(a)}}


@pytest.mark.parametrize("spanish", [False, True], ids=["en", "es"])
def test_every_play_metric_and_question_links_to_its_yaml_line(edit_site, spanish):
    seen: dict[str, set] = {"play": set(), "metric": set(), "question": set()}
    for path, links in _pages(edit_site, spanish).items():
        for link in links.entity:
            label = _LABEL.match(link["aria-label"])
            assert label, f"{path}: {link['aria-label']!r} does not say what it edits"
            # The accessible name starts with the words the reader sees (WCAG 2.5.3).
            assert label.group(1) == link["text"] == ("Editar" if spanish else "Edit"), link
            kind, entity = _KIND[label.group(2)], label.group(3)
            seen[kind].add(entity)
            file, number = _file_line(link["href"])
            assert link["title"] == f"{file}, {'línea' if spanish else 'line'} {number}", link
            text = _line(file, number)
            if file.startswith(("content/es/", "assessments/es/")):
                assert spanish, f"{path}: an English page links to the translation {file}"
                key = {"play": f"plays[{entity}].title:", "metric": f"metrics[{entity}].name:",
                       "question": f"].questions[{entity}].text:"}[kind]
                assert key in text, f"{path}: {file}:{number} is {text!r}, not the translation of {kind} {entity}"
            else:
                assert re.fullmatch(rf"\s*- id: {re.escape(entity)}\s*", text), \
                    f"{path}: {file}:{number} is {text!r}, not where {kind} {entity} starts"
    assert seen == _expected_ids()


def test_the_spanish_edition_edits_the_spanish_text(edit_site):
    """Where the Spanish text is shown, its link opens the Spanish file: the
    default content is translated, so every play's link does."""
    spanish = _pages(edit_site, True)
    links = spanish["es/moments/arrival/index.html"].entity
    assert links and all(_file_line(link["href"])[0] == "content/es/moments/arrival.yml" for link in links)
    assert spanish["es/moments/arrival/index.html"].button == [EDITOR + "content/es/moments/arrival.yml"]


@pytest.mark.parametrize("page, file", [
    ("moments/arrival/index.html", "content/moments/arrival.yml"),
    ("strategy/index.html", "content/strategy.yml"),
    ("start-here/index.html", "content/plan.yml"),
    ("assessments/cx-strategy/index.html", "assessments/cx-strategy.yml"),
    ("assessments/cx-strategy/team/index.html", "assessments/cx-strategy.yml"),
    ("es/assessments/cx-strategy/index.html", "assessments/es/cx-strategy.yml"),
    ("glossary/index.html", "content/glossary.yml"),
    ("plays/index.html", None),  # gathered from every file: no one file to edit
])
def test_each_pages_edit_button_opens_its_file(edit_site, page, file):
    links = _Links((edit_site / page).read_text(encoding="utf-8"))
    assert links.button == ([EDITOR + file] if file else [])


def test_without_repo_url_there_is_no_edit_link(built_site):
    for file in built_site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        links = _Links(text)
        assert not links.entity and not links.button, file
        assert "class=\"cx-edit\"" not in text and "class=\"md-source\"" not in text, file


@pytest.mark.browser
def test_edit_links_are_not_printed_and_the_site_asks_no_other_origin(edit_site, browser):
    server, url = serve(edit_site)
    context = browser.new_context()
    foreign: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(url) else foreign.append(r.url))
    try:
        page = context.new_page()
        page.goto(url + "moments/arrival/", wait_until="networkidle")
        edit = page.get_by_role("link", name="Edit play ar-greeting-standard")
        assert edit.is_visible()
        assert page.locator(".md-header a.md-source").is_visible()  # the repository link, without its facts from GitHub's API
        page.emulate_media(media="print")
        assert not edit.is_visible()
        assert not page.locator("a[rel=edit]").is_visible()
    finally:
        context.close()
        server.shutdown()
    assert foreign == []
