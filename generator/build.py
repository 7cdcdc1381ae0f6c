"""``cx-playbook build``: a strict build beside the site, then a swap, so a
failed build leaves the previous site as it was; with ``editions.yml``, every
edition built into its own folder of the site.

Imports nothing of the site builder: each build runs ProperDocs (the
maintained MkDocs fork) in a child process, so the CLI stays usable (and
fast) where only the core is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from generator.editions import Editions, load_editions
from generator.files import ContentPaths
from generator.issues import ContentError
from generator.render import render_editions_index
from generator.revisions import RevisionNotFound, content_at

# The address editions are published under when CX_SITE_URL is not set.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Built:
    """A finished build: how many pages, and the editions it holds (None: one site)."""

    pages: int
    editions: Optional[Editions]


class BuildFailed(Exception):
    """The build stopped; the message says why, and the previous site is as it was."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def build(paths: ContentPaths, site_dir: Path) -> Built:
    """Build into a folder beside ``site_dir``, then swap it in. Raises
    :class:`BuildFailed` (the previous site untouched) when any build fails."""
    root = paths.display_root
    site = (root / site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    try:
        editions = load_editions(root)
    except ContentError as error:
        raise BuildFailed(str(error).replace(" in the content.", " in editions.yml.")) from None
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        if editions is None:
            code = build_site(root, staging)
            if code != 0:
                raise BuildFailed("", code)
        else:
            _build_editions(editions, paths, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, site)
    return Built(sum(1 for _ in site.rglob("*.html")), editions)


def _swap(staging: Path, site: Path) -> None:
    """The new site in place of the old: two renames, never a half-written folder."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.replace(site, old)
    os.replace(staging, site)
    shutil.rmtree(old, ignore_errors=True)


def build_site(project: Path, site_dir: Path, env: Optional[dict[str, str]] = None) -> int:
    """``properdocs build --strict`` of ``project`` into ``site_dir``; its exit status.
    The builder prints its own messages (one line per content problem)."""
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml",
               "--site-dir", str(site_dir)]
    # Material's end-of-life banner would bury the content messages; the README covers the plan.
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1"), **(env or {})}
    return subprocess.run(command, cwd=project, env=full_env).returncode


def _build_editions(editions: Editions, paths: ContentPaths, staging: Path) -> None:
    """Each edition from its source, with today's generator and theme, then the
    versions.json Material's selector reads and a root page that leads to the
    default edition."""
    root = paths.display_root
    base_url = os.environ.get("CX_SITE_URL", DEFAULT_SITE_URL).rstrip("/") + "/"
    for edition in editions.editions:
        print(f"Building edition {edition.name} from {edition.source}…", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix=f"cx-edition-{edition.name}-") as scratch:
            try:
                project = root if edition.source == "." else _edition_project(edition.source, paths, Path(scratch))
            except RevisionNotFound as error:
                raise BuildFailed(f"editions.yml: edition '{edition.name}': {error}") from None
            code = build_site(project, staging / edition.name, {
                "CX_SITE_URL": f"{base_url}{edition.name}/", "CX_EDITION": edition.name,
                "CX_EDITION_DEFAULT": editions.default})
        if code != 0:
            raise BuildFailed(f"Edition '{edition.name}' ({edition.source}) does not build.", code)
    (staging / "versions.json").write_text(json.dumps(editions.versions_json(), indent=2) + "\n", encoding="utf-8")
    (staging / "index.html").write_text(render_editions_index(editions), encoding="utf-8")


def _edition_project(source: str, paths: ContentPaths, scratch: Path) -> Path:
    """A project to build one edition: today's mkdocs.yml, theme and docs, and
    the content at ``source``."""
    root = paths.display_root
    content = content_at(source, paths, scratch / "source")
    project = scratch / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "theme", "docs"):
        if (root / name).is_dir():
            shutil.copytree(root / name, project / name)
        elif (root / name).is_file():
            shutil.copy(root / name, project / name)
    for folder, target in ((content.content_dir, paths.content_dir), (content.assessments_dir, paths.assessments_dir)):
        if folder.is_dir():
            shutil.copytree(folder, project / os.path.relpath(target, root))
    return project
