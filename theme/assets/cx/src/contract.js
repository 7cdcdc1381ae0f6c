// Small helpers over the embedded model (schemas/assessment-model.schema.json):
// the runtime reads limits, patterns and names from the model, never from
// constants of its own, so Python and JavaScript cannot drift apart.

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// No export nests deeper than this; refusing deeper text before parsing keeps
// both readers (and both languages' parsers) away from pathological input.
const MAX_DEPTH = 32;

/** Why a file's text cannot be read as an export at all, or null. */
export function fileProblem(text, limits) {
  if (typeof text !== "string") return "The file could not be read.";
  if (text.length > limits.fileMaxBytes) return `The file is larger than ${limits.fileMaxBytes / 1024 / 1024} MB, the most an export can be.`;
  if (nestingDepth(text) > MAX_DEPTH) return `The file was not imported: it nests deeper than ${MAX_DEPTH} levels, which no export does.`;
  return null;
}

/** The deepest nesting of [ and { outside strings. */
export function nestingDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth -= 1;
  }
  return deepest;
}

/** Read the model from the page (it rides in an attribute; see assessment-head.html.j2). */
export function readModel(holder) {
  if (!holder) return null;
  try {
    return JSON.parse(holder.getAttribute("data-cx-model"));
  } catch {
    return null;
  }
}

export function questionIndex(model) {
  const index = new Map();
  for (const section of model.sections) {
    for (const question of section.questions) index.set(question.id, { question, section });
  }
  return index;
}

export const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
