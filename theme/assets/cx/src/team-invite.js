// "Invite the stores": the CX lead names a round, lists the stores (and, if
// wanted, the departments expected) and gets one invitation per store (or per
// store and department): a link to the assessment that fills in the round,
// location and department (invitation.js), its QR code (share.js's encoder,
// loaded when the first sheet is made), and a printable sheet, one invitation
// per page, for a break-room wall. The form is written by the template
// (team.html.j2, so nothing moves when the runtime mounts); this object gives it
// life, and destroy() takes it back. Announces cx:team-invitations (README).

import { h } from "./dom.js";
import { t, tn } from "./strings.js";
import { invitationLink, readStores } from "./invitation.js";

const STORES_MAX = 200; // invitations on one sheet
const PRINTING = "cx-printing-invitations"; // on <html> while the sheet prints: only the invitations show

export class Invitations {
  /** `view` is the TeamView (model, window, emit); `section` the [data-cx-team-invite] the template wrote. */
  constructor(view, section) {
    this.view = view;
    this.window = view.window;
    this.section = section;
    this.generation = 0;
    this.links = [];
    this.onSubmit = this.onSubmit.bind(this);
    this.onClick = this.onClick.bind(this);
    this.afterPrint = this.afterPrint.bind(this);
    const find = (selector) => section.querySelector(selector);
    this.round = find("[data-cx-invite-round]");
    this.stores = find("[data-cx-invite-stores]");
    this.boxes = [...section.querySelectorAll("input[data-cx-invite-department]")];
    this.status = find("[data-cx-invite-status]");
    this.sheet = find("[data-cx-invite-sheet]");
    this.printButton = find("[data-cx-invite-action=print]");
    this.section.addEventListener("submit", this.onSubmit);
    this.section.addEventListener("click", this.onClick);
    this.window.addEventListener("afterprint", this.afterPrint);
  }

  destroy() {
    this.generation += 1;
    this.afterPrint();
    this.window.removeEventListener("afterprint", this.afterPrint);
    this.section.removeEventListener("submit", this.onSubmit);
    this.section.removeEventListener("click", this.onClick);
    this.sheet.replaceChildren();
    this.printButton.hidden = true;
    this.say("");
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle("cx-message--error", isError);
  }

  onSubmit(event) {
    event.preventDefault();
    this.make();
  }

  async onClick(event) {
    const trigger = event.target.closest("[data-cx-invite-action]");
    if (!trigger) return;
    const action = trigger.getAttribute("data-cx-invite-action");
    if (action === "print") {
      this.window.document.documentElement.classList.add(PRINTING);
      this.window.print();
    } else if (action === "copy") {
      const link = trigger.getAttribute("data-cx-link");
      try {
        await this.window.navigator.clipboard.writeText(link);
        this.say(t("Copied the link."));
      } catch {
        this.say(t("This browser did not allow copying: select the link and copy it with the keyboard."), true);
      }
    }
  }

  afterPrint() {
    this.window.document.documentElement.classList.remove(PRINTING);
  }

  /** Check the form, then draw one invitation per store (and department). */
  async make() {
    const { model } = this.view;
    const max = model.limits.textMax;
    const round = this.round.value.replace(/\s+/g, " ").trim();
    const { stores, problems } = readStores(this.stores.value, max, STORES_MAX);
    if (!round) problems.unshift(t("Name the round (for example 2027-Q1): the answers are compared round by round."));
    if (!stores.length && !problems.length) problems.push(t("List at least one store, one per line."));
    if (problems.length) {
      this.say(t("No invitations were made. {problems}", { problems: problems.join(" ") }), true);
      (round ? this.stores : this.round).focus();
      return null;
    }
    const ticked = this.boxes.filter((box) => box.checked).map((box) => box.value);
    const names = new Map((model.departments || []).map((d) => [d.id, d.name]));
    const assessmentUrl = new URL(model.assessmentUrl || "../", this.window.location.href).href;
    const invitations = stores.flatMap((location) => (ticked.length ? ticked : [null]).map((department) => ({
      location, department, round, link: invitationLink(assessmentUrl, { round, location, department }) })));
    const generation = ++this.generation;
    const { qrSVG } = await import("./share.js");
    if (generation !== this.generation) return null;
    const doc = this.window.document;
    this.sheet.replaceChildren(...invitations.map((inv, i) => {
      const where = inv.department ? `${inv.location}, ${names.get(inv.department)}` : inv.location;
      const qr = qrSVG(doc, inv.link);
      qr.removeAttribute("data-cx-share-qr");
      qr.setAttribute("data-cx-invite-qr", "");
      qr.setAttribute("aria-label", t("QR code of the invitation for {where}", { where }));
      const linkId = `cx-invite-${model.id}-link-${i}`;
      return h("article", { className: "cx-invite", "data-cx-invite": "", "data-cx-location": inv.location,
        "data-cx-department": inv.department || "" },
      h("h3", null, `${model.title}: ${where}`),
      h("p", { className: "cx-invite__round" }, t("Round {round}", { round })),
      h("div", { className: "cx-invite__qr" }, qr),
      h("p", null, t("Point your phone's camera at the code, or open the link. Answer the questions (your answers stay on your phone), then press “Send to your CX lead”. Your name is not needed.")),
      h("p", { className: "cx-invite__link" }, h("label", { htmlFor: linkId }, t("Link")), " ",
        h("input", { type: "text", id: linkId, readOnly: true, value: inv.link, spellcheck: false, "data-cx-invite-link": "" }),
        " ", h("button", { type: "button", className: "md-button cx-invite__copy", "data-cx-invite-action": "copy",
          "data-cx-link": inv.link, "aria-label": t("Copy the link for {where}", { where }) }, t("Copy"))),
      // On paper the whole link is printed (a text field would show only its start).
      h("p", { className: "cx-invite__url" }, inv.link));
    }));
    this.printButton.hidden = false;
    this.links = invitations;
    const made = tn(invitations.length, "Made {n} invitation for round “{round}”:", "Made {n} invitations for round “{round}”:", { round });
    const what = tn(stores.length, "{n} store", "{n} stores")
      + (ticked.length ? ` × ${tn(ticked.length, "{n} department", "{n} departments")}` : "");
    this.say(`${made} ${what}. ${t("Print them, one per page, or copy each link into a message.")}`);
    this.view.emit("cx:team-invitations", { round, invitations: invitations.map(({ location, department, link }) => ({ location, department, link })) });
    return invitations;
  }
}
