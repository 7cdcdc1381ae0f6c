"""The answer files ``cx-playbook team`` reads from disk: which files (folders
walked, each file once), their text as a browser decodes it, which assessment
they answer, the files of pasted links, and reading many of them at once (a
process per core). What each file says is generator/team.py's (the twin of the
team view); the command's arguments and output are generator/cli.py's.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Optional

from generator import team
from generator.answer_file import FILE_MAX_BYTES

# Hundreds of files are read in parallel (one process per core); a few, here.
PARALLEL_FROM = 400
CHUNK = 64
_model: dict = {}


def find(args: list[Path]) -> list[tuple[str, Path]]:
    """(name shown, path) of every file to read: files as named, folders recursively
    (their *.json files, hidden ones left out), each file once."""
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        try:
            key = str(path.resolve())
        except OSError:
            key = str(path)
        if key not in seen:
            seen.add(key)
            found.append((str(path), path))

    for arg in args:
        if arg.is_dir():
            for folder, dirs, names in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(".json") and not name.startswith("."):
                        add(Path(folder) / name)
        else:
            add(arg)
    return found


def read_text(path: Path, limit: int) -> tuple[Optional[str], Optional[str]]:
    """The file's text as a browser decodes it (UTF-8, BOM dropped, bad bytes replaced),
    or why not: "too-large" (checked before reading it whole) or the system's reason."""
    try:
        if path.stat().st_size > limit:
            return None, "too-large"
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        return None, error.strerror or type(error).__name__
    if len(data) > limit:
        return None, "too-large"
    return data.decode("utf-8-sig", errors="replace"), None


# An export starts with "{" (after a byte-order mark and white space); no file
# of links can, since a link is not JSON. Only the start of a file is read to
# tell them apart: a folder of exports is read once, by the reader.
_PROBE_BYTES = 4096
_JSON_WHITESPACE = b" \t\r\n\x0b\x0c"


def _looks_like_json(path: Path) -> Optional[bool]:
    """True when the file starts with "{", False when it does not, None when
    its start is only white space or it cannot be read (the whole text decides)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PROBE_BYTES)
    except OSError:
        return None
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip(_JSON_WHITESPACE)
    if not head:
        return None
    return head.startswith(b"{")


def link_files(files: list[tuple[str, Path]], model: dict, assessment_id: str,
               site_url: Optional[str]) -> tuple[list[tuple[str, Path]], list[dict]]:
    """Files that hold links rather than an export (any text, no JSON object) read link by link:
    (the remaining files, the links' reads)."""
    from urllib.parse import urlsplit

    from generator.team_links import find_links, read_link

    rest: list[tuple[str, Path]] = []
    reads: list[dict] = []
    suffixes = (f"/assessments/{assessment_id}/team/", f"/assessments/{assessment_id}/team.html",
                f"/assessments/{assessment_id}/team/index.html")
    for name, path in files:
        if _looks_like_json(path):
            rest.append((name, path))
            continue
        text, problem = read_text(path, FILE_MAX_BYTES)
        links = find_links(text) if problem is None and not text.lstrip().startswith("{") else []
        if not links:
            rest.append((name, path))
            continue
        for i, link in enumerate(links, start=1):
            parts = urlsplit(link)
            if site_url:
                team_url = site_url.rstrip("/") + suffixes[0]
            elif parts.path.endswith(suffixes):
                team_url = f"{parts.scheme}://{parts.netloc}{parts.path}"
            else:
                team_url = "https://this-site" + suffixes[0]
            reads.append(read_link(f"{name}: link {i}", link, model, team_url))
    return rest, reads


def read_all(files: list[tuple[str, Path]], model: dict) -> list[dict]:
    """Every file read and checked, in the order given."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return [read_one(item, model) for item in files]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_set_model, initargs=(model,)) as pool:
        return list(pool.map(read_one, files, chunksize=CHUNK))


def _set_model(model: dict) -> None:
    _model["model"] = model


def read_one(item: tuple[str, Path], model: Optional[dict] = None) -> dict:
    name, path = item
    model = model or _model["model"]
    text, problem = read_text(path, model["limits"]["fileMaxBytes"])
    if problem == "too-large":
        return team.too_large(name, model)
    if problem is not None:
        return {**team.unreadable(name), "detail": problem}
    return team.read_team_file(name, text, model)


def named_assessment(files: list[tuple[str, Path]], known: dict, limit: int):
    """The assessment the first readable export names."""
    for _, path in files:
        text, problem = read_text(path, limit)
        if problem is not None:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            # A file of links: the assessment whose team view the first link leads to.
            from generator.team_links import find_links

            for link in find_links(text):
                match = re.search(r"/assessments/([^/]+)/team(?:/|\.html)", link)
                if match and match.group(1) in known:
                    return known[match.group(1)]
            continue
        assessment = data.get("assessment") if isinstance(data, dict) else None
        found = assessment.get("id") if isinstance(assessment, dict) else None
        if isinstance(found, str) and found in known:
            return known[found]
    return None
