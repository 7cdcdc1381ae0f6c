"""Turn pydantic's errors into editor-friendly issues, and check cross-references.

Every check appends to a list and carries on, the way mkdocs' ``Config.validate``
collects failures before aborting once.
"""

from __future__ import annotations

import difflib
import posixpath
import types
import typing
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from pydantic import BaseModel, ValidationError

from generator.issues import Issue
from generator.loader import Document, format_path
from generator.markup import relative_links
from generator.pages import STRATEGY, all_pages, page_of_document
from generator.models import ID_PATTERN, SEMVER_PATTERN

if TYPE_CHECKING:
    from generator.corpus import Corpus


# ---------------------------------------------------------------------------
# Schema errors (one file at a time)
# ---------------------------------------------------------------------------


def issues_from_validation_error(doc: Document, model: type[BaseModel], error: ValidationError) -> list[Issue]:
    issues = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "missing":
            issues.append(Issue(doc.locate(loc[:-1]), format_path(loc[:-1]), f"missing required key '{loc[-1]}'"))
            continue
        issues.append(Issue(doc.locate(loc), format_path(loc), _format_error(model, loc, item)))
    return issues


def _format_error(model: type[BaseModel], loc: tuple, item: dict[str, Any]) -> str:
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        guess = f"did you mean '{hint[0]}'? " if hint else ""
        return f"unknown key '{loc[-1]}' ({guess}expected one of: {', '.join(known)})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == ID_PATTERN:
            return f"{value!r} is not a valid id (expected lowercase words joined by hyphens, like 'test-drive')"
        if pattern == SEMVER_PATTERN:
            return f"{value!r} is not a version (expected MAJOR.MINOR.PATCH, like '1.2.0')"
        if pattern == r"^https?://":
            return f"{value!r} is not a web address (expected one starting with https:// or http://)"
        return f"{value!r} does not match the expected pattern {pattern}"
    if kind == "literal_error":
        return f"{value!r} is not allowed (expected one of: {ctx.get('expected', '').replace(' or ', ', ')})"
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}"
    if kind == "too_short":
        if isinstance(value, str) or ctx.get("field_type") == "Value":
            return "must not be empty (expected some text)"
        minimum = ctx.get("min_length", 1)
        return f"expected at least {minimum} item{'s' if minimum != 1 else ''}, got {ctx.get('actual_length', 0)}"
    if kind == "string_too_short":
        return "must not be empty (expected some text)"
    if kind == "string_too_long":
        return f"is too long (expected at most {ctx.get('max_length')} characters)"
    for bound, words in (("le", "at most"), ("ge", "at least"), ("lt", "below"), ("gt", "above")):
        if bound in ctx and kind.endswith(("than", "than_equal")):
            return f"{_describe(value)} is out of range (expected {words} {ctx[bound]})"
    message = item["msg"]
    return f"{message[0].lower()}{message[1:]} (got {_describe(value)})"


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "date_type": "a date like 2026-01-31",
    "date_parsing": "a date like 2026-01-31",
    "date_from_datetime_parsing": "a date like 2026-01-31",
    "bool_type": "true or false",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value!r} (a number)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _model_at(annotation: Any, loc: tuple) -> Optional[type[BaseModel]]:
    """Walk ``loc`` through the model's annotations to the model that holds the last key."""
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else None
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


# ---------------------------------------------------------------------------
# Cross-references (the whole corpus at once)
# ---------------------------------------------------------------------------


def check_references(corpus: "Corpus") -> list[Issue]:
    issues: list[Issue] = []
    issues += _check_playbook(corpus)
    issues += _check_unique_ids(corpus)
    issues += _check_owners(corpus)
    issues += _check_sources(corpus)
    issues += _check_moment_order(corpus)
    for assessment in corpus.assessments:
        issues += _check_assessment(corpus, assessment)
    issues += _check_links(corpus)
    return issues


def _issue(corpus: "Corpus", doc_key: str, path: tuple, message: str) -> Issue:
    return Issue(corpus.documents[doc_key].locate(path), format_path(path), message)


def _duplicates(items: Iterable[tuple[str, tuple]]) -> Iterator[tuple[str, tuple, tuple]]:
    """Yield (id, path, first path) for every id seen before."""
    first: dict[str, tuple] = {}
    for value, path in items:
        if value in first:
            yield value, path, first[value]
        else:
            first[value] = path


def _duplicate_id_issues(corpus: "Corpus", key: str, items: list[tuple[str, tuple]]) -> list[Issue]:
    return [_issue(corpus, key, path, f"duplicate id '{value}' (first used at {format_path(first)})")
            for value, path, first in _duplicates(items)]


def _check_playbook(corpus: "Corpus") -> list[Issue]:
    newest = corpus.playbook.changelog[0].version
    if newest != corpus.playbook.version:
        return [
            _issue(corpus, "playbook", ("changelog", 0, "version"),
                   f"newest changelog entry is '{newest}' but the content version is '{corpus.playbook.version}' "
                   "(expected the newest entry first, matching version)")
        ]
    return []


def _play_paths(corpus: "Corpus") -> Iterator[tuple[str, str, tuple]]:
    """(document key, play id, path) for every play, strategy first."""
    for i, play in enumerate(corpus.strategy.plays):
        yield "strategy", play.id, ("plays", i, "id")
    for moment in corpus.moments:
        for i, play in enumerate(moment.plays):
            yield f"moment:{moment.id}", play.id, ("plays", i, "id")


def _check_unique_ids(corpus: "Corpus") -> list[Issue]:
    issues = []
    groups: list[tuple[str, list[tuple[str, tuple]]]] = [
        ("departments", [(d.id, ("departments", i, "id")) for i, d in enumerate(corpus.departments)]),
        ("sources", [(s.id, ("sources", i, "id")) for i, s in enumerate(corpus.sources)]),
        ("strategy", [(s.id, ("sections", i, "id")) for i, s in enumerate(corpus.strategy.sections)]),
        ("strategy", [(f.id, ("figures", i, "id")) for i, f in enumerate(corpus.strategy.figures)]),
        ("experience-log", [(f.id, ("fields", i, "id")) for i, f in enumerate(corpus.experience_log.fields)]),
    ]
    for moment in corpus.moments:
        key = f"moment:{moment.id}"
        groups.append((key, [(t.id, ("touchpoints", i, "id")) for i, t in enumerate(moment.touchpoints)]))
        groups.append((key, [(m.id, ("metrics", i, "id")) for i, m in enumerate(moment.metrics)]))
    for key, items in groups:
        issues += _duplicate_id_issues(corpus, key, items)

    seen: dict[str, str] = {}
    for key, value, path in _play_paths(corpus):
        if value in seen:
            where = corpus.documents[seen[value]].file
            issues.append(_issue(corpus, key, path, f"duplicate play id '{value}' (already used in {where}; play ids are unique across the playbook)"))
        else:
            seen[value] = key
    return issues


def _check_owners(corpus: "Corpus") -> list[Issue]:
    known = [d.id for d in corpus.departments]
    issues = []

    def check(key: str, path: tuple, value: str) -> None:
        if value not in known:
            issues.append(_issue(corpus, key, path, _unknown("department", value, known)))

    for i, play in enumerate(corpus.strategy.plays):
        check("strategy", ("plays", i, "owner"), play.owner)
    for moment in corpus.moments:
        key = f"moment:{moment.id}"
        for i, touchpoint in enumerate(moment.touchpoints):
            check(key, ("touchpoints", i, "owner"), touchpoint.owner)
        for i, play in enumerate(moment.plays):
            check(key, ("plays", i, "owner"), play.owner)
    return issues


def _source_refs(corpus: "Corpus") -> Iterator[tuple[str, tuple, str]]:
    strategy = corpus.strategy
    for i, figure in enumerate(strategy.figures):
        yield "strategy", ("figures", i, "source"), figure.source
    for i, section in enumerate(strategy.sections):
        for j, ref in enumerate(section.sources):
            yield "strategy", ("sections", i, "sources", j), ref
    for i, play in enumerate(strategy.plays):
        for j, ref in enumerate(play.sources):
            yield "strategy", ("plays", i, "sources", j), ref
    for j, ref in enumerate(corpus.experience_log.sources):
        yield "experience-log", ("sources", j), ref
    for moment in corpus.moments:
        key = f"moment:{moment.id}"
        for j, ref in enumerate(moment.sources):
            yield key, ("sources", j), ref
        for i, play in enumerate(moment.plays):
            for j, ref in enumerate(play.sources):
                yield key, ("plays", i, "sources", j), ref


def _check_sources(corpus: "Corpus") -> list[Issue]:
    known = [s.id for s in corpus.sources]
    cited = set()
    issues = []
    for key, path, ref in _source_refs(corpus):
        cited.add(ref)
        if ref not in known:
            issues.append(_issue(corpus, key, path, _unknown("source", ref, known)))
    for i, source in enumerate(corpus.sources):
        if source.id not in cited:
            issues.append(_issue(corpus, "sources", ("sources", i, "id"),
                                 f"source '{source.id}' is never cited (cite it from a page or remove it)"))
    return issues


def _check_moment_order(corpus: "Corpus") -> list[Issue]:
    issues = []
    seen: dict[int, str] = {}
    for moment in corpus.moments:
        if moment.order in seen:
            issues.append(_issue(corpus, f"moment:{moment.id}", ("order",),
                                 f"order {moment.order} is already used by '{seen[moment.order]}' (expected a unique number)"))
        else:
            seen[moment.order] = moment.id
    return issues


def _check_assessment(corpus: "Corpus", assessment) -> list[Issue]:
    key = f"assessment:{assessment.id}"
    issues = []

    def add(path: tuple, message: str) -> None:
        issues.append(_issue(corpus, key, path, message))

    issues += _duplicate_id_issues(corpus, key, [(s.id, ("answer_sets", i, "id")) for i, s in enumerate(assessment.answer_sets)])
    for i, answer_set in enumerate(assessment.answer_sets):
        issues += _duplicate_id_issues(corpus, key, [(c.id, ("answer_sets", i, "choices", j, "id")) for j, c in enumerate(answer_set.choices)])
    issues += _duplicate_id_issues(corpus, key, [(s.id, ("sections", i, "id")) for i, s in enumerate(assessment.sections)])
    issues += _duplicate_id_issues(corpus, key, [(lv.id, ("levels", i, "id")) for i, lv in enumerate(assessment.levels)])

    question_ids = []
    for i, section in enumerate(assessment.sections):
        for j, question in enumerate(section.questions):
            question_ids.append((question.id, ("sections", i, "questions", j, "id")))
            for k, old in enumerate(question.replaces):
                question_ids.append((old, ("sections", i, "questions", j, "replaces", k)))
    for value, path, first in _duplicates(question_ids):
        add(path, f"duplicate question id '{value}' (first used at {format_path(first)}; saved answers are keyed by it)")

    answer_sets = [s.id for s in assessment.answer_sets]
    moments = [m.id for m in corpus.moments]
    plays = corpus.plays
    for i, section in enumerate(assessment.sections):
        if section.moment is not None and section.moment not in moments:
            add(("sections", i, "moment"), _unknown("moment", section.moment, moments))
        for j, question in enumerate(section.questions):
            where = ("sections", i, "questions", j)
            if question.answer_set not in answer_sets:
                add(where + ("answer_set",), _unknown("answer set", question.answer_set, answer_sets))
            for k, play in enumerate(question.plays):
                if play not in plays:
                    add(where + ("plays", k), _unknown("play", play, list(plays)))

    if assessment.levels[0].min != 0:
        add(("levels", 0, "min"), f"the first level starts at {assessment.levels[0].min:g} (expected 0, so every score has a level)")
    for i in range(1, len(assessment.levels)):
        previous, level = assessment.levels[i - 1], assessment.levels[i]
        if level.min <= previous.min:
            add(("levels", i, "min"), f"{level.min:g} is not above the previous level's {previous.min:g} (expected levels in ascending order)")
    return issues


# Assessment fields shown as Markdown on the page, and those rendered to HTML
# inside the form, where mkdocs does not rewrite links between pages.
_ASSESSMENT_MARKDOWN = {"intro"}
_ASSESSMENT_HTML = {"help", "description"}


def _check_links(corpus: "Corpus") -> list[Issue]:
    """Links from content to other playbook pages must lead somewhere; mkdocs
    would only say so later, without a file and line."""
    pages = all_pages((m.id for m in corpus.moments), (a.id for a in corpus.assessments))
    issues = []
    for key, doc in corpus.documents.items():
        page = page_of_document(key)
        here = posixpath.dirname(page)
        example = posixpath.relpath(STRATEGY, here or ".")
        for path, text in _strings(doc.data, ()):
            field = next((p for p in reversed(path) if isinstance(p, str)), "")
            if key.startswith("assessment:") and field not in _ASSESSMENT_MARKDOWN | _ASSESSMENT_HTML:
                continue  # shown as plain text: a link there is never a link
            for destination in relative_links(text):
                target = destination.split("#", 1)[0].split("?", 1)[0]
                if destination.startswith("/"):
                    message = f"link '{destination}' starts at the site root (expected a link relative to this page, like '{example}')"
                elif key.startswith("assessment:") and field in _ASSESSMENT_HTML:
                    message = (f"link '{destination}' cannot be followed from a question's {field} "
                               "(expected a full https:// address; point to playbook pages through plays or the section's moment)")
                elif target and posixpath.normpath(posixpath.join(here, target)) not in pages:
                    message = f"link '{destination}' leads to no page of the playbook from {page} (expected a page such as '{example}')"
                else:
                    continue
                issues.append(Issue(doc.locate(path), format_path(path), message))
    return issues


def _strings(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def _unknown(kind: str, value: str, known: list[str]) -> str:
    hint = difflib.get_close_matches(value, known, n=1)
    guess = f"did you mean '{hint[0]}'? " if hint else ""
    shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"unknown {kind} '{value}' ({guess}known: {shown})"

