"""Event handlers that feed the pure generator into mkdocs.

Why a plugin rather than a ``hooks:`` module: a plugin has typed options
(``config.py``), is registered by entry point so a fork's mkdocs.yml names it
like any other plugin, and keeps one instance across ``mkdocs serve``
rebuilds. Everything it does is load → validate → render from ``generator``;
the handlers only translate between that and mkdocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator import offline
from generator.corpus import Corpus
from generator.files import ContentPaths
from generator.load import load_corpus
from generator.issues import ContentError
from generator.mkdocs_plugin.config import PlaybookConfig
from generator.render import RenderOptions, build_nav, render_pages


RUNTIME_SOURCES = "assets/cx/src/"


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.paths: ContentPaths | None = None
        self.serving = False

    def on_startup(self, *, command, dirty):
        # The live preview has no service worker: it would keep pages an editor is changing.
        self.serving = command == "serve"

    # Runs before other plugins see the config, so that the nav and extra
    # values they read are already the playbook's.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        root = Path(config.config_file_path).parent
        self.paths = ContentPaths.from_root(root, self.config.content_dir, self.config.assessments_dir)
        try:
            self.corpus = load_corpus(self.paths)
        except ContentError as error:
            # PluginError aborts the build before anything is written, and
            # mkdocs prints the message as it is: one line per problem.
            raise PluginError("\n" + str(error)) from None
        if not config.nav:
            config.nav = build_nav(self.corpus)
        extra = config.extra
        extra["cx"] = {"version": self.corpus.playbook.version, "organisation": self.corpus.playbook.organisation,
                       "edition": self._edition, "offline": self.config.offline and not self.serving}
        if self._edition and "version" not in extra:
            # Material's version selector reads ../versions.json, which cx-playbook build writes (as mike does).
            extra["version"] = {"provider": "mike", "default": str(self.config.editions_default or self._edition)}
        return config

    @property
    def _edition(self) -> str:
        return str(self.config.edition or "")

    def on_files(self, files: Files, *, config):
        if not self.config.enabled or self.corpus is None:
            return
        # The runtime's sources stay out of the site: pages load the bundles built from them.
        for file in [f for f in files if f.src_uri.startswith(RUNTIME_SOURCES)]:
            files.remove(file)
        options = RenderOptions(directory_urls=config.use_directory_urls, edition=self._edition or None)
        for path, markdown in render_pages(self.corpus, options).items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=markdown))
        return files

    def on_serve(self, server, *, config, builder):
        if not self.config.enabled or self.paths is None:
            return
        # Rebuild when content changes; mkdocs watches docs_dir and theme by itself.
        for folder in (self.paths.content_dir, self.paths.assessments_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_post_build(self, *, config):
        if not self.config.enabled or self.corpus is None or not config.extra["cx"]["offline"]:
            return
        # After every page and asset is written: the manifest first, so that the
        # worker precaches it with the rest.
        site = Path(config.site_dir)
        playbook = self.corpus.playbook
        (site / offline.MANIFEST).write_text(
            offline.render_manifest(playbook.title, _short_name(playbook.title), playbook.summary), encoding="utf-8")
        (site / offline.SERVICE_WORKER).write_text(
            offline.render_service_worker(offline.site_files(site), playbook.version), encoding="utf-8")


def _short_name(title: str) -> str:
    """A home-screen label of at most 12 characters: the title's last words
    ("Dealership CX Playbook" → "CX Playbook"), or its start."""
    short = ""
    for word in reversed(title.split()):
        if len(f"{word} {short}".strip()) > 12:
            break
        short = f"{word} {short}".strip()
    return short or title[:12]
