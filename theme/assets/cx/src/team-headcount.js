// Participation: the lead enters (or imports as CSV: store,department,headcount)
// how many people each store and department has, and the team view shows the
// response rate and which stores and departments have not answered. The CSV is
// untrusted: every problem is collected with its line number, then the whole
// import is refused once. generator/team_headcount.py is the Python twin (the
// CLI's --headcount); both run tests/cases/team/rounds*.json.

import { t, tn } from "./strings.js";
import { locationKey, round4, tidy } from "./team-stats.js";

/** The most rows a headcount CSV may hold, and the largest headcount of one row. */
export const HEADCOUNT_ROWS_MAX = 5000;
export const HEADCOUNT_MAX = 100000;
/** The most problems listed before "and more". */
const PROBLEMS_SHOWN = 20;
export const HEADCOUNT_HEADER = ["store", "department", "headcount"];

/**
 * One CSV line's cells (RFC 4180 quoting: "a, b" and "" inside quotes), or
 * null when a quote is left open. Written out rather than taken from a library
 * so that the browser and the CLI split a line the same way, byte for byte.
 */
export function csvCells(line) {
  const cells = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  let started = false; // inside a quoted cell
  while (i < line.length) {
    const c = line[i];
    if (started) {
      if (c === "\"" && line[i + 1] === "\"") { cell += "\""; i += 2; continue; }
      if (c === "\"") { started = false; i += 1; continue; }
      cell += c;
    } else if (c === "," ) {
      cells.push(cell);
      cell = "";
      quoted = false;
    } else if (c === "\"" && !quoted && tidy(cell) === "") {
      started = true;
      quoted = true;
      cell = "";
    } else {
      cell += c;
    }
    i += 1;
  }
  if (started) return null;
  cells.push(cell);
  return cells;
}

/**
 * A headcount CSV read against the model's departments: {ok: true, headcounts:
 * [{store, department, headcount}]} or {ok: false, problems: ["line 3: …"]}.
 * A department is named by its id or its name (any case); the header line is
 * optional; blank lines are skipped.
 */
export function readHeadcounts(text, model) {
  const byName = new Map();
  for (const d of model.departments) {
    byName.set(d.id.toLowerCase(), d.id);
    byName.set(tidy(d.name).toLowerCase(), d.id);
  }
  const lines = String(text).replace(/^\ufeff/, "").split(/\r\n|\n|\r/);
  const problems = [];
  const headcounts = [];
  const seen = new Map();
  let rows = 0;
  lines.forEach((line, i) => {
    const at = i + 1;
    if (tidy(line) === "") return;
    const cells = csvCells(line);
    if (cells === null) { problems.push(t("line {line}: a quote is opened and never closed.", { line: at })); return; }
    if (cells.length !== 3) {
      problems.push(t("line {line}: expected 3 columns (store,department,headcount), found {n}.", { line: at, n: cells.length }));
      return;
    }
    const [storeText, deptText, countText] = cells.map((c) => tidy(c));
    if (rows === 0 && headcounts.length === 0 && !problems.length
      && [storeText, deptText, countText].every((c, j) => c.toLowerCase() === HEADCOUNT_HEADER[j])) return;
    rows += 1;
    if (rows > HEADCOUNT_ROWS_MAX) {
      if (rows === HEADCOUNT_ROWS_MAX + 1) problems.push(t("line {line}: more than {max} rows; split the file.", { line: at, max: HEADCOUNT_ROWS_MAX }));
      return;
    }
    const where = [];
    if (locationKey(storeText) === null) where.push(t("the store is empty"));
    const department = byName.get(deptText.toLowerCase());
    if (department === undefined) {
      where.push(t("“{name}” is not a department of this assessment (one of: {ids})",
        { name: deptText.slice(0, 80), ids: model.departments.map((d) => d.id).join(", ") }));
    }
    const count = /^\d+$/.test(countText) ? Number(countText) : NaN;
    if (!(count >= 0 && count <= HEADCOUNT_MAX)) where.push(t("the headcount “{count}” is not a whole number from 0 to {max}", { count: countText.slice(0, 20), max: HEADCOUNT_MAX }));
    if (where.length) { problems.push(t("line {line}: {problems}.", { line: at, problems: where.join("; ") })); return; }
    const key = `${locationKey(storeText)}\u0000${department}`;
    if (seen.has(key)) {
      problems.push(t("line {line}: {store} and {department} were already given on line {first}.",
        { line: at, store: storeText, department, first: seen.get(key) }));
      return;
    }
    seen.set(key, i + 1);
    headcounts.push({ store: storeText, department, headcount: count });
  });
  if (!problems.length && !headcounts.length) problems.push(t("no headcount found: write one line per store and department, as store,department,headcount."));
  if (problems.length > PROBLEMS_SHOWN) {
    const more = problems.length - PROBLEMS_SHOWN;
    problems.splice(PROBLEMS_SHOWN, more, tn(more, "and {n} more problem.", "and {n} more problems."));
  }
  return problems.length ? { ok: false, problems } : { ok: true, headcounts };
}

/** The headcounts written back as CSV (what the page keeps and shows for editing). */
export function headcountCSV(headcounts) {
  const cell = (x) => (/[",\r\n]/.test(String(x)) ? `"${String(x).replace(/"/g, "\"\"")}"` : String(x));
  return [HEADCOUNT_HEADER.join(","), ...headcounts.map((h) => [h.store, h.department, h.headcount].map(cell).join(","))].join("\n");
}

const rate = (answered, expected) => (expected > 0 ? round4((100 * answered) / expected) : null);

/**
 * Response rates of the included respondents against the headcounts: overall,
 * per store and per store × department, and who has not answered. Respondents
 * are placed by their location (as locations group) and department id.
 */
export function participation(model, respondents, headcounts) {
  const names = new Map(model.departments.map((d, i) => [d.id, { name: d.name, order: i }]));
  const answered = new Map();
  for (const r of respondents) {
    const key = `${locationKey(r.location) ?? ""}\u0000${r.department ?? ""}`;
    answered.set(key, (answered.get(key) || 0) + 1);
  }
  const stores = new Map();
  for (const hc of headcounts) {
    const key = locationKey(hc.store);
    if (!stores.has(key)) stores.set(key, { store: tidy(hc.store), key, expected: 0, answered: 0, departments: [] });
    const s = stores.get(key);
    const got = answered.get(`${key}\u0000${hc.department}`) || 0;
    s.expected += hc.headcount;
    s.answered += got;
    s.departments.push({ department: hc.department, name: names.get(hc.department).name, expected: hc.headcount, answered: got,
      rate: rate(got, hc.headcount) });
  }
  const list = [...stores.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const s of list) {
    s.departments.sort((a, b) => names.get(a.department).order - names.get(b.department).order);
    s.rate = rate(s.answered, s.expected);
  }
  const expected = list.reduce((n, s) => n + s.expected, 0);
  const placed = list.reduce((n, s) => n + s.answered, 0);
  return {
    expected,
    respondents: respondents.length,
    placed,
    // Placed ones only: the rows count them, and a respondent whose store or department is
    // not in the headcounts is not part of "expected" (counting them could pass 100%).
    rate: rate(placed, expected),
    stores: list.map(({ key, ...s }) => s),
    silentStores: list.filter((s) => s.expected > 0 && s.answered === 0).map((s) => s.store),
    silentDepartments: list.flatMap((s) => s.departments.filter((d) => d.expected > 0 && d.answered === 0)
      .map((d) => ({ store: s.store, department: d.department, name: d.name }))),
  };
}
