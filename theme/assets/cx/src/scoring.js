// Scoring rules, as pure functions of the embedded model and the answers.
// Nothing here touches the DOM, so the same rules run in Node's test runner
// against tests/cases/scoring.json, which generator/scoring.py runs too.

import { SHARED } from "./contract.js";

// Floating-point sums such as 3 × 0.67 + 2 × 0.33 land a hair under the
// intended value; without this, 55 % could show as 54 % and miss its level.
const EPSILON = SHARED.epsilon;

/** The score (0..1) of one question's answer, or null if unanswered or N/A. */
export function answerScore(model, question, answer) {
  if (!answer || answer.choice === model.limits.notApplicable) return null;
  const set = model.answerSets[question.answerSet];
  const choice = set && set.choices.find((c) => c.id === answer.choice);
  return choice ? choice.score : null;
}

/** Whether a stored choice is still a valid answer to this question. */
export function isValidChoice(model, question, choice) {
  const set = model.answerSets[question.answerSet];
  if (!set) return false;
  // A question may withhold its scale's N/A where it cannot honestly apply.
  if (choice === model.limits.notApplicable) return Boolean(set.notApplicable) && question.notApplicable !== false;
  return set.choices.some((c) => c.id === choice);
}

/** Highest level whose `min` (percent) is at or below the score; null without a score. */
export function levelFor(levels, percent) {
  if (percent === null || percent === undefined) return null;
  let found = null;
  for (const level of levels) {
    if (level.min <= percent + EPSILON && (!found || level.min >= found.min)) found = level;
  }
  return found;
}

/** Whole percent as shown: floored so the figure never claims a level the score misses. */
export function displayPercent(percent) {
  return percent === null || percent === undefined ? null : Math.floor(percent + EPSILON);
}

/** A question about a department this location does not have drops out. */
export function dropped(question, lacks) {
  return (question.needs || []).some((need) => lacks.includes(need));
}

/** The departments a respondent's profile says this location does not have. */
export function lacking(profile) {
  return (profile && profile.lacks) || [];
}

function tally(model, questions, answers, lacks = []) {
  let sum = 0, weights = 0, answered = 0, notApplicable = 0, unanswered = 0, droppedOut = 0;
  for (const question of questions) {
    if (dropped(question, lacks)) { droppedOut += 1; continue; }
    const answer = answers[question.id];
    if (!answer || !isValidChoice(model, question, answer.choice)) { unanswered += 1; continue; }
    if (answer.choice === model.limits.notApplicable) { notApplicable += 1; continue; }
    answered += 1;
    sum += question.weight * answerScore(model, question, answer);
    weights += question.weight;
  }
  // N/A and unanswered questions are left out of numerator and denominator alike;
  // a level (a verdict) waits until enough of the applicable questions are answered.
  const percent = weights > 0 ? (100 * sum) / weights : null;
  const applicable = questions.length - droppedOut - notApplicable;
  const needed = Math.ceil((model.levelCoverage ?? 0) * applicable - EPSILON);
  return { percent, total: questions.length, answered, notApplicable, unanswered, scored: answered,
    dropped: droppedOut, applicable, remaining: Math.max(0, needed - answered),
    provisional: percent !== null && answered < needed };
}

/**
 * Overall and per-section percent of one respondent, with counts: the twin of
 * scoring.py's score_respondent (the team view scores each respondent with it).
 */
export function scoreRespondent(model, answers, profile) {
  const lacks = lacking(profile);
  const overall = tally(model, model.sections.flatMap((s) => s.questions), answers, lacks);
  overall.level = overall.provisional ? null : levelFor(model.levels, overall.percent);
  const sections = model.sections.map((s) => ({ id: s.id, title: s.title, ...tally(model, s.questions, answers, lacks) }));
  return { overall, sections };
}

/** Ranked, de-duplicated plays for the questions scoring under `lowBelow`. */
export function nextActions(model, answers, profile) {
  const reasons = [];
  const lacks = lacking(profile);
  for (const section of model.sections) {
    for (const question of section.questions) {
      if (dropped(question, lacks)) continue;
      const score = answerScore(model, question, answers[question.id]);
      if (score === null || score >= model.lowBelow) continue;
      reasons.push({ plays: question.plays, priority: question.weight * (1 - score),
        question: { questionId: question.id, sectionId: section.id, text: question.text, score } });
    }
  }
  return playsFor(model, reasons);
}

/**
 * Plays, de-duplicated and ranked by their most pressing reason. A reason is
 * {plays, priority, question}: the question (what is shown under the play) asks
 * for those plays with that priority.
 */
export function playsFor(model, reasons) {
  const byPlay = new Map();
  for (const { plays, priority, question } of reasons) {
    for (const playId of plays) {
      const play = model.plays[playId];
      if (!play) continue;
      const entry = byPlay.get(playId) || { playId, play, priority: -1, questions: [] };
      entry.priority = Math.max(entry.priority, priority);
      entry.questions.push({ ...question, priority });
      byPlay.set(playId, entry);
    }
  }
  return rankPlays(model, [...byPlay.values()]);
}

/** Highest priority first; ties go to the play that is cheap and quick to run. */
export function rankPlays(model, entries) {
  const order = Object.keys(model.levelNames);
  const rank = (level) => (order.includes(level) ? order.indexOf(level) : order.length);
  const ranked = entries.sort((a, b) => compareActions(a, b, rank));
  ranked.forEach((entry, index) => {
    entry.rank = index + 1;
    entry.questions.sort((a, b) => b.priority - a.priority);
  });
  return ranked;
}

function compareActions(a, b, rank) {
  if (Math.abs(b.priority - a.priority) > EPSILON) return b.priority - a.priority;
  // Ties go to the play that is cheap and quick to run.
  const effort = rank(a.play.effort) - rank(b.play.effort);
  if (effort) return effort;
  const cost = rank(a.play.cost) - rank(b.play.cost);
  if (cost) return cost;
  return a.playId < b.playId ? -1 : a.playId > b.playId ? 1 : 0;
}

/** Gap (percentage points) from a section's score to its target level, or met/unknown. */
export function targetGap(model, percent, levelId) {
  if (!levelId) return null;
  const level = model.levels.find((l) => l.id === levelId);
  if (!level) return null;
  if (percent === null) return { level, gap: null, met: false };
  const gap = level.min - percent;
  return gap <= EPSILON ? { level, gap: 0, met: true } : { level, gap, met: false };
}

/** Everything the results show, computed once per change. */
export function scoreAssessment(model, state) {
  const answers = state.answers || {};
  const targets = state.targets || {};
  const lacks = lacking(state.profile);
  const previous = state.snapshots && state.snapshots.length ? state.snapshots[state.snapshots.length - 1] : null;
  const all = model.sections.flatMap((s) => s.questions);
  const overall = tally(model, all, answers, lacks);
  const sections = model.sections.map((section) => {
    const t = tally(model, section.questions, answers, lacks);
    const before = previous && previous.scores && previous.scores.sections ? previous.scores.sections[section.id] : undefined;
    const change = t.percent !== null && typeof before === "number" ? t.percent - before : null;
    return { id: section.id, title: section.title, ...t, target: targetGap(model, t.percent, targets[section.id]), change };
  });
  const scoredQuestions = [];
  for (const section of model.sections) {
    for (const question of section.questions) {
      if (dropped(question, lacks)) continue;
      const score = answerScore(model, question, answers[question.id]);
      if (score !== null) scoredQuestions.push({ questionId: question.id, sectionId: section.id, text: question.text, weight: question.weight, score });
    }
  }
  const strengths = scoredQuestions
    .filter((q) => q.score >= model.lowBelow)
    .sort((a, b) => b.score - a.score || b.weight - a.weight)
    .slice(0, 3);
  const gaps = scoredQuestions
    .filter((q) => q.score < model.lowBelow)
    .sort((a, b) => b.weight * (1 - b.score) - a.weight * (1 - a.score))
    .slice(0, 3);
  return {
    overall: { ...overall, level: overall.provisional ? null : levelFor(model.levels, overall.percent) },
    sections,
    strengths,
    gaps,
    actions: nextActions(model, answers, state.profile),
    previous,
  };
}

/** The scores a snapshot keeps: percent rounded to hundredths, null where nothing was scored. */
export function snapshotScores(results) {
  const round = (p) => (p === null ? null : Math.round(p * 100) / 100);
  const sections = {};
  for (const s of results.sections) sections[s.id] = round(s.percent);
  return { overall: round(results.overall.percent), sections };
}
