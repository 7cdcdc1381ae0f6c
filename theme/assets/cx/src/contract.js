// Small helpers over the contract with Python: the embedded model
// (schemas/assessment-model.schema.json) for what differs per assessment, and
// SHARED (contract-data.js, generated from generator/contract.py) for every
// other literal, refusal and message. The runtime keeps no constants of its own,
// so Python and JavaScript cannot drift apart.

import { ANSWER_FILE_FIELDS, SHARED } from "./contract-data.js";
import { t } from "./strings.js";

export { ANSWER_FILE_FIELDS, SHARED };

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** `template` with each {name} replaced once by values[name] (as generator/contract.py fills it). */
export function fill(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/** A reader's answer for a refused file: its code and the sentence for it. */
export function refused(code, values = {}) {
  // In the page's language: the refusals' and problems' English (contract-data.js) are
  // interface words too (render.runtime_word_places collects them for `check`).
  const out = { ok: false, code, message: fill(t(SHARED.refusals[code].message), values) };
  if (code === "invalid") {
    out.problem = values.detail;
    out.path = values.path;
  }
  return out;
}

/** Why a file's text cannot be read as an export at all (a refused answer), or null. */
export function fileProblem(text, limits) {
  if (typeof text !== "string") return refused("unreadable");
  if (text.length > limits.fileMaxBytes) return refused("too-large", { megabytes: limits.fileMaxBytes / 1024 / 1024 });
  // Refusing deeper text before parsing keeps both readers (and both
  // languages' parsers) away from pathological input.
  if (nestingDepth(text) > SHARED.maxDepth) return refused("too-deep", { depth: SHARED.maxDepth });
  return null;
}

/**
 * The deepest nesting of [ and { outside strings. A string is skipped with
 * indexOf from quote to quote (a thousand files are scanned in one merge, and
 * most of an export is strings); only the backslashes just before a quote are
 * looked at, to tell an escaped quote from the closing one.
 */
export function nestingDepth(text) {
  let depth = 0;
  let deepest = 0;
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 34) { // "
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return deepest; // a string to the end of the text
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92 && end - 1 - slashes > i) slashes += 1;
        if (slashes % 2 === 0) break;
      }
      i = end;
    } else if (c === 91 || c === 123) { // [ {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 93 || c === 125) depth -= 1; // ] }
  }
  return deepest;
}

/** Read the model from the page (it rides in an attribute; see assessment-head.html.j2). */
export function readModel(holder) {
  if (!holder) return null;
  try {
    return JSON.parse(holder.getAttribute("data-cx-model"));
  } catch {
    return null;
  }
}

export function questionIndex(model) {
  const index = new Map();
  for (const section of model.sections) {
    for (const question of section.questions) index.set(question.id, { question, section });
  }
  return index;
}

export const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Why a group shows nothing: it is small, or its figures with a shown total would give a small one away. */
export const hiddenText = (c, k) => (c.reason === "complement" ? t("hidden (would reveal a smaller group)") : t("fewer than {k}", { k }));
