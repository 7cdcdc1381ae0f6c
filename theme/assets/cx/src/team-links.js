// Answers in a link: "Send to your CX lead" writes one respondent's answers
// into the fragment of a link to this site's team view (browsers never send a
// fragment to a server), and the team view reads such links back, one opened,
// many pasted or scanned. generator/team_links.py is the Python twin (the CLI
// reads text files of links); both run tests/cases/team-links.json.
//
// The fragment: #cx1:<length>:<check><payload>
// - payload: base64url of the raw-DEFLATE of a compact JSON object
//   {a: assessment id, v: questionnaire version, r: respondent id, t: when
//   answered (ISO), o: round, d: department id, l: location,
//   c: {question id: choice id}, n: {question id: note}} (o, d, l, n optional);
// - length: the payload's length, so a link cut off by a mail client is named so;
// - check: the first 8 characters of base64url(SHA-256(payload)), so a changed
//   character is caught (a check against accidents, not a signature).
// A link is read into an answer file and goes through readTeamFile like any file.

import { base64url, deflate, fromBase64url, inflate } from "./link-codec.js";
import { readTeamFile } from "./team-stats.js";

export const LINK_PREFIX = "cx1:";
const CHECK_LENGTH = 8;
/** The longest payload read (characters), and the most it may inflate to (bytes). */
export const PAYLOAD_MAX = 16000;
export const INFLATED_MAX = 64 * 1024;
/** The most links one paste may hold. */
export const PASTE_LINKS_MAX = 5000;
/** The most text one paste may hold (characters). */
export const PASTE_MAX = 4 * 1024 * 1024;

// A link in any text: up to the fragment, then the payload's alphabet only (so
// a full stop, bracket or quote after the link in a sentence is left out).
const LINK = /https?:\/\/[^\s"'<>()[\]{}]*?#cx1:(\d*):?([A-Za-z0-9_-]*)/g;

export const LINK_REASONS = {
  "link-cut": "cut off",
  "link-changed": "changed",
  "link-foreign": "from another site",
  "link-large": "too large",
  "link-invalid": "not a valid link",
};

async function check(payload) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(payload));
  return base64url(new Uint8Array(digest)).slice(0, CHECK_LENGTH);
}

/** The compact object a link carries, from an answer file (toExport's shape). */
export function linkData(file, { round = null, notes = false } = {}) {
  const data = { a: file.assessment.id, v: file.assessment.version, r: file.respondent.id,
    t: file.updatedAt || file.exportedAt };
  if (round) data.o = round;
  if (file.profile && file.profile.department) data.d = file.profile.department;
  if (file.profile && file.profile.location) data.l = file.profile.location;
  data.c = {};
  for (const [id, a] of Object.entries(file.answers || {})) data.c[id] = a.choice;
  if (notes && file.notes && Object.keys(file.notes).length) data.n = { ...file.notes };
  return data;
}

/** The link to `teamUrl` carrying `data` (linkData's object). */
export async function encodeLink(teamUrl, data) {
  const deflated = await deflate(new TextEncoder().encode(JSON.stringify(data)));
  const payload = base64url(deflated);
  const url = new URL(teamUrl);
  url.hash = `${LINK_PREFIX}${payload.length}:${await check(payload)}${payload}`;
  return url.href;
}

/** Every link in a text, in order, as written (any text around them is ignored). */
export function findLinks(text) {
  return [...String(text).matchAll(LINK)].map((m) => m[0]);
}

function linkRefusal(name, reason, message) {
  return { ok: false, file: name, reason, message };
}

const isText = (x) => typeof x === "string";

/**
 * One link, read like a file: {ok: true, ...readTeamFile, round} or a refusal
 * with a link reason. `teamUrl` is this team page's address: a link to any
 * other page (another site, another assessment's team view) is refused.
 */
export async function readLink(name, link, model, teamUrl) {
  let url;
  try {
    url = new URL(link);
  } catch {
    return linkRefusal(name, "link-invalid", "This is not a link to a team view.");
  }
  // A scanned QR code may hold anything (a Wi-Fi login, a mailto): only a web link can lead here.
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return linkRefusal(name, "link-invalid", "This is not a link to a team view.");
  }
  const here = new URL(teamUrl);
  // The QR code on a break-room invitation (invitation.js), scanned by mistake in a workshop.
  if (url.origin === here.origin && !url.hash.startsWith("#cx1:")
    && ["round", "location", "department"].some((key) => url.searchParams.has(key))) {
    return linkRefusal(name, "link-invalid", "This is an invitation to answer, not a respondent's answers: it is for the phones of those who answer, who then send their own link.");
  }
  if (url.origin !== here.origin || url.pathname !== here.pathname) {
    return linkRefusal(name, "link-foreign", `The link leads to ${url.origin}${url.pathname}, not to this team view (${here.origin}${here.pathname}).`);
  }
  const m = /^#cx1:(\d+):([A-Za-z0-9_-]*)$/.exec(url.hash);
  if (!m) {
    return /^#cx1:\d*$/.test(url.hash) ? linkRefusal(name, "link-cut", "The link was cut off before its answers (a mail client may have broken it over two lines).")
      : linkRefusal(name, "link-invalid", "The link's answers are not in a form this page reads.");
  }
  const length = Number(m[1]);
  const body = m[2];
  if (length > PAYLOAD_MAX || body.length > PAYLOAD_MAX + CHECK_LENGTH) {
    return linkRefusal(name, "link-large", `The link carries more than ${PAYLOAD_MAX} characters of answers, more than any answer set needs.`);
  }
  if (body.length < length + CHECK_LENGTH) {
    return linkRefusal(name, "link-cut", `The link was cut off: ${body.length - CHECK_LENGTH < 0 ? 0 : body.length - CHECK_LENGTH} of its ${length} characters of answers arrived (a mail client may have broken it over two lines).`);
  }
  if (body.length > length + CHECK_LENGTH) {
    return linkRefusal(name, "link-changed", "The link is longer than it says it is: it was changed after it was made.");
  }
  const payload = body.slice(CHECK_LENGTH);
  if (body.slice(0, CHECK_LENGTH) !== await check(payload)) {
    return linkRefusal(name, "link-changed", "The link's answers do not match its check: it was changed after it was made.");
  }
  let data;
  try {
    const inflated = await inflate(fromBase64url(payload), INFLATED_MAX);
    if (inflated === null) {
      return linkRefusal(name, "link-large", `The link's answers unpack to more than ${INFLATED_MAX / 1024} KB, more than any answer set needs.`);
    }
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(inflated));
  } catch {
    return linkRefusal(name, "link-invalid", "The link's answers could not be unpacked.");
  }
  return readLinkData(name, data, model);
}

/** The object a link carries, checked field by field, then read as an answer file. */
export function readLinkData(name, data, model) {
  const flat = (x) => x && typeof x === "object" && !Array.isArray(x) && Object.values(x).every(isText);
  if (!data || typeof data !== "object" || Array.isArray(data) || !isText(data.a) || !isText(data.v) || !isText(data.r)
    || !isText(data.t) || !flat(data.c) || (data.n !== undefined && !flat(data.n))
    || ["o", "d", "l"].some((k) => data[k] !== undefined && !isText(data[k]))) {
    return linkRefusal(name, "link-invalid", "The link's answers are not in a form this page reads.");
  }
  if (data.o !== undefined && data.o.length > model.limits.textMax) {
    return linkRefusal(name, "link-invalid", `The link's round is longer than ${model.limits.textMax} characters.`);
  }
  const answers = {};
  for (const [id, choice] of Object.entries(data.c)) answers[id] = { choice };
  const file = {
    format: model.limits.format,
    formatVersion: model.limits.formatVersion,
    assessment: { id: data.a, version: data.v },
    contentVersion: model.contentVersion,
    exportedAt: data.t,
    respondent: { id: data.r },
    profile: {},
    answers,
    notes: data.n || {},
  };
  if (data.d !== undefined) file.profile.department = data.d;
  if (data.l !== undefined) file.profile.location = data.l;
  const read = readTeamFile(name, JSON.stringify(file), model);
  if (!read.ok) return read;
  read.respondent.round = data.o === undefined ? null : data.o;
  return read;
}
