"""Every on-disk cache, in one place: compiled templates and rendered
builds, under ``~/.cache/cx-playbook/`` (or ``$XDG_CACHE_HOME``, or the folder
in ``CX_PLAYBOOK_CACHE``; ``CX_PLAYBOOK_CACHE=off`` turns every cache off).

A cache only ever saves work: each entry is keyed by everything it is made
from, an entry that is missing, damaged or unreadable is made again, and a
failure to write one (a read-only home, a full disk) costs speed and nothing
else. Entries are JSON: reading one never runs code.

What stays is what ``make bench`` shows earns its keep on the default
content: a build from the rendered-build cache takes about a quarter less CPU.
A cache of parsed YAML files was dropped: it saved about 20 ms of a 450 ms
``check``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Optional

import jinja2

ENV = "CX_PLAYBOOK_CACHE"
# Bump when what is stored for the same key changes meaning.
RENDERED_VERSION = "2"
_RENDERED_KEEP = 6  # entries
_RENDERED_MAX_BYTES = 32_000_000  # larger playbooks are rendered every time
_GENERATOR = Path(__file__).resolve().parent


def root() -> Optional[Path]:
    """The cache folder, or None when ``CX_PLAYBOOK_CACHE=off``."""
    setting = os.environ.get(ENV, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cx-playbook"


def _folder(name: str) -> Optional[Path]:
    base = root()
    return None if base is None else base / f"{name}-py{sys.version_info[0]}.{sys.version_info[1]}"


# ---------------------------------------------------------------------------
# Compiled templates (generator/render.py): Jinja's own bytecode cache
# ---------------------------------------------------------------------------


def templates() -> Optional[jinja2.BytecodeCache]:
    """Jinja's file-system bytecode cache in the cache folder; Jinja checks each
    entry against its template's source, so an edited template is compiled again."""
    folder = _folder(f"jinja{jinja2.__version__}")
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder), "%s.bytecode")


# ---------------------------------------------------------------------------
# Rendered builds: pages, nav and extra values (generator/mkdocs_plugin)
# ---------------------------------------------------------------------------


def rendered_key(folders: Iterable[Path], options: str) -> Optional[str]:
    """A hash of everything a build's pages, nav and extra values are made from:
    every file under the content folders (names and bytes), the generator's
    own code and templates, the installed packages (names and versions),
    Python's version and the render options. None when the cache is off."""
    if root() is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"v{RENDERED_VERSION} py{sys.version} {options}\0".encode())
    for label, folder in [*((f"content{i}", f) for i, f in enumerate(folders)), ("generator", _GENERATOR)]:
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


def _rendered_file(key: str) -> Optional[Path]:
    folder = _folder(f"builds-v{RENDERED_VERSION}")
    return None if folder is None else folder / f"{key}.json"


def rendered(key: Optional[str]) -> Optional[dict]:
    """What :func:`keep_rendered` kept under ``key``, or None."""
    file = _rendered_file(key) if key else None
    data = _read(file) if file is not None else None
    return data["value"] if isinstance(data, dict) and data.get("key") == key else None


def keep_rendered(key: Optional[str], value: dict, size: int) -> None:
    """Keep a successful build's data (JSON; ``size``: its pages' characters)."""
    file = _rendered_file(key) if key else None
    if file is None or size > _RENDERED_MAX_BYTES:
        return
    if _write(file, {"key": key, "value": value}):
        _prune(file.parent, keep=_RENDERED_KEEP, above=_RENDERED_KEEP)


# ---------------------------------------------------------------------------
# Entries: JSON, written atomically
# ---------------------------------------------------------------------------


def _read(file: Path) -> Any:
    try:
        return json.loads(file.read_bytes())
    except (OSError, ValueError):  # missing, unreadable or damaged: made again
        return None


def _write(file: Path, data: Any) -> bool:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, file)
        return True
    except OSError:
        return False  # a read-only home or a full disk only costs speed


def _prune(folder: Path, keep: int, above: int) -> None:
    """Past ``above`` entries, keep the ``keep`` newest."""
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".json")]
        if len(entries) <= above:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime)
    except OSError:
        return
    for entry in entries[: len(entries) - keep]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _files_under(folder: Path) -> list[str]:
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found.extend(os.path.join(top, name) for name in sorted(files))
    return found
