"""Typed options of the ``cx-playbook`` plugin (``plugins: - cx-playbook: …`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PlaybookConfig(Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off to build an exported Markdown tree with plain mkdocs."""

    content_dir = c.Type(str, default="content")
    """Playbook YAML, relative to mkdocs.yml."""

    assessments_dir = c.Type(str, default="assessments")
    """Questionnaire YAML, relative to mkdocs.yml."""

    # !ENV reads "2026" as a number: names are accepted as numbers too, used as text.
    edition = c.Type((str, int), default="")
    """The edition being built (editions.yml), set by ``cx-playbook build``; empty for one site."""

    editions_default = c.Type((str, int), default="")
    """The edition the site's root sends readers to; the version selector marks it."""

    offline = c.Type(bool, default=True)
    """Write a service worker and a web app manifest, so the site works offline after one visit."""
