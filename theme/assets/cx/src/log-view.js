// The CX lead's view of many experience logs: one object per [data-cx-log-view]
// root. Logs arrive as links (#log=… in this page's address), as exported files,
// or both; they are merged by author and kept in this browser only.
//
// Events (bubbling, from the root): cx:log-merge {added, refused, people, entries}
// after logs were read and merged; cx:log-view-change {kind: "k"|"clear", saved}.

import { h } from "./dom.js";
import { download } from "./exporter.js";
import { readModel } from "./contract.js";
import { logFromHash, logStats, mergeLogs, readLog, toCsv, toFile } from "./log-data.js";
import * as store from "./store.js";

const PART = "lead";

export class LogView {
  constructor(root) {
    this.root = root;
    this.win = root.ownerDocument.defaultView;
    this.model = readModel(root.querySelector("[data-cx-model]"));
    this.logs = [];
    this.k = this.model.k;
    this.onChange = this.onChange.bind(this);
    this.onClick = this.onClick.bind(this);
    // A second link opened in the same tab changes only the address's fragment.
    this.onHash = () => this.fromAddress();
  }

  get strings() {
    return this.model.strings;
  }

  mount() {
    this.logs = this.restore();
    this.root.addEventListener("change", this.onChange);
    this.root.addEventListener("click", this.onClick);
    this.win.addEventListener("hashchange", this.onHash);
    this.root.hidden = false;
    this.draw();
    this.fromAddress();
    return this;
  }

  destroy() {
    this.root.removeEventListener("change", this.onChange);
    this.root.removeEventListener("click", this.onClick);
    this.win.removeEventListener("hashchange", this.onHash);
    this.root.querySelector("[data-cx-log-view-body]").replaceChildren();
    this.root.hidden = true;
    return this;
  }

  restore() {
    const text = store.read(this.win, this.model, PART);
    if (!text) return [];
    try {
      const kept = JSON.parse(text);
      if (Number.isInteger(kept.k) && kept.k >= 2 && kept.k <= 50) this.k = kept.k;
      return (kept.logs || []).map((log) => readLog(log, this.model)).filter((r) => r.ok).map((r) => r.log);
    } catch {
      return [];
    }
  }

  save() {
    return store.save(this.win, this.model, null, PART, { k: this.k, logs: this.logs.map((log) => toFile(log)) });
  }

  /** A link opened here: its log is merged, then the address is cleaned so a reload does not merge it again. */
  async fromAddress() {
    const read = await logFromHash(this.win.location.hash, this.model, this.strings);
    if (!read) return;
    this.merge([read], [this.strings.fromLink]);
    this.win.history.replaceState(null, "", this.win.location.pathname + this.win.location.search);
  }

  merge(reads, names) {
    const refused = [];
    const good = [];
    reads.forEach((read, i) => (read.ok ? good.push(read.log) : refused.push({ file: names[i], message: read.message })));
    const before = this.logs.reduce((n, log) => n + log.entries.length, 0);
    this.logs = mergeLogs([...this.logs, ...good]);
    const after = this.logs.reduce((n, log) => n + log.entries.length, 0);
    const saved = this.save();
    this.draw(refused, after - before);
    this.root.dispatchEvent(new CustomEvent("cx:log-merge", { bubbles: true,
      detail: { added: after - before, refused, people: this.logs.length, entries: after, saved } }));
  }

  async onChange(event) {
    if (event.target.matches("[data-cx-log-files]")) {
      const files = [...event.target.files];
      const texts = await Promise.all(files.map((f) => f.text().catch(() => "")));
      this.merge(texts.map((text) => readLog(text, this.model, this.strings)), files.map((f) => f.name));
      event.target.value = "";
    } else if (event.target.matches("[data-cx-log-k]")) {
      const k = Number(event.target.value);
      if (Number.isInteger(k) && k >= 2 && k <= 50) {
        this.k = k;
        const saved = this.save();
        this.draw();
        this.root.dispatchEvent(new CustomEvent("cx:log-view-change", { bubbles: true, detail: { kind: "k", saved } }));
      }
    }
  }

  onClick(event) {
    const button = event.target.closest("[data-cx-log-action]");
    if (!button || !this.root.contains(button)) return;
    const action = button.getAttribute("data-cx-log-action");
    if (action === "csv") download(this.win.document, `experience-logs-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(this.logs, this.model), "text/csv");
    if (action === "clear" && this.win.confirm(this.strings.confirmClear)) {
      this.logs = [];
      const saved = this.save();
      this.draw();
      this.root.dispatchEvent(new CustomEvent("cx:log-view-change", { bubbles: true, detail: { kind: "clear", saved } }));
    }
  }

  draw(refused = [], added = null) {
    const s = this.strings;
    const body = this.root.querySelector("[data-cx-log-view-body]");
    const stats = logStats(this.logs, this.model, this.k);
    const feeling = (value) => (value === null ? "–" : value.toFixed(1));
    const touchpointTitle = (t) => {
      const moment = this.model.moments.find((m) => m.id === t.moment);
      return `${t.name} (${moment ? moment.title : ""})`;
    };
    const entryList = (entries) => h("ul", null, entries.map((e) => h("li", null,
      h("strong", null, `${e.feeling}/5`), " ", e.happened || e.why, e.why && e.happened ? [" — ", e.why] : null)));
    const kInput = this.root.querySelector("[data-cx-log-k]");
    if (kInput) kInput.value = String(this.k);
    const parts = [
      added !== null || refused.length ? h("div", { className: "cx-notice", role: "status" },
        added !== null ? h("p", null, s.merged.replace("{added}", added).replace("{people}", stats.people)) : null,
        refused.map((r) => h("p", null, `${r.file}: ${r.message}`))) : null,
      h("p", { className: "cx-log-view__summary" }, s.summary.replace("{entries}", stats.entries)
        .replace("{people}", stats.people).replace("{customers}", stats.customers)
        .replace("{ours}", stats.ours).replace("{other}", stats.other)),
      stats.entries ? [
        h("h3", null, s.byMoment),
        h("table", { className: "cx-log-view__table" },
          h("caption", null, s.byMomentCaption.replace("{n}", stats.entries)),
          h("thead", null, h("tr", null, [s.moment, s.entries, s.meanFeeling, s.plays].map((t, i) =>
            h("th", { scope: "col", className: i && i < 3 ? "cx-num" : null }, t)))),
          h("tbody", null, stats.moments.map((m) => h("tr", null,
            h("th", { scope: "row" }, m.title),
            h("td", { className: "cx-num" }, String(m.count)),
            h("td", { className: "cx-num" }, feeling(m.mean)),
            h("td", null, h("a", { href: m.url }, s.playsOf.replace("{moment}", m.title))))))),
        h("h3", null, s.byTouchpoint),
        h("table", { className: "cx-log-view__table" },
          h("caption", null, s.byTouchpointCaption),
          h("thead", null, h("tr", null, [s.touchpoint, s.moment, s.entries, s.meanFeeling].map((t, i) =>
            h("th", { scope: "col", className: i >= 2 ? "cx-num" : null }, t)))),
          h("tbody", null, stats.moments.flatMap((m) => m.touchpoints.filter((t) => t.count).map((t) => h("tr", null,
            h("th", { scope: "row" }, t.name), h("td", null, m.title),
            h("td", { className: "cx-num" }, String(t.count)), h("td", { className: "cx-num" }, feeling(t.mean))))))),
        h("h3", null, s.best),
        h("ol", { className: "cx-log-view__ranked" }, stats.best.map((t) => h("li", null,
          h("p", null, h("strong", null, touchpointTitle(t)), ` · ${feeling(t.mean)}/5 · n = ${t.count}`), entryList(t.entries)))),
        h("h3", null, s.worst),
        h("ol", { className: "cx-log-view__ranked" }, stats.worst.map((t) => h("li", null,
          h("p", null, h("strong", null, touchpointTitle(t)), ` · ${feeling(t.mean)}/5 · n = ${t.count}`), entryList(t.entries)))),
        h("h3", null, s.ideas),
        stats.namesShown ? null : h("p", { className: "cx-hint" }, s.namesHidden.replace("{k}", stats.k)),
        h("ul", { className: "cx-log-view__ideas" }, stats.ideas.map((i) => h("li", null, i.idea, " ",
          h("span", { className: "cx-hint" }, `(${i.by === "customer" ? s.aCustomer : i.by || s.aColleague})`)))),
      ] : h("p", null, s.noLogs),
    ];
    body.replaceChildren(...parts.flat(Infinity).filter(Boolean));
  }
}
