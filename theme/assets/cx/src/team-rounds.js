// Rounds: the same team asked again, say every quarter. Each answer carries its
// round (a link's `o`, an answer file's `round`, or the round the lead names
// for what carries none); a respondent in two rounds is two entries, and
// duplicates are settled within a round only (team-stats.js mergeTeam).
//
// The comparison works on two team JSON summaries (teamSummary's object), so
// an earlier round brought back from its files and one brought back from its
// downloaded JSON summary compare the same way. Privacy: with "hide groups
// smaller than k" on, a change is shown only when the group has k or more
// respondents on both sides. generator/team_rounds.py is the Python twin; both
// run tests/cases/team/rounds*.json.

import { participation } from "./team-headcount.js";
import { t } from "./strings.js";
import { SUMMARY_FORMAT, locationKey, roundName, round4, teamStats, teamSummary } from "./team-stats.js";

export { respondentKey, roundName } from "./team-stats.js";

/** The name shown for answers that carry no round and were given none (English: the CLI's twin and the data). */
export const NO_ROUND = "No round named";
/** NO_ROUND in the page's language, read when drawn (an instant navigation may change the language). */
export const noRound = () => t("No round named");
/** Sections, departments and locations listed under "moved most". */
export const MOVED_MAX = 3;

/**
 * The rounds among the respondents, oldest first (by each round's earliest
 * answer, then name): [{round, respondents, first}]. A round of null holds
 * what carries no round.
 */
export function roundsOf(respondents) {
  const found = new Map();
  for (const r of respondents) {
    const round = r.round ?? null;
    const when = r.exportedAt || "";
    const g = found.get(round);
    if (!g) found.set(round, { round, respondents: 1, first: when });
    else {
      g.respondents += 1;
      if (when < g.first) g.first = when;
    }
  }
  return [...found.values()].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0)
    || ((a.round ?? "") < (b.round ?? "") ? -1 : (a.round ?? "") > (b.round ?? "") ? 1 : 0));
}

/** The respondents of one round. */
export function inRound(respondents, round) {
  return respondents.filter((r) => (r.round ?? null) === round);
}

/**
 * Which rounds to show: `current` and `baseline` as asked when they exist,
 * else the newest round and the one before it. {current, baseline, compare}:
 * compare is false when there is no earlier round (a round may be null: the
 * answers that carry no round).
 */
export function pickRounds(rounds, current, baseline) {
  const names = rounds.map((r) => r.round);
  const now = current !== undefined && names.includes(current) ? current : names.length ? names[names.length - 1] : null;
  if (baseline !== undefined && baseline !== now && names.includes(baseline)) return { current: now, baseline, compare: true };
  const at = names.indexOf(now);
  return at > 0 ? { current: now, baseline: names[at - 1], compare: true } : { current: now, baseline: null, compare: false };
}

/**
 * The team's figures for one round (teamStats of its respondents), with the
 * comparison to an earlier round (its respondents here, or `baselineSummary`,
 * a summary brought back by readSummary) and the participation when
 * `headcounts` are known. choice: {current, baseline, baselineSummary, headcounts,
 * compare} (compare: false, the lead chose to compare with nothing).
 */
export function roundStats(model, respondents, options = {}, choice = {}) {
  const rounds = roundsOf(respondents);
  const picked = pickRounds(rounds, choice.current, choice.baseline);
  const excluded = new Set(options.excluded || []);
  const now = inRound(respondents, picked.current);
  const stats = teamStats(model, now, { ...options, round: picked.current });
  stats.rounds = rounds;
  stats.baseline = null;
  let before = null;
  let people = null;
  if (choice.baselineSummary) {
    before = choice.baselineSummary;
  } else if (picked.compare && choice.compare !== false) {
    const earlier = inRound(respondents, picked.baseline);
    before = teamSummary(model, teamStats(model, earlier, { ...options, round: picked.baseline }));
    const kept = (list) => list.filter((r) => !excluded.has(r.key));
    people = peopleBetween(kept(now), kept(earlier));
  }
  if (before) {
    stats.comparison = compareRounds(teamSummary(model, stats), before, stats.options, people);
    stats.baseline = before.round ?? null;
  }
  if (choice.headcounts) stats.participation = participation(model, now.filter((r) => !excluded.has(r.key)), choice.headcounts);
  return stats;
}

// --- a round brought back from its JSON summary ---------------------------------

const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
const isCount = (x) => Number.isInteger(x) && x >= 0;
const isScore = (x) => x === null || (typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= 100);
const side = (c) => isObject(c) && (c.hidden === true || (isCount(c.n) && isScore(c.mean ?? c.score)));

/**
 * A team JSON summary (the team view's download, or `cx-playbook team --format
 * json`) read as an earlier round: {ok: true, summary} or {ok: false, message}.
 * Only what the comparison uses is checked and kept.
 */
export function readSummary(text, model) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: t("It is not a JSON file.") };
  }
  if (!isObject(data) || data.format !== SUMMARY_FORMAT) {
    return { ok: false, message: t("It is not a team JSON summary (its format is not “{format}”).", { format: SUMMARY_FORMAT }) };
  }
  if (!isObject(data.assessment) || data.assessment.id !== model.id) {
    return { ok: false, message: t("It summarises another assessment, not “{title}” ({id}).", { title: model.title, id: model.id }) };
  }
  const cells = (list, key) => Array.isArray(list) && list.every((c) => side(c) && (c[key] === null || typeof c[key] === "string"));
  const part = (x) => isObject(x) && isCount(x.n) && isScore(x.score) && cells(x.byDepartment, "department") && cells(x.byLocation, "location");
  if (!isCount(data.respondents) || !part(data.overall) || !Array.isArray(data.sections)
    || !data.sections.every((s) => part(s) && typeof s.id === "string")
    || (data.round !== undefined && data.round !== null && typeof data.round !== "string")) {
    return { ok: false, message: t("Its figures are not in the form the team view writes.") };
  }
  const keep = (x) => ({ n: x.n, score: x.score,
    byDepartment: x.byDepartment.map((c) => ({ department: c.department, name: String(c.name ?? c.department ?? ""), ...cellOf(c) })),
    byLocation: x.byLocation.map((c) => ({ location: c.location, ...cellOf(c) })) });
  return {
    ok: true,
    summary: {
      round: roundName(data.round),
      respondents: data.respondents,
      hideGroupsSmallerThan: isCount(data.hideGroupsSmallerThan) ? data.hideGroupsSmallerThan : null,
      overall: keep(data.overall),
      sections: data.sections.map((s) => ({ id: s.id, title: String(s.title ?? s.id), ...keep(s) })),
    },
  };
}

// Hidden as the complement of a smaller group (team-stats.js protect): said so, not "fewer than k".
const hiddenOf = (c) => (c.reason === "complement" ? { hidden: true, reason: "complement" } : { hidden: true });
const cellOf = (c) => (c.hidden ? hiddenOf(c) : { n: c.n, mean: c.mean });

// --- the comparison -------------------------------------------------------------

/**
 * The change from `before` to `now` (both team summaries), per section and per
 * department and location (overall score), with n on both sides; a group
 * below k on either side (options.hideSmall) shows no change. `people`, when
 * both rounds' answers are at hand: {new, returning, gone} respondent counts.
 */
export function compareRounds(now, before, options = {}, people = null) {
  const hide = Boolean(options.hideSmall);
  const k = options.k;
  const view = (c) => {
    if (!c) return null;
    if (c.hidden) return hiddenOf(c);
    const score = c.score !== undefined ? c.score : c.mean;
    if (hide && c.n < k) return { hidden: true };
    return { n: c.n, score: score === null ? null : round4(score) };
  };
  const change = (a, b) => (a && b && !a.hidden && !b.hidden && a.score !== null && b.score !== null ? round4(a.score - b.score) : null);
  const row = (extra, a, b) => { const x = view(a); const y = view(b); return { ...extra, now: x, before: y, change: change(x, y) }; };

  const overall = row({}, now.overall, before.overall);
  const beforeSections = new Map(before.sections.map((s) => [s.id, s]));
  const sections = now.sections.map((s) => row({ id: s.id, title: s.title }, s, beforeSections.get(s.id)));

  const deptKey = (c) => c.department ?? "";
  const thenDepts = new Map(before.overall.byDepartment.map((c) => [deptKey(c), c]));
  const departments = now.overall.byDepartment.map((c) => row({ id: c.department, name: c.name }, c, thenDepts.get(deptKey(c))));
  const nowDepts = new Set(now.overall.byDepartment.map(deptKey));
  const locKey = (c) => locationKey(c.location) ?? "";
  const thenLocs = new Map(before.overall.byLocation.map((c) => [locKey(c), c]));
  const locations = now.overall.byLocation.map((c) => row({ name: c.location }, c, thenLocs.get(locKey(c))));
  const nowLocs = new Set(now.overall.byLocation.map(locKey));

  // What moved most: sections, departments and locations, by the size of their change.
  const moved = [
    ...sections.map((s, i) => ({ kind: "section", id: s.id, name: s.title, change: s.change, order: i })),
    ...departments.map((d, i) => ({ kind: "department", id: d.id, name: d.name, change: d.change, order: 1000 + i })),
    ...locations.map((l, i) => ({ kind: "location", id: null, name: l.name, change: l.change, order: 2000 + i })),
  ].filter((m) => m.change !== null && m.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.order - b.order)
    .slice(0, MOVED_MAX)
    .map(({ order, ...m }) => m);

  return {
    round: now.round ?? null,
    baseline: before.round ?? null,
    respondents: { now: now.respondents, before: before.respondents },
    overall,
    sections,
    departments,
    locations,
    moved,
    newDepartments: departments.filter((d) => !thenDepts.has(d.id ?? "")).map((d) => d.name),
    newLocations: locations.filter((l) => !thenLocs.has(locationKey(l.name) ?? "")).map((l) => l.name),
    goneDepartments: before.overall.byDepartment.filter((c) => !nowDepts.has(deptKey(c))).map((c) => c.name),
    goneLocations: before.overall.byLocation.filter((c) => !nowLocs.has(locKey(c))).map((c) => c.location),
    people,
  };
}

/** Who is new: respondent ids in the current round and not the earlier one, and the other way round. */
export function peopleBetween(now, before) {
  const ids = (list) => new Set(list.filter((r) => r.id !== null).map((r) => r.id));
  const a = ids(now);
  const b = ids(before);
  let returning = 0;
  for (const id of a) if (b.has(id)) returning += 1;
  return { new: a.size - returning, returning, gone: b.size - returning };
}
