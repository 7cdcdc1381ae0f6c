// The experience log's data rules: what an entry may hold, merging many logs
// (a link sent twice changes nothing), the lead's figures and the small-group
// rule for names, CSV cells a spreadsheet cannot run, and links that carry a
// log both ways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "fflate";
import { cleanEntry, logFromHash, logLinks, logStats, mergeLogs, readLog, toCsv, toFile, LINK_MAX, LOG_INFLATED_MAX } from "../../theme/assets/cx/src/log-data.js";
import { base64url } from "../../theme/assets/cx/src/link-codec.js";

const model = {
  moments: [
    { id: "arrival", title: "Arrival", url: "../moments/arrival/#plays", touchpoints: [{ id: "greet", name: "Greeting" }, { id: "lot", name: "Parking" }] },
    { id: "delivery", title: "Delivery", url: "../moments/delivery/#plays", touchpoints: [{ id: "handover", name: "Handover" }] },
  ],
};

const entry = (n, extra = {}) => ({ id: `e-${String(n).padStart(8, "0")}`, at: `2026-12-0${1 + (n % 8)}T10:00:00.000Z`,
  where: "ours", moment: "arrival", touchpoint: "greet", happened: `happened ${n}`, feeling: 1 + (n % 5), why: "", idea: "", ...extra });
const log = (author, entries, name) => ({ author: { id: `l-${author.padEnd(8, "0")}`, name }, entries });

test("an entry keeps ids and values; unknown moments and touchpoints are dropped, a bad feeling refuses it", () => {
  assert.deepEqual(cleanEntry(entry(1, { moment: "nowhere", touchpoint: "greet" }), model).moment, "");
  assert.equal(cleanEntry(entry(1, { touchpoint: "handover" }), model).touchpoint, "");
  assert.equal(cleanEntry(entry(1, { feeling: 7 }), model), null);
  assert.equal(cleanEntry(entry(1, { happened: "", why: "", idea: "" }), model), null);
  assert.equal(cleanEntry(entry(1, { happened: "x".repeat(5000) }), model).happened.length, 1000);
});

test("merging: one log per author, an entry's newest edit wins, the same log twice changes nothing", () => {
  const a = log("a", [entry(1), entry(2)], "Ana");
  const edited = log("a", [{ ...entry(2), happened: "edited", updatedAt: "2026-12-09T00:00:00.000Z" }]);
  const merged = mergeLogs([a, log("b", [entry(3)]), edited, a]);
  assert.equal(merged.length, 2);
  assert.deepEqual(merged[0].entries.map((e) => e.happened).sort(), ["edited", "happened 1"]);
  assert.deepEqual(mergeLogs([...merged, ...merged]), merged);
});

test("the lead's figures: counts and means per moment and touchpoint, best and worst, ideas", () => {
  const logs = [log("a", [entry(1, { feeling: 1, idea: "greeter" }), entry(2, { feeling: 2, touchpoint: "lot" })], "Ana"),
    log("b", [entry(3, { feeling: 5, moment: "delivery", touchpoint: "handover", idea: "photo" })], "Beto")];
  const stats = logStats(logs, model, 5);
  assert.deepEqual(stats.moments.map((m) => [m.id, m.count, m.mean]), [["arrival", 2, 1.5], ["delivery", 1, 5]]);
  assert.deepEqual(stats.best.map((t) => t.id), ["handover"]);
  assert.deepEqual(stats.worst.map((t) => t.id), ["greet", "lot"]);
  assert.deepEqual(stats.ideas.map((i) => [i.idea, i.by]), [["photo", null], ["greeter", null]]);
  assert.equal(stats.namesShown, false);
  assert.deepEqual(logStats(logs, model, 2).ideas.map((i) => i.by), ["Beto", "Ana"]);
  const customer = { author: { id: "l-cccccccc", customer: true }, entries: [entry(4, { idea: "coffee" })] };
  assert.equal(logStats([...logs, customer], model, 2).ideas.find((i) => i.idea === "coffee").by, "customer");
  // Two colleagues and a customer are not three people for k = 3: the colleagues stay unnamed.
  const withCustomer = logStats([...logs, customer], model, 3);
  assert.equal(withCustomer.namesShown, false);
  assert.deepEqual(withCustomer.ideas.map((i) => i.by), ["customer", null, null]);
});

test("CSV: one row per entry, a BOM so Excel reads Spanish as written, and a cell a spreadsheet would run as a formula is written as text", () => {
  const csv = toCsv([log("a", [entry(1, { happened: "=HYPERLINK(\"x\")" })], "Ana")], model);
  assert.ok(csv.startsWith("\ufeffauthor,"), "the file starts with a UTF-8 BOM, then the header");
  const lines = csv.trim().split("\r\n");
  assert.equal(lines.length, 2);
  assert.match(lines[1], /"'=HYPERLINK\(""x""\)"/);
});

test("links carry a log both ways, several entries per link, none longer than LINK_MAX when entries fit", async () => {
  // Text that does not compress away: a small generator of varied words.
  let seed = 7;
  const word = () => { seed = (seed * 48271) % 2147483647; return seed.toString(36); };
  const many = log("a", Array.from({ length: 40 }, (_, i) => entry(i, { happened: Array.from({ length: 12 }, word).join(" ") })), "Ana");
  const links = await logLinks(many, "https://example.test/experience-log/lead/");
  assert.ok(links.length > 1 && links.length < 20, `${links.length} links`);
  for (const link of links) assert.ok(link.length <= LINK_MAX, `${link.length}`);
  const back = [];
  for (const link of links) {
    const read = await logFromHash(new URL(link).hash, model);
    assert.ok(read.ok, read.message);
    back.push(read.log);
  }
  const merged = mergeLogs(back);
  assert.equal(merged.length, 1);
  assert.deepEqual(merged[0].entries.map((e) => e.id).sort(), many.entries.map((e) => e.id).sort());
  assert.equal((await logFromHash("#log=AAAA", model)).ok, false);
  assert.equal(await logFromHash("#section-2", model), null);
});

test("a log link crafted to unpack past LOG_INFLATED_MAX is refused, not unpacked", async () => {
  // A valid log padded with 2 MB of JSON whitespace deflates to about 2 KB: a short link, a large log.
  const json = JSON.stringify(toFile(log("a", [entry(1)], "Ana")));
  const padded = `{${" ".repeat(2 * 1024 * 1024)}${json.slice(1)}`;
  assert.ok(readLog(JSON.parse(padded), model).ok, "the padded log itself is a readable log");
  const bomb = base64url(deflateSync(new TextEncoder().encode(padded)));
  assert.ok(bomb.length < 4000, `${bomb.length}`);
  const read = await logFromHash(`#log=${bomb}`, model);
  assert.equal(read.ok, false);
  assert.ok(LOG_INFLATED_MAX < padded.length);
});

test("a file: what is exported reads back; other files are refused with a reason", () => {
  const file = JSON.stringify(toFile(log("a", [entry(1)], "Ana")));
  assert.equal(readLog(file, model).log.entries.length, 1);
  assert.equal(readLog("{", model).ok, false);
  assert.equal(readLog(JSON.stringify({ format: "cx-playbook-assessment" }), model).message, "This is not an experience log.");
});
