// Entry point: mounts one Assessment per [data-cx-assessment] root and one
// PlaysFilter per [data-cx-filter], again after every instant navigation.
// The modules load only on pages that have such a root, so reading the
// playbook costs one small file, not the whole assessment runtime.

let mounted = [];
let generation = 0;

async function mountAll() {
  // Instant navigation swaps the page content; drop the old instances first so
  // listeners never pile up on roots (old or, if reused, new).
  for (const instance of mounted) instance.destroy();
  mounted = [];
  const current = ++generation;
  const assessments = [...document.querySelectorAll("[data-cx-assessment]")];
  const filters = [...document.querySelectorAll("[data-cx-filter]")];
  const [{ Assessment } = {}, { PlaysFilter } = {}] = await Promise.all([
    assessments.length ? import("./assessment.js") : undefined,
    filters.length ? import("./plays-filter.js") : undefined,
  ]);
  // Another navigation may have happened while the modules loaded: it owns the page now.
  if (current !== generation) return;
  for (const root of assessments) mounted.push(new Assessment(root).mount());
  for (const root of filters) mounted.push(new PlaysFilter(root).mount());
}

// `document$` is mkdocs-material's observable of page loads (initial and instant).
if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
