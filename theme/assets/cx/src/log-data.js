// The experience log as data: entries, the file people export, the links they
// send, and what the CX lead's view computes from many logs. No DOM: Node's test
// runner runs it (tests/js/log-data.test.mjs).
//
// An entry holds ids (moment, touchpoint) and values, never a wording, so a log
// kept on the Spanish site reads the same on the English one.

import { fromBase64url, inflate, packJSON } from "./link-codec.js";
import { csvText } from "./csv.js";

export const FORMAT = "cx-playbook-experience-log";
export const FORMAT_VERSION = 1;
export const TEXT_MAX = 1000;
export const NAME_MAX = 80;
/** Links longer than this are split: messaging apps and QR codes cut longer ones. */
export const LINK_MAX = 2000;
export const FEELINGS = [1, 2, 3, 4, 5];
export const WHERE = ["ours", "other"];
export const LINK_KEY = "log";

const ID = /^[a-z]-[0-9a-f]{8,32}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** A random id for an entry ("e-…") or a log's author ("l-…"); never from personal data. */
export function newId(win, prefix) {
  const bytes = new Uint8Array(8);
  win.crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function text(value, max = TEXT_MAX) {
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

/**
 * An entry as the model allows it, or null. Unknown moments and touchpoints are
 * dropped to "" (a log from another edition still reads), the rest is refused.
 */
export function cleanEntry(raw, model) {
  if (!raw || typeof raw !== "object") return null;
  const feeling = Number(raw.feeling);
  if (!FEELINGS.includes(feeling)) return null;
  if (typeof raw.id !== "string" || !ID.test(raw.id)) return null;
  if (typeof raw.at !== "string" || !TIME.test(raw.at)) return null;
  const moment = model.moments.find((m) => m.id === raw.moment);
  const touchpoint = moment && moment.touchpoints.find((t) => t.id === raw.touchpoint);
  const entry = {
    id: raw.id,
    at: raw.at,
    where: WHERE.includes(raw.where) ? raw.where : "ours",
    business: text(raw.business, NAME_MAX),
    moment: moment ? moment.id : "",
    touchpoint: touchpoint ? touchpoint.id : "",
    happened: text(raw.happened),
    feeling,
    why: text(raw.why),
    idea: text(raw.idea),
  };
  if (typeof raw.updatedAt === "string" && TIME.test(raw.updatedAt)) entry.updatedAt = raw.updatedAt;
  if (!entry.happened && !entry.why && !entry.idea) return null;
  return entry;
}

/** The file a log is exported as (and kept as in the browser). */
export function toFile(log, now = new Date()) {
  const author = { id: log.author.id };
  if (log.author.name) author.name = log.author.name;
  if (log.author.customer) author.customer = true;
  return { format: FORMAT, formatVersion: FORMAT_VERSION, exportedAt: now.toISOString(), author,
    entries: [...log.entries].sort(newestFirst) };
}

/** {ok: true, log} or {ok: false, message} for a file's text or parsed data. */
export function readLog(data, model, strings = {}) {
  let value = data;
  if (typeof data === "string") {
    try {
      value = JSON.parse(data);
    } catch {
      return { ok: false, message: strings.notJson || "This is not a JSON file." };
    }
  }
  if (!value || value.format !== FORMAT) return { ok: false, message: strings.notLog || "This is not an experience log." };
  if (value.formatVersion !== FORMAT_VERSION) {
    return { ok: false, message: strings.newerLog || "This log was made by a newer version of the playbook." };
  }
  const author = value.author || {};
  if (typeof author.id !== "string" || !ID.test(author.id)) {
    return { ok: false, message: strings.notLog || "This is not an experience log." };
  }
  const entries = (Array.isArray(value.entries) ? value.entries : []).map((e) => cleanEntry(e, model)).filter(Boolean);
  return { ok: true, log: {
    author: { id: author.id, name: text(author.name, NAME_MAX), customer: author.customer === true },
    exportedAt: typeof value.exportedAt === "string" && TIME.test(value.exportedAt) ? value.exportedAt : "",
    entries,
  } };
}

export function newestFirst(a, b) {
  return (b.at > a.at) - (b.at < a.at) || (a.id > b.id) - (a.id < b.id);
}

/**
 * Many people's logs as one: one log per author (their entries merged, an entry's
 * newest edit kept), so a link sent twice or a file imported again changes nothing.
 */
export function mergeLogs(logs) {
  const byAuthor = new Map();
  for (const log of logs) {
    const kept = byAuthor.get(log.author.id) || { author: { ...log.author }, entries: new Map() };
    if (log.author.name) kept.author.name = log.author.name;
    for (const entry of log.entries) {
      const old = kept.entries.get(entry.id);
      if (!old || (entry.updatedAt || entry.at) >= (old.updatedAt || old.at)) kept.entries.set(entry.id, entry);
    }
    byAuthor.set(log.author.id, kept);
  }
  return [...byAuthor.values()].map((log) => ({ author: log.author, entries: [...log.entries.values()].sort(newestFirst) }));
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * What the CX lead's view shows: entries per moment and touchpoint, touchpoints
 * ranked by how they felt (best and worst, with their entries), and the ideas
 * with who suggested them. Names appear only when at least k people contributed
 * (the team view's small-group rule) and the author gave one.
 */
export function logStats(logs, model, k = 5) {
  const people = logs.filter((l) => l.entries.length);
  // Only colleagues count toward k: customers' logs are anonymous, so 4 colleagues and a
  // customer would otherwise "reach" k = 5 and name the 4 on their ideas.
  const namesShown = people.filter((l) => !l.author.customer).length >= k;
  const all = logs.flatMap((log) => log.entries.map((entry) => ({ ...entry, author: log.author })));
  const moments = model.moments.map((m) => {
    const here = all.filter((e) => e.moment === m.id);
    return {
      id: m.id, title: m.title, url: m.url, count: here.length,
      mean: here.length ? mean(here.map((e) => e.feeling)) : null,
      touchpoints: m.touchpoints.map((t) => {
        const entries = here.filter((e) => e.touchpoint === t.id);
        return { id: t.id, name: t.name, moment: m.id, count: entries.length,
          mean: entries.length ? mean(entries.map((e) => e.feeling)) : null, entries: entries.sort(newestFirst) };
      }),
    };
  });
  // Above the middle of the scale is good, below it poor: a touchpoint is never both.
  const rated = moments.flatMap((m) => m.touchpoints).filter((t) => t.count);
  const order = (a, b) => b.count - a.count || (a.id > b.id) - (a.id < b.id);
  const best = rated.filter((t) => t.mean > 3).sort((a, b) => b.mean - a.mean || order(a, b)).slice(0, 3);
  const worst = rated.filter((t) => t.mean < 3).sort((a, b) => a.mean - b.mean || order(a, b)).slice(0, 3);
  const who = (author) => (author.customer ? "customer" : namesShown && author.name ? author.name : null);
  const ideas = all.filter((e) => e.idea).sort(newestFirst)
    .map((e) => ({ idea: e.idea, moment: e.moment, touchpoint: e.touchpoint, feeling: e.feeling, by: who(e.author) }));
  return {
    people: people.length, customers: people.filter((l) => l.author.customer).length, entries: all.length,
    ours: all.filter((e) => e.where === "ours").length, other: all.filter((e) => e.where === "other").length,
    unplaced: all.filter((e) => !e.moment).length, namesShown, k, moments, best, worst, ideas,
  };
}

// --- CSV ------------------------------------------------------------------------

export const CSV_COLUMNS = ["author", "name", "date", "where", "business", "moment", "touchpoint", "feeling",
  "what_happened", "what_made_it_so", "idea", "moment_id", "touchpoint_id"];

/** One row per entry, ready for a spreadsheet (csv.js: formulas neutralised, a BOM so Excel reads ñ and ¿ as written). */
export function toCsv(logs, model) {
  const rows = [CSV_COLUMNS];
  for (const log of logs) {
    for (const e of log.entries) {
      const moment = model.moments.find((m) => m.id === e.moment);
      const touchpoint = moment && moment.touchpoints.find((t) => t.id === e.touchpoint);
      rows.push([log.author.id, log.author.name || "", e.at, e.where, e.business, moment ? moment.title : "",
        touchpoint ? touchpoint.name : "", e.feeling, e.happened, e.why, e.idea, e.moment, e.touchpoint]);
    }
  }
  return csvText(rows);
}

// --- links ----------------------------------------------------------------------
// A log travels in the fragment of a link to the lead's view (#log=…): the
// fragment never reaches a server. It is JSON, deflated and written in
// base64url by link-codec.js, as the answers of "Send to your CX lead" are.

/** The most a log link's payload may unpack to: far more than LINK_MAX characters of entries need. */
export const LOG_INFLATED_MAX = 512 * 1024;

export const encodePayload = packJSON;

/** The JSON a payload carries; throws when it is damaged, or unpacks past LOG_INFLATED_MAX. */
export async function decodePayload(text) {
  const bytes = await inflate(fromBase64url(text), LOG_INFLATED_MAX);
  if (bytes === null) throw new Error("too large");
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
}

/**
 * Links to the lead's view carrying the log: as many entries per link as fit in
 * LINK_MAX characters, newest first; an entry too long for a link on its own is
 * sent alone anyway (the browser opens it; some apps may cut it).
 */
export async function logLinks(log, viewUrl, now = new Date()) {
  const links = [];
  let batch = [];
  const linkOf = async (entries) => `${viewUrl}#${LINK_KEY}=${await encodePayload(toFile({ ...log, entries }, now))}`;
  for (const entry of [...log.entries].sort(newestFirst)) {
    const candidate = await linkOf([...batch, entry]);
    if (candidate.length > LINK_MAX && batch.length) {
      links.push(await linkOf(batch));
      batch = [entry];
    } else {
      batch.push(entry);
    }
  }
  if (batch.length) links.push(await linkOf(batch));
  return links;
}

/** The log a link's fragment carries, or null when it carries none. */
export async function logFromHash(hash, model, strings) {
  const match = /^#?log=([A-Za-z0-9_-]+)$/.exec(hash || "");
  if (!match) return null;
  try {
    return readLog(await decodePayload(match[1]), model, strings);
  } catch {
    return { ok: false, message: (strings && strings.badLink) || "This link is damaged or cut short." };
  }
}
