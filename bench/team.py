"""Figures for the team view (never pass/fail).

- browser: median ms to merge 100 and 1,000 exports of the seven-moments
  assessment in Chromium, from the file input's `change` event to the
  `cx:team-merge` event (read, check, merge, keep in local storage, draw),
  and from a reload's start to `cx:team-restore` (the kept team read back
  through the answer-file reader and drawn);
- cli: median seconds of `cx-playbook team FOLDER --format json` on 1,000 and
  10,000 exports, and the child's peak memory (its rusage from os.wait4, which
  counts the worker processes it waited for).

- links: the length of a link from "Send to your CX lead" for the full
  seven-moments assessment (every question answered, on a GitHub Pages
  address) and the QR version of that link, both made by the site's own
  team-links.js and the bundled qrcode encoder in Node; and in Chromium, the
  median ms to read, merge and draw 1,000 pasted links (the button's click to
  `cx:team-merge`).

Exports are generated from the real model: 12 departments, 6 locations, every
question answered (now and then N/A or left blank), a note on a few.

Run alone: `python bench/team.py`; bench/run.py can call measure().
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ASSESSMENT = "seven-moments"
BROWSER_SIZES = (100, 1000)
CLI_SIZES = (1000, 10000)
ROUNDS = {100: 5, 1000: 3, 10000: 3}
LOCATIONS = ["Northside", "northside ", "Riverside", "Airport Road", "City Centre", "Westfield"]
NOTES = ["Only when the manager is in.", "We did this at launch, then it slipped.", "Saturdays are the problem.",
         "The mystery shop in May said otherwise.", "Depends on who is on shift."]


def model() -> dict:
    from generator import pages
    from generator.browser_model import build_browser_model
    from generator.files import ContentPaths
    from generator.load import load_corpus

    corpus = load_corpus(ContentPaths.from_root(ROOT))
    assessment = next(a for a in corpus.assessments if a.id == ASSESSMENT)
    return build_browser_model(corpus, assessment, pages.team_path(ASSESSMENT)).model_dump(mode="json")


def write_exports(m: dict, count: int, folder: Path, seed: int = 1) -> list[Path]:
    """`count` plausible exports, as Export JSON writes them (indented)."""
    rng = random.Random(seed)
    questions = [q for s in m["sections"] for q in s["questions"]]
    departments = [d["id"] for d in m["departments"]]
    asked = {"version": m["version"], "questions": {q["id"]: {"text": q["text"], "choices": q["fingerprint"]} for q in questions}}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        lean = rng.random()
        answers = {}
        for q in questions:
            scale = m["answerSets"][q["answerSet"]]
            roll = rng.random()
            if roll < 0.03:
                continue
            if roll < 0.06 and scale["notApplicable"] and q["notApplicable"]:
                answers[q["id"]] = {"choice": "n/a", "answeredAt": "2026-03-01T10:00:00.000Z"}
                continue
            k = len(scale["choices"])
            step = min(k - 1, max(0, round(rng.gauss(lean * (k - 1), 1))))
            answers[q["id"]] = {"choice": scale["choices"][step]["id"], "answeredAt": "2026-03-01T10:00:00.000Z"}
        data = {
            "format": "cx-playbook-assessment", "formatVersion": 2,
            "assessment": {"id": m["id"], "version": m["version"], "title": m["title"]},
            "contentVersion": m["contentVersion"], "exportedAt": f"2026-03-{1 + n % 28:02d}T10:00:00.000Z",
            "createdAt": "2026-02-20T09:00:00.000Z", "updatedAt": "2026-03-01T10:00:00.000Z",
            "respondent": {"id": f"r-{rng.getrandbits(128):032x}"},
            "profile": {"department": rng.choice(departments), "location": rng.choice(LOCATIONS)},
            "answers": answers,
            "notes": {rng.choice(questions)["id"]: rng.choice(NOTES) for _ in range(rng.randint(0, 3))},
            "targets": {}, "snapshots": [], "questionnaire": asked, "archive": {},
        }
        path = folder / f"export-{n:05d}.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------

LISTEN = """() => {
  window.__bench = null;
  let start = 0;
  document.addEventListener("change", (e) => { if (e.target.matches("input[data-cx-team-files]")) start = performance.now(); },
    { capture: true, once: true });
  document.addEventListener("cx:team-merge", (e) => {
    window.__bench = { ms: performance.now() - start, respondents: e.detail.respondents, saved: e.detail.saved };
  }, { once: true });
}"""
PASTE_LISTEN = """() => {
  window.__bench = null;
  let start = 0;
  document.addEventListener("click", (e) => { if (e.target.closest("[data-cx-action=merge-pasted]")) start = performance.now(); },
    { capture: true, once: true });
  document.addEventListener("cx:team-merge", (e) => {
    window.__bench = { ms: performance.now() - start, respondents: e.detail.respondents };
  }, { once: true });
}"""

LINK_FIGURES = """
import { encodeLink } from "./theme/assets/cx/src/team-links.js";
import { create } from "qrcode/lib/core/qrcode.js";
const data = JSON.parse(process.argv[1]);
const link = await encodeLink("https://dealer-group.github.io/cx-playbook/assessments/seven-moments/team/", data);
console.log(JSON.stringify({ length: link.length, qrVersion: create(link, { errorCorrectionLevel: "M" }).version }));
"""


def link_data(path: Path) -> dict:
    """What "Send to your CX lead" puts in a link, from an export (team-links.js linkData)."""
    f = json.loads(path.read_text(encoding="utf-8"))
    data = {"a": f["assessment"]["id"], "v": f["assessment"]["version"], "r": f["respondent"]["id"],
            "t": f["updatedAt"], "o": "2027-Q1", "d": f["profile"]["department"], "l": f["profile"]["location"],
            "c": {qid: a["choice"] for qid, a in f["answers"].items()}}
    return data


def links(m: dict, tmp: Path, url: str, chromium) -> dict:
    from generator.team_links import encode_link

    paths = write_exports(m, 1000, tmp / "links", seed=3)
    full = link_data(paths[0])
    questions = [q for s in m["sections"] for q in s["questions"]]
    full["c"] = {q["id"]: m["answerSets"][q["answerSet"]]["choices"][-1]["id"] for q in questions}
    figures = json.loads(subprocess.run(["node", "--input-type=module", "-e", LINK_FIGURES, json.dumps(full)], cwd=ROOT,
                                        capture_output=True, text=True, check=True).stdout)
    team = f"{url}assessments/{ASSESSMENT}/team/"
    text = "\n".join(f"From row {i}: {encode_link(team, link_data(p))}" for i, p in enumerate(paths))
    times = []
    for _ in range(ROUNDS[1000]):
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(team)
        page.wait_for_selector("[data-cx-drop]")
        page.evaluate(PASTE_LISTEN)
        page.locator("textarea[data-cx-paste]").fill(text)
        page.locator("[data-cx-action=merge-pasted]").click()
        page.wait_for_function("() => window.__bench !== null", timeout=300000)
        result = page.evaluate("() => window.__bench")
        if result["respondents"] != 1000:
            raise RuntimeError(f"merged {result['respondents']} of 1000 links")
        times.append(result["ms"])
        context.close()
    return {"full_seven_moments_link_chars": figures["length"], "qr_version": figures["qrVersion"],
            "questions": len(questions), "pasted_1000_merge_median_ms": round(statistics.median(times), 1),
            "pasted_1000_all_ms": [round(t, 1) for t in times], "paste_chars": len(text)}


def browser(m: dict, tmp: Path) -> dict:
    from conftest import CHROMIUM, CHROMIUM_ARGS, build_site, serve
    from playwright.sync_api import sync_playwright

    site = tmp / "site"
    server, url = serve(site)
    try:
        result = build_site(ROOT, site, site_url=url)
        if result.returncode:
            raise RuntimeError(result.stderr[-2000:])
        out = {}
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for size in BROWSER_SIZES:
                paths = [str(p) for p in write_exports(m, size, tmp / f"browser-{size}")]
                times, saved, reloads = [], [], []
                for _ in range(ROUNDS[size]):
                    context = chromium.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(f"{url}assessments/{ASSESSMENT}/team/")
                    page.wait_for_selector("[data-cx-drop]")
                    page.evaluate(LISTEN)
                    page.locator("input[data-cx-team-files]").set_input_files(paths)
                    page.wait_for_function("() => window.__bench !== null", timeout=300000)
                    figures = page.evaluate("() => window.__bench")
                    if figures["respondents"] != size:
                        raise RuntimeError(f"merged {figures['respondents']} of {size}")
                    times.append(figures["ms"])
                    saved.append(figures["saved"])
                    # Reload: the kept team is read back and drawn (navigation start to cx:team-restore).
                    page.add_init_script("document.addEventListener('cx:team-restore', () => { window.__restored = performance.now(); })")
                    page.reload()
                    page.wait_for_function("() => window.__restored !== undefined", timeout=300000)
                    reloads.append(page.evaluate("() => window.__restored"))
                    context.close()
                out[str(size)] = {"exports": size, "rounds": len(times), "merge_median_ms": round(statistics.median(times), 1),
                                  "merge_all_ms": [round(t, 1) for t in times], "kept_in_local_storage": all(saved),
                                  "reload_to_restored_median_ms": round(statistics.median(reloads), 1)}
            out["links"] = links(m, tmp, url, chromium)
            chromium.close()
        return out
    finally:
        server.shutdown()


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def cli(m: dict, tmp: Path) -> dict:
    out = {}
    for size in CLI_SIZES:
        folder = tmp / f"cli-{size}"
        write_exports(m, size, folder)
        times, peaks = [], []
        for _ in range(ROUNDS[size]):
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(ROOT), "team", str(folder),
                                      "--format", "json", "--output", os.devnull],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(child.pid, 0)
            times.append(time.perf_counter() - started)
            peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode:
                raise RuntimeError(child.stderr.read().decode()[-2000:])
            child.stderr.close()
        out[str(size)] = {"exports": size, "rounds": len(times), "median_s": round(statistics.median(times), 2),
                          "all_s": [round(t, 2) for t in times], "peak_memory_mib": round(max(peaks), 1)}
        shutil.rmtree(folder, ignore_errors=True)
    return out


def measure() -> dict:
    m = model()
    with tempfile.TemporaryDirectory(prefix="cx-bench-team-") as name:
        tmp = Path(name)
        results = {"assessment": ASSESSMENT, "questions": sum(len(s["questions"]) for s in m["sections"]),
                   "cpus": os.cpu_count()}
        results["cli"] = cli(m, tmp)
        results["browser"] = browser(m, tmp)
    return results


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
