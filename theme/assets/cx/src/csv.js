// CSV for spreadsheets (loaded on demand): RFC 4180, formulas neutralised.

import { answerScore } from "./scoring.js";

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
