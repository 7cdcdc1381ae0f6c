"""Render the corpus into the site's pages: ``{path: Markdown}``. Pure, no mkdocs.

Templates live in ``generator/templates``. Content reaches them as data only;
every string a template prints is passed through the content policy
(:mod:`generator.markup`) by Jinja's ``finalize`` unless a filter already made
it safe, so a template cannot forget to escape.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import markup
from generator.corpus import Corpus
from generator.models import LENS_NAMES, Assessment
from generator.pages import CHANGELOG, HOME, LOG, PLAYS, SOURCES, STRATEGY, assessment_path, moment_path

TEMPLATES = Path(__file__).parent / "templates"

@dataclass(frozen=True)
class RenderOptions:
    # mkdocs' use_directory_urls: decides the URLs written into HTML blocks,
    # where mkdocs does not rewrite links for us.
    directory_urls: bool = True


def build_nav(corpus: Corpus) -> list[Any]:
    """The site navigation in mkdocs.yml's ``nav`` format. Titles are HTML-escaped
    here because the theme prints nav titles as they are."""
    return [
        {"Home": HOME},
        {"The strategy": STRATEGY},
        {"Seven moments": [{markup.nav_title(f"{m.order}. {m.title}"): moment_path(m.id)} for m in corpus.moments]},
        {"Plays": PLAYS},
        {"Self-assessments": [{markup.nav_title(a.title): assessment_path(a.id)} for a in corpus.assessments]},
        {"Experience log": LOG},
        {"Sources": SOURCES},
        {"Changelog": CHANGELOG},
    ]


def render_pages(corpus: Corpus, options: RenderOptions = RenderOptions()) -> dict[str, str]:
    """Every generated page, by its path under docs_dir."""
    env = _environment(corpus, options, html=False)
    html_env = _environment(corpus, options, html=True)
    pages = {
        HOME: _render_page(env, "home.md.j2", HOME),
        STRATEGY: _render_page(env, "strategy.md.j2", STRATEGY),
        PLAYS: _render_page(env, "plays.md.j2", PLAYS, plays=list(corpus.plays.values())),  # strategy, then journey order
        LOG: _render_page(env, "experience-log.md.j2", LOG),
        SOURCES: _render_page(env, "sources.md.j2", SOURCES, cited_by=_resolve_citations(corpus)),
        CHANGELOG: _render_page(env, "changelog.md.j2", CHANGELOG),
    }
    for moment in corpus.moments:
        path = moment_path(moment.id)
        sections = [(a, s) for a in corpus.assessments for s in a.sections if s.moment == moment.id]
        pages[path] = _render_page(env, "moment.md.j2", path, moment=moment, assessed_in=sections)
    for assessment in corpus.assessments:
        path = assessment_path(assessment.id)
        form = html_env.get_template("assessment-form.html.j2").render(
            assessment=assessment, page=path, model=_generate_assessment_model(corpus, assessment, path, options),
            answer_sets={s.id: s for s in assessment.answer_sets},
        )
        pages[path] = _render_page(env, "assessment.md.j2", path, assessment=assessment,
                                   form=Markup(_compact_html(form)))
    return pages


# ---------------------------------------------------------------------------
# Environment and filters
# ---------------------------------------------------------------------------


def _environment(corpus: Corpus, options: RenderOptions, html: bool) -> jinja2.Environment:
    # HTML templates rely on autoescaping; Markdown templates on `_finalize`,
    # which applies the content policy to every printed string.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=None if html else _finalize,
    )
    env.filters.update(
        md=lambda text: Markup(markup.safe_markdown(text)),
        inline=lambda text: Markup(markup.safe_inline(text)),
        md_html=markup.markdown_to_html,
        front=lambda text: Markup(markup.front_matter_value(text)),
        json=lambda data: json.dumps(data, ensure_ascii=False),  # autoescaped where printed
        indent_md=lambda text, width=4: Markup(_indent(str(text), width)),
    )
    env.globals.update(
        corpus=corpus,
        playbook=corpus.playbook,
        lenses=LENS_NAMES,
        department=lambda id: corpus.department(id),
        source={s.id: s for s in corpus.sources}.__getitem__,
        link=_link,
        # Heading ids come from validated ids (^[a-z0-9-]+$) or literals, never from prose.
        anchor=lambda id: Markup("{#" + markup.ID_SAFE.sub("", str(id)) + "}"),
        url=lambda from_page, to_page, anchor="": _url(from_page, to_page, anchor, options),
        moment_path=moment_path,
        assessment_path=assessment_path,
        play_path=lambda play_id: _play_path(corpus, play_id),
        paths={"home": HOME, "strategy": STRATEGY, "plays": PLAYS, "log": LOG, "sources": SOURCES, "changelog": CHANGELOG},
    )
    return env


def _finalize(value: Any) -> Any:
    # Anything a template prints that no filter marked safe is treated as
    # untrusted one-line content: escaped, links checked.
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(markup.safe_inline(value))


def _render_page(env: jinja2.Environment, template: str, path: str, **context: Any) -> str:
    return env.get_template(template).render(page=path, **context)


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def _compact_html(html: str) -> str:
    # Python-Markdown ends a raw HTML block at a blank line in some cases; a
    # block without blank lines is always passed through whole.
    return "\n".join(line for line in html.splitlines() if line.strip())


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def _link(from_page: str, to_page: str, anchor: str = "") -> Markup:
    """A Markdown link target from one generated page to another; mkdocs resolves .md links."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return Markup(target + (f"#{anchor}" if anchor else ""))


def _url(from_page: str, to_page: str, anchor: str, options: RenderOptions) -> str:
    """A final URL between built pages, for HTML blocks mkdocs does not rewrite."""
    def built(path: str) -> str:
        stem = path.removesuffix(".md")
        if not options.directory_urls:
            return stem + ".html"
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    here, there = built(from_page), built(to_page)
    # With directory URLs a page is a folder; without, its folder is the file's.
    base = here.rstrip("/") if options.directory_urls else posixpath.dirname(here)
    relative = posixpath.relpath(there or ".", base or ".")
    if options.directory_urls:
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")


def _play_path(corpus: Corpus, play_id: str) -> str:
    ref = corpus.plays[play_id]
    return moment_path(ref.moment.id) if ref.moment else STRATEGY


# ---------------------------------------------------------------------------
# Derived data
# ---------------------------------------------------------------------------


def _resolve_citations(corpus: Corpus) -> dict[str, list[tuple[str, str]]]:
    """source id → [(page title, page path)] of the pages that cite it."""
    cited: dict[str, list[tuple[str, str]]] = {s.id: [] for s in corpus.sources}

    def cite(ids: list[str], title: str, path: str) -> None:
        for source_id in ids:
            if (title, path) not in cited.setdefault(source_id, []):
                cited[source_id].append((title, path))

    strategy = corpus.strategy
    cite([f.source for f in strategy.figures], strategy.title, STRATEGY)
    for section in strategy.sections:
        cite(section.sources, strategy.title, STRATEGY)
    for play in strategy.plays:
        cite(play.sources, strategy.title, STRATEGY)
    for moment in corpus.moments:
        refs = moment.sources + [s for p in moment.plays for s in p.sources]
        cite(refs, moment.title, moment_path(moment.id))
    cite(corpus.experience_log.sources, corpus.experience_log.title, LOG)
    return cited


def _generate_assessment_model(corpus: Corpus, assessment: Assessment, page: str, options: RenderOptions) -> dict[str, Any]:
    """The scoring model embedded in the assessment page as JSON for the runtime."""
    plays = corpus.plays
    used = {p for s in assessment.sections for q in s.questions for p in q.plays}
    moments = {m.id: m for m in corpus.moments}
    return {
        "id": assessment.id,
        "version": assessment.version,
        "title": assessment.title,
        "contentVersion": corpus.playbook.version,
        "organisation": corpus.playbook.organisation,
        "lowBelow": assessment.low_below,
        "answerSets": {
            s.id: {"choices": [{"id": c.id, "label": c.label, "score": c.score} for c in s.choices],
                   "notApplicable": s.not_applicable}
            for s in assessment.answer_sets
        },
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "moment": s.moment,
                "momentTitle": moments[s.moment].title if s.moment else None,
                "momentUrl": _url(page, moment_path(s.moment), "", options) if s.moment else None,
                "questions": [
                    {"id": q.id, "text": q.text, "answerSet": q.answer_set, "weight": q.weight,
                     "lens": q.lens, "plays": list(q.plays), "replaces": list(q.replaces),
                     "notApplicable": q.not_applicable}
                    for q in s.questions
                ],
            }
            for s in assessment.sections
        ],
        "levels": [{"id": lv.id, "name": lv.name, "min": lv.min, "description": lv.description}
                   for lv in assessment.levels],
        "plays": {
            pid: {
                "title": plays[pid].play.title,
                "url": _url(page, _play_path(corpus, pid), pid, options),
                "effort": plays[pid].play.effort,
                "cost": plays[pid].play.cost,
                "owner": plays[pid].play.owner,
                "ownerName": corpus.department(plays[pid].play.owner).name,
                "where": plays[pid].moment.title if plays[pid].moment else corpus.strategy.title,
            }
            for pid in sorted(used)
        },
        "departments": [{"id": d.id, "name": d.name} for d in corpus.departments],
    }
