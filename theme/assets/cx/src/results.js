// The results panel, rebuilt from the computed results on every change.
// The bar chart is decoration (aria-hidden); the table beside it carries the
// same numbers for screen readers and print. Its words come through t()
// (strings.js), so a translated page shows them in its language.

import { SHARED } from "./contract.js";
import { h, safeHref } from "./dom.js";
import { displayPercent } from "./scoring.js";
import { dateFormat, t, tn } from "./strings.js";

const pct = (p) => (p === null ? "—" : `${displayPercent(p)}%`);

function change(section) {
  if (section.change === null) return "—";
  const points = Math.round(section.change);
  if (points === 0) return t("No change");
  return tn(Math.abs(points), "{sign}{n} point", "{sign}{n} points", { sign: points > 0 ? "+" : "−" });
}

function target(section) {
  if (!section.target) return ["—", "—"];
  const name = section.target.level.name;
  if (section.target.met) return [name, t("Target met")];
  if (section.target.gap === null) return [name, t("Not scored yet")];
  return [name, tn(Math.ceil(section.target.gap - SHARED.epsilon), "{n} point to go", "{n} points to go")];
}

function summary(results, model) {
  const o = results.overall;
  if (o.percent === null) {
    const extra = o.notApplicable ? ` ${tn(o.notApplicable, "{n} question is marked not applicable.", "{n} questions are marked not applicable.")}` : "";
    return [h("p", { className: "cx-results__empty" }, `${t("Answer a question to see your score.")}${extra}`)];
  }
  const parts = [
    h("p", { className: "cx-results__overall" },
      h("span", { className: "cx-results__score", "data-cx-score": "" }, pct(o.percent)),
      " ",
      o.provisional
        ? h("span", { className: "cx-results__level cx-results__level--provisional", "data-cx-level": "", "data-cx-provisional": "" }, t("Provisional"))
        : h("span", { className: "cx-results__level", "data-cx-level": o.level ? o.level.id : "" }, o.level ? o.level.name : "")),
    h("p", { className: "cx-results__basis" },
      tn(o.answered, "Score of applicable questions: weighted over {n} answered question", "Score of applicable questions: weighted over {n} answered questions")
      + t(", {n} unanswered (not counted)", { n: o.unanswered })
      + `${o.notApplicable ? t(", {n} not applicable", { n: o.notApplicable }) : ""}`
      + `${o.dropped ? t(", {n} not asked at this location", { n: o.dropped }) : ""}.`),
  ];
  if (o.provisional) {
    parts.push(h("p", { className: "cx-results__provisional", "data-cx-remaining": String(o.remaining) },
      `${tn(o.remaining, "No maturity level yet: answer {n} more question.", "No maturity level yet: answer {n} more questions.")} `
      + t("A level is stated once {coverage}% of the {applicable} questions that apply are answered, so that a few answers cannot decide it.",
        { coverage: Math.round((model.levelCoverage ?? 0) * 100), applicable: o.applicable })));
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
        const marker = h("span", { className: "cx-bar__target", title: t("Target: {level}", { level: s.target.level.name }) });
        marker.style.left = `${s.target.level.min}%`;
        track.append(marker);
      }
      // Each bar says how many of its questions stand behind it.
      return h("div", { className: "cx-bar" }, h("span", { className: "cx-bar__label" }, s.title), track,
        h("span", { className: "cx-bar__value" }, pct(s.percent), h("span", { className: "cx-bar__coverage", "data-cx-coverage": s.id }, ` ${s.answered}/${s.applicable}`)));
    }));
  const hasSnapshot = Boolean(results.previous);
  const head = [t("Section"), t("Score"), t("Answered"), t("Target"), t("Gap to target")];
  if (hasSnapshot) head.push(t("Change since last snapshot"));
  const table = h("table", { className: "cx-table" },
    h("caption", null, t("Score by section (percent of applicable answered questions)")),
    h("thead", null, h("tr", null, head.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", null, results.sections.map((s) => {
      const [targetName, gap] = target(s);
      const cells = [
        h("th", { scope: "row" }, s.title),
        h("td", { "data-cx-section-score": s.id }, pct(s.percent)),
        h("td", { "data-cx-section-answered": s.id }, t("{answered} of {applicable}", { answered: s.answered, applicable: s.applicable })
          + `${s.notApplicable ? ` ${t("({n} n/a)", { n: s.notApplicable })}` : ""}${s.dropped ? ` ${t("({n} not asked here)", { n: s.dropped })}` : ""}`),
        h("td", null, targetName),
        h("td", { "data-cx-target-gap": s.id }, gap),
      ];
      if (hasSnapshot) cells.push(h("td", { "data-cx-change": s.id }, change(s)));
      return h("tr", null, cells);
    })));
  // A wide table scrolls inside its own box at 360 px; the box must be reachable by keyboard.
  return [bars, h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("Score by section, table") }, table)];
}

function questionList(items, empty) {
  if (!items.length) return h("p", null, empty);
  return h("ul", null, items.map((q) => h("li", null, h("a", { href: `#q-${q.questionId}` }, q.text), ` (${pct(q.score * 100)})`)));
}

function actions(results, model) {
  if (!results.actions.length) {
    const text = results.overall.percent === null
      ? t("Plays are recommended here for answers that score low.")
      : t("No plays to recommend: no answered question with linked plays scores under {percent}%.", { percent: Math.round(model.lowBelow * 100) });
    return h("p", null, text);
  }
  return h("ol", { className: "cx-actions-list", "data-cx-next-actions": "" }, results.actions.map((a) => {
    const href = safeHref(a.play.url);
    const title = href ? h("a", { href, "data-cx-play": a.playId }, a.play.title) : h("span", { "data-cx-play": a.playId }, a.play.title);
    return h("li", null,
      h("p", { className: "cx-action__title" }, title),
      h("p", { className: "cx-action__meta" },
        t("Effort {effort} · cost {cost} · owner {owner} · {where}", { effort: model.levelNames[a.play.effort] || a.play.effort,
          cost: model.levelNames[a.play.cost] || a.play.cost, owner: a.play.ownerName, where: a.play.where })),
      h("p", { className: "cx-action__phase", "data-cx-phase": a.play.phase ? a.play.phase.id : "" },
        a.play.phase ? t("90-day plan: {phase}", { phase: a.play.phase.title }) : t("90-day plan: not scheduled; consider it at the quarterly review")),
      h("p", { className: "cx-action__why" }, t("Because:"), " ",
        a.questions.map((q, i) => [i ? "; " : "", h("a", { href: `#q-${q.questionId}` }, q.text), ` (${pct(q.score * 100)})`])));
  }));
}

function history(state) {
  if (!state.snapshots.length) return h("p", null, t("No snapshots yet. Save one after each review to see how sections change over time."));
  return h("ul", { className: "cx-snapshots" }, [...state.snapshots].reverse().map((s) =>
    h("li", null,
      `${s.label || t("Snapshot")} — ${formatDate(s.savedAt)}: ${s.scores.overall === null ? t("no score") : `${displayPercent(s.scores.overall)}%`} `,
      h("button", { type: "button", className: "md-button cx-button--small", "data-cx-action": "delete-snapshot", "data-cx-snapshot": s.id,
        "aria-label": t("Delete {snapshot} of {date}", { snapshot: s.label || t("snapshot"), date: formatDate(s.savedAt) }) }, t("Delete")))));
}

export function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso).slice(0, 10) : timeFormat().format(date);
}

function archived(state) {
  const entries = Object.entries(state.archive || {});
  if (!entries.length) return [];
  return [h("h3", null, t("Answers to questions no longer asked")),
    h("p", null, t("Kept with the wording they were given to, and included in every export.")),
    h("ul", { className: "cx-archive" }, entries.map(([, a]) =>
      h("li", null, `“${a.text}” (${t("version {version}", { version: a.version })})${a.label ? `: ${a.label}` : ""}${a.note ? ` — ${t("note:")} ${a.note}` : ""}`)))];
}

// The one-page summary to print: what a respondent takes to a meeting. Each
// part has a fixed number of lines (a line per section, at most five plays,
// each on one line), so it fits one Letter or A4 page whatever the wording;
// while it is open, printing prints it alone (cx.css).
const SUMMARY_PLAYS = 5;

function printSummary(model, results, state, open, now) {
  const o = results.overall;
  const profile = state.profile || {};
  const department = (model.departments || []).find((d) => d.id === profile.department);
  const who = [profile.name, department ? department.name : profile.department, profile.location].filter(Boolean).join(" · ");
  const verdict = o.percent === null
    ? h("span", { "data-cx-print-level": "" }, t("Not scored yet"))
    : o.provisional
      ? h("span", { "data-cx-print-level": "provisional" }, t("Provisional"), ": ",
        tn(o.remaining, "answer {n} more question for a maturity level", "answer {n} more questions for a maturity level"))
      : h("span", { "data-cx-print-level": o.level ? o.level.id : "" }, o.level ? o.level.name : "");
  const plays = results.actions.slice(0, SUMMARY_PLAYS);
  const metaText = (day) => [model.organisation, day, t("questionnaire version {version}", { version: model.version }),
    t("content version {version}", { version: model.contentVersion }), model.edition ? t("edition {edition}", { edition: model.edition }) : null]
    .filter(Boolean).join(" · ");
  // The day is written once the summary is opened or printed (or a date was
  // formatted already): see dayFormat.
  const meta = h("p", { className: "cx-print-summary__meta", "data-cx-print-meta": "" }, metaText(open || dayFormat.ready() ? formatDay(now) : null));
  if (!open && !dayFormat.ready()) undated.set(meta, metaText);
  const details = h("details", { className: "cx-print-summary", "data-cx-print-summary": "", open },
    h("summary", null, t("One-page summary to print")),
    h("div", { className: "cx-print-summary__page" },
      h("p", { className: "cx-print-summary__hint" }, t("While this is open, printing the page prints this summary alone, on one page.")),
      h("h3", { className: "cx-print-summary__title" }, model.title),
      meta,
      who ? h("p", { className: "cx-print-summary__who" }, who) : null,
      h("p", { className: "cx-print-summary__score" },
        h("strong", { "data-cx-print-score": "" }, pct(o.percent)), " ", verdict, " ",
        h("span", { className: "cx-print-summary__basis" },
          t("({answered} of {applicable} questions that apply answered)", { answered: o.answered, applicable: o.applicable }))),
      h("table", { className: "cx-table cx-print-summary__sections" },
        h("caption", null, t("Score by section, with how many of its questions are answered")),
        h("thead", null, h("tr", null, [t("Section"), t("Score"), t("Answered")].map((text) => h("th", { scope: "col" }, text)))),
        h("tbody", null, results.sections.map((s) => h("tr", null,
          h("th", { scope: "row" }, s.title),
          h("td", { "data-cx-print-section": s.id }, pct(s.percent)),
          h("td", null, t("{answered} of {applicable}", { answered: s.answered, applicable: s.applicable })))))),
      h("h4", null, t("Next plays")),
      plays.length
        ? h("ol", { className: "cx-print-summary__plays" }, plays.map((a) => h("li", { "data-cx-print-play": a.playId },
          h("strong", null, a.play.title), ` — ${a.play.ownerName}`,
          a.play.phase ? ` · ${t("90-day plan: {phase}", { phase: a.play.phase.title })}` : "")))
        : h("p", null, t("No plays to recommend yet.")),
      h("p", { className: "cx-print-summary__foot" },
        t("One person's self-assessment, kept in this browser: not the team's result. The team view combines everyone's answers."))));
  return details;
}

// The first date formatter is the largest single cost of the page's start-up
// (strings.dateFormat), so the results drawn at start-up write no date until
// one is needed: the summary opened, a print, or a snapshot listed.
const dayFormat = dateFormat({ dateStyle: "long" });
const timeFormat = dateFormat({ dateStyle: "medium", timeStyle: "short" });
// Summaries' meta lines still without their day, each with the function that writes it.
const undated = new WeakMap();

function formatDay(date) {
  return dayFormat().format(date);
}

/** Write the day into the print summary's meta line (when the summary opens, before printing). */
export function datePrintSummary(body, now = new Date()) {
  const meta = body.querySelector("[data-cx-print-meta]");
  const write = meta && undated.get(meta);
  if (!write) return;
  undated.delete(meta);
  meta.textContent = write(formatDay(now));
}

export function renderResults(body, model, results, state, now = new Date()) {
  // Rebuilt on every change: the summary stays open if the reader opened it.
  const open = Boolean(body.querySelector("[data-cx-print-summary]")?.open);
  body.replaceChildren(
    ...summary(results, model),
    h("h3", null, t("By section")),
    ...sectionChart(results),
    h("div", { className: "cx-results__columns" },
      h("div", null, h("h3", null, t("Strengths")), questionList(results.strengths, t("None yet: strengths are answered questions that score well."))),
      h("div", null, h("h3", null, t("Gaps")), questionList(results.gaps, t("No gaps among the answered questions.")))),
    h("h3", null, t("Next actions")),
    actions(results, model),
    h("h3", null, t("History")),
    history(state),
    ...archived(state),
    printSummary(model, results, state, open, now),
  );
  // Printing prints the summary alone while it is open: cx.css reads this mark on
  // the results' article (a class, not :has(), which threw Chromium's pagination off).
  const printed = body.querySelector("[data-cx-print-summary]");
  const article = body.closest("article") || body.parentElement;
  const mark = () => {
    article.classList.toggle("cx-print-summary-open", printed.open);
    if (printed.open) datePrintSummary(body);
  };
  printed.addEventListener("toggle", mark);
  mark();
}
