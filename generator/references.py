"""Checks across files: ids that must be unique, references that must resolve,
orders that must hold, links that must lead to a page.

Every check appends to a list and carries on, the way mkdocs' ``Config.validate``
collects failures before aborting once. Messages are prefixed by the file,
line and column of the offending value.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import typing
from typing import Any, Iterable, Iterator, Optional

from generator import models
from generator.corpus import Corpus
from generator.fields import TextKind, kind_of
from generator.files import DocKey, DocKind
from generator.issues import Issue, format_path
from generator.markup import relative_links, unsafe_links
from generator.pages import STRATEGY, all_pages, page_of

PLAYBOOK = DocKey(DocKind.PLAYBOOK)
STRATEGY_FILE = DocKey(DocKind.STRATEGY)
DEPARTMENTS = DocKey(DocKind.DEPARTMENTS)
SOURCES = DocKey(DocKind.SOURCES)
GLOSSARY = DocKey(DocKind.GLOSSARY)
LOG = DocKey(DocKind.EXPERIENCE_LOG)
PLAN = DocKey(DocKind.PLAN)
CONTEXT = DocKey(DocKind.CONTEXT)


def check_references(corpus: Corpus, link_policy: bool = False) -> list[Issue]:
    """Checks across files. ``link_policy``: also report links the sanitizer
    would make dead (what ``cx-playbook check`` asks for; a build publishes them
    dead rather than stopping)."""
    issues: list[Issue] = []
    issues += _check_playbook(corpus)
    issues += _check_unique_ids(corpus)
    issues += _check_owners(corpus)
    issues += _check_sources(corpus)
    issues += _check_metrics(corpus)
    issues += _check_moment_order(corpus)
    issues += _check_plan(corpus)
    issues += _check_prefixes(corpus)
    issues += _check_recommended(corpus)
    for assessment in corpus.assessments:
        issues += _check_assessment(corpus, assessment)
        issues += _check_lenses(corpus, assessment)
    issues += _check_links(corpus, link_policy)
    return issues


def content_warnings(corpus: Corpus) -> list[Issue]:
    """What `check` reports but lets pass: worth a look, not always wrong."""
    return _unused_metrics(corpus)


def _moment_key(moment: models.Moment) -> DocKey:
    return DocKey(DocKind.MOMENT, moment.id)


def _issue(corpus: Corpus, key: DocKey, path: tuple, message: str) -> Issue:
    return Issue(corpus.documents[key].locate(path), format_path(path), message)


def _duplicates(items: Iterable[tuple[str, tuple]]) -> Iterator[tuple[str, tuple, tuple]]:
    """Yield (id, path, first path) for every id seen before."""
    first: dict[str, tuple] = {}
    for value, path in items:
        if value in first:
            yield value, path, first[value]
        else:
            first[value] = path


def _duplicate_id_issues(corpus: Corpus, key: DocKey, items: list[tuple[str, tuple]], what: str = "id") -> list[Issue]:
    return [_issue(corpus, key, path, f"duplicate {what} '{value}' (first used at {format_path(first)})")
            for value, path, first in _duplicates(items)]


def _unknown(kind: str, value: str, known: list[str]) -> str:
    hint = difflib.get_close_matches(value, known, n=1)
    guess = f"did you mean '{hint[0]}'? " if hint else ""
    shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"unknown {kind} '{value}' ({guess}known: {shown})"


# ---------------------------------------------------------------------------
# The playbook, ids and owners
# ---------------------------------------------------------------------------


def _check_playbook(corpus: Corpus) -> list[Issue]:
    newest = corpus.playbook.changelog[0].version
    if newest != corpus.playbook.version:
        return [
            _issue(corpus, PLAYBOOK, ("changelog", 0, "version"),
                   f"newest changelog entry is '{newest}' but the content version is '{corpus.playbook.version}' "
                   "(expected the newest entry first, matching version)")
        ]
    return []


def _entities_across_files(corpus: Corpus, attribute: str) -> Iterator[tuple[DocKey, str, tuple]]:
    """(file, id, path) of every play or metric, strategy first, then in journey order."""
    for i, entity in enumerate(getattr(corpus.strategy, attribute)):
        yield STRATEGY_FILE, entity.id, (attribute, i, "id")
    for moment in corpus.moments:
        for i, entity in enumerate(getattr(moment, attribute)):
            yield _moment_key(moment), entity.id, (attribute, i, "id")


def _check_unique_ids(corpus: Corpus) -> list[Issue]:
    issues = []
    groups: list[tuple[DocKey, list[tuple[str, tuple]]]] = [
        (DEPARTMENTS, [(d.id, ("departments", i, "id")) for i, d in enumerate(corpus.departments)]),
        (SOURCES, [(s.id, ("sources", i, "id")) for i, s in enumerate(corpus.sources)]),
        (GLOSSARY, [(t.id, ("terms", i, "id")) for i, t in enumerate(corpus.glossary.terms)]
         + [(w.id, ("words", i, "id")) for i, w in enumerate(corpus.glossary.words)]),
        (STRATEGY_FILE, [(s.id, ("sections", i, "id")) for i, s in enumerate(corpus.strategy.sections)]),
        (STRATEGY_FILE, [(f.id, ("figures", i, "id")) for i, f in enumerate(corpus.strategy.figures)]),
        (LOG, [(f.id, ("fields", i, "id")) for i, f in enumerate(corpus.experience_log.fields)]),
        (PLAN, [(p.id, ("phases", i, "id")) for i, p in enumerate(corpus.plan.phases)]),
        (PLAN, [(m.id, ("rhythm", i, "id")) for i, m in enumerate(corpus.plan.rhythm)]),
        (CONTEXT, [(f.id, ("figures", i, "id")) for i, f in enumerate(corpus.context.figures if corpus.context else [])]),
    ]
    for moment in corpus.moments:
        groups.append((_moment_key(moment), [(t.id, ("touchpoints", i, "id")) for i, t in enumerate(moment.touchpoints)]))
    for key, items in groups:
        issues += _duplicate_id_issues(corpus, key, items)
    issues += _duplicate_id_issues(corpus, GLOSSARY, [(t.term, ("terms", i, "term")) for i, t in enumerate(corpus.glossary.terms)]
                                   + [(w.term, ("words", i, "term")) for i, w in enumerate(corpus.glossary.words)], "term")

    for attribute, noun in (("plays", "play"), ("metrics", "metric")):
        seen: dict[str, DocKey] = {}
        for key, value, path in _entities_across_files(corpus, attribute):
            if value in seen:
                where = corpus.documents[seen[value]].file
                issues.append(_issue(corpus, key, path, f"duplicate {noun} id '{value}' (already used in {where}; {noun} ids are unique across the playbook)"))
            else:
                seen[value] = key
    return issues


def _check_owners(corpus: Corpus) -> list[Issue]:
    known = [d.id for d in corpus.departments]
    issues = []

    def check(key: DocKey, path: tuple, value: str) -> None:
        if value not in known:
            issues.append(_issue(corpus, key, path, _unknown("department", value, known)))

    for i, play in enumerate(corpus.strategy.plays):
        check(STRATEGY_FILE, ("plays", i, "owner"), play.owner)
    for moment in corpus.moments:
        key = _moment_key(moment)
        for i, touchpoint in enumerate(moment.touchpoints):
            check(key, ("touchpoints", i, "owner"), touchpoint.owner)
        for i, play in enumerate(moment.plays):
            check(key, ("plays", i, "owner"), play.owner)
    return issues


# ---------------------------------------------------------------------------
# Sources and metrics
# ---------------------------------------------------------------------------


def _source_refs(corpus: Corpus) -> Iterator[tuple[DocKey, tuple, str]]:
    strategy = corpus.strategy
    for i, figure in enumerate(strategy.figures):
        yield STRATEGY_FILE, ("figures", i, "source"), figure.source
    for i, section in enumerate(strategy.sections):
        for j, ref in enumerate(section.sources):
            yield STRATEGY_FILE, ("sections", i, "sources", j), ref
    for i, play in enumerate(strategy.plays):
        for j, ref in enumerate(play.sources):
            yield STRATEGY_FILE, ("plays", i, "sources", j), ref
    for j, ref in enumerate(corpus.experience_log.sources):
        yield LOG, ("sources", j), ref
    for j, ref in enumerate(corpus.plan.sources):
        yield PLAN, ("sources", j), ref
    for i, figure in enumerate(corpus.context.figures if corpus.context else []):
        yield CONTEXT, ("figures", i, "source"), figure.source
    for moment in corpus.moments:
        key = _moment_key(moment)
        for j, ref in enumerate(moment.sources):
            yield key, ("sources", j), ref
        for i, play in enumerate(moment.plays):
            for j, ref in enumerate(play.sources):
                yield key, ("plays", i, "sources", j), ref


def _check_sources(corpus: Corpus) -> list[Issue]:
    known = [s.id for s in corpus.sources]
    cited = set()
    issues = []
    for key, path, ref in _source_refs(corpus):
        cited.add(ref)
        if ref not in known:
            issues.append(_issue(corpus, key, path, _unknown("source", ref, known)))
    for i, source in enumerate(corpus.sources):
        # A name, or our words saying there is none: pages always have something to cite it by.
        for name in ("title", "publisher"):
            if getattr(source, name) is None and getattr(source, f"{name}_note") is None:
                issues.append(_issue(corpus, SOURCES, ("sources", i, "id"),
                                     f"source '{source.id}' has neither a {name} nor a {name}_note (give its {name} as published, "
                                     f"or, when our copy has none, say what it is in {name}_note)"))
        if source.id not in cited:
            issues.append(_issue(corpus, SOURCES, ("sources", i, "id"),
                                 f"source '{source.id}' is never cited (cite it from a page or remove it)"))
    return issues


def _play_files(corpus: Corpus) -> Iterator[tuple[DocKey, Optional[models.Moment], list[models.Play], list[models.Metric]]]:
    """(file, its moment or None for the strategy, its plays, its metrics)."""
    yield STRATEGY_FILE, None, corpus.strategy.plays, corpus.strategy.metrics
    for moment in corpus.moments:
        yield _moment_key(moment), moment, moment.plays, moment.metrics


def _check_metrics(corpus: Corpus) -> list[Issue]:
    metrics = corpus.metrics
    issues = []
    for key, moment, plays, own in _play_files(corpus):
        for i, play in enumerate(plays):
            if play.measured_by not in metrics:
                issues.append(_issue(corpus, key, ("plays", i, "measured_by"),
                                     _unknown_metric(play.measured_by, [m.id for m in own], list(metrics), moment)))
    return issues


def _unknown_metric(value: str, own: list[str], known: list[str], moment: Optional[models.Moment]) -> str:
    """The file's own metrics first (a play is usually measured on its own page), then how to add one."""
    hint = difflib.get_close_matches(value, own, n=1) or difflib.get_close_matches(value, known, n=1)
    guess = f"did you mean '{hint[0]}'? " if hint else ""
    here = "this moment's" if moment is not None else "the strategy's"
    listed = f"{here} metrics: {', '.join(own)}; " if own else ""
    return (f"unknown metric '{value}' ({guess}{listed}a metric of another page will do too, "
            "or add one under `metrics:` in this file)")


def _unused_metrics(corpus: Corpus) -> list[Issue]:
    used = {play.measured_by for ref in corpus.plays.values() for play in [ref.play]}
    issues = []
    for key, _, _, metrics in _play_files(corpus):
        for i, metric in enumerate(metrics):
            if metric.id not in used:
                issues.append(_issue(corpus, key, ("metrics", i, "id"),
                                     f"no play is measured by metric '{metric.id}' (name it in the `measured_by:` of "
                                     "the play it tells about, or remove it if nobody will track it)"))
    return issues


# ---------------------------------------------------------------------------
# Plays: prefixes, and a question that leads to each
# ---------------------------------------------------------------------------


def _check_prefixes(corpus: Corpus) -> list[Issue]:
    issues = []
    owners: dict[str, str] = {models.STRATEGY_PREFIX: "the strategy"}
    prefixes = [models.STRATEGY_PREFIX] + [m.prefix for m in corpus.moments]
    for moment in corpus.moments:
        if moment.prefix in owners:
            issues.append(_issue(corpus, _moment_key(moment), ("prefix",),
                                 f"prefix '{moment.prefix}' is already used by {owners[moment.prefix]} "
                                 "(expected a prefix of its own, so a play id says which page it is on)"))
        else:
            owners[moment.prefix] = f"moment '{moment.id}'"
    for key, moment, plays, _ in _play_files(corpus):
        if moment is not None and owners.get(moment.prefix) != f"moment '{moment.id}'":
            continue  # its prefix is reported above; its plays are checked once it has one
        prefix = moment.prefix if moment is not None else models.STRATEGY_PREFIX
        here = "this moment's" if moment is not None else "the strategy's"
        for i, play in enumerate(plays):
            first, _, rest = play.id.partition("-")
            # A play moved from another page keeps its id (saved results point
            # at it), so another page's prefix is accepted; no prefix is not.
            if rest and first in prefixes:
                continue
            issues.append(_issue(corpus, key, ("plays", i, "id"),
                                 f"play id '{play.id}' does not start with {here} prefix '{prefix}-' (rename it "
                                 f"'{prefix}-{play.id}', here and wherever a question or the plan names it)"))
    return issues


def _check_recommended(corpus: Corpus) -> list[Issue]:
    """Every play is where an assessment leads, or says why it is not."""
    by: dict[str, list[str]] = {}
    sections: dict[str, list[str]] = {}  # moment id → "file section 'id'" that assess it
    for assessment in corpus.assessments:
        file = corpus.documents[DocKey(DocKind.ASSESSMENT, assessment.id)].file
        for section in assessment.sections:
            if section.moment is not None:
                sections.setdefault(section.moment, []).append(f"{file}, section '{section.id}'")
            for question in section.questions:
                for play in question.plays:
                    by.setdefault(play, []).append(f"question '{question.id}' of {assessment.id}")
    issues = []
    for key, moment, plays, _ in _play_files(corpus):
        where = sections.get(moment.id, []) if moment is not None else []
        hint = f" ({where[0]})" if where else ""
        for i, play in enumerate(plays):
            if play.id not in by and play.not_assessed is None:
                issues.append(_issue(corpus, key, ("plays", i, "id"),
                                     f"no question recommends play '{play.id}' (add '{play.id}' under `plays:` of the "
                                     f"question whose low answers it fixes{hint}, or give the play `not_assessed:` "
                                     "with the reason no question leads to it)"))
            elif play.id in by and play.not_assessed is not None:
                issues.append(_issue(corpus, key, ("plays", i, "not_assessed"),
                                     f"play '{play.id}' is marked not_assessed, but {by[play.id][0]} recommends it "
                                     "(remove `not_assessed:`)"))
    return issues


def _check_moment_order(corpus: Corpus) -> list[Issue]:
    issues = []
    seen: dict[int, str] = {}
    for moment in corpus.moments:
        if moment.order in seen:
            issues.append(_issue(corpus, _moment_key(moment), ("order",),
                                 f"order {moment.order} is already used by '{seen[moment.order]}' (expected a unique number)"))
        else:
            seen[moment.order] = moment.id
    return issues


# ---------------------------------------------------------------------------
# The 90-day plan
# ---------------------------------------------------------------------------


def _check_plan(corpus: Corpus) -> list[Issue]:
    issues = []
    plays = list(corpus.plays)
    expected_first = 1
    planned: dict[str, tuple] = {}
    for i, phase in enumerate(corpus.plan.phases):
        if phase.first_week != expected_first:
            issues.append(_issue(corpus, PLAN, ("phases", i, "first_week"),
                                 f"week {phase.first_week} leaves a gap or overlap (expected week {expected_first}, the week after the previous phase)"))
        if phase.last_week < phase.first_week:
            issues.append(_issue(corpus, PLAN, ("phases", i, "last_week"),
                                 f"week {phase.last_week} is before the phase's first week {phase.first_week} (expected {phase.first_week} or later)"))
        expected_first = max(phase.last_week, phase.first_week) + 1
        for j, entry in enumerate(phase.plays):
            path = ("phases", i, "plays", j, "play")
            if entry.play not in corpus.plays:
                issues.append(_issue(corpus, PLAN, path, _unknown("play", entry.play, plays)))
            elif entry.play in planned:
                issues.append(_issue(corpus, PLAN, path,
                                     f"play '{entry.play}' is already planned at {format_path(planned[entry.play])} (expected each play in one phase)"))
            else:
                planned[entry.play] = path
    return issues


# ---------------------------------------------------------------------------
# Assessments
# ---------------------------------------------------------------------------


def _check_assessment(corpus: Corpus, assessment: models.Assessment) -> list[Issue]:
    key = DocKey(DocKind.ASSESSMENT, assessment.id)
    issues = []

    def add(path: tuple, message: str) -> None:
        issues.append(_issue(corpus, key, path, message))

    issues += _duplicate_id_issues(corpus, key, [(s.id, ("answer_sets", i, "id")) for i, s in enumerate(assessment.answer_sets)])
    for i, answer_set in enumerate(assessment.answer_sets):
        choice_ids = [(c.id, ("answer_sets", i, "choices", j, "id")) for j, c in enumerate(answer_set.choices)]
        choice_ids += [(old, ("answer_sets", i, "choices", j, "replaces", k))
                       for j, c in enumerate(answer_set.choices) for k, old in enumerate(c.replaces)]
        issues += _duplicate_id_issues(corpus, key, choice_ids, "choice id")
    issues += _duplicate_id_issues(corpus, key, [(s.id, ("sections", i, "id")) for i, s in enumerate(assessment.sections)])
    issues += _duplicate_id_issues(corpus, key, [(lv.id, ("levels", i, "id")) for i, lv in enumerate(assessment.levels)])

    question_ids = []
    for i, section in enumerate(assessment.sections):
        for j, question in enumerate(section.questions):
            question_ids.append((question.id, ("sections", i, "questions", j, "id")))
            for k, old in enumerate(question.replaces):
                question_ids.append((old, ("sections", i, "questions", j, "replaces", k)))
    question_ids += [(r.id, ("retired", i, "id")) for i, r in enumerate(assessment.retired)]
    for value, path, first in _duplicates(question_ids):
        add(path, f"duplicate question id '{value}' (first used at {format_path(first)}; saved answers are keyed by it, so an id is never reused)")

    for i, retired in enumerate(assessment.retired):
        if _version_tuple(retired.retired_in) > _version_tuple(assessment.version):
            add(("retired", i, "retired_in"),
                f"'{retired.retired_in}' is later than the assessment's version '{assessment.version}' (expected the version that stopped asking it)")

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
                    # The section's own moment first: that is where its plays usually are.
                    own = [p for p, ref in plays.items() if ref.moment is not None and ref.moment.id == section.moment]
                    add(where + ("plays", k), _unknown("play", play, own + [p for p in plays if p not in own]))

    if assessment.levels[0].min != 0:
        add(("levels", 0, "min"), f"the first level starts at {assessment.levels[0].min:g} (expected 0, so every score has a level)")
    for i in range(1, len(assessment.levels)):
        previous, level = assessment.levels[i - 1], assessment.levels[i]
        if level.min <= previous.min:
            add(("levels", i, "min"), f"{level.min:g} is not above the previous level's {previous.min:g} (expected levels in ascending order)")
    return issues


def _check_lenses(corpus: Corpus, assessment: models.Assessment) -> list[Issue]:
    """Where the assessment says so, each moment's section looks through every lens."""
    if not assessment.cover_every_lens:
        return []
    key = DocKey(DocKind.ASSESSMENT, assessment.id)
    issues = []
    for i, section in enumerate(assessment.sections):
        if section.moment is None:
            continue
        asked = {q.lens for q in section.questions}
        for lens in models.LENS_NAMES:
            if lens not in asked:
                issues.append(_issue(corpus, key, ("sections", i, "questions"),
                                     f"section '{section.id}' asks no question through the {lens} lens (add a "
                                     f"question with `lens: {lens}`, or set it on the question that asks about "
                                     f"{lens}; this assessment sets cover_every_lens)"))
    return issues


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def _check_links(corpus: Corpus, link_policy: bool = False) -> list[Issue]:
    """Links from content to other playbook pages must lead somewhere; a builder
    would only say so later, without a file and line. Where a link can appear
    at all is read from each field's declared kind."""
    pages = all_pages((m.id for m in corpus.moments), (a.id for a in corpus.assessments))
    issues = []
    for key, entity in _documents(corpus):
        doc = corpus.documents[key]
        page = page_of(key)
        here = posixpath.dirname(page)
        example = posixpath.relpath(STRATEGY, here or ".")
        for path, kind, text in _texts(entity, ()):
            if not kind.is_markdown:
                continue  # shown as plain text: a link there is never a link
            for destination in unsafe_links(text, inline=kind is TextKind.INLINE) if link_policy else ():
                issues.append(Issue(doc.locate(path), format_path(path), (
                    f"link '{destination[:80]}' is not allowed: the site shows it as plain text, not a link "
                    "(expected an http(s):, mailto: or tel: address, or a link relative to this page)")))
            if "](" not in text and "]:" not in text:
                continue  # no inline link and no reference definition (all relative_links looks for)
            for destination in relative_links(text):
                target = destination.split("#", 1)[0].split("?", 1)[0]
                if destination.startswith("/"):
                    message = f"link '{destination}' starts at the site root (expected a link relative to this page, like '{example}')"
                elif kind is TextKind.HTML_BLOCK:
                    message = (f"link '{destination}' cannot be followed from here: this text is shown inside the form "
                               "(expected a full https:// address; point to playbook pages through plays or the section's moment)")
                elif target and posixpath.normpath(posixpath.join(here, target)) not in pages:
                    message = f"link '{destination}' leads to no page of the playbook from {page} (expected a page such as '{example}')"
                else:
                    continue
                issues.append(Issue(doc.locate(path), format_path(path), message))
    return issues


def _documents(corpus: Corpus) -> Iterator[tuple[DocKey, models.Entity]]:
    yield PLAYBOOK, corpus.playbook
    yield STRATEGY_FILE, corpus.strategy
    yield DEPARTMENTS, models.Departments(departments=corpus.departments)
    yield SOURCES, models.Sources(sources=corpus.sources)
    yield GLOSSARY, corpus.glossary
    yield LOG, corpus.experience_log
    yield PLAN, corpus.plan
    if corpus.context is not None:
        yield CONTEXT, corpus.context
    for moment in corpus.moments:
        yield _moment_key(moment), moment
    for assessment in corpus.assessments:
        yield DocKey(DocKind.ASSESSMENT, assessment.id), assessment


def _texts(entity: Any, path: tuple) -> Iterator[tuple[tuple, TextKind, str]]:
    """(path, kind, text) of every text field in an entity, nested ones included."""
    for name, kind in _fields_of(type(entity)):
        value = getattr(entity, name)
        if kind is not None:  # a text field (or a list of texts)
            if isinstance(value, str):
                yield path + (name,), kind, value
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield path + (name, index), kind, item
        elif isinstance(value, models.Entity):
            yield from _texts(value, path + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, models.Entity):
                    yield from _texts(item, path + (name, index))


@functools.cache
def _fields_of(model: type[models.Entity]) -> tuple[tuple[str, TextKind | None], ...]:
    """A model class's fields that hold text (with its kind) or nested entities
    (kind None), in order: read once per class rather than once per entity (a
    large playbook has thousands). Ids, numbers and dates are left out."""
    return tuple((name, kind_of(model, name)) for name, field in model.model_fields.items()
                 if kind_of(model, name) is not None or _holds_model(field.annotation))


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, models.BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))
