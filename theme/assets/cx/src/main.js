// Entry point, on every page. It mounts the page's widgets (an assessment, a
// team view, the plays filter) through mkdocs-material's document$, again after every instant
// navigation, loading each module only on pages that have one; and it keeps the
// site available offline (sw.js), announcing a new edition when one arrives.

const WIDGETS = [
  ["[data-cx-assessment]", () => import("./assessment.js"), "Assessment"],
  // Before the team view: it listens for the figures the team view announces as it mounts.
  ["[data-cx-team]", () => import("./summary.js"), "LeadershipSummary"],
  ["[data-cx-team]", () => import("./team.js"), "TeamView"],
  ["[data-cx-filter]", () => import("./plays-filter.js"), "PlaysFilter"],
  ["[data-cx-log]", () => import("./log.js"), "ExperienceLog"],
  ["[data-cx-log-view]", () => import("./log-view.js"), "LogView"],
];

let mounted = [];
let generation = 0;
let registration = null;

async function mountAll() {
  offerInstall();
  // Instant navigation swaps the page content; drop the old instances first so
  // listeners never pile up on roots (old or, if reused, new).
  for (const instance of mounted) instance.destroy();
  mounted = [];
  const current = ++generation;
  const found = WIDGETS.map(([selector, load, name]) => ({ roots: [...document.querySelectorAll(selector)], load, name }))
    .filter((widget) => widget.roots.length);
  const modules = await Promise.all(found.map((widget) => widget.load()));
  // Another navigation may have happened while the modules loaded: it owns the page now.
  if (current !== generation) return;
  found.forEach((widget, i) => {
    for (const root of widget.roots) mounted.push(new modules[i][widget.name](root).mount());
  });
  if (registration) registration.update().catch(() => {});
}

// --- print: collapsed steps are printed open -----------------------------------

window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("article details:not([open])")) {
    details.open = true;
    details.setAttribute("data-cx-printing", "");
  }
});
window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll("[data-cx-printing]")) {
    details.open = false;
    details.removeAttribute("data-cx-printing");
  }
});

// --- offline: the service worker and the "new edition" notice ---------------

function announce(worker) {
  import("./update-notice.js").then((module) => module.announce(worker));
}

function watch(reg) {
  registration = reg;
  if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
  // The notice's module loads only when there is a new edition to announce.
  reg.addEventListener("updatefound", () => {
    const next = reg.installing;
    if (!next) return;
    next.addEventListener("statechange", () => {
      if (next.state === "installed" && navigator.serviceWorker.controller) announce(next);
    });
  });
}

// Installing is offered once the worker holds the offline copy, so an app
// installed from Chrome opens with no network (Safari keeps a home-screen app's
// storage apart: it needs the network once); until then the page links no
// manifest (nor is it, and its icon, fetched while the page loads). Material's instant navigation
// drops from the head what the next page's HTML does not have, so the link is
// put back after every page load (mountAll).
let manifest = null;
let installable = false;

function offerInstall() {
  if (!installable || !manifest || document.querySelector('link[rel="manifest"]')) return;
  const link = document.createElement("link");
  link.rel = "manifest";
  link.href = manifest.href;
  document.head.append(link);
}

function register(url) {
  // Offline use is a bonus: where the browser refuses a worker, the site works as before.
  // A browser that blocks workers (a privacy setting, a test harness) may resolve with no registration.
  navigator.serviceWorker.register(url, { scope: new URL("./", url).pathname }).then((reg) => {
    if (!reg) return;
    watch(reg);
    navigator.serviceWorker.ready.then(() => {
      installable = true;
      offerInstall();
    });
  }, () => {});
}

const worker = document.querySelector("script[data-cx-worker]");
if (worker && "serviceWorker" in navigator) {
  // The names are relative to the site's root, which is two folders above this
  // module (assets/cx/main.js): the page's address will not do, as instant
  // navigation may have changed it by the time this module arrives.
  const root = new URL("../../", import.meta.url);
  const url = new URL(worker.getAttribute("data-cx-worker"), root);
  const manifestName = worker.getAttribute("data-cx-manifest");
  manifest = manifestName ? new URL(manifestName, root) : null;
  // A first install downloads the whole site. Registered once the page has
  // loaded and the main thread is idle, that download never competes with the
  // page the reader opened (it made Material's own start-up tasks longer).
  const idle = () => (window.requestIdleCallback ? window.requestIdleCallback(() => register(url), { timeout: 3000 })
    : window.setTimeout(() => register(url), 500));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

// `document$` is mkdocs-material's observable of page loads (initial and instant).
if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
