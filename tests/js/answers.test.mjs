// The answer file both ways: what Export writes, Import reads back. (What each
// case of tests/cases/answers.json reads to is checked whole by cases.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readAnswers } from "../../theme/assets/cx/src/answers.js";
import { csvCell, toCSV } from "../../theme/assets/cx/src/csv.js";
import { toExport } from "../../theme/assets/cx/src/exporter.js";

const { models, cases } = JSON.parse(readFileSync(new URL("../cases/answers.json", import.meta.url), "utf8"));

const input = (c) => c.text ?? (c.repeat ? c.repeat.text.repeat(c.repeat.times) : JSON.stringify(c.file));

const model = models.current;
const read = (c) => readAnswers(input(c), model).state;

test("an export reads back to the same state", () => {
  for (const c of cases.filter((x) => x.expect.ok)) {
    const state = read(c);
    state.respondent = state.respondent || "r-0123456789abcdef";
    const again = readAnswers(JSON.stringify(toExport(model, state)), model);
    assert.equal(again.ok, true, again.message);
    for (const key of ["answers", "notes", "archive", "profile", "targets", "questionnaire", "answeredVersion"]) {
      assert.deepEqual(again.state[key], state[key], `${c.name}: ${key}`);
    }
  }
});

test("an export carries what the answers were given against", () => {
  const state = read(cases[0]);
  const data = toExport(model, state);
  assert.equal(data.formatVersion, model.limits.formatVersion);
  assert.equal(data.questionnaire.version, "2.0.0");
  assert.deepEqual(Object.keys(data.questionnaire.questions).sort(), ["q1", "q2", "q3", "q4", "q5", "q6"]);
  assert.match(data.respondent.id, new RegExp(model.limits.respondentPattern));
});

test("CSV cells: RFC 4180 quoting and formula neutralising", () => {
  assert.equal(csvCell('say "hi", ok'), '"say ""hi"", ok"');
  assert.equal(csvCell("=1+1"), "'=1+1");
  assert.equal(csvCell("+1"), "'+1");
  assert.equal(csvCell("-1"), "'-1");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  const csv = toCSV(model, read(cases[0]));
  assert.ok(csv.startsWith("\ufeffSection,Question,Answer,Score,Note\r\n"));
  assert.ok(csv.includes(`Section one,Question one,Most,0.75,"'=HYPERLINK(""x"")"`));
  assert.ok(csv.includes("Section one,Question three,Does not apply here,,"));
});

test("nesting depth: brackets inside strings, escaped quotes and an unclosed string do not count", async () => {
  const { nestingDepth } = await import("../../theme/assets/cx/src/contract.js");
  const cases = [
    ['{"a": [1, {"b": 2}]}', 3],
    ['{"a": "[[[{{{"}', 1],
    ['{"a": "x\\"[[[", "b": [[1]]}', 3],
    ['{"a": "x\\\\"}[[', 2],
    ['{"a": "\\\\\\"[", "b": {}}', 2],
    ['[["unclosed [[[[', 2],
    ['"\\', 0],
    ["", 0],
  ];
  for (const [text, depth] of cases) assert.equal(nestingDepth(text), depth, text);
});
