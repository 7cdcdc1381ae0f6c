// Saved answers in local storage, one entry per assessment and per site: the
// key carries the site's base path, so two playbooks (or two editions) served
// from one host never share answers. Entries are kept in the answer-file
// format, so one reader (answers.js) reads both files and storage.

import { toExport } from "./exporter.js";
import { readAnswers } from "./answers.js";

const PREFIX = "cx-playbook:";
// Before editions, answers were kept under an unscoped key per version.
const LEGACY = (model) => new RegExp(`^cx-playbook:${model.id}:\\d+\\.\\d+\\.\\d+$`);

function storage(win) {
  // Storage can be missing or throw (privacy modes, blocked cookies).
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

/** The site's base path (e.g. "/next/"), from the model's link to the site root. */
export function basePath(win, model) {
  return new URL(model.siteRoot || "./", win.location.href).pathname;
}

export function storageKey(win, model, part = "answers") {
  return `${PREFIX}${basePath(win, model)}:${model.id}:${part}`;
}

/** A random respondent id, made once per browser and assessment; never from personal data. */
export function newRespondentId(win) {
  const bytes = new Uint8Array(16);
  win.crypto.getRandomValues(bytes);
  return `r-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * What is saved for this assessment, carried over to this version: {ok, state,
 * report, notices, from}, {ok: false, message, from} for an entry that cannot
 * be read (it is set aside, never overwritten), or null when nothing is saved.
 * Answers kept under the old unscoped keys are moved here once.
 */
export function load(win, model) {
  const store = storage(win);
  if (!store) return null;
  const key = storageKey(win, model);
  let text;
  try {
    text = store.getItem(key);
  } catch {
    return null;
  }
  if (text !== null) {
    const result = readAnswers(text, model);
    if (result.ok) return { ...result, from: key };
    const aside = `${key}:unreadable:${Date.now()}`;
    try {
      store.setItem(aside, text);
      store.removeItem(key);
    } catch {
      return { ok: false, from: key, message: result.message, aside: null };
    }
    return { ok: false, from: key, message: result.message, aside };
  }
  const newest = legacyKeys(win, model)
    .map((k) => ({ k, result: readAnswers(store.getItem(k), model) }))
    .filter((x) => x.result.ok)
    .sort((a, b) => String(b.result.state.updatedAt).localeCompare(String(a.result.state.updatedAt)))[0];
  return newest ? { ...newest.result, from: newest.k } : null;
}

/** Save; false when the browser refused (storage full or blocked). */
export function save(win, model, state, part = "answers", data = null) {
  const store = storage(win);
  if (!store) return false;
  try {
    store.setItem(storageKey(win, model, part), JSON.stringify(data ?? toExport(model, state)));
    return true;
  } catch {
    return false;
  }
}

export function read(win, model, part) {
  const store = storage(win);
  try {
    return store ? store.getItem(storageKey(win, model, part)) : null;
  } catch {
    return null;
  }
}

export function remove(win, model, part = "answers") {
  forget(win, [storageKey(win, model, part)]);
}

/** Remove entries by their keys. */
export function forget(win, keys) {
  const store = storage(win);
  if (!store) return;
  try {
    for (const key of keys) store.removeItem(key);
  } catch {
    // nothing to remove where storage is blocked
  }
}

/** Keys of the old unscoped entries for this assessment, removed once carried over. */
export function legacyKeys(win, model) {
  const store = storage(win);
  const found = [];
  if (!store) return found;
  const pattern = LEGACY(model);
  try {
    for (let i = 0; i < store.length; i += 1) {
      const k = store.key(i);
      if (k && pattern.test(k)) found.push(k);
    }
  } catch {
    return found;
  }
  return found;
}
