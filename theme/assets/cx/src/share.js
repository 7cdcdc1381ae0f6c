// "Send to your CX lead": one respondent's answers as a link to this site's
// team view (team-links.js writes it; the answers ride in the fragment, which
// browsers never send to a server) and as a QR code of exactly that link.
// Loaded by assessment.js only when the respondent asks for it: the QR
// encoder (the `qrcode` npm package's core, bundled by esbuild) comes with it.
// The Assessment owns this panel; destroy() undoes what the constructor did.

import { create as createQR } from "qrcode/lib/core/qrcode.js";
import { h } from "./dom.js";
import { t } from "./strings.js";
import { encodeLink, linkData } from "./team-links.js";
import { toExport } from "./exporter.js";

const SVG = "http://www.w3.org/2000/svg";
const QUIET = 4; // modules of white around the code, as the standard asks

/** The QR code of `text` as an SVG element (one path of dark modules; text never becomes markup). */
export function qrSVG(doc, text) {
  const qr = createQR(text, { errorCorrectionLevel: "M" });
  const { size, data } = qr.modules;
  let d = "";
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) if (data[y * size + x]) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
  }
  const side = size + 2 * QUIET;
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${side} ${side}`);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("role", "img");
  svg.setAttribute("data-cx-share-qr", "");
  svg.setAttribute("data-cx-qr-version", String(qr.version));
  const back = doc.createElementNS(SVG, "rect");
  back.setAttribute("width", String(side));
  back.setAttribute("height", String(side));
  back.setAttribute("fill", "#fff");
  const path = doc.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(back, path);
  return svg;
}

export class Share {
  /** `panel` is the Assessment's [data-cx-share] element; `owner` its Assessment (model, state, window). */
  constructor(panel, owner) {
    this.panel = panel;
    this.owner = owner;
    this.generation = 0;
    this.link = null;
    this.onClick = this.onClick.bind(this);
    this.onChange = this.onChange.bind(this);
    this.panel.addEventListener("click", this.onClick);
    this.panel.addEventListener("change", this.onChange);
    const { model } = owner;
    const notesId = `cx-share-notes-${model.id}`;
    const linkId = `cx-share-link-${model.id}`;
    this.notes = h("input", { type: "checkbox", id: notesId, "data-cx-share-notes": "" });
    this.field = h("input", { type: "text", id: linkId, readOnly: true, className: "cx-share__link", "data-cx-share-link": "", spellcheck: false });
    this.length = h("p", { className: "cx-hint", "data-cx-share-length": "" });
    this.mail = h("a", { className: "md-button", "data-cx-share-mail": "" }, t("Email the link"));
    this.qr = h("div", { className: "cx-share__qr" });
    this.status = h("p", { className: "cx-message", role: "status", "data-cx-share-status": "" });
    const canShare = typeof owner.window.navigator.share === "function";
    panel.replaceChildren(
      h("p", null, t("A link to this assessment's team view with your answers in it: send it to your CX lead, or let them scan the QR code. The answers are in the part after “#”, which browsers never send to a server. The link carries your respondent id, department, location and choices, not your name.")),
      h("p", null, this.notes, " ", h("label", { htmlFor: notesId }, t("Include my notes (they may say who wrote them)"))),
      h("p", null, h("label", { htmlFor: linkId }, t("Link for your CX lead"))),
      this.field,
      this.length,
      h("p", { className: "cx-controls__row" },
        h("button", { type: "button", className: "md-button md-button--primary", "data-cx-share-action": "copy" }, t("Copy the link")), " ",
        canShare ? [h("button", { type: "button", className: "md-button", "data-cx-share-action": "native" }, t("Share…")), " "] : null,
        this.mail),
      this.status,
      h("figure", { className: "cx-share__figure" }, this.qr,
        h("figcaption", null, t("The same link as a QR code: a phone's camera opens it, or the team view's scanner reads it."))));
  }

  destroy() {
    this.generation += 1;
    this.panel.removeEventListener("click", this.onClick);
    this.panel.removeEventListener("change", this.onChange);
    this.panel.replaceChildren();
  }

  /** Write the link and its QR code for the owner's current answers. */
  async draw() {
    const generation = ++this.generation;
    const { model, state, window: win } = this.owner;
    const teamUrl = new URL(model.teamUrl, win.location.href).href;
    // The round: from the invitation the respondent opened, or as they typed it (assessment.js).
    const data = linkData(toExport(model, state), { round: state.round || null, notes: this.notes.checked });
    const link = await encodeLink(teamUrl, data);
    if (generation !== this.generation) return null; // a newer answer is being written
    this.link = link;
    this.field.value = link;
    this.length.textContent = this.notes.checked ? t("{n} characters, notes included.", { n: link.length }) : t("{n} characters.", { n: link.length });
    const subject = t("My answers to {title}", { title: model.title });
    this.mail.href = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`${t("{subject}, for the team view:", { subject })}\n\n${link}\n`)}`;
    const svg = qrSVG(this.panel.ownerDocument, link);
    svg.setAttribute("aria-label", t("QR code of the link above"));
    this.qr.replaceChildren(svg);
    this.panel.dispatchEvent(new CustomEvent("cx:share", { detail: { link, length: link.length, qrVersion: Number(svg.getAttribute("data-cx-qr-version")) }, bubbles: true }));
    return link;
  }

  onChange(event) {
    if (event.target === this.notes) this.draw();
  }

  async onClick(event) {
    const trigger = event.target.closest("[data-cx-share-action]");
    if (!trigger || !this.link) return;
    const nav = this.owner.window.navigator;
    if (trigger.getAttribute("data-cx-share-action") === "copy") {
      this.field.select();
      try {
        await nav.clipboard.writeText(this.link);
        this.status.textContent = t("Copied. Paste it into an email or a message to your CX lead.");
      } catch {
        this.status.textContent = t("This browser did not allow copying: the link is selected above, copy it with the keyboard.");
      }
    } else {
      nav.share({ title: t("My answers to {title}", { title: this.owner.model.title }), url: this.link }).catch(() => {});
    }
  }
}
