// Entry point: mounts one Assessment per [data-cx-assessment] root and one
// PlaysFilter per [data-cx-filter], again after every instant navigation.

import { Assessment } from "./assessment.js";
import { PlaysFilter } from "./plays-filter.js";

let mounted = [];

function mountAll() {
  // Instant navigation swaps the page content; drop the old instances first so
  // listeners never pile up on roots (old or, if reused, new).
  for (const instance of mounted) instance.destroy();
  mounted = [];
  for (const root of document.querySelectorAll("[data-cx-assessment]")) mounted.push(new Assessment(root).mount());
  for (const root of document.querySelectorAll("[data-cx-filter]")) mounted.push(new PlaysFilter(root).mount());
}

// `document$` is mkdocs-material's observable of page loads (initial and instant).
if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
