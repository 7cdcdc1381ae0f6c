// The shared cases (tests/cases/*.json and tests/cases/team/*.json) run by
// JavaScript: the one harness of this language. tests/test_cases.py is the one
// harness of Python and runs the same files. A case holds its whole expected
// output, written as the output functions below (and their Python twins) write
// it, and is compared whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { readAnswers } from "../../theme/assets/cx/src/answers.js";
import { displayPercent, levelFor, scoreAssessment } from "../../theme/assets/cx/src/scoring.js";
import { round4, teamCSV, teamSummary } from "../../theme/assets/cx/src/team-stats.js";
import { isRoundsCase, runTeam } from "./team-run.mjs";

const folder = new URL("../cases/", import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, folder), "utf8"));
const FILES = {
  "scoring.json": "scoring",
  "answers.json": "answers",
  ...Object.fromEntries(readdirSync(new URL("team/", folder)).filter((f) => f.endsWith(".json")).sort().map((f) => [`team/${f}`, "team"])),
};

const modelFor = (suite, c) => (suite.models ? suite.models[c.model] : suite.model);
const ids = (items, key) => items.map((item) => item[key]);
const round = (x) => (x === null || x === undefined ? null : round4(x));
// As the file holds it: undefined fields dropped, as JSON drops them.
const asJSON = (value) => JSON.parse(JSON.stringify(value));

function scoringOutput(model, c) {
  const answers = {};
  for (const [id, choice] of Object.entries(c.answers)) answers[id] = { choice };
  const r = scoreAssessment(model, { answers, targets: c.targets || {}, snapshots: c.snapshots || [], profile: c.profile || {} });
  const counts = (x) => ({ total: x.total, answered: x.answered, notApplicable: x.notApplicable, unanswered: x.unanswered,
    dropped: x.dropped, applicable: x.applicable, remaining: x.remaining, provisional: x.provisional });
  const target = (t) => (t === null ? null : { level: t.level.id, gap: round(t.gap), met: t.met });
  return {
    overall: { percent: round(r.overall.percent), level: r.overall.level ? r.overall.level.id : null, ...counts(r.overall) },
    sections: r.sections.map((s) => ({ id: s.id, percent: round(s.percent), ...counts(s), target: target(s.target), change: round(s.change) })),
    strengths: ids(r.strengths, "questionId"),
    gaps: ids(r.gaps, "questionId"),
    actions: r.actions.map((a) => ({ play: a.playId, rank: a.rank, priority: round(a.priority), questions: ids(a.questions, "questionId") })),
  };
}

const input = (c) => c.text ?? (c.repeat ? c.repeat.text.repeat(c.repeat.times) : JSON.stringify(c.file));

function answersOutput(model, c) {
  const result = readAnswers(input(c), model);
  if (!result.ok) return result;
  return { ok: true, state: result.state, report: result.report, notices: result.notices };
}

function teamOutput(model, c) {
  const { reads, merged, stats, checked } = runTeam(model, c);
  return {
    refused: reads.filter((r) => !r.ok).map(({ file, reason, message }) => ({ file, reason, message })),
    superseded: merged.team.superseded.map((s) => ({ id: s.id, kept: s.kept.file, dropped: ids(s.dropped, "file") })),
    keys: ids(merged.team.respondents, "key"),
    carried: reads.filter((r) => r.ok && r.carried).map((r) => r.file),
    summary: teamSummary(model, stats),
    csv: teamCSV(model, merged.team.respondents, c.options || {}).split("\r\n"),
    ...(isRoundsCase(c) ? { rounds: stats.rounds, ...checked } : {}),
  };
}

const OUTPUT = { scoring: scoringOutput, answers: answersOutput, team: teamOutput };

for (const [name, kind] of Object.entries(FILES)) {
  const suite = load(name);
  for (const c of suite.cases) {
    test(`${name}: ${c.name}`, () => {
      assert.deepEqual(asJSON(OUTPUT[kind](modelFor(suite, c), c)), c.expect);
    });
  }
}

test("scoring.json: level boundaries, and the shown percent is floored, never rounded up into a level", () => {
  const { model, levels, display } = load("scoring.json");
  for (const [percent, level] of levels) {
    const found = levelFor(model.levels, percent);
    assert.equal(found ? found.id : null, level, `level of ${percent}`);
  }
  for (const [percent, shown] of display) assert.equal(displayPercent(percent), shown, `display ${percent}`);
});
