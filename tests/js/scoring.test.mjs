// The scoring rules against the shared cases in scoring-cases.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { displayPercent, levelFor, scoreAssessment } from "../../theme/assets/cx/src/scoring.js";

const { model, cases, levels, display } = JSON.parse(readFileSync(new URL("../cases/scoring.json", import.meta.url), "utf8"));

const close = (actual, expected, what) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-3, `${what}: ${actual} ≠ ${expected}`);
};

function stateOf(c) {
  const answers = {};
  for (const [id, choice] of Object.entries(c.answers)) answers[id] = { choice };
  return { answers, targets: c.targets || {}, snapshots: c.snapshots || [] };
}

for (const c of cases) {
  test(c.name, () => {
    const r = scoreAssessment(model, stateOf(c));
    const e = c.expect;
    if ("overall" in e) close(r.overall.percent, e.overall, "overall");
    if ("level" in e) assert.equal(r.overall.level ? r.overall.level.id : null, e.level);
    for (const k of ["answered", "notApplicable", "unanswered"]) if (k in e) assert.equal(r.overall[k], e[k], k);
    for (const [id, p] of Object.entries(e.sections || {})) close(r.sections.find((s) => s.id === id).percent, p, `section ${id}`);
    if (e.actions) {
      assert.deepEqual(
        r.actions.map((a) => ({ play: a.playId, rank: a.rank, questions: a.questions.map((q) => q.questionId) })),
        e.actions,
      );
    }
    for (const [id, t] of Object.entries(e.targets || {})) {
      const s = r.sections.find((x) => x.id === id);
      assert.equal(s.target.met, t.met, `target met ${id}`);
      close(s.target.gap, t.gap, `target gap ${id}`);
    }
    for (const [id, ch] of Object.entries(e.changes || {})) close(r.sections.find((s) => s.id === id).change, ch, `change ${id}`);
  });
}

test("level boundaries", () => {
  for (const [percent, level] of levels) {
    const found = levelFor(model.levels, percent);
    assert.equal(found ? found.id : null, level, `level of ${percent}`);
  }
});

test("shown percent is floored, never rounded up into a level", () => {
  for (const [percent, shown] of display) assert.equal(displayPercent(percent), shown, `display ${percent}`);
});

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
