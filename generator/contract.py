"""The literals Python and JavaScript share, declared once.

Every number, format name and message both languages use lives here, on the
pydantic model :class:`Shared`. ``cx-playbook schema`` publishes it as
``schemas/contract.schema.json`` (each value is the field's ``const``) and
writes ``theme/assets/cx/src/contract-data.js`` from the same values, which the
runtime's modules import; ``tests/test_schema.py`` fails when either is stale.

Refusals are codes. A reader says *which* refusal (``too-large``,
``other-assessment``, ``invalid`` …) and with what values; the sentence comes
from :data:`REFUSALS`, and the team view's short reason from the code, never
from the English text.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, Field

# --- numbers ------------------------------------------------------------------

# Floating-point sums such as 3 × 0.67 + 2 × 0.33 land a hair under the
# intended value; comparisons allow this much so 55 % never shows as 54 %.
EPSILON = 1e-9
# No export nests deeper; deeper text is refused before it is parsed.
MAX_DEPTH = 32
TIMESTAMP_MAX_LENGTH = 40
FINGERPRINT_LENGTH = 8  # FNV-1a, 32 bits, in hex
RESPONDENT_ID_MIN_LENGTH = 8
RESPONDENT_ID_MAX_LENGTH = 64
# A level is a verdict: stated only once this share of the applicable questions
# is answered, so a few top answers cannot show the top level.
LEVEL_COVERAGE = 0.8
# A heatmap cell whose respondents span this many percentage points is split.
SPLIT_POINTS = 50
# Agreement indices (rwg, AD) mean something from this many answers.
AGREEMENT_MIN_N = 5
# "Hide groups smaller than k": the default and the range both the page and the CLI accept.
DEFAULT_K = 5
K_MIN = 2
K_MAX = 50

# --- formats ------------------------------------------------------------------

SUMMARY_FORMAT = "cx-playbook-team-summary"
TEAM_STORE_FORMAT = "cx-playbook-team"
TEAM_STORE_VERSION = 1
CSV_HEADER = ("respondent", "department", "location", "section", "question", "answer", "score", "note",
              "section_id", "question_id")

# --- refusals -----------------------------------------------------------------

# code → (the team view's kind of refusal, the sentence). {name} is filled from
# the reader's values; a value is inserted as it is, never read as a template.
REFUSALS: dict[str, tuple[str, str]] = {
    "unreadable": ("unreadable", "The file could not be read."),
    "too-large": ("too-large", "The file is larger than {megabytes} MB, the most an export can be."),
    "too-deep": ("invalid", "The file was not imported: it nests deeper than {depth} levels, which no export does."),
    "not-json": ("not-json", "The file is not JSON. Choose a file made by Export JSON."),
    "not-export": ("wrong-format",
                   'The file was not imported: this is not a CX playbook assessment export (format should be "{format}").'),
    "newer-format": ("newer-format",
                     "The file was not imported: it was written in format version {version}, newer than this page reads "
                     "(1 to {latest}); open it with a newer edition of the playbook."),
    "unsupported-format": ("wrong-format",
                           "The file was not imported: format version {version} is not supported "
                           "(this page reads 1 to {latest})."),
    "other-assessment": ("other-assessment",
                         "The file was not imported: this file holds answers to {name}, not to “{title}” ({id}); "
                         "open that assessment's page to import it."),
    "invalid": ("invalid", "The file was not imported: {where}{problem}."),
    "not-valid": ("invalid", "The file was not imported: it is not a valid export."),
}

# What is wrong with one value of a file refused as "invalid" (filling {problem}).
PROBLEMS: dict[str, str] = {
    "not-object": "expected an object",
    "unexpected-field": 'unexpected field "{field}"',
    "not-text": "expected text",
    "too-long": "longer than {max} characters",
    "bad-value": '"{value}" is not a valid value',
    "not-percent": "expected a percentage from 0 to 100",
    "not-boolean": "expected true or false",
    "not-list": "expected a list",
    "too-many-snapshots": "more than {max} snapshots",
}

# A kind of refusal → the words the team view lists it with.
REASONS: dict[str, str] = {
    "too-large": "too large",
    "unreadable": "unreadable",
    "not-json": "not JSON",
    "wrong-format": "wrong format",
    "newer-format": "from a newer version",
    "other-assessment": "another assessment",
    "invalid": "not a valid export",
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each ``{name}`` replaced once by ``values[name]`` (as contract.js fills it)."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def refusal_message(code: str, values: Mapping[str, Any] | None = None) -> str:
    return fill(REFUSALS[code][1], values or {})


def refusal_reason(code: str) -> str:
    return REFUSALS[code][0]


# --- the published contract ---------------------------------------------------


class RefusalText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reason: str = Field(description="The kind of refusal the team view lists (a key of `reasons`).")
    message: str = Field(description="The sentence shown; {name} is filled from the reader's values.")


def _const(value: Any, description: str) -> Any:
    return Field(default=value, description=description, json_schema_extra={"const": value})


class Shared(BaseModel):
    """The values the generator and the browser runtime must agree on."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    epsilon: float = _const(EPSILON, "Tolerance of comparisons of computed percentages and priorities.")
    maxDepth: int = _const(MAX_DEPTH, "Deepest nesting of [ and { an answer file may have.")
    timestampMaxLength: int = _const(TIMESTAMP_MAX_LENGTH, "Longest timestamp in an answer file.")
    fingerprintLength: int = _const(FINGERPRINT_LENGTH, "Hex digits of a question's fingerprint.")
    respondentIdMaxLength: int = _const(RESPONDENT_ID_MAX_LENGTH, "Longest respondent id.")
    levelCoverage: float = _const(LEVEL_COVERAGE, "Share of a respondent's applicable questions answered before a "
                                  "level is stated (the browser model's default; the team view counts those below it).")
    splitPoints: float = _const(SPLIT_POINTS, "Spread in percentage points at which a heatmap cell is split.")
    agreementMinN: int = _const(AGREEMENT_MIN_N, "Answers needed before rwg and AD are shown.")
    defaultK: int = _const(DEFAULT_K, "Default k of 'hide groups smaller than k'.")
    kMin: int = _const(K_MIN, "Smallest k accepted.")
    kMax: int = _const(K_MAX, "Largest k accepted.")
    summaryFormat: str = _const(SUMMARY_FORMAT, "`format` of the team's JSON summary.")
    teamStoreFormat: str = _const(TEAM_STORE_FORMAT, "`format` of the team kept in local storage.")
    teamStoreVersion: int = _const(TEAM_STORE_VERSION, "`formatVersion` of the team kept in local storage.")
    csvHeader: list[str] = _const(list(CSV_HEADER), "Header row of the team's tidy CSV.")
    refusals: dict[str, RefusalText] = _const(
        {code: {"reason": reason, "message": message} for code, (reason, message) in REFUSALS.items()},
        "Every refusal of an answer file, by code.")
    problems: dict[str, str] = _const(dict(PROBLEMS), "What is wrong with one value of an invalid file, by code.")
    reasons: dict[str, str] = _const(dict(REASONS), "The team view's words for each kind of refusal.")


JS_MODULE = "theme/assets/cx/src/contract-data.js"
