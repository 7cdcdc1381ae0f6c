// Scanning "Send to your CX lead" QR codes with the camera, in a workshop: the
// lead holds one phone after another in front of the laptop, and each code read
// is merged exactly like a pasted link (TeamView.addLinks: the same reader, the
// same refusals, duplicates settled as for files). Part of the team view; the
// TeamView mounts it and destroy() stops the camera.
//
// The decoder: the browser's BarcodeDetector where it reads QR codes (Chrome on
// Android, macOS, ChromeOS), otherwise qr-decode.js (zxing-wasm), a bundle of
// its own loaded only when the lead presses "Scan QR codes".
//
// Announced on [data-cx-team] as cx:team-scan (README, "Team view events").

import { h } from "./dom.js";
import { t, tn } from "./strings.js";
import { LINK_REASONS } from "./team-links.js";
import { REASONS } from "./team-stats.js";

const REASON_NAMES = { ...REASONS, ...LINK_REASONS };

const FRAME_EVERY = 200; // ms between two frames decoded: quick enough for a hand, light on a laptop
const FRAME_WIDTH = 960; // px: frames are scaled down to this for decoding (a QR code on a phone stays readable)
const BUSY_RETRY = 300; // ms: codes read while files are being merged wait their turn

const clip = (text) => (text.length > 48 ? `${text.slice(0, 30)}…${text.slice(-12)}` : text);

/** Can this browser open a camera and decode QR codes at all? (It may still refuse when asked.) */
export function canScan(win) {
  const media = win.navigator.mediaDevices;
  return Boolean(win.isSecureContext && media && typeof media.getUserMedia === "function"
    && (typeof win.BarcodeDetector === "function" || typeof win.WebAssembly === "object"));
}

async function browserDetector(win) {
  if (typeof win.BarcodeDetector !== "function") return null;
  try {
    if (!(await win.BarcodeDetector.getSupportedFormats()).includes("qr_code")) return null;
    const detector = new win.BarcodeDetector({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video)).map((code) => code.rawValue).filter(Boolean);
  } catch {
    return null;
  }
}

export class Scanner {
  /** `view` is the TeamView (its window, root and addLinks); the scanner's box goes after `anchor`. */
  constructor(view, anchor) {
    this.view = view;
    this.window = view.window;
    this.stream = null;
    this.timer = 0;
    this.generation = 0;
    this.seen = new Set();
    this.queue = [];
    this.counts = { read: 0, added: 0, refused: 0 };
    this.onClick = this.onClick.bind(this);
    const doc = view.document;
    this.video = h("video", { className: "cx-team-scan__video", muted: true, playsInline: true, hidden: true,
      "aria-hidden": "true", "data-cx-scan-video": "" });
    this.status = h("p", { className: "cx-message", role: "status", "aria-live": "polite", "data-cx-scan-status": "" });
    this.refusedList = h("ul", { "data-cx-scan-refused": "" });
    this.refusedBox = h("div", { className: "cx-team-refused", hidden: true },
      h("h3", null, t("Codes not merged")), this.refusedList);
    this.start = h("button", { type: "button", className: "md-button", "data-cx-scan-action": "start" }, t("Scan QR codes"));
    this.stopButton = h("button", { type: "button", className: "md-button md-button--primary", hidden: true,
      "data-cx-scan-action": "stop" }, t("Stop the camera"));
    this.box = h("div", { className: "cx-team-scan", "data-cx-team-scan": "" },
      h("p", null, t("Or, in a meeting, scan the QR codes on people's phones with this device's camera: each code read is added like a pasted link. The camera's picture stays on this device.")),
      h("p", { className: "cx-controls__row" }, this.start, " ", this.stopButton),
      this.video, this.status, this.refusedBox);
    this.canvas = doc.createElement("canvas");
    this.box.addEventListener("click", this.onClick);
    anchor.after(this.box);
  }

  destroy() {
    this.stop(false);
    this.box.removeEventListener("click", this.onClick);
    this.box.remove();
  }

  emit(state, extra = {}) {
    this.view.emit("cx:team-scan", { state, ...this.counts, ...extra });
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle("cx-message--error", isError);
  }

  onClick(event) {
    const trigger = event.target.closest("[data-cx-scan-action]");
    if (!trigger) return;
    if (trigger.getAttribute("data-cx-scan-action") === "start") this.begin();
    else this.stop(true);
  }

  /** Open the camera and the decoder, then read frames until stopped. */
  async begin() {
    if (this.stream) return;
    const generation = ++this.generation;
    this.seen = new Set();
    this.counts = { read: 0, added: 0, refused: 0 };
    this.refusedList.replaceChildren();
    this.refusedBox.hidden = true;
    this.start.disabled = true;
    this.say(t("Opening the camera…"));
    let stream;
    try {
      stream = await this.window.navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      return this.fail(error && error.name === "NotAllowedError"
        ? t("The camera was not allowed. Allow it in the browser's site settings and press “Scan QR codes” again, or paste the links.")
        : error && (error.name === "NotFoundError" || error.name === "OverconstrainedError")
          ? t("No camera was found on this device. Paste the links instead.")
          : t("The camera could not be opened ({error}). Paste the links instead.", { error: error && error.name ? error.name : "?" }));
    }
    if (generation !== this.generation) return stopTracks(stream); // stopped (or destroyed) meanwhile
    this.stream = stream;
    this.video.srcObject = stream;
    this.video.hidden = false;
    this.stopButton.hidden = false;
    this.say(t("Camera on. Loading the QR decoder…"));
    try {
      this.decode = await this.decoder();
      await this.video.play();
    } catch (error) {
      if (generation !== this.generation) return undefined;
      this.stop(false);
      return this.fail(t("The QR decoder could not be loaded ({error}). Paste the links instead.", { error: error && error.message ? error.message : error }));
    }
    if (generation !== this.generation) return undefined;
    this.say(t("Camera on. Hold a “Send to your CX lead” QR code in front of it: each code is added as soon as it is read."));
    this.emit("on");
    this.tick(generation);
    return undefined;
  }

  fail(text) {
    this.start.disabled = false;
    this.say(text, true);
    this.emit("error", { message: text });
  }

  /** A function from the video to the texts of the QR codes in its current frame. */
  async decoder() {
    const native = await browserDetector(this.window);
    if (native) return native;
    const { decodeFrame, loadDecoder } = await import("./qr-decode.js");
    await loadDecoder();
    const context = this.canvas.getContext("2d", { willReadFrequently: true });
    return (video) => {
      const scale = Math.min(1, FRAME_WIDTH / video.videoWidth);
      const width = Math.round(video.videoWidth * scale);
      const height = Math.round(video.videoHeight * scale);
      if (!width || !height) return Promise.resolve([]);
      this.canvas.width = width;
      this.canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      return decodeFrame(context.getImageData(0, 0, width, height));
    };
  }

  async tick(generation) {
    if (generation !== this.generation) return;
    if (this.video.readyState >= 2) {
      let texts = [];
      try {
        texts = await this.decode(this.video);
      } catch {
        texts = []; // one unreadable frame; the next may do
      }
      if (generation !== this.generation) return;
      for (const text of texts) {
        if (this.seen.has(text)) continue; // a code held in view is read on every frame: once is enough
        this.seen.add(text);
        this.queue.push(text);
      }
      this.drain(generation);
    }
    this.timer = this.window.setTimeout(() => this.tick(generation), FRAME_EVERY);
  }

  /** Merge the codes read, one at a time, through the team view's link path. */
  async drain(generation) {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length && generation === this.generation) {
        if (this.view.busy) {
          await new Promise((resolve) => { this.window.setTimeout(resolve, BUSY_RETRY); });
          continue;
        }
        const text = this.queue.shift();
        this.counts.read += 1;
        const name = t("Scanned code {n} ({text})", { n: this.counts.read, text: clip(text) });
        let outcome = null;
        const listen = (event) => { outcome = event.detail; };
        this.view.root.addEventListener("cx:team-merge", listen, { once: true });
        await this.view.addLinks([{ name, link: text }]);
        this.view.root.removeEventListener("cx:team-merge", listen);
        if (!outcome) continue;
        this.report(name, text, outcome);
      }
    } finally {
      this.draining = false;
    }
  }

  report(name, text, outcome) {
    const refusal = outcome.refused[0];
    let said;
    if (refusal) {
      this.counts.refused += 1;
      const reason = REASON_NAMES[refusal.reason] || refusal.reason;
      said = t("Code {n} refused ({reason}): {message}", { n: this.counts.read, reason, message: refusal.message });
      this.refusedList.append(h("li", { "data-cx-refused-file": name, "data-cx-reason": refusal.reason },
        h("strong", null, name), ` (${reason}): ${refusal.message}`));
      this.refusedBox.hidden = false;
    } else if (outcome.added) {
      this.counts.added += 1;
      said = t("Code {n} added a respondent.", { n: this.counts.read });
    } else {
      said = t("Code {n}: a respondent already in the team, settled as for files (the newest answers count).", { n: this.counts.read });
    }
    this.say(`${said} ${this.tally()} ${tn(outcome.respondents, "The team has {n} respondent.", "The team has {n} respondents.")}`, Boolean(refusal));
    this.emit("read", { text, added: outcome.added, refused: refusal ? refusal.reason : null });
  }

  tally() {
    const { read, added, refused } = this.counts;
    return tn(read, "So far: {n} code read, {added} added, {refused} refused.", "So far: {n} codes read, {added} added, {refused} refused.", { added, refused });
  }

  /** Turn the camera off (its light too): every track of the stream is stopped. */
  stop(announce) {
    this.generation += 1;
    this.window.clearTimeout(this.timer);
    this.queue = [];
    const wasOn = Boolean(this.stream);
    stopTracks(this.stream);
    this.stream = null;
    this.video.pause();
    this.video.srcObject = null;
    this.video.hidden = true;
    this.stopButton.hidden = true;
    this.start.disabled = false;
    if (announce && wasOn) {
      this.say(t("Camera off. {tally}", { tally: this.tally() }));
      this.emit("off");
      this.start.focus();
    } else if (wasOn) {
      this.emit("off");
    }
  }
}

function stopTracks(stream) {
  if (stream) for (const track of stream.getTracks()) track.stop();
}
