// Writing the state out: the JSON export (schemas/assessment-export.schema.json),
// CSV for spreadsheets, and the download itself (a Blob URL: no request leaves
// the browser).

import { FORMAT, FORMAT_VERSION } from "./importer.js";
import { NOT_APPLICABLE, answerScore } from "./scoring.js";

function compact(object) {
  const out = {};
  for (const [k, v] of Object.entries(object)) if (v !== undefined && v !== null && v !== "") out[k] = v;
  return out;
}

export function toExport(model, state, now = new Date()) {
  const answers = {};
  for (const [id, a] of Object.entries(state.answers)) answers[id] = compact({ choice: a.choice, answeredAt: a.answeredAt });
  const notes = {};
  for (const [id, text] of Object.entries(state.notes)) if (text) notes[id] = text;
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    assessment: { id: model.id, version: model.version, title: model.title },
    contentVersion: model.contentVersion,
    exportedAt: now.toISOString(),
    createdAt: state.createdAt || undefined,
    updatedAt: state.updatedAt || undefined,
    profile: compact({ department: state.profile.department, location: state.profile.location }),
    answers,
    notes,
    targets: { ...state.targets },
    snapshots: state.snapshots,
  };
}

// Spreadsheets run a cell starting with one of these as a formula
// (OWASP "CSV injection"); a leading apostrophe makes it text.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCSV(model, state) {
  const rows = [["Section", "Question", "Answer", "Score", "Note"]];
  for (const section of model.sections) {
    for (const question of section.questions) {
      const answer = state.answers[question.id];
      const set = model.answerSets[question.answerSet];
      let label = "";
      if (answer && answer.choice === NOT_APPLICABLE) label = set.notApplicable || "Not applicable";
      else if (answer) label = (set.choices.find((c) => c.id === answer.choice) || {}).label || "";
      const score = answerScore(model, question, answer);
      rows.push([section.title, question.text, label, score === null ? "" : score, state.notes[question.id] || ""]);
    }
  }
  // RFC 4180: CRLF line ends. The BOM lets Excel read UTF-8 correctly.
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function fileName(model, extension, now = new Date()) {
  return `${model.id}-${model.version}-${now.toISOString().slice(0, 10)}.${extension}`;
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
