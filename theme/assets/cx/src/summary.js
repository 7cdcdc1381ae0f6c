// The leadership summary: one printed page for the leadership meeting, drawn
// from the team view's own figures. One object per [data-cx-team] root. It
// owns no statistics: it listens to the team view's cx:team-results (the
// object teamStats() returns, computed with the team's privacy options, so
// small groups are hidden here exactly as on the page) and to cx:team-summary
// (the JSON summary about to be downloaded, which it adds the actions to).
// The three actions the lead types in are kept in this browser.
//
// Opening it: [data-cx-action=leadership-summary] (in the page's HTML, so
// nothing moves when the runtime mounts) shows [data-cx-summary]; while it is
// open, printing prints the summary alone (summary.css).

import { hiddenText, readModel } from "./contract.js";
import { h, safeHref } from "./dom.js";
import { displayPercent } from "./scoring.js";
import * as store from "./store.js";
import { dateFormat, t, tn } from "./strings.js";

const STORE_PART = "leadership-summary";
const ACTIONS = 3;
const GAPS = 3;
const DISPUTED = 5;
const CONTEXT_FIGURES = 3;
const MOVED = 3; // what moved most since the last round, named
const SILENT = 3; // stores not heard from, named
// Below this share of answered questions, or this many respondents, the score is provisional.
const COVERAGE_MIN = 0.8;
const RESPONDENTS_MIN = 5;

const pct = (p) => (p === null || p === undefined ? "—" : `${displayPercent(p)}%`);
// In the browser's language, made on first use (strings.dateFormat).
const dayFormat = dateFormat({ dateStyle: "long" }, () => undefined);
const formatDay = (date) => dayFormat().format(date);

export class LeadershipSummary {
  constructor(root, win = window) {
    this.root = root;
    this.window = win;
    this.document = root.ownerDocument;
    this.model = null;
    this.stats = null;
    this.actions = Array.from({ length: ACTIONS }, () => ({ play: "", owner: "", due: "" }));
    this.undo = [];
    this.onResults = this.onResults.bind(this);
    this.onSummary = this.onSummary.bind(this);
    this.onClick = this.onClick.bind(this);
    this.onInput = this.onInput.bind(this);
  }

  mount() {
    this.model = readModel(this.root.querySelector("[data-cx-model]"));
    this.button = this.root.querySelector("[data-cx-action=leadership-summary]");
    this.panel = this.root.querySelector("[data-cx-summary]");
    if (!this.model || !this.button || !this.panel) return this;
    this.restore();
    for (const [type, handler] of [["cx:team-results", this.onResults], ["cx:team-summary", this.onSummary],
      ["click", this.onClick], ["input", this.onInput], ["change", this.onInput]]) {
      this.root.addEventListener(type, handler);
      this.undo.push(() => this.root.removeEventListener(type, handler));
    }
    this.button.disabled = false;
    this.undo.push(() => {
      this.panel.hidden = true;
      this.panel.replaceChildren();
      this.button.setAttribute("aria-expanded", "false");
    });
    return this;
  }

  destroy() {
    for (const step of this.undo.reverse()) step();
    this.undo = [];
    this.model = null;
    return this;
  }

  // --- events ---------------------------------------------------------------------

  onResults(event) {
    this.stats = event.detail && event.detail.stats;
    if (!this.panel.hidden) this.render();
  }

  /** The JSON summary carries the actions typed in here (and says they are the lead's, not computed). */
  onSummary(event) {
    const summary = event.detail && event.detail.summary;
    const filled = this.filledActions();
    if (!summary || !filled.length) return; // without actions, the same summary as `cx-playbook team --format json`
    summary.leadershipActions = filled.map((a) => ({ play: a.play || null, owner: a.owner || null, due: a.due || null }));
  }

  onClick(event) {
    const trigger = event.target.closest("[data-cx-action]");
    if (!trigger || !this.root.contains(trigger)) return;
    const action = trigger.getAttribute("data-cx-action");
    if (action === "leadership-summary") {
      event.preventDefault();
      this.toggle(this.panel.hidden);
    } else if (action === "print-summary") {
      event.preventDefault();
      this.window.print();
    }
  }

  onInput(event) {
    const el = event.target;
    const field = el.getAttribute && el.getAttribute("data-cx-summary-field");
    if (!field) return;
    const i = Number(el.getAttribute("data-cx-summary-action"));
    if (!this.actions[i]) return;
    this.actions[i][field] = String(el.value).slice(0, this.model.limits.textMax);
    if (field === "play") this.showPlay(el, this.actions[i].play);
    this.save();
  }

  /** Beside the drop-down, the chosen play as a link: what the printed page shows. */
  showPlay(select, playId) {
    const play = this.model.plays[playId];
    const href = play ? safeHref(play.url, this.window.location.href) : null;
    const link = select.parentElement.querySelector(".cx-summary__play-link");
    if (link) link.remove();
    if (href) select.after(h("a", { href, className: "cx-summary__play-link" }, play.title));
  }

  toggle(open) {
    this.panel.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    this.root.classList.toggle("cx-summary-open", open);
    if (open) {
      this.render();
      this.panel.querySelector("h2")?.focus();
    }
  }

  // --- kept in this browser -------------------------------------------------------

  filledActions() {
    return this.actions.filter((a) => a.play || a.owner || a.due);
  }

  save() {
    const saved = store.save(this.window, this.model, null, STORE_PART, { format: "cx-playbook-leadership-summary", actions: this.actions });
    const note = this.panel.querySelector("[data-cx-summary-saved]");
    if (note) {
      note.textContent = saved ? t("Kept in this browser.") : t("This browser refused to keep the actions: print or download the JSON summary before you leave.");
    }
    return saved;
  }

  restore() {
    const text = store.read(this.window, this.model, STORE_PART);
    if (text === null) return;
    try {
      const data = JSON.parse(text);
      if (!data || !Array.isArray(data.actions)) return;
      data.actions.slice(0, ACTIONS).forEach((a, i) => {
        if (!a || typeof a !== "object") return;
        for (const key of ["play", "owner", "due"]) {
          if (typeof a[key] === "string") this.actions[i][key] = a[key].slice(0, this.model.limits.textMax);
        }
      });
    } catch {
      // Unreadable: start with empty actions; nothing else depends on them.
    }
  }

  // --- drawing --------------------------------------------------------------------

  render() {
    const s = this.stats;
    const m = this.model;
    const id = `cx-summary-${m.id}`;
    const heading = h("h2", { id, tabIndex: -1 }, t("Leadership summary"));
    const parts = [heading, this.header()];
    if (!s || !s.respondents) {
      parts.push(h("p", { className: "cx-message" }, t("Add the team's answer files first: the summary is drawn from the team's figures.")));
    } else {
      parts.push(this.participation(s), this.score(s), this.gaps(s), this.disputed(s));
    }
    parts.push(this.actionsPart(), this.contextPart(),
      h("p", { className: "cx-summary__controls" },
        h("button", { type: "button", className: "md-button md-button--primary", "data-cx-action": "print-summary" }, t("Print this page")),
        " ", h("span", { className: "cx-hint", "data-cx-summary-saved": "" }, "")));
    this.panel.setAttribute("aria-labelledby", id);
    this.panel.replaceChildren(...parts);
  }

  header() {
    const m = this.model;
    const round = this.stats && this.stats.round ? this.stats.round : null;
    return h("p", { className: "cx-summary__meta", "data-cx-summary-meta": "" },
      h("strong", { "data-cx-summary-organisation": "" }, m.organisation), " · ", m.title,
      round ? [" · ", t("round {round}", { round })] : null,
      " · ", h("time", { dateTime: new Date().toISOString().slice(0, 10) }, formatDay(new Date())),
      ` · ${t("content {version}", { version: m.contentVersion })}`);
  }

  block(key, title, ...content) {
    return h("section", { className: `cx-summary__block cx-summary__${key}`, "data-cx-summary-part": key },
      h("h3", null, title), ...content);
  }

  participation(s) {
    // participation.rate is a percent (team-headcount.js); the stores not heard from follow it, a few by name.
    const p = s.participation;
    const silent = p ? p.silentStores : [];
    const rate = p && typeof p.rate === "number"
      ? t("response rate {rate}% of {expected} expected", { rate: Math.round(p.rate), expected: p.expected })
        + (silent.length ? t("; no answer yet from {stores}", { stores: silent.slice(0, SILENT).join(", ") })
          + (silent.length > SILENT ? t(" and {n} more", { n: silent.length - SILENT }) : "") : "")
        + (p.respondents > p.placed ? t("; {n} not placed (store or department not in the headcounts)", { n: p.respondents - p.placed }) : "")
      : t("response rate not known (no headcounts entered)");
    return this.block("participation", t("Who answered"),
      h("p", { "data-cx-summary-n": String(s.respondents) },
        tn(s.respondents, "{n} respondent", "{n} respondents"),
        s.excluded ? t(" ({n} left out)", { n: s.excluded }) : "",
        t(", from {departments} and {locations}; {rate}.", { departments: tn(s.departments.length, "{n} department", "{n} departments"),
          locations: tn(s.locations.length, "{n} location", "{n} locations"), rate })));
  }

  coverage(s) {
    let answered = 0;
    let asked = 0;
    for (const q of s.questions) {
      answered += q.n + (q.notApplicable || 0);
      asked += q.n + (q.notApplicable || 0) + (q.unanswered || 0);
    }
    return asked ? answered / asked : 0;
  }

  score(s) {
    const o = s.overall;
    const coverage = this.coverage(s);
    const provisional = o.n < RESPONDENTS_MIN || coverage < COVERAGE_MIN;
    // Lowest and highest are one person's score each: null (left out) while small groups are hidden.
    const extremes = o.min === null ? "" : t(", lowest {min}, highest {max}", { min: pct(o.min), max: pct(o.max) });
    const spread = o.n > 1 && o.sd !== null ? t("SD {sd}", { sd: tn(Math.round(o.sd), "{n} point", "{n} points") }) + extremes : t("one respondent: no spread");
    return this.block("score", t("Team score"),
      h("p", { className: "cx-summary__score" },
        h("strong", { "data-cx-summary-score": "" }, pct(o.mean)), " ",
        // A level from fewer respondents than the mean beside it (the provisional ones left out) says whose it is.
        o.level ? h("span", { className: "cx-summary__level" }, o.level.name, o.levelN === o.n ? ""
          : ` ${o.levelMean === null ? t("(from the {n} with 80% or more answered)", { n: o.levelN })
            : t("(from the {n} with 80% or more answered: mean {mean})", { n: o.levelN, mean: pct(o.levelMean) })}`) : null,
        provisional ? [" ", h("strong", { className: "cx-flag", "data-cx-summary-provisional": "" }, t("provisional"))] : null,
        ` · n = ${o.n} · ${spread} · ${t("{percent}% of questions answered.", { percent: Math.round(coverage * 100) })}`),
      provisional ? h("p", { className: "cx-hint" },
        t("Provisional: fewer than {n} respondents or under {percent}% of questions answered; read it as a first look.", { n: RESPONDENTS_MIN, percent: Math.round(COVERAGE_MIN * 100) })) : null,
      this.change(s));
  }

  /** The change since the last round (team-rounds.js), in one line; nothing when there is no earlier round. */
  change(s) {
    const c = s.comparison;
    if (!c) return null;
    const k = s.options.k;
    const side = (x) => (x === null ? "—" : x.hidden ? hiddenText(x, k) : `${pct(x.score)} (n = ${x.n})`);
    const points = (x) => {
      if (x === null) return t("no change shown");
      const p = Math.round(x);
      return p === 0 ? t("no change") : tn(Math.abs(p), "{sign}{n} point", "{sign}{n} points", { sign: p > 0 ? "▲ +" : "▼ −" });
    };
    const moved = c.moved.slice(0, MOVED).map((m) => `${m.name} ${points(m.change)}`);
    return h("p", { "data-cx-summary-change": "" },
      h("strong", null, t("Since {round}: ", { round: c.baseline ?? t("the last round") })),
      `${side(c.overall.before)} → ${side(c.overall.now)}, ${points(c.overall.change)}`,
      moved.length ? t("; moved most: {list}", { list: moved.join(", ") }) : "",
      c.people ? t("; {new} new, {returning} in both rounds", { new: c.people.new, returning: c.people.returning }) : "", ".");
  }

  gaps(s) {
    const largest = s.gaps.filter((g) => Math.round(g.gap) !== 0).slice(0, GAPS);
    const side = (g) => (g.hidden ? hiddenText(g, s.options.k) : `${pct(g.mean)} (n = ${g.n})`);
    if (!largest.length) {
      const why = !s.leadershipRespondents || !s.restRespondents ? t("it needs respondents from leadership and from the other departments")
        : t("no section differs by a whole point, or the groups are too small to show");
      return this.block("gaps", t("Leadership and everyone else"), h("p", null, t("No gap to show: {why}.", { why })));
    }
    return this.block("gaps", t("Largest gaps: leadership against everyone else"),
      h("ol", null, largest.map((g) => {
        const x = s.sections.find((y) => y.id === g.section);
        const p = Math.round(g.gap);
        return h("li", { "data-cx-summary-gap": g.section },
          t("{section}: {gap} (leadership {leadership}, everyone else {rest})", { section: g.title,
            gap: tn(Math.abs(p), "{sign}{n} point", "{sign}{n} points", { sign: p > 0 ? "+" : "−" }), leadership: side(x.leadership), rest: side(x.rest) }));
      })));
  }

  disputed(s) {
    const top = s.questions.filter((q) => q.n > 1).slice(0, DISPUTED);
    return this.block("disputed", t("Most disputed questions"),
      top.length ? h("ol", { className: "cx-summary__lines" }, top.map((q) => h("li", { "data-cx-summary-question": q.id, title: q.text },
        h("span", { className: "cx-summary__text" }, q.text), " ",
        h("span", { className: "cx-summary__figures" },
          tn(q.range, "(n = {count}, disagreement {value}, {n} step apart{split})", "(n = {count}, disagreement {value}, {n} steps apart{split})",
            { count: q.n, value: q.dissention === null ? "—" : q.dissention.toFixed(2), split: q.split ? t(", ◆ split") : "" })))))
        : h("p", null, t("No question has two or more answers yet.")));
  }

  actionsPart() {
    const m = this.model;
    const recommended = this.stats ? this.stats.actions.map((a) => a.playId) : [];
    const others = Object.keys(m.plays).filter((p) => !recommended.includes(p));
    const option = (playId) => h("option", { value: playId }, m.plays[playId].title);
    const rows = this.actions.map((a, i) => {
      const ids = { play: `cx-summary-play-${i}`, owner: `cx-summary-owner-${i}`, due: `cx-summary-due-${i}` };
      const select = h("select", { id: ids.play, "data-cx-summary-field": "play", "data-cx-summary-action": String(i) },
        h("option", { value: "" }, t("— choose a play —")),
        recommended.length ? h("optgroup", { label: t("Recommended by the team's answers") }, recommended.filter((p) => m.plays[p]).map(option)) : null,
        h("optgroup", { label: t("Other plays") }, others.map(option)));
      select.value = m.plays[a.play] ? a.play : "";
      const href = a.play && m.plays[a.play] ? safeHref(m.plays[a.play].url, this.window.location.href) : null;
      return h("tr", { "data-cx-summary-row": String(i) },
        h("th", { scope: "row" }, String(i + 1)),
        h("td", null, h("label", { htmlFor: ids.play, className: "cx-sr-only" }, t("Action {n}: play", { n: i + 1 })), select,
          href ? h("a", { href, className: "cx-summary__play-link" }, m.plays[a.play].title) : null),
        h("td", null, h("label", { htmlFor: ids.owner, className: "cx-sr-only" }, t("Action {n}: owner", { n: i + 1 })),
          h("input", { type: "text", id: ids.owner, value: a.owner, maxLength: m.limits.textMax, placeholder: t("role or name"),
            "data-cx-summary-field": "owner", "data-cx-summary-action": String(i) })),
        h("td", null, h("label", { htmlFor: ids.due, className: "cx-sr-only" }, t("Action {n}: due date", { n: i + 1 })),
          h("input", { type: "date", id: ids.due, value: a.due, "data-cx-summary-field": "due", "data-cx-summary-action": String(i) })));
    });
    return this.block("actions", t("Three actions we agree today"),
      h("table", { className: "cx-table cx-summary__actions" },
        h("caption", { className: "cx-sr-only" }, t("Actions: play, owner and due date, typed in by the lead")),
        h("thead", null, h("tr", null, ["#", t("Play"), t("Owner"), t("Due")].map((text) => h("th", { scope: "col" }, text)))),
        h("tbody", null, rows)));
  }

  contextPart() {
    const c = this.model.context;
    if (!c || !c.figures.length) return null;
    return h("aside", { className: "cx-summary__context", "data-cx-summary-context": "", "aria-label": c.title },
      h("p", { className: "cx-summary__context-title" }, h("strong", null, t("{title}, as published", { title: c.title })), ` ${t("(not a benchmark of our score):")} ${c.note}`),
      h("ul", null, c.figures.slice(0, CONTEXT_FIGURES).map((f) => h("li", null,
        h("strong", null, f.value), ` ${f.measure} `,
        t("({source}, {year}; sample: {sample})", { source: f.source, year: f.year === "not given" ? t("year not given") : f.year, sample: f.sample })))));
  }
}
