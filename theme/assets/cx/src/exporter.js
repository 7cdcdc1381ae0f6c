// Writing the state out: the JSON answer file (schemas/assessment-export.schema.json)
// and the download itself (a Blob URL: no request leaves the browser). CSV is
// in csv.js, loaded when someone asks for it.

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
    round: state.round || undefined, // the round an invitation named (the team view compares rounds)
    exportedAt: now.toISOString(),
    createdAt: state.createdAt || undefined,
    updatedAt: state.updatedAt || undefined,
    respondent: compact({ id: state.respondent, name: state.profile.name }),
    profile: compact({ department: state.profile.department, location: state.profile.location,
      lacks: state.profile.lacks && state.profile.lacks.length ? state.profile.lacks : undefined }),
    answers,
    notes,
    targets: { ...state.targets },
    snapshots: state.snapshots,
    questionnaire: { version: state.answeredVersion || model.version, questions: state.questionnaire },
    archive: state.archive,
  });
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
