// Drawing the team view: the page's skeleton (drop zone, options, people,
// results), the progress of a read, what a merge did, who is in, and the
// team's figures. It owns the elements it draws and never changes the team:
// the owner (team.js) holds the state and calls these after every change.

import { hiddenText } from "./contract.js";
import { h, safeHref } from "./dom.js";
import { dateFormat, t, tn } from "./strings.js";
import { displayPercent } from "./scoring.js";
import { LINK_REASONS } from "./team-links.js";
import { noRound } from "./team-rounds.js";
import { AGREEMENT_MIN_N, K_MAX, K_MIN, REASONS, tidy } from "./team-stats.js";

// The compare selector's choices that are not a round (team.js holds the same values).
const COMPARE_NONE = "\u0000none";
const COMPARE_SUMMARY = "\u0000summary";

const ALL_REASONS = { ...REASONS, ...LINK_REASONS };

const AGENDA_OPEN = 10; // agenda items shown before "the other questions"
const LIST_OPEN = 30; // respondents listed open; more start folded
const NAME_MAX = 120; // characters of a file name shown

// One formatter for every date on the page (creating one per row is slow with a
// thousand rows), in the browser's language, made on first use (strings.dateFormat):
// an empty team view never pays for it.
const dates = dateFormat({ dateStyle: "medium", timeStyle: "short" }, () => undefined);
function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso).slice(0, 10) : dates().format(date);
}
const pct = (p) => (p === null || p === undefined ? "—" : `${displayPercent(p)}%`);
const points = (x) => (x === null || x === undefined ? "—" : `${Math.round(x)}`);
const fixed = (x, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));
const clipName = (name) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);

/** A bucket 0..4 of a mean percent, for the heatmap's colour (the number is always in the cell). */
/** A level from fewer respondents than the mean beside it (the provisional ones are left out) says whose it is. */
const levelBasis = (x) => (x.levelN === x.n ? ""
  : ` ${x.levelMean === null ? t("(from the {n} with 80% or more answered)", { n: x.levelN })
    : t("(from the {n} with 80% or more answered: mean {mean})", { n: x.levelN, mean: pct(x.levelMean) })}`);

function bucket(mean) {
  return Math.max(0, Math.min(4, Math.floor(mean / 20)));
}

export class TeamDrawing {
  /** `view` is the owner: its model, team, excluded, options and stats are read, never written. */
  constructor(view) {
    this.view = view;
    this.ids = 0;
  }

  get model() { return this.view.model; }

  get options() { return this.view.options; }

  get window() { return this.view.window; }

  get team() { return this.view.team; }

  get excluded() { return this.view.excluded; }

  get stats() { return this.view.stats; }

  id(part) {
    this.ids += 1;
    return `cx-team-${this.model.id}-${part}-${this.ids}`;
  }

  // --- the page's skeleton ------------------------------------------------------

  build(body) {
    const filesId = this.id("files");
    const folderId = this.id("folder");
    const hideId = this.id("hide");
    const kId = this.id("k");
    const progressId = this.id("progress");
    const button = (action, label, extra = {}) => h("button", { type: "button", className: "md-button", "data-cx-team-action": action, ...extra }, label);

    this.progress = h("progress", { id: progressId, max: 1, value: 0 });
    this.progressText = h("span", { "data-cx-team-progress-text": "" });
    this.progressBox = h("p", { className: "cx-team-progress", hidden: true, "data-cx-team-progress": "" },
      h("label", { htmlFor: progressId }, t("Reading files")), " ", this.progress, " ", this.progressText);
    this.status = h("p", { className: "cx-message", role: "status", "data-cx-team-status": "" });
    this.report = h("div", { className: "cx-team-report", "data-cx-team-report": "" });
    this.drop = h("div", { className: "cx-drop", "data-cx-drop": "" },
      h("p", { className: "cx-drop__text" }, t("Drop the exported JSON files here (or a folder of them), or choose them:")),
      h("p", { className: "cx-drop__buttons" },
        h("span", { className: "cx-import" },
          h("label", { htmlFor: filesId, className: "md-button" }, t("Choose files")),
          h("input", { type: "file", id: filesId, multiple: true, accept: ".json,application/json", className: "cx-import__input", "data-cx-team-files": "" })),
        " ",
        h("span", { className: "cx-import" },
          h("label", { htmlFor: folderId, className: "md-button" }, t("Choose a folder")),
          h("input", { type: "file", id: folderId, multiple: true, webkitdirectory: true, className: "cx-import__input", "data-cx-team-folder": "" }))));
    // Named for what it sets: the sentence around it ("… smaller than [5] respondents") reads
    // well on screen, but "respondents" alone told a screen reader nothing.
    this.kInput = h("input", { type: "number", id: kId, min: K_MIN, max: K_MAX, step: 1, value: String(this.options.k), className: "cx-team-k",
      "aria-label": t("Smallest group shown (k), in respondents"), "data-cx-team-k": "" });
    this.hideBox = h("input", { type: "checkbox", id: hideId, checked: this.options.hideSmall, "data-cx-team-hide": "" });
    const notesId = this.id("notes");
    this.notesBox = h("input", { type: "checkbox", id: notesId, checked: this.options.showNotes, "data-cx-team-show-notes": "" });
    const pasteId = this.id("paste");
    this.paste = h("textarea", { id: pasteId, rows: 4, className: "cx-team-paste", spellcheck: false, "data-cx-paste": "" });
    this.pasteBox = h("div", { className: "cx-team-links", "data-cx-team-links": "" },
      h("p", null, h("label", { htmlFor: pasteId }, t("Or paste links from “Send to your CX lead”: an email thread or a spreadsheet column, any text around them is ignored"))),
      this.paste,
      h("p", { className: "cx-controls__row" },
        h("button", { type: "button", className: "md-button", "data-cx-action": "merge-pasted" }, t("Add the pasted links"))));
    this.opened = h("div", { className: "cx-confirm", hidden: true, "data-cx-team-opened": "" },
      h("p", { "data-cx-team-opened-text": "" }, t("This page was opened with one respondent's answers in its link.")), " ",
      button("add-opened", t("Add this respondent"), { className: "md-button md-button--primary" }), " ",
      button("dismiss-opened", t("Not now")));
    this.confirmBox = h("div", { className: "cx-confirm", hidden: true, "data-cx-team-confirm": "" },
      h("p", { "data-cx-team-confirm-text": "" }),
      button("clear-confirm", t("Yes, clear team data"), { className: "md-button md-button--primary" }), " ",
      button("clear-cancel", t("Cancel")));
    this.storage = h("p", { className: "cx-hint", "data-cx-team-storage": "" });
    this.buttons = [button("download-csv", t("Download CSV")), button("download-json", t("Download JSON summary")),
      button("print", t("Print report")), button("clear", t("Clear team data…"), { "aria-expanded": "false" })];

    // Rounds and participation (team-rounds.js, team-headcount.js).
    const roundNameId = this.id("round-name");
    const roundId = this.id("round");
    const baselineId = this.id("baseline");
    const summaryFileId = this.id("baseline-file");
    const headcountId = this.id("headcount");
    const headcountFileId = this.id("headcount-file");
    this.roundNameInput = h("input", { type: "text", id: roundNameId, maxLength: this.model.limits.textMax, className: "cx-team-round-name",
      placeholder: t("for example 2027-Q1"), "data-cx-team-round-name": "" });
    this.roundSelect = h("select", { id: roundId, "data-cx-team-round": "" });
    this.baselineSelect = h("select", { id: baselineId, "data-cx-team-baseline": "" });
    this.baselineNote = h("p", { className: "cx-hint", "data-cx-team-baseline-note": "" });
    this.headcountBox = h("textarea", { id: headcountId, rows: 4, className: "cx-team-paste", spellcheck: false, "data-cx-team-headcount": "",
      placeholder: "store,department,headcount\nNorth,sales,6" });
    this.headcountProblems = h("div", { className: "cx-team-refused", hidden: true, "data-cx-team-headcount-problems": "", role: "alert" });
    // Folded: the page keeps its place when the runtime mounts (the team body's reserved height, team.css).
    this.roundsBox = h("details", { className: "cx-team-rounds-options", "data-cx-team-rounds": "" },
      h("summary", null, t("Rounds and expected headcount")),
      h("fieldset", { className: "cx-team-fieldset" },
        h("legend", null, t("Rounds")),
        h("p", null, h("label", { htmlFor: roundNameId }, t("Round of the answers you add next, when a file or link names none: ")), this.roundNameInput),
        h("p", null, h("label", { htmlFor: roundId }, t("Round shown: ")), this.roundSelect, " ",
          h("label", { htmlFor: baselineId }, t("compared with: ")), this.baselineSelect),
        h("p", { className: "cx-controls__row" },
          h("span", { className: "cx-import" },
            h("label", { htmlFor: summaryFileId, className: "md-button" }, t("Bring back an earlier round's JSON summary")),
            h("input", { type: "file", id: summaryFileId, accept: ".json,application/json", className: "cx-import__input", "data-cx-team-baseline-file": "" })),
          " ", button("baseline-clear", t("Put the summary away"))),
        this.baselineNote,
        h("p", { className: "cx-hint" }, t("A person who answers in two rounds counts once in each. A later answer replaces an earlier one only within the same round."))),
      h("fieldset", { className: "cx-team-fieldset" },
        h("legend", null, t("Expected headcount")),
        h("p", null, h("label", { htmlFor: headcountId }, t("How many people each store and department has, one line each: store,department,headcount (the department by its name or id)"))),
        this.headcountBox,
        h("p", { className: "cx-controls__row" },
          button("headcount", t("Use these headcounts")), " ",
          h("span", { className: "cx-import" },
            h("label", { htmlFor: headcountFileId, className: "md-button" }, t("Import a CSV")),
            h("input", { type: "file", id: headcountFileId, accept: ".csv,text/csv,text/plain", className: "cx-import__input", "data-cx-team-headcount-file": "" })),
          " ", button("headcount-clear", t("Remove the headcounts"))),
        this.headcountProblems));
    const addId = this.id("add");
    const optionsId = this.id("options");
    this.people = h("section", { className: "cx-team-section cx-team-people", "aria-labelledby": this.id("people") });
    this.results = h("div", { className: "cx-team-results", "data-cx-team-results": "" });
    body.replaceChildren(
      h("section", { className: "cx-team-section cx-team-add", "aria-labelledby": addId },
        h("h2", { id: addId }, t("Add the team's answer files")),
        this.opened, this.drop, this.pasteBox, this.progressBox, this.status, this.report),
      h("section", { className: "cx-team-section cx-team-options", "aria-labelledby": optionsId },
        h("h2", { id: optionsId }, t("Report options")),
        h("fieldset", { className: "cx-team-fieldset" },
          h("legend", null, t("Privacy of a shared report")),
          h("p", { className: "cx-team-hide" }, this.hideBox, " ", h("label", { htmlFor: hideId }, t("Hide groups smaller than")), " ",
            this.kInput, " ", t("respondents")),
          h("p", { className: "cx-hint" }, t("On by default: heatmap cells, a location's departments, leadership and everyone else show “fewer than k” for small groups, so one person's answers cannot be picked out. Notes then come only from departments of k or more, without names.")),
          h("p", { className: "cx-team-hide" }, this.notesBox, " ",
            h("label", { htmlFor: notesId }, t("Show every note, also from smaller departments (they may say who wrote them)")))),
        this.roundsBox,
        h("p", { className: "cx-controls__row" }, ...this.buttons.flatMap((b) => [b, " "])),
        h("p", { className: "cx-hint", "data-cx-team-csv-hint": "" }, t("The CSV keeps every individual answer and note, whatever the privacy option: it is for your own analysis. Share the printed report or the JSON summary instead.")),
        this.confirmBox,
        this.storage),
      this.people,
      this.results,
    );
  }


  /** The offer to add the respondent whose link opened this page (or hide it). */
  showOpened(show) {
    this.opened.hidden = !show;
  }

  showProgress(done, total, text) {
    this.progressBox.hidden = false;
    this.progress.max = Math.max(1, total);
    if (total) this.progress.value = done;
    else this.progress.removeAttribute("value"); // indeterminate while folders are walked
    this.progressText.textContent = text || tn(total, "{done} of {n} file read…", "{done} of {n} files read…", { done });
  }

  hideProgress() {
    this.progressBox.hidden = true;
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle("cx-message--error", isError);
  }

  // --- state shown on the page ---------------------------------------------------

  askClear(open, question) {
    this.confirmBox.hidden = !open;
    const trigger = this.view.root.querySelector('[data-cx-team-action="clear"]');
    trigger.setAttribute("aria-expanded", String(open));
    if (open) this.confirmBox.querySelector("[data-cx-team-confirm-text]").textContent = question;
    (open ? this.confirmBox.querySelector('[data-cx-team-action="clear-cancel"]') : trigger).focus();
  }

  showStorage(saved) {
    const count = this.team.respondents.length;
    this.storage.textContent = saved
      ? (count ? tn(count, "Kept in this browser until you clear it: {n} respondent.", "Kept in this browser until you clear it: {n} respondents.") : "")
      : t("This browser refused to keep the team data (its storage is full or blocked): the merge stays on this page until you reload or leave it. Download the CSV or the JSON summary to keep it.");
    this.storage.classList.toggle("cx-message", !saved);
    this.storage.classList.toggle("cx-message--error", !saved);
  }

  showOptions() {
    this.hideBox.checked = this.options.hideSmall;
    this.notesBox.checked = this.options.showNotes;
    this.kInput.value = String(this.options.k);
  }

  showHeadcountProblems(problems, source) {
    this.headcountProblems.hidden = !problems.length;
    this.headcountProblems.replaceChildren(...(problems.length ? [
      h("p", null, t("{source} were not used; nothing changed. Correct these lines and try again:", { source })),
      h("ul", null, problems.map((p) => h("li", { "data-cx-headcount-problem": "" }, p)))] : []));
  }

  /** The round selectors: every round of the team, the current one and what it is compared with. */
  renderRounds() {
    const s = this.stats;
    const rounds = s.rounds || [];
    const label = (r) => tn(r.respondents, "{round} ({n} respondent)", "{round} ({n} respondents)", { round: r.round ?? noRound() });
    const value = (r) => r.round ?? "";
    this.roundSelect.replaceChildren(...(rounds.length ? rounds.map((r) => h("option", { value: value(r), selected: r.round === s.round }, label(r)))
      : [h("option", { value: "" }, t("No answers yet"))]));
    this.roundSelect.disabled = rounds.length < 2;
    if (rounds.length > 1 || this.view.headcounts || this.view.baselineSummary) this.roundsBox.open = true;
    const compared = s.comparison ? (this.view.rounds.baseline === COMPARE_SUMMARY ? COMPARE_SUMMARY : s.baseline ?? "") : COMPARE_NONE;
    const options = [h("option", { value: COMPARE_NONE, selected: compared === COMPARE_NONE }, t("nothing"))];
    for (const r of rounds) {
      if (r.round === s.round) continue;
      options.push(h("option", { value: value(r), selected: compared === value(r) }, label(r)));
    }
    if (this.view.baselineSummary) {
      const b = this.view.baselineSummary;
      options.push(h("option", { value: COMPARE_SUMMARY, selected: compared === COMPARE_SUMMARY },
        tn(b.respondents, "the JSON summary brought back ({round}, {n} respondent)", "the JSON summary brought back ({round}, {n} respondents)", { round: b.round ?? noRound() })));
    }
    this.baselineSelect.replaceChildren(...options);
    this.baselineNote.textContent = this.view.baselineSummary
      ? t("An earlier round's summary is kept in this browser: {round}.", { round: this.view.baselineSummary.round ?? noRound() }) : "";
  }

  /** The figures after the stats changed: buttons, counts, results. */
  renderAll() {
    this.renderRounds();
    const empty = !this.team.respondents.length;
    for (const b of this.buttons) b.disabled = empty;
    this.renderCounts();
    this.renderResults();
  }

  // --- the figures ----------------------------------------------------------------

  renderReport(reads, merged, skipped, saved, links = false) {
    const refused = reads.filter((r) => !r.ok);
    const ok = reads.filter((r) => r.ok);
    const parts = [];
    const count = (n) => (links ? tn(n, "{n} link", "{n} links") : tn(n, "{n} file", "{n} files"));
    const summary = [t("Read {files}: {added}{replaced}{refused}.", {
      files: count(reads.length),
      added: tn(merged.added, "{n} new respondent", "{n} new respondents"),
      replaced: merged.replaced ? t(", {n} updated by a newer export", { n: merged.replaced }) : "",
      refused: refused.length ? t(", {files} refused", { files: count(refused.length) }) : "",
    }) + " " + tn(this.team.respondents.length, "The team now has {n} respondent.", "The team now has {n} respondents.")];
    if (skipped) summary.push(tn(skipped, "{n} other file in the folder (not .json, or hidden) was left out.", "{n} other files in the folder (not .json, or hidden) were left out."));
    if (!saved) summary.push(t("This browser refused to keep them: see below."));
    this.say(summary.join(" "), refused.length > 0 && !ok.length);
    if (refused.length) {
      parts.push(h("div", { className: "cx-team-refused", "data-cx-team-refused": "" },
        h("h3", null, links ? tn(refused.length, "{n} link was not merged", "{n} links were not merged")
          : tn(refused.length, "{n} file was not merged", "{n} files were not merged")),
        h("p", null, links ? t("Nothing from these links was used; everything merged before is still there.")
          : t("Nothing from these files was used; everything merged before is still there.")),
        h("ul", null, refused.map((r) => h("li", { "data-cx-refused-file": r.file },
          h("strong", { className: "cx-team-file" }, clipName(r.file)), ` (${ALL_REASONS[r.reason]}): ${r.message}`)))));
    }
    if (merged.superseded.length) {
      parts.push(h("div", { className: "cx-team-duplicates", "data-cx-team-duplicates": "" },
        h("h3", null, t("The same respondent in several files")),
        h("p", null, t("Only the newest export of each respondent counts; the older files were set aside.")),
        h("ul", null, merged.superseded.map((s) => h("li", null, this.supersededText(s))))));
    }
    const notes = [];
    const carried = ok.filter((r) => r.carried);
    if (carried.length) {
      const versions = [...new Set(carried.map((r) => r.fromVersion))].join(", ");
      notes.push(tn(carried.length, "{n} file was answered to an older version of the questionnaire ({versions}) and carried over to version {version}, as a single import would.",
        "{n} files were answered to an older version of the questionnaire ({versions}) and carried over to version {version}, as a single import would.", { versions, version: this.model.version }));
    }
    const lost = ok.filter((r) => r.lost);
    if (lost.length) notes.push(tn(lost.length, "{n} file has answers whose choice no longer exists; those answers count as unanswered.", "{n} files have answers whose choice no longer exists; those answers count as unanswered."));
    const ignored = ok.filter((r) => r.departmentIgnored);
    if (ignored.length) notes.push(tn(ignored.length, "{n} file names a department this playbook does not know; counted under “Not stated”.", "{n} files name a department this playbook does not know; counted under “Not stated”."));
    const v1 = ok.filter((r) => r.respondent.id === null);
    if (v1.length) notes.push(tn(v1.length, "{n} file is in the first export format, which carries no respondent id: each counts as its own respondent, and a person who sent two of them counts twice.",
      "{n} files are in the first export format, which carries no respondent id: each counts as its own respondent, and a person who sent two of them counts twice."));
    if (notes.length) parts.push(h("ul", { className: "cx-team-notices", "data-cx-team-notices": "" }, notes.map((n) => h("li", null, n))));
    this.report.replaceChildren(...parts);
  }

  supersededText(s) {
    const who = s.name ? `${s.name} (${s.id})` : s.id;
    return [t("{who}: kept ", { who }), h("strong", { className: "cx-team-file" }, clipName(s.kept.file)), t(" (exported {date}); set aside ", { date: formatDate(s.kept.exportedAt) }),
      s.dropped.map((d, i) => [i ? ", " : "", h("span", { className: "cx-team-file" }, clipName(d.file)), t(" (exported {date})", { date: formatDate(d.exportedAt) })]), "."];
  }

  departmentName(id) {
    const d = id ? this.model.departments.find((x) => x.id === id) : null;
    return d ? d.name : t("Not stated");
  }

  /** The list of respondents with include/exclude; redrawn only when the team changes. */
  renderPeople() {
    const people = this.team.respondents;
    const headingId = this.people.getAttribute("aria-labelledby");
    this.counts = h("div", { className: "cx-team-counts", "data-cx-team-counts": "" });
    const parts = [h("h2", { id: headingId }, t("Who is in")), this.counts];
    if (people.length) {
      const answered = (r) => this.model.sections.reduce((n, s) => n + s.questions.filter((q) => r.answers[q.id]).length, 0);
      const total = this.model.sections.reduce((n, s) => n + s.questions.length, 0);
      const rows = people.map((r) => {
        const label = t("Include {name} from “{file}” ({where})", { name: r.name || t("the respondent"), file: clipName(r.file),
          where: `${this.departmentName(r.department)}${r.location ? `, ${tidy(r.location)}` : ""}` });
        return h("tr", { className: this.excluded.has(r.key) ? "cx-team-row--out" : null, "data-cx-team-respondent": r.key },
          h("td", null, h("input", { type: "checkbox", checked: !this.excluded.has(r.key), "data-cx-team-include": r.key, "aria-label": label })),
          h("th", { scope: "row" }, r.name || h("span", { className: "cx-team-anon" }, t("Not named"))),
          h("td", null, this.departmentName(r.department)),
          h("td", null, r.location ? tidy(r.location) : t("Not stated")),
          h("td", null, r.round ?? noRound()),
          h("td", { "data-cx-team-answered": r.key }, t("{done} of {total}", { done: answered(r), total }),
            answered(r) < Math.ceil((this.model.levelCoverage ?? 0) * total - 1e-9) ? t(" ◇ provisional") : ""),
          h("td", null, formatDate(r.exportedAt)),
          h("td", { className: "cx-team-file" }, clipName(r.file)));
      });
      const table = h("table", { className: "cx-table cx-team-list" },
        h("caption", null, t("Respondents: untick one to leave their answers out of every figure")),
        h("thead", null, h("tr", null, [t("In"), t("Name"), t("Department"), t("Location"), t("Round"), t("Answered"), t("Exported"), t("File")].map((text) => h("th", { scope: "col" }, text)))),
        h("tbody", null, rows));
      const details = h("details", { className: "cx-team-list-details", open: people.length <= LIST_OPEN },
        h("summary", null, tn(people.length, "All {n} respondent, to include or exclude", "All {n} respondents, to include or exclude")),
        h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("Respondents, table") }, table));
      parts.push(details);
      const all = this.team.superseded;
      if (all.length) {
        parts.push(h("details", { className: "cx-team-superseded" },
          h("summary", null, tn(all.reduce((n, s) => n + s.dropped.length, 0), "{n} older export was set aside (the same respondent sent a newer one)", "{n} older exports were set aside (the same respondent sent a newer one)")),
          h("ul", null, all.map((s) => h("li", null, this.supersededText(s))))));
      }
    }
    this.people.replaceChildren(...parts);
  }

  renderCounts() {
    if (!this.counts) return;
    const s = this.stats;
    if (!this.team.respondents.length) {
      this.counts.replaceChildren(h("p", { "data-cx-team-empty": "" }, t("No answer files merged yet. Add the team's exports above to see the team's figures.")));
      return;
    }
    const depts = s.departments.filter((d) => d.id !== null).length;
    const locs = s.locations.filter((l) => l.key !== null).length;
    const countTable = (caption, head, rows) => h("table", { className: "cx-table cx-team-count" },
      h("caption", null, caption),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, head), h("th", { scope: "col" }, t("Respondents")))),
      h("tbody", null, rows.map(([name, n]) => h("tr", null, h("th", { scope: "row" }, name), h("td", null, String(n))))));
    this.counts.replaceChildren(
      h("p", { "data-cx-team-included": "" }, tn(s.respondents, "{n} respondent included", "{n} respondents included")
        + (s.excluded ? t(" ({n} excluded)", { n: s.excluded }) : "")
        + t(", from {departments} and {locations}.", { departments: tn(depts, "{n} department", "{n} departments"), locations: tn(locs, "{n} location", "{n} locations") })
        + (s.provisional ? ` ${tn(s.provisional, "{n} respondent has answered under {percent}% of the questions (marked ◇ below): counted in the scores, left out of the levels.",
          "{n} respondents have answered under {percent}% of the questions (marked ◇ below): counted in the scores, left out of the levels.", { percent: Math.round((this.model.levelCoverage ?? 0) * 100) })}` : "")),
      h("div", { className: "cx-team-counts__tables" },
        countTable(t("Respondents by department"), t("Department"), s.departments.map((d) => [
          d.leadership && !/leader/i.test(d.name) ? t("{name} (leadership)", { name: d.name }) : d.name, d.respondents])),
        countTable(t("Respondents by location"), t("Location"), s.locations.map((l) => [l.name, l.respondents]))));
  }

  renderResults() {
    const s = this.stats;
    if (!s.respondents) {
      this.results.replaceChildren(...(this.team.respondents.length
        ? [h("p", { className: "cx-message", "data-cx-team-empty": "" }, t("Every respondent is excluded: tick at least one in “Who is in” to see the team's figures."))]
        : []));
      return;
    }
    this.results.replaceChildren(
      s.rounds && s.rounds.length > 1 || s.round ? h("p", { className: "cx-team-round", "data-cx-team-round-shown": "" },
        tn(s.respondents, "Round {round}: the figures below are this round's {n} respondent.", "Round {round}: the figures below are this round's {n} respondents.", { round: s.round ?? noRound() })) : null,
      this.participationSection(s),
      this.changeSection(s),
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

  /** Response rates against the lead's headcounts, and who has not answered. */
  participationSection(s) {
    const p = s.participation;
    if (!p) return null;
    const rate = (x) => (x === null ? "—" : `${Math.round(x)}%`);
    const rows = p.stores.flatMap((st) => [
      h("tr", { className: "cx-team-total", "data-cx-participation-store": st.store },
        h("th", { scope: "row" }, st.store), h("td", null, t("All departments")), h("td", null, String(st.expected)),
        h("td", null, String(st.answered)), h("td", { "data-cx-rate": "" }, rate(st.rate))),
      ...st.departments.map((d) => h("tr", { "data-cx-participation-cell": `${st.store}:${d.department}` },
        h("th", { scope: "row" }, h("span", { className: "cx-sr-only" }, `${st.store}, `), ""), h("td", null, d.name), h("td", null, String(d.expected)),
        h("td", null, String(d.answered)), h("td", { "data-cx-rate": "" }, rate(d.rate), d.answered === 0 && d.expected > 0 ? t(" (none yet)") : "")))]);
    const silent = [...p.silentStores.map((x) => t("{store} (no answer from any department)", { store: x })),
      ...p.silentDepartments.filter((d) => !p.silentStores.includes(d.store)).map((d) => `${d.store}: ${d.name}`)];
    return this.section("participation", t("Participation"),
      h("p", { "data-cx-team-response-rate": "" }, t("Response rate: {rate} — {placed} of {expected} expected answered", { rate: rate(p.rate), placed: p.placed, expected: p.expected })
        + (p.placed !== p.respondents ? t("; {n} not placed (their store or department is not in the headcounts)", { n: p.respondents - p.placed }) : "") + "."),
      silent.length ? [h("h3", null, t("Not answered yet")), h("ul", { "data-cx-team-silent": "" }, silent.map((x) => h("li", null, x)))]
        : h("p", null, t("Every store and department in the headcounts has answered.")),
      h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("Participation, table") },
        h("table", { className: "cx-table cx-team-participation" },
          h("caption", null, t("Response rate by store and department: respondents this round against the expected headcount")),
          h("thead", null, h("tr", null, [t("Store"), t("Department"), t("Expected"), t("Answered"), t("Response rate")].map((text) => h("th", { scope: "col" }, text)))),
          h("tbody", null, rows))));
  }

  /** The change since an earlier round, with n on both sides; nothing for a group below k on either side. */
  changeSection(s) {
    const c = s.comparison;
    if (!c) return null;
    const k = this.options.k;
    const side = (x) => (x === null ? t("not in that round") : x.hidden ? hiddenText(x, k) : `${pct(x.score)} (n=${x.n})`);
    const change = (x) => {
      if (x === null) return "—";
      const p = Math.round(x);
      return p === 0 ? t("no change") : tn(Math.abs(p), "{sign}{n} point", "{sign}{n} points", { sign: p > 0 ? "▲ +" : "▼ −" });
    };
    const before = c.baseline ?? noRound();
    const now = c.round ?? noRound();
    const table = (key, caption, head, rows) => h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("{caption}, table", { caption }) },
      h("table", { className: "cx-table cx-team-change", "data-cx-team-change": key },
        h("caption", null, caption),
        h("thead", null, h("tr", null, [head, `${before}`, `${now}`, t("Change")].map((text) => h("th", { scope: "col" }, text)))),
        h("tbody", null, rows.map((r) => h("tr", { "data-cx-change-row": r.key },
          h("th", { scope: "row" }, r.name), h("td", null, side(r.before)), h("td", null, side(r.now)),
          h("td", { "data-cx-change": r.key }, change(r.change)))))));
    const people = c.people ? tn(c.people.new, "{n} respondent is new this round, {returning} answered both rounds, {gone} answered only in {before}.",
      "{n} respondents are new this round, {returning} answered both rounds, {gone} answered only in {before}.", { returning: c.people.returning, gone: c.people.gone, before })
      : t("The earlier round comes from its JSON summary: who answered it is not known, only how many ({n}).", { n: c.respondents.before });
    const news = [...c.newDepartments.map((d) => t("{name} (department)", { name: d })), ...c.newLocations.map((l) => t("{name} (location)", { name: l }))];
    const kinds = { section: t("section"), department: t("department"), location: t("location") };
    const count = (n) => tn(n, "{n} respondent", "{n} respondents");
    return this.section("change", t("Change since {round}", { round: before }),
      h("p", null, t("Round {round} ({respondents}) against {baseline} ({earlier}).", { round: now, respondents: count(c.respondents.now), baseline: before, earlier: count(c.respondents.before) })
        + " " + t("Each change is the difference of two means, in percentage points; ▲ is better.")
        + (this.options.hideSmall ? " " + t("A group with fewer than {k} respondents in either round shows no change.", { k }) : "")),
      h("p", { "data-cx-team-overall-change": "" }, t("Overall: {before} → {now}, {change}.", { before: side(c.overall.before), now: side(c.overall.now), change: change(c.overall.change) })),
      c.moved.length ? [h("h3", null, t("What moved most")), h("ol", { "data-cx-team-moved": "" }, c.moved.map((m) => h("li", null,
        `${m.name} (${kinds[m.kind] ?? m.kind}): ${change(m.change)}`)))] : h("p", null, t("No group moved (or every group is below the privacy limit).")),
      h("h3", null, t("Who is new")),
      h("p", { "data-cx-team-people": "" }, people),
      news.length ? h("p", null, t("Answering for the first time: {list}.", { list: news.join(", ") })) : null,
      table("sections", t("Team score by section, {before} and {now}", { before, now }), t("Section"),
        [{ key: "overall", name: t("Overall"), ...c.overall }, ...c.sections.map((x) => ({ key: x.id, name: x.title, ...x }))]),
      table("departments", t("Overall score by department, {before} and {now}", { before, now }), t("Department"),
        c.departments.map((x) => ({ key: `department:${x.id ?? ""}`, ...x }))),
      c.locations.length > 1 ? table("locations", t("Overall score by location, {before} and {now}", { before, now }), t("Location"),
        c.locations.map((x) => ({ key: `location:${x.name}`, ...x }))) : null);
  }

  summarySection(s) {
    const o = s.overall;
    // Lowest and highest are one person's score each: left out (null) while small groups are hidden.
    const spread = (x) => (x.n ? t("SD {sd}", { sd: x.sd === null ? t("— (one respondent)") : tn(Math.round(x.sd), "{n} point", "{n} points") })
      + (x.min === null ? "" : `, ${t("{min} to {max}", { min: pct(x.min), max: pct(x.max) })}`) : "—");
    const rows = [{ title: t("Overall"), ...o, overall: true }, ...s.sections].map((x) => h("tr", { className: x.overall ? "cx-team-total" : null },
      h("th", { scope: "row" }, x.title),
      h("td", { "data-cx-team-score": x.overall ? "overall" : x.id }, pct(x.mean)),
      h("td", { "data-cx-team-level": x.overall ? "overall" : x.id }, x.level ? `${x.level.name}${levelBasis(x)}` : "—"),
      h("td", null, String(x.n)),
      h("td", null, x.n ? (x.sd === null ? "—" : points(x.sd)) : "—"),
      h("td", null, x.n && x.min !== null ? t("{min} to {max}", { min: pct(x.min), max: pct(x.max) }) : "—")));
    return this.section("summary", t("Team score"),
      o.n ? h("p", { className: "cx-results__overall" },
        h("span", { className: "cx-results__score", "data-cx-team-overall": "" }, pct(o.mean)), " ",
        o.level ? h("span", { className: "cx-results__level" }, o.level.name) : null,
        o.level && levelBasis(o) ? h("span", { className: "cx-hint", "data-cx-team-level-basis": "" }, levelBasis(o)) : null) : null,
      h("p", { className: "cx-results__basis" }, o.n
        ? tn(o.n, "Mean of {n} respondent's overall scores (n = {n}); spread: {spread}.", "Mean of {n} respondents' overall scores (n = {n}); spread: {spread}.", { spread: spread(o) })
        : t("No respondent answered a scored question yet.")),
      o.level ? h("p", { className: "cx-results__description" }, h("strong", null, `${o.level.name}: `), o.level.description) : null,
      h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("Team score by section, table") },
        h("table", { className: "cx-table cx-team-scores" },
          h("caption", null, t("Team score by section: the mean of respondents' scores, with how many answered (n) and how far apart they are")),
          h("thead", null, h("tr", null, [t("Section"), t("Team score"), t("Level"), t("n"), t("SD (points)"), t("Lowest to highest")].map((text) => h("th", { scope: "col" }, text)))),
          h("tbody", null, rows))));
  }

  heatCell(c, key) {
    const k = this.options.k;
    if (c.hidden) return h("td", { className: "cx-heat cx-heat--hidden", "data-cx-heat": key }, hiddenText(c, k));
    if (!c.n) return h("td", { className: "cx-heat cx-heat--none", "data-cx-heat": key }, "—", h("span", { className: "cx-sr-only" }, t(" no answers")));
    return h("td", { className: `cx-heat cx-heat--${bucket(c.mean)}${c.split ? " cx-heat--split" : ""}`, "data-cx-heat": key,
      "data-cx-split": c.split ? "" : null },
    h("span", { className: "cx-heat__value" }, pct(c.mean)), " ",
    h("span", { className: "cx-heat__n" }, `n=${c.n}`),
    c.split ? [" ", h("span", { className: "cx-heat__split" }, t("◆ split"))] : null,
    h("span", { className: "cx-heat__range" }, c.n > 1 && c.min !== null ? ` ${pct(c.min)}–${pct(c.max)}` : ""));
  }

  heatmap(s, by, groups, caption, label) {
    const columns = [{ id: "overall", title: t("Overall"), data: s.overall }, ...s.sections.map((x) => ({ id: x.id, title: x.title, data: x }))];
    const head = by === "department" ? t("Department") : t("Location");
    return h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": label },
      h("table", { className: "cx-table cx-heatmap", "data-cx-heatmap": by },
        h("caption", null, caption),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, head),
          columns.map((c) => h("th", { scope: "col" }, c.title)))),
        h("tbody", null, groups.map((g, i) => h("tr", { "data-cx-heat-row": g.id ?? g.key ?? "" },
          h("th", { scope: "row" }, g.name, h("span", { className: "cx-heat__n" }, ` (${g.respondents})`)),
          columns.map((c) => this.heatCell((by === "department" ? c.data.byDepartment : c.data.byLocation)[i], `${g.id ?? g.key ?? ""}:${c.id}`)))))));
  }

  heatLegend() {
    const ranges = [t("under 20%"), "20–39%", "40–59%", "60–79%", t("80% and over")];
    return h("div", { className: "cx-heat-legend" },
      h("p", null, t("Each cell: the group's mean score, how many respondents it rests on (n), and the lowest to highest. A stronger blue means higher; the number is always written."), " ",
      h("span", { className: "cx-heat__split" }, t("◆ split")), t(" (and a dashed border): respondents 50 points or more apart, worth a conversation.")),
      h("ul", { className: "cx-heat-legend__scale", "aria-label": t("Colour scale") }, ranges.map((r, i) => h("li", null,
        h("span", { className: `cx-heat-legend__swatch cx-heat--${i}`, "aria-hidden": "true" }), ` ${r}`))));
  }

  heatmapSection(s) {
    const content = [this.heatLegend(),
      this.heatmap(s, "department", s.departments, t("Mean score by department and section"), t("Mean score by department, table"))];
    if (s.locations.length > 1) {
      content.push(h("h3", null, t("By location")),
        this.heatmap(s, "location", s.locations, t("Mean score by location and section"), t("Mean score by location, table")));
    }
    if (s.stores.length > 1) content.push(h("h3", null, t("By location and department")), this.storeTable(s));
    if (this.options.hideSmall) content.unshift(h("p", { className: "cx-hint" }, t("Groups with fewer than {k} respondents are hidden, and so is any group whose figures, taken from a shown total, would give a hidden one away; lowest and highest scores are not shown.", { k: this.options.k })));
    return this.section("heatmap", t("Where departments see it differently"), ...content);
  }

  /** Store × department: each location's overall score per department, and its own leadership gap. */
  storeTable(s) {
    const k = this.options.k;
    const gap = (g) => {
      if (g.leadership.hidden || g.rest.hidden) return t("fewer than {k} on a side", { k });
      if (g.gap === null) return "—";
      const p = Math.round(g.gap);
      return p === 0 ? "no gap" : `${p > 0 ? "+" : "−"}${Math.abs(p)} points`;
    };
    return h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("Overall score by location and department, table") },
      h("table", { className: "cx-table cx-heatmap", "data-cx-heatmap": "store" },
        h("caption", null, t("Overall score by location and department, and each location's leadership gap (leadership − rest)")),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, t("Location")),
          s.departments.map((d) => h("th", { scope: "col" }, d.name)), h("th", { scope: "col" }, t("Leadership gap")))),
        h("tbody", null, s.stores.map((g) => h("tr", { "data-cx-heat-row": g.key ?? "" },
          h("th", { scope: "row" }, g.name, h("span", { className: "cx-heat__n" }, ` (${g.respondents})`)),
          g.byDepartment.map((c) => this.heatCell(c, `${g.key ?? ""}:${c.id ?? ""}`)),
          h("td", { "data-cx-store-gap": g.key ?? "" }, gap(g)))))));
  }

  leadershipSection(s) {
    const leaders = this.model.departments.filter((d) => d.leadership).map((d) => d.name);
    if (!s.leadershipRespondents || !s.restRespondents) {
      const why = !leaders.length ? t("No department of this playbook is marked as leadership.")
        : !s.leadershipRespondents ? t("No respondent from {departments} is included yet.", { departments: leaders.join(", ") }) : t("Every included respondent is from leadership.");
      return this.section("leadership", t("Leadership and everyone else"), h("p", null, t("{why} This comparison needs both.", { why })));
    }
    const k = this.options.k;
    const side = (g) => (g.hidden ? hiddenText(g, k) : g.n ? `${pct(g.mean)} (n=${g.n})` : "— (n=0)");
    const gap = (x) => {
      if (x === null) return "—";
      const p = Math.round(x);
      return p === 0 ? "no gap" : `${p > 0 ? "+" : "−"}${Math.abs(p)} points`;
    };
    const rows = [{ title: t("Overall"), ...s.overall, overall: true }, ...s.sections].map((x) => h("tr", { className: x.overall ? "cx-team-total" : null },
      h("th", { scope: "row" }, x.title),
      h("td", null, side(x.leadership)),
      h("td", null, side(x.rest)),
      h("td", { "data-cx-team-gap": x.overall ? "overall" : x.id }, gap(x.gap))));
    const largest = s.gaps.slice(0, 3).filter((g) => Math.round(g.gap) !== 0);
    return this.section("leadership", t("Leadership and everyone else"),
      h("p", null, t("Top-down: how respondents from {departments} score each section, against everyone else. A positive gap means leadership sees it better than the people doing the work.", { departments: leaders.join(", ") })),
      h("div", { className: "cx-table-wrap", tabIndex: 0, role: "region", "aria-label": t("Leadership and everyone else, table") },
        h("table", { className: "cx-table cx-team-leadership" },
          h("caption", null, t("Mean score of leadership and of everyone else, with n, and the gap in percentage points")),
          h("thead", null, h("tr", null, [t("Section"), t("Leadership"), t("Everyone else"), t("Gap (leadership − rest)")].map((text) => h("th", { scope: "col" }, text)))),
          h("tbody", null, rows))),
      largest.length ? [h("h3", null, t("Largest gaps")), h("ol", { "data-cx-team-largest-gaps": "" }, largest.map((g) => {
        const x = s.sections.find((y) => y.id === g.section);
        return h("li", { "data-cx-team-gap-section": g.section }, t("{section}: {gap}, leadership {leadership} against everyone else {rest}", { section: g.title, gap: gap(g.gap), leadership: side(x.leadership), rest: side(x.rest) }));
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
        h("p", { className: "cx-agenda__meta" }, t("{section} · no scored answers ({na} not applicable, {unanswered} unanswered)", { section: q.sectionTitle, na: q.notApplicable, unanswered: q.unanswered })));
    }
    const meta = [q.sectionTitle, `n = ${q.n}`, t("middle answer: “{answer}”", { answer: this.choiceLabel(q, q.median) }), tn(q.range, "range {n} step", "range {n} steps"),
      t("disagreement {value}", { value: fixed(q.dissention) }), t("mean score {score}", { score: pct(q.mean * 100) })];
    const max = Math.max(1, ...q.counts.map((c) => c.count), q.notApplicable);
    const bar = (count) => {
      const fill = h("span", { className: "cx-dist__fill" });
      fill.style.width = `${(100 * count) / max}%`;
      return h("span", { className: "cx-dist__bar", "aria-hidden": "true" }, fill);
    };
    const rows = q.counts.map((c) => h("tr", { "data-cx-choice": c.choice },
      h("th", { scope: "row" }, c.label), h("td", { className: "cx-dist__count" }, String(c.count)), h("td", null, bar(c.count))));
    if (q.notApplicable) {
      rows.push(h("tr", { "data-cx-choice": this.model.limits.notApplicable }, h("th", { scope: "row" }, t("Not applicable (not scored)")),
        h("td", { className: "cx-dist__count" }, String(q.notApplicable)), h("td", null, bar(q.notApplicable))));
    }
    const agree = { rwg: q.rwg === null ? "—" : fixed(q.rwg), ad: fixed(q.ad), limit: fixed(q.counts.length / 6) };
    const agreement = q.n >= AGREEMENT_MIN_N && q.ad !== null
      ? (q.adAcceptable
        ? t("Agreement: rwg {rwg} (1 = full agreement, 0 = no more than chance); AD {ad} steps from the mean, within the usual limit of {limit}.", agree)
        : t("Agreement: rwg {rwg} (1 = full agreement, 0 = no more than chance); AD {ad} steps from the mean, beyond the usual limit of {limit}.", agree))
      : t("Agreement indices (rwg, AD) are shown from {min} answers; with {n} they would mean little.", { min: AGREEMENT_MIN_N, n: q.n });
    return h("li", attrs,
      h("h3", { className: "cx-agenda__title" }, q.text),
      h("p", { className: "cx-agenda__meta" }, q.split ? [h("strong", { className: "cx-flag", "data-cx-split": "" }, t("◆ Split")), " · "] : null, meta.join(" · ")),
      h("table", { className: "cx-table cx-dist" },
        h("caption", null, tn(q.n + q.notApplicable, "How {n} respondent answered", "How {n} respondents answered") + (q.unanswered ? t(" ({n} did not)", { n: q.unanswered }) : "")),
        h("thead", { className: "cx-sr-only" }, h("tr", null, h("th", { scope: "col" }, t("Answer")), h("th", { scope: "col" }, t("Respondents")), h("th", { scope: "col" }, t("Share")))),
        h("tbody", null, rows)),
      h("p", { className: "cx-agenda__agreement" }, agreement),
      q.notes.length ? h("ul", { className: "cx-notes", "aria-label": t("Notes written as evidence") }, q.notes.map((n) => h("li", { "data-cx-note": "" },
        h("span", { className: "cx-notes__by" }, [n.department || t("Department hidden (small group)"), n.name].filter(Boolean).join(", ")), ": ", n.text))) : null,
      q.notesWithheld ? h("p", { className: "cx-hint", "data-cx-notes-withheld": "" }, tn(q.notesWithheld, "{n} note withheld: written in a department of fewer than {k} respondents (see Report options).",
        "{n} notes withheld: written in a department of fewer than {k} respondents (see Report options).", { k: this.options.k })) : null);
  }

  agendaSection(s) {
    const items = s.questions.map((q) => this.agendaItem(q));
    const head = items.slice(0, AGENDA_OPEN);
    const rest = items.slice(AGENDA_OPEN);
    const splits = s.questions.filter((q) => q.split).length;
    return this.section("agenda", t("Discussion agenda"),
      h("p", null, t("Questions ordered by disagreement, most first: 0 when everyone picked the same answer, 1 when the team stands in two camps at the ends of the scale.") + " "
        + tn(splits, "{n} question is marked ◆ split (answers two or more steps apart, or a quarter of answers each side of the middle). The notes are the evidence respondents wrote.",
          "{n} questions are marked ◆ split (answers two or more steps apart, or a quarter of answers each side of the middle). The notes are the evidence respondents wrote.")),
      h("ol", { className: "cx-agenda", "data-cx-agenda": "" }, head),
      rest.length ? h("details", { className: "cx-agenda__more" },
        h("summary", null, tn(rest.length, "The other {n} question, with less disagreement", "The other {n} questions, with less disagreement")),
        h("ol", { className: "cx-agenda", start: AGENDA_OPEN + 1 }, rest)) : null);
  }

  actionsSection(s) {
    if (!s.actions.length) {
      return this.section("actions", t("Team next actions"),
        h("p", null, t("No plays to recommend: no question the team answered has a mean score under {percent}% or split answers, or none names a play.", { percent: Math.round(this.model.lowBelow * 100) })));
    }
    const levels = this.model.levelNames;
    const n = new Map(s.questions.map((q) => [q.id, q.n]));
    return this.section("actions", t("Team next actions"),
      h("p", null, t("The plays of the questions the team scores low (under {percent}%) or splits on, highest priority first (weight × (1 − mean score)); cheap and quick plays first when tied.", { percent: Math.round(this.model.lowBelow * 100) })),
      h("ol", { className: "cx-actions-list", "data-cx-team-actions": "" }, s.actions.map((a) => {
        const href = safeHref(a.play.url, this.window.location.href);
        return h("li", { "data-cx-team-play": a.playId },
          h("p", { className: "cx-action__title" }, href ? h("a", { href }, a.play.title) : a.play.title),
          h("p", { className: "cx-action__meta" },
            t("Effort {effort} · cost {cost} · owner {owner} · {where}", { effort: levels[a.play.effort] || a.play.effort, cost: levels[a.play.cost] || a.play.cost, owner: a.play.ownerName, where: a.play.where })),
          h("p", { className: "cx-action__phase" }, a.play.phase ? t("90-day plan: {phase}", { phase: a.play.phase.title }) : t("90-day plan: not scheduled; consider it at the quarterly review")),
          h("p", { className: "cx-action__why" }, t("Because: "),
            a.questions.map((q, i) => [i ? "; " : "", q.text, t(" (mean {score}, n = {n}{split})", { score: pct(q.mean * 100), n: n.get(q.questionId), split: q.split ? t(", ◆ split") : "" })])));
      })));
  }
}
