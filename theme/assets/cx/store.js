// Saved answers in localStorage, one entry per assessment id and version,
// kept in the export format so that one validator reads both.

import { toExport } from "./exporter.js";
import { readExport } from "./importer.js";

const PREFIX = "cx-playbook:";

export function storageKey(model) {
  return `${PREFIX}${model.id}:${model.version}`;
}

function storage(win) {
  // Storage can be missing or throw (privacy modes, blocked cookies).
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

/**
 * The saved state for this version, or the newest one saved for an earlier
 * version, carried over by `replaces`. Returns {state, from, notices} or null.
 */
export function load(win, model) {
  const store = storage(win);
  if (!store) return null;
  const own = storageKey(model);
  const candidates = [];
  try {
    for (let i = 0; i < store.length; i += 1) {
      const k = store.key(i);
      if (k === own || (k && k.startsWith(`${PREFIX}${model.id}:`))) candidates.push(k);
    }
  } catch {
    return null;
  }
  const read = (k) => {
    const result = readExport(store.getItem(k), model);
    return result.ok ? { ...result, from: k } : null;
  };
  if (candidates.includes(own)) return read(own);
  const older = candidates.map(read).filter(Boolean)
    .sort((a, b) => String(b.state.updatedAt).localeCompare(String(a.state.updatedAt)));
  return older[0] || null;
}

export function save(win, model, state) {
  const store = storage(win);
  if (!store) return false;
  try {
    store.setItem(storageKey(model), JSON.stringify(toExport(model, state)));
    return true;
  } catch {
    // Quota exceeded: keep working in memory; the caller says it was not saved.
    return false;
  }
}

export function clear(win, model) {
  const store = storage(win);
  if (store) store.removeItem(storageKey(model));
}
