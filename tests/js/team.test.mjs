// The team statistics beyond the shared cases (cases.test.mjs compares every
// case of tests/cases/team/*.json whole, as tests/test_cases.py does in Python).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { runTeam } from "./team-run.mjs";
import {
  emptyTeam, locationKey, mergeTeam, readTeamFile, round4, teamCSV, teamSummary,
} from "../../theme/assets/cx/src/team-stats.js";

const folder = new URL("../cases/team/", import.meta.url);
const suites = readdirSync(folder).filter((f) => f.endsWith(".json")).sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(new URL(f, folder), "utf8")) }));

const run = runTeam;

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
