// The team view's statistics, as pure functions of the embedded model and the
// respondents merged from many answer files. No DOM: Node's test runner runs
// it against tests/cases/team/*.json, and generator/team.py, its Python twin,
// runs the same cases, so the page and `cx-playbook team` give the same numbers.
//
// A file is read by the single import's reader (answers.js: same checks, same
// carry-over through `replaces`, same words); the rest is defined here once:
//
// - respondent: one merged file, keyed by its respondent id; the same id twice
//   keeps the newest export (exportedAt, then updatedAt, then file name);
//   format 1 files carry no id, so each is its own respondent;
// - section and overall: each respondent's weighted percent exactly as the
//   single assessment scores it, then n, mean, sample SD, min and max over the
//   respondents with a score; a heatmap cell is split when max − min ≥ 50 points;
// - a question: counts per choice, the lower median and range in answer steps,
//   split (range ≥ 2 steps, or a quarter of answers each side of the middle),
//   Tastle and Wierman's dissention (the agenda's order), and rwg and AD from
//   n ≥ 5;
// - team next actions: plays of questions with a low mean or a split, ranked
//   like the single assessment's (scoring.js rankPlays).

import { readAnswers } from "./answers.js";
import { SHARED, refused } from "./contract.js";
import { choiceLabel, csvText } from "./csv.js";
import { isValidChoice, levelFor, playsFor, scoreRespondent } from "./scoring.js";

const EPSILON = SHARED.epsilon;
/** A heatmap cell whose respondents span this many percentage points is marked split. */
export const SPLIT_POINTS = SHARED.splitPoints;
/** Agreement indices (rwg, AD) mean something from this many answers. */
export const AGREEMENT_MIN_N = SHARED.agreementMinN;
/** "Hide groups smaller than k": the default k and the range the page and the CLI accept. */
export const DEFAULT_K = SHARED.defaultK;
export const K_MIN = SHARED.kMin;
export const K_MAX = SHARED.kMax;
export const SUMMARY_FORMAT = SHARED.summaryFormat;

// One whitespace class for both languages (JavaScript's \s and Python's differ).
const SPACE = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+";
const SPACES = new RegExp(SPACE, "g");
const EDGES = new RegExp(`^${SPACE}|${SPACE}$`, "g");

/** Text trimmed and with inner whitespace collapsed to one space. */
export function tidy(text) {
  return String(text).replace(EDGES, "").replace(SPACES, " ");
}

/** A round name as grouped: trimmed, whitespace collapsed; null when empty. */
export function roundName(text) {
  if (text === null || text === undefined) return null;
  const name = tidy(String(text));
  return name === "" ? null : name;
}

/** A respondent's key: its id within its round (a later round is a new entry, not a replacement). */
export function respondentKey(id, round) {
  return round === null || round === undefined ? id : `${id}@${round}`;
}

/** How locations group: trimmed, whitespace collapsed, case folded; null when not stated. */
export function locationKey(text) {
  if (text === null || text === undefined) return null;
  const key = tidy(text).toLowerCase();
  return key === "" ? null : key;
}

/** Code-unit order, as both languages can compute it (Python compares UTF-16). */
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- reading files --------------------------------------------------------------

/** The team view's words for each kind of refusal. */
export const REASONS = SHARED.reasons;

/** A refused file: its name, the kind of refusal (from the reader's code) and the reader's sentence. */
export function refusal(file, read) {
  return { ok: false, file, reason: SHARED.refusals[read.code].reason, message: read.message };
}

/** A file refused by its size, before it is read. */
export function tooLarge(file, model) {
  return refusal(file, refused("too-large", { megabytes: model.limits.fileMaxBytes / 1024 / 1024 }));
}

/** A file that could not be read at all. */
export function unreadable(file) {
  return refusal(file, refused("unreadable"));
}

/**
 * One file's text, read and carried over exactly as the single import does:
 * {ok: true, file, respondent, fromVersion, lost, departmentIgnored} or a refusal.
 */
export function readTeamFile(file, text, model) {
  const result = readAnswers(text, model);
  if (!result.ok) return refusal(file, result);
  const { state, report } = result;
  const answers = {};
  for (const [id, answer] of Object.entries(state.answers)) answers[id] = answer.choice;
  const notes = {};
  for (const [id, note] of Object.entries(state.notes)) if (tidy(note) !== "") notes[id] = note;
  return {
    ok: true,
    file,
    respondent: {
      key: null,
      id: state.respondent,
      name: state.profile.name && tidy(state.profile.name) !== "" ? state.profile.name : null,
      department: state.profile.department || null,
      location: state.profile.location && locationKey(state.profile.location) !== null ? state.profile.location : null,
      exportedAt: result.file.exportedAt,
      updatedAt: result.file.updatedAt,
      round: roundName(result.file.round),
      file,
      answers,
      notes,
    },
    fromVersion: report.fromVersion,
    carried: report.fromVersion !== report.toVersion,
    lost: report.lost.length,
    departmentIgnored: report.departmentIgnored,
  };
}

// --- merging ------------------------------------------------------------------

export function emptyTeam() {
  return { respondents: [], superseded: [], v1Count: 0 };
}

/** Whether export a is newer than b: exportedAt, then updatedAt, then file name. */
export function isNewer(a, b) {
  return compareText(a.exportedAt, b.exportedAt) || compareText(a.updatedAt || "", b.updatedAt || "")
    || compareText(a.file, b.file);
}

/**
 * Merge read files into a team (a new object; the old one is left as it was).
 * `round` names the round of answers that carry none. A respondent is keyed by
 * id within a round: the same id in two rounds is two entries.
 * Returns {team, added, replaced, superseded: [entries touched by this merge]}.
 */
export function mergeTeam(team, reads, { round = null } = {}) {
  const fallback = roundName(round);
  const respondents = [...team.respondents];
  const index = new Map(respondents.map((r, i) => [r.key, i]));
  const superseded = new Map(team.superseded.map((s) => [s.id, { ...s, dropped: [...s.dropped] }]));
  const touched = new Set();
  let v1Count = team.v1Count;
  let added = 0;
  let replaced = 0;
  for (const read of reads) {
    const r = { ...read.respondent };
    r.round = roundName(r.round) ?? fallback;
    if (r.id === null) {
      // Format 1 has no respondent id: each file is its own respondent.
      v1Count += 1;
      r.key = `v1:${v1Count}`;
      index.set(r.key, respondents.length);
      respondents.push(r);
      added += 1;
      continue;
    }
    r.key = respondentKey(r.id, r.round);
    if (!index.has(r.key)) {
      index.set(r.key, respondents.length);
      respondents.push(r);
      added += 1;
      continue;
    }
    const at = index.get(r.key);
    const old = respondents[at];
    const entry = superseded.get(r.key) || { id: r.key, name: null, kept: null, dropped: [] };
    const stamp = (x) => ({ file: x.file, exportedAt: x.exportedAt });
    if (isNewer(r, old) > 0) {
      respondents[at] = r;
      entry.dropped.push(stamp(old));
      entry.kept = stamp(r);
      entry.name = r.name;
      replaced += 1;
    } else {
      entry.dropped.push(stamp(r));
      entry.kept = stamp(old);
      entry.name = old.name;
    }
    superseded.set(r.key, entry);
    touched.add(r.key);
  }
  return {
    team: { respondents, superseded: [...superseded.values()], v1Count },
    added,
    replaced,
    superseded: [...superseded.values()].filter((s) => touched.has(s.id)),
  };
}

// --- statistics -----------------------------------------------------------------

/** n, mean, sample SD (null under 2), min and max of a list of numbers. */
export function describe(values) {
  const n = values.length;
  if (!n) return { n: 0, mean: null, sd: null, min: null, max: null };
  let sum = 0;
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { n, mean, sd: n < 2 ? null : Math.sqrt(squares / (n - 1)), min, max };
}

function cell(values, options) {
  const d = describe(values);
  if (options.hideSmall && d.n < options.k) return { n: null, mean: null, min: null, max: null, split: false, hidden: true, reason: "small" };
  // With hiding on, the lowest and highest are one person's score each: not shown.
  const extremes = !options.hideSmall && d.mean !== null;
  return { n: d.n, mean: d.mean, min: extremes ? d.min : null, max: extremes ? d.max : null,
    split: d.n >= 2 && d.max - d.min >= SPLIT_POINTS - EPSILON, hidden: false };
}

const complement = (c) => ({ ...c, n: null, mean: null, min: null, max: null, split: false, hidden: true, reason: "complement" });

/**
 * Complementary suppression over one partition whose total is shown: while the
 * hidden groups together hold fewer than k respondents (but some), the smallest
 * visible group is hidden too, or a hidden group's mean would follow by
 * subtraction. Changes cells in place; true when it hid one.
 */
export function protect(sizes, cells, k) {
  let changed = false;
  let hidden = 0;
  cells.forEach((c, i) => { if (c.hidden) hidden += sizes[i]; });
  const order = cells.map((c, i) => i).filter((i) => !cells[i].hidden).sort((a, b) => sizes[a] - sizes[b] || a - b);
  for (const i of order) {
    if (hidden === 0 || hidden >= k) break;
    cells[i] = complement(cells[i]);
    hidden += sizes[i];
    changed = true;
  }
  return changed;
}

/** Cells of groups that together make up a shown total (departments, locations, leadership ⇄ rest). */
function partition(groups, options) {
  const cells = groups.map((v) => cell(v, options));
  if (options.hideSmall) protect(groups.map((v) => v.length), cells, options.k);
  return cells;
}

const group = (c) => (c.hidden ? { n: c.n, mean: c.mean, hidden: true, reason: c.reason } : { n: c.n, mean: c.mean, hidden: false });

/** The answer steps of a question's scale: choices sorted by score (stable). */
export function steps(choices) {
  return choices.map((c, i) => ({ c, i })).sort((a, b) => a.c.score - b.c.score || a.i - b.i).map((x) => x.c);
}

/**
 * One question's answers over the included respondents: counts, n, the lower
 * median and range in steps, split, dissention, rwg and AD (n ≥ 5), mean score.
 */
export function questionStats(model, question, respondents) {
  const set = model.answerSets[question.answerSet];
  const choices = set ? set.choices : [];
  const na = model.limits.notApplicable;
  const ordered = steps(choices);
  const stepOf = new Map(ordered.map((c, i) => [c.id, i]));
  const byStep = ordered.map(() => 0);
  let notApplicable = 0;
  let unanswered = 0;
  const valid = new Map(); // isValidChoice, asked once per distinct choice
  for (const r of respondents) {
    const choice = r.answers[question.id];
    if (choice && !valid.has(choice)) valid.set(choice, isValidChoice(model, question, choice));
    if (!choice || !valid.get(choice)) unanswered += 1;
    else if (choice === na) notApplicable += 1;
    else byStep[stepOf.get(choice)] += 1;
  }
  const k = ordered.length;
  const n = byStep.reduce((a, b) => a + b, 0);
  const counts = choices.map((c) => ({ choice: c.id, label: c.label, count: byStep[stepOf.get(c.id)] }));
  const out = { id: question.id, n, counts, notApplicable, unanswered, median: null, range: null, split: false,
    dissention: null, rwg: null, ad: null, adAcceptable: null, mean: null };
  if (!n) return out;
  let low = -1;
  let high = -1;
  let sum = 0;
  let scoreSum = 0;
  for (let s = 0; s < k; s += 1) {
    if (!byStep[s]) continue;
    if (low < 0) low = s;
    high = s;
    sum += byStep[s] * s;
    scoreSum += byStep[s] * ordered[s].score;
  }
  // The lower median: the step of the ⌊(n − 1) / 2⌋-th answer in step order.
  let seen = 0;
  const middle = Math.floor((n - 1) / 2);
  for (let s = 0; s < k; s += 1) {
    seen += byStep[s];
    if (seen > middle) { out.median = ordered[s].id; break; }
  }
  const mu = sum / n;
  const d = k - 1;
  let dissention = 0;
  let squares = 0;
  let deviation = 0;
  let below = 0;
  let above = 0;
  for (let s = 0; s < k; s += 1) {
    if (!byStep[s]) continue;
    const p = byStep[s] / n;
    if (d > 0) dissention -= p * Math.log2(1 - Math.abs(s - mu) / d);
    squares += byStep[s] * (s - mu) * (s - mu);
    deviation += byStep[s] * Math.abs(s - mu);
    if (s < d / 2) below += byStep[s];
    if (s > d / 2) above += byStep[s];
  }
  out.range = high - low;
  out.split = n >= 2 && (out.range >= 2 || (below * 4 >= n && above * 4 >= n));
  out.dissention = dissention + 0; // never −0
  out.mean = scoreSum / n;
  if (n >= AGREEMENT_MIN_N) {
    const expected = (k * k - 1) / 12;
    out.rwg = expected > 0 ? Math.max(0, 1 - squares / (n - 1) / expected) : null;
    out.ad = deviation / n;
    out.adAcceptable = out.ad <= k / 6 + EPSILON;
  }
  return out;
}

/** Agenda order: dissention, then range, then weight (all descending), then questionnaire order. */
function compareAgenda(a, b) {
  const da = a.dissention === null ? -1 : a.dissention;
  const db = b.dissention === null ? -1 : b.dissention;
  if (Math.abs(db - da) > EPSILON) return db - da;
  const ra = a.range === null ? -1 : a.range;
  const rb = b.range === null ? -1 : b.range;
  return rb - ra || b.weight - a.weight || a.order - b.order;
}

const NOT_STATED = "Not stated";

/**
 * Everything the team page shows, from the merged respondents.
 * options: {excluded: [keys], hideSmall: false, k: 5, showNotes: false}.
 * With hideSmall, a group of fewer than k respondents shows no figures, and a
 * note is kept only when its department has k or more respondents (then
 * without the writer's name), unless showNotes: the lead chose to see every
 * note knowingly (the department of a small group is then left out).
 */
export function teamStats(model, respondents, options = {}) {
  const excluded = new Set(options.excluded || []);
  const opts = { hideSmall: Boolean(options.hideSmall), k: options.k || DEFAULT_K, showNotes: Boolean(options.showNotes),
    singleStore: Boolean(options.singleStore) };
  const included = respondents.filter((r) => !excluded.has(r.key));
  const known = new Map(model.departments.map((d, i) => [d.id, { ...d, order: i }]));
  const scored = included.map((r) => {
    const answers = {};
    for (const [id, choice] of Object.entries(r.answers)) answers[id] = { choice };
    return { r, score: scoreRespondent(model, answers) };
  });

  // Groups: departments in the model's order, "not stated" last; locations by key.
  // A single store counts each department with the one its jobs merge into (the role map).
  const merged = (id) => (opts.singleStore && known.get(id).singleStore ? known.get(id).singleStore.into : id);
  const deptOf = (r) => (r.department && known.has(r.department) ? merged(r.department) : null);
  const departments = [];
  for (const d of [...model.departments, { id: null, name: NOT_STATED, leadership: false }]) {
    const members = scored.filter((x) => deptOf(x.r) === d.id);
    if (members.length) departments.push({ id: d.id, name: d.name, leadership: Boolean(d.leadership), respondents: members.length, members });
  }
  const byLocation = new Map();
  for (const x of scored) {
    const key = locationKey(x.r.location);
    if (!byLocation.has(key)) byLocation.set(key, { key, name: key === null ? NOT_STATED : tidy(x.r.location), respondents: 0, members: [] });
    const g = byLocation.get(key);
    g.respondents += 1;
    g.members.push(x);
  }
  const locations = [...byLocation.values()].sort((a, b) => (a.key === null) - (b.key === null) || compareText(a.key || "", b.key || ""));

  const percents = (members, sectionIndex) => members
    .map((x) => (sectionIndex === null ? x.score.overall.percent : x.score.sections[sectionIndex].percent))
    .filter((p) => p !== null);
  const isLeader = (x) => { const d = deptOf(x.r); return d !== null && known.get(d).leadership; };
  const leaders = scored.filter(isLeader);
  const rest = scored.filter((x) => !isLeader(x));

  // A respondent under the level coverage has a provisional score: counted and
  // marked, and left out of the level the team is said to be at.
  const settled = scored.filter((x) => !x.score.overall.provisional);
  const figures = (sectionIndex) => {
    const all = describe(percents(scored, sectionIndex));
    const d = opts.hideSmall ? { ...all, min: null, max: null } : all;
    const verdict = describe(percents(settled, sectionIndex));
    const [lead, others] = partition([percents(leaders, sectionIndex), percents(rest, sectionIndex)], opts).map(group);
    const byDept = partition(departments.map((g) => percents(g.members, sectionIndex)), opts);
    const byLoc = partition(locations.map((g) => percents(g.members, sectionIndex)), opts);
    // The level is the settled respondents' mean's level: when some are provisional it is said
    // with their n (and mean), never next to the everyone-mean as if it were that mean's level.
    // Their mean is withheld when the provisional ones it leaves out are fewer than k.
    const leftOut = d.n - verdict.n;
    const basisShown = !(opts.hideSmall && leftOut > 0 && leftOut < opts.k);
    return {
      ...d,
      level: levelFor(model.levels, verdict.mean),
      levelN: verdict.n,
      levelMean: basisShown ? verdict.mean : null,
      byDepartment: departments.map((g, i) => ({ id: g.id, name: g.name, ...byDept[i] })),
      byLocation: locations.map((g, i) => ({ key: g.key, name: g.name, ...byLoc[i] })),
      leadership: lead,
      rest: others,
      gap: lead.mean !== null && others.mean !== null ? lead.mean - others.mean : null,
    };
  };
  const overall = figures(null);
  // Store × department: each store's overall score per department, and the
  // store's own leadership gap; the cells that single people out go first.
  // Each row adds up to its store, each column to its department, and both
  // totals are shown, so both are protected until nothing changes.
  const grid = locations.map((g) => departments.map((d) => percents(g.members.filter((x) => deptOf(x.r) === d.id), null)));
  const cells = grid.map((row) => row.map((v) => cell(v, opts)));
  while (opts.hideSmall) {
    let changed = false;
    cells.forEach((row, i) => { changed = protect(grid[i].map((v) => v.length), row, opts.k) || changed; });
    departments.forEach((d, j) => {
      const column = cells.map((row) => row[j]);
      if (protect(grid.map((row) => row[j].length), column, opts.k)) {
        changed = true;
        cells.forEach((row, i) => { row[j] = column[i]; });
      }
    });
    if (!changed) break;
  }
  const stores = locations.map((g, gi) => {
    const [lead, others] = partition([percents(g.members.filter(isLeader), null),
      percents(g.members.filter((x) => !isLeader(x)), null)], opts).map(group);
    return {
      key: g.key,
      name: g.name,
      respondents: g.respondents,
      byDepartment: departments.map((d, j) => ({ id: d.id, name: d.name, ...cells[gi][j] })),
      leadership: lead,
      rest: others,
      gap: lead.mean !== null && others.mean !== null ? lead.mean - others.mean : null,
    };
  });
  const sections = model.sections.map((s, i) => ({ id: s.id, title: s.title, ...figures(i) }));
  const gaps = sections.filter((s) => s.gap !== null)
    .map((s, i) => ({ section: s.id, title: s.title, gap: s.gap, order: i }))
    .sort((a, b) => (Math.abs(Math.abs(b.gap) - Math.abs(a.gap)) > EPSILON ? Math.abs(b.gap) - Math.abs(a.gap) : a.order - b.order))
    .map(({ order, ...g }) => g);

  // Per question, with the notes as evidence.
  const deptSize = new Map(departments.map((g) => [g.id, g.respondents]));
  const deptOrder = (id) => (id === null ? model.departments.length : known.get(id).order);
  const questions = [];
  let order = 0;
  for (const section of model.sections) {
    for (const question of section.questions) {
      const q = questionStats(model, question, included);
      const small = (dept) => opts.hideSmall && deptSize.get(dept) < opts.k;
      const written = scored
        .filter((x) => Object.prototype.hasOwnProperty.call(x.r.notes, question.id))
        .map((x) => ({ x, dept: deptOf(x.r) }));
      const shown = written.filter(({ dept }) => opts.showNotes || !small(dept));
      const notes = shown
        .sort((a, b) => deptOrder(a.dept) - deptOrder(b.dept)
          || compareText(locationKey(a.x.r.location) || "", locationKey(b.x.r.location) || "")
          || compareText(a.x.r.key, b.x.r.key))
        .map(({ x, dept }) => ({
          department: small(dept) ? null : dept === null ? NOT_STATED : known.get(dept).name,
          name: opts.hideSmall && !opts.showNotes ? null : x.r.name,
          text: x.r.notes[question.id],
        }));
      questions.push({ ...q, section: section.id, sectionTitle: section.title, text: question.text, weight: question.weight,
        plays: question.plays, order: order++, notes, notesWithheld: written.length - shown.length });
    }
  }
  const agenda = [...questions].sort(compareAgenda);

  // Team next actions: the plays of questions the team scores low or splits on.
  const actions = playsFor(model, questions
    .filter((q) => q.mean !== null && (q.mean < model.lowBelow || q.split))
    .map((q) => ({ plays: q.plays, priority: q.weight * (1 - q.mean),
      question: { questionId: q.id, sectionId: q.section, text: q.text, mean: q.mean, split: q.split } })));

  const strip = (g) => { const { members, ...rest_ } = g; return rest_; };
  return {
    round: roundName(options.round),
    respondents: included.length,
    provisional: scored.length - settled.length,
    provisionalKeys: scored.filter((x) => x.score.overall.provisional).map((x) => x.r.key),
    excluded: respondents.length - included.length,
    options: opts,
    departments: departments.map(strip),
    locations: locations.map(strip),
    leadershipRespondents: leaders.length,
    restRespondents: rest.length,
    overall,
    sections,
    stores,
    gaps,
    questions: agenda,
    actions,
  };
}

// --- outputs --------------------------------------------------------------------

/** Rounded to 4 decimals the same way in both languages (half up). */
export function round4(x) {
  return x === null || x === undefined ? null : Math.floor(x * 10000 + 0.5) / 10000 + 0;
}

const groupCell = (c) => (c.hidden ? { hidden: true, reason: c.reason } : { n: c.n, mean: round4(c.mean), min: round4(c.min), max: round4(c.max), split: c.split });
const side = (g) => (g.hidden ? { hidden: true, reason: g.reason } : { n: g.n, mean: round4(g.mean) });

/** The team JSON summary (`cx-playbook team --format json` writes the same object). */
export function teamSummary(model, stats) {
  const section = (s) => ({
    n: s.n,
    score: round4(s.mean),
    level: s.level ? s.level.id : null,
    ...(s.levelN !== s.n ? { levelFrom: { n: s.levelN, score: round4(s.levelMean) } } : {}),
    spread: { sd: round4(s.sd), min: round4(s.min), max: round4(s.max) },
    byDepartment: s.byDepartment.map((c) => ({ department: c.id, name: c.name, ...groupCell(c) })),
    byLocation: s.byLocation.map((c) => ({ location: c.name, ...groupCell(c) })),
    leadership: side(s.leadership),
    rest: side(s.rest),
    gap: round4(s.gap),
  });
  return {
    format: SUMMARY_FORMAT,
    formatVersion: 1,
    assessment: { id: model.id, version: model.version, title: model.title },
    ...(stats.round !== null && stats.round !== undefined ? { round: stats.round } : {}), // team-rounds.js
    respondents: stats.respondents,
    provisional: stats.provisional,
    excluded: stats.excluded,
    hideGroupsSmallerThan: stats.options.hideSmall ? stats.options.k : null,
    allNotesShown: stats.options.showNotes,
    ...(stats.options.singleStore ? { singleStore: true } : {}), // departments merged as the role map says
    departments: stats.departments.map((d) => ({ id: d.id, name: d.name, leadership: d.leadership, respondents: d.respondents })),
    locations: stats.locations.map((l) => ({ name: l.name, respondents: l.respondents })),
    overall: section(stats.overall),
    sections: stats.sections.map((s) => ({ id: s.id, title: s.title, ...section(s) })),
    stores: stats.stores.map((g) => ({
      location: g.name,
      respondents: g.respondents,
      byDepartment: g.byDepartment.map((c) => ({ department: c.id, name: c.name, ...groupCell(c) })),
      leadership: side(g.leadership),
      rest: side(g.rest),
      gap: round4(g.gap),
    })),
    leadershipGaps: stats.gaps.map((g) => ({ section: g.section, gap: round4(g.gap) })),
    questions: stats.questions.map((q) => ({
      id: q.id,
      section: q.section,
      text: q.text,
      weight: q.weight,
      n: q.n,
      distribution: q.counts.map((c) => ({ choice: c.choice, count: c.count })),
      notApplicable: q.notApplicable,
      unanswered: q.unanswered,
      median: q.median,
      spread: { range: q.range, dissention: round4(q.dissention), rwg: round4(q.rwg), ad: round4(q.ad), adAcceptable: q.adAcceptable },
      split: q.split,
      mean: round4(q.mean),
      notes: q.notes.map((n) => ({ department: n.department, name: n.name, text: n.text })),
      notesWithheld: q.notesWithheld,
    })),
    actions: stats.actions.map((a) => ({
      rank: a.rank,
      play: a.playId,
      title: a.play.title,
      priority: round4(a.priority),
      phase: a.play.phase ? a.play.phase.id : null,
      questions: a.questions.map((q) => ({ id: q.questionId, mean: round4(q.mean), split: q.split })),
    })),
    ...(stats.comparison ? { comparison: stats.comparison } : {}), // team-rounds.js: the change since an earlier round
    ...(stats.participation ? { participation: stats.participation } : {}), // team-headcount.js: response rates
  };
}

export const CSV_HEADER = SHARED.csvHeader;

/**
 * The tidy table: one row per included respondent × question, in the
 * respondents' order and the questionnaire's.
 */
export function teamRows(model, respondents, options = {}) {
  const excluded = new Set(options.excluded || []);
  const names = new Map(model.departments.map((d) => [d.id, d.name]));
  const locations = new Map();
  const included = respondents.filter((r) => !excluded.has(r.key));
  for (const r of included) {
    const key = locationKey(r.location);
    if (key !== null && !locations.has(key)) locations.set(key, tidy(r.location));
  }
  const rows = [];
  for (const r of included) {
    const key = locationKey(r.location);
    const department = r.department && names.has(r.department) ? names.get(r.department) : NOT_STATED;
    for (const section of model.sections) {
      for (const question of section.questions) {
        const choice = r.answers[question.id];
        const valid = choice && isValidChoice(model, question, choice);
        const score = valid && choice !== model.limits.notApplicable
          ? model.answerSets[question.answerSet].choices.find((c) => c.id === choice).score : null;
        rows.push([r.key, department, key === null ? NOT_STATED : locations.get(key), section.title, question.text,
          valid ? choiceLabel(model, question, choice) : "", score === null ? "" : score, r.notes[question.id] || "",
          section.id, question.id]);
      }
    }
  }
  return rows;
}

export function teamCSV(model, respondents, options = {}) {
  return csvText([CSV_HEADER, ...teamRows(model, respondents, options)]);
}
