// Running a team case (tests/cases/team/*.json) as the page does: shared by the
// case harness (cases.test.mjs) and the team view's other tests (team.test.mjs).
import {
  emptyTeam, mergeTeam, readTeamFile, teamStats, tooLarge, unreadable,
} from "../../theme/assets/cx/src/team-stats.js";

/** Read, merge and summarise a team case's files the way the page does. */
export function runTeam(model, c) {
  const reads = c.files.map((f) => {
    if (f.size !== undefined) return tooLarge(f.name, model);
    if (f.unreadable) return unreadable(f.name);
    return readTeamFile(f.name, f.text ?? JSON.stringify(f.file), model);
  });
  const merged = mergeTeam(emptyTeam(), reads.filter((r) => r.ok));
  const stats = teamStats(model, merged.team.respondents, c.options || {});
  return { reads, merged, stats };
}

