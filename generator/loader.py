"""Read YAML into plain data while remembering where every value came from.

PyYAML's composer gives nodes with marks; we turn them into dicts/lists/scalars
ourselves so that each path (``("plays", 2, "owner")``) keeps its line and
column, and so that duplicate keys, aliases and unreadable files become
:class:`~generator.issues.Issue` values instead of exceptions.

Speed: a file that libyaml reads without anything unusual (no duplicate key,
no tag, no alias, nothing too deep) is turned into data without its marks;
the marks are worked out from the same text, the same way, the first time a
message needs one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Optional

import yaml

from generator.issues import Issue, Location, format_path

Path_ = tuple[Any, ...]

# Deeper nesting than this is never content; stop before Python's recursion limit does.
MAX_DEPTH = 64
# Larger files are never content either; refusing them keeps `check` bounded.
MAX_BYTES = 2_000_000


class Document:
    """One YAML file: its data, and the position of every path inside it.

    A document read on the fast path keeps its text and works out its marks
    when they are first asked for."""

    def __init__(self, file: str, data: Any = None, marks: Optional[dict[Path_, tuple[int, int]]] = None,
                 *, text: Optional[str] = None):
        self.file = file
        self.data = data
        self._marks = marks if marks is not None or text is not None else {}
        self._text = text

    @property
    def marks(self) -> dict[Path_, tuple[int, int]]:
        if self._marks is None:
            self._marks = _marks_of(self._text or "", self.file)
        return self._marks

    def __repr__(self) -> str:
        return f"Document(file={self.file!r})"

    def locate(self, path: Path_) -> Location:
        """The closest known position of ``path``: itself, or its nearest parent."""
        probe = tuple(path)
        while probe not in self.marks and probe:
            probe = probe[:-1]
        line, col = self.marks.get(probe, (1, 1))
        return Location(self.file, line, col)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: content never needs them, and
    they are how 'billion laughs' documents blow up."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in content; write the value out",
                problem_mark=event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors (&name) are not allowed in content; write the value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def load_document(path: Path, display: str) -> tuple[Document, list[Issue]]:
    """Load one YAML file. Problems come back as issues; the document's data is
    ``None`` when the file could not be read as YAML at all."""
    doc = Document(display)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return doc, [Issue(Location(display, 1, 1), "", f"cannot read file ({error.strerror})")]
    if len(raw) > MAX_BYTES:
        return doc, [Issue(Location(display, 1, 1), "", f"file is {len(raw):,} bytes (expected at most {MAX_BYTES:,})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return doc, [Issue(Location(display, line, 1), "", f"invalid UTF-8 at byte {error.start} (expected UTF-8 text)")]
    text = text.removeprefix("\ufeff")  # a BOM is harmless; editors on Windows add it
    data = _fast_data(text)
    if data is not _SLOW:
        return Document(display, data, text=text), []
    deep = _far_too_deep(text)
    if deep:
        return doc, [Issue(Location(display, deep.line + 1, deep.column + 1), "",
                           f"nesting is too deep (expected at most {MAX_DEPTH} levels)")]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark, problem = _explain_syntax_error(error, text)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return doc, [Issue(Location(display, line, col), "", f"YAML syntax: {problem}")]
    except yaml.reader.ReaderError as error:
        # A control character (NUL …): PyYAML gives a character offset, not a mark.
        before = text[: error.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        return doc, [Issue(Location(display, line, col), "",
                           f"YAML syntax: unacceptable character #x{error.character:04x} (expected printable text)")]
    except yaml.YAMLError as error:
        return doc, [Issue(Location(display, 1, 1), "", "YAML syntax: " + " ".join(str(error).split()))]
    except RecursionError:
        return doc, [Issue(Location(display, 1, 1), "", f"nesting is too deep (expected at most {MAX_DEPTH} levels)")]
    if node is None:
        return doc, [Issue(Location(display, 1, 1), "", "file is empty (expected a mapping of keys)")]
    issues: list[Issue] = []
    doc.data = _convert(node, (), doc, issues, 0, yaml.constructor.SafeConstructor())
    if doc.data is None and not issues:
        # "---", "~" or "null" alone: a document whose only value is null. Without
        # an issue here the caller would stop with "Found 0 errors".
        issues.append(Issue(doc.locate(()), "", "file has no content (expected a mapping of keys)"))
    return doc, issues


def _explain_syntax_error(error: yaml.MarkedYAMLError, text: str = ""):
    """PyYAML's parser vocabulary (``<block end>``) in words an editor knows,
    with the fix: how many spaces the line needs, or the text in quotes."""
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    mark = error.problem_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "quoted scalar" in context and error.context_mark is not None:
        return error.context_mark, "a quoted text starting here is never closed (expected a closing quote)"
    if "\\t" in problem or "\t" in problem:
        return mark, "a tab character (indent with spaces, not tabs)"
    if "expected <block end>" in problem or "expected <document start>" in problem:
        hint = _indentation_hint(lines, mark.line) if mark is not None else None
        return mark, f"this line's indentation does not fit the lines above ({hint or 'check the spaces before it'})"
    if "mapping values are not allowed" in problem:
        key = _KEY_LINE.match(line)
        if key is not None and mark is not None and mark.column == key.end(3):
            # The line starts with 'key:', yet YAML read it as more text of the
            # line above: it is indented deeper than the key it belongs with.
            hint = _indentation_hint(lines, mark.line)
            return mark, (f"'{key.group(3)}' is indented too far, so it reads as more text of the line above "
                          f"({hint or 'check the spaces before it'})")
        return mark, f"unexpected ': ' in a text (put this text in quotes{_quoted_line(line)})"
    if "could not find expected ':'" in problem:
        return mark, "expected 'key: value' here (check indentation, or quote the text)"
    return mark or error.context_mark, problem


# A line that starts with a key: indentation, an optional "- ", the key, a colon.
_KEY_LINE = re.compile(r"^( *)(- +)?([^\s#:'\"\[\]{}&*!|>%@`-][^:#]*?):(?=\s|$)")


def _indentation_hint(lines: list[str], index: int) -> Optional[str]:
    """How this line's indentation compares with the nearest key above it."""
    if index >= len(lines):
        return None
    here = len(lines[index]) - len(lines[index].lstrip(" "))
    for number in range(index - 1, -1, -1):
        found = _KEY_LINE.match(lines[number])
        if found is None:
            continue
        column = len(found.group(1)) + len(found.group(2) or "")
        if column == here:
            return None
        return (f"it has {here} spaces, and '{found.group(3)}' on line {number + 1} has {column}: "
                f"use {column} spaces if it belongs with '{found.group(3)}'")
    return None


def _quoted_line(line: str) -> str:
    """``: title: "Foo: bar"``, the line as it should read, or nothing when it is not a 'key: text' line."""
    found = _KEY_LINE.match(line)
    if found is None:
        return ""
    value = line[found.end():].strip()
    if found.group(2) and not re.fullmatch(r"[a-z_]+", found.group(3)):
        # "- Check: the car" in a list of text: the whole item is the text.
        item = line[len(found.group(1)) + len(found.group(2)):].strip()
        quoted = '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f": - {quoted}" if len(item) <= 90 else ""
    if not value or value[0] in "\"'":
        return ""
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    shown = f"{found.group(2) or ''}{found.group(3)}: {quoted}"
    return f": {shown}" if len(shown) <= 90 else ""


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when that is safe and the text is plain, else with
    the pure-Python loader, which also words every error the editor sees."""
    if _fast_path_is_safe(text):
        try:
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass  # the Python loader below explains it, in its own words
        else:
            if not _reuses_nodes(node):
                return node
    return _compose_in_python(text)


# Anchors (``&name``) are refused by the Python loader; libyaml's nodes do not
# keep them, so any text that may hold one takes the Python path: an "&" at
# the start or after a blank or one of "[{,:-", followed by a non-blank.
_ANCHOR_AFTER = frozenset("[{,:-")
_FLOW_BRACKETS = re.compile(r"[^\[\]{}]+")
# A line indented 4 * MAX_DEPTH spaces or more (after any break splitlines() knows).
_DEEP_INDENT = re.compile(r"(?:^|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]) {%d}" % (4 * MAX_DEPTH), re.MULTILINE)


def _maybe_anchor(text: str) -> bool:
    at = text.find("&")
    while at != -1:
        before_ok = at == 0 or text[at - 1] in _ANCHOR_AFTER or text[at - 1].isspace()
        if before_ok and at + 1 < len(text) and not text[at + 1].isspace():
            return True
        at = text.find("&", at + 1)
    return False


def _fast_path_is_safe(text: str) -> bool:
    # libyaml recurses in C without Python's recursion limit: only shallow
    # documents go there (content is never deeper than a few levels).
    if not yaml.__with_libyaml__ or _maybe_anchor(text):
        return False
    depth = deepest = 0
    for bracket in _FLOW_BRACKETS.sub("", text):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest < MAX_DEPTH and not _DEEP_INDENT.search(text)


def _far_too_deep(text: str) -> Optional[yaml.Mark]:
    """Where a document reaches twice MAX_DEPTH levels, read from libyaml's
    events (it stops there). PyYAML's own scanner slows down with every open
    flow bracket (5,000 nested lists took seconds before its error); a
    document only a little too deep takes the Python path, whose message
    names the path."""
    if not yaml.__with_libyaml__:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= 2 * MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the Python path words it
    return None


# ---------------------------------------------------------------------------
# The fast path: libyaml, data without marks
# ---------------------------------------------------------------------------

_SLOW = object()  # "take the Python path": the fast path found something unusual
_STR = "tag:yaml.org,2002:str"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# First characters for which YAML 1.1 may read a plain scalar as something
# other than text (true, null, 12, 2026-01-31 …); any other is text at once.
_RESOLVABLE_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class _Irregular(Exception):
    """Something the Python path must look at (and word)."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader with the resolver's per-node calls made cheap.
    Tags come out exactly as the safe resolver gives them: only text that
    starts with a character no implicit rule can match skips the rules."""

    def descend_resolver(self, current_node, current_index):  # type: ignore[no-untyped-def]
        pass  # the safe loader has no path resolvers

    def ascend_resolver(self):  # type: ignore[no-untyped-def]
        pass

    def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _RESOLVABLE_FIRST)):
            return _STR
        return super().resolve(kind, value, implicit)


def _fast_data(text: str) -> Any:
    """The file's data from libyaml's events, or ``_SLOW``."""
    if None in yaml.resolver.Resolver.yaml_implicit_resolvers:
        return _SLOW
    try:
        data = _data_from_events(text)
    except (yaml.YAMLError, _Irregular, RecursionError, ValueError, OverflowError, TypeError):
        return _SLOW
    if data is None:
        return _SLOW  # empty or null: the Python path says so
    return data


_MISSING = object()


def _data_from_events(text: str) -> Any:
    """What :func:`_convert` returns for a regular document, built straight from
    libyaml's events (no nodes, no marks). Anything the Python path would
    refuse or word (an anchor, an alias, a tag other than the plain ones, a key
    that is not text, a duplicate key, more than one document, nesting deeper
    than MAX_DEPTH) raises :class:`_Irregular`, and the Python path runs."""
    parser = _FastLoader(text)
    get = parser.get_event
    resolve = parser.resolve
    scalars = yaml.constructor.SafeConstructor()
    try:
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise _Irregular  # an empty stream
        root: Any = _MISSING
        stack: list[Any] = []  # the open lists and dicts
        keys: list[Any] = []  # for each: the key waiting for its value (_MISSING: none)
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    raise _Irregular
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag == _STR:
                    value: Any = event.value
                else:
                    if stack and keys[-1] is _MISSING and type(stack[-1]) is dict:
                        raise _Irregular  # a key that is not text
                    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                    try:
                        value = scalars.construct_object(node)
                    except yaml.constructor.ConstructorError:
                        raise _Irregular from None
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                plain = _MAP if kind is yaml.MappingStartEvent else _SEQ
                if event.anchor is not None or event.tag not in (None, "!", plain):
                    raise _Irregular
                if len(stack) >= MAX_DEPTH or (stack and type(stack[-1]) is dict and keys[-1] is _MISSING):
                    raise _Irregular  # too deep, or a mapping or list used as a key
                value = {} if kind is yaml.MappingStartEvent else []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                keys.pop()
                continue
            elif kind is yaml.DocumentEndEvent:
                break
            else:  # an alias, or anything unexpected
                raise _Irregular
            if not stack:
                root = value
            elif type(stack[-1]) is list:
                stack[-1].append(value)
            elif keys[-1] is _MISSING:
                if value in stack[-1]:
                    raise _Irregular  # a duplicate key
                keys[-1] = value
            else:
                stack[-1][keys[-1]] = value
                keys[-1] = _MISSING
            if kind is not yaml.ScalarEvent:
                stack.append(value)
                keys.append(_MISSING)
        if type(get()) is not yaml.StreamEndEvent:
            raise _Irregular  # more than one document
        return None if root is _MISSING else root
    finally:
        parser.dispose()


def _marks_of(text: str, file: str) -> dict[Path_, tuple[int, int]]:
    """The marks the Python path would have recorded for a regular document."""
    scratch = Document(file)
    node = _compose(text)
    if node is not None:
        _convert(node, (), scratch, [], 0, yaml.constructor.SafeConstructor())
    return scratch.marks


def _reuses_nodes(root: yaml.Node | None) -> bool:
    """True when an alias made one node appear twice (the Python path refuses it)."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            continue
        if id(node) in seen:
            return True
        seen.add(id(node))
        stack.extend(v for pair in node.value for v in pair) if isinstance(node, yaml.MappingNode) else stack.extend(node.value)
    return False


def _compose_in_python(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    # PyYAML's composer recurses per level; a bounded limit turns a pathological
    # document into a clean error instead of a crash.
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 4000))
    try:
        return loader.get_single_node()
    finally:
        sys.setrecursionlimit(old_limit)
        loader.dispose()


_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _convert(node: yaml.Node, path: Path_, doc: Document, issues: list[Issue], depth: int,
             scalars: yaml.constructor.SafeConstructor) -> Any:
    here = (node.start_mark.line + 1, node.start_mark.column + 1)
    doc.marks.setdefault(path, here)
    if depth > MAX_DEPTH:
        issues.append(Issue(Location(doc.file, *here), format_path(path), f"nesting is too deep (expected at most {MAX_DEPTH} levels)"))
        return None
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_COLLECTIONS:
        issues.append(Issue(Location(doc.file, *here), format_path(path), _unsupported_tag(node)))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                issues.append(Issue(Location(doc.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1), format_path(path), "a key must be plain text"))
                continue
            key = _construct_scalar(key_node, path, doc, issues, scalars)
            key = key if isinstance(key, str) else str(key)
            key_line = key_node.start_mark.line + 1
            if key in first_seen:
                issues.append(
                    Issue(
                        Location(doc.file, key_line, key_node.start_mark.column + 1),
                        format_path(path + (key,)),
                        f"duplicate key '{key}' (first defined on line {first_seen[key]})",
                    )
                )
                continue
            first_seen[key] = key_line
            doc.marks[path + (key,)] = (key_line, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, path + (key,), doc, issues, depth + 1, scalars)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, issues, depth + 1, scalars) for i, item in enumerate(node.value)]
    return _construct_scalar(node, path, doc, issues, scalars)


def _construct_scalar(node: yaml.Node, path: Path_, doc: Document, issues: list[Issue],
                      scalars: yaml.constructor.SafeConstructor) -> Any:
    """A scalar by YAML's safe rules; a value those rules cannot build (``2026-13-45``,
    ``!!python/…``) becomes an issue at its position."""
    here = Location(doc.file, node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        return scalars.construct_object(node)
    except yaml.constructor.ConstructorError:
        issues.append(Issue(here, format_path(path), _unsupported_tag(node)))
    except (ValueError, OverflowError, TypeError) as error:
        if node.tag == "tag:yaml.org,2002:timestamp":
            issues.append(Issue(here, format_path(path), f"{_shorten(node.value)!r} is not a real date ({error}; expected YYYY-MM-DD)"))
            return None
        issues.append(Issue(here, format_path(path), f"invalid value {_shorten(getattr(node, 'value', ''))!r}: {error} (quote it to keep it as text)"))
    return None


def _shorten(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _unsupported_tag(node: yaml.Node) -> str:
    return f"unsupported YAML tag {node.tag!r} (expected plain text, numbers, dates, lists and mappings)"
