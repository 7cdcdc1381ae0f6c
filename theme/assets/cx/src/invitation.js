// Invitation links: the CX lead makes one link per store (and, if wanted, per
// department) for a round on the team view (team-invite.js); a respondent who
// opens one finds the assessment with the round, location and department
// filled in, still editable (assessment.js). The link is the assessment page's
// address with ?round=…&location=…&department=… (a query, not a fragment: it
// carries no answers, and a phone's camera app opens it as it is).

import { t } from "./strings.js";

export const PARAMS = ["round", "location", "department"];

const tidy = (text, max) => String(text).replace(/\s+/g, " ").trim().slice(0, max);

/** The invitation link to the assessment page `assessmentUrl` (absolute) for one store. */
export function invitationLink(assessmentUrl, { round, location, department = null }) {
  const url = new URL(assessmentUrl);
  url.hash = "";
  url.search = "";
  if (round) url.searchParams.set("round", round);
  if (location) url.searchParams.set("location", location);
  if (department) url.searchParams.set("department", department);
  return url.href;
}

/**
 * The invitation a page was opened with, tidied and checked against the model
 * (a department this playbook does not know is left out; text is cut to the
 * model's limit): {round, location, department, key}, or null when the
 * address names none. `key` tells one invitation from another.
 */
export function readInvitation(href, model) {
  const params = new URL(href).searchParams;
  const max = model.limits.textMax;
  const round = tidy(params.get("round") || "", max) || null;
  const location = tidy(params.get("location") || "", max) || null;
  const asked = params.get("department");
  const department = asked && (model.departments || []).some((d) => d.id === asked) ? asked : null;
  if (!round && !location && !department) return null;
  return { round, location, department, key: JSON.stringify([round, location, department]) };
}

/**
 * The stores typed into the lead's form, one per line: tidied, blank lines and
 * repeats left out. {stores, problems}: a problem names its line.
 */
export function readStores(text, max, most) {
  const stores = [];
  const problems = [];
  const seen = new Set();
  String(text).split(/\r?\n/).forEach((line, i) => {
    const store = line.replace(/\s+/g, " ").trim();
    if (!store) return;
    if (store.length > max) {
      problems.push(t("Line {line}: “{start}…” is longer than {max} characters.", { line: i + 1, start: store.slice(0, 30), max }));
      return;
    }
    const key = store.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    stores.push(store);
  });
  if (stores.length > most) problems.push(t("{n} stores: one sheet holds at most {most}; make it in parts.", { n: stores.length, most }));
  return { stores, problems };
}
