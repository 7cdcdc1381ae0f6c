// The results panel, rebuilt from the computed results on every change.
// The bar chart is decoration (aria-hidden); the table beside it carries the
// same numbers for screen readers and print.

import { SHARED, plural } from "./contract.js";
import { h, safeHref } from "./dom.js";
import { displayPercent } from "./scoring.js";

const pct = (p) => (p === null ? "—" : `${displayPercent(p)}%`);

function change(section) {
  if (section.change === null) return "—";
  const points = Math.round(section.change);
  if (points === 0) return "No change";
  return `${points > 0 ? "+" : "−"}${Math.abs(points)} points`;
}

function target(section) {
  if (!section.target) return ["—", "—"];
  const name = section.target.level.name;
  if (section.target.met) return [name, "Target met"];
  if (section.target.gap === null) return [name, "Not scored yet"];
  return [name, `${Math.ceil(section.target.gap - SHARED.epsilon)} points to go`];
}

function summary(results, model) {
  const o = results.overall;
  if (o.percent === null) {
    const extra = o.notApplicable ? ` ${plural(o.notApplicable, "question is", "questions are")} marked not applicable.` : "";
    return [h("p", { className: "cx-results__empty" }, `Answer a question to see your score.${extra}`)];
  }
  const parts = [
    h("p", { className: "cx-results__overall" },
      h("span", { className: "cx-results__score", "data-cx-score": "" }, pct(o.percent)),
      " ",
      o.provisional
        ? h("span", { className: "cx-results__level cx-results__level--provisional", "data-cx-level": "", "data-cx-provisional": "" }, "Provisional")
        : h("span", { className: "cx-results__level", "data-cx-level": o.level ? o.level.id : "" }, o.level ? o.level.name : "")),
    h("p", { className: "cx-results__basis" },
      `Score of applicable questions: weighted over ${plural(o.answered, "answered question", "answered questions")}, `
      + `${o.unanswered} unanswered (not counted)`
      + `${o.notApplicable ? `, ${o.notApplicable} not applicable` : ""}`
      + `${o.dropped ? `, ${o.dropped} not asked at this location` : ""}.`),
  ];
  if (o.provisional) {
    parts.push(h("p", { className: "cx-results__provisional", "data-cx-remaining": String(o.remaining) },
      `No maturity level yet: answer ${plural(o.remaining, "more question", "more questions")}. A level is stated once `
      + `${Math.round((model.levelCoverage ?? 0) * 100)}% of the ${o.applicable} questions that apply are answered, so that a few answers cannot decide it.`));
  }
  if (o.level) parts.push(h("p", { className: "cx-results__description" }, h("strong", null, `${o.level.name}: `), o.level.description));
  return parts;
}

function sectionChart(results) {
  const bars = h("div", { className: "cx-bars", "aria-hidden": "true" },
    results.sections.map((s) => {
      const width = s.percent === null ? 0 : Math.max(0, Math.min(100, s.percent));
      const bar = h("span", { className: "cx-bar__fill" });
      bar.style.width = `${width}%`;
      const track = h("span", { className: "cx-bar__track" }, bar);
      if (s.target) {
        const marker = h("span", { className: "cx-bar__target", title: `Target: ${s.target.level.name}` });
        marker.style.left = `${s.target.level.min}%`;
        track.append(marker);
      }
      // Each bar says how many of its questions stand behind it.
      return h("div", { className: "cx-bar" }, h("span", { className: "cx-bar__label" }, s.title), track,
        h("span", { className: "cx-bar__value" }, pct(s.percent), h("span", { className: "cx-bar__coverage", "data-cx-coverage": s.id }, ` ${s.answered}/${s.applicable}`)));
    }));
  const hasSnapshot = Boolean(results.previous);
  const head = ["Section", "Score", "Answered", "Target", "Gap to target"];
  if (hasSnapshot) head.push("Change since last snapshot");
  const table = h("table", { className: "cx-table" },
    h("caption", null, "Score by section (percent of applicable answered questions)"),
    h("thead", null, h("tr", null, head.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", null, results.sections.map((s) => {
      const [targetName, gap] = target(s);
      const cells = [
        h("th", { scope: "row" }, s.title),
        h("td", { "data-cx-section-score": s.id }, pct(s.percent)),
        h("td", { "data-cx-section-answered": s.id }, `${s.answered} of ${s.applicable}${s.notApplicable ? ` (${s.notApplicable} n/a)` : ""}${s.dropped ? ` (${s.dropped} not asked here)` : ""}`),
        h("td", null, targetName),
        h("td", { "data-cx-target-gap": s.id }, gap),
      ];
      if (hasSnapshot) cells.push(h("td", { "data-cx-change": s.id }, change(s)));
      return h("tr", null, cells);
    })));
  // A wide table scrolls inside its own box at 360 px; the box must be reachable by keyboard.
  return [bars, h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": "Score by section, table" }, table)];
}

function questionList(items, empty) {
  if (!items.length) return h("p", null, empty);
  return h("ul", null, items.map((q) => h("li", null, h("a", { href: `#q-${q.questionId}` }, q.text), ` (${pct(q.score * 100)})`)));
}

function actions(results, model) {
  if (!results.actions.length) {
    const text = results.overall.percent === null
      ? "Plays are recommended here for answers that score low."
      : `No plays to recommend: no answered question with linked plays scores under ${Math.round(model.lowBelow * 100)}%.`;
    return h("p", null, text);
  }
  return h("ol", { className: "cx-actions-list", "data-cx-next-actions": "" }, results.actions.map((a) => {
    const href = safeHref(a.play.url);
    const title = href ? h("a", { href, "data-cx-play": a.playId }, a.play.title) : h("span", { "data-cx-play": a.playId }, a.play.title);
    return h("li", null,
      h("p", { className: "cx-action__title" }, title),
      h("p", { className: "cx-action__meta" },
        `Effort ${model.levelNames[a.play.effort] || a.play.effort} · cost ${model.levelNames[a.play.cost] || a.play.cost} · owner ${a.play.ownerName} · ${a.play.where}`),
      h("p", { className: "cx-action__phase", "data-cx-phase": a.play.phase ? a.play.phase.id : "" },
        a.play.phase ? `90-day plan: ${a.play.phase.title}` : "90-day plan: not scheduled; consider it at the quarterly review"),
      h("p", { className: "cx-action__why" }, "Because: ",
        a.questions.map((q, i) => [i ? "; " : "", h("a", { href: `#q-${q.questionId}` }, q.text), ` (${pct(q.score * 100)})`])));
  }));
}

function history(state) {
  if (!state.snapshots.length) return h("p", null, "No snapshots yet. Save one after each review to see how sections change over time.");
  return h("ul", { className: "cx-snapshots" }, [...state.snapshots].reverse().map((s) =>
    h("li", null,
      `${s.label || "Snapshot"} — ${formatDate(s.savedAt)}: ${s.scores.overall === null ? "no score" : `${displayPercent(s.scores.overall)}%`} `,
      h("button", { type: "button", className: "md-button cx-button--small", "data-cx-action": "delete-snapshot", "data-cx-snapshot": s.id,
        "aria-label": `Delete ${s.label || "snapshot"} of ${formatDate(s.savedAt)}` }, "Delete"))));
}

export function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso).slice(0, 10) : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function archived(state) {
  const entries = Object.entries(state.archive || {});
  if (!entries.length) return [];
  return [h("h3", null, "Answers to questions no longer asked"),
    h("p", null, "Kept with the wording they were given to, and included in every export."),
    h("ul", { className: "cx-archive" }, entries.map(([, a]) =>
      h("li", null, `“${a.text}” (version ${a.version})${a.label ? `: ${a.label}` : ""}${a.note ? ` — note: ${a.note}` : ""}`)))];
}

export function renderResults(body, model, results, state) {
  body.replaceChildren(
    ...summary(results, model),
    h("h3", null, "By section"),
    ...sectionChart(results),
    h("div", { className: "cx-results__columns" },
      h("div", null, h("h3", null, "Strengths"), questionList(results.strengths, "None yet: strengths are answered questions that score well.")),
      h("div", null, h("h3", null, "Gaps"), questionList(results.gaps, "No gaps among the answered questions."))),
    h("h3", null, "Next actions"),
    actions(results, model),
    h("h3", null, "History"),
    history(state),
    ...archived(state),
  );
}
