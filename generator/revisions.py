"""The content at another revision: a folder as it is, or a git ref written out
into a scratch folder. ``cx-playbook diff`` compares with it and
``cx-playbook build`` publishes editions from it. Only git is run, in a child
process; only ``content/`` and ``assessments/`` are taken from the revision.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path
from typing import Optional

from generator.files import ContentPaths


class RevisionNotFound(Exception):
    """The revision is neither a folder nor a git ref (the message says which was expected)."""


def content_at(revision: str, paths: ContentPaths, scratch: Path) -> ContentPaths:
    """Content paths for ``revision``: a folder holding a project (its content and
    assessments folders named as in ``paths``), or a git ref written out into
    ``scratch``."""
    content = os.path.relpath(paths.content_dir, paths.display_root)
    assessments = os.path.relpath(paths.assessments_dir, paths.display_root)
    folder = Path(revision)
    if folder.is_dir():
        return ContentPaths.from_root(folder, content, assessments)
    if revision.startswith("-"):
        raise RevisionNotFound(f"'{revision}' is not a folder or a git ref (expected a name such as origin/main or HEAD)")
    top = _git(paths.display_root, "rev-parse", "--show-toplevel")
    if top is None:
        raise RevisionNotFound(f"'{revision}' is not a folder, and {paths.display_root} is not in a git repository "
                               "(expected a folder holding content/ and assessments/, or a git ref such as origin/main)")
    if _git(paths.display_root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        raise RevisionNotFound(f"'{revision}' is neither a folder nor a git ref in {top} (expected a branch, tag or "
                               "commit such as origin/main or HEAD; in GitHub Actions, check out with fetch-depth: 0)")
    root = Path(top)
    wanted = [os.path.relpath(p, root) for p in (paths.content_dir, paths.assessments_dir)]
    for part in wanted:
        # One archive per folder: a folder missing at that revision is then reported by load_corpus, in its words.
        archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", revision, "--", part],
                                 capture_output=True)
        if archive.returncode != 0:
            continue
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(scratch, filter="data")  # no path leaves scratch, no device or link outside it
        except (tarfile.TarError, OSError) as error:
            raise RevisionNotFound(f"could not read {part}/ from '{revision}': {error}") from None
    display = scratch / os.path.relpath(paths.display_root, root)
    return ContentPaths(scratch / wanted[0], scratch / wanted[1], display)


def _git(cwd: Path, *command: str) -> Optional[str]:
    """stdout of a git command, or None when git is missing or the command fails."""
    try:
        result = subprocess.run(["git", "-C", str(cwd), *command], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None
