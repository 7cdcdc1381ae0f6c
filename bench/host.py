"""A static host for the bench that serves the built site the way real ones do
(GitHub Pages, Netlify, nginx with gzip on), standard library only (plus the
Brotli wheel when it is installed):

* ``Content-Encoding: br`` or ``gzip`` by the request's ``Accept-Encoding``, for
  text types (HTML, CSS, JavaScript, JSON, SVG, XML, plain text), with
  ``Vary: Accept-Encoding``; each file is compressed once and kept, as a CDN
  does (gzip level 6, Brotli quality 5: on-the-fly levels, not the maximum);
* ``Cache-Control: max-age=600`` on everything, as GitHub Pages sends;
* a strong ``ETag`` per representation and ``Last-Modified`` from the file;
  ``If-None-Match`` (or, without it, ``If-Modified-Since``) answers ``304``;
* ``/folder`` redirects to ``/folder/`` (301), ``/folder/`` serves its
  ``index.html``, a missing path serves ``404.html`` with status 404;
* HTTP/1.1 keep-alive, ``HEAD``.

It also counts the bytes it sends per path, so a test can see what a page
really cost.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import mimetypes
import os
import posixpath
import sys
import threading
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

try:  # a wheel on PyPI (test extras); without it the host offers gzip only
    import brotli  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

CACHE_CONTROL = "max-age=600"
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                "application/manifest+json")
ENCODINGS = ("br", "gzip") if brotli is not None else ("gzip",)

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/javascript", ".mjs")
mimetypes.add_type("application/manifest+json", ".webmanifest")


def encode(data: bytes, encoding: str) -> bytes:
    """The body a host sends for ``data`` with ``encoding`` ("identity", "gzip", "br")."""
    if encoding == "gzip":
        return gzip.compress(data, GZIP_LEVEL, mtime=0)
    if encoding == "br":
        if brotli is None:
            raise ValueError("Brotli is not installed")
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return data


def content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
        kind += "; charset=utf-8"
    return kind


def compressible(kind: str) -> bool:
    return kind.startswith(COMPRESSIBLE)


def _accepted(header: str) -> list[str]:
    """Encodings the client accepts (q > 0), in our order of preference."""
    offered = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        offered[name.strip().lower()] = q
    return [e for e in ENCODINGS if offered.get(e, offered.get("*", 0.0)) > 0]


class _Entry:
    """One file as the host keeps it: bytes, validators, encoded bodies."""

    def __init__(self, path: Path):
        self.data = path.read_bytes()
        stat = path.stat()
        self.mtime = int(stat.st_mtime)
        self.type = content_type(path)
        self.tag = hashlib.blake2b(self.data, digest_size=8).hexdigest()
        self._bodies: dict[str, bytes] = {"identity": self.data}
        self._lock = threading.Lock()

    def body(self, encoding: str) -> bytes:
        with self._lock:
            if encoding not in self._bodies:
                self._bodies[encoding] = encode(self.data, encoding)
            return self._bodies[encoding]


class RealHost(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, address=("127.0.0.1", 0)):
        self.root = Path(root).resolve()
        self.entries: dict[Path, _Entry] = {}
        self.sent: dict[str, int] = {}  # path -> body bytes sent
        self.statuses: dict[int, int] = {}
        self.lock = threading.Lock()
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def entry(self, path: Path) -> _Entry:
        with self.lock:
            entry = self.entries.get(path)
            if entry is None or entry.mtime != int(path.stat().st_mtime):
                entry = self.entries[path] = _Entry(path)
            return entry

    def handle_error(self, request, client_address):
        # A browser that hangs up (Lighthouse closing a tab) is not an error of the host.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def count(self, path: str, status: int, size: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + size
            self.statuses[status] = self.statuses.get(status, 0) + 1


class _Handler(http.server.BaseHTTPRequestHandler):
    server: RealHost
    protocol_version = "HTTP/1.1"
    server_version = "cx-bench-host"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        normal = posixpath.normpath(url_path)
        target = (self.server.root / normal.lstrip("/")).resolve()
        if target != self.server.root and self.server.root not in target.parents:
            return self._simple(404, b"not found", head)
        if target.is_dir():
            if not url_path.endswith("/"):
                return self._redirect(url_path + "/", head)
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, self.server.root / "404.html"
            if not target.is_file():
                return self._simple(404, b"not found", head)
        entry = self.server.entry(target)
        encoding = "identity"
        if compressible(entry.type):
            accepted = _accepted(self.headers.get("Accept-Encoding", ""))
            encoding = accepted[0] if accepted else "identity"
        etag = f'"{entry.tag}{"" if encoding == "identity" else "-" + encoding}"'
        if status == 200 and self._not_modified(etag, entry.mtime):
            self.send_response(304)
            self._validators(etag, entry, encoding)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.count(url_path, 304, 0)
            return
        body = entry.body(encoding)
        self.send_response(status)
        self.send_header("Content-Type", entry.type)
        if encoding != "identity":
            self.send_header("Content-Encoding", encoding)
        self._validators(etag, entry, encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.server.count(url_path, status, 0 if head else len(body))

    def _validators(self, etag: str, entry: _Entry, encoding: str) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(entry.mtime, usegmt=True))
        if compressible(entry.type):
            self.send_header("Vary", "Accept-Encoding")

    def _not_modified(self, etag: str, mtime: int) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            tags = [t.strip().removeprefix("W/") for t in match.split(",")]
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return mtime <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _redirect(self, location: str, head: bool) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.count(location, 301, 0)

    def _simple(self, status: int, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def start(root: Path) -> RealHost:
    """Serve ``root`` on 127.0.0.1 (a free port) in a background thread."""
    server = RealHost(root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":  # python bench/host.py SITE_DIR: look at a built site as a host serves it
    import sys

    host = start(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(f"Serving {host.root} on {host.url} ({', '.join(ENCODINGS)}; {CACHE_CONTROL})", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        host.shutdown()
    os._exit(0)
