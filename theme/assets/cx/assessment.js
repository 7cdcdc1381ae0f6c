// One object per [data-cx-assessment] root: it owns the answers, keeps the
// form, storage and results in step, and announces changes as DOM events
// (cx:change, cx:restore, cx:results, cx:import, cx:reset, cx:snapshot).

import { h } from "./dom.js";
import { download, fileName, toCSV, toExport } from "./exporter.js";
import { MAX_BYTES, readExport } from "./importer.js";
import { emptyState, questionIndex } from "./model.js";
import { formatDate, renderResults } from "./results.js";
import { displayPercent, scoreAssessment, snapshotScores } from "./scoring.js";
import * as store from "./store.js";

const LIVE_DELAY = 1500; // ms: announce the score once the user pauses, not on every click

export class Assessment {
  constructor(root, win = window) {
    this.root = root;
    this.window = win;
    this.document = root.ownerDocument;
    this.model = null;
    this.state = emptyState();
    this.results = null;
    this.liveTimer = 0;
    this.onChange = this.onChange.bind(this);
    this.onInput = this.onInput.bind(this);
    this.onClick = this.onClick.bind(this);
    this.onSubmit = (event) => event.preventDefault();
  }

  mount() {
    // The model rides in an attribute: Material re-runs inline <script>s after
    // instant navigation, which would execute JSON and drop its attributes.
    const holder = this.root.querySelector("[data-cx-model]");
    this.form = this.root.querySelector("[data-cx-form]");
    this.body = this.root.querySelector("[data-cx-results-body]");
    if (!holder || !this.form || !this.body) return this;
    try {
      this.model = JSON.parse(holder.getAttribute("data-cx-model"));
    } catch {
      return this; // the page still works as a printable questionnaire
    }
    this.questions = questionIndex(this.model);
    this.buildControls();
    for (const el of this.root.querySelectorAll("[data-cx-toolbar], [data-cx-target-row], [data-cx-actions]")) el.hidden = false;
    this.root.classList.add("cx-assessment--live");
    this.root.addEventListener("change", this.onChange);
    this.root.addEventListener("input", this.onInput);
    this.root.addEventListener("click", this.onClick);
    this.form.addEventListener("submit", this.onSubmit);

    const saved = store.load(this.window, this.model);
    if (saved) {
      this.state = saved.state;
      this.fillForm();
      // An earlier version's answers were carried over: save them under this version.
      if (saved.from !== store.storageKey(this.model)) store.save(this.window, this.model, this.state);
    }
    this.update();
    this.emit("cx:restore", { restored: Boolean(saved), from: saved ? saved.from : null });
    return this;
  }

  destroy() {
    this.root.removeEventListener("change", this.onChange);
    this.root.removeEventListener("input", this.onInput);
    this.root.removeEventListener("click", this.onClick);
    if (this.form) this.form.removeEventListener("submit", this.onSubmit);
    clearTimeout(this.liveTimer);
    if (this.controls) this.controls.remove();
    if (this.live) this.live.remove();
    this.root.classList.remove("cx-assessment--live");
    return this;
  }

  // --- state changes ------------------------------------------------------

  onChange(event) {
    const el = event.target;
    if (el.matches("input[type=radio]") && el.name.startsWith("q:")) {
      const id = el.name.slice(2);
      if (!this.questions.has(id)) return;
      this.state.answers[id] = { choice: el.value, answeredAt: new Date().toISOString() };
      this.commit({ field: "answer", questionId: id, value: el.value });
    } else if (el.matches("select[data-cx-target]")) {
      const id = el.getAttribute("data-cx-target");
      if (el.value) this.state.targets[id] = el.value;
      else delete this.state.targets[id];
      this.commit({ field: "target", sectionId: id, value: el.value });
    } else if (el.matches("select[data-cx-profile]")) {
      this.setProfile(el);
    } else if (el.matches("input[type=file][data-cx-import]")) {
      this.importFile(el);
    }
  }

  onInput(event) {
    // Selects and radios fire `input` too; they are handled once, in onChange.
    const el = event.target;
    if (el.matches("textarea[data-cx-note]")) {
      const id = el.getAttribute("data-cx-note");
      if (!this.questions.has(id)) return;
      if (el.value) this.state.notes[id] = el.value.slice(0, 2000);
      else delete this.state.notes[id];
      this.commit({ field: "note", questionId: id });
    } else if (el.matches("input[data-cx-profile]")) {
      this.setProfile(el);
    }
  }

  setProfile(el) {
    const field = el.getAttribute("data-cx-profile");
    if (field !== "department" && field !== "location") return;
    if (el.value) this.state.profile[field] = el.value.slice(0, 200);
    else delete this.state.profile[field];
    this.commit({ field: "profile", name: field });
  }

  commit(detail) {
    const now = new Date().toISOString();
    this.state.createdAt = this.state.createdAt || now;
    this.state.updatedAt = now;
    this.saved = store.save(this.window, this.model, this.state);
    if (!this.saved) this.say("Your answers could not be saved in this browser (storage is full or blocked). Export them to keep them.");
    this.update();
    this.emit("cx:change", detail);
  }

  onClick(event) {
    const trigger = event.target.closest("[data-cx-action]");
    if (!trigger || !this.root.contains(trigger)) return;
    const action = trigger.getAttribute("data-cx-action");
    const handlers = {
      jump: () => this.jumpToUnanswered(),
      "export-json": () => this.exportJSON(),
      "export-csv": () => this.exportCSV(),
      print: () => this.window.print(),
      snapshot: () => this.saveSnapshot(),
      "delete-snapshot": () => this.deleteSnapshot(trigger.getAttribute("data-cx-snapshot")),
      reset: () => this.askReset(true),
      "reset-cancel": () => this.askReset(false),
      "reset-confirm": () => this.reset(),
    };
    if (!handlers[action]) return;
    event.preventDefault();
    handlers[action]();
  }

  // --- rendering ----------------------------------------------------------

  update() {
    this.results = scoreAssessment(this.model, this.state);
    const o = this.results.overall;
    const total = o.total;
    const done = total - o.unanswered;
    const text = this.root.querySelector("[data-cx-progress-text]");
    if (text) text.textContent = `${done} of ${total} answered`;
    const bar = this.root.querySelector("[data-cx-progress-bar]");
    if (bar) {
      bar.max = total;
      bar.value = done;
      bar.setAttribute("aria-label", `${done} of ${total} questions answered`);
    }
    const jump = this.root.querySelector('[data-cx-action="jump"]');
    if (jump) jump.hidden = done === total;
    for (const s of this.results.sections) {
      const count = this.root.querySelector(`[data-cx-section-count="${CSS.escape(s.id)}"]`);
      if (count) {
        count.textContent = `${s.total - s.unanswered} of ${s.total}`;
        count.classList.toggle("cx-section-count--done", s.unanswered === 0);
      }
    }
    renderResults(this.body, this.model, this.results, this.state);
    this.scheduleAnnouncement();
    this.emit("cx:results", { results: this.results });
  }

  scheduleAnnouncement() {
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      const o = this.results.overall;
      this.live.textContent = o.percent === null ? "" : `Overall score ${displayPercent(o.percent)}%${o.level ? `, level ${o.level.name}` : ""}.`;
    }, LIVE_DELAY);
  }

  fillForm() {
    this.form.reset();
    for (const select of this.root.querySelectorAll("select[data-cx-target]")) select.value = "";
    for (const [id, answer] of Object.entries(this.state.answers)) {
      const radios = this.form.elements.namedItem(`q:${id}`);
      if (radios) radios.value = answer.choice;
    }
    for (const [id, text] of Object.entries(this.state.notes)) {
      const area = this.root.querySelector(`textarea[data-cx-note="${CSS.escape(id)}"]`);
      if (area) {
        area.value = text;
        area.closest("details")?.setAttribute("open", "");
      }
    }
    for (const [id, level] of Object.entries(this.state.targets)) {
      const select = this.root.querySelector(`select[data-cx-target="${CSS.escape(id)}"]`);
      if (select) select.value = level;
    }
    for (const el of this.root.querySelectorAll("[data-cx-profile]")) {
      el.value = this.state.profile[el.getAttribute("data-cx-profile")] || "";
    }
  }

  buildControls() {
    const actions = this.root.querySelector("[data-cx-actions]");
    const results = this.root.querySelector("[data-cx-results]");
    const importId = `cx-import-${this.model.id}`;
    this.message = h("p", { className: "cx-message", "aria-live": "polite", "data-cx-message": "" });
    this.confirm = h("div", { className: "cx-confirm", hidden: true, "data-cx-confirm": "" },
      h("p", null, "Clear every answer, note, target and snapshot of this assessment from this browser? Export first to keep a copy."),
      h("button", { type: "button", className: "md-button md-button--primary", "data-cx-action": "reset-confirm" }, "Yes, clear everything"),
      " ",
      h("button", { type: "button", className: "md-button", "data-cx-action": "reset-cancel" }, "Cancel"));
    const button = (action, label, extra = {}) => h("button", { type: "button", className: "md-button", "data-cx-action": action, ...extra }, label);
    this.controls = h("div", { className: "cx-controls" },
      h("h2", { className: "cx-controls__title" }, "Save, share and print"),
      h("div", { className: "cx-controls__row" },
        button("export-json", "Export JSON"),
        button("export-csv", "Export CSV"),
        h("span", { className: "cx-import" },
          h("label", { htmlFor: importId, className: "md-button" }, "Import JSON"),
          h("input", { type: "file", id: importId, accept: ".json,application/json", "data-cx-import": "", className: "cx-import__input" })),
        button("print", "Print report"),
        button("snapshot", "Save snapshot"),
        button("reset", "Start over…", { "aria-expanded": "false" })),
      this.confirm,
      this.message,
      h("p", { className: "cx-hint" }, "Answers are saved in this browser as you go, for this version of the assessment. Nothing is sent anywhere. "
        + "Import replaces what is saved here; answers to questions this version no longer asks are ignored."));
    if (actions) actions.append(this.controls);
    this.live = h("p", { className: "cx-sr-only", role: "status", "data-cx-live": "" });
    if (results) results.append(this.live);
  }

  say(text, isError = false) {
    this.message.textContent = text;
    this.message.classList.toggle("cx-message--error", isError);
  }

  emit(type, detail) {
    this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  // --- actions ------------------------------------------------------------

  jumpToUnanswered() {
    for (const [id] of this.questions) {
      if (this.state.answers[id]) continue;
      const field = this.root.querySelector(`[data-cx-question="${CSS.escape(id)}"]`);
      const radio = field && field.querySelector("input[type=radio]");
      if (radio) {
        radio.focus({ preventScroll: true });
        field.scrollIntoView({ block: "center" });
      }
      return;
    }
  }

  exportJSON() {
    const data = toExport(this.model, this.state);
    download(this.document, fileName(this.model, "json"), JSON.stringify(data, null, 2), "application/json");
    this.say("Exported your answers as a JSON file.");
  }

  exportCSV() {
    download(this.document, fileName(this.model, "csv"), toCSV(this.model, this.state), "text/csv;charset=utf-8");
    this.say("Exported your answers as a CSV file.");
  }

  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = ""; // the same file can be chosen again after fixing it
    if (!file) return;
    if (file.size > MAX_BYTES) {
      this.say(`“${file.name.slice(0, 80)}” was not imported: it is larger than ${MAX_BYTES / 1024 / 1024} MB, the most an export can be. Nothing was changed.`, true);
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      this.say("The file could not be read. Nothing was changed.", true);
      return;
    }
    const result = readExport(text, this.model);
    if (!result.ok) {
      this.say(`${result.message} Nothing was changed.`, true);
      return;
    }
    this.state = result.state;
    this.state.createdAt = this.state.createdAt || new Date().toISOString();
    this.state.updatedAt = new Date().toISOString();
    store.save(this.window, this.model, this.state);
    this.fillForm();
    this.update();
    const count = Object.keys(this.state.answers).length;
    this.say([`Imported ${count} answer${count === 1 ? "" : "s"} from “${file.name.slice(0, 80)}”; they replace what was saved here.`, ...result.notices].join(" "));
    this.emit("cx:import", { answers: count, notices: result.notices });
  }

  saveSnapshot() {
    if (this.state.snapshots.length >= 200) {
      this.say("There are 200 snapshots already. Delete an old one first.", true);
      return;
    }
    const savedAt = new Date().toISOString();
    const snapshot = {
      id: `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
      savedAt,
      label: `Snapshot ${this.state.snapshots.length + 1}`,
      answers: JSON.parse(JSON.stringify(this.state.answers)),
      scores: snapshotScores(this.results),
    };
    this.state.snapshots.push(snapshot);
    this.commit({ field: "snapshot", snapshotId: snapshot.id });
    this.say(`Saved ${snapshot.label} (${formatDate(savedAt)}). Changes per section are now shown against it.`);
    this.emit("cx:snapshot", { snapshot });
  }

  deleteSnapshot(id) {
    const snapshot = this.state.snapshots.find((s) => s.id === id);
    if (!snapshot) return;
    this.state.snapshots = this.state.snapshots.filter((s) => s !== snapshot);
    this.commit({ field: "snapshot", snapshotId: id, deleted: true });
    this.say(`Deleted ${snapshot.label || "the snapshot"} of ${formatDate(snapshot.savedAt)}.`);
    // The button that had focus is gone with the re-render; keep keyboard users in place.
    this.message.setAttribute("tabindex", "-1");
    this.message.focus();
  }

  askReset(open) {
    this.confirm.hidden = !open;
    const trigger = this.root.querySelector('[data-cx-action="reset"]');
    trigger.setAttribute("aria-expanded", String(open));
    (open ? this.confirm.querySelector('[data-cx-action="reset-cancel"]') : trigger).focus();
  }

  reset() {
    store.clear(this.window, this.model);
    this.state = emptyState();
    this.fillForm();
    this.confirm.hidden = true;
    const trigger = this.root.querySelector('[data-cx-action="reset"]');
    trigger.setAttribute("aria-expanded", "false");
    trigger.focus();
    this.update();
    this.say("Cleared. Every answer, note, target and snapshot of this assessment was removed from this browser.");
    this.emit("cx:reset", {});
  }
}
