// Reading an export file (or the saved copy in localStorage, which has the same
// shape) strictly: the rules of schemas/assessment-export.schema.json, plus
// known ids only. A file is untrusted; anything unexpected refuses it whole, so
// a refused import never changes what is saved.
//
// Decision on ids this version does not know (documented for users in the
// message): answers and notes to unknown questions, targets for unknown sections
// and an unknown department are ignored and listed; a wrong type, an extra key,
// a bad pattern or another assessment's id refuses the file.

import { migrateState } from "./model.js";

export const FORMAT = "cx-playbook-assessment";
export const FORMAT_VERSION = 1;
export const MAX_BYTES = 5 * 1024 * 1024;

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CHOICE = /^([a-z0-9]+(-[a-z0-9]+)*|n\/a)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

class Refusal extends Error {}

function refuse(path, message) {
  throw new Refusal(path ? `${path}: ${message}` : message);
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function object(value, path, allowed) {
  if (!isObject(value)) refuse(path, "expected an object");
  if (allowed) {
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    if (extra.length) refuse(path, `unexpected field "${clip(extra[0])}"`);
  }
  return value;
}

function string(value, path, max, pattern) {
  if (typeof value !== "string") refuse(path, "expected text");
  if (value.length > max) refuse(path, `longer than ${max} characters`);
  if (pattern && !pattern.test(value)) refuse(path, `"${clip(value)}" is not a valid value`);
  return value;
}

function optional(value, check) {
  return value === undefined || value === null ? undefined : check(value);
}

function key(value, path) {
  return string(value, path, 80, KEY);
}

function timestamp(value, path) {
  return string(value, path, 40, TIMESTAMP);
}

function percent(value, path) {
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) refuse(path, "expected a percentage from 0 to 100");
  return value;
}

function keyedMap(value, path, check) {
  object(value, path);
  const result = {};
  for (const [k, v] of Object.entries(value)) {
    key(k, `${path} key`);
    result[k] = check(v, `${path}.${k}`);
  }
  return result;
}

function answers(value, path) {
  return keyedMap(value ?? {}, path, (answer, where) => {
    object(answer, where, ["choice", "answeredAt"]);
    return { choice: string(answer.choice, `${where}.choice`, 80, CHOICE), answeredAt: optional(answer.answeredAt, (t) => timestamp(t, `${where}.answeredAt`)) };
  });
}

function snapshots(value, path) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) refuse(path, "expected a list");
  if (value.length > 200) refuse(path, "more than 200 snapshots");
  return value.map((snap, i) => {
    const where = `${path}[${i}]`;
    object(snap, where, ["id", "savedAt", "label", "answers", "scores"]);
    const scores = object(snap.scores, `${where}.scores`, ["overall", "sections"]);
    return {
      id: string(snap.id, `${where}.id`, 200),
      savedAt: timestamp(snap.savedAt, `${where}.savedAt`),
      label: optional(snap.label, (l) => string(l, `${where}.label`, 200)),
      answers: answers(snap.answers, `${where}.answers`),
      scores: {
        overall: scores.overall === undefined ? null : percent(scores.overall, `${where}.scores.overall`),
        sections: keyedMap(scores.sections ?? {}, `${where}.scores.sections`, percent),
      },
    };
  });
}

function clip(text) {
  const s = String(text);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Check the parsed export against the format; returns the state or throws a Refusal. */
function validateShape(data, model) {
  object(data, "", ["format", "formatVersion", "assessment", "contentVersion", "exportedAt", "createdAt",
    "updatedAt", "profile", "answers", "notes", "targets", "snapshots"]);
  if (data.format !== FORMAT) refuse("", `this is not a CX playbook assessment export (format should be "${FORMAT}")`);
  if (data.formatVersion !== FORMAT_VERSION) refuse("", `format version ${typeof data.formatVersion === "number" ? clip(data.formatVersion) : "?"} is not supported (this page reads version ${FORMAT_VERSION})`);
  const assessment = object(data.assessment, "assessment", ["id", "version", "title"]);
  const title = optional(assessment.title, (t) => string(t, "assessment.title", 200));
  if (typeof assessment.id !== "string" || assessment.id !== model.id) {
    const name = typeof assessment.id === "string" ? `“${clip(title || assessment.id)}” (${clip(assessment.id)})` : "an unknown assessment";
    refuse("", `this file holds answers to ${name}, not to “${model.title}” (${model.id}). Open that assessment's page to import it`);
  }
  string(assessment.version, "assessment.version", 200);
  string(data.contentVersion, "contentVersion", 200);
  timestamp(data.exportedAt, "exportedAt");
  const profile = object(data.profile ?? {}, "profile", ["department", "location"]);
  return {
    version: assessment.version,
    createdAt: optional(data.createdAt, (t) => timestamp(t, "createdAt")) ?? null,
    updatedAt: optional(data.updatedAt, (t) => timestamp(t, "updatedAt")) ?? null,
    profile: {
      department: optional(profile.department, (d) => key(d, "profile.department")),
      location: optional(profile.location, (l) => string(l, "profile.location", 200)),
    },
    answers: answers(data.answers, "answers"),
    notes: keyedMap(data.notes ?? {}, "notes", (n, where) => string(n, where, 2000)),
    targets: keyedMap(data.targets ?? {}, "targets", key),
    snapshots: snapshots(data.snapshots, "snapshots"),
  };
}

/**
 * Parse and validate export text. Returns {ok: true, state, notices} with the
 * state migrated to this version, or {ok: false, message}.
 */
export function readExport(text, model) {
  if (typeof text !== "string") return { ok: false, message: "The file could not be read." };
  if (text.length > MAX_BYTES) return { ok: false, message: `The file is larger than ${MAX_BYTES / 1024 / 1024} MB, the most an export can be.` };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: "The file is not JSON. Choose a file made by Export JSON." };
  }
  let checked;
  try {
    checked = validateShape(data, model);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: `The file was not imported: ${error.message}.` };
    // A RangeError from absurd nesting and the like: refuse the same way.
    return { ok: false, message: "The file was not imported: it is not a valid export." };
  }
  const { migrated, dropped } = migrateState(model, checked);
  const notices = [];
  if (dropped.length) notices.push(`${dropped.length} answer${dropped.length === 1 ? "" : "s"} to questions not in this version ${dropped.length === 1 ? "was" : "were"} ignored (${dropped.slice(0, 5).map(clip).join(", ")}${dropped.length > 5 ? ", …" : ""}).`);
  if (checked.profile.department && !migrated.profile.department) notices.push("The department is not one this playbook knows and was ignored.");
  return { ok: true, state: migrated, notices, version: checked.version };
}
