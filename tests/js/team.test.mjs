// The team statistics against the shared cases in tests/cases/team/*.json
// (tests/test_team.py runs the same files through generator/team.py): the same
// files read, merged and summarised must give the same numbers in both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import {
  emptyTeam, locationKey, mergeTeam, readTeamFile, round4, teamCSV, teamStats, teamSummary, tooLarge, unreadable,
} from "../../theme/assets/cx/src/team-stats.js";

const folder = new URL("../cases/team/", import.meta.url);
const suites = readdirSync(folder).filter((f) => f.endsWith(".json")).sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(new URL(f, folder), "utf8")) }));

/** Read, merge and summarise a case's files the way the page does. */
export function run(model, c) {
  const reads = c.files.map((f) => {
    if (f.size !== undefined) return tooLarge(f.name, model);
    if (f.unreadable) return unreadable(f.name);
    return readTeamFile(f.name, f.text ?? JSON.stringify(f.file), model);
  });
  const merged = mergeTeam(emptyTeam(), reads.filter((r) => r.ok));
  const stats = teamStats(model, merged.team.respondents, c.options || {});
  return { reads, merged, stats };
}

const close = (actual, expected, what) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(typeof actual === "number" && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} ≠ ${expected}`);
};

function same(actual, expected, what) {
  if (typeof expected === "number" || expected === null) return close(actual, expected, what);
  assert.deepEqual(actual, expected, what);
}

function figures(actual, expected, what) {
  for (const [key, value] of Object.entries(expected)) {
    if (key === "level") assert.equal(actual.level ? actual.level.id : null, value, `${what}.level`);
    else if (key === "byDepartment" || key === "byLocation") {
      for (const [id, cell] of Object.entries(value)) {
        const found = actual[key].find((c) => (key === "byDepartment" ? c.id : c.key) === (id === "null" ? null : id));
        assert.ok(found, `${what}.${key}.${id} is missing`);
        if (cell.hidden) {
          assert.equal(found.hidden, true, `${what}.${key}.${id} should be hidden`);
          assert.equal(found.n, null, `${what}.${key}.${id}: a hidden cell has no n`);
          assert.equal(found.mean, null, `${what}.${key}.${id}: a hidden cell has no mean`);
        } else for (const [k, v] of Object.entries(cell)) same(found[k], v, `${what}.${key}.${id}.${k}`);
      }
    } else if (key === "leadership" || key === "rest") {
      if (value.hidden) assert.deepEqual([actual[key].hidden, actual[key].mean], [true, null], `${what}.${key}`);
      else for (const [k, v] of Object.entries(value)) same(actual[key][k], v, `${what}.${key}.${k}`);
    } else same(actual[key], value, `${what}.${key}`);
  }
}

export function check({ reads, merged, stats }, e) {
  if ("refused" in e) {
    assert.deepEqual(reads.filter((r) => !r.ok).map(({ file, reason, message }) => ({ file, reason, message })), e.refused);
  }
  if ("superseded" in e) {
    assert.deepEqual(merged.team.superseded.map((s) => ({ id: s.id, kept: s.kept.file, dropped: s.dropped.map((d) => d.file) })), e.superseded);
  }
  if ("keys" in e) assert.deepEqual(merged.team.respondents.map((r) => r.key), e.keys);
  if ("carried" in e) assert.deepEqual(reads.filter((r) => r.ok && r.carried).map((r) => r.file), e.carried);
  if ("respondents" in e) assert.equal(stats.respondents, e.respondents);
  if ("excluded" in e) assert.equal(stats.excluded, e.excluded);
  if ("departments" in e) assert.deepEqual(stats.departments.map((d) => ({ id: d.id, respondents: d.respondents })), e.departments);
  if ("locations" in e) assert.deepEqual(stats.locations.map((l) => ({ name: l.name, respondents: l.respondents })), e.locations);
  if ("overall" in e) figures(stats.overall, e.overall, "overall");
  for (const [id, expected] of Object.entries(e.sections || {})) figures(stats.sections.find((s) => s.id === id), expected, id);
  for (const [key, expected] of Object.entries(e.stores || {})) {
    const store = stats.stores.find((g) => g.key === (key === "null" ? null : key));
    assert.ok(store, `store ${key} is missing`);
    figures(store, expected, `store ${key}`);
  }
  if ("gaps" in e) assert.deepEqual(stats.gaps.map((g) => g.section), e.gaps);
  if ("agenda" in e) assert.deepEqual(stats.questions.map((q) => q.id), e.agenda);
  for (const [id, expected] of Object.entries(e.questions || {})) {
    const q = stats.questions.find((x) => x.id === id);
    for (const [key, value] of Object.entries(expected)) {
      if (key === "counts") assert.deepEqual(Object.fromEntries(q.counts.map((c) => [c.choice, c.count])), value, `${id}.counts`);
      else same(q[key], value, `${id}.${key}`);
    }
  }
  if ("actions" in e) {
    const actions = stats.actions.map((a) => ({ play: a.playId, rank: a.rank, priority: a.priority, questions: a.questions.map((q) => q.questionId) }));
    assert.equal(actions.length, e.actions.length, "number of actions");
    actions.forEach((a, i) => {
      const x = e.actions[i];
      assert.deepEqual([a.play, a.rank, a.questions], [x.play, x.rank, x.questions], `action ${i + 1}`);
      close(a.priority, x.priority, `action ${i + 1} priority`);
    });
  }
}

for (const suite of suites) {
  for (const c of suite.cases) {
    test(`${suite.file}: ${c.name}`, () => check(run(suite.model, c), c.expect));
  }
}

const { model, cases } = suites.find((s) => s.file === "scores.json");
const five = cases[0];

test("the order files arrive in changes no number", () => {
  const forward = teamSummary(model, run(model, five).stats);
  const backward = teamSummary(model, run(model, { ...five, files: [...five.files].reverse() }).stats);
  // Only the spelling shown for a location may differ (the first one seen).
  for (const s of [forward, backward]) for (const x of [s.overall, ...s.sections]) for (const c of x.byLocation) delete c.location;
  for (const s of [forward, backward]) for (const l of [...s.locations, ...s.stores]) { delete l.name; delete l.location; }
  assert.deepEqual(backward, forward);
});

test("merging in two batches gives what one batch gives, and nothing merged is lost", () => {
  const once = run(model, five);
  const reads = five.files.map((f) => readTeamFile(f.name, JSON.stringify(f.file), model));
  const first = mergeTeam(emptyTeam(), reads.slice(0, 2));
  const second = mergeTeam(first.team, reads.slice(2));
  assert.equal(first.team.respondents.length, 2, "the first team is left as it was");
  assert.deepEqual(second.team.respondents, once.merged.team.respondents);
});

test("the summary: questions most disagreed on first, numbers rounded to 4 places", () => {
  const summary = teamSummary(model, run(model, five).stats);
  assert.equal(summary.respondents, 5);
  assert.deepEqual(summary.questions.map((q) => q.id), ["q3", "q5", "q4", "q1", "q2"]);
  const q1 = summary.questions.find((q) => q.id === "q1");
  assert.deepEqual(q1.distribution, [{ choice: "a0", count: 1 }, { choice: "a1", count: 1 }, { choice: "a2", count: 1 },
    { choice: "a3", count: 0 }, { choice: "a4", count: 2 }]);
  assert.deepEqual(q1.spread, { range: 4, dissention: 0.6931, rwg: 0, ad: 1.44, adAcceptable: false });
  assert.equal(summary.sections[0].score, 61.3333);
  assert.equal(summary.sections[0].byDepartment.find((d) => d.department === "sales").split, true);
  assert.equal(round4(2.00005), 2.0001);
  assert.equal(round4(-0.00004), 0);
});

test("the tidy CSV: one row per respondent and question, text cells neutralised", () => {
  const { merged } = run(model, five);
  const csv = teamCSV(model, merged.team.respondents);
  const lines = csv.slice(1).split("\r\n");
  assert.ok(csv.startsWith("\ufeffrespondent,department,location,section,question,answer,score,note,section_id,question_id\r\n"));
  assert.equal(lines.filter(Boolean).length, 1 + 5 * 5);
  assert.ok(lines.includes("r-grace00001,Leadership,North,Section one,Question one,All,1,We check this monthly.,s1,q1"));
  assert.ok(lines.includes("r-ben000002,Sales,North,Section one,Question one,Some,0.25,,s1,q1"), "locations are grouped under their first spelling");
  assert.ok(lines.includes("r-cara00003,Sales,South,Section one,Question three,Does not apply here,,,s1,q3"));
  assert.ok(lines.includes(`r-dan000004,Not stated,Not stated,Section two,Question four,Most,0.75,"<img src=x onerror=alert(1)> =HYPERLINK(""x"")",s2,q4`));
  assert.ok(lines.includes("r-dan000004,Not stated,Not stated,Section one,Question two,,,,s1,q2"), "unanswered is an empty cell");
  const excluded = teamCSV(model, merged.team.respondents, { excluded: ["r-eva000005"] });
  assert.ok(!excluded.includes("r-eva000005"), "an excluded respondent is left out of the CSV");
});

test("locations group by trimmed, collapsed, case-folded text", () => {
  assert.equal(locationKey("  North\u00a0 Side\t"), "north side");
  assert.equal(locationKey("NORTH SIDE"), "north side");
  assert.equal(locationKey("   "), null);
  assert.equal(locationKey(null), null);
});
