// The export format both ways: what Export writes, Import reads back; what
// Import refuses, it refuses whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { csvCell, toCSV, toExport } from "../assets/cx/exporter.js";
import { readExport } from "../assets/cx/importer.js";

const { model } = JSON.parse(readFileSync(new URL("./scoring-cases.json", import.meta.url), "utf8"));
const state = () => ({
  createdAt: "2026-11-01T10:00:00.000Z", updatedAt: "2026-11-02T10:00:00.000Z",
  profile: { department: "sales", location: "North" },
  answers: { q1: { choice: "a3", answeredAt: "2026-11-01T10:00:00.000Z" }, q3: { choice: "n/a" } },
  notes: { q1: "=HYPERLINK(\"x\")" }, targets: { s1: "l2" }, snapshots: [],
});

test("an export reads back to the same state", () => {
  const text = JSON.stringify(toExport(model, state()));
  const result = readExport(text, model);
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(result.state.answers.q1.choice, "a3");
  assert.deepEqual(result.state.targets, { s1: "l2" });
  assert.equal(result.state.profile.location, "North");
});

test("answers under a replaced id carry over; unknown ids are ignored with a notice", () => {
  const data = toExport(model, state());
  data.answers = { "old-q1": { choice: "a1" }, gone: { choice: "a1" } };
  const result = readExport(JSON.stringify(data), model);
  assert.equal(result.ok, true);
  assert.equal(result.state.answers.q1.choice, "a1");
  assert.equal(result.state.answers.gone, undefined);
  assert.match(result.notices.join(" "), /1 answer to questions not in this version was ignored \(gone\)/);
});

const refusals = {
  "not JSON": () => "{nope",
  "wrong format": (d) => JSON.stringify({ ...d, format: "other" }),
  "format version": (d) => JSON.stringify({ ...d, formatVersion: 2 }),
  "another assessment": (d) => JSON.stringify({ ...d, assessment: { id: "other-one", version: "1", title: "Other one" } }),
  "extra field": (d) => JSON.stringify({ ...d, extra: 1 }),
  "wrong type": (d) => JSON.stringify({ ...d, answers: [] }),
  "bad key": (d) => JSON.stringify({ ...d, answers: { "<script>": { choice: "a1" } } }),
  "bad choice": (d) => JSON.stringify({ ...d, answers: { q1: { choice: "<img src=x onerror=alert(1)>" } } }),
  "huge number": (d) => JSON.stringify({ ...d, snapshots: [{ id: "a", savedAt: "2026-01-01T00:00:00Z", scores: { overall: 1e308 } }] }),
  "long note": (d) => JSON.stringify({ ...d, notes: { q1: "x".repeat(2001) } }),
  "deep nesting": () => "[".repeat(100000) + "]".repeat(100000),
  "too large": () => " ".repeat(5 * 1024 * 1024 + 1),
};
for (const [name, make] of Object.entries(refusals)) {
  test(`refused: ${name}`, () => {
    const result = readExport(make(toExport(model, state())), model);
    assert.equal(result.ok, false);
    assert.ok(result.message.length > 10);
  });
}

test("another assessment's file is named in the message", () => {
  const d = { ...toExport(model, state()), assessment: { id: "other-one", version: "1", title: "Other one" } };
  assert.match(readExport(JSON.stringify(d), model).message, /“Other one” \(other-one\)/);
});

test("CSV cells: RFC 4180 quoting and formula neutralising", () => {
  assert.equal(csvCell('say "hi", ok'), '"say ""hi"", ok"');
  assert.equal(csvCell("=1+1"), "'=1+1");
  assert.equal(csvCell("+1"), "'+1");
  assert.equal(csvCell("-1"), "'-1");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  const csv = toCSV(model, state());
  assert.ok(csv.startsWith("\ufeffSection,Question,Answer,Score,Note\r\n"));
  assert.ok(csv.includes(`Section one,Question one,Most,0.75,"'=HYPERLINK(""x"")"`));
  assert.ok(csv.includes("Section one,Question three,Does not apply here,,"));
});
