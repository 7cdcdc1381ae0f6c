// Entry point: mounts one Assessment per [data-cx-assessment] root, one
// PlaysFilter per [data-cx-filter] and one TeamView per [data-cx-team], again
// after every instant navigation. The modules (and the team view's
// stylesheet) load only on pages that have such a root, so reading the
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
  const teams = [...document.querySelectorAll("[data-cx-team]")];
  const [{ Assessment } = {}, { PlaysFilter } = {}, { TeamView } = {}] = await Promise.all([
    assessments.length ? import("./assessment.js") : undefined,
    filters.length ? import("./plays-filter.js") : undefined,
    teams.length ? import("./team.js") : undefined,
    teams.length ? stylesheet("team.css") : undefined,
  ]);
  // Another navigation may have happened while the modules loaded: it owns the page now.
  if (current !== generation) return;
  for (const root of assessments) mounted.push(new Assessment(root).mount());
  for (const root of filters) mounted.push(new PlaysFilter(root).mount());
  for (const root of teams) mounted.push(new TeamView(root).mount());
}

/** Add one of our stylesheets to the page once; resolves when it has loaded (or failed). */
function stylesheet(name) {
  const href = new URL(`./${name}`, import.meta.url).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((link) => link.href === href)) return undefined;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  document.head.append(link);
  return loaded;
}

// `document$` is mkdocs-material's observable of page loads (initial and instant).
if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
