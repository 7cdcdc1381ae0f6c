// One object per [data-cx-assessment] root: it owns one respondent's answers
// and keeps the form, storage and results in step. Every change of state goes
// through change(), which asks listeners first (cx:beforechange, cancelable),
// applies it, saves it, rescores, and announces it (cx:change, cx:results).
// The events are listed in README.md ("Runtime events").

import { askedNow, changesSince, readAnswers } from "./answers.js";
import { questionIndex, readModel } from "./contract.js";
import { h, nextTask } from "./dom.js";
import { download, fileName, toExport } from "./exporter.js";
import { readInvitation } from "./invitation.js";
import { datePrintSummary, formatDate, renderResults } from "./results.js";
import { displayPercent, dropped, lacking, scoreAssessment, snapshotScores } from "./scoring.js";
import * as store from "./store.js";
import { t, tn } from "./strings.js";

const LIVE_DELAY = 1500; // ms: announce the score once the user pauses, not on every click
const INVITATION = "invitation"; // the storage part that remembers the invitation last applied, and the round

/** A new respondent's state: every question of this version counts as seen. */
export function emptyState(win, model) {
  const questionnaire = {};
  for (const section of model.sections) for (const q of section.questions) questionnaire[q.id] = askedNow(q);
  return {
    respondent: store.newRespondentId(win), createdAt: null, updatedAt: null, profile: {}, answers: {},
    notes: {}, targets: {}, snapshots: [], archive: {}, answeredVersion: model.version, questionnaire,
  };
}

export class Assessment {
  constructor(root, win = window) {
    this.root = root;
    this.window = win;
    this.document = root.ownerDocument;
    this.model = null;
    this.state = null;
    this.results = null;
    this.liveTimer = 0;
    this.undo = [];
    this.onChange = this.onChange.bind(this);
    this.onInput = this.onInput.bind(this);
    this.onClick = this.onClick.bind(this);
  }

  mount() {
    this.model = readModel(this.root.querySelector("[data-cx-model]"));
    // The questions live in sections after the root, in the same article.
    this.scope = this.root.closest("article") || this.document.body;
    this.body = this.scope.querySelector("[data-cx-results-body]");
    if (!this.model || !this.body) return this; // the page still works as a printable questionnaire
    this.questions = questionIndex(this.model);
    this.state = emptyState(this.window, this.model);

    // What update() writes into the page's own elements, restored by destroy().
    for (const el of [this.body, ...this.scope.querySelectorAll("[data-cx-progress] *, [data-cx-section-count], [data-cx-needs], [data-cx-needs] [data-cx-dropped], [data-cx-needs] input[type=radio]")]) this.keepForUndo(el);
    this.undo.push(() => this.changes && this.changes.renderChanges(this.scope, this.model, null));
    this.buildControls();
    for (const [type, handler] of [["change", this.onChange], ["input", this.onInput], ["click", this.onClick]]) {
      this.scope.addEventListener(type, handler);
      this.undo.push(() => this.scope.removeEventListener(type, handler));
    }
    // The print summary's day is written when it is needed (results.js): a print is one such time.
    const beforePrint = () => datePrintSummary(this.body);
    this.window.addEventListener("beforeprint", beforePrint);
    this.undo.push(() => this.window.removeEventListener("beforeprint", beforePrint));

    const saved = store.load(this.window, this.model);
    if (saved && saved.ok) {
      this.state = saved.state;
      if (!this.state.respondent) this.state.respondent = store.newRespondentId(this.window);
    }
    const invited = this.applyInvitation();
    this.fillForm();
    this.update({ results: false });
    if (invited) this.say(invited);
    else if (saved && !saved.ok) {
      this.say(t("Answers saved in this browser could not be read ({reason}) They were set aside, not deleted, and you start afresh.", { reason: saved.message }), true);
    } else if (saved) {
      // What carrying the saved answers over to this version did, in words.
      if (saved.notices.length) this.say(saved.notices.join(" "));
    }
    // The results panel sits below the questions: it is drawn in a task of its
    // own, so the page answers (and paints) between the two halves of the
    // start-up. The live controls are shown with it, and cx:results and
    // cx:restore follow it: once the toolbar shows, the assessment is mounted.
    this.mounted = nextTask(this.window).then(() => {
      if (!this.model) return; // destroyed meanwhile
      this.drawResults();
      for (const el of this.scope.querySelectorAll("[data-cx-toolbar], [data-cx-target-row], [data-cx-actions]")) {
        el.hidden = false;
        this.undo.push(() => { el.hidden = true; });
      }
      this.scope.classList.add("cx-live");
      this.undo.push(() => this.scope.classList.remove("cx-live"));
      this.emit("cx:restore", { restored: Boolean(saved && saved.ok), notices: saved && saved.ok ? saved.notices : [] });
    });
    return this;
  }

  destroy() {
    clearTimeout(this.liveTimer);
    if (this.share) this.share.destroy();
    this.share = null;
    for (const step of this.undo.reverse()) step();
    this.undo = [];
    this.model = null;
    return this;
  }

  /** Remember an element's attributes and children so destroy() can put them back. */
  keepForUndo(element) {
    const children = [...element.childNodes];
    const attributes = [...element.attributes].map((a) => [a.name, a.value]);
    this.undo.push(() => {
      element.replaceChildren(...children);
      for (const name of element.getAttributeNames()) element.removeAttribute(name);
      for (const [name, value] of attributes) element.setAttribute(name, value);
    });
  }

  // --- the one path for every change of state -------------------------------

  /**
   * Apply a change of `kind` ("answer", "note", "profile", "target", "confirm",
   * "acknowledge", "snapshot", "import", "reset"): listeners may veto it through
   * cx:beforechange; then it is applied, saved, rescored and announced.
   */
  change(kind, detail, apply) {
    if (!this.emit("cx:beforechange", { kind, ...detail }, true)) {
      this.fillForm(); // the form shows the state again, not the vetoed input
      return false;
    }
    apply(this.state);
    let saved = true;
    if (kind !== "reset") {
      const now = new Date().toISOString();
      this.state.createdAt = this.state.createdAt || now;
      this.state.updatedAt = now;
      if (!changesSince(this.model, this.state).pending) this.state.answeredVersion = this.model.version;
      saved = store.save(this.window, this.model, this.state);
    }
    if (!saved) this.say(t("Your answers could not be saved in this browser (storage is full or blocked). Export them to keep them."), true);
    this.update();
    this.emit("cx:change", { kind, saved, ...detail });
    return true;
  }

  onChange(event) {
    const el = event.target;
    if (el.matches("input[type=radio]") && el.name.startsWith("q:")) {
      const id = el.name.slice(2);
      const entry = this.questions.get(id);
      if (!entry) return;
      this.change("answer", { questionId: id, value: el.value }, (state) => {
        state.answers[id] = { choice: el.value, answeredAt: new Date().toISOString() };
        state.questionnaire[id] = askedNow(entry.question);
      });
    } else if (el.matches("select[data-cx-target]")) {
      const id = el.getAttribute("data-cx-target");
      this.change("target", { sectionId: id, value: el.value }, (state) => {
        if (el.value) state.targets[id] = el.value;
        else delete state.targets[id];
      });
    } else if (el.matches("select[data-cx-profile]")) {
      this.setProfile(el);
    } else if (el.matches("input[type=checkbox][data-cx-has]")) {
      this.setHas(el);
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
      const text = el.value.slice(0, this.model.limits.noteMax);
      this.change("note", { questionId: id }, (state) => {
        if (text) state.notes[id] = text;
        else delete state.notes[id];
      });
    } else if (el.matches("input[data-cx-profile]")) {
      this.setProfile(el);
    } else if (el.matches("input[data-cx-round]")) {
      this.setRound(el.value);
    }
  }

  setProfile(el) {
    const field = el.getAttribute("data-cx-profile");
    if (!["name", "department", "location"].includes(field)) return;
    const value = el.value.slice(0, this.model.limits.textMax);
    this.change("profile", { field }, (state) => {
      if (value) state.profile[field] = value;
      else delete state.profile[field];
    });
  }

  // --- invitations (invitation.js; README, "Invitation links") ----------------

  /** The invitation applied last, and the round as the respondent left it: {key, round}. */
  keptInvitation() {
    try {
      const kept = JSON.parse(store.read(this.window, this.model, INVITATION) || "null");
      if (kept && typeof kept === "object") {
        return { key: typeof kept.key === "string" ? kept.key : null,
          round: typeof kept.round === "string" ? kept.round.slice(0, this.model.limits.textMax) : null };
      }
    } catch {
      // an unreadable entry is no invitation
    }
    return { key: null, round: null };
  }

  /**
   * Opened through an invitation link: its round, location and department are
   * filled in, once per invitation (a reload of the same link keeps what the
   * respondent changed since). Returns what to tell the respondent, or null.
   */
  applyInvitation() {
    const kept = this.keptInvitation();
    this.state.round = kept.round ?? this.state.round ?? null; // a file imported with its round keeps it
    const invited = readInvitation(this.window.location.href, this.model);
    if (!invited || invited.key === kept.key) return null;
    const round = invited.round || kept.round;
    const applied = this.change("profile", { field: "invitation", round: invited.round, location: invited.location,
      department: invited.department }, (state) => {
      if (invited.location) state.profile.location = invited.location;
      if (invited.department) state.profile.department = invited.department;
      state.round = round;
    });
    if (!applied) return null;
    store.save(this.window, this.model, null, INVITATION, { key: invited.key, round });
    const opened = invited.location && invited.round ? t("You opened an invitation for {location}, round “{round}”.", invited)
      : invited.location ? t("You opened an invitation for {location}.", invited)
        : invited.round ? t("You opened an invitation for round “{round}”.", invited) : t("You opened an invitation.");
    return `${opened} ${t("What it names is filled in under “About you”: change it there if it is wrong.")}`;
  }

  /** The round, typed by the respondent (or corrected): kept with the invitation, sent in the link. */
  setRound(text) {
    const round = text.replace(/\s+/g, " ").trim().slice(0, this.model.limits.textMax) || null;
    const kept = this.keptInvitation();
    this.change("profile", { field: "round" }, (state) => { state.round = round; });
    store.save(this.window, this.model, null, INVITATION, { key: kept.key, round });
  }

  /** What this location has: a department it lacks drops the questions that need it. */
  setHas(el) {
    const department = el.getAttribute("data-cx-has");
    if (!this.model.departments.some((d) => d.id === department)) return;
    this.change("profile", { field: "lacks" }, (state) => {
      const lacks = new Set(state.profile.lacks || []);
      if (el.checked) lacks.delete(department);
      else lacks.add(department);
      if (lacks.size) state.profile.lacks = [...lacks].sort();
      else delete state.profile.lacks;
    });
  }

  onClick(event) {
    const trigger = event.target.closest("[data-cx-action]");
    if (!trigger || !this.scope.contains(trigger)) return;
    const action = trigger.getAttribute("data-cx-action");
    const question = trigger.getAttribute("data-cx-question-id");
    const handlers = {
      jump: () => this.jumpTo(this.firstUnanswered()),
      "jump-to": () => this.jumpTo(question),
      confirm: () => this.confirm(question ? [question] : null),
      acknowledge: () => this.acknowledge(),
      "export-json": () => this.exportJSON(),
      "export-csv": () => this.exportCSV(),
      share: () => this.toggleShare(trigger),
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

  /** Rescore and show it: the progress, the marks in the form, and (unless `results` is false) the results panel. */
  update({ results = true } = {}) {
    this.results = scoreAssessment(this.model, this.state);
    const o = this.results.overall;
    const asked = o.total - o.dropped;
    const done = asked - o.unanswered;
    const text = this.scope.querySelector("[data-cx-progress-text]");
    if (text) text.textContent = t("{done} of {asked} answered", { done, asked });
    const bar = this.scope.querySelector("[data-cx-progress-bar]");
    if (bar) {
      bar.max = asked;
      bar.value = done;
      bar.setAttribute("aria-label", t("{done} of {asked} questions answered", { done, asked }));
    }
    const jump = this.scope.querySelector('[data-cx-action="jump"]');
    if (jump) jump.hidden = done === asked;
    for (const s of this.results.sections) {
      const count = this.scope.querySelector(`[data-cx-section-count="${CSS.escape(s.id)}"]`);
      if (count) {
        count.textContent = t("{done} of {total}", { done: s.total - s.dropped - s.unanswered, total: s.total - s.dropped });
        count.classList.toggle("cx-section-count--done", s.unanswered === 0);
      }
    }
    this.markDropped();
    this.showChanges(changesSince(this.model, this.state));
    if (results) this.drawResults();
  }

  /** The results panel, from the last scoring; announced with cx:results. */
  drawResults() {
    renderResults(this.body, this.model, this.results, this.state);
    if (this.share && !this.sharePanel.hidden) this.share.draw();
    this.scheduleAnnouncement();
    this.emit("cx:results", { results: this.results });
  }

  /** The notice and marks of changes since the respondent answered, loaded only when there are some. */
  showChanges(changes) {
    if (!changes.pending && !this.changes) return;
    const draw = (module) => {
      this.changes = module;
      if (this.model) module.renderChanges(this.scope, this.model, changesSince(this.model, this.state));
    };
    if (this.changes) draw(this.changes);
    else import("./changes.js").then(draw);
  }

  scheduleAnnouncement() {
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      const o = this.results.overall;
      this.live.textContent = o.percent === null ? "" : (o.level ? t("Overall score {percent}%, level {level}.", { percent: displayPercent(o.percent), level: o.level.name })
        : t("Overall score {percent}%.", { percent: displayPercent(o.percent) }));
    }, LIVE_DELAY);
  }

  fillForm() {
    for (const input of this.scope.querySelectorAll("input[type=radio][name^='q:']")) {
      const answer = this.state.answers[input.name.slice(2)];
      input.checked = Boolean(answer && answer.choice === input.value);
    }
    for (const area of this.scope.querySelectorAll("textarea[data-cx-note]")) {
      area.value = this.state.notes[area.getAttribute("data-cx-note")] || "";
      if (area.value) area.closest("details")?.setAttribute("open", "");
    }
    for (const select of this.scope.querySelectorAll("select[data-cx-target]")) {
      select.value = this.state.targets[select.getAttribute("data-cx-target")] || "";
    }
    for (const el of this.scope.querySelectorAll("[data-cx-profile]")) {
      el.value = this.state.profile[el.getAttribute("data-cx-profile")] || "";
    }
    if (this.roundInput && this.roundInput.value.replace(/\s+/g, " ").trim() !== (this.state.round || "")) {
      this.roundInput.value = this.state.round || "";
    }
    for (const box of this.scope.querySelectorAll("input[data-cx-has]")) {
      box.checked = !lacking(this.state.profile).includes(box.getAttribute("data-cx-has"));
    }
  }

  buildControls() {
    const actions = this.scope.querySelector("[data-cx-actions]");
    const results = this.scope.querySelector("[data-cx-results]");
    const importId = `cx-import-${this.model.id}`;
    const shareId = `cx-share-${this.model.id}`;
    this.sharePanel = h("div", { id: shareId, className: "cx-share", hidden: true, "data-cx-share": "" });
    this.message = h("p", { className: "cx-message", "aria-live": "polite", "data-cx-message": "" });
    this.confirmBox = h("div", { className: "cx-confirm", hidden: true, "data-cx-confirm": "" },
      h("p", null, t("Clear every answer, note, target and snapshot of this assessment from this browser? Export first to keep a copy.")),
      h("button", { type: "button", className: "md-button md-button--primary", "data-cx-action": "reset-confirm" }, t("Yes, clear everything")),
      " ",
      h("button", { type: "button", className: "md-button", "data-cx-action": "reset-cancel" }, t("Cancel")));
    const button = (action, label, extra = {}) => h("button", { type: "button", className: "md-button", "data-cx-action": action, ...extra }, label);
    const controls = h("div", { className: "cx-controls" },
      h("h2", { className: "cx-controls__title" }, t("Save, share and print")),
      h("div", { className: "cx-controls__row" },
        button("export-json", t("Export JSON")),
        button("export-csv", t("Export CSV")),
        h("span", { className: "cx-import" },
          h("label", { htmlFor: importId, className: "md-button" }, t("Import JSON")),
          h("input", { type: "file", id: importId, accept: ".json,application/json", "data-cx-import": "", className: "cx-import__input" })),
        button("share", t("Send to your CX lead"), { "aria-expanded": "false", "aria-controls": shareId }),
        button("print", t("Print report")),
        button("snapshot", t("Save snapshot")),
        button("reset", t("Start over…"), { "aria-expanded": "false" })),
      this.confirmBox,
      this.sharePanel,
      this.message,
      h("p", { className: "cx-hint" }, t("Answers are saved in this browser as you go. Nothing is sent anywhere. Import replaces what is saved here; answers to questions this version no longer asks are kept in the file's history.")));
    this.live = h("p", { className: "cx-sr-only", role: "status", "data-cx-live": "" });
    // The round sits with the location under "About you" (the template writes it): an invitation fills both in.
    this.roundInput = this.scope.querySelector("input[data-cx-round]");
    for (const [parent, node] of [[actions, controls], [results, this.live]]) {
      if (!parent) continue;
      parent.append(node);
      this.undo.push(() => node.remove());
    }
  }

  say(text, isError = false) {
    this.message.textContent = text;
    this.message.classList.toggle("cx-message--error", isError);
  }

  /** Dispatch a cx:* event from the root; returns false if a listener vetoed it. */
  emit(type, detail, cancelable = false) {
    return this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, cancelable }));
  }

  // --- actions ------------------------------------------------------------

  firstUnanswered() {
    const lacks = lacking(this.state.profile);
    for (const [id, entry] of this.questions) if (!this.state.answers[id] && !dropped(entry.question, lacks)) return id;
    return null;
  }

  /** Questions about a department this location lacks: a line says why, and their choices rest. */
  markDropped() {
    const lacks = lacking(this.state.profile);
    for (const field of this.scope.querySelectorAll("[data-cx-needs]")) {
      const out = field.getAttribute("data-cx-needs").split(" ").some((need) => lacks.includes(need));
      field.classList.toggle("cx-question--dropped", out);
      const line = field.querySelector("[data-cx-dropped]");
      if (line) line.hidden = !out;
      for (const input of field.querySelectorAll("input[type=radio]")) input.disabled = out;
    }
  }

  jumpTo(id) {
    if (!id) return;
    const field = this.scope.querySelector(`[data-cx-question="${CSS.escape(id)}"]`);
    const target = field && (field.querySelector("input[type=radio]:checked") || field.querySelector("input[type=radio]"));
    if (target) {
      target.focus({ preventScroll: true });
      field.scrollIntoView({ block: "center" });
    }
  }

  confirm(ids) {
    const targets = ids || Object.keys(this.state.answers).filter((id) => this.state.answers[id].unconfirmed);
    const known = targets.filter((id) => this.questions.has(id) && this.state.answers[id]);
    if (!known.length) return;
    this.change("confirm", { questionIds: known }, (state) => {
      for (const id of known) {
        delete state.answers[id].unconfirmed;
        state.questionnaire[id] = askedNow(this.questions.get(id).question);
      }
    });
    this.say(tn(known.length, "Confirmed {n} answer as it stands.", "Confirmed {n} answers as they stand."));
  }

  acknowledge() {
    this.change("acknowledge", {}, (state) => {
      for (const [id, { question }] of this.questions) if (!state.questionnaire[id]) state.questionnaire[id] = askedNow(question);
    });
  }

  /** "Send to your CX lead": the link and QR code (share.js, loaded the first time). */
  async toggleShare(trigger) {
    const open = this.sharePanel.hidden;
    this.sharePanel.hidden = !open;
    trigger.setAttribute("aria-expanded", String(open));
    if (!open) return;
    if (!this.share) {
      const { Share } = await import("./share.js");
      if (!this.model || this.share) return;
      this.share = new Share(this.sharePanel, this);
    }
    await this.share.draw();
  }

  exportJSON() {
    const data = toExport(this.model, this.state);
    download(this.document, fileName(this.model, "json"), JSON.stringify(data, null, 2), "application/json");
    this.say(t("Exported your answers as a JSON file."));
  }

  async exportCSV() {
    const { toCSV } = await import("./csv.js");
    download(this.document, fileName(this.model, "csv"), toCSV(this.model, this.state), "text/csv;charset=utf-8");
    this.say(t("Exported your answers as a CSV file."));
  }

  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = ""; // the same file can be chosen again after fixing it
    if (!file) return;
    const name = file.name.slice(0, 80);
    const limit = this.model.limits.fileMaxBytes;
    if (file.size > limit) {
      this.say(t("“{name}” was not imported: it is larger than {mb} MB, the most an export can be. Nothing was changed.", { name, mb: limit / 1024 / 1024 }), true);
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      this.say(t("The file could not be read. Nothing was changed."), true);
      return;
    }
    const result = readAnswers(text, this.model);
    if (!result.ok) {
      this.say(`${result.message} ${t("Nothing was changed.")}`, true);
      return;
    }
    const applied = this.change("import", { fileName: name, notices: result.notices }, (state) => {
      Object.assign(state, result.state);
      // The file's respondent is this browser's from now on; a version 1 file has none.
      if (!state.respondent) state.respondent = store.newRespondentId(this.window);
    });
    if (!applied) return;
    this.fillForm();
    this.update();
    const count = Object.keys(this.state.answers).length;
    const edition = result.file.edition && this.model.edition && result.file.edition !== this.model.edition
      ? [t("The file comes from the “{from}” edition; it was carried over to this one (“{to}”).", { from: result.file.edition, to: this.model.edition })] : [];
    this.say([tn(count, "Imported {n} answer from “{name}”; it replaces what was saved here.", "Imported {n} answers from “{name}”; they replace what was saved here.", { name }), ...edition, ...result.notices].join(" "));
  }

  saveSnapshot() {
    const max = this.model.limits.snapshotsMax;
    if (this.state.snapshots.length >= max) {
      this.say(t("There are {max} snapshots already. Delete an old one first.", { max }), true);
      return;
    }
    const savedAt = new Date().toISOString();
    const snapshot = {
      id: `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
      savedAt,
      label: t("Snapshot {n}", { n: this.state.snapshots.length + 1 }),
      answers: JSON.parse(JSON.stringify(this.state.answers)),
      scores: snapshotScores(this.results),
    };
    if (this.change("snapshot", { snapshotId: snapshot.id }, (state) => { state.snapshots.push(snapshot); })) {
      this.say(t("Saved {label} ({date}). Changes per section are now shown against it.", { label: snapshot.label, date: formatDate(savedAt) }));
    }
  }

  deleteSnapshot(id) {
    const snapshot = this.state.snapshots.find((s) => s.id === id);
    if (!snapshot) return;
    if (!this.change("snapshot", { snapshotId: id, deleted: true }, (state) => {
      state.snapshots = state.snapshots.filter((s) => s !== snapshot);
    })) return;
    this.say((snapshot.label ? t("Deleted {label} of {date}.", { label: snapshot.label, date: formatDate(snapshot.savedAt) })
      : t("Deleted the snapshot of {date}.", { date: formatDate(snapshot.savedAt) })));
    // The button that had focus is gone with the re-render; keep keyboard users in place.
    this.message.setAttribute("tabindex", "-1");
    this.message.focus();
  }

  askReset(open) {
    this.confirmBox.hidden = !open;
    const trigger = this.scope.querySelector('[data-cx-action="reset"]');
    trigger.setAttribute("aria-expanded", String(open));
    (open ? this.confirmBox.querySelector('[data-cx-action="reset-cancel"]') : trigger).focus();
  }

  reset() {
    const applied = this.change("reset", {}, (state) => {
      store.remove(this.window, this.model);
      store.remove(this.window, this.model, INVITATION);
      Object.assign(state, emptyState(this.window, this.model));
    });
    this.confirmBox.hidden = true;
    const trigger = this.scope.querySelector('[data-cx-action="reset"]');
    trigger.setAttribute("aria-expanded", "false");
    trigger.focus();
    if (!applied) return;
    this.fillForm();
    this.say(t("Cleared. Every answer, note, target and snapshot of this assessment was removed from this browser."));
  }
}
