// The scoring rules beyond the shared cases (cases.test.mjs runs tests/cases/scoring.json whole).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scoreAssessment } from "../../theme/assets/cx/src/scoring.js";

const { model } = JSON.parse(readFileSync(new URL("../cases/scoring.json", import.meta.url), "utf8"));

const close = (actual, expected, what) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-3, `${what}: ${actual} ≠ ${expected}`);
};

function stateOf(c) {
  const answers = {};
  for (const [id, choice] of Object.entries(c.answers)) answers[id] = { choice };
  return { answers, targets: c.targets || {}, snapshots: c.snapshots || [] };
}

test("each play appears once even when several answers recommend it", () => {
  const r = scoreAssessment(model, stateOf({ answers: { q1: "a0", q2: "a0", q4: "a0" } }));
  const ids = r.actions.map((a) => a.playId);
  assert.equal(new Set(ids).size, ids.length);
});

test("a question that withholds N/A counts an N/A answer as unanswered", () => {
  // q5's scale offers N/A, but the question does not (N/A cannot honestly apply there).
  const withheld = structuredClone(model);
  withheld.sections[1].questions.find((q) => q.id === "q5").notApplicable = false;
  const answers = { q1: { choice: "a2" }, q2: { choice: "a4" }, q3: { choice: "n/a" }, q4: { choice: "a4" }, q5: { choice: "n/a" } };
  const r = scoreAssessment(withheld, { answers, targets: {}, snapshots: [] });
  assert.equal(r.overall.notApplicable, 1);
  assert.equal(r.overall.unanswered, 1);
  close(r.overall.percent, 75, "overall");
});
