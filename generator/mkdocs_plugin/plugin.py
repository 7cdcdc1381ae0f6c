"""Event handlers that feed the pure generator into mkdocs: load → validate →
render from ``generator`` (every language), handed to the builder as its nav,
name, extra values and generated pages; after the build, the service worker
and manifest.

A plugin rather than a ``hooks:`` module: it has typed options (``config.py``),
is registered by entry point so a fork's mkdocs.yml names it like any other
plugin, and keeps one instance across ``serve`` rebuilds (it defines
``on_startup``), so a dirty rebuild can tell which pages changed
(``preview.py``).
"""

from __future__ import annotations

import html

from pathlib import Path
from typing import Optional

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator import cache, csp, edit_links, offline, sanitizer
from generator.mkdocs_plugin import preview
from generator.mkdocs_plugin.config import PlaybookConfig

# The runtime's sources stay out of the site: pages load the bundles built from them.
RUNTIME_SOURCES = "assets/cx/src/"
# The dev server waits 0.1 s without changes before it rebuilds; one save is one change.
BUILD_DELAY_S = 0.05


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self._root: Optional[Path] = None
        self._serve = self._dirty = False
        self._key: Optional[str] = None
        self._site: Optional[dict] = None  # this build's nav, extra values and pages, as plain data (JSON in the cache)
        self._previous = preview.Previous()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serve, self._dirty = command == "serve", bool(dirty)
        if self._dirty:
            preview.quiet_dirty_warning()

    # Before other plugins read the config: the nav and extra values are the playbook's.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        if sanitizer.EXTENSION not in config.markdown_extensions:  # a fork's mkdocs.yml may not name it
            config.markdown_extensions.append(sanitizer.EXTENSION)
        self._root = Path(config.config_file_path).parent.resolve()
        edition = str(self.config.edition or "")
        urls = bool(config.use_directory_urls)
        # The site's address is an input too: the showroom QR code is drawn from it.
        site_url = config.site_url or ""
        # Edit where you read: mkdocs' repo_url and edit_uri lead to the YAML behind each page and play.
        edit_base = edit_links.editor_base(config.repo_url, config.edit_uri, Path(config.docs_dir), self._root) or ""
        key = cache.rendered_key(self._content_folders(), f"urls={urls} edition={edition} site_url={site_url} edit={edit_base}")
        if self._site is None or key is None or key != self._key:
            self._site = self._render(key, urls, edition, site_url, edit_base)
        self._key = key
        config.nav = config.nav or self._site["nav"]
        # One place for the name: the header, the menu, every tab title and the
        # print header read site_name; it is the playbook's title, so an editor
        # adapting the playbook never opens mkdocs.yml.
        # Material prints both without escaping (header, meta description): a
        # title from content arrives escaped, as nav titles do (markup.nav_title).
        config.site_name = html.escape(self._site["extra"]["title"], quote=True)
        config.site_description = html.escape(self._site["extra"]["summary"], quote=True)
        # The live preview has no service worker: it would keep pages an editor is changing.
        config.extra["cx"] = {**self._site["extra"], "edition": edition, "offline": self.config.offline and not self._serve}
        languages = self._site["extra"]["languages"]
        if len(languages) > 1:
            # Material's language selector (theme/partials/alternate.html keeps the reader
            # on the same page) and search with each language's stemmer.
            # The head's <link rel="alternate"> too: each language's home, where Material's
            # instant navigation reads its sitemap.xml (so not the page's twin: there is no
            # sitemap there). Relative, so Material's `url` filter resolves them from the page
            # and they hold in an edition's or a project site's subfolder (not "/es/").
            config.extra.setdefault("alternate", [{"name": lang["name"], "link": lang["prefix"] or "./", "lang": lang["code"]}
                                                  for lang in languages])
            for name, plugin in config.plugins.items():
                if name.endswith("search") and hasattr(plugin, "config") and not plugin.config.get("lang"):
                    plugin.config.lang = [lang["code"] for lang in languages]
        if edition and "version" not in config.extra:
            # Material's version selector reads ../versions.json, which cx-playbook build writes (as mike does).
            config.extra["version"] = {"provider": "mike", "default": str(self.config.editions_default or edition)}
        return config

    def _content_folders(self) -> list[Path]:
        assert self._root is not None
        return [(self._root / self.config.content_dir).resolve(), (self._root / self.config.assessments_dir).resolve()]

    def _render(self, key: Optional[str], urls: bool, edition: str, site_url: str = "", edit_base: str = "") -> dict:
        """The playbook's site: from the build cache when nothing it is made of
        changed, else loaded, validated and rendered (and kept)."""
        kept = cache.rendered(key)
        if kept is not None:
            return kept
        # Imported only here: a build from the cache never needs the models.
        from generator.files import ContentPaths
        from generator.i18n import load_translations
        from generator.issues import ContentError
        from generator.load import load_corpus
        from generator.multilingual import interface_of, render_site
        from generator.render import FOOTER_WORDS, RenderOptions

        paths = ContentPaths.from_root(self._root, self.config.content_dir, self.config.assessments_dir)
        try:
            corpus = load_corpus(paths)
            translations = load_translations(paths, corpus)
            interface = interface_of(paths, translations)
        except ContentError as error:
            # Aborts the build before anything is written; mkdocs prints the message as it is.
            raise PluginError("\n" + str(error)) from None
        rendered = render_site(corpus, translations, interface, RenderOptions(directory_urls=urls, edition=edition or None,
                                                                                 site_url=site_url or None,
                                                                                 edit_base=edit_base or None))
        playbook = corpus.playbook
        site = {"nav": rendered.nav, "pages": rendered.pages, "edit_urls": rendered.edit_urls,
                "extra": {"version": playbook.version, "organization": playbook.organization, "title": playbook.title,
                          "summary": playbook.summary, "languages": rendered.languages,
                          # The footer's words in each translation (render.FOOTER_WORDS).
                          "footer": {code: {text: words[text] for text in FOOTER_WORDS if words.get(text)}
                                     for code, words in interface.items()}}}
        cache.keep_rendered(key, site, sum(len(text) for text in site["pages"].values()))
        return site

    def on_files(self, files: Files, *, config):
        if not self.config.enabled or self._site is None:
            return
        for file in [f for f in files if f.src_uri.startswith(RUNTIME_SOURCES)]:
            files.remove(file)
        unchanged = self._previous.unchanged(self._site, config) if self._dirty else set()
        for path, markdown in self._site["pages"].items():
            if (existing := files.get_file_from_path(path)) is not None:
                files.remove(existing)
            page = preview.UnchangedPage if path in unchanged else File
            files.append(page.generated(config, path, content=markdown))
        return files

    def on_page_context(self, context, *, page, config, nav):
        # Generated pages have no file in docs_dir for mkdocs to link: Material's edit
        # button opens the YAML the page is written from (none without repo_url).
        if self.config.enabled and self._site is not None:
            page.edit_url = (self._site.get("edit_urls") or {}).get(page.file.src_uri, page.edit_url)
        return context

    def on_serve(self, server, *, config, builder):
        if not self.config.enabled or self._root is None:
            return
        # mkdocs watches docs_dir and the theme by itself; the content lives elsewhere.
        for folder in self._content_folders():
            if folder.is_dir():
                server.watch(str(folder))
        server.build_delay = min(server.build_delay, BUILD_DELAY_S)
        return server

    # Last, after any plugin that still changes the page: the hashes are of the
    # inline scripts as written. Not in the live preview: its server injects an
    # inline script that changes on every request (the reload poller).
    @event_priority(-100)
    def on_post_page(self, output: str, *, page, config) -> str:
        return csp.with_policy(output) if self.config.enabled and not self._serve else output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if not self.config.enabled or self._serve or not template_name.endswith(".html"):
            return output_content
        return csp.with_policy(output_content)

    def on_post_build(self, *, config):
        cx = config.extra.get("cx") or {}
        if self.config.enabled:
            # Material's language selector reads each language's sitemap.xml, from its folder.
            offline.copy_sitemaps(Path(config.site_dir), cx.get("languages") or [])
        if not self.config.enabled or not cx.get("offline"):
            return
        # After every page and asset is written: the manifest first, so that the worker precaches it too.
        site = Path(config.site_dir)
        (site / offline.MANIFEST).write_text(
            offline.render_manifest(cx["title"], offline.short_name(cx["title"]), cx["summary"]), encoding="utf-8")
        (site / offline.SERVICE_WORKER).write_text(
            offline.render_service_worker(offline.site_files(site, [lang["code"] for lang in cx.get("languages") or []] or ["en"]),
                                          cx["version"]), encoding="utf-8")

