"""Reading answer files and carrying them over to the current questionnaire.

The Python twin of ``theme/assets/cx/answers.js``: the same checks, the same
carry-over rules and the same words, so that ``cx-playbook team`` and the
browser's team view agree on every file. Both run the cases in
``tests/cases/answers.json``. The model is the browser model as plain data
(:meth:`generator.browser_model.AssessmentModel.model_dump`).

Where JavaScript and Python differ, this module follows JavaScript: string
lengths count UTF-16 code units, and object keys that look like array indexes
come first, in numeric order.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Optional

from generator.answer_file import READER_FIELDS as FIELDS
from generator.contract import (FINGERPRINT_LENGTH, MAX_DEPTH, PROBLEMS, RESPONDENT_ID_MAX_LENGTH,
                                TIMESTAMP_MAX_LENGTH, fill, refusal_message)


class Refusal(Exception):
    """Why a file is refused: a code of :data:`generator.contract.REFUSALS` and its values."""

    def __init__(self, code: str, **values: Any):
        super().__init__(code)
        self.code = code
        self.values = values


def _refuse(path: str, problem: str, **values: Any) -> None:
    """Refuse the file as invalid: ``problem`` (a code of PROBLEMS) at ``path``."""
    raise Refusal("invalid", where=f"{path}: " if path else "", problem=fill(PROBLEMS[problem], values),
                  path=path, detail=problem)


def refused(code: str, **values: Any) -> dict:
    """A reader's answer for a refused file: its code and the sentence for it."""
    out = {"ok": False, "code": code, "message": refusal_message(code, values)}
    if code == "invalid":
        out["problem"] = values["detail"]
        out["path"] = values["path"]
    return out


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_ARRAY_INDEX = re.compile(r"(?:0|[1-9][0-9]*)\Z")


def js_length(text: str) -> int:
    """String length as JavaScript counts it (UTF-16 code units): a character
    outside the BMP counts two, a lone surrogate (JSON allows "\\ud800") one."""
    if text.isascii():
        return len(text)
    return len(text) + len(_ASTRAL.findall(text))


def js_keys(mapping: dict) -> list[str]:
    """Keys in JavaScript's own order: array-index-like keys (ASCII digits) first, ascending."""
    index = [k for k in mapping if k and k[0] in "0123456789" and _ARRAY_INDEX.match(k) and int(k) < 2**32 - 1]
    if not index:
        return list(mapping)
    first = set(index)
    return sorted(index, key=int) + [k for k in mapping if k not in first]


def clip(text: Any) -> str:
    s = js_string(text)
    if js_length(s) <= 60:
        return s
    # JavaScript's slice counts code units and may cut a pair in half; so does this.
    units = s.encode("utf-16-le", "surrogatepass")[: 57 * 2]
    return units.decode("utf-16-le", "surrogatepass") + "…"


def js_string(value: Any) -> str:
    """``String(value)`` for the values a JSON file can hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    return str(value)


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Shape:
    def __init__(self, limits: dict):
        self.limits = limits
        self.key = _py(limits["idPattern"])
        self.choice = _py(limits["choicePattern"])
        self.timestamp = _py(limits["timestampPattern"])
        self.respondent = _py(limits["respondentPattern"])
        self.fingerprint = _py(limits["fingerprintPattern"])

    def object(self, value: Any, path: str, allowed: list[str]) -> dict:
        if not _is_object(value):
            _refuse(path, "not-object")
        extra = [k for k in value if k not in allowed]
        if extra:
            extra = [k for k in js_keys(value) if k not in allowed]  # the first as JavaScript sees it
            _refuse(path, "unexpected-field", field=clip(extra[0]))
        return value

    def string(self, value: Any, path: str, maximum: int, pattern: Optional[re.Pattern] = None) -> str:
        if not isinstance(value, str):
            _refuse(path, "not-text")
        if js_length(value) > maximum:
            _refuse(path, "too-long", max=maximum)
        if pattern is not None and not pattern.search(value):
            _refuse(path, "bad-value", value=clip(value))
        return value

    @staticmethod
    def optional(value: Any, check) -> Any:
        return None if value is None else check(value)

    def id(self, value: Any, path: str) -> str:
        return self.string(value, path, self.limits["idMaxLength"], self.key)

    def time(self, value: Any, path: str) -> str:
        return self.string(value, path, TIMESTAMP_MAX_LENGTH, self.timestamp)

    def text(self, value: Any, path: str) -> str:
        return self.string(value, path, self.limits["textMax"])

    def ids(self, value: Any, path: str) -> list:
        if not isinstance(value, list):
            _refuse(path, "not-list")
        return [self.id(v, f"{path}[{i}]") for i, v in enumerate(value)]

    @staticmethod
    def percent(value: Any, path: str) -> Optional[float]:
        if value is None:
            return None
        if not _is_number(value) or not math.isfinite(value) or value < 0 or value > 100:
            _refuse(path, "not-percent")
        return value

    def keyed(self, value: Any, path: str, check) -> dict:
        if not _is_object(value):
            _refuse(path, "not-object")
        out = {}
        for k in js_keys(value):
            self.id(k, f"{path} key")
            out[k] = check(value[k], f"{path}.{k}")
        return out

    def answers(self, value: Any, path: str) -> dict:
        def one(answer: Any, where: str) -> dict:
            self.object(answer, where, FIELDS["answer"])
            out = {"choice": self.string(answer.get("choice"), f"{where}.choice", self.limits["idMaxLength"], self.choice)}
            at = self.optional(answer.get("answeredAt"), lambda t: self.time(t, f"{where}.answeredAt"))
            if at:
                out["answeredAt"] = at
            flag = answer.get("unconfirmed")
            if flag is not None and not isinstance(flag, bool):
                _refuse(f"{where}.unconfirmed", "not-boolean")
            if flag is True:
                out["unconfirmed"] = True
            return out

        return self.keyed({} if value is None else value, path, one)

    def snapshots(self, value: Any, path: str, present: bool) -> list:
        if not present:
            return []
        if not isinstance(value, list):
            _refuse(path, "not-list")
        if len(value) > self.limits["snapshotsMax"]:
            _refuse(path, "too-many-snapshots", max=self.limits["snapshotsMax"])
        out = []
        for i, snap in enumerate(value):
            where = f"{path}[{i}]"
            self.object(snap, where, FIELDS["snapshot"])
            scores = self.object(snap.get("scores"), f"{where}.scores", FIELDS["scores"])
            item = {
                "id": self.text(snap.get("id"), f"{where}.id"),
                "savedAt": self.time(snap.get("savedAt"), f"{where}.savedAt"),
                "answers": self.answers(snap.get("answers"), f"{where}.answers"),
                "scores": {
                    "overall": None if "overall" not in scores else self.percent(scores["overall"], f"{where}.scores.overall"),
                    "sections": self.keyed({} if scores.get("sections") is None else scores["sections"],
                                           f"{where}.scores.sections", self.percent),
                },
            }
            label = self.optional(snap.get("label"), lambda l: self.text(l, f"{where}.label"))
            if label is not None:
                item["label"] = label
            out.append(item)
        return out

    def questionnaire(self, value: Any, path: str) -> Optional[dict]:
        if value is None:
            return None
        self.object(value, path, FIELDS["questionnaire"])

        def one(q: Any, where: str) -> dict:
            self.object(q, where, FIELDS["question"])
            return {"text": self.string(q.get("text"), f"{where}.text", self.limits["questionTextMax"]),
                    "choices": self.string(q.get("choices"), f"{where}.choices", FINGERPRINT_LENGTH, self.fingerprint)}

        return {
            "version": self.text(value.get("version"), f"{path}.version"),
            "questions": self.keyed({} if value.get("questions") is None else value["questions"], f"{path}.questions", one),
        }

    def archive(self, value: Any, path: str) -> dict:
        def one(a: Any, where: str) -> dict:
            self.object(a, where, FIELDS["archived"])
            out = {"text": self.string(a.get("text"), f"{where}.text", self.limits["questionTextMax"]),
                   "version": self.text(a.get("version"), f"{where}.version")}
            choice = self.optional(a.get("choice"), lambda c: self.string(c, f"{where}.choice", self.limits["idMaxLength"], self.choice))
            if choice is not None:
                out["choice"] = choice
            label = self.optional(a.get("label"), lambda l: self.text(l, f"{where}.label"))
            if label is not None:
                out["label"] = label
            at = self.optional(a.get("answeredAt"), lambda t: self.time(t, f"{where}.answeredAt"))
            if at is not None:
                out["answeredAt"] = at
            note = self.optional(a.get("note"), lambda n: self.string(n, f"{where}.note", self.limits["noteMax"]))
            if note is not None:
                out["note"] = note
            return out

        return self.keyed({} if value is None else value, path, one)


def _py(pattern: str) -> re.Pattern:
    """A JavaScript pattern from the model, compiled to mean the same in Python:
    ``\\d`` is 0-9 only (re.ASCII), and a final ``$`` ends the text (Python's
    would also match before a trailing line break)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern, re.ASCII)




def _validate(data: Any, model: dict) -> dict:
    limits = model["limits"]
    shape = _Shape(limits)
    if not _is_object(data):
        _refuse("", "not-object")
    if data.get("format") != limits["format"]:
        raise Refusal("not-export", format=limits["format"])
    version = data.get("formatVersion")
    if not (_is_number(version) and version in (1, 2)):
        if _is_number(version) and float(version).is_integer() and version > limits["formatVersion"]:
            raise Refusal("newer-format", version=clip(version), latest=limits["formatVersion"])
        shown = clip(version) if _is_number(version) else "?"
        raise Refusal("unsupported-format", version=shown, latest=limits["formatVersion"])
    version = int(version)
    shape.object(data, "", FIELDS["fileV1"] if version == 1 else FIELDS["fileV2"])
    assessment = shape.object(data.get("assessment"), "assessment", FIELDS["assessment"])
    title = shape.optional(assessment.get("title"), lambda t: shape.text(t, "assessment.title"))
    if not isinstance(assessment.get("id"), str) or assessment["id"] != model["id"]:
        if isinstance(assessment.get("id"), str):
            name = f"“{clip(title or assessment['id'])}” ({clip(assessment['id'])})"
        else:
            name = "an unknown assessment"
        raise Refusal("other-assessment", name=name, title=model["title"], id=model["id"])
    shape.text(assessment.get("version"), "assessment.version")
    shape.text(data.get("contentVersion"), "contentVersion")
    shape.time(data.get("exportedAt"), "exportedAt")
    profile = shape.object({} if data.get("profile") is None else data["profile"], "profile", FIELDS["profile"])
    file = {
        "formatVersion": version,
        "version": assessment["version"],
        "contentVersion": data["contentVersion"],
        "exportedAt": data["exportedAt"],
        "createdAt": shape.optional(data.get("createdAt"), lambda t: shape.time(t, "createdAt")),
        "updatedAt": shape.optional(data.get("updatedAt"), lambda t: shape.time(t, "updatedAt")),
        "respondent": None,
        "edition": None,
        "round": None,
        "profile": {
            "department": shape.optional(profile.get("department"), lambda d: shape.id(d, "profile.department")),
            "location": shape.optional(profile.get("location"), lambda l: shape.text(l, "profile.location")),
            "lacks": shape.optional(profile.get("lacks"), lambda l: shape.ids(l, "profile.lacks")) or [],
        },
        "answers": shape.answers(data.get("answers"), "answers"),
        "notes": shape.keyed({} if data.get("notes") is None else data["notes"], "notes",
                             lambda n, where: shape.string(n, where, limits["noteMax"])),
        "targets": shape.keyed({} if data.get("targets") is None else data["targets"], "targets", shape.id),
        "snapshots": shape.snapshots(data.get("snapshots"), "snapshots", "snapshots" in data),
        "questionnaire": None,
        "archive": {},
    }
    if version == 2:
        who = shape.object(data.get("respondent"), "respondent", FIELDS["respondent"])
        file["respondent"] = {"id": shape.string(who.get("id"), "respondent.id", RESPONDENT_ID_MAX_LENGTH, shape.respondent)}
        name = shape.optional(who.get("name"), lambda n: shape.text(n, "respondent.name"))
        if name:
            file["respondent"]["name"] = name
        file["edition"] = shape.optional(data.get("edition"), lambda e: shape.text(e, "edition"))
        file["round"] = shape.optional(data.get("round"), lambda r: shape.text(r, "round"))
        file["questionnaire"] = shape.questionnaire(data.get("questionnaire"), "questionnaire")
        file["archive"] = shape.archive(data.get("archive"), "archive")
    return file


# ---------------------------------------------------------------------------
# Carrying over
# ---------------------------------------------------------------------------


def _current_choice(model: dict, question: dict, choice: str) -> Optional[str]:
    na = model["limits"]["notApplicable"]
    scale = model["answerSets"].get(question["answerSet"])
    if scale is None:
        return None
    if choice == na:
        return na if scale.get("notApplicable") and question.get("notApplicable") is not False else None
    if any(c["id"] == choice for c in scale["choices"]):
        return choice
    heir = next((c for c in scale["choices"] if choice in (c.get("replaces") or [])), None)
    return heir["id"] if heir else None


def _na_lacks(model: dict, file: dict) -> set[str]:
    """Departments a file's saved 'not applicable' answers say the location lacks:
    every question needing the department that was answered at all was answered
    'not applicable' (the N/A of the 2.0 service questions), and N/A is no longer
    offered there."""
    na = model["limits"]["notApplicable"]
    verdict: dict[str, bool] = {}
    for question in (q for s in model["sections"] for q in s["questions"]):
        source = next((i for i in [question["id"], *question["replaces"]] if i in file["answers"]), None)
        if source is None:
            continue
        is_na = file["answers"][source]["choice"] == na and _current_choice(model, question, na) is None
        for need in question.get("needs") or []:
            verdict[need] = verdict.get(need, True) and is_na
    return {need for need, every in verdict.items() if every}


def asked_now(question: dict) -> dict:
    return {"text": question["text"], "choices": question["fingerprint"]}


def _retired_text(model: dict, qid: str) -> str:
    retired = next((r for r in model.get("retired") or [] if r["id"] == qid), None)
    return retired["text"] if retired else f"Question “{qid}” (its wording was not recorded)"


def carry_over(model: dict, file: dict) -> tuple[dict, dict]:
    """The state a respondent's file becomes under this model, and a report."""
    asked = file["questionnaire"]["questions"] if file["questionnaire"] else None
    same_version = file["version"] == model["version"]
    answers: dict = {}
    notes: dict = {}
    questionnaire: dict = {}
    archive = dict(file["archive"])
    consumed: set[str] = set()
    wording: dict[str, str] = {}  # the wording of a question whose answer could not be kept
    report: dict = {"carried": [], "reworded": [], "choicesChanged": [], "remapped": [], "fresh": [],
                    "archived": [], "lost": [], "naLowest": [], "naProfile": []}
    lacks = _na_lacks(model, file)

    for section in model["sections"]:
        for question in section["questions"]:
            ids = [question["id"], *question["replaces"]]
            source = next((i for i in ids if i in file["answers"]), None)
            seen = next((i for i in ids if i in asked), None) if asked is not None else None
            note_from = next((i for i in ids if i in file["notes"]), None)
            choice = None if source is None else _current_choice(model, question, file["answers"][source]["choice"])
            if source is not None and choice is None and file["answers"][source]["choice"] == model["limits"]["notApplicable"]:
                # 'Not applicable' is no longer offered. Where it said the location has no
                # such department, the profile now says so once and the question drops
                # out; elsewhere the honest answer is the lowest step, to be confirmed.
                if question.get("needs") and all(d in lacks for d in question["needs"]):
                    consumed.add(source)
                    report["naProfile"].append(question["id"])
                    questionnaire[question["id"]] = asked[source] if asked is not None and source in asked else asked_now(question)
                    if note_from is not None:
                        notes[question["id"]] = file["notes"][note_from]
                        consumed.add(f"note:{note_from}")
                    continue
                scale = model["answerSets"].get(question["answerSet"])
                if scale:
                    choice = scale["choices"][0]["id"]
                    report["naLowest"].append(question["id"])
            if source is not None and choice is None:
                report["lost"].append(question["id"])
                record = (asked.get(source) or (asked[seen] if seen is not None else None)) if asked is not None else None
                wording[source] = record["text"] if record else question["text"]
            if choice is not None:
                consumed.add(source)
                old = file["answers"][source]
                record = asked.get(source) if asked is not None else None
                answer = {"choice": choice}
                if old.get("answeredAt"):
                    answer["answeredAt"] = old["answeredAt"]
                changed = bool(old.get("unconfirmed"))
                if source != question["id"]:
                    report["carried"].append({"id": question["id"], "from": source})
                    changed = changed or record is None
                if record is not None and record["text"] != question["text"] and record["text"] not in question.get("wordings", ()):
                    if record["text"] in (question.get("sameMeaning") or []):
                        record = {**record, "text": question["text"]}  # a wording fix: same meaning
                    else:
                        report["reworded"].append({"id": question["id"], "was": record["text"]})
                        changed = True
                if record is not None and record["choices"] != question["fingerprint"]:
                    if record["choices"] in (question.get("sameFingerprints") or []):
                        record = {**record, "choices": question["fingerprint"]}  # choice labels fixed, same meaning
                    else:
                        report["choicesChanged"].append(question["id"])
                        changed = True
                if choice != old["choice"]:
                    report["remapped"].append({"id": question["id"], "from": old["choice"], "to": choice})
                    changed = True
                if changed:
                    answer["unconfirmed"] = True
                answers[question["id"]] = answer
                questionnaire[question["id"]] = record or asked_now(question)
            elif seen is not None:
                questionnaire[question["id"]] = asked[seen]
            elif source is not None:
                questionnaire[question["id"]] = asked_now(question)
            elif asked is not None:
                report["fresh"].append(question["id"])
            else:
                questionnaire[question["id"]] = asked_now(question)
            if note_from is not None and (choice is not None or source is None):
                notes[question["id"]] = file["notes"][note_from]
                consumed.add(f"note:{note_from}")

    ordered = list(dict.fromkeys([*js_keys(file["answers"]), *js_keys(file["notes"])]))
    for qid in ordered:
        old = file["answers"][qid] if qid in file["answers"] and qid not in consumed else None
        note = file["notes"][qid] if qid in file["notes"] and f"note:{qid}" not in consumed else None
        if old is None and note is None:
            continue
        if qid in wording:
            text = wording[qid]
        elif asked is not None and qid in asked:
            text = asked[qid]["text"]
        else:
            text = _retired_text(model, qid)
        entry: dict = {"text": text, "version": file["version"]}
        if old is not None:
            entry["choice"] = old["choice"]
            if old.get("answeredAt"):
                entry["answeredAt"] = old["answeredAt"]
        if note is not None:
            entry["note"] = note
        archive[qid] = entry
        report["archived"].append(qid)

    departments = {d["id"] for d in model["departments"]}
    profile: dict = {}
    if file["profile"]["department"] and file["profile"]["department"] in departments:
        profile["department"] = file["profile"]["department"]
    if file["profile"]["location"]:
        profile["location"] = file["profile"]["location"]
    if file["respondent"] and file["respondent"].get("name"):
        profile["name"] = file["respondent"]["name"]
    missing = sorted(d for d in {*file["profile"].get("lacks", []), *lacks} if d in departments)
    if missing:
        profile["lacks"] = missing
    levels = {lv["id"] for lv in model["levels"]}
    targets = {s["id"]: file["targets"][s["id"]] for s in model["sections"]
               if s["id"] in file["targets"] and file["targets"][s["id"]] in levels}
    report["departmentIgnored"] = bool(file["profile"]["department"] and "department" not in profile)
    report["fromVersion"] = file["version"]
    report["toVersion"] = model["version"]
    report["fromEdition"] = file["edition"]
    report["recorded"] = asked is not None or same_version
    state = {
        "respondent": file["respondent"]["id"] if file["respondent"] else None,
        "createdAt": file["createdAt"],
        "updatedAt": file["updatedAt"],
        "profile": profile,
        "answers": answers,
        "notes": notes,
        "targets": targets,
        "snapshots": file["snapshots"],
        "archive": archive,
        "answeredVersion": file["questionnaire"]["version"] if file["questionnaire"] else file["version"],
        "questionnaire": questionnaire,
    }
    return state, report


def describe(report: dict, model: dict, state: dict) -> list[str]:
    """The report in sentences (the same sentences as the browser's)."""
    notices = []

    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    def listed(ids: list[str]) -> str:
        return ", ".join(clip(i) for i in ids[:5]) + (", …" if len(ids) > 5 else "")

    if report["fromVersion"] != report["toVersion"]:
        notices.append(f"The answers were given to version {clip(report['fromVersion'])}; this is version {model['version']}.")
    if not report["recorded"]:
        notices.append("The file does not record the wording its answers were given to: please review them.")
    unconfirmed = sum(1 for a in state["answers"].values() if a.get("unconfirmed"))
    if unconfirmed:
        notices.append(f"{n(unconfirmed, 'answer needs', 'answers need')} your confirmation: "
                       "the question or its choices changed since it was answered.")
    if report["fresh"]:
        notices.append(f"{n(len(report['fresh']), 'question is', 'questions are')} new since these answers were given.")
    if report["lost"]:
        notices.append(f"{n(len(report['lost']), 'answer', 'answers')} could not be kept because the choice no longer "
                       f"exists ({listed(report['lost'])}).")
    if report["archived"]:
        notices.append(f"{n(len(report['archived']), 'answer or note is', 'answers or notes are')} kept in the history "
                       f"with the wording they were given to ({listed(report['archived'])}).")
    if report.get("naLowest"):
        ids = report["naLowest"]
        notices.append(f"{n(len(ids), '“not applicable” answer is', '“not applicable” answers are')} now on the lowest step, "
                       f"to be confirmed: “not applicable” is no longer offered for what a store chooses to do ({listed(ids)}).")
    if state["profile"].get("lacks") and report.get("naProfile"):
        names = [next((d["name"] for d in model["departments"] if d["id"] == i), i) for i in state["profile"]["lacks"]]
        notices.append(f"Your “not applicable” answers to {n(len(report['naProfile']), 'question', 'questions')} now come from "
                       f"your profile: this location has no {', '.join(names)} department, set once under About you, "
                       "and those questions drop out.")
    if report["departmentIgnored"]:
        notices.append("The department is not one this playbook knows and was ignored.")
    return notices


def file_problem(text: Any, limits: dict) -> Optional[dict]:
    """Why a file's text cannot be read as an export at all (a refused reader answer), or None."""
    if not isinstance(text, str):
        return refused("unreadable")
    if js_length(text) > limits["fileMaxBytes"]:
        return refused("too-large", megabytes=js_string(limits["fileMaxBytes"] / 1024 / 1024))
    if nesting_depth(text) > MAX_DEPTH:
        return refused("too-deep", depth=MAX_DEPTH)
    return None


# A string, closed or running to the end; a backslash escapes any character,
# a line break included (as contract.js's nestingDepth reads it).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings."""
    depth = deepest = 0
    for token in _BRACKET.findall(_STRING.sub("", text)):
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _int(digits: str) -> Any:
    # JavaScript reads every number as a double; a 5,000-digit integer is Infinity there.
    return int(digits) if len(digits) < 300 else float(digits)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_answers(text: Any, model: dict) -> dict:
    """Parse, validate and carry over answer-file text: ``{"ok": True, "state",
    "report", "notices", "file"}`` or ``{"ok": False, "code", "message"}`` (and,
    for an invalid file, the ``problem`` and its ``path``)."""
    problem = file_problem(text, model["limits"])
    if problem:
        return problem
    try:
        data = json.loads(text, parse_constant=_no_constants, parse_int=_int)
    except (ValueError, RecursionError):
        return refused("not-json")
    try:
        file = _validate(data, model)
    except Refusal as error:
        return refused(error.code, **error.values)
    except RecursionError:
        return refused("not-valid")
    state, report = carry_over(model, file)
    return {"ok": True, "state": state, "report": report, "notices": describe(report, model, state), "file": file}
