"""Answers in a link, read as the team view reads them (theme/assets/cx/src/team-links.js).

A link to a team view carries one respondent's answers in its fragment:
``#cx1:<length>:<check><payload>``; the payload is base64url of the raw DEFLATE
of a compact JSON object, the check the first 8 characters of base64url(SHA-256
(payload)). Both languages run tests/cases/links/links.json. ``cx-playbook team``
reads text files holding such links (any number per line, other text ignored).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

from generator.team import read_team_file

LINK_PREFIX = "cx1:"
CHECK_LENGTH = 8
PAYLOAD_MAX = 16000
INFLATED_MAX = 64 * 1024

LINK_REASONS = {
    "link-cut": "cut off",
    "link-changed": "changed",
    "link-foreign": "from another site",
    "link-large": "too large",
    "link-invalid": "not a valid link",
}

_LINK = re.compile(r"https?://[^\s\"'<>()\[\]{}]*?#cx1:(\d*):?([A-Za-z0-9_-]*)")
_HASH = re.compile(r"^#cx1:(\d+):([A-Za-z0-9_-]*)$")
_CUT = re.compile(r"^#cx1:\d*$")
_CUT_MESSAGE = "(a mail client may have broken it over two lines)"


def find_links(text: str) -> list[str]:
    """Every link in a text, in order, as written."""
    return [m.group(0) for m in _LINK.finditer(text)]


def _check(payload: str) -> str:
    digest = hashlib.sha256(payload.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")[:CHECK_LENGTH]


def encode_link(team_url: str, data: dict) -> str:
    """The link to team_url carrying data (used by tests and the benchmark)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    payload = base64.urlsafe_b64encode(packer.compress(raw) + packer.flush()).decode("ascii").rstrip("=")
    return f"{team_url.split('#', 1)[0]}#{LINK_PREFIX}{len(payload)}:{_check(payload)}{payload}"


def _refusal(name: str, reason: str, message: str) -> dict:
    return {"ok": False, "file": name, "reason": reason, "message": message}


def _origin_path(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}", parts.path or "/"


def read_link(name: str, link: str, model: dict, team_url: str) -> dict:
    """One link, read like a file: read_team_file's result plus the round, or a refusal."""
    try:
        parts = urlsplit(link)
        origin, path = _origin_path(link)
    except ValueError:
        return _refusal(name, "link-invalid", "This is not a link to a team view.")
    if parts.scheme not in ("http", "https"):  # a scanned QR code may hold anything: a Wi-Fi login, a mailto
        return _refusal(name, "link-invalid", "This is not a link to a team view.")
    here_origin, here_path = _origin_path(team_url)
    # The QR code on a break-room invitation (invitation.js), scanned by mistake in a workshop.
    if (origin == here_origin and not parts.fragment.startswith("cx1:")
            and {"round", "location", "department"} & set(parse_qs(parts.query))):
        return _refusal(name, "link-invalid", "This is an invitation to answer, not a respondent's answers: it is for the phones of those who answer, who then send their own link.")
    if (origin, path) != (here_origin, here_path):
        return _refusal(name, "link-foreign", f"The link leads to {origin}{path}, not to this team view ({here_origin}{here_path}).")
    fragment = "#" + parts.fragment
    m = _HASH.match(fragment)
    if not m:
        if _CUT.match(fragment):
            return _refusal(name, "link-cut", f"The link was cut off before its answers {_CUT_MESSAGE}.")
        return _refusal(name, "link-invalid", "The link's answers are not in a form this page reads.")
    length, body = int(m.group(1)), m.group(2)
    if length > PAYLOAD_MAX or len(body) > PAYLOAD_MAX + CHECK_LENGTH:
        return _refusal(name, "link-large", f"The link carries more than {PAYLOAD_MAX} characters of answers, more than any answer set needs.")
    if len(body) < length + CHECK_LENGTH:
        arrived = max(0, len(body) - CHECK_LENGTH)
        return _refusal(name, "link-cut", f"The link was cut off: {arrived} of its {length} characters of answers arrived {_CUT_MESSAGE}.")
    if len(body) > length + CHECK_LENGTH:
        return _refusal(name, "link-changed", "The link is longer than it says it is: it was changed after it was made.")
    payload = body[CHECK_LENGTH:]
    if body[:CHECK_LENGTH] != _check(payload):
        return _refusal(name, "link-changed", "The link's answers do not match its check: it was changed after it was made.")
    try:
        unpacker = zlib.decompressobj(-15)
        inflated = unpacker.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)), INFLATED_MAX + 1)
        if len(inflated) > INFLATED_MAX or unpacker.unconsumed_tail:
            return _refusal(name, "link-large", f"The link's answers unpack to more than {INFLATED_MAX // 1024} KB, more than any answer set needs.")
        data = json.loads(inflated.decode("utf-8"))
    except RecursionError:  # nesting deeper than Python's parser goes: JavaScript parses it, then refuses its form
        return _refusal(name, "link-invalid", "The link's answers are not in a form this page reads.")
    except (ValueError, zlib.error):
        return _refusal(name, "link-invalid", "The link's answers could not be unpacked.")
    return read_link_data(name, data, model)


def _flat(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def read_link_data(name: str, data: Any, model: dict) -> dict:
    """The object a link carries, checked field by field, then read as an answer file."""
    if (not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("a", "v", "r", "t"))
            or not _flat(data.get("c")) or ("n" in data and not _flat(data["n"]))
            or any(k in data and not isinstance(data[k], str) for k in ("o", "d", "l"))):
        return _refusal(name, "link-invalid", "The link's answers are not in a form this page reads.")
    limit = model["limits"]["textMax"]
    if "o" in data and len(data["o"].encode("utf-16-le")) // 2 > limit:
        return _refusal(name, "link-invalid", f"The link's round is longer than {limit} characters.")
    profile = {}
    if "d" in data:
        profile["department"] = data["d"]
    if "l" in data:
        profile["location"] = data["l"]
    file = {
        "format": model["limits"]["format"],
        "formatVersion": model["limits"]["formatVersion"],
        "assessment": {"id": data["a"], "version": data["v"]},
        "contentVersion": model["contentVersion"],
        "exportedAt": data["t"],
        "respondent": {"id": data["r"]},
        "profile": profile,
        "answers": {qid: {"choice": choice} for qid, choice in data["c"].items()},
        "notes": data.get("n") or {},
    }
    read = read_team_file(name, json.dumps(file, ensure_ascii=False), model)
    if read["ok"]:
        read["respondent"]["round"] = data.get("o")
    return read
