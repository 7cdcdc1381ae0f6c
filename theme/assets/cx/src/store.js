// Saved answers in local storage, one entry per assessment and per site: the
// key carries the site's base path, so two playbooks (or two editions) served
// from one host never share answers. Entries are kept in the answer-file
// format, so one reader (answers.js) reads both files and storage.

import { toExport } from "./exporter.js";
import { readAnswers } from "./answers.js";

const PREFIX = "cx-playbook:";
// Entries that could not be read are set aside under `${key}:unreadable:${time}`
// rather than overwritten; only the newest few are kept, so a browser that
// meets a broken entry on every visit does not fill its storage with copies.
export const KEEP_SET_ASIDE = 3;
// Before editions, answers were kept under unscoped keys (`cx-playbook:<id>:<version>`).
// They are never read: on a shared origin (user.github.io) they may be another
// playbook's, and an assessment id says nothing about whose answers they are.

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
    pruneSetAside(win, key);
    return { ok: false, from: key, message: result.message, aside };
  }
  return null;
}

/** The keys of entries set aside from `key`, newest first. */
export function setAsideKeys(win, key) {
  const store = storage(win);
  const found = [];
  if (!store) return found;
  const prefix = `${key}:unreadable:`;
  try {
    for (let i = 0; i < store.length; i += 1) {
      const k = store.key(i);
      if (k && k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length))) found.push(k);
    }
  } catch {
    return found;
  }
  return found.sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)));
}

/** Keep only the newest KEEP_SET_ASIDE entries set aside from `key`. */
export function pruneSetAside(win, key) {
  forget(win, setAsideKeys(win, key).slice(KEEP_SET_ASIDE));
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
