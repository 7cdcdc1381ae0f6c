// Keeping the merged team in this browser (local storage, scoped like the
// answers by store.js). What is kept: each respondent's ids, profile, choices
// and notes, compactly. It is read back like a file: each respondent goes
// through the answer-file reader again (and is carried over if the
// questionnaire changed since); anything unreadable is left out and counted.

import { SHARED, plural } from "./contract.js";
import * as store from "./store.js";
import { DEFAULT_K, K_MAX, K_MIN, readTeamFile, respondentKey, roundName } from "./team-stats.js";

const STORE_PART = "team";
const STORE_FORMAT = SHARED.teamStoreFormat; // schemas/team-storage.schema.json

/** The stored form of a team, its exclusions and report options. */
export function stored(model, team, excluded, options, rounds = null) {
  return {
    format: STORE_FORMAT,
    formatVersion: SHARED.teamStoreVersion,
    assessment: { id: model.id, version: model.version },
    respondents: team.respondents.map((r) => {
      const out = { key: r.key, file: r.file, exportedAt: r.exportedAt, answers: r.answers };
      if (r.id) out.id = r.id;
      if (r.name) out.name = r.name;
      if (r.department) out.department = r.department;
      if (r.location) out.location = r.location;
      if (r.updatedAt) out.updatedAt = r.updatedAt;
      if (r.round) out.round = r.round;
      if (Object.keys(r.notes).length) out.notes = r.notes;
      return out;
    }),
    superseded: team.superseded,
    v1Count: team.v1Count,
    excluded: [...excluded],
    options,
    ...(rounds ? { rounds: keptRounds(rounds) } : {}),
  };
}

/** The round choices as kept: only what is set (undefined means "the default"). */
function keptRounds(rounds) {
  const out = {};
  for (const key of ["name", "current", "baseline", "headcounts", "summary"]) {
    if (typeof rounds[key] === "string") out[key] = rounds[key];
  }
  return out;
}

/** Keep the team (an empty team removes the entry); false when the browser refused. */
export function saveTeam(win, model, team, excluded, options, rounds = null) {
  if (!team.respondents.length && !(rounds && (rounds.headcounts || rounds.summary))) {
    store.remove(win, model, STORE_PART);
    return true;
  }
  return store.save(win, model, null, STORE_PART, stored(model, team, excluded, options, rounds));
}

export function removeTeam(win, model) {
  store.remove(win, model, STORE_PART);
}

/** One kept respondent, read again through the answer-file reader; null if it does not pass. */
function reread(model, r, version) {
  if (!r || typeof r !== "object" || typeof r.key !== "string" || typeof r.file !== "string") return null;
  const isV1 = /^v1:\d+$/.test(r.key);
  const round = typeof r.round === "string" ? roundName(r.round) : null;
  if (!isV1 && r.key !== respondentKey(r.id, round)) return null;
  const answers = {};
  for (const [id, choice] of Object.entries(r.answers && typeof r.answers === "object" ? r.answers : {})) answers[id] = { choice };
  const file = {
    format: model.limits.format,
    formatVersion: isV1 ? 1 : 2,
    assessment: { id: model.id, version },
    contentVersion: model.contentVersion,
    exportedAt: r.exportedAt,
    profile: {},
    answers,
    notes: r.notes || {},
  };
  if (r.updatedAt) file.updatedAt = r.updatedAt;
  if (!isV1) file.respondent = r.name ? { id: r.id, name: r.name } : { id: r.id };
  if (r.department) file.profile.department = r.department;
  if (r.location) file.profile.location = r.location;
  const read = readTeamFile(r.file, JSON.stringify(file), model);
  return read.ok ? { ...read.respondent, key: r.key, round } : null;
}

/**
 * The kept team: null when nothing is kept; {ok: false, message} when the
 * entry cannot be read; else {ok: true, team, excluded, options, dropped,
 * message, isError} (options only when kept ones are valid).
 */
export function restoreTeam(win, model) {
  const text = store.read(win, model, STORE_PART);
  if (text === null) return null;
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = null;
  }
  if (!data || data.format !== STORE_FORMAT || data.formatVersion !== SHARED.teamStoreVersion || !Array.isArray(data.respondents)) {
    return { ok: false, message: "Team data kept in this browser could not be read, so the team view starts empty. Add the files again." };
  }
  const respondents = [];
  let dropped = 0;
  const version = data.assessment && typeof data.assessment.version === "string" ? data.assessment.version : model.version;
  for (const r of data.respondents) {
    const read = reread(model, r, version);
    if (read) respondents.push(read);
    else dropped += 1;
  }
  const keys = new Set(respondents.map((r) => r.key));
  const superseded = Array.isArray(data.superseded) ? data.superseded.filter((s) => s && typeof s.id === "string"
    && s.kept && typeof s.kept.file === "string" && Array.isArray(s.dropped) && s.dropped.every((d) => d && typeof d.file === "string")) : [];
  const team = { respondents, superseded, v1Count: Number.isInteger(data.v1Count) ? data.v1Count : respondents.length };
  const excluded = new Set((Array.isArray(data.excluded) ? data.excluded : []).filter((k) => keys.has(k)));
  let options = null;
  if (data.options && typeof data.options === "object") {
    const k = Number(data.options.k);
    // Kept before small groups were hidden by default (no showNotes): hidden now, as for anyone new.
    const chosen = typeof data.options.showNotes === "boolean";
    options = { hideSmall: chosen ? data.options.hideSmall === true : true,
      k: Number.isInteger(k) && k >= K_MIN && k <= K_MAX ? k : DEFAULT_K, showNotes: data.options.showNotes === true,
      singleStore: data.options.singleStore === true };
  }
  const notes = [];
  if (version !== model.version) notes.push(`The team was merged against version ${version} of the questionnaire; its answers were carried over to version ${model.version}.`);
  if (dropped) notes.push(`${plural(dropped, "respondent kept in this browser could", "respondents kept in this browser could")} not be read again and ${dropped === 1 ? "was" : "were"} left out. Add their files again.`);
  const rounds = data.rounds && typeof data.rounds === "object" ? keptRounds(data.rounds) : null;
  return { ok: true, team, excluded, options, rounds, dropped, message: notes.join(" "), isError: dropped > 0 };
}
