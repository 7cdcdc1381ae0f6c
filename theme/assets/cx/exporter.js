// Writing the state out: the JSON answer file (schemas/assessment-export.schema.json),
// CSV for spreadsheets, and the download itself (a Blob URL: no request leaves
// the browser).

import { answerScore } from "./scoring.js";

function compact(object) {
  const out = {};
  for (const [k, v] of Object.entries(object)) if (v !== undefined && v !== null && v !== "") out[k] = v;
  return out;
}

/** The answer file for a state (the same shape is kept in local storage). */
export function toExport(model, state, now = new Date()) {
  const answers = {};
  for (const [id, a] of Object.entries(state.answers)) {
    answers[id] = compact({ choice: a.choice, answeredAt: a.answeredAt, unconfirmed: a.unconfirmed ? true : undefined });
  }
  const notes = {};
  for (const [id, text] of Object.entries(state.notes)) if (text) notes[id] = text;
  return compact({
    format: model.limits.format,
    formatVersion: model.limits.formatVersion,
    assessment: { id: model.id, version: model.version, title: model.title },
    contentVersion: model.contentVersion,
    edition: model.edition || undefined,
    exportedAt: now.toISOString(),
    createdAt: state.createdAt || undefined,
    updatedAt: state.updatedAt || undefined,
    respondent: compact({ id: state.respondent, name: state.profile.name }),
    profile: compact({ department: state.profile.department, location: state.profile.location }),
    answers,
    notes,
    targets: { ...state.targets },
    snapshots: state.snapshots,
    questionnaire: { version: state.answeredVersion || model.version, questions: state.questionnaire },
    archive: state.archive,
  });
}

// Spreadsheets run a cell starting with one of these as a formula
// (OWASP "CSV injection"); a leading apostrophe makes it text.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text with CRLF line ends and a BOM, so Excel reads UTF-8 correctly. */
export function csvText(rows) {
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The label of a stored choice, N/A included, or "". */
export function choiceLabel(model, question, choice) {
  const set = model.answerSets[question.answerSet];
  if (!set || !choice) return "";
  if (choice === model.limits.notApplicable) return set.notApplicable || "Not applicable";
  return (set.choices.find((c) => c.id === choice) || {}).label || "";
}

export function toCSV(model, state) {
  const rows = [["Section", "Question", "Answer", "Score", "Note"]];
  for (const section of model.sections) {
    for (const question of section.questions) {
      const answer = state.answers[question.id];
      const score = answerScore(model, question, answer);
      rows.push([section.title, question.text, choiceLabel(model, question, answer && answer.choice),
        score === null ? "" : score, state.notes[question.id] || ""]);
    }
  }
  return csvText(rows);
}

export function fileName(model, extension, now = new Date(), suffix = "") {
  return `${model.id}-${model.version}${suffix}-${now.toISOString().slice(0, 10)}.${extension}`;
}

export function download(document, name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
