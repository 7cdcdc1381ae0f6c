// "A new edition of this playbook is available": shown on any page when the
// service worker has installed a new version, loaded only then. Reloading lets
// the new version take over first, so old and new pages never mix.

import { t } from "./strings.js";

export function announce(worker) {
  if (document.querySelector("[data-cx-update]")) return;
  const bar = document.createElement("div");
  bar.className = "cx-update";
  bar.setAttribute("role", "status");
  bar.setAttribute("data-cx-update", "");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = t("Reload");
  button.addEventListener("click", () => {
    // The new version takes over, then the page reloads under it: old and new pages never mix.
    navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
    worker.postMessage("cx:activate");
  });
  bar.append(t("A new edition of this playbook is available."), " ", button);
  document.body.append(bar);
}
