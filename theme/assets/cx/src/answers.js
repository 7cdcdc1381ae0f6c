// Reading an answer file (an export, or the copy kept in local storage, which
// has the same shape) and carrying it over to the questionnaire on this page.
//
// The rules are schemas/assessment-export.schema.json plus known ids; a file is
// untrusted, so anything unexpected refuses it whole and a refused file never
// changes what is saved. generator/answers.py is the Python twin: both run the
// cases in tests/cases/answers/ and must agree word for word.
//
// Carrying over (same rules for storage, single import and the team view):
// an answer follows its question through `replaces`, its choice through the
// choices' `replaces`; an answer whose question's wording or scale changed is
// kept and marked unconfirmed; an answer to a question no longer asked moves
// to the archive with its old wording, never silently dropped.

import { t, tn } from "./strings.js";
import { ANSWER_FILE_FIELDS as FIELDS, SHARED, fileProblem, fill, isObject, refused } from "./contract.js";

/** Why a file is refused: a code of SHARED.refusals and its values. */
class Refusal extends Error {
  constructor(code, values = {}) {
    super(code);
    this.code = code;
    this.values = values;
  }
}

/** Refuse the file as invalid: `problem` (a code of SHARED.problems) at `path`. */
function refuse(path, problem, values = {}) {
  throw new Refusal("invalid", { where: path ? `${path}: ` : "", problem: fill(t(SHARED.problems[problem]), values), path, detail: problem });
}

function clip(text) {
  const s = String(text);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

// --- the shape ----------------------------------------------------------------

class Shape {
  constructor(limits) {
    this.limits = limits;
    this.key = new RegExp(limits.idPattern);
    this.choice = new RegExp(limits.choicePattern);
    this.timestamp = new RegExp(limits.timestampPattern);
    this.respondent = new RegExp(limits.respondentPattern);
    this.fingerprint = new RegExp(limits.fingerprintPattern);
  }

  object(value, path, allowed) {
    if (!isObject(value)) refuse(path, "not-object");
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    if (extra.length) refuse(path, "unexpected-field", { field: clip(extra[0]) });
    return value;
  }

  string(value, path, max, pattern) {
    if (typeof value !== "string") refuse(path, "not-text");
    if (value.length > max) refuse(path, "too-long", { max });
    if (pattern && !pattern.test(value)) refuse(path, "bad-value", { value: clip(value) });
    return value;
  }

  optional(value, check) {
    return value === undefined || value === null ? undefined : check(value);
  }

  id(value, path) {
    return this.string(value, path, this.limits.idMaxLength, this.key);
  }

  time(value, path) {
    return this.string(value, path, SHARED.timestampMaxLength, this.timestamp);
  }

  text(value, path) {
    return this.string(value, path, this.limits.textMax);
  }

  ids(value, path) {
    if (!Array.isArray(value)) refuse(path, "not-list");
    return value.map((v, i) => this.id(v, `${path}[${i}]`));
  }

  percent(value, path) {
    if (value === null) return null;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) refuse(path, "not-percent");
    return value;
  }

  keyed(value, path, check) {
    if (!isObject(value)) refuse(path, "not-object");
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      this.id(k, `${path} key`);
      out[k] = check(v, `${path}.${k}`);
    }
    return out;
  }

  answers(value, path) {
    return this.keyed(value ?? {}, path, (answer, where) => {
      this.object(answer, where, FIELDS.answer);
      const out = { choice: this.string(answer.choice, `${where}.choice`, this.limits.idMaxLength, this.choice) };
      const at = this.optional(answer.answeredAt, (t) => this.time(t, `${where}.answeredAt`));
      if (at) out.answeredAt = at;
      if (answer.unconfirmed !== undefined && answer.unconfirmed !== null && typeof answer.unconfirmed !== "boolean") refuse(`${where}.unconfirmed`, "not-boolean");
      if (answer.unconfirmed === true) out.unconfirmed = true;
      return out;
    });
  }

  snapshots(value, path) {
    if (value === undefined) return [];
    if (!Array.isArray(value)) refuse(path, "not-list");
    if (value.length > this.limits.snapshotsMax) refuse(path, "too-many-snapshots", { max: this.limits.snapshotsMax });
    return value.map((snap, i) => {
      const where = `${path}[${i}]`;
      this.object(snap, where, FIELDS.snapshot);
      const scores = this.object(snap.scores, `${where}.scores`, FIELDS.scores);
      const out = {
        id: this.text(snap.id, `${where}.id`),
        savedAt: this.time(snap.savedAt, `${where}.savedAt`),
        answers: this.answers(snap.answers, `${where}.answers`),
        scores: {
          overall: scores.overall === undefined ? null : this.percent(scores.overall, `${where}.scores.overall`),
          sections: this.keyed(scores.sections ?? {}, `${where}.scores.sections`, (p, w) => this.percent(p, w)),
        },
      };
      const label = this.optional(snap.label, (l) => this.text(l, `${where}.label`));
      if (label !== undefined) out.label = label;
      return out;
    });
  }

  questionnaire(value, path) {
    if (value === undefined || value === null) return null;
    this.object(value, path, FIELDS.questionnaire);
    return {
      version: this.text(value.version, `${path}.version`),
      questions: this.keyed(value.questions ?? {}, `${path}.questions`, (q, where) => {
        this.object(q, where, FIELDS.question);
        return {
          text: this.string(q.text, `${where}.text`, this.limits.questionTextMax),
          choices: this.string(q.choices, `${where}.choices`, SHARED.fingerprintLength, this.fingerprint),
        };
      }),
    };
  }

  archive(value, path) {
    return this.keyed(value ?? {}, path, (a, where) => {
      this.object(a, where, FIELDS.archived);
      const out = {
        text: this.string(a.text, `${where}.text`, this.limits.questionTextMax),
        version: this.text(a.version, `${where}.version`),
      };
      const choice = this.optional(a.choice, (c) => this.string(c, `${where}.choice`, this.limits.idMaxLength, this.choice));
      if (choice !== undefined) out.choice = choice;
      const label = this.optional(a.label, (l) => this.text(l, `${where}.label`));
      if (label !== undefined) out.label = label;
      const at = this.optional(a.answeredAt, (t) => this.time(t, `${where}.answeredAt`));
      if (at !== undefined) out.answeredAt = at;
      const note = this.optional(a.note, (n) => this.string(n, `${where}.note`, this.limits.noteMax));
      if (note !== undefined) out.note = note;
      return out;
    });
  }
}


/** Check the parsed file against the format; returns the file's content or throws a Refusal. */
function validate(data, model) {
  const limits = model.limits;
  const shape = new Shape(limits);
  if (!isObject(data)) refuse("", "not-object");
  if (data.format !== limits.format) throw new Refusal("not-export", { format: limits.format });
  const version = data.formatVersion;
  if (version !== 1 && version !== 2) {
    if (typeof version === "number" && Number.isInteger(version) && version > limits.formatVersion) {
      throw new Refusal("newer-format", { version: clip(version), latest: limits.formatVersion });
    }
    throw new Refusal("unsupported-format", { version: typeof version === "number" ? clip(version) : "?", latest: limits.formatVersion });
  }
  shape.object(data, "", version === 1 ? FIELDS.fileV1 : FIELDS.fileV2);
  const assessment = shape.object(data.assessment, "assessment", FIELDS.assessment);
  const title = shape.optional(assessment.title, (t) => shape.text(t, "assessment.title"));
  if (typeof assessment.id !== "string" || assessment.id !== model.id) {
    const name = typeof assessment.id === "string" ? `“${clip(title || assessment.id)}” (${clip(assessment.id)})` : t("an unknown assessment");
    throw new Refusal("other-assessment", { name, title: model.title, id: model.id });
  }
  shape.text(assessment.version, "assessment.version");
  shape.text(data.contentVersion, "contentVersion");
  shape.time(data.exportedAt, "exportedAt");
  const profile = shape.object(data.profile ?? {}, "profile", FIELDS.profile);
  const file = {
    formatVersion: version,
    version: assessment.version,
    contentVersion: data.contentVersion,
    exportedAt: data.exportedAt,
    createdAt: shape.optional(data.createdAt, (t) => shape.time(t, "createdAt")) ?? null,
    updatedAt: shape.optional(data.updatedAt, (t) => shape.time(t, "updatedAt")) ?? null,
    respondent: null,
    edition: null,
    round: null,
    profile: {
      department: shape.optional(profile.department, (d) => shape.id(d, "profile.department")),
      location: shape.optional(profile.location, (l) => shape.text(l, "profile.location")),
      lacks: shape.optional(profile.lacks, (l) => shape.ids(l, "profile.lacks")) || [],
    },
    answers: shape.answers(data.answers, "answers"),
    notes: shape.keyed(data.notes ?? {}, "notes", (n, where) => shape.string(n, where, limits.noteMax)),
    targets: shape.keyed(data.targets ?? {}, "targets", (t, where) => shape.id(t, where)),
    snapshots: shape.snapshots(data.snapshots, "snapshots"),
    questionnaire: null,
    archive: {},
  };
  if (version === 2) {
    const who = shape.object(data.respondent, "respondent", FIELDS.respondent);
    file.respondent = { id: shape.string(who.id, "respondent.id", SHARED.respondentIdMaxLength, shape.respondent) };
    const name = shape.optional(who.name, (n) => shape.text(n, "respondent.name"));
    if (name) file.respondent.name = name;
    file.edition = shape.optional(data.edition, (e) => shape.text(e, "edition")) ?? null;
    file.round = shape.optional(data.round, (r) => shape.text(r, "round")) ?? null;
    file.questionnaire = shape.questionnaire(data.questionnaire, "questionnaire");
    file.archive = shape.archive(data.archive, "archive");
  }
  return file;
}

// --- carrying over ------------------------------------------------------------

const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** The choice an old choice id stands for on this question's scale, or null. */
function currentChoice(model, question, choice) {
  const na = model.limits.notApplicable;
  const set = model.answerSets[question.answerSet];
  if (!set) return null;
  if (choice === na) return set.notApplicable && question.notApplicable !== false ? na : null;
  if (set.choices.some((c) => c.id === choice)) return choice;
  const heir = set.choices.find((c) => c.replaces && c.replaces.includes(choice));
  return heir ? heir.id : null;
}

/**
 * Departments a file's saved 'not applicable' answers say the location lacks:
 * every question needing the department that was answered at all was answered
 * 'not applicable' (the N/A of the 2.0 service questions), and N/A is no longer
 * offered there.
 */
function naLacks(model, file) {
  const na = model.limits.notApplicable;
  const verdict = new Map();
  for (const question of model.sections.flatMap((s) => s.questions)) {
    const source = [question.id, ...question.replaces].find((id) => own(file.answers, id));
    if (source === undefined) continue;
    const isNa = file.answers[source].choice === na && currentChoice(model, question, na) === null;
    for (const need of question.needs || []) verdict.set(need, (verdict.has(need) ? verdict.get(need) : true) && isNa);
  }
  return new Set([...verdict].filter(([, all]) => all).map(([need]) => need));
}

/** What the model says a question looked like, for the questionnaire record. */
export function askedNow(question) {
  return { text: question.text, choices: question.fingerprint };
}

/** Whether a recorded wording is this question's, in this language or another of the playbook's. */
function sameWording(record, question) {
  return record.text === question.text || (question.wordings || []).includes(record.text);
}

function retiredText(model, id) {
  const retired = (model.retired || []).find((r) => r.id === id);
  return retired ? retired.text : `Question “${id}” (its wording was not recorded)`;
}

/**
 * Carry a validated file's answers over to this model. Returns the state the
 * runtime keeps and a report of what happened to each answer.
 */
export function carryOver(model, file) {
  const asked = file.questionnaire ? file.questionnaire.questions : null;
  const sameVersion = file.version === model.version;
  const answers = {};
  const notes = {};
  const questionnaire = {};
  const archive = { ...file.archive };
  const consumed = new Set();
  const wording = {}; // the wording of a question whose answer could not be kept
  const report = { carried: [], reworded: [], choicesChanged: [], remapped: [], fresh: [], archived: [], lost: [],
    naLowest: [], naProfile: [] };
  const lacks = naLacks(model, file);

  for (const section of model.sections) {
    for (const question of section.questions) {
      const ids = [question.id, ...question.replaces];
      const source = ids.find((id) => own(file.answers, id));
      const seen = asked ? ids.find((id) => own(asked, id)) : undefined;
      const noteFrom = ids.find((id) => own(file.notes, id));
      let choice = source === undefined ? null : currentChoice(model, question, file.answers[source].choice);
      if (source !== undefined && choice === null && file.answers[source].choice === model.limits.notApplicable) {
        // 'Not applicable' is no longer offered. Where it said the location has no
        // such department, the profile now says so once and the question drops
        // out; elsewhere the honest answer is the lowest step, to be confirmed.
        if (question.needs && question.needs.length && question.needs.every((d) => lacks.has(d))) {
          consumed.add(source);
          report.naProfile.push(question.id);
          questionnaire[question.id] = asked && own(asked, source) ? asked[source] : askedNow(question);
          if (noteFrom !== undefined) {
            notes[question.id] = file.notes[noteFrom];
            consumed.add(`note:${noteFrom}`);
          }
          continue;
        }
        const set = model.answerSets[question.answerSet];
        if (set) {
          choice = set.choices[0].id;
          report.naLowest.push(question.id);
        }
      }
      if (source !== undefined && choice === null) {
        report.lost.push(question.id);
        const record = asked && (own(asked, source) ? asked[source] : seen !== undefined ? asked[seen] : null);
        wording[source] = record ? record.text : question.text;
      }
      if (choice !== null) {
        consumed.add(source);
        const old = file.answers[source];
        let record = asked && own(asked, source) ? asked[source] : null;
        const answer = { choice };
        if (old.answeredAt) answer.answeredAt = old.answeredAt;
        let changed = Boolean(old.unconfirmed);
        if (source !== question.id) {
          report.carried.push({ id: question.id, from: source });
          changed = changed || !record; // without its old wording, a renamed question may ask something new
        }
        if (record && !sameWording(record, question)) {
          if ((question.sameMeaning || []).includes(record.text)) {
            record = { ...record, text: question.text }; // a wording fix: same meaning
          } else {
            report.reworded.push({ id: question.id, was: record.text });
            changed = true;
          }
        }
        if (record && record.choices !== question.fingerprint) {
          if ((question.sameFingerprints || []).includes(record.choices)) {
            record = { ...record, choices: question.fingerprint }; // choice labels fixed, same meaning
          } else {
            report.choicesChanged.push(question.id);
            changed = true;
          }
        }
        if (choice !== old.choice) {
          report.remapped.push({ id: question.id, from: old.choice, to: choice });
          changed = true;
        }
        if (changed) answer.unconfirmed = true;
        answers[question.id] = answer;
        questionnaire[question.id] = record || askedNow(question);
      } else if (seen !== undefined) {
        questionnaire[question.id] = asked[seen];
      } else if (source !== undefined) {
        questionnaire[question.id] = askedNow(question); // answered once; the answer is in the history
      } else if (asked) {
        report.fresh.push(question.id);
      } else {
        questionnaire[question.id] = askedNow(question); // a version 1 file cannot tell which questions are new
      }
      if (noteFrom !== undefined && (choice !== null || source === undefined)) {
        notes[question.id] = file.notes[noteFrom];
        consumed.add(`note:${noteFrom}`);
      }
    }
  }
  for (const id of new Set([...Object.keys(file.answers), ...Object.keys(file.notes)])) {
    const old = own(file.answers, id) && !consumed.has(id) ? file.answers[id] : null;
    const note = own(file.notes, id) && !consumed.has(`note:${id}`) ? file.notes[id] : null;
    if (!old && note === null) continue;
    const text = own(wording, id) ? wording[id] : asked && own(asked, id) ? asked[id].text : retiredText(model, id);
    const entry = { text, version: file.version };
    if (old) entry.choice = old.choice;
    if (old && old.answeredAt) entry.answeredAt = old.answeredAt;
    if (note !== null) entry.note = note;
    archive[id] = entry;
    report.archived.push(id);
  }
  const departments = new Set(model.departments.map((d) => d.id));
  const profile = {};
  if (file.profile.department && departments.has(file.profile.department)) profile.department = file.profile.department;
  if (file.profile.location) profile.location = file.profile.location;
  if (file.respondent && file.respondent.name) profile.name = file.respondent.name;
  const missing = [...new Set([...(file.profile.lacks || []), ...lacks])].filter((d) => departments.has(d)).sort();
  if (missing.length) profile.lacks = missing;
  const levels = new Set(model.levels.map((l) => l.id));
  const targets = {};
  for (const section of model.sections) {
    if (own(file.targets, section.id) && levels.has(file.targets[section.id])) targets[section.id] = file.targets[section.id];
  }
  report.departmentIgnored = Boolean(file.profile.department && !profile.department);
  report.fromVersion = file.version;
  report.toVersion = model.version;
  report.fromEdition = file.edition;
  report.recorded = Boolean(asked) || sameVersion;
  const state = {
    respondent: file.respondent ? file.respondent.id : null,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    profile,
    answers,
    notes,
    targets,
    snapshots: file.snapshots,
    archive,
    answeredVersion: file.questionnaire ? file.questionnaire.version : file.version,
    questionnaire,
  };
  return { state, report };
}

/**
 * What changed since a respondent answered, from the state alone (so it holds
 * across reloads until they confirm): answers carried over a changed question,
 * questions they have never seen, and answers kept in the archive.
 */
export function changesSince(model, state) {
  const unconfirmed = [];
  const fresh = [];
  for (const section of model.sections) {
    for (const q of section.questions) {
      const answer = state.answers[q.id];
      const record = state.questionnaire[q.id];
      if (answer && answer.unconfirmed) {
        unconfirmed.push({ id: q.id, text: q.text, was: record && !sameWording(record, q) ? record.text : null,
          choicesChanged: Boolean(record && record.choices !== q.fingerprint) });
      } else if (!answer && !record) {
        fresh.push({ id: q.id, text: q.text });
      }
    }
  }
  const archived = Object.entries(state.archive || {}).map(([id, entry]) => ({ id, ...entry }));
  return { since: state.answeredVersion, version: model.version, unconfirmed, fresh, archived,
    pending: unconfirmed.length + fresh.length > 0 };
}

/** The report in sentences, for the person who imported the file. */
export function describe(report, model, state) {
  const notices = [];
  const list = (ids) => `${ids.slice(0, 5).map(clip).join(", ")}${ids.length > 5 ? ", …" : ""}`;
  if (report.fromVersion !== report.toVersion) {
    notices.push(t("The answers were given to version {from}; this is version {to}.", { from: clip(report.fromVersion), to: model.version }));
  }
  if (!report.recorded) notices.push(t("The file does not record the wording its answers were given to: please review them."));
  const unconfirmed = Object.values(state.answers).filter((a) => a.unconfirmed).length;
  if (unconfirmed) {
    notices.push(tn(unconfirmed, "{n} answer needs your confirmation: the question or its choices changed since it was answered.",
      "{n} answers need your confirmation: the question or its choices changed since it was answered."));
  }
  if (report.fresh.length) {
    notices.push(tn(report.fresh.length, "{n} question is new since these answers were given.", "{n} questions are new since these answers were given."));
  }
  if (report.lost.length) {
    notices.push(tn(report.lost.length, "{n} answer could not be kept because the choice no longer exists ({ids}).",
      "{n} answers could not be kept because the choice no longer exists ({ids}).", { ids: list(report.lost) }));
  }
  if (report.archived.length) {
    notices.push(tn(report.archived.length, "{n} answer or note is kept in the history with the wording they were given to ({ids}).",
      "{n} answers or notes are kept in the history with the wording they were given to ({ids}).", { ids: list(report.archived) }));
  }
  if (report.naLowest && report.naLowest.length) {
    notices.push(tn(report.naLowest.length,
      "{n} “not applicable” answer is now on the lowest step, to be confirmed: “not applicable” is no longer offered for what a store chooses to do ({ids}).",
      "{n} “not applicable” answers are now on the lowest step, to be confirmed: “not applicable” is no longer offered for what a store chooses to do ({ids}).",
      { ids: list(report.naLowest) }));
  }
  if (state.profile.lacks && report.naProfile && report.naProfile.length) {
    const names = state.profile.lacks.map((id) => (model.departments.find((d) => d.id === id) || { name: id }).name);
    notices.push(tn(report.naProfile.length,
      "Your “not applicable” answers to {n} question now come from your profile: this location has no {departments} department, set once under About you, and those questions drop out.",
      "Your “not applicable” answers to {n} questions now come from your profile: this location has no {departments} department, set once under About you, and those questions drop out.",
      { departments: names.join(", ") }));
  }
  if (report.departmentIgnored) notices.push(t("The department is not one this playbook knows and was ignored."));
  return notices;
}

/**
 * Parse, validate and carry over answer-file text. Returns {ok: true, state,
 * report, notices, file} or {ok: false, code, message} (and, for an invalid
 * file, the problem and its path).
 */
export function readAnswers(text, model) {
  const problem = fileProblem(text, model.limits);
  if (problem) return problem;
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return refused("not-json");
  }
  let file;
  try {
    file = validate(data, model);
  } catch (error) {
    if (error instanceof Refusal) return refused(error.code, error.values);
    // A RangeError from absurd nesting and the like: refuse the same way.
    return refused("not-valid");
  }
  const { state, report } = carryOver(model, file);
  return { ok: true, state, report, notices: describe(report, model, state), file };
}
