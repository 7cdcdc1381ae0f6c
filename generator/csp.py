"""The Content-Security-Policy every page carries, as a ``<meta http-equiv>``.

A second wall behind the content policy (``generator/sanitizer.py``): should a
link or a script ever slip through, the browser still refuses to run script
that is not the site's own, to load from another origin, or to send anything
anywhere but the site. The policy is written here and only here; a directive
that needs loosening is one line of :data:`DIRECTIVES` (the camera scanner's
QR decoder needed ``'wasm-unsafe-eval'``; never ``'unsafe-eval'``).

Inline scripts that must stay (Material's few lines that read the palette and
the base URL before the first paint, and ours that marks the page as scripted)
are allowed by their SHA-256 hash, computed from the page as written, so no
``'unsafe-inline'`` is needed for scripts. Styles keep ``'unsafe-inline'``:
Material and the runtime set ``style`` attributes, and a style cannot run code.

A meta tag cannot set ``frame-ancestors`` (nor ``report-uri`` or
``sandbox``): the README lists the headers a host should add.

A meta policy has a cost a header has not: Chromium's preload scanner drops
what it found in a document that carries one, so Material's bundle was only
requested when the parser reached the end of the body, after the first paint,
and its start-up then ran where Lighthouse counts it as blocking time (issue
17, item 9; bench/trace_ab.py shows when the bundle is requested). The page
therefore names its external scripts right after the policy, as ``<link
rel="preload">`` (``"modulepreload"`` for a module), which the parser itself
fetches at once: today Material's bundle only, as the theme imports main.js
once the bundle has run (theme/main.html). Its stylesheets too: the inline
scripts after Material's stylesheets hold the parser until those have
arrived, so without the scanner a stylesheet linked below them (ours, the
team view's) was only requested then, one round trip later, and the first
paint waited for it.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Directive → sources. ``script-src`` gets the hashes of the page's inline scripts.
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # 'wasm-unsafe-eval' lets the site's own WebAssembly compile (the team view's QR decoder,
    # zxing-wasm, served from the site); it allows no eval() or new Function of script.
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),  # Material's icons are data: SVGs in its stylesheet
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # instant navigation, the search index, the sitemap
    "worker-src": ("'self'",),  # the search worker and the service worker
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "frame-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

# Script elements the browser runs: no type, a JavaScript type or "module".
# Data blocks (application/json) are never run, so the policy ignores them.
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
# An external script's address, as the page writes it (double-quoted, as Material and our templates do).
_SRC_VALUE = re.compile(r'\bsrc\s*=\s*"([^"]+)"', re.IGNORECASE)
# A stylesheet as Material and our templates link it, with no other attribute: one
# with a media attribute (for print, say) is left to load when the browser wants it.
_STYLESHEET = re.compile(r'<link\s+rel="stylesheet"\s+href="([^"]+)"\s*/?>', re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source of every inline script the browser would run, in page order."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind.group(1).lower() if kind else "") not in _RUNNABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def preload_hints(html: str) -> list[str]:
    """A ``<link>`` that fetches each of the page's stylesheets, then each of its
    external scripts, early, in page order: the preload scanner would have, were
    there no meta policy."""
    head_end = html.lower().find("</head>")
    head = html if head_end == -1 else html[:head_end]
    links = [f'<link rel="preload" href="{href}" as="style">' for href in dict.fromkeys(_STYLESHEET.findall(head))]
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        src = _SRC_VALUE.search(attrs)
        if not src:
            continue
        kind = _TYPE.search(attrs)
        kind = kind.group(1).lower() if kind else ""
        if kind == "module":
            link = f'<link rel="modulepreload" href="{src.group(1)}">'
        elif kind in _RUNNABLE_TYPES:
            link = f'<link rel="preload" href="{src.group(1)}" as="script">'
        else:
            continue
        if link not in links:
            links.append(link)
    return links


def policy(script_hashes: list[str]) -> str:
    parts = []
    for name, sources in DIRECTIVES.items():
        if name == "script-src":
            sources = (*sources, *script_hashes)
        parts.append(" ".join((name, *sources)))
    return "; ".join(parts)


def with_policy(html: str) -> str:
    """The page with its policy as the first element after ``<meta charset>``
    (a meta policy governs only what comes after it), followed by the
    preload hints of its stylesheets and scripts."""
    tag = "\n    ".join([f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">',
                       *preload_hints(html)])
    charset = _CHARSET.search(html)
    if charset:
        return html[: charset.end()] + "\n    " + tag + html[charset.end():]
    head = html.lower().find("<head>")
    if head == -1:
        return html  # not a page (a fragment or a redirect stub without a head)
    return html[: head + 6] + tag + html[head + 6:]
