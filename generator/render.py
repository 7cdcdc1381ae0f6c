"""Render the corpus into the site's pages: ``{path: Markdown}``. Pure, no mkdocs.

Templates live in ``generator/templates``: ``*.md.j2`` are Markdown pages,
``*.html.j2`` are HTML fragments placed inside them (forms, filters, ruled
tables). Escaping is structural, in three layers:

* content reaches templates as :class:`~generator.views.View` objects, whose
  text fields come out written by the kind the model declares;
* both environments autoescape, and the Markdown one's ``finalize`` writes any
  other string as plain text for Markdown, so a template cannot print raw input;
* HTML fragments are rendered by the HTML environment (``html(...)``), so each
  fragment is escaped for the context it really lands in.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from generator import cache, csp, levels, markup, models, pages, plan_schedule, scoring
from generator.browser_model import build_browser_model
from generator.contract import JS_MODULE, PROBLEMS, REFUSALS
from generator.corpus import Corpus
from generator.editions import Editions
from generator.models import LENS_NAMES, LEVEL_NAMES
from generator.views import EnglishWriter, HtmlWriter, MarkdownWriter, View, Writer, view

TEMPLATES = Path(__file__).parent / "templates"
# The browser runtime's sources: its words are the t("…") and tn(n, "…", "…") calls there
# (theme/assets/cx/src/strings.js), translated like the templates' and carried by each page.
RUNTIME_SOURCES = Path(__file__).parent.parent / "theme" / "assets" / "cx" / "src"
_JS_STRING = r'"((?:[^"\\\n]|\\.)*)"'
_RUNTIME_MSGID = re.compile(r"\bt\(\s*" + _JS_STRING + r"|\btn\(\s*(?:[^,()]|\([^()]*\))+,\s*" + _JS_STRING + r"\s*,\s*" + _JS_STRING)


def runtime_words() -> list[str]:
    """Every English text the browser runtime shows through t() or tn(), in the order first met."""
    return list(runtime_word_places())


def runtime_word_places() -> dict[str, tuple[Path, int]]:
    """Each English text of the runtime -> the .js file and line where it is first
    passed to t() or tn(): where `check` sends a translator who wants its context."""
    found: dict[str, tuple[Path, int]] = {}
    for file in sorted(RUNTIME_SOURCES.glob("*.js")):
        source = file.read_text(encoding="utf-8")
        for match in _RUNTIME_MSGID.finditer(source):
            for index, text in enumerate(match.groups(), start=1):
                if text is not None:
                    line = source.count("\n", 0, match.start(index)) + 1
                    found.setdefault(re.sub(r"\\(.)", r"\1", text), (file, line))
    # The answer-file refusals and problems the runtime shows through t() (contract.js),
    # written where contract.py writes them for the browser.
    data = RUNTIME_SOURCES.parent.parent.parent.parent / JS_MODULE
    source = data.read_text(encoding="utf-8") if data.is_file() else ""
    texts = [message for _, message in REFUSALS.values()] + list(PROBLEMS.values())
    for text in texts:
        at = source.find(json.dumps(text, ensure_ascii=False))
        found.setdefault(text, (data, source.count("\n", 0, at) + 1 if at >= 0 else 1))
    return found


def N_(text: str) -> str:
    """Marks an interface word that reaches templates as data, for translators
    (multilingual.interface_words finds every N_ and _ call on a string)."""
    return text


INTERFACE_FROM_DATA = (N_("Low"), N_("Medium"), N_("High"), N_("Processes"), N_("Environment"), N_("People"))

# The footer's words (theme/partials/copyright.html), which mkdocs' theme writes,
# not the generator: the plugin hands each language's wording of them to the theme.
# The default organization and mkdocs.yml's copyright line are among them, so that
# a translation can word the starting playbook's (a name of the editor's own stays as written).
FOOTER_WORDS = (N_("Edition"), N_("Playbook content version"), N_("unknown"), N_("Your dealership"),
                N_("Answers to the self-assessments never leave your browser."))


class _RememberingWriter:
    """A writer that keeps what it wrote: writing a text is a pure function of
    its kind and the text, and a page set writes the same texts many times (a
    play's title on several pages; every text again on each serve rebuild)."""

    LIMIT = 200_000  # entries; then it starts afresh

    def __init__(self, writer: Writer):
        self._writer = writer
        self._written: dict[tuple[Any, str], Any] = {}

    def write(self, kind: Any, text: str) -> Any:
        key = (kind, text)
        written = self._written.get(key)
        if written is None:
            if len(self._written) >= self.LIMIT:
                self._written.clear()
            written = self._written[key] = self._writer.write(kind, text)
        return written


_MARKDOWN_WRITER = _RememberingWriter(MarkdownWriter())
_HTML_WRITER = _RememberingWriter(HtmlWriter())


@dataclass(frozen=True)
class RenderOptions:
    # mkdocs' use_directory_urls: decides the URLs the runtime builds from data.
    directory_urls: bool = True
    # The edition being built, when several are published side by side.
    edition: Optional[str] = None
    # A translated site: its language, the interface's wording (English text ->
    # this language's) and the content texts it shows in English (i18n.py).
    language: str = "en"
    interface: Optional[dict] = None
    untranslated: frozenset = frozenset()
    # Assessments in the default language (their fingerprints hold in every
    # language), and each question's wording in every language, by assessment id.
    sources: Optional[dict] = None
    wordings: Optional[dict] = None
    # The folder a translation's pages are published in ("es/"), to reach the site's root.
    prefix: str = ""
    # The site's address (mkdocs' site_url), for what must be absolute: the showroom QR code.
    site_url: Optional[str] = None
    # The repository's editor (edit_links.py): the project folder's address, from
    # mkdocs' repo_url and edit_uri; None: no edit links. ``edit`` holds where each
    # entity of this language is written (render_site fills it in).
    edit_base: Optional[str] = None
    edit: Optional[Any] = field(default=None, compare=False, hash=False, repr=False)

    def t(self, text: str) -> str:
        """The interface's wording in this language (English when not translated)."""
        return (self.interface or {}).get(text) or text


def build_nav(corpus: Corpus, options: RenderOptions = RenderOptions()) -> list[Any]:
    """The site navigation in mkdocs.yml's ``nav`` format. Titles are HTML-escaped
    here because the theme prints nav titles as they are."""
    # Interface words come from a translation (content) too: escaped like every title.
    def _(text: str) -> str:
        return markup.nav_title(options.t(text))

    return [
        {_("Home"): pages.HOME},
        {_("At a glance"): pages.GLANCE},
        {_("Start here"): pages.START_HERE},
        {_("The strategy"): pages.STRATEGY},
        {_("Seven moments"): [{markup.nav_title(f"{m.order}. {m.title}"): pages.moment_path(m.id)} for m in corpus.moments]},
        {_("Plays"): pages.PLAYS},
        {_("Self-assessments"): [
            item for a in corpus.assessments for item in (
                {markup.nav_title(a.title): pages.assessment_path(a.id)},
                {markup.nav_title(options.t("{title}: team view").format(title=a.title)): pages.team_path(a.id)},
            )
        ]},
        {_("Experience log"): [
            {_("Keep your log"): pages.LOG},
            {_("Everyone's logs (CX lead)"): pages.LOG_VIEW},
            {_("For customers"): pages.LOG_CUSTOMER},
        ]},
        {_("Glossary"): pages.GLOSSARY},
        {_("Sources"): pages.SOURCES},
        {_("Changelog"): pages.CHANGELOG},
    ]


def render_editions_index(editions: Editions) -> str:
    """The site's root page when editions are published: it leads to the default
    edition and lists the others."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    return csp.with_policy(env.get_template("editions-index.html.j2").render(editions=editions, default=editions.get(editions.default)))


def render_pages(corpus: Corpus, options: RenderOptions = RenderOptions()) -> dict[str, str]:
    """Every generated page, by its path under docs_dir."""
    renderer = _Renderer(corpus, options)
    out = {
        pages.HOME: renderer.page("home.md.j2", pages.HOME),
        pages.GLANCE: renderer.page("at-a-glance.md.j2", pages.GLANCE),
        pages.START_HERE: renderer.page("start-here.md.j2", pages.START_HERE),
        pages.STRATEGY: renderer.page("strategy.md.j2", pages.STRATEGY),
        pages.PLAYS: renderer.page("plays.md.j2", pages.PLAYS, plays=renderer.all_plays()),
        pages.LOG: renderer.page("experience-log.md.j2", pages.LOG, model=renderer.log_model(pages.LOG)),
        pages.LOG_VIEW: renderer.page("experience-log-lead.md.j2", pages.LOG_VIEW, model=renderer.log_model(pages.LOG_VIEW),
                                      qr=_qr_svg(options.site_url, options.prefix, pages.LOG_CUSTOMER, options.directory_urls)),
        pages.LOG_CUSTOMER: renderer.page("experience-log-customer.md.j2", pages.LOG_CUSTOMER,
                                          model=renderer.log_model(pages.LOG_CUSTOMER)),
        pages.GLOSSARY: renderer.page("glossary.md.j2", pages.GLOSSARY),
        pages.SOURCES: renderer.page("sources.md.j2", pages.SOURCES, cited_by=_resolve_citations(corpus)),
        pages.CHANGELOG: renderer.page("changelog.md.j2", pages.CHANGELOG),
    }
    for moment in corpus.moments:
        path = pages.moment_path(moment.id)
        assessed_in = [(a, s) for a in corpus.assessments for s in a.sections if s.moment == moment.id]
        out[path] = renderer.page("moment.md.j2", path, moment=renderer.md(moment), assessed_in=renderer.md(assessed_in))
    for assessment in corpus.assessments:
        for path, template in ((pages.assessment_path(assessment.id), "assessment.md.j2"),
                               (pages.team_path(assessment.id), "team.md.j2")):
            model = build_browser_model(corpus, assessment, path, directory_urls=options.directory_urls,
                                        edition=options.edition, source=(options.sources or {}).get(assessment.id),
                                        wordings=(options.wordings or {}).get(assessment.id),
                                        root="../" * options.prefix.count("/"))
            out[path] = renderer.page(template, path, assessment=renderer.md(assessment), raw=assessment,
                                      model=model.model_dump(mode="json"), scoring=_scoring(corpus, assessment, renderer))
    return out


def _scoring(corpus: Corpus, assessment: models.Assessment, renderer: "_Renderer") -> list[dict[str, Any]]:
    """Each level with its reference profiles as the real scoring code scores
    them (check has already failed any that lands outside its level)."""
    scored = levels.scored_profiles(corpus, assessment)
    return [{"level": renderer.md(level),
             "profiles": [{"label": s.profile.label, "percent": math.floor(s.percent + scoring.EPSILON)}
                          for s in scored if s.level is level]}
            for level in assessment.levels]


# ---------------------------------------------------------------------------
# Environments
# ---------------------------------------------------------------------------


class _Renderer:
    """The two template environments over one corpus."""

    def __init__(self, corpus: Corpus, options: RenderOptions):
        self.corpus = corpus
        self.options = options
        self._md_writer, self._html_writer = _MARKDOWN_WRITER, _HTML_WRITER
        if options.untranslated:
            self._md_writer = EnglishWriter(_MARKDOWN_WRITER, options.untranslated, markdown=True)
            self._html_writer = EnglishWriter(_HTML_WRITER, options.untranslated, markdown=False)
        self.markdown_env = self._environment(markdown=True)
        self.html_env = self._environment(markdown=False)
        self._abbreviations = "\n" + "".join(
            "\n" + markup.abbreviation(t.term, t.expansion) for t in corpus.glossary.terms
        )

    def md(self, value: Any) -> Any:
        return view(value, self._md_writer)

    def page(self, template: str, path: str, **context: Any) -> str:
        text = self.markdown_env.get_template(template).render(page=path, **context)
        # Abbreviations become tooltips wherever they appear (Markdown's abbr).
        return text + self._abbreviations + "\n"

    def log_model(self, page: str) -> dict[str, Any]:
        """What the experience log's runtime needs (theme/assets/cx/src/log.js): the
        moments and touchpoints by id with their names in this language, the feeling
        scale and the interface's words."""
        _ = self.options.t
        url = lambda to, anchor="": pages.url(page, to, directory_urls=self.options.directory_urls) + (f"#{anchor}" if anchor else "")
        return {
            "id": "experience-log",
            "language": self.options.language,
            "siteRoot": "../" * self.options.prefix.count("/") + url(pages.HOME),
            "viewUrl": url(pages.LOG_VIEW),
            "k": 5,
            "moments": [{"id": m.id, "title": m.title, "url": url(pages.moment_path(m.id), "plays"),
                         "touchpoints": [{"id": t.id, "name": t.name} for t in m.touchpoints]} for m in self.corpus.moments],
            "feelings": [{"value": value, "label": label} for value, label in self.feelings()],
            "strings": {key: _(text) for key, text in LOG_STRINGS.items()},
        }

    def runtime_strings(self) -> dict[str, str]:
        interface = self.options.interface or {}
        return {text: interface[text] for text in runtime_words() if interface.get(text)}

    def feelings(self) -> list[tuple[int, str]]:
        _ = self.options.t
        return [(1, _("Awful")), (2, _("Poor")), (3, _("Acceptable")), (4, _("Good")), (5, _("Excellent"))]

    def all_plays(self) -> list[dict[str, Any]]:
        """Strategy plays first, then in journey order, with where they live."""
        return [{"play": self.md(ref.play), "moment": self.md(ref.moment), "page": self._play_page(ref.play.id)}
                for ref in self.corpus.plays.values()]

    def _play_page(self, play_id: str) -> str:
        ref = self.corpus.plays[play_id]
        return pages.moment_path(ref.moment.id) if ref.moment else pages.STRATEGY

    def _environment(self, markdown: bool) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # In Markdown pages a string no view wrote is plain text for Markdown;
            # in HTML fragments autoescaping does the same for HTML.
            finalize=_finalize_markdown if markdown else None,
            # Compiling the templates costs more than rendering them: compiled once, kept on disk.
            bytecode_cache=cache.templates(),
        )
        writer = self._md_writer if markdown else self._html_writer
        corpus = self.corpus
        env.filters.update(
            indent_md=_indent,
            front=lambda text: Markup(markup.front_matter_value(str(text))),
            json_attribute=_json_attribute,
            level=lambda value: self.options.t(LEVEL_NAMES.get(value, value)),
            # The interface's own sentences with emphasis or code, under the content policy
            # (a translation is content like any other).
            inline=lambda text: Markup(markup.safe_inline(str(text))),
            web_link=lambda url: Markup(markup.web_link(str(url))),
        )
        env.globals.update(
            playbook=view(corpus.playbook, writer),
            strategy=view(corpus.strategy, writer),
            moments=view(corpus.moments, writer),
            assessments=view(corpus.assessments, writer),
            departments=view(corpus.departments, writer),
            sources=view(corpus.sources, writer),
            glossary=view(corpus.glossary, writer),
            plan=view(corpus.plan, writer),
            context=view(corpus.context, writer),
            log=view(corpus.experience_log, writer),
            lenses=LENS_NAMES,
            level_names=LEVEL_NAMES,
            # A plain text shown in English on a translated page, where the template must
            # mark its element (a question's legend): an attribute or <option> cannot.
            in_english=lambda v, name: bool(self.options.untranslated) and (id(v.entity), name) in self.options.untranslated,
            department=lambda id: view(corpus.department(id), writer),
            source=lambda id: view(corpus.source(id), writer),
            play=lambda id: view(corpus.plays[id].play, writer),
            moment=lambda id: view(next(m for m in corpus.moments if m.id == id), writer),
            play_page=self._play_page,
            metric=lambda id: view(corpus.metrics[id].metric, writer),
            metric_page=lambda id: pages.moment_path(corpus.metrics[id].moment.id) if corpus.metrics[id].moment else pages.STRATEGY,
            # Targets and anchors come from validated ids (^[a-z0-9-]+$) or literals, never from prose.
            link=lambda from_page, to_page, anchor="": Markup(pages.link(from_page, to_page, _id(anchor))),
            anchor=lambda id: Markup("{#" + _id(id) + "}"),
            paths={"home": pages.HOME, "glance": pages.GLANCE, "start": pages.START_HERE, "strategy": pages.STRATEGY, "plays": pages.PLAYS,
                   "log": pages.LOG, "glossary": pages.GLOSSARY, "sources": pages.SOURCES, "changelog": pages.CHANGELOG},
            moment_path=pages.moment_path,
            assessment_path=pages.assessment_path,
            team_path=pages.team_path,
            # The interface's own words (headings, labels, buttons) in the page's language.
            _=self.options.t,
            lang=self.options.language,
            # The plan as a schedule (generator/plan_schedule.py): slots carry ids and weeks only.
            schedule_by_owner=lambda: plan_schedule.by_owner(corpus),
            plays_starting=lambda first, last: plan_schedule.starting(corpus, first, last),
            plan_weeks=lambda: list(range(1, plan_schedule.weeks_of(corpus) + 1)),
            week_of_day=plan_schedule.week_of_day,
            minimum=lambda: view(plan_schedule.minimum_of(corpus), writer),
            metric_moment=lambda id: view(corpus.metrics[id].moment, writer) if id in corpus.metrics else None,
            feelings=self.feelings(),
            # Edit where you read (edit_links.py): None without repo_url, so templates write no link.
            # The runtime's words in this language (strings.js reads them); none on an English page.
            runtime_strings=self.runtime_strings,
            edit_url=lambda *key: self.options.edit.url(*key) if self.options.edit else None,
            edit_where=lambda *key: self.options.edit.where(*key) if self.options.edit else None,
        )
        if markdown:
            env.globals["html"] = self._render_html
        return env

    def _render_html(self, template: str, **context: Any) -> Markup:
        """An HTML fragment for a Markdown page, rendered by the HTML environment.
        Views passed in are seen through the HTML writer there."""
        context = {name: _rewrite(value, self._html_writer) for name, value in context.items()}
        html = self.html_env.get_template(template).render(**context)
        return Markup(_compact_html(html))


# The experience log's runtime words (log.js, log-view.js), in the page's language.
LOG_STRINGS = {
    "saved": N_("Saved in this browser."), "notSaved": N_("This browser refused to keep it: export it now so it is not lost."),
    "incomplete": N_("Choose how it felt and write at least what happened, what made it so or an idea."),
    "editing": N_("Editing the entry: change it, then save."), "saveChanges": N_("Save changes"), "saveEntry": N_("Save entry"),
    "deleted": N_("Entry deleted."), "confirmDelete": N_("Delete this entry?"), "empty": N_("No entries yet."),
    "count": N_("{n} entries in this browser"), "edit": N_("Edit"), "delete": N_("Delete"),
    "ours": N_("Our dealership"), "other": N_("Another business"), "why": N_("What made it so:"), "idea": N_("Idea:"),
    "sendHint": N_("Send these links to your CX lead (by text message or email). Each opens their log view with your entries."),
    "customerLinkHint": N_("Thank you! Send this link to the store, or show this screen to a member of staff."),
    "nothingToSend": N_("There is nothing to send yet."), "linkLabel": N_("Link {n} of {total}"), "copy": N_("Copy link"),
    "copied": N_("Copied"), "email": N_("Email it"), "mailSubject": N_("My experience log"),
    "notJson": N_("This is not a JSON file."), "notLog": N_("This is not an experience log."),
    "newerLog": N_("This log was made by a newer version of the playbook."), "badLink": N_("This link is damaged or cut short."),
    "fromLink": N_("the link"), "merged": N_("{added} new entries merged; logs from {people} people in this browser."),
    "summary": N_("{entries} entries from {people} people ({customers} of them customers): {ours} about our dealership, {other} about other businesses."),
    "noLogs": N_("No logs yet: open a link someone sent you, or choose their exported files."),
    "byMoment": N_("Entries by moment"), "byMomentCaption": N_("Entries by moment of the customer journey (n = {n})"),
    "moment": N_("Moment"), "entries": N_("Entries"), "meanFeeling": N_("How it felt (mean, 1-5)"), "plays": N_("Plays"),
    "playsOf": N_("Plays for {moment}"), "byTouchpoint": N_("Entries by touchpoint"),
    "byTouchpointCaption": N_("Touchpoints with at least one entry"), "touchpoint": N_("Touchpoint"),
    "best": N_("Best-rated touchpoints"), "worst": N_("Worst-rated touchpoints"), "ideas": N_("Ideas"),
    "namesHidden": N_("Names are hidden: fewer than {k} people have sent a log."), "aColleague": N_("a colleague"),
    "aCustomer": N_("a customer"), "confirmClear": N_("Remove every log kept in this browser?"),
}


def _qr_svg(site_url: Optional[str], prefix: str, page: str, directory_urls: bool) -> Optional[dict]:
    """The showroom QR code to the customer form: an SVG segno draws from the
    page's absolute address, and that address to print under it (None without a
    site_url). A local address (the 127.0.0.1:8000 of `make serve`) is flagged: a
    printed code must reach the published site, not the editor's laptop."""
    if not site_url:
        return None
    import segno

    path = prefix + (page[: -len(".md")] + "/" if directory_urls else page[: -len(".md")] + ".html")
    address = site_url.rstrip("/") + "/" + path
    svg = segno.make(address, error="m").svg_inline(scale=6, title=None, svgclass="cx-qr__code", lineclass=None)
    return {"svg": Markup(svg), "address": address, "local": (urlsplit(site_url).hostname or "") in _LOCAL_HOSTS}


_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


def _rewrite(value: Any, writer: Writer) -> Any:
    if isinstance(value, View):
        return view(value.entity, writer)
    if isinstance(value, list):
        return [_rewrite(item, writer) for item in value]
    return value


def _finalize_markdown(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(markup.plain_markdown(value))


def _id(value: str) -> str:
    return markup.ID_SAFE.sub("", str(value))


# The characters an attribute value in single quotes must not hold as they are
# ("&" would start a character reference), written as JSON escapes instead: they
# only ever occur inside JSON strings, where "\u0027" is the same "'".
_ATTRIBUTE_UNSAFE = str.maketrans({"'": "\\u0027", "&": "\\u0026", "<": "\\u003c", ">": "\\u003e",
                                    # Line breaks to str.splitlines (_compact_html), not to JSON:
                                    # split there, a JSON string would hold a raw newline.
                                    "\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _json_attribute(data: Any) -> Markup:
    """JSON for a single-quoted attribute (``data-cx-model='…'``). Escaped for a
    double-quoted one, each of its many quotes took six bytes (``&#34;``): the
    team page's HTML was within 108 bytes of the 14,600 a new connection's first
    round trip carries (issue 17, item 9)."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ATTRIBUTE_UNSAFE))


def _indent(text: Any, width: int = 4) -> Markup:
    """Indent already-written Markdown (a block inside a tab or an admonition).
    Anything else is written as plain text first: this filter cannot mark raw
    input safe."""
    if not isinstance(text, Markup):
        text = Markup(markup.plain_markdown(str(text)))
    # An English text on a translated page (views.EnglishWriter) inside an indented
    # block: Markdown is parsed there anyway, and md_in_html would leave its marker.
    text = Markup(str(text).replace('<div lang="en" markdown="1">', '<div lang="en">'))
    pad = " " * width
    return Markup("\n".join(pad + line if line.strip() else "" for line in str(text).splitlines()))


def _compact_html(html: str) -> str:
    # Python-Markdown ends a raw HTML block at a blank line in some cases; a
    # block without blank lines is always passed through whole.
    return "\n".join(line for line in html.splitlines() if line.strip())


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
    cite([f.source for f in strategy.figures], strategy.title, pages.STRATEGY)
    for section in strategy.sections:
        cite(section.sources, strategy.title, pages.STRATEGY)
    for play in strategy.plays:
        cite(play.sources, strategy.title, pages.STRATEGY)
    for moment in corpus.moments:
        refs = moment.sources + [s for p in moment.plays for s in p.sources]
        cite(refs, moment.title, pages.moment_path(moment.id))
    cite(corpus.experience_log.sources, corpus.experience_log.title, pages.LOG)
    cite(corpus.plan.sources, corpus.plan.title, pages.START_HERE)
    if corpus.context is not None:
        cite([f.source for f in corpus.context.figures], corpus.strategy.title, pages.STRATEGY)
    return cited

