// One object per [data-cx-team] root: the team view of an assessment. A CX
// lead drops many answer files on it (or picks files, or a folder); each is
// read by the single import's reader, the readable ones are merged into the
// team kept in this browser, and the page shows the team's figures
// (team-stats.js, the same numbers as `cx-playbook team`). Nothing is sent
// anywhere. Every change goes through update(), which re-scores, redraws and
// announces it; the events are listed in README.md ("Team view events").
//
// This object owns the state (team, exclusions, options) and the listeners;
// its parts are nouns of their own: team-files.js reads files, team-store.js
// keeps the team in this browser, team-draw.js draws the page.

import { plural, readModel } from "./contract.js";
import { nextTask } from "./dom.js";
import { download, fileName } from "./exporter.js";
import { TeamDrawing } from "./team-draw.js";
import { chosenFiles, dropped, folderProgress, readAll, readFiles, walkEntries } from "./team-files.js";
import { LINK_PREFIX, PASTE_LINKS_MAX, PASTE_MAX, findLinks, readLink } from "./team-links.js";
import { Invitations } from "./team-invite.js";
import { Scanner, canScan } from "./team-scan.js";
import { removeTeam, restoreTeam, saveTeam } from "./team-store.js";
import { t, tn } from "./strings.js";
import { readHeadcounts } from "./team-headcount.js";
import { readSummary, roundName, roundStats } from "./team-rounds.js";
import { DEFAULT_K, K_MAX, K_MIN, emptyTeam, mergeTeam, teamCSV, teamSummary } from "./team-stats.js";

/** The compare selector's two choices that are not a round of the team. */
export const COMPARE_NONE = "\u0000none";
export const COMPARE_SUMMARY = "\u0000summary";

const BUSY = "Still reading the files added before; add these when it is done.";

export class TeamView {
  constructor(root, win = window) {
    this.root = root;
    this.window = win;
    this.document = root.ownerDocument;
    this.model = null;
    this.team = emptyTeam();
    this.excluded = new Set();
    // Private by default (README, "Privacy"): the lead turns this off knowingly.
    this.options = { hideSmall: true, k: DEFAULT_K, showNotes: false };
    // Rounds (team-rounds.js) and participation (team-headcount.js): the lead's choices, kept with the team.
    // current/baseline: a round's name ("" for answers with no round), undefined for the newest and the one before.
    this.rounds = { name: null, current: undefined, baseline: undefined, headcounts: null, summary: null };
    this.headcounts = null;
    this.baselineSummary = null;
    this.stats = null;
    this.busy = false;
    this.undo = [];
    this.draw = new TeamDrawing(this);
    this.onChange = this.onChange.bind(this);
    this.onClick = this.onClick.bind(this);
    this.onDragOver = this.onDragOver.bind(this);
    this.onDragLeave = this.onDragLeave.bind(this);
    this.onDrop = this.onDrop.bind(this);
    this.onHash = this.onHash.bind(this);
    this.beforePrint = this.beforePrint.bind(this);
    this.afterPrint = this.afterPrint.bind(this);
  }

  mount() {
    this.model = readModel(this.root.querySelector("[data-cx-model]"));
    this.body = this.root.querySelector("[data-cx-team-body]");
    if (!this.model || !this.body) return this;
    const children = [...this.body.childNodes];
    this.undo.push(() => this.body.replaceChildren(...children));
    this.draw.build(this.body);
    // The camera scanner sits under the paste box, where the browser can scan at all.
    if (canScan(this.window) && this.draw.pasteBox) {
      const scanner = new Scanner(this, this.draw.pasteBox);
      this.undo.push(() => scanner.destroy());
    }
    const invite = this.root.querySelector("[data-cx-team-invite]");
    if (invite) {
      const invitations = new Invitations(this, invite);
      this.undo.push(() => invitations.destroy());
    }
    for (const [type, handler] of [["change", this.onChange], ["click", this.onClick], ["dragover", this.onDragOver],
      ["dragleave", this.onDragLeave], ["drop", this.onDrop]]) {
      this.root.addEventListener(type, handler);
      this.undo.push(() => this.root.removeEventListener(type, handler));
    }
    for (const [type, handler] of [["beforeprint", this.beforePrint], ["afterprint", this.afterPrint], ["hashchange", this.onHash]]) {
      this.window.addEventListener(type, handler);
      this.undo.push(() => this.window.removeEventListener(type, handler));
    }
    const restored = this.restore();
    this.draw.renderPeople();
    this.onHash();
    // The figures (computed, then drawn below the controls) come in a task of
    // their own, so the page answers and paints between the two halves of the
    // start-up. The drop zone shows once they are drawn, and cx:team-restore
    // follows them: once the drop zone shows, the team view is mounted.
    this.draw.drop.style.visibility = "hidden";
    this.mounted = nextTask(this.window).then(() => {
      if (!this.model) return; // destroyed meanwhile
      this.update();
      this.draw.drop.style.visibility = "";
      this.emit("cx:team-restore", { respondents: this.team.respondents.length, excluded: this.excluded.size, ...restored });
    });
    return this;
  }

  destroy() {
    this.cancelled = true;
    for (const step of this.undo.reverse()) step();
    this.undo = [];
    this.model = null;
    return this;
  }

  /** Dispatch a cx:team-* event from the root. */
  emit(type, detail) {
    return this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  say(text, isError = false) {
    this.draw.say(text, isError);
  }

  /** This page's own address, without a fragment: links must lead here. */
  teamUrl() {
    return new URL(this.model.teamUrl || "./", this.window.location.href).href.replace(/#.*$/, "");
  }

  /** Opened with a respondent's link (or the fragment changed to one): offer to add them. */
  onHash() {
    const { hash } = this.window.location;
    this.openedLink = hash.startsWith(`#${LINK_PREFIX}`) ? this.window.location.href : null;
    this.draw.showOpened(Boolean(this.openedLink));
  }

  /** The answers leave the address bar once read (or declined): a reload does not offer them again. */
  forgetOpened() {
    this.openedLink = null;
    this.draw.showOpened(false);
    const { history, location } = this.window;
    history.replaceState(history.state, "", location.href.replace(/#.*$/, ""));
  }

  // --- events ---------------------------------------------------------------------

  onChange(event) {
    const el = event.target;
    if (el.matches("input[data-cx-team-files], input[data-cx-team-folder]")) {
      const { items, skipped } = chosenFiles(el);
      el.value = ""; // the same files can be chosen again
      this.addFiles(items, skipped);
    } else if (el.matches("input[data-cx-team-include]")) {
      const key = el.getAttribute("data-cx-team-include");
      if (el.checked) this.excluded.delete(key);
      else this.excluded.add(key);
      el.closest("tr")?.classList.toggle("cx-team-row--out", !el.checked);
      this.changed(el.checked ? "include" : "exclude", { key });
    } else if (el.matches("input[data-cx-team-hide]")) {
      this.options.hideSmall = el.checked;
      this.changed("options", { hideSmall: this.options.hideSmall, k: this.options.k, showNotes: this.options.showNotes });
    } else if (el.matches("input[data-cx-team-single-store]")) {
      this.options.singleStore = el.checked; // the role map merges departments (team-stats.js)
      this.changed("options", { hideSmall: this.options.hideSmall, k: this.options.k, showNotes: this.options.showNotes, singleStore: el.checked });
    } else if (el.matches("input[data-cx-team-show-notes]")) {
      this.options.showNotes = el.checked;
      this.changed("options", { hideSmall: this.options.hideSmall, k: this.options.k, showNotes: this.options.showNotes });
    } else if (el.matches("input[data-cx-team-round-name]")) {
      this.rounds.name = roundName(el.value);
      el.value = this.rounds.name || "";
      this.changed("round-name", { name: this.rounds.name });
    } else if (el.matches("select[data-cx-team-round]")) {
      this.rounds.current = el.value;
      this.rounds.baseline = undefined; // the one before the newly chosen round, until the lead picks another
      this.changed("round", { current: el.value });
    } else if (el.matches("select[data-cx-team-baseline]")) {
      this.rounds.baseline = el.value;
      this.changed("baseline", { baseline: el.value });
    } else if (el.matches("input[data-cx-team-baseline-file]")) {
      const file = el.files && el.files[0];
      el.value = "";
      if (file) this.readBaseline(file);
    } else if (el.matches("input[data-cx-team-headcount-file]")) {
      const file = el.files && el.files[0];
      el.value = "";
      if (file) file.text().then((text) => { this.draw.headcountBox.value = text; this.useHeadcounts(file.name); }, () => this.say(`${file.name} could not be read.`, true));
    } else if (el.matches("input[data-cx-team-k]")) {
      const k = Math.round(Number(el.value));
      this.options.k = Number.isFinite(k) ? Math.max(K_MIN, Math.min(K_MAX, k)) : DEFAULT_K;
      el.value = String(this.options.k);
      this.changed("options", { hideSmall: this.options.hideSmall, k: this.options.k, showNotes: this.options.showNotes });
    }
  }

  onClick(event) {
    const trigger = event.target.closest("[data-cx-team-action], [data-cx-action]");
    if (!trigger || !this.root.contains(trigger)) return;
    const handlers = {
      "download-csv": () => this.downloadCSV(),
      "download-json": () => this.downloadJSON(),
      print: () => this.window.print(),
      "merge-pasted": () => this.addPasted(),
      headcount: () => this.useHeadcounts(t("The headcounts")),
      "headcount-clear": () => this.clearHeadcounts(),
      "baseline-clear": () => this.clearBaseline(),
      "add-opened": () => {
        const link = this.openedLink;
        this.forgetOpened();
        if (link) this.addLinks([{ name: "The opened link", link }]);
      },
      "dismiss-opened": () => this.forgetOpened(),
      clear: () => this.askClear(true),
      "clear-cancel": () => this.askClear(false),
      "clear-confirm": () => this.clear(),
    };
    const action = trigger.getAttribute("data-cx-team-action") || trigger.getAttribute("data-cx-action");
    if (!handlers[action]) return;
    event.preventDefault();
    handlers[action]();
  }

  onDragOver(event) {
    if (!event.dataTransfer || ![...event.dataTransfer.types].includes("Files")) return;
    event.preventDefault(); // lets the drop happen here instead of the browser opening the file
    event.dataTransfer.dropEffect = "copy";
    this.draw.drop.classList.add("cx-drop--over");
  }

  onDragLeave(event) {
    if (!this.root.contains(event.relatedTarget)) this.draw.drop.classList.remove("cx-drop--over");
  }

  onDrop(event) {
    if (!event.dataTransfer) return;
    event.preventDefault();
    this.draw.drop.classList.remove("cx-drop--over");
    const { entries, files } = dropped(event.dataTransfer);
    if (entries) this.collect(entries);
    else this.addFiles(files);
  }

  beforePrint() {
    // Folded parts are printed too: the report is for the meeting.
    this.printed = [...this.root.querySelectorAll("details:not([open])")];
    for (const d of this.printed) d.open = true;
  }

  afterPrint() {
    for (const d of this.printed || []) d.open = false;
    this.printed = [];
  }


  // --- reading files --------------------------------------------------------------

  /** Walk dropped files and folders (folders: *.json, nothing hidden), then read them. */
  async collect(entries) {
    if (this.busy) return this.say(BUSY, true);
    this.busy = true;
    this.draw.showProgress(0, 0, "Looking through what was dropped…");
    const { found, problems, skipped } = await walkEntries(entries, (count) => this.draw.showProgress(0, 0, folderProgress(count)));
    this.busy = false;
    if (this.cancelled) return undefined;
    return this.addFiles(found, skipped, problems);
  }

  /**
   * Read files a few at a time (the page repaints in between and shows
   * progress), then merge the readable ones into the team in one step. A
   * refused file changes nothing; what was merged before stays.
   */
  async addFiles(items, skipped = 0, problems = []) {
    if (this.busy) return this.say(BUSY, true);
    if (!items.length && !problems.length) {
      this.draw.hideProgress();
      return this.say(skipped ? `No .json file in that folder (${plural(skipped, "other file was", "other files were")} left out).`
        : "No files were chosen.", true);
    }
    this.busy = true;
    const model = this.model; // kept: destroy() may come while files are still being read
    this.draw.showProgress(0, items.length);
    const results = await readFiles(items, model, {
      win: this.window,
      cancelled: () => this.cancelled,
      progress: (done, total) => {
        this.draw.showProgress(done, total);
        this.emit("cx:team-progress", { done, total });
      },
    });
    if (!results) return undefined;
    return this.merge([...problems, ...results], skipped);
  }

  // --- reading links --------------------------------------------------------------

  /** The links in the paste box, whatever text is around them. */
  addPasted() {
    const text = this.draw.paste.value;
    if (text.length > PASTE_MAX) {
      return this.say(`The pasted text is longer than ${PASTE_MAX / 1024 / 1024} million characters: nothing was read. Paste the links in smaller parts.`, true);
    }
    const links = findLinks(text);
    if (!links.length) return this.say("No link from “Send to your CX lead” was found in the pasted text.", true);
    const clip = (link) => (link.length > 48 ? `${link.slice(0, 30)}…${link.slice(-12)}` : link);
    const items = links.slice(0, PASTE_LINKS_MAX).map((link, i) => ({ name: `Link ${i + 1} (${clip(link)})`, link }));
    const skipped = links.length - items.length;
    return this.addLinks(items, skipped).then((merged) => {
      if (merged) this.draw.paste.value = "";
      return merged;
    });
  }

  /**
   * Read links like files (team-links.js), a few at a time with progress, then
   * merge the readable ones in one step; refused links change nothing.
   */
  async addLinks(items, skipped = 0) {
    if (this.busy) return this.say(BUSY, true);
    this.busy = true;
    const model = this.model;
    const teamUrl = this.teamUrl();
    const text = (done, total) => `${done} of ${plural(total, "link", "links")} read…`;
    this.draw.showProgress(0, items.length, text(0, items.length));
    const reads = await readAll(items, ({ name, link }) => readLink(name, link, model, teamUrl), {
      win: this.window,
      cancelled: () => this.cancelled,
      progress: (done, total) => {
        this.draw.showProgress(done, total, text(done, total));
        this.emit("cx:team-progress", { done, total });
      },
    });
    if (!reads) return undefined;
    return this.merge(reads, 0, true, skipped);
  }

  /** Merge what was read (files or links), keep it, draw it and announce it. */
  merge(reads, skipped, links = false, over = 0) {
    const merged = mergeTeam(this.team, reads.filter((r) => r.ok), { round: this.rounds.name });
    this.team = merged.team;
    const saved = this.save();
    this.busy = false;
    this.draw.hideProgress();
    this.draw.renderReport(reads, merged, skipped, saved, links);
    if (over) this.say(`${this.draw.status.textContent} ${plural(over, "more link was", "more links were")} not read: one paste reads at most ${PASTE_LINKS_MAX}; paste the rest afterwards.`, true);
    this.draw.renderPeople();
    this.update();
    const refused = reads.filter((r) => !r.ok).map(({ file, reason, message }) => ({ file, reason, message }));
    this.emit("cx:team-merge", { read: reads.length, added: merged.added, replaced: merged.replaced, refused,
      superseded: merged.superseded, respondents: this.team.respondents.length, saved, links });
    return merged;
  }

  // --- changes --------------------------------------------------------------------

  changed(kind, detail) {
    const saved = this.save();
    this.update();
    this.emit("cx:team-change", { kind, ...detail, saved });
  }

  askClear(open) {
    this.draw.askClear(open, `Remove the answers of ${plural(this.team.respondents.length, "respondent", "respondents")} from this browser? `
      + "Download the CSV first to keep a copy. The files themselves are not touched.");
  }

  clear() {
    const count = this.team.respondents.length;
    removeTeam(this.window, this.model);
    this.team = emptyTeam();
    this.excluded = new Set();
    this.rounds = { ...this.rounds, current: undefined, baseline: undefined };
    this.askClear(false);
    this.draw.report.replaceChildren();
    this.draw.renderPeople();
    this.update();
    this.say(`Cleared: the answers of ${plural(count, "respondent were", "respondents were")} removed from this browser.`);
    this.emit("cx:team-change", { kind: "clear", saved: true });
  }

  downloadCSV() {
    download(this.document, fileName(this.model, "csv", new Date(), "-team"),
      teamCSV(this.model, this.team.respondents, { excluded: [...this.excluded] }), "text/csv;charset=utf-8");
    this.say("Downloaded the team's answers as a CSV file (one row per respondent and question).");
  }

  downloadJSON() {
    const summary = teamSummary(this.model, this.stats);
    this.emit("cx:team-summary", { summary }); // listeners may add to it (summary.js: the leadership actions)
    download(this.document, fileName(this.model, "json", new Date(), "-team"),
      `${JSON.stringify(summary, null, 2)}\n`, "application/json");
    this.say("Downloaded the team summary as a JSON file.");
  }

  // --- rounds and participation -----------------------------------------------------

  /** An earlier round brought back from its team JSON summary (the "Download JSON summary" of that round). */
  async readBaseline(file) {
    let text;
    try {
      text = file.size > this.model.limits.fileMaxBytes * 40 ? null : await file.text();
    } catch {
      text = null;
    }
    const read = text === null ? { ok: false, message: t("It could not be read, or it is too large.") } : readSummary(text, this.model);
    if (!read.ok) return this.say(t("{file} was not used as an earlier round: {message}", { file: file.name, message: read.message }), true);
    this.rounds.summary = text;
    this.rounds.baseline = COMPARE_SUMMARY;
    this.baselineSummary = read.summary;
    this.changed("baseline", { baseline: "summary" });
    const params = { round: read.summary.round, file: file.name, n: read.summary.respondents };
    return this.say(read.summary.round
      ? tn(params.n, "Brought back the earlier round {round} from {file} ({n} respondent): the changes are under “Change since the earlier round”.",
        "Brought back the earlier round {round} from {file} ({n} respondents): the changes are under “Change since the earlier round”.", params)
      : tn(params.n, "Brought back the earlier round from {file} ({n} respondent): the changes are under “Change since the earlier round”.",
        "Brought back the earlier round from {file} ({n} respondents): the changes are under “Change since the earlier round”.", params));
  }

  clearBaseline() {
    this.rounds.summary = null;
    this.baselineSummary = null;
    if (this.rounds.baseline === COMPARE_SUMMARY) this.rounds.baseline = undefined;
    this.changed("baseline", { baseline: null });
    this.say(t("The earlier round's JSON summary was put away."));
  }

  /** The headcount box read as CSV (store,department,headcount); a bad CSV changes nothing. */
  useHeadcounts(source) {
    const text = this.draw.headcountBox.value;
    const read = readHeadcounts(text, this.model);
    this.draw.showHeadcountProblems(read.ok ? [] : read.problems, source);
    if (!read.ok) {
      return this.say(tn(read.problems.length, "{source} were not used: one problem, listed below the box.",
        "{source} were not used: {n} problems, listed below the box.", { source }), true);
    }
    this.rounds.headcounts = text;
    this.headcounts = read.headcounts;
    this.changed("headcounts", { rows: read.headcounts.length });
    return this.say(tn(read.headcounts.length, "Headcounts for {n} store and department pair are in use: see “Participation”.",
      "Headcounts for {n} store and department pairs are in use: see “Participation”."));
  }

  clearHeadcounts() {
    this.rounds.headcounts = null;
    this.headcounts = null;
    this.draw.headcountBox.value = "";
    this.draw.showHeadcountProblems([], "");
    this.changed("headcounts", { rows: 0 });
  }

  /** What roundStats is asked for: the rounds chosen on the page. */
  roundChoice() {
    const choice = {};
    const named = (x) => (x === "" ? null : x);
    if (this.rounds.current !== undefined) choice.current = named(this.rounds.current);
    const b = this.rounds.baseline;
    if (b === COMPARE_NONE) choice.compare = false;
    else if (b === COMPARE_SUMMARY) { if (this.baselineSummary) choice.baselineSummary = this.baselineSummary; }
    else if (b !== undefined) choice.baseline = named(b);
    if (this.headcounts) choice.headcounts = this.headcounts;
    return choice;
  }

  // --- keeping the team in this browser --------------------------------------------

  save() {
    const saved = saveTeam(this.window, this.model, this.team, this.excluded, this.options, this.rounds);
    this.draw.showStorage(saved);
    return saved;
  }

  /** Load the kept team (team-store.js reads it like a file); say what was left out. */
  restore() {
    const kept = restoreTeam(this.window, this.model);
    if (kept === null) return { restored: false };
    if (!kept.ok) {
      this.say(kept.message, true);
      return { restored: false };
    }
    this.team = kept.team;
    this.excluded = kept.excluded;
    if (kept.options) this.options = kept.options;
    if (kept.rounds) this.restoreRounds(kept.rounds);
    this.draw.showOptions();
    const single = this.root.querySelector("input[data-cx-team-single-store]");
    if (single) single.checked = Boolean(this.options.singleStore);
    if (kept.message) this.say(kept.message, kept.isError);
    this.save();
    return { restored: true, dropped: kept.dropped };
  }

  /** The kept round choices, headcounts and earlier summary, read again like new ones (bad ones are dropped). */
  restoreRounds(kept) {
    this.rounds = { ...this.rounds, ...kept };
    if (kept.headcounts) {
      const read = readHeadcounts(kept.headcounts, this.model);
      this.headcounts = read.ok ? read.headcounts : null;
      if (!read.ok) this.rounds.headcounts = null;
      else this.draw.headcountBox.value = kept.headcounts;
    }
    if (kept.summary) {
      const read = readSummary(kept.summary, this.model);
      this.baselineSummary = read.ok ? read.summary : null;
      if (!read.ok) this.rounds.summary = null;
    }
    this.draw.roundNameInput.value = this.rounds.name || "";
  }

  update() {
    this.stats = roundStats(this.model, this.team.respondents,
      { excluded: [...this.excluded], ...this.options }, this.roundChoice());
    this.draw.renderAll();
    this.emit("cx:team-results", { stats: this.stats });
  }
}
