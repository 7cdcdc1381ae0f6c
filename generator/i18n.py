"""Translations: the playbook in another language, from files beside the English ones.

A translation file mirrors one English file (``content/es/moments/arrival.yml``
translates ``content/moments/arrival.yml``; ``assessments/es/<id>.yml``
translates ``assessments/<id>.yml``) and holds prose only, one entry per text,
keyed by where the text is in the English file, with lists of entities keyed by
their ids::

    plays[ar-greeting-standard].title:
      source: 3f2a91c0          # the English text this translates (a short hash of it)
      text: Un saludo en los primeros 30 segundos

Ids, keys, scores, weights, order and every other value come from the English
file; a translation can only replace a text field (the kind ``fields.py``
declares), so an entry for an id, a key or a number that is not prose is an
error, as is an id the English file does not have. Each entry records the hash
of the English text it translates: when the English changes, the translation is
*stale* (still shown, and reported), and a text with no entry is *missing*
(shown in English, marked ``lang="en"``). :func:`load_translations` returns one
:class:`Translation` per language besides the default: a Corpus in that
language, the texts it shows in English, and its report.
"""

from __future__ import annotations

import copy
import os
import difflib
import hashlib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from generator import models
from generator.corpus import Corpus
from generator.fields import TextKind, kind_of
from generator.files import FOLDER_KINDS, OPTIONAL_FILES, SINGLE_FILES, ContentPaths, DocKey, DocKind

# Every file of its own (content/context.yml may be absent), by kind.
_FILES = {**SINGLE_FILES, **OPTIONAL_FILES}
from generator.issues import ContentError, Issue, Location
from generator.loader import Document, load_document
from generator.model_errors import issues_from_validation_error

HASH_LENGTH = 8
HASH_PATTERN = re.compile(r"^[0-9a-f]{8}$")

# Names of English works, quoted as published: never translated, and shown on a
# page in another language inside an element marked ``lang="en"``. What we say
# about a source in our own words is in its ``*_note`` fields, translated.
KEPT_IN_ENGLISH: frozenset[tuple[type[BaseModel], str]] = frozenset({
    (models.Source, "title"), (models.Source, "publisher"), (models.Source, "author"),
})

# Text fields that are never translated: names of works and of the organisation,
# the changelog (a record of what was published), and the recorded wording of
# retired questions (old answers are explained with the words they were given to).
NOT_TRANSLATED: frozenset[tuple[type[BaseModel], str]] = KEPT_IN_ENGLISH | frozenset({
    (models.Playbook, "organization"), (models.ChangelogEntry, "changes"), (models.Language, "name"),
    (models.RetiredQuestion, "text"), (models.RetiredQuestion, "reason"),
    # Notes for editors and the answer migration, never shown as the page's text:
    (models.Question, "same_meaning_as"), (models.Choice, "same_meaning_as"), (models.Play, "not_assessed"),
})



class TranslationEntry(BaseModel):
    """One translated text (for the JSON Schema editors validate with; the loader checks the same)."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(pattern=HASH_PATTERN.pattern,
                        description="The short hash of the English text this translates (cx-playbook translate LANG prints it).")
    text: str = Field(min_length=1, description="The translation, in the same kind of text as the English (Markdown where it is).")


TranslationFile = RootModel[dict[str, TranslationEntry]]
TranslationFile.__doc__ = ("A translation of one English file: each key is where a text is in the English file "
                           "(title, plays[some-id].summary, steps[0]), with the translation and the hash of the English.")
InterfaceFile = RootModel[dict[str, str]]
InterfaceFile.__doc__ = "The interface's words in one language: the English text as the generator writes it, then its translation."

_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[([^\[\]]*)\]|\.")


def source_hash(text: str) -> str:
    """The short hash a translation records of the English text it translates.
    Reflowing a paragraph does not change it; changing a word does."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    normal = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


# ---------------------------------------------------------------------------
# The prose of an English file
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prose:
    """One translatable text of an English file."""

    key: str          # plays[ar-greeting-standard].steps[0]
    path: tuple       # the same in the data: ("plays", 3, "steps", 0)
    text: str
    kind: TextKind

    @property
    def hash(self) -> str:
        return source_hash(self.text)


def prose_of(model: type[BaseModel], data: Any) -> list[Prose]:
    """Every translatable text of one English file's data, in file order."""
    found: list[Prose] = []
    if isinstance(data, dict):
        _walk(model, data, (), "", found)
    return found


def _walk(model: type[BaseModel], data: dict, path: tuple, key: str, out: list[Prose]) -> None:
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        here = f"{key}.{name}" if key else name
        kind = kind_of(model, name)
        if kind is not None:
            if (model, name) in NOT_TRANSLATED:
                continue
            if isinstance(value, str):
                out.append(Prose(here, path + (name,), value, kind))
            elif isinstance(value, list):
                out.extend(Prose(f"{here}[{i}]", path + (name, i), item, kind)
                           for i, item in enumerate(value) if isinstance(item, str))
            continue
        sub = _entity_class(info.annotation)
        if sub is None or (sub, "*") in NOT_TRANSLATED:
            continue
        if isinstance(value, dict):
            _walk(sub, value, path + (name,), here, out)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    label = item.get("id") if isinstance(item.get("id"), str) else str(i)
                    _walk(sub, item, path + (name, i), f"{here}[{label}]", out)


def _entity_class(annotation: Any) -> Optional[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _entity_class(arg)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


def english_file(paths: ContentPaths, key: DocKey) -> Path:
    if key.kind in _FILES:
        return paths.single_file(key.kind)
    return paths.folder(key.kind) / f"{key.name}.yml"


def translation_file(paths: ContentPaths, code: str, key: DocKey) -> Path:
    """Where the translation of one English file into ``code`` lives."""
    if key.kind is DocKind.ASSESSMENT:
        return paths.assessments_dir / code / f"{key.name}.yml"
    if key.kind is DocKind.MOMENT:
        return paths.content_dir / code / "moments" / f"{key.name}.yml"
    return paths.content_dir / code / _FILES[key.kind][0]


def _model_of(key: DocKey) -> type[BaseModel]:
    return _FILES[key.kind][1] if key.kind in _FILES else FOLDER_KINDS[key.kind]


@dataclass(frozen=True)
class Entry:
    """One translated text as its file holds it."""

    key: str
    text: str
    source: str
    location: Location


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass
class Report:
    """How complete one language is: counts, and one line per text to look at."""

    code: str
    name: str
    total: int = 0
    current: int = 0
    stale: list[Issue] = field(default_factory=list)
    missing: list[Issue] = field(default_factory=list)
    missing_count: int = 0  # texts shown in English (a missing file counts all its texts)
    obsolete: list[Issue] = field(default_factory=list)  # entries whose English text is gone

    def lines(self) -> list[str]:
        head = (f"Translation {self.code} ({self.name}): {self.current} of {self.total} texts up to date, "
                f"{len(self.stale)} out of date, {self.missing_count} missing (shown in English)"
                + (f", {len(self.obsolete)} obsolete." if self.obsolete else "."))
        return [head, *(f"  {i.format()}" for i in sorted(self.stale) + sorted(self.missing) + sorted(self.obsolete))]


@dataclass
class Translation:
    """The playbook in one language besides the default."""

    language: models.Language
    corpus: Corpus
    # (id(entity), field) or (id(entity), field, index): texts shown in English.
    untranslated: set[tuple] = field(default_factory=set)
    report: Report = None  # type: ignore[assignment]
    # English text -> this language's current translation of it (questions' wording
    # in every language, for answers given in one language and read in another).
    entries: dict[DocKey, dict[str, Entry]] = field(default_factory=dict, repr=False)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def load_translations(paths: ContentPaths, corpus: Corpus) -> list[Translation]:
    """One Translation per language after the first in playbook.yml; raise
    :class:`ContentError` with every problem of every translation file."""
    issues: list[Issue] = []
    found = [_load_language(paths, corpus, language, issues) for language in corpus.playbook.languages[1:]]
    if issues:
        raise ContentError(issues)
    return [t for t in found if t is not None]


def _load_language(paths: ContentPaths, corpus: Corpus, language: models.Language,
                   issues: list[Issue]) -> Optional[Translation]:
    code = language.code
    report = Report(code, language.name)
    entities: dict[DocKey, Any] = {}
    missing_paths: dict[DocKey, list[tuple]] = {}
    all_entries: dict[DocKey, dict[str, Entry]] = {}
    before = len(issues)
    for key, doc in sorted(corpus.documents.items()):
        model = _model_of(key)
        prose = prose_of(model, doc.data)
        report.total += len(prose)
        file = translation_file(paths, code, key)
        display = paths.display(file)
        if not file.is_file():
            missing_paths[key] = [p.path for p in prose]
            report.missing_count += len(prose)
            if prose:
                report.missing.append(Issue(Location(display, 1, 1), "",
                                            f"missing: the {len(prose)} texts of {doc.file} are shown in English"))
            entities[key] = _validate(model, doc, copy.deepcopy(doc.data), issues, display)
            continue
        entries = _read_entries(file, display, doc, prose, issues, report.obsolete)
        all_entries[key] = entries
        data = copy.deepcopy(doc.data)
        missing_paths[key] = []
        for item in prose:
            entry = entries.get(item.key)
            if entry is None:
                missing_paths[key].append(item.path)
                report.missing_count += 1
                report.missing.append(Issue(doc.locate(item.path), item.key,
                                            f"not translated into {code} (add it to {display}); shown in English"))
                continue
            if entry.source == item.hash:
                _set(data, item.path, entry.text)
                report.current += 1
                continue
            # An out-of-date question or choice would ask what the English no longer asks, and
            # its answers would be merged as answers to the new wording: the English is shown
            # (marked lang="en") until the translation is brought up to date. Elsewhere the old
            # translation reads better than a switch of language mid-page.
            asked = key.kind is DocKind.ASSESSMENT
            if asked:
                missing_paths[key].append(item.path)
            else:
                _set(data, item.path, entry.text)
            report.stale.append(Issue(entry.location, item.key,
                                      f"out of date: the English text changed since this was translated "
                                      f"(now at {doc.locate(item.path)}: \"{_excerpt(item.text)}\"; "
                                      f"then set source: \"{item.hash}\")"
                                      + ("; the assessment shows the English until then" if asked else "")))
        entities[key] = _validate(model, doc, data, issues, display)
    if len(issues) > before or any(e is None for e in entities.values()):
        return None
    translated = _corpus(corpus, entities)
    untranslated: set[tuple] = set()
    for key, missing in missing_paths.items():
        for path in missing:
            untranslated.add(_mark(entities[key], path))
    untranslated |= _english_names(translated.sources)
    return Translation(language, translated, untranslated, report, all_entries)


def _english_names(value: Any) -> set[tuple]:
    """(id(entity), field) of every KEPT_IN_ENGLISH text under ``value``: shown, like an
    untranslated text, inside an element marked as English."""
    found: set[tuple] = set()
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if (type(value), name) in KEPT_IN_ENGLISH:
                if isinstance(item, str):
                    found.add((id(value), name))
            else:
                found |= _english_names(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            found |= _english_names(item)
    return found


def _renamed_to(key: str, data: Any) -> Optional[str]:
    """``key`` with each id that the English file renamed (the old id listed under
    the new one's ``replaces``) given its new name."""
    renames: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str) and isinstance(node.get("replaces"), list):
                renames.update({old: node["id"] for old in node["replaces"] if isinstance(old, str)})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return re.sub(r"\[([^\]]+)\]", lambda m: f"[{renames.get(m.group(1), m.group(1))}]", key)


def _read_entries(file: Path, display: str, english: Document, prose: list[Prose],
                  issues: list[Issue], obsolete: Optional[list[Issue]] = None) -> dict[str, Entry]:
    """The entries of a translation file. A key the English file does not have is an
    error (an id or key changed by the translator) unless what it translated is gone
    from the English file altogether: then it goes to ``obsolete``, when given."""
    doc, found = load_document(file, display)
    issues.extend(found)
    if found or doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        issues.append(Issue(doc.locate(()), "", f"expected a mapping of texts at the top, got {type(doc.data).__name__} "
                                                f"(one entry per text: its key in {english.file}, then source and text)"))
        return {}
    known = {p.key: p for p in prose}
    entries: dict[str, Entry] = {}
    for key, value in doc.data.items():
        where = doc.locate((key,))
        if not isinstance(key, str):
            issues.append(Issue(where, str(key), "expected a text's key, such as 'title' or 'plays[some-id].summary'"))
            continue
        if key not in known:
            why = _why_unknown(key, english, known)
            source = value.get("source") if isinstance(value, dict) else None
            # The English text it translates, at a key this file does not translate yet (the
            # same words may stand under several keys: "9 in 10" is many metrics' target).
            twin = next((p.key for p in prose if isinstance(source, str) and p.hash == source
                         and p.key not in doc.data), None)
            if twin is None and obsolete is not None and not why.startswith("not text to translate"):
                # What it translated is no longer in the English file (removed, or renamed
                # along with its wording): left over, not a mistake of the translator.
                obsolete.append(Issue(where, key, "obsolete: the English file no longer has this text; remove the entry"))
                continue
            if twin is not None and obsolete is not None and _renamed_to(key, english.data) == twin:
                # The English file gave the id a new name and lists the old one under
                # `replaces`: the editor's change, not the translator's.
                obsolete.append(Issue(where, key, f"obsolete: the English file renamed this id (its text is now at "
                                                  f"'{twin}'); rename the key to '{twin}'"))
                continue
            hint = f" (this text is at '{twin}' in the English file)" if twin else ""
            issues.append(Issue(where, key, why + hint))
            continue
        if isinstance(value, str):
            issues.append(Issue(where, key, f"no source: write it as 'source: {known[key].hash}' and 'text: …' "
                                            f"under the key, so that a change to the English can be noticed"))
            continue
        if not isinstance(value, dict):
            issues.append(Issue(where, key, f"expected 'source' and 'text' under the key, got {type(value).__name__}"))
            continue
        extra = sorted(str(k) for k in value if k not in ("source", "text"))
        if extra:
            issues.append(Issue(doc.locate((key, extra[0])), key,
                                f"unknown key '{extra[0]}' (expected only 'source' and 'text': everything else comes from {english.file})"))
            continue
        text, source = value.get("text"), value.get("source")
        if not isinstance(text, str) or not text.strip():
            issues.append(Issue(doc.locate((key, "text")), f"{key}.text", "expected the translated text, not empty"))
            continue
        if not isinstance(source, str) or not HASH_PATTERN.match(source):
            quoted = " in quotes, as YAML reads a hash of digits as a number" if isinstance(source, (int, float)) else ""
            issues.append(Issue(doc.locate((key, "source")), f"{key}.source",
                                f"expected the {HASH_LENGTH}-character hash of the English text it translates{quoted} "
                                f"(today's is \"{known[key].hash}\")"))
            continue
        entries[key] = Entry(key, text, source, where)
    return entries


def _why_unknown(key: str, english: Document, known: dict[str, Prose]) -> str:
    """Say which part of a key the English file does not have: an id, a key, or a value that is not prose."""
    node: Any = english.data
    walked = ""
    for match in _SEGMENT.finditer(key):
        name, label = match.group(1), match.group(2)
        if match.group(0) == ".":
            continue
        if name is not None:
            if not isinstance(node, dict) or name not in node:
                break
            node = node[name]
            walked = f"{walked}.{name}" if walked else name
        else:
            if not isinstance(node, list):
                break
            ids = [item.get("id") for item in node if isinstance(item, dict) and isinstance(item.get("id"), str)]
            hit = next((item for item in node if isinstance(item, dict) and item.get("id") == label), None)
            if hit is None and label.isdigit() and int(label) < len(node) and not ids:
                hit = node[int(label)]
            if hit is None:
                if ids:
                    close = difflib.get_close_matches(label, ids, n=1)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    return (f"unknown id '{label}' under {walked} ({hint}a translation cannot change an id: "
                            f"ids come from {english.file}; known: {', '.join(ids[:12])}{', …' if len(ids) > 12 else ''})")
                return f"no item {label} under {walked} in {english.file}"
            node = hit
            walked = f"{walked}[{label}]"
    else:
        if node is not None and not isinstance(node, (dict, list)):
            return (f"not text to translate: ids, keys, scores, weights and the structure come from {english.file} "
                    f"and cannot be changed by a translation (expected a text field)")
        return f"not text to translate: only the texts under it can be translated (expected a key such as '{_first_under(key, known)}')"
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no such text in {english.file}{hint}: keys and ids come from the English file and cannot be translated"


def _first_under(key: str, known: dict[str, Prose]) -> str:
    return next((k for k in known if k.startswith(key)), next(iter(known), "title"))


def _excerpt(text: str, limit: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _set(data: Any, path: tuple, value: str) -> None:
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _validate(model: type[BaseModel], english: Document, data: Any, issues: list[Issue], display: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # A translated text the model refuses (too long, empty): point at the English
        # key with the translation file named, since the structure is the English one.
        for issue in issues_from_validation_error(english, model, error):
            issues.append(Issue(Location(display, 1, 1), issue.where, f"as translated: {issue.message}"))
        return None


def _mark(entity: Any, path: tuple) -> tuple:
    """The (entity, field[, index]) a data path ends at, for the views."""
    if isinstance(path[-1], int) and len(path) >= 2 and isinstance(path[-2], str):
        owner, name, index = path[:-2], path[-2], path[-1]
    else:
        owner, name, index = path[:-1], path[-1], None
    node = entity
    for step in owner:
        node = node[step] if isinstance(step, int) else getattr(node, step)
    return (id(node), name) if index is None else (id(node), name, index)


def _corpus(english: Corpus, entities: dict[DocKey, Any]) -> Corpus:
    """The translated entities in a Corpus shaped like the English one."""
    moments = [e for k, e in entities.items() if k.kind is DocKind.MOMENT]
    assessments = [e for k, e in entities.items() if k.kind is DocKind.ASSESSMENT]
    order = {a.id: i for i, a in enumerate(english.assessments)}
    return Corpus(
        playbook=entities[DocKey(DocKind.PLAYBOOK)],
        strategy=entities[DocKey(DocKind.STRATEGY)],
        departments=list(entities[DocKey(DocKind.DEPARTMENTS)].departments),
        sources=list(entities[DocKey(DocKind.SOURCES)].sources),
        glossary=entities[DocKey(DocKind.GLOSSARY)],
        experience_log=entities[DocKey(DocKind.EXPERIENCE_LOG)],
        plan=entities[DocKey(DocKind.PLAN)],
        moments=sorted(moments, key=lambda m: (m.order, m.id)),
        # The English order, so that both sites list the assessments alike.
        assessments=sorted(assessments, key=lambda a: order.get(a.id, 0)),
        documents=english.documents,
        context=entities.get(DocKey(DocKind.CONTEXT), english.context),
    )


# ---------------------------------------------------------------------------
# For editors: write what is missing or stale, ready to translate
# ---------------------------------------------------------------------------


def stubs(paths: ContentPaths, corpus: Corpus, code: str, only: Optional[Iterable[str]] = None) -> dict[Path, str]:
    """For each English file, the YAML entries a translator still has to write
    (missing or stale), with the English text as a comment above each."""
    out: dict[Path, str] = {}
    for key, doc in sorted(corpus.documents.items()):
        prose = prose_of(_model_of(key), doc.data)
        file = translation_file(paths, code, key)
        entries: dict[str, Entry] = {}
        if file.is_file():
            entries = _read_entries(file, paths.display(file), doc, prose, [])
        lines = []
        for item in prose:
            entry = entries.get(item.key)
            if entry is not None and entry.source == item.hash:
                continue
            lines.append(f"# {doc.file}:{doc.locate(item.path).line}: {_excerpt(item.text, 200)}")
            lines.append(f"{item.key}:\n  source: \"{item.hash}\"\n  text: {_yaml_text(entry.text if entry else '')}")
        if lines:
            if not file.is_file():
                schema = Path(os.path.relpath(paths.display_root / "schemas" / "translation.schema.json", file.parent))
                lines.insert(0, f"# yaml-language-server: $schema={schema.as_posix()}")
            out[file] = "\n".join(lines) + "\n"
    return out


def _yaml_text(text: str) -> str:
    if not text:
        return '""'
    if "\n" in text.strip():
        body = "\n".join(("    " + line) if line.strip() else "" for line in text.strip().splitlines())
        return "|\n" + body
    return ">-\n    " + text.strip()


# ---------------------------------------------------------------------------
# For cx-playbook diff: what a change does to each translation
# ---------------------------------------------------------------------------


def translation_diff(base_paths: ContentPaths, base: Corpus, head_paths: ContentPaths, head: Corpus) -> list[str]:
    """Lines for `diff`: per language, translated texts added, changed or removed,
    and the texts this change left out of date or untranslated (or brought up to date)."""
    lines: list[str] = []
    base_languages = {lang.code: lang for lang in base.playbook.languages[1:]}
    for language in head.playbook.languages[1:]:
        code = language.code
        head_state = _state(head_paths, head, code)
        base_state = _state(base_paths, base, code) if code in base_languages else {}
        if head_state is None:
            lines.append(f"{code} ({language.name}): its translation files do not pass check")
            continue
        base_state = base_state or {}
        changed, added, removed, stale, fixed, untranslated = [], [], [], [], [], []
        for key in sorted(set(head_state) | set(base_state)):
            new, old = head_state.get(key), base_state.get(key)
            file, text_key = key
            if new is None:
                removed.append(f"    - {file} {text_key}")
                continue
            if new["entry"] is not None and (old is None or old["entry"] is None):
                added.append(f"    + {file} {text_key}")
            elif new["entry"] is not None and old["entry"].text != new["entry"].text:
                changed.append(f"    ~ {file} {text_key}: \"{_excerpt(old['entry'].text)}\" -> \"{_excerpt(new['entry'].text)}\"")
            was_stale = old is not None and old["entry"] is not None and old["entry"].source != old["hash"]
            is_stale = new["entry"] is not None and new["entry"].source != new["hash"]
            if is_stale and not was_stale:
                english = f"\"{_excerpt(old['english'])}\" -> " if old is not None and old["english"] != new["english"] else ""
                stale.append(f"    ! {new['entry'].location}: {text_key}: out of date after this change "
                             f"(English: {english}\"{_excerpt(new['english'])}\")")
            elif was_stale and not is_stale:
                fixed.append(f"    ✓ {file} {text_key}: up to date again")
            if new["entry"] is None and (old is None or old["entry"] is not None or old["english"] != new["english"]):
                untranslated.append(f"    ? {new['where']}: {text_key}: not translated into {code}; shown in English")
        total_stale = sum(1 for s in head_state.values() if s["entry"] is not None and s["entry"].source != s["hash"])
        lines.append(f"{code} ({language.name}): {len(changed)} changed, {len(added)} added, {len(removed)} removed; "
                     f"{len(stale)} now out of date, {len(fixed)} brought up to date, {len(untranslated)} new texts "
                     f"not translated; {total_stale} out of date in all.")
        lines.extend(changed + added + removed + stale + fixed + untranslated)
    return lines


def _state(paths: ContentPaths, corpus: Corpus, code: str) -> Optional[dict]:
    """(translation file, key) -> the English text, its hash, where it is, and the entry translating it."""
    found: dict = {}
    issues: list[Issue] = []
    for key, doc in sorted(corpus.documents.items()):
        prose = prose_of(_model_of(key), doc.data)
        file = translation_file(paths, code, key)
        display = paths.display(file)
        entries = _read_entries(file, display, doc, prose, issues, []) if file.is_file() else {}
        for item in prose:
            found[(display, item.key)] = {"english": item.text, "hash": item.hash, "where": doc.locate(item.path),
                                          "entry": entries.get(item.key)}
    return None if issues else found
