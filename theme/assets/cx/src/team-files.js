// Reading the answer files a CX lead adds to the team view: files picked or
// dropped, folders walked (*.json, nothing hidden), each file streamed and read
// by the single import's reader (team-stats.js readTeamFile). Reading never
// touches the page: progress is reported through a callback, so the owner
// (team.js) decides what the user sees.

import { plural } from "./contract.js";
import { readTeamFile, tooLarge, unreadable } from "./team-stats.js";

const READS_IN_FLIGHT = 16; // files read at once
const PROGRESS_EVERY = 60; // ms between two progress reports

/** Files in a folder worth reading: *.json, nothing hidden on the way. */
export function wanted(path) {
  const parts = path.split("/");
  return /\.json$/i.test(parts[parts.length - 1]) && !parts.some((p) => p.startsWith("."));
}

/** A promise for the next animation frame (a hidden tab gets none: a timer still lets the page breathe). */
export const nextFrame = (win) => new Promise((resolve) => {
  const timer = win.setTimeout(resolve, 100);
  win.requestAnimationFrame(() => { win.clearTimeout(timer); resolve(); });
});

/** The files of a file input's change: {items, skipped}; from a folder, only the wanted ones. */
export function chosenFiles(input) {
  const folder = input.hasAttribute("data-cx-team-folder");
  const all = [...(input.files || [])];
  const items = all.map((file) => ({ file, name: file.webkitRelativePath || file.name }));
  const chosen = folder ? items.filter((x) => wanted(x.name)) : items;
  return { items: chosen, skipped: folder ? all.length - chosen.length : 0 };
}

/**
 * Walk dropped files and folders (folders: *.json, nothing hidden):
 * {found: [{file, name}], problems: [refusal], skipped}. `progress(count)`
 * is called after each batch of a folder.
 */
export async function walkEntries(entries, progress) {
  const found = [];
  const problems = [];
  let skipped = 0;
  const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));
  const walk = async (entry, top) => {
    const path = entry.fullPath ? entry.fullPath.replace(/^\//, "") : entry.name;
    if (entry.isFile) {
      if (!top && !wanted(path)) { skipped += 1; return; }
      try {
        found.push({ file: await fileOf(entry), name: path });
      } catch {
        problems.push(unreadable(path));
      }
    } else if (entry.isDirectory && (top || !entry.name.startsWith("."))) {
      const reader = entry.createReader();
      for (;;) {
        let batch;
        try {
          batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        } catch {
          problems.push(unreadable(`${path}/`));
          break;
        }
        if (!batch.length) break;
        for (const child of batch) await walk(child, false);
        progress(found.length);
      }
    }
  };
  for (const entry of entries) await walk(entry, true);
  return { found, problems, skipped };
}

/** What was dropped: file system entries when the browser gives them, else plain files. */
export function dropped(dataTransfer) {
  // Entries must be taken while the event lasts; reading them may take longer.
  const entries = [...(dataTransfer.items || [])]
    .map((item) => (item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (entries.length && entries.every(Boolean)) return { entries };
  return { files: [...dataTransfer.files].map((file) => ({ file, name: file.name })) };
}

/**
 * One file: refused as too large once more than the limit has arrived (never
 * read whole), unreadable, or read like a single import. It is streamed
 * rather than sized first: a file's size costs Chromium a synchronous
 * round trip per file, which a thousand files feel.
 */
export async function readOne({ file, name }, model) {
  const limit = model.limits.fileMaxBytes;
  const chunks = [];
  let bytes = 0;
  try {
    const stream = file.stream().getReader();
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        stream.cancel().catch(() => {});
        return tooLarge(name, model);
      }
      chunks.push(value);
    }
  } catch {
    return unreadable(name);
  }
  // As file.text() decodes: UTF-8, a leading BOM dropped, bad bytes replaced.
  const decoder = new TextDecoder();
  const text = chunks.map((c, i) => decoder.decode(c, { stream: i < chunks.length - 1 })).join("");
  return readTeamFile(name, text, model);
}

/**
 * Read items a few at a time with `read(item)` (files or links), results in
 * the items' order. Every PROGRESS_EVERY ms, `progress(done, total)` is called
 * and a frame is let through so the page repaints. Null when `cancelled()`.
 */
export async function readAll(items, read, { win, progress, cancelled }) {
  const results = new Array(items.length);
  let cursor = 0;
  let done = 0;
  let last = performance.now();
  // Several reads in flight hide the time each takes to arrive.
  const reader = async () => {
    while (cursor < items.length && !cancelled()) {
      const i = cursor;
      cursor += 1;
      results[i] = await read(items[i]);
      done += 1;
      if (performance.now() - last > PROGRESS_EVERY) {
        last = performance.now();
        progress(done, items.length);
        await nextFrame(win);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, items.length) }, reader));
  return cancelled() ? null : results;
}

/** Files read like single imports (readOne), a few at a time. */
export function readFiles(items, model, options) {
  return readAll(items, (item) => readOne(item, model), options);
}

export const folderProgress = (count) => `Looking through the folder: ${plural(count, "file", "files")} found…`;
