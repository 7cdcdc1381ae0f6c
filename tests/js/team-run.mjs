// Running a team case (tests/cases/team/*.json) as the page does: shared by the
// case harness (cases.test.mjs) and the team view's other tests (team.test.mjs).
import {
  emptyTeam, mergeTeam, readTeamFile, teamStats, tooLarge, unreadable,
} from "../../theme/assets/cx/src/team-stats.js";
import { readLinkData } from "../../theme/assets/cx/src/team-links.js";
import { readSummary, roundStats } from "../../theme/assets/cx/src/team-rounds.js";
import { readHeadcounts } from "../../theme/assets/cx/src/team-headcount.js";

/** Whether a case chooses rounds or gives headcounts (team-rounds.js, team-headcount.js). */
export const isRoundsCase = (c) => ["byRound", "round", "current", "baseline", "baselineSummary", "headcounts"].some((k) => k in c);

/** Read, merge and summarise a team case's files the way the page does. */
export function runTeam(model, c) {
  const reads = c.files.map((f) => {
    if (f.size !== undefined) return tooLarge(f.name, model);
    if (f.unreadable) return unreadable(f.name);
    if (f.linkData !== undefined) return readLinkData(f.name, f.linkData, model);
    return readTeamFile(f.name, f.text ?? JSON.stringify(f.file), model);
  });
  const merged = mergeTeam(emptyTeam(), reads.filter((r) => r.ok), { round: c.round ?? null });
  if (!isRoundsCase(c)) return { reads, merged, stats: teamStats(model, merged.team.respondents, c.options || {}) };
  // The case's choices, as the page's round selectors and headcount box make them.
  const choice = {};
  for (const k of ["current", "baseline"]) if (k in c) choice[k] = c[k];
  const checked = { baselineRead: null, headcountRead: null };
  if ("baselineSummary" in c) {
    const read = readSummary(JSON.stringify(c.baselineSummary), model);
    checked.baselineRead = read.ok ? { ok: true } : read;
    if (read.ok) choice.baselineSummary = read.summary;
  }
  if ("headcounts" in c) {
    const read = readHeadcounts(c.headcounts, model);
    checked.headcountRead = read.ok ? { ok: true } : read;
    if (read.ok) choice.headcounts = read.headcounts;
  }
  const stats = roundStats(model, merged.team.respondents, c.options || {}, choice);
  return { reads, merged, stats, checked };
}
