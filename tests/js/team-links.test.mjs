// The links of "Send to your CX lead" against tests/cases/links/links.json
// (tests/test_team_links.py runs the same cases through generator/team_links.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { encodeLink, findLinks, linkData, readLink } from "../../theme/assets/cx/src/team-links.js";

const suite = JSON.parse(readFileSync(new URL("../cases/links/links.json", import.meta.url), "utf8"));

for (const c of suite.cases) {
  test(`links.json: ${c.name}`, async () => {
    const read = await readLink(c.name, c.link, suite.model, suite.teamUrl);
    if (!c.expect.ok) assert.deepEqual({ ok: read.ok, reason: read.reason, message: read.message }, c.expect);
    else {
      assert.ok(read.ok, read.message);
      const r = read.respondent;
      assert.deepEqual(Object.fromEntries(Object.keys(c.expect.respondent).map((k) => [k, r[k]])), c.expect.respondent);
    }
  });
}

test("links are found in any text around them", () => {
  const good = suite.cases.filter((c) => c.expect.ok).map((c) => c.link);
  const text = `Hi,\n\nmine: ${good[0]}.\n> (${good[1]})\n"${good[2]}", thanks\n<${good[3]}>`;
  assert.deepEqual(findLinks(text), good.slice(0, 4));
});

test("notes travel only when asked for", async () => {
  const file = JSON.parse(readFileSync(new URL("../cases/team/scores.json", import.meta.url), "utf8")).cases[0].files[0].file;
  assert.equal(linkData(file).n, undefined);
  assert.deepEqual(linkData(file, { notes: true }).n, file.notes);
  const link = await encodeLink(suite.teamUrl, linkData(file));
  const read = await readLink("x", link, suite.model, suite.teamUrl);
  assert.deepEqual(read.respondent.notes, {});
});
