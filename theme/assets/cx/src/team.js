// One object per [data-cx-team] root: the team view of an assessment. A CX
// lead drops many answer files on it (or picks files, or a folder); each is
// read by the single import's reader, the readable ones are merged into the
// team kept in this browser, and the page shows the team's figures
// (team-stats.js, the same numbers as `cx-playbook team`). Nothing is sent
// anywhere. Every change goes through update(), which re-scores, redraws and
// announces it; the events are listed in README.md ("Team view events").

import { plural, readModel } from "./contract.js";
import { h, safeHref } from "./dom.js";
import { download, fileName } from "./exporter.js";
import { displayPercent } from "./scoring.js";
import * as store from "./store.js";
import {
  AGREEMENT_MIN_N, DEFAULT_K, REASONS, emptyTeam, mergeTeam, readTeamFile, teamCSV, teamStats, teamSummary, tidy,
  tooLarge, unreadable,
} from "./team-stats.js";

const STORE_PART = "team";
const STORE_FORMAT = "cx-playbook-team";
const READS_IN_FLIGHT = 16; // files read at once
const PROGRESS_EVERY = 60; // ms between two updates of the progress bar
const AGENDA_OPEN = 10; // agenda items shown before "the other questions"
const LIST_OPEN = 30; // respondents listed open; more start folded
const NAME_MAX = 120; // characters of a file name shown

// One formatter for every date on the page (creating one per row is slow with a thousand rows).
const DATES = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso).slice(0, 10) : DATES.format(date);
}
const pct = (p) => (p === null || p === undefined ? "—" : `${displayPercent(p)}%`);
const points = (x) => (x === null || x === undefined ? "—" : `${Math.round(x)}`);
const fixed = (x, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));
const clipName = (name) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);
const nextFrame = (win) => new Promise((resolve) => {
  // A hidden tab gets no animation frames; a timer still lets the page breathe.
  const timer = win.setTimeout(resolve, 100);
  win.requestAnimationFrame(() => { win.clearTimeout(timer); resolve(); });
});

/** Files in a folder worth reading: *.json, nothing hidden on the way. */
function wanted(path) {
  const parts = path.split("/");
  return /\.json$/i.test(parts[parts.length - 1]) && !parts.some((p) => p.startsWith("."));
}

/** A bucket 0..4 of a mean percent, for the heatmap's colour (the number is always in the cell). */
function bucket(mean) {
  return Math.max(0, Math.min(4, Math.floor(mean / 20)));
}

export class TeamView {
  constructor(root, win = window) {
    this.root = root;
    this.window = win;
    this.document = root.ownerDocument;
    this.model = null;
    this.team = emptyTeam();
    this.excluded = new Set();
    this.options = { hideSmall: false, k: DEFAULT_K };
    this.stats = null;
    this.busy = false;
    this.undo = [];
    this.ids = 0;
    this.onChange = this.onChange.bind(this);
    this.onClick = this.onClick.bind(this);
    this.onDragOver = this.onDragOver.bind(this);
    this.onDragLeave = this.onDragLeave.bind(this);
    this.onDrop = this.onDrop.bind(this);
    this.beforePrint = this.beforePrint.bind(this);
    this.afterPrint = this.afterPrint.bind(this);
  }

  mount() {
    this.model = readModel(this.root.querySelector("[data-cx-model]"));
    this.body = this.root.querySelector("[data-cx-team-body]");
    if (!this.model || !this.body) return this;
    const children = [...this.body.childNodes];
    this.undo.push(() => this.body.replaceChildren(...children));
    this.build();
    for (const [type, handler] of [["change", this.onChange], ["click", this.onClick], ["dragover", this.onDragOver],
      ["dragleave", this.onDragLeave], ["drop", this.onDrop]]) {
      this.root.addEventListener(type, handler);
      this.undo.push(() => this.root.removeEventListener(type, handler));
    }
    for (const [type, handler] of [["beforeprint", this.beforePrint], ["afterprint", this.afterPrint]]) {
      this.window.addEventListener(type, handler);
      this.undo.push(() => this.window.removeEventListener(type, handler));
    }
    const restored = this.restore();
    this.renderPeople();
    this.update();
    this.emit("cx:team-restore", { respondents: this.team.respondents.length, excluded: this.excluded.size, ...restored });
    return this;
  }

  destroy() {
    this.cancelled = true;
    for (const step of this.undo.reverse()) step();
    this.undo = [];
    this.model = null;
    return this;
  }

  id(part) {
    this.ids += 1;
    return `cx-team-${this.model.id}-${part}-${this.ids}`;
  }

  /** Dispatch a cx:team-* event from the root. */
  emit(type, detail) {
    return this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  // --- the page's skeleton ------------------------------------------------------

  build() {
    const filesId = this.id("files");
    const folderId = this.id("folder");
    const hideId = this.id("hide");
    const kId = this.id("k");
    const progressId = this.id("progress");
    const button = (action, label, extra = {}) => h("button", { type: "button", className: "md-button", "data-cx-team-action": action, ...extra }, label);

    this.progress = h("progress", { id: progressId, max: 1, value: 0 });
    this.progressText = h("span", { "data-cx-team-progress-text": "" });
    this.progressBox = h("p", { className: "cx-team-progress", hidden: true, "data-cx-team-progress": "" },
      h("label", { htmlFor: progressId }, "Reading files"), " ", this.progress, " ", this.progressText);
    this.status = h("p", { className: "cx-message", role: "status", "data-cx-team-status": "" });
    this.report = h("div", { className: "cx-team-report", "data-cx-team-report": "" });
    this.drop = h("div", { className: "cx-drop", "data-cx-drop": "" },
      h("p", { className: "cx-drop__text" }, "Drop the exported JSON files here (or a folder of them), or choose them:"),
      h("p", { className: "cx-drop__buttons" },
        h("span", { className: "cx-import" },
          h("label", { htmlFor: filesId, className: "md-button" }, "Choose files"),
          h("input", { type: "file", id: filesId, multiple: true, accept: ".json,application/json", className: "cx-import__input", "data-cx-team-files": "" })),
        " ",
        h("span", { className: "cx-import" },
          h("label", { htmlFor: folderId, className: "md-button" }, "Choose a folder"),
          h("input", { type: "file", id: folderId, multiple: true, webkitdirectory: true, className: "cx-import__input", "data-cx-team-folder": "" }))));
    this.kInput = h("input", { type: "number", id: kId, min: 2, max: 50, step: 1, value: String(this.options.k), className: "cx-team-k", "data-cx-team-k": "" });
    this.hideBox = h("input", { type: "checkbox", id: hideId, "data-cx-team-hide": "" });
    this.confirmBox = h("div", { className: "cx-confirm", hidden: true, "data-cx-team-confirm": "" },
      h("p", { "data-cx-team-confirm-text": "" }),
      button("clear-confirm", "Yes, clear team data", { className: "md-button md-button--primary" }), " ",
      button("clear-cancel", "Cancel"));
    this.storage = h("p", { className: "cx-hint", "data-cx-team-storage": "" });
    this.buttons = [button("download-csv", "Download CSV"), button("download-json", "Download JSON summary"),
      button("print", "Print report"), button("clear", "Clear team data…", { "aria-expanded": "false" })];

    const addId = this.id("add");
    const optionsId = this.id("options");
    this.people = h("section", { className: "cx-team-section cx-team-people", "aria-labelledby": this.id("people") });
    this.results = h("div", { className: "cx-team-results", "data-cx-team-results": "" });
    this.body.replaceChildren(
      h("section", { className: "cx-team-section cx-team-add", "aria-labelledby": addId },
        h("h2", { id: addId }, "Add the team's answer files"),
        this.drop, this.progressBox, this.status, this.report),
      h("section", { className: "cx-team-section cx-team-options", "aria-labelledby": optionsId },
        h("h2", { id: optionsId }, "Report options"),
        h("fieldset", { className: "cx-team-fieldset" },
          h("legend", null, "Privacy of a shared report"),
          h("p", { className: "cx-team-hide" }, this.hideBox, " ", h("label", { htmlFor: hideId }, "Hide groups smaller than"), " ",
            this.kInput, " ", h("label", { htmlFor: kId }, "respondents")),
          h("p", { className: "cx-hint" }, "Heatmap cells, leadership and everyone else, and the department of a note then show "
            + "“fewer than k” for small groups, so one person's answers cannot be picked out. The CSV still holds every answer.")),
        h("p", { className: "cx-controls__row" }, ...this.buttons.flatMap((b) => [b, " "])),
        this.confirmBox,
        this.storage),
      this.people,
      this.results,
    );
  }

  // --- events ---------------------------------------------------------------------

  onChange(event) {
    const el = event.target;
    if (el.matches("input[data-cx-team-files], input[data-cx-team-folder]")) {
      const folder = el.hasAttribute("data-cx-team-folder");
      const all = [...(el.files || [])];
      el.value = ""; // the same files can be chosen again
      const items = all.map((file) => ({ file, name: file.webkitRelativePath || file.name }));
      const chosen = folder ? items.filter((x) => wanted(x.name)) : items;
      this.addFiles(chosen, folder ? all.length - chosen.length : 0);
    } else if (el.matches("input[data-cx-team-include]")) {
      const key = el.getAttribute("data-cx-team-include");
      if (el.checked) this.excluded.delete(key);
      else this.excluded.add(key);
      el.closest("tr")?.classList.toggle("cx-team-row--out", !el.checked);
      this.changed(el.checked ? "include" : "exclude", { key });
    } else if (el.matches("input[data-cx-team-hide]")) {
      this.options.hideSmall = el.checked;
      this.changed("options", { hideSmall: this.options.hideSmall, k: this.options.k });
    } else if (el.matches("input[data-cx-team-k]")) {
      const k = Math.round(Number(el.value));
      this.options.k = Number.isFinite(k) ? Math.max(2, Math.min(50, k)) : DEFAULT_K;
      el.value = String(this.options.k);
      this.changed("options", { hideSmall: this.options.hideSmall, k: this.options.k });
    }
  }

  onClick(event) {
    const trigger = event.target.closest("[data-cx-team-action]");
    if (!trigger || !this.root.contains(trigger)) return;
    const handlers = {
      "download-csv": () => this.downloadCSV(),
      "download-json": () => this.downloadJSON(),
      print: () => this.window.print(),
      clear: () => this.askClear(true),
      "clear-cancel": () => this.askClear(false),
      "clear-confirm": () => this.clear(),
    };
    const action = trigger.getAttribute("data-cx-team-action");
    if (!handlers[action]) return;
    event.preventDefault();
    handlers[action]();
  }

  onDragOver(event) {
    if (!event.dataTransfer || ![...event.dataTransfer.types].includes("Files")) return;
    event.preventDefault(); // lets the drop happen here instead of the browser opening the file
    event.dataTransfer.dropEffect = "copy";
    this.drop.classList.add("cx-drop--over");
  }

  onDragLeave(event) {
    if (!this.root.contains(event.relatedTarget)) this.drop.classList.remove("cx-drop--over");
  }

  onDrop(event) {
    if (!event.dataTransfer) return;
    event.preventDefault();
    this.drop.classList.remove("cx-drop--over");
    // Entries must be taken while the event lasts; reading them may take longer.
    const entries = [...(event.dataTransfer.items || [])]
      .map((item) => (item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
    if (entries.length && entries.every(Boolean)) {
      this.collect(entries);
    } else {
      this.addFiles([...event.dataTransfer.files].map((file) => ({ file, name: file.name })));
    }
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
    if (this.busy) return this.say("Still reading the files added before; add these when it is done.", true);
    this.busy = true;
    this.showProgress(0, 0, "Looking through what was dropped…");
    const found = [];
    const problems = [];
    let skipped = 0;
    const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));
    const walk = async (entry, top) => {
      const path = entry.fullPath ? entry.fullPath.replace(/^\//, "") : entry.name;
      if (entry.isFile) {
        if (!top && !wanted(path)) { skipped += 1; return; }
        try {
          found.push({ file: await fileOf(entry), name: path });
        } catch {
          problems.push(unreadable(path));
        }
      } else if (entry.isDirectory && (top || !entry.name.startsWith("."))) {
        const reader = entry.createReader();
        for (;;) {
          let batch;
          try {
            batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
          } catch {
            problems.push(unreadable(`${path}/`));
            break;
          }
          if (!batch.length) break;
          for (const child of batch) await walk(child, false);
          this.showProgress(0, 0, `Looking through the folder: ${plural(found.length, "file", "files")} found…`);
        }
      }
    };
    for (const entry of entries) await walk(entry, true);
    this.busy = false;
    if (this.cancelled) return;
    this.addFiles(found, skipped, problems);
  }

  /**
   * Read files a few at a time (the page repaints in between and shows
   * progress), then merge the readable ones into the team in one step. A
   * refused file changes nothing; what was merged before stays.
   */
  async addFiles(items, skipped = 0, problems = []) {
    if (this.busy) return this.say("Still reading the files added before; add these when it is done.", true);
    if (!items.length && !problems.length) {
      this.hideProgress();
      return this.say(skipped ? `No .json file in that folder (${plural(skipped, "other file was", "other files were")} left out).`
        : "No files were chosen.", true);
    }
    this.busy = true;
    const model = this.model; // kept: destroy() may come while files are still being read
    const limit = model.limits.fileMaxBytes;
    const results = new Array(items.length);
    let cursor = 0;
    let done = 0;
    let last = performance.now();
    this.showProgress(0, items.length);
    // Several reads in flight hide the time each takes to arrive; results keep the files' order.
    const reader = async () => {
      while (cursor < items.length && !this.cancelled) {
        const i = cursor;
        cursor += 1;
        results[i] = await this.readOne(items[i], model, limit);
        done += 1;
        if (performance.now() - last > PROGRESS_EVERY) {
          last = performance.now();
          this.showProgress(done, items.length);
          this.emit("cx:team-progress", { done, total: items.length });
          await nextFrame(this.window); // let the progress bar paint
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, items.length) }, reader));
    if (this.cancelled) return undefined;
    const reads = [...problems, ...results];
    const merged = mergeTeam(this.team, reads.filter((r) => r.ok));
    this.team = merged.team;
    const saved = this.save();
    this.busy = false;
    this.hideProgress();
    this.renderReport(reads, merged, skipped, saved);
    this.renderPeople();
    this.update();
    const refused = reads.filter((r) => !r.ok).map(({ file, reason, message }) => ({ file, reason, message }));
    this.emit("cx:team-merge", { read: reads.length, added: merged.added, replaced: merged.replaced, refused,
      superseded: merged.superseded, respondents: this.team.respondents.length, saved });
    return merged;
  }

  /**
   * One file: refused as too large once more than the limit has arrived (never
   * read whole), unreadable, or read like a single import. It is streamed
   * rather than sized first: a file's size costs Chromium a synchronous
   * round trip per file, which a thousand files feel.
   */
  async readOne({ file, name }, model, limit) {
    const chunks = [];
    let bytes = 0;
    try {
      const stream = file.stream().getReader();
      for (;;) {
        const { done, value } = await stream.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > limit) {
          stream.cancel().catch(() => {});
          return tooLarge(name, model);
        }
        chunks.push(value);
      }
    } catch {
      return unreadable(name);
    }
    // As file.text() decodes: UTF-8, a leading BOM dropped, bad bytes replaced.
    const decoder = new TextDecoder();
    const text = chunks.map((c, i) => decoder.decode(c, { stream: i < chunks.length - 1 })).join("");
    return readTeamFile(name, text, model);
  }

  showProgress(done, total, text) {
    this.progressBox.hidden = false;
    this.progress.max = Math.max(1, total);
    if (total) this.progress.value = done;
    else this.progress.removeAttribute("value"); // indeterminate while folders are walked
    this.progressText.textContent = text || `${done} of ${plural(total, "file", "files")} read…`;
  }

  hideProgress() {
    this.progressBox.hidden = true;
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle("cx-message--error", isError);
  }

  // --- changes --------------------------------------------------------------------

  changed(kind, detail) {
    const saved = this.save();
    this.update();
    this.emit("cx:team-change", { kind, ...detail, saved });
  }

  askClear(open) {
    this.confirmBox.hidden = !open;
    const trigger = this.root.querySelector('[data-cx-team-action="clear"]');
    trigger.setAttribute("aria-expanded", String(open));
    if (open) {
      this.confirmBox.querySelector("[data-cx-team-confirm-text]").textContent = `Remove the answers of ${plural(this.team.respondents.length, "respondent", "respondents")} from this browser? `
        + "Download the CSV first to keep a copy. The files themselves are not touched.";
    }
    (open ? this.confirmBox.querySelector('[data-cx-team-action="clear-cancel"]') : trigger).focus();
  }

  clear() {
    const count = this.team.respondents.length;
    store.remove(this.window, this.model, STORE_PART);
    this.team = emptyTeam();
    this.excluded = new Set();
    this.askClear(false);
    this.report.replaceChildren();
    this.renderPeople();
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
    download(this.document, fileName(this.model, "json", new Date(), "-team"),
      `${JSON.stringify(teamSummary(this.model, this.stats), null, 2)}\n`, "application/json");
    this.say("Downloaded the team summary as a JSON file.");
  }

  // --- keeping the team in this browser --------------------------------------------

  /** What is kept: each respondent's ids, profile, choices and notes; compact. */
  stored() {
    return {
      format: STORE_FORMAT,
      formatVersion: 1,
      assessment: { id: this.model.id, version: this.model.version },
      respondents: this.team.respondents.map((r) => {
        const out = { key: r.key, file: r.file, exportedAt: r.exportedAt, answers: r.answers };
        if (r.id) out.id = r.id;
        if (r.name) out.name = r.name;
        if (r.department) out.department = r.department;
        if (r.location) out.location = r.location;
        if (r.updatedAt) out.updatedAt = r.updatedAt;
        if (Object.keys(r.notes).length) out.notes = r.notes;
        return out;
      }),
      superseded: this.team.superseded,
      v1Count: this.team.v1Count,
      excluded: [...this.excluded],
      options: this.options,
    };
  }

  save() {
    let saved;
    if (!this.team.respondents.length) {
      store.remove(this.window, this.model, STORE_PART);
      saved = true;
    } else {
      saved = store.save(this.window, this.model, null, STORE_PART, this.stored());
    }
    this.storage.textContent = saved
      ? (this.team.respondents.length ? `Kept in this browser until you clear it: ${plural(this.team.respondents.length, "respondent", "respondents")}.` : "")
      : "This browser refused to keep the team data (its storage is full or blocked): the merge stays on this page until you "
        + "reload or leave it. Download the CSV or the JSON summary to keep it.";
    this.storage.classList.toggle("cx-message", !saved);
    this.storage.classList.toggle("cx-message--error", !saved);
    return saved;
  }

  /**
   * Load the kept team. Storage is read like a file: each respondent goes
   * through the same reader again (and is carried over if the questionnaire
   * changed since); anything unreadable is left out and said so.
   */
  restore() {
    const text = store.read(this.window, this.model, STORE_PART);
    if (text === null) return { restored: false };
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
    if (!data || data.format !== STORE_FORMAT || data.formatVersion !== 1 || !Array.isArray(data.respondents)) {
      this.say("Team data kept in this browser could not be read, so the team view starts empty. Add the files again.", true);
      return { restored: false };
    }
    const respondents = [];
    let dropped = 0;
    const version = data.assessment && typeof data.assessment.version === "string" ? data.assessment.version : this.model.version;
    for (const r of data.respondents) {
      const read = this.reread(r, version);
      if (read) respondents.push(read);
      else dropped += 1;
    }
    const keys = new Set(respondents.map((r) => r.key));
    const superseded = Array.isArray(data.superseded) ? data.superseded.filter((s) => s && typeof s.id === "string"
      && s.kept && typeof s.kept.file === "string" && Array.isArray(s.dropped) && s.dropped.every((d) => d && typeof d.file === "string")) : [];
    this.team = { respondents, superseded, v1Count: Number.isInteger(data.v1Count) ? data.v1Count : respondents.length };
    this.excluded = new Set((Array.isArray(data.excluded) ? data.excluded : []).filter((k) => keys.has(k)));
    if (data.options && typeof data.options === "object") {
      this.options.hideSmall = data.options.hideSmall === true;
      const k = Number(data.options.k);
      this.options.k = Number.isInteger(k) && k >= 2 && k <= 50 ? k : DEFAULT_K;
    }
    this.hideBox.checked = this.options.hideSmall;
    this.kInput.value = String(this.options.k);
    const notes = [];
    if (version !== this.model.version) notes.push(`The team was merged against version ${version} of the questionnaire; its answers were carried over to version ${this.model.version}.`);
    if (dropped) notes.push(`${plural(dropped, "respondent kept in this browser could", "respondents kept in this browser could")} not be read again and ${dropped === 1 ? "was" : "were"} left out. Add their files again.`);
    if (notes.length) this.say(notes.join(" "), dropped > 0);
    this.save();
    return { restored: true, dropped };
  }

  /** One kept respondent, read again through the answer-file reader; null if it does not pass. */
  reread(r, version) {
    if (!r || typeof r !== "object" || typeof r.key !== "string" || typeof r.file !== "string") return null;
    const isV1 = /^v1:\d+$/.test(r.key);
    if (!isV1 && r.key !== r.id) return null;
    const answers = {};
    for (const [id, choice] of Object.entries(r.answers && typeof r.answers === "object" ? r.answers : {})) answers[id] = { choice };
    const file = {
      format: this.model.limits.format,
      formatVersion: isV1 ? 1 : 2,
      assessment: { id: this.model.id, version },
      contentVersion: this.model.contentVersion,
      exportedAt: r.exportedAt,
      profile: {},
      answers,
      notes: r.notes || {},
    };
    if (r.updatedAt) file.updatedAt = r.updatedAt;
    if (!isV1) file.respondent = r.name ? { id: r.id, name: r.name } : { id: r.id };
    if (r.department) file.profile.department = r.department;
    if (r.location) file.profile.location = r.location;
    const read = readTeamFile(r.file, JSON.stringify(file), this.model);
    return read.ok ? { ...read.respondent, key: r.key } : null;
  }

  // --- rendering --------------------------------------------------------------------

  update() {
    this.stats = teamStats(this.model, this.team.respondents,
      { excluded: [...this.excluded], hideSmall: this.options.hideSmall, k: this.options.k });
    const empty = !this.team.respondents.length;
    for (const b of this.buttons) b.disabled = empty;
    this.renderCounts();
    this.renderResults();
    this.emit("cx:team-results", { stats: this.stats });
  }

  /** What this merge did: added, refused (each file with its reason), superseded, carried over. */
  renderReport(reads, merged, skipped, saved) {
    const refused = reads.filter((r) => !r.ok);
    const ok = reads.filter((r) => r.ok);
    const parts = [];
    const summary = [`Read ${plural(reads.length, "file", "files")}: ${merged.added} new ${merged.added === 1 ? "respondent" : "respondents"}`
      + `${merged.replaced ? `, ${merged.replaced} updated by a newer export` : ""}`
      + `${refused.length ? `, ${plural(refused.length, "file", "files")} refused` : ""}.`
      + ` The team now has ${plural(this.team.respondents.length, "respondent", "respondents")}.`];
    if (skipped) summary.push(`${plural(skipped, "other file", "other files")} in the folder (not .json, or hidden) ${skipped === 1 ? "was" : "were"} left out.`);
    if (!saved) summary.push("This browser refused to keep them: see below.");
    this.say(summary.join(" "), refused.length > 0 && !ok.length);
    if (refused.length) {
      parts.push(h("div", { className: "cx-team-refused", "data-cx-team-refused": "" },
        h("h3", null, `${plural(refused.length, "file was", "files were")} not merged`),
        h("p", null, "Nothing from these files was used; everything merged before is still there."),
        h("ul", null, refused.map((r) => h("li", { "data-cx-refused-file": r.file },
          h("strong", { className: "cx-team-file" }, clipName(r.file)), ` (${REASONS[r.reason]}): ${r.message}`)))));
    }
    if (merged.superseded.length) {
      parts.push(h("div", { className: "cx-team-duplicates", "data-cx-team-duplicates": "" },
        h("h3", null, "The same respondent in several files"),
        h("p", null, "Only the newest export of each respondent counts; the older files were set aside."),
        h("ul", null, merged.superseded.map((s) => h("li", null, this.supersededText(s))))));
    }
    const notes = [];
    const carried = ok.filter((r) => r.carried);
    if (carried.length) {
      const versions = [...new Set(carried.map((r) => r.fromVersion))].join(", ");
      notes.push(`${plural(carried.length, "file was", "files were")} answered to an older version of the questionnaire (${versions}) and carried over to version ${this.model.version}, as a single import would.`);
    }
    const lost = ok.filter((r) => r.lost);
    if (lost.length) notes.push(`${plural(lost.length, "file has", "files have")} answers whose choice no longer exists; those answers count as unanswered.`);
    const ignored = ok.filter((r) => r.departmentIgnored);
    if (ignored.length) notes.push(`${plural(ignored.length, "file names", "files name")} a department this playbook does not know; counted under “Not stated”.`);
    const v1 = ok.filter((r) => r.respondent.id === null);
    if (v1.length) notes.push(`${plural(v1.length, "file is", "files are")} in the first export format, which carries no respondent id: each counts as its own respondent, and a person who sent two of them counts twice.`);
    if (notes.length) parts.push(h("ul", { className: "cx-team-notices", "data-cx-team-notices": "" }, notes.map((n) => h("li", null, n))));
    this.report.replaceChildren(...parts);
  }

  supersededText(s) {
    const who = s.name ? `${s.name} (${s.id})` : s.id;
    return [`${who}: kept `, h("strong", { className: "cx-team-file" }, clipName(s.kept.file)), ` (exported ${formatDate(s.kept.exportedAt)}); set aside `,
      s.dropped.map((d, i) => [i ? ", " : "", h("span", { className: "cx-team-file" }, clipName(d.file)), ` (exported ${formatDate(d.exportedAt)})`]), "."];
  }

  departmentName(id) {
    const d = id ? this.model.departments.find((x) => x.id === id) : null;
    return d ? d.name : "Not stated";
  }

  /** The list of respondents with include/exclude; redrawn only when the team changes. */
  renderPeople() {
    const people = this.team.respondents;
    const headingId = this.people.getAttribute("aria-labelledby");
    this.counts = h("div", { className: "cx-team-counts", "data-cx-team-counts": "" });
    const parts = [h("h2", { id: headingId }, "Who is in"), this.counts];
    if (people.length) {
      const answered = (r) => this.model.sections.reduce((n, s) => n + s.questions.filter((q) => r.answers[q.id]).length, 0);
      const total = this.model.sections.reduce((n, s) => n + s.questions.length, 0);
      const rows = people.map((r) => {
        const label = `Include ${r.name || "the respondent"} from “${clipName(r.file)}” (${this.departmentName(r.department)}${r.location ? `, ${tidy(r.location)}` : ""})`;
        return h("tr", { className: this.excluded.has(r.key) ? "cx-team-row--out" : null, "data-cx-team-respondent": r.key },
          h("td", null, h("input", { type: "checkbox", checked: !this.excluded.has(r.key), "data-cx-team-include": r.key, "aria-label": label })),
          h("th", { scope: "row" }, r.name || h("span", { className: "cx-team-anon" }, "Not named")),
          h("td", null, this.departmentName(r.department)),
          h("td", null, r.location ? tidy(r.location) : "Not stated"),
          h("td", null, `${answered(r)} of ${total}`),
          h("td", null, formatDate(r.exportedAt)),
          h("td", { className: "cx-team-file" }, clipName(r.file)));
      });
      const table = h("table", { className: "cx-table cx-team-list" },
        h("caption", null, "Respondents: untick one to leave their answers out of every figure"),
        h("thead", null, h("tr", null, ["In", "Name", "Department", "Location", "Answered", "Exported", "File"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", null, rows));
      const details = h("details", { className: "cx-team-list-details", open: people.length <= LIST_OPEN },
        h("summary", null, `All ${plural(people.length, "respondent", "respondents")}, to include or exclude`),
        h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": "Respondents, table" }, table));
      parts.push(details);
      const all = this.team.superseded;
      if (all.length) {
        parts.push(h("details", { className: "cx-team-superseded" },
          h("summary", null, `${plural(all.reduce((n, s) => n + s.dropped.length, 0), "older export was", "older exports were")} set aside (the same respondent sent a newer one)`),
          h("ul", null, all.map((s) => h("li", null, this.supersededText(s))))));
      }
    }
    this.people.replaceChildren(...parts);
  }

  renderCounts() {
    if (!this.counts) return;
    const s = this.stats;
    if (!this.team.respondents.length) {
      this.counts.replaceChildren(h("p", { "data-cx-team-empty": "" }, "No answer files merged yet. Add the team's exports above to see the team's figures."));
      return;
    }
    const depts = s.departments.filter((d) => d.id !== null).length;
    const locs = s.locations.filter((l) => l.key !== null).length;
    const countTable = (caption, head, rows) => h("table", { className: "cx-table cx-team-count" },
      h("caption", null, caption),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, head), h("th", { scope: "col" }, "Respondents"))),
      h("tbody", null, rows.map(([name, n]) => h("tr", null, h("th", { scope: "row" }, name), h("td", null, String(n))))));
    this.counts.replaceChildren(
      h("p", { "data-cx-team-included": "" }, `${plural(s.respondents, "respondent", "respondents")} included`
        + `${s.excluded ? ` (${s.excluded} excluded)` : ""}, from ${plural(depts, "department", "departments")} and ${plural(locs, "location", "locations")}.`),
      h("div", { className: "cx-team-counts__tables" },
        countTable("Respondents by department", "Department", s.departments.map((d) => [
          d.leadership && !/leader/i.test(d.name) ? `${d.name} (leadership)` : d.name, d.respondents])),
        countTable("Respondents by location", "Location", s.locations.map((l) => [l.name, l.respondents]))));
  }

  renderResults() {
    const s = this.stats;
    if (!s.respondents) {
      this.results.replaceChildren(...(this.team.respondents.length
        ? [h("p", { className: "cx-message", "data-cx-team-empty": "" }, "Every respondent is excluded: tick at least one in “Who is in” to see the team's figures.")]
        : []));
      return;
    }
    this.results.replaceChildren(
      this.summarySection(s),
      this.heatmapSection(s),
      this.leadershipSection(s),
      this.agendaSection(s),
      this.actionsSection(s),
    );
  }

  section(key, title, ...content) {
    const id = `cx-team-${this.model.id}-${key}`;
    return h("section", { className: `cx-team-section cx-team-${key}`, "aria-labelledby": id, "data-cx-team-section": key },
      h("h2", { id }, title), ...content);
  }

  summarySection(s) {
    const o = s.overall;
    const spread = (x) => (x.n ? `SD ${x.sd === null ? "— (one respondent)" : `${points(x.sd)} points`}, ${pct(x.min)} to ${pct(x.max)}` : "—");
    const rows = [{ title: "Overall", ...o, overall: true }, ...s.sections].map((x) => h("tr", { className: x.overall ? "cx-team-total" : null },
      h("th", { scope: "row" }, x.title),
      h("td", { "data-cx-team-score": x.overall ? "overall" : x.id }, pct(x.mean)),
      h("td", null, x.level ? x.level.name : "—"),
      h("td", null, String(x.n)),
      h("td", null, x.n ? (x.sd === null ? "—" : points(x.sd)) : "—"),
      h("td", null, x.n ? `${pct(x.min)} to ${pct(x.max)}` : "—")));
    return this.section("summary", "Team score",
      o.n ? h("p", { className: "cx-results__overall" },
        h("span", { className: "cx-results__score", "data-cx-team-overall": "" }, pct(o.mean)), " ",
        o.level ? h("span", { className: "cx-results__level" }, o.level.name) : null) : null,
      h("p", { className: "cx-results__basis" }, o.n
        ? `Mean of ${plural(o.n, "respondent's", "respondents'")} overall scores (n = ${o.n}); spread: ${spread(o)}.`
        : "No respondent answered a scored question yet."),
      o.level ? h("p", { className: "cx-results__description" }, h("strong", null, `${o.level.name}: `), o.level.description) : null,
      h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": "Team score by section, table" },
        h("table", { className: "cx-table cx-team-scores" },
          h("caption", null, "Team score by section: the mean of respondents' scores, with how many answered (n) and how far apart they are"),
          h("thead", null, h("tr", null, ["Section", "Team score", "Level", "n", "SD (points)", "Lowest to highest"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", null, rows))));
  }

  heatCell(c, key) {
    const k = this.options.k;
    if (c.hidden) return h("td", { className: "cx-heat cx-heat--hidden", "data-cx-heat": key }, `fewer than ${k}`);
    if (!c.n) return h("td", { className: "cx-heat cx-heat--none", "data-cx-heat": key }, "—", h("span", { className: "cx-sr-only" }, " no answers"));
    return h("td", { className: `cx-heat cx-heat--${bucket(c.mean)}${c.split ? " cx-heat--split" : ""}`, "data-cx-heat": key,
      "data-cx-split": c.split ? "" : null },
    h("span", { className: "cx-heat__value" }, pct(c.mean)), " ",
    h("span", { className: "cx-heat__n" }, `n=${c.n}`),
    c.split ? [" ", h("span", { className: "cx-heat__split" }, "◆ split")] : null,
    h("span", { className: "cx-heat__range" }, c.n > 1 ? ` ${pct(c.min)}–${pct(c.max)}` : ""));
  }

  heatmap(s, by, groups, caption, label) {
    const columns = [{ id: "overall", title: "Overall", data: s.overall }, ...s.sections.map((x) => ({ id: x.id, title: x.title, data: x }))];
    return h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": label },
      h("table", { className: "cx-table cx-heatmap", "data-cx-heatmap": by },
        h("caption", null, caption),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, by === "department" ? "Department" : "Location"),
          columns.map((c) => h("th", { scope: "col" }, c.title)))),
        h("tbody", null, groups.map((g, i) => h("tr", { "data-cx-heat-row": g.id ?? g.key ?? "" },
          h("th", { scope: "row" }, g.name, h("span", { className: "cx-heat__n" }, ` (${g.respondents})`)),
          columns.map((c) => this.heatCell((by === "department" ? c.data.byDepartment : c.data.byLocation)[i], `${g.id ?? g.key ?? ""}:${c.id}`)))))));
  }

  heatLegend() {
    const ranges = ["under 20%", "20–39%", "40–59%", "60–79%", "80% and over"];
    return h("div", { className: "cx-heat-legend" },
      h("p", null, "Each cell: the group's mean score, how many respondents it rests on (n), and the lowest to highest. "
        + "A stronger blue means higher; the number is always written. ",
      h("span", { className: "cx-heat__split" }, "◆ split"), " (and a dashed border): respondents 50 points or more apart, worth a conversation."),
      h("ul", { className: "cx-heat-legend__scale", "aria-label": "Colour scale" }, ranges.map((r, i) => h("li", null,
        h("span", { className: `cx-heat-legend__swatch cx-heat--${i}`, "aria-hidden": "true" }), ` ${r}`))));
  }

  heatmapSection(s) {
    const content = [this.heatLegend(),
      this.heatmap(s, "department", s.departments, "Mean score by department and section", "Mean score by department, table")];
    if (s.locations.length > 1) {
      content.push(h("h3", null, "By location"),
        this.heatmap(s, "location", s.locations, "Mean score by location and section", "Mean score by location, table"));
    }
    if (this.options.hideSmall) content.unshift(h("p", { className: "cx-hint" }, `Groups with fewer than ${this.options.k} respondents are hidden.`));
    return this.section("heatmap", "Where departments see it differently", ...content);
  }

  leadershipSection(s) {
    const leaders = this.model.departments.filter((d) => d.leadership).map((d) => d.name);
    if (!s.leadershipRespondents || !s.restRespondents) {
      const why = !leaders.length ? "No department of this playbook is marked as leadership."
        : !s.leadershipRespondents ? `No respondent from ${leaders.join(", ")} is included yet.` : "Every included respondent is from leadership.";
      return this.section("leadership", "Leadership and everyone else", h("p", null, `${why} This comparison needs both.`));
    }
    const k = this.options.k;
    const side = (g) => (g.hidden ? `fewer than ${k}` : g.n ? `${pct(g.mean)} (n=${g.n})` : "— (n=0)");
    const gap = (x) => {
      if (x === null) return "—";
      const p = Math.round(x);
      return p === 0 ? "no gap" : `${p > 0 ? "+" : "−"}${Math.abs(p)} points`;
    };
    const rows = [{ title: "Overall", ...s.overall, overall: true }, ...s.sections].map((x) => h("tr", { className: x.overall ? "cx-team-total" : null },
      h("th", { scope: "row" }, x.title),
      h("td", null, side(x.leadership)),
      h("td", null, side(x.rest)),
      h("td", { "data-cx-team-gap": x.overall ? "overall" : x.id }, gap(x.gap))));
    const largest = s.gaps.slice(0, 3).filter((g) => Math.round(g.gap) !== 0);
    return this.section("leadership", "Leadership and everyone else",
      h("p", null, `Top-down: how respondents from ${leaders.join(", ")} score each section, against everyone else. A positive gap means leadership sees it better than the people doing the work.`),
      h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": "Leadership and everyone else, table" },
        h("table", { className: "cx-table cx-team-leadership" },
          h("caption", null, "Mean score of leadership and of everyone else, with n, and the gap in percentage points"),
          h("thead", null, h("tr", null, ["Section", "Leadership", "Everyone else", "Gap (leadership − rest)"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", null, rows))),
      largest.length ? [h("h3", null, "Largest gaps"), h("ol", { "data-cx-team-largest-gaps": "" }, largest.map((g) => {
        const x = s.sections.find((y) => y.id === g.section);
        return h("li", { "data-cx-team-gap-section": g.section }, `${g.title}: ${gap(g.gap)}, leadership ${side(x.leadership)} against everyone else ${side(x.rest)}`);
      }))] : null);
  }

  choiceLabel(q, id) {
    const c = q.counts.find((x) => x.choice === id);
    return c ? c.label : id;
  }

  agendaItem(q) {
    const attrs = { className: `cx-agenda__item${q.split ? " cx-agenda__item--split" : ""}`, "data-cx-agenda-item": q.id };
    if (!q.n) {
      return h("li", attrs, h("h3", { className: "cx-agenda__title" }, q.text),
        h("p", { className: "cx-agenda__meta" }, `${q.sectionTitle} · no scored answers (${q.notApplicable} not applicable, ${q.unanswered} unanswered)`));
    }
    const meta = [q.sectionTitle, `n = ${q.n}`, `middle answer: “${this.choiceLabel(q, q.median)}”`, `range ${plural(q.range, "step", "steps")}`,
      `disagreement ${fixed(q.dissention)}`, `mean score ${pct(q.mean * 100)}`];
    const max = Math.max(1, ...q.counts.map((c) => c.count), q.notApplicable);
    const bar = (count) => {
      const fill = h("span", { className: "cx-dist__fill" });
      fill.style.width = `${(100 * count) / max}%`;
      return h("span", { className: "cx-dist__bar", "aria-hidden": "true" }, fill);
    };
    const rows = q.counts.map((c) => h("tr", { "data-cx-choice": c.choice },
      h("th", { scope: "row" }, c.label), h("td", { className: "cx-dist__count" }, String(c.count)), h("td", null, bar(c.count))));
    if (q.notApplicable) {
      rows.push(h("tr", { "data-cx-choice": this.model.limits.notApplicable }, h("th", { scope: "row" }, "Not applicable (not scored)"),
        h("td", { className: "cx-dist__count" }, String(q.notApplicable)), h("td", null, bar(q.notApplicable))));
    }
    const agreement = q.n >= AGREEMENT_MIN_N && q.ad !== null
      ? `Agreement: rwg ${q.rwg === null ? "—" : fixed(q.rwg)} (1 = full agreement, 0 = no more than chance); AD ${fixed(q.ad)} steps from the mean, ${q.adAcceptable ? "within" : "beyond"} the usual limit of ${fixed(q.counts.length / 6)}.`
      : `Agreement indices (rwg, AD) are shown from ${AGREEMENT_MIN_N} answers; with ${q.n} they would mean little.`;
    return h("li", attrs,
      h("h3", { className: "cx-agenda__title" }, q.text),
      h("p", { className: "cx-agenda__meta" }, q.split ? [h("strong", { className: "cx-flag", "data-cx-split": "" }, "◆ Split"), " · "] : null, meta.join(" · ")),
      h("table", { className: "cx-table cx-dist" },
        h("caption", null, `How ${plural(q.n + q.notApplicable, "respondent", "respondents")} answered${q.unanswered ? ` (${q.unanswered} did not)` : ""}`),
        h("thead", { className: "cx-sr-only" }, h("tr", null, h("th", { scope: "col" }, "Answer"), h("th", { scope: "col" }, "Respondents"), h("th", { scope: "col" }, "Share"))),
        h("tbody", null, rows)),
      h("p", { className: "cx-agenda__agreement" }, agreement),
      q.notes.length ? h("ul", { className: "cx-notes", "aria-label": "Notes written as evidence" }, q.notes.map((n) => h("li", { "data-cx-note": "" },
        h("span", { className: "cx-notes__by" }, [n.department || "Department hidden (small group)", n.name].filter(Boolean).join(", ")), ": ", n.text))) : null);
  }

  agendaSection(s) {
    const items = s.questions.map((q) => this.agendaItem(q));
    const head = items.slice(0, AGENDA_OPEN);
    const rest = items.slice(AGENDA_OPEN);
    const splits = s.questions.filter((q) => q.split).length;
    return this.section("agenda", "Discussion agenda",
      h("p", null, `Questions ordered by disagreement, most first: 0 when everyone picked the same answer, 1 when the team stands in two camps at the ends of the scale. `
        + `${plural(splits, "question is", "questions are")} marked ◆ split (answers two or more steps apart, or a quarter of answers each side of the middle). The notes are the evidence respondents wrote.`),
      h("ol", { className: "cx-agenda", "data-cx-agenda": "" }, head),
      rest.length ? h("details", { className: "cx-agenda__more" },
        h("summary", null, `The other ${plural(rest.length, "question", "questions")}, with less disagreement`),
        h("ol", { className: "cx-agenda", start: AGENDA_OPEN + 1 }, rest)) : null);
  }

  actionsSection(s) {
    if (!s.actions.length) {
      return this.section("actions", "Team next actions",
        h("p", null, `No plays to recommend: no question the team answered has a mean score under ${Math.round(this.model.lowBelow * 100)}% or split answers, or none names a play.`));
    }
    const levels = this.model.levelNames;
    const n = new Map(s.questions.map((q) => [q.id, q.n]));
    return this.section("actions", "Team next actions",
      h("p", null, `The plays of the questions the team scores low (under ${Math.round(this.model.lowBelow * 100)}%) or splits on, highest priority first (weight × (1 − mean score)); cheap and quick plays first when tied.`),
      h("ol", { className: "cx-actions-list", "data-cx-team-actions": "" }, s.actions.map((a) => {
        const href = safeHref(a.play.url, this.window.location.href);
        return h("li", { "data-cx-team-play": a.playId },
          h("p", { className: "cx-action__title" }, href ? h("a", { href }, a.play.title) : a.play.title),
          h("p", { className: "cx-action__meta" },
            `Effort ${levels[a.play.effort] || a.play.effort} · cost ${levels[a.play.cost] || a.play.cost} · owner ${a.play.ownerName} · ${a.play.where}`),
          h("p", { className: "cx-action__phase" }, a.play.phase ? `90-day plan: ${a.play.phase.title}` : "90-day plan: not scheduled; consider it at the quarterly review"),
          h("p", { className: "cx-action__why" }, "Because: ",
            a.questions.map((q, i) => [i ? "; " : "", q.text, ` (mean ${pct(q.mean * 100)}, n = ${n.get(q.questionId)}${q.split ? ", ◆ split" : ""})`])));
      })));
  }
}
