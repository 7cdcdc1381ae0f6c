"""Write the playbook as a plain Markdown tree that any mkdocs.yml-compatible
builder can build without our plugin (MkDocs 1.6.1 is the last release and
Material announces its end of life; Zensical reads mkdocs.yml but runs no
third-party plugins)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from generator import sanitizer
from generator.corpus import Corpus
from generator.multilingual import render_site
from generator.render import RenderOptions

PLUGIN_NAME = "cx-playbook"
# A whole copy of Material's nav item (theme/partials/nav-item.html) that fixes
# invalid HTML: another builder brings its own templates and assets, which it
# would override, so the exported theme leaves it out.
MATERIAL_COPIES = ("partials/nav-item.html",)


def export_tree(corpus: Corpus, project_root: Path, target: Path, config_file: str = "mkdocs.yml",
                translations: list = (), interface: dict | None = None) -> list[Path]:
    """Write ``target/docs/**.md``, ``target/theme`` and ``target/mkdocs.yml``; return the pages written
    (every language's, the translations' under their folder)."""
    config = yaml.load((project_root / config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    if not config.get("repo_url"):
        # No repository, no edit links (as our build): an edit_uri alone is a relative
        # address that a strict mkdocs build refuses on every page.
        for key in ("repo_url", "edit_uri", "edit_uri_template"):
            config.pop(key, None)
    options = RenderOptions(directory_urls=config.get("use_directory_urls", True))
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    source_docs = project_root / config.get("docs_dir", "docs")
    if source_docs.is_dir():  # static files (icons): the pages are generated below
        shutil.copytree(source_docs, docs)
    written = []
    site = render_site(corpus, list(translations), interface or {}, options)
    for path, markdown in site.pages.items():
        file = docs / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(markdown, encoding="utf-8")
        written.append(file)

    theme = config.get("theme", {})
    if isinstance(theme, dict):
        # Zensical's default "modern" look fails colour contrast on the active
        # nav link; "classic" is Material's (other builders ignore the key).
        theme.setdefault("variant", "classic")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        source = project_root / theme["custom_dir"]
        if (target / "theme").exists():
            shutil.rmtree(target / "theme")
        shutil.copytree(source, target / "theme")
        for name in MATERIAL_COPIES:
            (target / "theme" / name).unlink(missing_ok=True)
        theme["custom_dir"] = "theme"
    config["site_name"] = corpus.playbook.title  # as the plugin sets it
    config["site_description"] = corpus.playbook.summary
    # Another builder gets the content policy too: the sanitizer is a Markdown
    # extension, which every mkdocs.yml-compatible builder loads by name.
    extensions = config.setdefault("markdown_extensions", [])
    if sanitizer.EXTENSION not in (_plugin_name(e) for e in extensions):
        extensions.append(sanitizer.EXTENSION)
    config["docs_dir"] = "docs"
    config["nav"] = site.nav
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) != PLUGIN_NAME]
    if len(site.languages) > 1:
        # As the plugin does: search with each language's stemmer, not only the theme's.
        config["plugins"] = [_search_in(p, [lang["code"] for lang in site.languages]) for p in config["plugins"]]
    extra = config.setdefault("extra", {})
    extra["cx"] = {"version": corpus.playbook.version, "organization": corpus.playbook.organization,
                   "languages": site.languages}
    if len(site.languages) > 1:
        extra.setdefault("alternate", [{"name": lang["name"], "link": "/" + lang["prefix"], "lang": lang["code"]}
                                       for lang in site.languages])
    (target / "mkdocs.yml").write_text(
        "# Exported by `cx-playbook export`: plain Markdown, no playbook plugin needed.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return written


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml the way mkdocs does for the one tag it uses here,
    ``!ENV [NAME, default]``, without importing mkdocs."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    nodes = [node] if isinstance(node, yaml.ScalarNode) else list(node.value)
    # The default is YAML like the rest (``null`` is None, not the text "null": an unset
    # CX_REPO_URL must leave repo_url unset, not point every edit link at "null/...").
    default = loader.construct_object(nodes.pop()) if len(nodes) > 1 else None
    variables = [n.value for n in nodes]
    for name in variables:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _construct_env)


def _plugin_name(entry: object) -> str:
    return entry if isinstance(entry, str) else next(iter(entry)) if isinstance(entry, dict) and entry else ""


def _search_in(entry: object, languages: list[str]) -> object:
    """The search plugin's entry with ``lang`` set to every language, unless mkdocs.yml sets it."""
    name = _plugin_name(entry)
    if not name.endswith("search"):
        return entry
    options = dict(entry.get(name) or {}) if isinstance(entry, dict) else {}
    options.setdefault("lang", languages)
    return {name: options}
