"""The site in every language of ``playbook.yml``: the default language at the
root, each translation under ``/<code>/`` with the same pages, nav and links.

Pure, like render.py: the plugin feeds the result to the builder. The
interface's own words (headings, labels, buttons the templates write) come from
``content/<code>/interface.yml``: English text -> this language's.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.corpus import Corpus
from generator.edit_links import edit_links
from generator.files import ContentPaths
from generator.i18n import Translation, prose_of
from generator.models import Assessment
from generator.issues import ContentError, Issue, Location
from generator.loader import load_document
from generator.render import TEMPLATES, RenderOptions, build_nav, render_pages, runtime_word_places

INTERFACE_FILE = "interface.yml"
# Where the interface's English words are: every _("…") of the templates and the renderer.
_MSGID = re.compile(r"""\bN?_\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")


@dataclass
class Site:
    nav: list[Any]
    pages: dict[str, str]
    languages: list[dict[str, str]]  # [{code, name, prefix}], the default first
    # page path -> the address of the file it is written from, in the repository's
    # editor (Material's edit button); empty without repo_url.
    edit_urls: dict[str, str] = field(default_factory=dict)


def interface_words() -> list[str]:
    """Every English text of the interface, in the order first met: the
    templates' and the renderer's, then the browser runtime's."""
    return list(interface_word_places())


def interface_word_places() -> dict[str, tuple[Path, int]]:
    """Each English text of the interface -> the template, renderer or runtime
    file and line where it is first met."""
    found: dict[str, tuple[Path, int]] = {}
    sources = sorted(TEMPLATES.glob("*.j2")) + [Path(__file__).with_name("render.py")]
    for file in sources:
        source = file.read_text(encoding="utf-8")
        for match in _MSGID.finditer(source):
            found.setdefault(re.sub(r"\\(.)", r"\1", match.group(1)), (file, source.count("\n", 0, match.start(1)) + 1))
    for text, place in runtime_word_places().items():
        found.setdefault(text, place)
    return found


def _fields(text: str) -> "set[str] | None":
    """The {placeholders} that str.format fills in ``text``; None when it cannot
    be formatted at all (a lone brace)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def load_interface(paths: ContentPaths, code: str) -> tuple[dict[str, str], list[Issue], list[Issue]]:
    """content/<code>/interface.yml: (wording, errors, report lines for missing words)."""
    file = paths.content_dir / code / INTERFACE_FILE
    display = paths.display(file)
    places = interface_word_places()
    known = list(places)
    if not file.is_file():
        return {}, [], [Issue(Location(display, 1, 1), "", f"missing: the interface's {len(known)} texts are shown in English")]
    doc, issues = load_document(file, display)
    if issues or doc.data is None:
        return {}, issues, []
    if not isinstance(doc.data, dict):
        return {}, [Issue(doc.locate(()), "", "expected a mapping: the interface's English text, then its translation")], []
    wording: dict[str, str] = {}
    errors: list[Issue] = []
    for english, translated in doc.data.items():
        where = doc.locate((english,))
        if not isinstance(english, str) or not isinstance(translated, str) or not translated.strip():
            errors.append(Issue(where, str(english), "expected the English text as the key and its translation as text"))
            continue
        placeholders = _fields(english) or set()
        if _fields(translated) != placeholders:
            shown = ", ".join("{%s}" % name for name in sorted(placeholders)) or "(none)"
            errors.append(Issue(where, english, f"the translation must keep the placeholders {shown} as they are, "
                                                "and write any other brace twice ({{ or }}): the generator fills them in"))
            continue
        # Interface words are labels and attribute values: on one line, so that none
        # can end a raw HTML block in the Markdown page it is written into.
        wording[english] = " ".join(translated.split())
    # Where the English text is written (a .js file's t() call, a template's _()),
    # not line 1 of interface.yml: a translator needs the sentence's context.
    missing = [Issue(Location(paths.display(places[english][0]), places[english][1], 1), english,
                     f"not translated in {display}; shown in English") for english in known if english not in wording]
    return wording, errors, missing


def interface_of(paths: ContentPaths, translations: list[Translation]) -> dict[str, dict[str, str]]:
    """Each language's interface wording; raise ContentError on a broken file."""
    found: dict[str, dict[str, str]] = {}
    errors: list[Issue] = []
    for translation in translations:
        wording, broken, _ = load_interface(paths, translation.language.code)
        errors.extend(broken)
        found[translation.language.code] = wording
    if errors:
        raise ContentError(errors)
    return found


def render_site(corpus: Corpus, translations: list[Translation], interface: dict[str, dict[str, str]],
                options: RenderOptions = RenderOptions()) -> Site:
    """Pages and nav of every language, the translations' under their folder."""
    default = corpus.playbook.languages[0]
    options = replace(options, sources={a.id: a for a in corpus.assessments}, wordings=question_wordings(corpus, translations),
                      edit=edit_links(options.edit_base, corpus) if options.edit_base else None)
    site = Site(nav=build_nav(corpus, options), pages=render_pages(corpus, options),
                languages=[{"code": default.code, "name": default.name, "prefix": ""}])
    site.edit_urls.update(_page_edit_urls(options, ""))
    for translation in translations:
        code = translation.language.code
        local = replace(options, language=code, interface=interface.get(code) or {}, prefix=f"{code}/",
                        untranslated=frozenset(translation.untranslated),
                        edit=edit_links(options.edit_base, translation.corpus, translation.entries) if options.edit_base else None)
        site.pages.update({f"{code}/{path}": markdown for path, markdown in render_pages(translation.corpus, local).items()})
        site.nav.extend(_prefixed(build_nav(translation.corpus, local), f"{code}/"))
        site.languages.append({"code": code, "name": translation.language.name, "prefix": f"{code}/"})
        site.edit_urls.update(_page_edit_urls(local, f"{code}/"))
    return site


def _page_edit_urls(options: RenderOptions, prefix: str) -> dict[str, str]:
    if options.edit is None:
        return {}
    return {prefix + page: url for page in options.edit.page_files if (url := options.edit.page_url(page))}


def question_wordings(corpus: Corpus, translations: list[Translation]) -> dict[str, dict[str, list[str]]]:
    """assessment id -> question id -> its wording in every language (up-to-date translations only:
    an out-of-date one may ask something the English no longer does)."""
    found: dict[str, dict[str, list[str]]] = {}
    for assessment in corpus.assessments:
        found[assessment.id] = {q.id: [q.text] for s in assessment.sections for q in s.questions}
    for translation in translations:
        for key, entries in translation.entries.items():
            if key.name not in found:
                continue
            english = corpus.documents[key]
            current = {p.key: p for p in prose_of(Assessment, english.data)}
            for assessment in translation.corpus.assessments:
                if assessment.id != key.name:
                    continue
                for section in assessment.sections:
                    for question in section.questions:
                        where = f"sections[{section.id}].questions[{question.id}].text"
                        entry = entries.get(where)
                        if entry is not None and where in current and entry.source == current[where].hash:
                            found[key.name][question.id].append(entry.text)
    return found


def _prefixed(nav: Any, prefix: str) -> Any:
    if isinstance(nav, list):
        return [_prefixed(item, prefix) for item in nav]
    if isinstance(nav, dict):
        return {title: _prefixed(value, prefix) for title, value in nav.items()}
    return prefix + nav

