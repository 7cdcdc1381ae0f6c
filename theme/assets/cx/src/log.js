// The experience log in the browser: one object per [data-cx-log] root.
//
// data-cx-log="staff": entries kept in this browser (offline too), listed newest
// first, edited, deleted, exported (JSON, CSV) and sent to the CX lead as links.
// data-cx-log="customer": one short entry, no personal data, turned into a link
// the customer sends or shows; nothing is kept.
//
// Events (bubbling, from the root): cx:log-change {kind: "add"|"edit"|"delete"|"name", saved}
// after an entry or the name changed; cx:log-links {links} after links were made.

import { h } from "./dom.js";
import { download } from "./exporter.js";
import { readModel } from "./contract.js";
import { cleanEntry, logLinks, newestFirst, newId, readLog, toCsv, toFile } from "./log-data.js";
import * as store from "./store.js";

const PART = "entries";

export class ExperienceLog {
  constructor(root) {
    this.root = root;
    this.win = root.ownerDocument.defaultView;
    this.model = readModel(root.querySelector("[data-cx-model]"));
    this.mode = root.getAttribute("data-cx-log") || "staff";
    this.form = root.querySelector("[data-cx-log-form]");
    this.editing = null;
    this.log = null;
    this.onSubmit = this.onSubmit.bind(this);
    this.onClick = this.onClick.bind(this);
    this.onChange = this.onChange.bind(this);
  }

  get strings() {
    return this.model.strings;
  }

  mount() {
    this.log = this.mode === "staff" ? this.restore() : { author: { id: newId(this.win, "l"), customer: true }, entries: [] };
    this.root.addEventListener("submit", this.onSubmit);
    this.root.addEventListener("click", this.onClick);
    this.root.addEventListener("change", this.onChange);
    this.root.hidden = false;
    this.filterTouchpoints();
    const name = this.root.querySelector("[data-cx-log-name]");
    if (name) name.value = this.log.author.name || "";
    this.draw();
    return this;
  }

  destroy() {
    this.root.removeEventListener("submit", this.onSubmit);
    this.root.removeEventListener("click", this.onClick);
    this.root.removeEventListener("change", this.onChange);
    for (const node of this.root.querySelectorAll("[data-cx-log-list], [data-cx-log-links]")) node.replaceChildren();
    this.root.hidden = true;
    return this;
  }

  // --- state -------------------------------------------------------------------

  restore() {
    const text = store.read(this.win, this.model, PART);
    const read = text ? readLog(text, this.model) : null;
    if (read && read.ok) return read.log;
    return { author: { id: newId(this.win, "l") }, entries: [] };
  }

  save() {
    return store.save(this.win, this.model, null, PART, toFile(this.log));
  }

  announce(kind, saved) {
    this.root.dispatchEvent(new CustomEvent("cx:log-change", { bubbles: true, detail: { kind, saved } }));
  }

  // --- the form ----------------------------------------------------------------

  entryFromForm() {
    const data = new FormData(this.form);
    const now = new Date().toISOString();
    const old = this.editing && this.log.entries.find((e) => e.id === this.editing);
    const raw = {
      id: old ? old.id : newId(this.win, "e"),
      at: old ? old.at : now,
      where: this.mode === "customer" ? "ours" : data.get("where"),
      business: data.get("business") || "",
      moment: data.get("moment") || "",
      touchpoint: data.get("touchpoint") || "",
      happened: data.get("happened") || "",
      feeling: data.get("feeling"),
      why: data.get("why") || "",
      idea: data.get("idea") || "",
    };
    if (old) raw.updatedAt = now;
    return cleanEntry(raw, this.model);
  }

  async onSubmit(event) {
    if (!event.target.matches("[data-cx-log-form]")) return;
    event.preventDefault();
    const entry = this.entryFromForm();
    if (!entry) {
      this.status(this.strings.incomplete, true);
      return;
    }
    if (this.mode === "customer") {
      this.log.entries = [entry];
      this.form.hidden = true;
      await this.makeLinks(this.strings.customerLinkHint);
      return;
    }
    const kind = this.editing ? "edit" : "add";
    this.log.entries = [...this.log.entries.filter((e) => e.id !== entry.id), entry].sort(newestFirst);
    this.editing = null;
    this.form.reset();
    this.filterTouchpoints();
    const saved = this.save();
    this.draw();
    this.status(saved ? this.strings.saved : this.strings.notSaved, !saved);
    this.announce(kind, saved);
  }

  onChange(event) {
    if (event.target.matches("[name=moment]")) this.filterTouchpoints();
    if (event.target.matches("[data-cx-log-name]")) {
      this.log.author.name = event.target.value.trim().slice(0, 80);
      this.announce("name", this.save());
    }
  }

  /** Only the chosen moment's touchpoints are offered. */
  filterTouchpoints() {
    const moment = this.form.querySelector("[name=moment]");
    const select = this.form.querySelector("[name=touchpoint]");
    if (!moment || !select) return;
    for (const group of select.querySelectorAll("optgroup")) {
      const show = group.getAttribute("data-moment") === moment.value;
      group.hidden = !show;
      group.disabled = !show;
    }
    if (select.selectedOptions[0] && select.selectedOptions[0].parentElement.disabled) select.value = "";
  }

  status(message, problem = false) {
    const node = this.root.querySelector("[data-cx-log-status]");
    if (!node) return;
    node.textContent = message;
    node.classList.toggle("cx-log__status--problem", problem);
  }

  // --- actions -----------------------------------------------------------------

  async onClick(event) {
    const button = event.target.closest("[data-cx-log-action]");
    if (!button || !this.root.contains(button)) return;
    const action = button.getAttribute("data-cx-log-action");
    const id = button.getAttribute("data-cx-entry");
    if (action === "edit") this.edit(id);
    else if (action === "delete") this.remove(id);
    else if (action === "cancel") this.cancel();
    else if (action === "json") download(this.win.document, `experience-log-${today()}.json`, `${JSON.stringify(toFile(this.log), null, 2)}\n`, "application/json");
    else if (action === "csv") download(this.win.document, `experience-log-${today()}.csv`, toCsv([this.log], this.model), "text/csv");
    else if (action === "send") await this.makeLinks(this.strings.sendHint);
    else if (action === "copy") this.copy(button);
  }

  edit(id) {
    const entry = this.log.entries.find((e) => e.id === id);
    if (!entry) return;
    this.editing = id;
    const set = (name, value) => {
      const field = this.form.elements[name];
      if (field) field.value = value;
    };
    for (const radio of this.form.querySelectorAll("[name=where], [name=feeling]")) {
      radio.checked = radio.value === String(radio.name === "where" ? entry.where : entry.feeling);
    }
    set("business", entry.business);
    set("moment", entry.moment);
    this.filterTouchpoints();
    set("touchpoint", entry.touchpoint);
    set("happened", entry.happened);
    set("why", entry.why);
    set("idea", entry.idea);
    this.form.querySelector("[data-cx-log-action=cancel]").hidden = false;
    this.form.querySelector("[type=submit]").textContent = this.strings.saveChanges;
    this.form.querySelector("[name=happened]").focus();
    this.status(this.strings.editing);
  }

  cancel() {
    this.editing = null;
    this.form.reset();
    this.filterTouchpoints();
    this.form.querySelector("[data-cx-log-action=cancel]").hidden = true;
    this.form.querySelector("[type=submit]").textContent = this.strings.saveEntry;
    this.status("");
  }

  remove(id) {
    if (!this.win.confirm(this.strings.confirmDelete)) return;
    this.log.entries = this.log.entries.filter((e) => e.id !== id);
    if (this.editing === id) this.cancel();
    const saved = this.save();
    this.draw();
    this.status(this.strings.deleted, !saved);
    this.announce("delete", saved);
  }

  async makeLinks(hint) {
    const box = this.root.querySelector("[data-cx-log-links]");
    if (!this.log.entries.length) {
      box.replaceChildren(h("p", null, this.strings.nothingToSend));
      return;
    }
    const view = new URL(this.model.viewUrl, this.win.location.href).href;
    // The QR encoder is share.js's, as for the assessments' "Send to your CX lead"; it loads with the first links.
    const [links, { qrSVG }] = await Promise.all([logLinks(this.log, view), import("./share.js")]);
    const doc = this.root.ownerDocument;
    box.replaceChildren(
      h("p", null, hint),
      h("ol", { className: "cx-log__links" }, links.map((link, i) => {
        const name = this.strings.linkLabel.replace("{n}", i + 1).replace("{total}", links.length);
        const qr = qrSVG(doc, link);
        qr.removeAttribute("data-cx-share-qr");
        qr.setAttribute("data-cx-log-qr", "");
        qr.setAttribute("aria-label", `QR: ${name}`);
        return h("li", null,
          h("label", { htmlFor: `cx-log-link-${i}` }, name),
          h("input", { id: `cx-log-link-${i}`, type: "text", readOnly: true, value: link, className: "cx-log__link" }),
          " ", h("button", { type: "button", className: "md-button", "data-cx-log-action": "copy", "data-cx-link": link }, this.strings.copy),
          " ", h("a", { href: mailto(this.strings.mailSubject, link), className: "md-button" }, this.strings.email),
          h("div", { className: "cx-log__qr" }, qr));
      })),
    );
    this.root.dispatchEvent(new CustomEvent("cx:log-links", { bubbles: true, detail: { links } }));
  }

  async copy(button) {
    const link = button.getAttribute("data-cx-link");
    try {
      await this.win.navigator.clipboard.writeText(link);
      button.textContent = this.strings.copied;
    } catch {
      const input = button.parentElement.querySelector("input");
      if (input) input.select();
    }
  }

  // --- drawing -----------------------------------------------------------------

  draw() {
    const list = this.root.querySelector("[data-cx-log-list]");
    if (!list) return;
    const count = this.root.querySelector("[data-cx-log-count]");
    if (count) count.textContent = this.strings.count.replace("{n}", this.log.entries.length);
    if (!this.log.entries.length) {
      list.replaceChildren(h("li", { className: "cx-log__empty" }, this.strings.empty));
      return;
    }
    list.replaceChildren(...this.log.entries.map((e) => this.entryItem(e)));
  }

  entryItem(e) {
    const moment = this.model.moments.find((m) => m.id === e.moment);
    const touchpoint = moment && moment.touchpoints.find((t) => t.id === e.touchpoint);
    const feeling = this.model.feelings.find((f) => f.value === e.feeling);
    const place = e.where === "other" ? [this.strings.other, e.business].filter(Boolean).join(": ") : this.strings.ours;
    return h("li", { className: "cx-log__entry", "data-cx-entry": e.id },
      h("p", { className: "cx-log__meta" },
        h("time", { dateTime: e.at }, new Date(e.at).toLocaleString(this.model.language)), " · ", place,
        moment ? [" · ", moment.title] : null, touchpoint ? [" · ", touchpoint.name] : null),
      h("p", { className: "cx-log__feeling" }, `${e.feeling}/5 · ${feeling ? feeling.label : ""}`),
      e.happened ? h("p", null, e.happened) : null,
      e.why ? h("p", null, h("strong", null, `${this.strings.why} `), e.why) : null,
      e.idea ? h("p", null, h("strong", null, `${this.strings.idea} `), e.idea) : null,
      h("p", { className: "cx-log__actions" },
        h("button", { type: "button", className: "md-button", "data-cx-log-action": "edit", "data-cx-entry": e.id,
          "aria-label": `${this.strings.edit}: ${label(e)}` }, this.strings.edit), " ",
        h("button", { type: "button", className: "md-button", "data-cx-log-action": "delete", "data-cx-entry": e.id,
          "aria-label": `${this.strings.delete}: ${label(e)}` }, this.strings.delete)));
  }
}

function label(entry) {
  return `${entry.at.slice(0, 16).replace("T", " ")} ${entry.happened || entry.why || entry.idea}`.slice(0, 60);
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

function mailto(subject, link) {
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(link)}`;
}
