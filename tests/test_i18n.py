"""Translations: every page has its twin in each language, with the same ids;
answers given in one language merge with the other's; `check` refuses a
translation that changes an id or a value and reports what an English edit left
out of date. Run on copies of the project in temp folders, as an editor's
working copy would be."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import pages
from generator.answers import read_answers
from generator.files import ContentPaths
from generator.i18n import _model_of as model_of_file
from generator.i18n import load_translations, prose_of, source_hash
from generator.load import load_corpus
from generator.multilingual import interface_of, render_site
from generator.team import read_team_file

from conftest import ROOT, cx_playbook

MODEL = re.compile(r"data-cx-model='([^']*)'")


def project(tmp_path: Path) -> Path:
    """A copy of the project's content (with its translations) to change."""
    for folder in ("content", "assessments"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def check(root: Path) -> subprocess.CompletedProcess:
    return cx_playbook("check", root=root)


def site_of(root: Path):
    paths = ContentPaths.from_root(root)
    corpus = load_corpus(paths)
    translations = load_translations(paths, corpus)
    return corpus, translations, render_site(corpus, translations, interface_of(paths, translations))


def model_of(markdown: str) -> dict:
    return json.loads(html.unescape(MODEL.search(markdown).group(1)))


def translate(root: Path, english: str, translation: str, texts: dict[str, str]) -> None:
    """Write a translation file with these keys' texts, each stamped with today's English."""
    paths = ContentPaths.from_root(root)
    corpus = load_corpus(paths)
    key, doc = next((k, d) for k, d in corpus.documents.items() if d.file == english)
    prose = {p.key: p for p in prose_of(model_of_file(key), doc.data)}
    file = root / translation
    file.parent.mkdir(parents=True, exist_ok=True)
    entries = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}) if file.is_file() else {}
    entries.update({key: {"source": prose[key].hash, "text": text} for key, text in texts.items()})
    file.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


QUESTION = "sections[arrival].questions[ar-greet].text"
SPANISH = "¿Qué tan pronto saluda alguien a un cliente que entra, y cómo?"


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("i18n"))
    translate(root, "assessments/seven-moments.yml", "assessments/es/seven-moments.yml", {QUESTION: SPANISH})
    # One text left untranslated: the arrival moment's title.
    arrival = root / "content/es/moments/arrival.yml"
    entries = yaml.safe_load(arrival.read_text(encoding="utf-8"))
    del entries["title"]
    arrival.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, *site_of(root)


def test_every_page_has_its_twin_in_each_language(translated):
    _, corpus, translations, site = translated
    english = {p for p in site.pages if not p.startswith("es/")}
    assert [t.language.code for t in translations] == ["es"]
    assert {p for p in site.pages if p.startswith("es/")} == {f"es/{p}" for p in english}
    assert len(english) >= 15


@pytest.mark.parametrize("assessment", ["seven-moments", "cx-strategy"])
@pytest.mark.parametrize("page", [pages.assessment_path, pages.team_path])
def test_translated_assessment_pages_carry_the_same_ids(translated, assessment, page):
    _, _, _, site = translated
    path = page(assessment)
    en, es = model_of(site.pages[path]), model_of(site.pages[f"es/{path}"])

    def ids(model):
        return ([(s["id"], q["id"], q["answerSet"], q["weight"], q["fingerprint"]) for s in model["sections"]
                 for q in s["questions"]],
                {k: [(c["id"], c["score"]) for c in v["choices"]] for k, v in model["answerSets"].items()})

    assert ids(en) == ids(es)
    # and the form carries the same input names and values
    names = re.compile(r'name="([^"]+)" value="([^"]+)"')
    assert names.findall(site.pages[path]) == names.findall(site.pages[f"es/{path}"])


def test_the_spanish_question_is_in_spanish_and_knows_its_english_wording(translated):
    _, corpus, _, site = translated
    es = model_of(site.pages[f"es/{pages.team_path('seven-moments')}"])
    en = model_of(site.pages[pages.team_path("seven-moments")])
    q_es = next(q for s in es["sections"] for q in s["questions"] if q["id"] == "ar-greet")
    q_en = next(q for s in en["sections"] for q in s["questions"] if q["id"] == "ar-greet")
    assert q_es["text"] == SPANISH and q_en["wordings"] == [SPANISH] and q_es["wordings"] == [q_en["text"]]


def export_from(model: dict, n: int, department: str) -> str:
    """An export as the page writes it: answers and the questionnaire as the respondent saw it."""
    questions = [q for s in model["sections"] for q in s["questions"]]
    answers = {q["id"]: {"choice": model["answerSets"][q["answerSet"]]["choices"][(i + n) % 2]["id"]}
               for i, q in enumerate(questions)}
    return json.dumps({
        "format": "cx-playbook-assessment", "formatVersion": 2,
        "assessment": {"id": model["id"], "version": model["version"], "title": model["title"]},
        "contentVersion": model["contentVersion"], "exportedAt": f"2026-03-0{n}T10:00:00.000Z",
        "respondent": {"id": f"r-test{n:08d}"}, "profile": {"department": department},
        "answers": answers,
        "questionnaire": {"version": model["version"],
                          "questions": {q["id"]: {"text": q["text"], "choices": q["fingerprint"]} for q in questions}},
    }, ensure_ascii=False)


def test_a_spanish_export_merges_with_english_ones(translated, tmp_path):
    root, _, _, site = translated
    es = model_of(site.pages[f"es/{pages.team_path('seven-moments')}"])
    en = model_of(site.pages[pages.team_path("seven-moments")])
    files = {"es.json": export_from(es, 1, "service"), "en-1.json": export_from(en, 2, "sales"),
             "en-2.json": export_from(en, 3, "leadership")}
    # Only a question whose Spanish wording is out of date (the English changed since it was
    # translated) may ask something else: answers to it are to be confirmed, as after any rewording.
    en_questions = {q["id"]: q for s in en["sections"] for q in s["questions"]}
    out_of_date = sorted(q["id"] for s in es["sections"] for q in s["questions"]
                         if q["text"] != en_questions[q["id"]]["text"] and q["text"] not in en_questions[q["id"]]["wordings"])
    for reader in (en, es):  # the team view in either language
        for name, text in files.items():
            read = read_team_file(name, text, reader)
            assert read["ok"], read
        for name, text in files.items():
            result = read_answers(text, reader)
            state, report = result["state"], result["report"]
            expected = out_of_date if (reader is en and name == "es.json") else []
            assert sorted(r["id"] for r in report["reworded"]) == expected, name
            assert report["choicesChanged"] == [], name
            assert sorted(k for k, a in state["answers"].items() if a.get("unconfirmed")) == expected
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = cx_playbook("team", tmp_path, root=root)
    assert run.returncode == 0, run.stderr
    version = yaml.safe_load((ROOT / "assessments" / "seven-moments.yml").read_text(encoding="utf-8"))["version"]
    assert f"Merged 3 respondents from 3 files (seven-moments {version}); refused 0." in run.stderr


def test_a_question_reworded_in_english_is_still_seen_as_reworded(translated):
    _, _, _, site = translated
    en = model_of(site.pages[pages.team_path("seven-moments")])
    data = json.loads(export_from(en, 1, "sales"))
    data["questionnaire"]["questions"]["ar-greet"]["text"] = "An older wording of the greeting question?"
    report = read_answers(json.dumps(data), en)["report"]
    assert [r["id"] for r in report["reworded"]] == ["ar-greet"]


@pytest.mark.parametrize("key, expected", [
    ("plays[saludo-estandar].title", "unknown id 'saludo-estandar' under plays"),
    ("plays[ar-greeting-standard].owner", "not text to translate: ids, keys, scores, weights"),
    ("order", "not text to translate"),
    ("titulo", "no such text in content/moments/arrival.yml"),
])
def test_check_refuses_a_translation_that_changes_an_id_or_a_value(tmp_path, key, expected):
    root = project(tmp_path)
    file = root / "content/es/moments/arrival.yml"
    file.parent.mkdir(parents=True, exist_ok=True)
    # The entry records the hash of the English it translates (the play's title): a translator
    # who changed the id or the key, not an English text that went away.
    english = yaml.safe_load((root / "content/moments/arrival.yml").read_text(encoding="utf-8"))
    title = next(p["title"] for p in english["plays"] if p["id"] == "ar-greeting-standard")
    file.write_text(f'title:\n  source: "{"0" * 8}"\n  text: Llegada\n{key}:\n  source: "{source_hash(title)}"\n  text: Ventas\n',
                    encoding="utf-8")
    run = check(root)
    assert run.returncode == 1
    line = next(l for l in run.stderr.splitlines() if l.startswith("content/es/moments/arrival.yml:4:1:"))
    assert f" {key}: {expected}" in line, run.stderr


def test_check_reports_a_stale_translation_after_an_english_edit(tmp_path):
    root = project(tmp_path)
    translate(root, "content/moments/arrival.yml", "content/es/moments/arrival.yml",
              {"plays[ar-greeting-standard].title": "Un saludo en el primer minuto"})
    before = check(root)
    assert before.returncode == 0, before.stderr
    assert "content/es/moments/arrival.yml" not in before.stdout.split("out of date")[0] or "0 out of date" in before.stdout
    english = root / "content/moments/arrival.yml"
    text = english.read_text(encoding="utf-8")
    old = re.search(r"id: ar-greeting-standard\n\s+title: (.+)\n", text).group(1)
    english.write_text(text.replace(f"title: {old}", "title: A greeting within thirty seconds", 1), encoding="utf-8")
    after = check(root)
    assert after.returncode == 0, after.stderr  # stale is reported, never an error
    stale = [l for l in after.stdout.splitlines() if "out of date: the English text changed" in l
             and "content/es/moments/arrival.yml" in l and "plays[ar-greeting-standard].title:" in l]
    assert len(stale) == 1
    where = re.match(r"content/es/moments/arrival\.yml:(\d+):1: plays\[ar-greeting-standard\]\.title:", stale[0].strip())
    assert where, stale[0]
    line = (root / "content/es/moments/arrival.yml").read_text(encoding="utf-8").splitlines()[int(where.group(1)) - 1]
    assert line == "plays[ar-greeting-standard].title:"  # the line named is the entry's own
    assert f"source: \"{source_hash('A greeting within thirty seconds')}\"" in stale[0]
    before_count = int(re.search(r"(\d+) out of date", before.stdout).group(1))
    assert re.search(rf"{before_count + 1} out of date", after.stdout)


def test_a_missing_translation_shows_the_english_marked_as_english(translated):
    _, corpus, _, site = translated
    page = site.pages["es/" + pages.moment_path("arrival")]
    assert '# 2. <span lang="en">Coming into the dealership</span>' in page
    # the translated rest is not marked, but for the names of the sources it cites (kept as published)
    marked = re.findall(r'<span lang="en">(.*?)</span>', page.split("\n# ", 1)[1].split("\n", 1)[1])
    names = {n for s in corpus.sources for n in (s.title, s.publisher, s.author) if n}
    assert marked and {m.replace("\\", "") for m in marked} <= names
    # the translated question is not marked; its untranslated neighbours are
    form = site.pages["es/" + pages.assessment_path("seven-moments")]
    assert SPANISH.replace("¿", "") in html.unescape(form)


def test_diff_reports_what_an_english_edit_leaves_out_of_date(tmp_path):
    base = project(tmp_path / "base")
    translate(base, "content/moments/arrival.yml", "content/es/moments/arrival.yml",
              {"plays[ar-greeting-standard].title": "Un saludo en el primer minuto"})
    head = project(tmp_path / "head")
    shutil.copy(base / "content/es/moments/arrival.yml", head / "content/es/moments/arrival.yml")
    english = head / "content/moments/arrival.yml"
    text = english.read_text(encoding="utf-8")
    old = re.search(r"id: ar-greeting-standard\n\s+title: (.+)\n", text).group(1)
    english.write_text(text.replace(f"title: {old}", "title: A greeting within thirty seconds", 1), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(head), "diff", str(base)],
                         capture_output=True, text=True, cwd=ROOT)
    report = run.stdout.split("\nTranslations\n", 1)[1].splitlines()
    assert report[0].strip().startswith("es (Español): 0 changed, 0 added, 0 removed; 1 now out of date")
    assert re.match(r"! content/es/moments/arrival\.yml:\d+:1: plays\[ar-greeting-standard\]\.title: out of date after this change",
                    report[1].strip()), report[1]
    assert f'"{old[:20]}' in report[1] and '-> "A greeting within thirty seconds"' in report[1]


def test_an_entry_whose_english_text_is_gone_is_reported_obsolete_not_an_error(tmp_path):
    root = project(tmp_path)
    file = root / "content/es/moments/arrival.yml"
    file.write_text(file.read_text(encoding="utf-8") + 'plays[ar-old-play].title:\n  source: "0a0b0c0d"\n  text: Una acción retirada\n',
                    encoding="utf-8")
    run = check(root)
    assert run.returncode == 0, run.stderr
    assert re.search(r"content/es/moments/arrival\.yml:\d+:1: plays\[ar-old-play\]\.title: obsolete: the English file no longer has this text",
                     run.stdout)
    assert re.search(r"\d+ obsolete\.", run.stdout)


# ---------------------------------------------------------------------------
# Names of English works on a translated page, over the real build
# ---------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "li", "td", "th", "tr", "caption", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}


class _EnglishRuns(HTMLParser):
    """An article's text with every run inside an element marked lang="en" in [[ ]]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []
        self.english = False

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag not in _VOID:
            lang = dict(attrs).get("lang")
            self.stack.append((self.stack[-1] if self.stack else False) if lang is None else lang == "en")
            self._mark()

    def handle_endtag(self, tag):
        if tag not in _VOID and self.stack:
            self.stack.pop()
            self._mark()
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)

    def _mark(self):
        english = bool(self.stack and self.stack[-1])
        if english != self.english:
            self.parts.append("[[" if english else "]]")
            self.english = english


def english_runs(page: Path) -> str:
    """The page's article as text (whitespace collapsed), English runs in [[ ]]."""
    article = page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    parser = _EnglishRuns()
    parser.feed("<article" + article + "</article>")
    return " ".join("".join(parser.parts).split())


@pytest.fixture(scope="module")
def real_corpora():
    paths = ContentPaths.from_root(ROOT)
    corpus = load_corpus(paths)
    return corpus, load_translations(paths, corpus)[0].corpus


def _names(source) -> list[str]:
    return [n for n in (source.title, source.publisher, source.author) if n]


def _notes(source) -> list[str]:
    return [n for n in (source.title_note, source.publisher_note, source.author_note) if n]


def test_source_names_are_marked_english_and_our_notes_are_translated_on_the_built_page(built_site, real_corpora):
    english, spanish = real_corpora
    es = english_runs(built_site / "es" / "sources" / "index.html")
    en = english_runs(built_site / "sources" / "index.html")
    # every name of a work, publisher or author is a run of its own marked as English, followed by
    # what we say about it, in Spanish and unmarked; none of the English wording is left
    for was, now in zip(english.sources, spanish.sources):
        assert _notes(was) != _notes(now) or not _notes(was)
        for name, note in ((now.title, now.title_note), (now.publisher, now.publisher_note), (now.author, now.author_note)):
            if name or note:
                assert (f"[[{name}]], {note}" if name and note else f"[[{name}]]" if name else note) in es
        assert not [note for note in _notes(was) if " " in note and note in es]
    assert ("[[Marine Retailers Association of the Americas (MRAA)]], una asociación de concesionarios de botes "
            "· [[Theresa Syer]], citada; el artículo es del personal de la MRAA") in es
    # a source with no headline and no publisher's name is described, in Spanish, by its notes
    assert "Blog del sector de concesionarios (nuestra copia no dice quién lo publica)" in es
    # the English page marks nothing and keeps its own notes
    assert "[[" not in en
    assert "Marine Retailers Association of the Americas (MRAA), a trade body for boat dealers" in en


def test_citations_on_spanish_pages_mark_the_names_as_english(built_site):
    strategy = english_runs(built_site / "es" / "strategy" / "index.html")
    assert "Fuentes: [[Marine Retailers Association of the Americas (MRAA)]];" in strategy
    assert "[[DrivingSales]]; Blog del sector de concesionarios (nuestra copia no dice quién lo publica)" in strategy
    arrival = english_runs(built_site / "es" / "moments" / "arrival" / "index.html")
    assert ("[[J.D. Power and Associates 2006 Sales Satisfaction Index (SSI) Study]], hallazgos según los publicó "
            "la prensa del sector, noviembre de 2006, [[J.D. Power and Associates]], 2006") in arrival


def test_dealership_words_kept_in_english_are_in_the_glossary_and_in_the_spanish_text(built_site, real_corpora):
    english, _ = real_corpora
    assert {w.term for w in english.glossary.words} >= {"lead", "lease"}
    files = [*(ROOT / "content" / "es").rglob("*.yml"), *(ROOT / "assessments" / "es").rglob("*.yml")]
    texts = " ".join(entry["text"] for f in files for entry in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).values()
                     if isinstance(entry, dict))
    for word in english.glossary.words:
        assert re.search(rf"\b{word.term}s?\b", texts), f"{word.term} is not used in the Spanish text"
    glossary = english_runs(built_site / "es" / "glossary" / "index.html")
    assert "[[lead]] Una persona que mostró interés en un auto" in glossary
    assert "[[lease]] Una forma de manejar un auto nuevo sin comprarlo (arrendamiento)." in glossary
    assert "[[" not in english_runs(built_site / "glossary" / "index.html")


def test_an_out_of_date_question_is_asked_in_english_until_its_translation_catches_up(tmp_path):
    """A stale Spanish question would ask what the English no longer does (60 seconds, not 30),
    and its answers would count as answers to the new wording: the English is asked instead,
    marked as English, and check still lists the entry as out of date."""
    root = project(tmp_path)
    english = root / "assessments" / "seven-moments.yml"
    old = "How often is a visitor greeted by an employee within 60 seconds of walking in?"
    new = "How often is a visitor greeted by an employee within 30 seconds of walking in?"
    english.write_text(english.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    _, _, site = site_of(root)
    page = site.pages[f"es/{pages.assessment_path('seven-moments')}"]
    es = model_of(page)
    asked = {q["id"]: q["text"] for s in es["sections"] for q in s["questions"]}
    assert asked["ar-greet"] == new
    assert re.search(r'<[^>]+lang="en"[^>]*>[^<]*' + re.escape(html.escape(new, quote=False)), page)
    assert "60 segundos" not in page.split('data-cx-model=')[0]
    run = check(root)
    assert run.returncode == 0 and "questions[ar-greet].text: out of date" in run.stdout
    assert "the assessment shows the English until then" in run.stdout
