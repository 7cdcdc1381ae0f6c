// The embedded scoring model: lookups, and carrying answers over between
// versions through each question's `replaces` ids.

import { isValidChoice } from "./scoring.js";

export function questionIndex(model) {
  const index = new Map();
  for (const section of model.sections) {
    for (const question of section.questions) index.set(question.id, { question, section });
  }
  return index;
}

export function emptyState() {
  return { createdAt: null, updatedAt: null, profile: {}, answers: {}, notes: {}, targets: {}, snapshots: [] };
}

const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Keep only answers to questions of this version, taking an older id's answer
 * where the question `replaces` it. Returns the answers and the ids dropped.
 */
export function migrateAnswers(model, answers) {
  const result = {};
  const used = new Set();
  for (const section of model.sections) {
    for (const question of section.questions) {
      for (const id of [question.id, ...question.replaces]) {
        if (own(answers, id) && isValidChoice(model, question, answers[id].choice)) {
          result[question.id] = answers[id];
          used.add(id);
          break;
        }
      }
    }
  }
  const dropped = Object.keys(answers).filter((id) => !used.has(id));
  return { answers: result, dropped };
}

/** Notes follow their question through `replaces`, like answers. */
export function migrateNotes(model, notes) {
  const result = {};
  for (const section of model.sections) {
    for (const question of section.questions) {
      const id = [question.id, ...question.replaces].find((candidate) => own(notes, candidate));
      if (id !== undefined) result[question.id] = notes[id];
    }
  }
  return result;
}

export function migrateTargets(model, targets) {
  const result = {};
  const levels = new Set(model.levels.map((l) => l.id));
  for (const section of model.sections) {
    if (own(targets, section.id) && levels.has(targets[section.id])) result[section.id] = targets[section.id];
  }
  return result;
}

/** A state read from storage or a file, reduced to what this version knows. */
export function migrateState(model, state) {
  const { answers, dropped } = migrateAnswers(model, state.answers || {});
  const departments = new Set(model.departments.map((d) => d.id));
  const profile = {};
  if (state.profile && departments.has(state.profile.department)) profile.department = state.profile.department;
  if (state.profile && typeof state.profile.location === "string" && state.profile.location) profile.location = state.profile.location;
  return {
    migrated: {
      createdAt: state.createdAt || null,
      updatedAt: state.updatedAt || null,
      profile,
      answers,
      notes: migrateNotes(model, state.notes || {}),
      targets: migrateTargets(model, state.targets || {}),
      snapshots: Array.isArray(state.snapshots) ? state.snapshots : [],
    },
    dropped,
  };
}
