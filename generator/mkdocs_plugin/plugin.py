"""Event handlers that feed the pure generator into mkdocs.

Why a plugin rather than a ``hooks:`` module: a plugin has typed options
(``config.py``), is registered by entry point so a fork's mkdocs.yml names it
like any other plugin, and keeps one instance across ``mkdocs serve``
rebuilds. Everything it does is load → validate → render from ``generator``;
the handlers only translate between that and mkdocs.

Speed:

* the pages are rendered once per build, and a build whose content, generator
  and libraries are byte for byte those of an earlier successful build takes
  that build's pages, nav and extra values from the on-disk cache instead of
  loading and rendering again (the corpus is then loaded only if something
  asks for ``plugin.corpus``);
* under ``serve``, the theme's templates are compiled once per session, not
  once per rebuild, the listing of the theme's files is reused while its
  custom_dir is unchanged, the content folders are polled every 50 ms
  (the builder polls every 0.5 s) and a rebuild starts after 50 ms without
  further changes (the builder waits 0.1 s);
* under ``serve --dirty`` a page whose Markdown is the same as in the previous
  build is not rebuilt (its HTML from that build is still in the site), unless
  the nav, the ``extra`` values, mkdocs.yml or the theme changed, in which
  case every page is.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator import offline
from generator.loader import cache_dir, cache_load, cache_store
from generator.mkdocs_plugin.config import PlaybookConfig

# The runtime's sources stay out of the site: pages load the bundles built from them.
RUNTIME_SOURCES = "assets/cx/src/"


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self._where: Optional[_Paths] = None  # once on_config has run
        self._corpus = None
        self._serve_command = False
        self._dirty = False
        # This build: its cache key, and what on_config found or made.
        self._key: Optional[str] = None
        self._built: Optional[_Built] = None
        # The previous build of this instance (serve): its key and pages, and
        # what all pages share (nav, extra, config and theme fingerprint).
        self._previous_key: Optional[str] = None
        self._previous_pages: dict[str, str] = {}
        self._previous_shared: Any = None
        self._theme_bytecode = _MemoryBytecode()
        self._theme_listings: dict[Any, list[str]] = {}

    @property
    def paths(self):
        """Where the content lives (a ContentPaths), once on_config has run."""
        if self._where is None:
            return None
        from generator.files import ContentPaths

        return ContentPaths.from_root(self._where.root, self._where.content, self._where.assessments)

    @property
    def corpus(self):
        """The validated playbook of this build, loaded on first use when the
        build's pages came from the cache."""
        if self._corpus is None and self._where is not None:
            self._corpus = _load(self._where)
        return self._corpus

    @corpus.setter
    def corpus(self, value) -> None:
        self._corpus = value

    @property
    def _edition(self) -> str:
        return str(self.config.edition or "")

    # Defining on_startup also makes the builder keep this instance across
    # `serve` rebuilds, so the previous build's pages can be compared.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serve_command = command == "serve"
        self._dirty = bool(dirty)
        if self._dirty:
            _quiet_dirty_warning()

    # Runs before other plugins see the config, so that the nav and extra
    # values they read are already the playbook's.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        root = Path(config.config_file_path).parent
        self._where = _Paths(root, self.config.content_dir, self.config.assessments_dir)
        self._corpus = None
        if self._serve_command:
            self._reuse_theme_work(config)
        directory_urls = bool(config.use_directory_urls)
        self._key = _build_key(self._where.content_dir, self._where.assessments_dir, directory_urls, self._edition)
        if self._key is not None and self._key == self._previous_key and self._built is not None:
            built = self._built  # serve: nothing the pages depend on changed since the last build
        else:
            built = _read_built(self._key)
            if built is None:
                built = self._render(directory_urls)
                _write_built(self._key, built)
        self._built = built
        if not config.nav:
            config.nav = built.nav
        # One place for the name: the header, the menu, every tab title and the
        # print header read site_name; it is the playbook's title, so an editor
        # adapting the playbook never opens mkdocs.yml.
        config.site_name = built.extra["title"]
        config.site_description = built.extra["summary"]
        extra = config.extra
        # The live preview has no service worker: it would keep pages an editor is changing.
        extra["cx"] = {**built.extra, "edition": self._edition,
                       "offline": self.config.offline and not self._serve_command}
        languages = built.extra.get("languages") or []
        if len(languages) > 1:
            # Material's language selector (theme/partials/alternate.html keeps the reader
            # on the same page) and search with each language's stemmer.
            extra.setdefault("alternate", [{"name": lang["name"], "link": "/" + lang["prefix"], "lang": lang["code"]}
                                           for lang in languages])
            for name, plugin in config.plugins.items():
                if name.endswith("search") and hasattr(plugin, "config") and not plugin.config.get("lang"):
                    plugin.config.lang = [lang["code"] for lang in languages]
        if self._edition and "version" not in extra:
            # Material's version selector reads ../versions.json, which cx-playbook build writes (as mike does).
            extra["version"] = {"provider": "mike", "default": str(self.config.editions_default or self._edition)}
        return config

    def _reuse_theme_work(self, config) -> None:
        """serve: the builder makes new template environments for every rebuild
        (and Material's search makes more), compiling the theme's templates and
        listing the thousands of files of its folders again each time. The
        environments this config's theme makes keep their compiled templates
        for the session (Jinja compiles a changed template again), and their
        listing of the theme's files is reused while the custom_dir's files
        (names, sizes, times) are unchanged. Builds are left as they are."""
        theme = config.theme
        make_env = getattr(theme, "get_env", None)
        if make_env is None or getattr(make_env, "_cx_reuses", False):
            return
        bytecode, listings = self._theme_bytecode, self._theme_listings
        custom = getattr(theme, "custom_dir", None)

        def get_env():
            env = make_env()
            if env.bytecode_cache is None:
                env.bytecode_cache = bytecode
            list_templates = env.list_templates

            def remembered(extensions=None, filter_func=None):
                key = (tuple(theme.dirs), tuple(extensions or ()), getattr(filter_func, "__code__", filter_func),
                       tuple(sorted(getattr(theme, "static_templates", ()))), _files_of(custom))
                if key not in listings:
                    listings.clear()
                    listings[key] = list_templates(extensions=extensions, filter_func=filter_func)
                return list(listings[key])

            env.list_templates = remembered
            return env

        get_env._cx_reuses = True  # type: ignore[attr-defined]
        theme.get_env = get_env

    def _render(self, directory_urls: bool) -> _Built:
        from generator.multilingual import render_site
        from generator.render import RenderOptions

        corpus = self.corpus
        playbook = corpus.playbook
        translations, interface = _load_translations(self._where, corpus)
        site = render_site(corpus, translations, interface,
                           RenderOptions(directory_urls=directory_urls, edition=self._edition or None))
        return _Built(
            nav=site.nav,
            extra={"version": playbook.version, "organisation": playbook.organisation, "title": playbook.title,
                   "summary": playbook.summary, "languages": site.languages},
            pages=site.pages,
            directory_urls=directory_urls,
        )

    def on_files(self, files: Files, *, config):
        if not self.config.enabled or self._built is None:
            return
        built = self._built
        if built.directory_urls != bool(config.use_directory_urls):
            # Another plugin changed use_directory_urls after on_config.
            built = self._built = self._render(bool(config.use_directory_urls))
        for file in [f for f in files if f.src_uri.startswith(RUNTIME_SOURCES)]:
            files.remove(file)
        shared = (built.nav, built.extra, _fingerprint(config))
        keep_unchanged = self._dirty and shared == self._previous_shared
        for path, markdown in built.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            unchanged = keep_unchanged and self._previous_pages.get(path) == markdown
            page_class = _UnchangedPage if unchanged else File
            files.append(page_class.generated(config, path, content=markdown))
        self._previous_key, self._previous_pages, self._previous_shared = self._key, built.pages, shared
        return files

    def on_serve(self, server, *, config, builder):
        if not self.config.enabled or self._where is None:
            return
        # Rebuild when content changes; mkdocs watches docs_dir and theme by itself.
        # The builder polls for changes every 0.5 s; the content folders (a few
        # dozen small files) are polled every 50 ms, so a save is seen at once.
        with _polling_interval(server, CONTENT_POLL_S):
            for folder in (self._where.content_dir, self._where.assessments_dir):
                if folder.is_dir():
                    server.watch(str(folder))
        # The dev server waits for 0.1 s without changes before it rebuilds; a
        # save seen by the 50 ms polling arrives as one change, so half is enough.
        if isinstance(getattr(server, "build_delay", None), (int, float)):
            server.build_delay = min(server.build_delay, BUILD_DELAY_S)
        return server

    def on_post_build(self, *, config):
        cx = config.extra.get("cx") or {}
        if not self.config.enabled or not cx.get("offline"):
            return
        # After every page and asset is written: the manifest first, so that the
        # worker precaches it with the rest.
        site = Path(config.site_dir)
        (site / offline.MANIFEST).write_text(
            offline.render_manifest(cx["title"], offline.short_name(cx["title"]), cx["summary"]), encoding="utf-8")
        (site / offline.SERVICE_WORKER).write_text(
            offline.render_service_worker(offline.site_files(site), cx["version"]), encoding="utf-8")


CONTENT_POLL_S = 0.05
BUILD_DELAY_S = 0.05


@contextlib.contextmanager
def _polling_interval(server, seconds: float):
    """Watches scheduled inside poll every ``seconds``. The dev server's
    observer (watchdog's PollingObserver) gives each watch its own emitter with
    the observer's interval at scheduling time; without that attribute (another
    observer, another watchdog) the builder's own interval stays."""
    observer = getattr(server, "observer", None)
    previous = getattr(observer, "_timeout", None)
    if not isinstance(previous, (int, float)):
        yield
        return
    observer._timeout = min(previous, seconds)
    try:
        yield
    finally:
        observer._timeout = previous


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates for one serve session, checked by Jinja against each
    template's source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class _UnchangedPage(File):
    """A generated page whose Markdown, nav and theme are those of the previous
    build: a dirty build leaves its HTML from that build as it is."""

    def is_modified(self) -> bool:
        return False


def _load(paths: "_Paths"):
    from generator.files import ContentPaths
    from generator.issues import ContentError
    from generator.load import load_corpus

    try:
        return load_corpus(ContentPaths.from_root(paths.root, paths.content, paths.assessments))
    except ContentError as error:
        # PluginError aborts the build before anything is written, and
        # mkdocs prints the message as it is: one line per problem.
        raise PluginError("\n" + str(error)) from None


def _load_translations(paths: "_Paths", corpus):
    from generator.files import ContentPaths
    from generator.i18n import load_translations
    from generator.issues import ContentError
    from generator.multilingual import interface_of

    content = ContentPaths.from_root(paths.root, paths.content, paths.assessments)
    try:
        translations = load_translations(content, corpus)
        return translations, interface_of(content, translations)
    except ContentError as error:
        raise PluginError("\n" + str(error)) from None


def _fingerprint(config) -> tuple:
    """What every page's HTML depends on besides its Markdown and the nav: the
    config file and the theme's own files (names, sizes and times)."""
    parts: list[Any] = []
    if config.config_file_path:
        try:
            parts.append(Path(config.config_file_path).read_bytes())
        except OSError:
            parts.append(None)
    parts.extend(_files_of(getattr(config.theme, "custom_dir", None)))
    return tuple(parts)


def _files_of(custom_dir: Optional[str]) -> tuple:
    """(path inside the folder, size, time) of every file of a theme's custom_dir;
    the folder is named relatively in the first config of a serve session and
    absolutely in later ones."""
    if not custom_dir:
        return ()
    folder = Path(custom_dir).resolve()
    found = []
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            stat = file.stat()
            found.append((file.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class _DirtyWarningFilter(logging.Filter):
    """`serve --dirty` warns on every build that navigation may be stale; with
    `strict: true` that warning would abort each rebuild. This plugin rebuilds
    every page when the nav, extra values, config or theme change, so the
    warning does not apply to the playbook's pages."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def _quiet_dirty_warning() -> None:
    for name in ("properdocs.commands.build", "mkdocs.commands.build"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _DirtyWarningFilter) for f in logger.filters):
            logger.addFilter(_DirtyWarningFilter())


# ---------------------------------------------------------------------------
# The build cache: pages, nav and extra values of a successful build, keyed
# by everything they are made from
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Paths:
    """Where the content lives, without importing the models (a build whose
    pages come from the cache never needs them)."""

    root: Path
    content: str
    assessments: str

    @property
    def content_dir(self) -> Path:
        return (self.root / self.content).resolve()

    @property
    def assessments_dir(self) -> Path:
        return (self.root / self.assessments).resolve()


@dataclass(frozen=True)
class _Built:
    nav: list
    extra: dict
    pages: dict[str, str]
    directory_urls: bool


BUILD_CACHE_VERSION = "1"
_BUILD_CACHE_KEEP = 6  # entries
_BUILD_CACHE_MAX_BYTES = 32_000_000  # larger playbooks are rendered every time
_GENERATOR = Path(__file__).resolve().parent.parent


def _build_key(content_dir: Path, assessments_dir: Path, directory_urls: bool, edition: str) -> Optional[str]:
    """A hash of everything the pages, nav and extra values are made from: every
    file under the content folders (names and bytes), the generator's own code
    and templates, the installed packages (names and versions), Python's
    version and the render options. None when the cache is off."""
    if cache_dir() is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"v{BUILD_CACHE_VERSION} py{sys.version} urls={directory_urls} edition={edition}\0".encode())
    for label, folder in (("content", content_dir), ("assessments", assessments_dir), ("generator", _GENERATOR)):
        digest.update(f"[{label}]\0".encode())
        for file in _files_under(folder):
            if label == "generator" and not file.endswith((".py", ".j2")):
                continue
            digest.update(os.path.relpath(file, folder).encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(file, "rb") as handle:
                    digest.update(hashlib.blake2b(handle.read(), digest_size=20).digest())
            except OSError:
                digest.update(b"unreadable")
    digest.update(b"[packages]\0")
    for entry in sys.path:  # installed packages only: the key does not depend on how the build was started
        if entry.rstrip("/").endswith(("site-packages", "dist-packages")) and os.path.isdir(entry):
            try:
                names = sorted(name for name in os.listdir(entry) if name.endswith((".dist-info", ".egg-info")))
            except OSError:
                continue
            digest.update(("\0".join(names) + "\0").encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _files_under(folder: Path) -> list[str]:
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found.extend(os.path.join(top, name) for name in sorted(files))
    return found


def _built_file(key: Optional[str]) -> Optional[Path]:
    folder = cache_dir()
    return None if key is None or folder is None else folder / "builds" / f"{key}.pickle"


def _read_built(key: Optional[str]) -> Optional[_Built]:
    file = _built_file(key)
    data = cache_load(file) if file is not None else None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return _Built(nav=data["nav"], extra=data["extra"], pages=data["pages"], directory_urls=data["directory_urls"])


def _write_built(key: Optional[str], built: _Built) -> None:
    file = _built_file(key)
    if file is None or sum(len(text) for text in built.pages.values()) > _BUILD_CACHE_MAX_BYTES:
        return
    cache_store(file, {"key": key, "nav": built.nav, "extra": built.extra, "pages": built.pages,
                       "directory_urls": built.directory_urls})
    try:
        entries = sorted(file.parent.glob("*.pickle"), key=lambda entry: entry.stat().st_mtime)
        for old in entries[:-_BUILD_CACHE_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
