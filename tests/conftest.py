"""Shared fixtures and helpers: a real build of the default playbook (ProperDocs,
the maintained MkDocs fork), served on 127.0.0.1 and built once per run
whatever the number of xdist workers; a real Chromium (Debian's, never a
downloaded one) driven by Playwright; axe-core; the site's Markdown extensions
as mkdocs.yml lists them; a parser for the links and ids of built pages."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from typing import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# The browser the tests drive: Debian's chromium-headless-shell when it is there
# (the same engine as chromium, without the browser's own processes and UI:
# make test installs it as root), else Debian's chromium; CX_CHROMIUM overrides.
CHROMIUM = os.environ.get("CX_CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if Path(path).exists()), "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The flags the machine needs: no sandbox as root, and no background calls
# to Google's services, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
    # One renderer for all the pages of a site (127.0.0.1 here), not one per
    # page: a tenth less CPU where a test walks many pages (the a11y gate).
    "--process-per-site",
]


# Sites every worker reads, each built once per run (see shared_site): the
# controller serves each on its own port from the start, so a site is built
# for the address it is served at.
SHARED_SITES = ("default", "hostile", "zensical")
_SHARED_ENV = "CX_TEST_SHARED_SITES"
_shared_servers: list = []


def pytest_configure(config):
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller has set up the shared sites (os.environ is inherited)
    folder = Path(tempfile.mkdtemp(prefix="cx-shared-sites-"))
    urls = {}
    for name in SHARED_SITES:
        (folder / name / "site").mkdir(parents=True)
        server, urls[name] = serve(folder / name / "site")
        _shared_servers.append(server)
    os.environ[_SHARED_ENV] = json.dumps({"folder": str(folder), "urls": urls})


def pytest_unconfigure(config):
    if hasattr(config, "workerinput") or not _shared_servers:
        return
    for server in _shared_servers:
        server.shutdown()
    shutil.rmtree(json.loads(os.environ.pop(_SHARED_ENV))["folder"], ignore_errors=True)


def shared_site(name: str, build: Callable[[Path, str], subprocess.CompletedProcess]) -> tuple[Path, str]:
    """(site folder, URL) of a site built once per run: the first worker that
    asks builds it (``build(site_dir, url)``, under a lock), the others wait and
    read it; a failed build fails every test that asks, with its output."""
    shared = json.loads(os.environ[_SHARED_ENV])
    folder, url = Path(shared["folder"]) / name, shared["urls"][name]
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done, failed = folder / "built", folder / "failed"
        if not done.exists() and not failed.exists():
            try:
                result = build(folder / "site", url)
            except subprocess.TimeoutExpired as error:  # recorded, so the other tests do not wait for it again
                result = subprocess.CompletedProcess(error.cmd, "timeout", str(error.stdout or ""), f"{error}")
            output = f"exit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            (done if result.returncode == 0 else failed).write_text(output, encoding="utf-8")
    if failed.exists():
        pytest.fail(f"the {name} site does not build:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
    return folder / "site", url


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        shutil.rmtree(session.config.cache.mkdir("cx-fuzz"), ignore_errors=True)


def pytest_runtest_setup(item):
    """On an xdist worker under ``--dist loadgroup``: a test whose xdist_group
    mark was lost fails (pytest 9.2 made xdist 3.8 ignore them, silently:
    pytest-xdist #1386), since each worker would then set up a grouped
    module's fixtures (the editions' builds, six respondents) again."""
    config = item.config
    if (hasattr(config, "workerinput") and getattr(config.option, "loadgroup", False)  # xdist sets it on workers
            and item.get_closest_marker("xdist_group") and "@" not in item.nodeid):
        pytest.fail("pytest-xdist ignored this test's xdist_group: see pytest-xdist #1386 and the pytest pin "
                    "in pyproject.toml", pytrace=False)


def pytest_terminal_summary(terminalreporter, config):
    """How many fuzzed content cases ran, over all workers (the fuzz gate reports it)."""
    if hasattr(config, "workerinput"):
        return
    totals: dict[str, int] = {}
    for file in sorted(config.cache.mkdir("cx-fuzz").glob("*.json")):
        for kind, count in json.loads(file.read_text(encoding="utf-8")).items():
            totals[kind] = totals.get(kind, 0) + count
    if totals:
        detail = ", ".join(f"{kind} {count}" for kind, count in totals.items())
        terminalreporter.write_line(f"fuzzed content: {sum(totals.values())} cases ({detail})")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's one custom tag, ``!ENV [NAME, default]``: the default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
SITE_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def _extension_names(entries) -> list[str]:
    return [entry if isinstance(entry, str) else next(iter(entry)) for entry in entries]


# The site's Markdown extensions, exactly as mkdocs.yml lists them: the content
# policy is tested against what the site really runs.
MARKDOWN_EXTENSIONS = _extension_names(SITE_CONFIG["markdown_extensions"])

ENGINES = {"properdocs": "properdocs", "mkdocs": "mkdocs"}


def build_site(project: Path, site_dir: Path, *extra: str, site_url: str | None = None,
               engine: str = "properdocs", env: dict | None = None) -> subprocess.CompletedProcess:
    """A strict build for real, in a child process, as an editor would run it:
    ProperDocs by default (what ``make build`` runs), or plain MkDocs 1.6.
    ``site_url`` is the address it will be served at (instant navigation needs it)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    if site_url:
        env["CX_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", ENGINES[engine], "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, timeout=900, env=env,
    )


def cx_playbook(*args, root: Path = ROOT, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``cx-playbook --root ROOT ARGS`` run in this process, through the entry
    point's own ``main``: its exit status, and what it wrote to stdout and
    stderr. A child process costs half a second of start-up; the tests that
    run the command as a user does (exit status, streams and their encoding, no
    traceback on stderr) keep one. Not for ``team`` on PARALLEL_FROM files or
    more (generator/team_files.py): its process pool would fork this worker.
    ``cwd``: the folder it runs from, for a relative ``root`` or argument."""
    from generator import cli

    stdout, stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline=""), io.StringIO()
    argv = ["--root", str(root), *map(str, args)]
    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext(), \
            contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    stdout.flush()
    # Decoded as subprocess's text mode reads a child's stdout (universal newlines).
    text = stdout.buffer.getvalue().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    return subprocess.CompletedProcess(["cx-playbook", *argv], code, text, stderr.getvalue())


def copy_project(target: Path, *, content: Path = ROOT) -> Path:
    """A throwaway copy of the project (content, theme, config) to change and
    build; ``content``: where its content and assessments come from (MINIMAL:
    one moment, one assessment, for tests of the build rather than of the
    playbook, built in a third of the time)."""
    for name in ("content", "assessments"):
        shutil.copytree(content / name, target / name)
    for name in ("theme", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


# The default site's build runs ProperDocs' own entry point, then lists the
# modules loaded from the real MkDocs package (ProperDocs aliases `mkdocs.*`
# imports to itself): test_engines.py reads that line.
_PROPERDOCS = """
import runpy, sys
sys.argv = ["properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", sys.argv[1]]
try:
    runpy.run_module("properdocs", run_name="__main__")
    code = 0
except SystemExit as exit:
    code = exit.code or 0
real = sorted(name for name, module in list(sys.modules.items())
              if "/site-packages/mkdocs/" in (getattr(module, "__file__", None) or ""))
print("REAL-MKDOCS-MODULES:", ",".join(real))
sys.exit(code)
"""


def _build_default(site: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _PROPERDOCS, str(site)], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", CX_SITE_URL=url))


@pytest.fixture(scope="session")
def served_site():
    """The default playbook, served on 127.0.0.1 and built for that address
    (by ProperDocs, as `make build`), once per run. Tests only read it."""
    return shared_site("default", _build_default)


def default_build_output() -> str:
    """What the default site's build printed (after served_site)."""
    shared = json.loads(os.environ[_SHARED_ENV])
    return (Path(shared["folder"]) / "default" / "built").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # The browser asks again for every file (a 304 when it has not changed), so
    # a version published at the same address is seen at the next load while
    # its scripts stay compiled in the cache. Hosts with other rules subclass.
    # The server compares whole seconds of mtime: a test that publishes must
    # publish files newer than those served (a later build is).
    cache_control = "no-cache"

    def end_headers(self):
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A static server whose clients may hang up mid-answer (a browser that
    navigates on, a worker that is replaced) without a traceback in the log."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[1]


class Host:
    """A static server that can be stopped and started again on the same port,
    so the network really is gone while a browser is offline, and a new version
    is published at the same address (the same origin keeps its storage)."""

    def __init__(self, folder: Path, handler: type = _QuietHandler, port: int = 0):
        self.folder = folder
        self.handler = handler
        self.port = port
        self.server = None
        self.start()

    def start(self):
        handler = functools.partial(self.handler, directory=str(self.folder))
        self.server = QuietServer(("127.0.0.1", self.port), handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


class Republish:
    """An address of this worker's own and the default content built for it
    (once per worker): a test that publishes a new version at one address starts
    from a copy of it (``start``) and swaps its own builds in (``publish``)."""

    def __init__(self, port: int, default: Path):
        self.port, self.default = port, default

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, site: Path, handler: type = _QuietHandler) -> Host:
        """``site`` holds the default site, served at this address."""
        shutil.copytree(self.default, site)
        return Host(site, handler, self.port)

    def build(self, project: Path, target: Path) -> None:
        """``project`` built for this address into ``target``."""
        result = build_site(project, target, site_url=self.url)
        assert result.returncode == 0, result.stderr[-3000:]

    @staticmethod
    def publish(built: Path, site: Path) -> None:
        """``built`` becomes the served ``site`` (the folder stays: the server serves it)."""
        for child in site.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        for child in built.iterdir():
            shutil.copytree(child, site / child.name) if child.is_dir() else shutil.copy2(child, site / child.name)


@pytest.fixture(scope="session")
def republish(tmp_path_factory) -> Republish:
    """The default content built once for a port of this worker's own. The
    tests that use it share an xdist group, so it is built once per run."""
    folder = tmp_path_factory.mktemp("republish")
    (folder / "probe").mkdir()
    probe = Host(folder / "probe")  # a free port, then released for the tests' own servers
    probe.stop()
    shared = Republish(probe.port, folder / "default")
    shared.build(ROOT, shared.default)
    return shared


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium) "
                    "or set CX_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield Browser(instance)
        instance.close()


# Material's search worker, as its config names it (assets/javascripts/workers/search.<hash>.min.js),
# is replaced in the page by an object that takes messages and never answers,
# as a worker still indexing would. Done in the page, not by intercepting
# requests: Playwright's interception turns off the browser's cache, and every
# page load then downloaded and compiled Material's bundle again (the site's 40
# pages in one context: 19-21 busy CPU-s that way, 11-15 s this way).
NO_SEARCH_WORKER = """(() => {
  const search = /[/]workers[/]search[.][^/]*[.]min[.]js$/;
  window.Worker = new Proxy(window.Worker, {
    construct(target, args, newTarget) {
      if (!search.test(String(args[0]))) return Reflect.construct(target, args, newTarget);
      return Object.assign(new EventTarget(), {postMessage() {}, terminate() {}});
    },
  });
})();"""


class Browser:
    """Playwright's browser, whose contexts leave out the site's two background
    workers unless a test asks for them (``workers=True``): the service worker,
    whose first install downloads the whole site, and Material's search worker,
    which indexes every page's text again at each page load. Neither changes
    what a page shows until the reader searches or goes offline, and together
    they were about a third of the suite's time. The tests of offline use, of
    search and of the CSP while every feature is used ask for both."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, *, workers: bool = False, **options):
        if workers:
            return self._browser.new_context(**options)
        options.setdefault("service_workers", "block")
        context = self._browser.new_context(**options)
        context.add_init_script(NO_SEARCH_WORKER)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def run_axe(page, *, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"),
            colour_only: bool = False):
    """Inject axe-core (from npm) and return its violations as short strings.
    ``colour_only``: only the rules of those tags that are about colour (axe's
    ``cat.color``), for a second palette of a page already checked whole: a
    palette changes colours, never the markup, the names or the layout."""
    if not page.evaluate("() => !!window.axe"):
        # Evaluated through the DevTools protocol, like a console command: the
        # page's Content-Security-Policy rightly refuses an injected <script>.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    result = page.evaluate(
        """async ([tags, colourOnly]) => {
          // Violations only: axe then stops collecting every node that passes.
          const resultTypes = ['violations'];
          if (!colourOnly) return await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes});
          const rules = axe.getRules(tags).filter((r) => r.tags.includes('cat.color')).map((r) => r.ruleId);
          if (!rules.length) throw new Error('axe has no colour rule among ' + tags);
          return await axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes});
        }""", [list(tags), colour_only]
    )
    return [
        f"{v['id']}: {v['help']} — " + ", ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


SCHEMES = {"default": "light", "slate": "dark"}
_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


def palette(page) -> str:
    """The palette the page shows: "light" or "dark"."""
    return SCHEMES[page.evaluate(_SCHEME)]


def toggle_palette(page) -> str:
    """Switch the palette with the toggle a reader sees (light ↔ dark); the
    palette it switched to. The click is dispatched, not moved to: a pointer
    left on the toggle shows its tooltip, fading in, which axe would check
    half-transparent."""
    before = page.evaluate(_SCHEME)
    page.locator("[data-md-component=palette] label:not([hidden])").dispatch_event("click")
    page.wait_for_function(f"(before) => ({_SCHEME})() !== before", arg=before, timeout=30_000)
    return SCHEMES[page.evaluate(_SCHEME)]


def axe_in_both_palettes(page) -> dict[str, list[str]]:
    """axe on the page as it stands, in both palettes: in the one it shows, then
    after the toggle in the other (light: every rule; dark: the colour rules,
    since a palette changes colours only). Violations by palette; the page is
    left in the other palette."""
    page.wait_for_function(f"() => ({_SCHEME})() in {{default: 1, slate: 1}}", timeout=30_000)
    found = {}
    for step in range(2):
        shown = palette(page)
        found[shown] = run_axe(page, colour_only=shown == "dark")
        if step == 0:
            toggle_palette(page)
    return found


CLEAN = {"light": [], "dark": []}


# True once the runtime has mounted every widget of the page: each log root is
# shown, an assessment's toolbar is shown, a team view has drawn its drop zone
# (each is hidden or absent in the built HTML until its module mounts).
WIDGETS_MOUNTED = """() => [...document.querySelectorAll('[data-cx-log], [data-cx-log-view]')].every((el) => !el.hidden)
  && (!document.querySelector('[data-cx-assessment]') || !!document.querySelector('[data-cx-toolbar]:not([hidden])'))
  && (!document.querySelector('[data-cx-team]') || !!document.querySelector('[data-cx-drop]'))"""


def wait_for_widgets(page) -> None:
    """Wait until the page's widgets have mounted (what a reader sees once it has loaded)."""
    page.wait_for_function(WIDGETS_MOUNTED, timeout=30_000)


def case_text(case: dict) -> str:
    """The input of a shared answer-file case (tests/cases/answers.json) as text."""
    if "text" in case:
        return case["text"]
    if "repeat" in case:
        return case["repeat"]["text"] * case["repeat"]["times"]
    return json.dumps(case["file"], ensure_ascii=False)


# ---------------------------------------------------------------------------
# Built pages: their links and ids
# ---------------------------------------------------------------------------


class BuiltPage(HTMLParser):
    """The ids and the links (href/src) of one built HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag in ("a", "area", "link") and attrs.get("href") is not None:
            self.links.append(("href", attrs["href"]))
        if tag in ("script", "img", "source", "iframe") and attrs.get("src"):
            self.links.append(("src", attrs["src"]))


def article_text(html_file: Path) -> str:
    """What a reader reads: the article's text, whitespace collapsed."""
    html = html_file.read_text(encoding="utf-8")
    article = html.split("<article", 1)[-1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


# Audits that visit every page are split into parts (parametrised), so the
# xdist workers share them rather than one worker taking a whole gate (the
# hostile audit is not: its site is built while the other worker works).
AUDIT_PARTS = 4


def audit_part(pages: list[str], part: int) -> list[str]:
    """Every AUDIT_PARTS-th page from ``part``: the parts together are all the pages, once."""
    return pages[part::AUDIT_PARTS]


def site_pages(site: Path) -> list[str]:
    """Every built HTML page, as a URL path relative to the site root."""
    return [f.relative_to(site).as_posix().removesuffix("index.html") for f in sorted(site.rglob("*.html"))]


def page_file(site: Path, path: str) -> Path:
    """The built file of a page path from ``site_pages`` ("" and "x/" are index.html)."""
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def other_origins(urls: list[str], site_url: str) -> list[str]:
    """The addresses among ``urls`` that leave the site's origin (data:, about:
    and the site's own blob: addresses stay in the page)."""
    origin = site_url.rstrip("/")
    own = (origin + "/", f"blob:{origin}/", "data:", "about:")
    return sorted({url for url in urls if url != origin and not url.startswith(own)})


def page_kind(path: str, *, per_language: bool) -> str:
    """A page's kind: its template, with the moment or assessment left out
    (``moments/*/``), and the language too unless ``per_language``."""
    kind = re.sub(r"^((?:es/)?(?:moments|assessments)/)[^/]+/", r"\1*/", path)
    return kind if per_language else kind.removeprefix("es/")


def one_page_of_each_kind(site: Path, pages: list[str], *, per_language: bool) -> list[str]:
    """The largest page of each kind (the moment, assessment or team view with
    the most in it: a pilot, a sources list), and every page of its own, in
    page order. For audits whose findings depend on the template and the
    styles, not on which moment fills them."""
    size = {path: page_file(site, path).stat().st_size for path in pages}
    largest: dict[str, str] = {}
    for path in pages:
        kind = page_kind(path, per_language=per_language)
        if kind not in largest or size[path] > size[largest[kind]]:
            largest[kind] = path
    return [path for path in pages if path in largest.values()]


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(internal links checked, the ones that lead to no file or no id)."""
    from urllib.parse import urlsplit

    parsed = {f: BuiltPage(f.read_text(encoding="utf-8")) for f in site.rglob("*.html")}
    broken: list[str] = []
    checked = 0
    for file, page in parsed.items():
        where = file.relative_to(site).as_posix()
        for attr, value in page.links:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https", "mailto", "tel"):
                    broken.append(f"{where}: {attr}={value!r} uses the scheme {parts.scheme!r}")
                continue
            checked += 1
            target = file if not parts.path else _target_file(site, file, parts.path)
            if target is None or not target.is_file():
                broken.append(f"{where}: {attr}={value!r} → no such file")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else BuiltPage(target.read_text(encoding="utf-8")).ids
                if fragment not in ids:
                    broken.append(f"{where}: {value!r} → no id {fragment!r} in {target.relative_to(site)}")
    return checked, broken


def _target_file(site: Path, page_file: Path, path: str) -> Path | None:
    # 404.html links from the site root (the builder writes absolute paths there).
    base = "" if path.startswith("/") else page_file.parent.relative_to(site).as_posix()
    resolved = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    if resolved.startswith(".."):
        return None
    target = site / resolved
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target
