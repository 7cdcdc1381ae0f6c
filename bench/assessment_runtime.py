"""Figures for the assessment runtime (never pass/fail).

- size: our own JS + CSS (theme/assets/cx/), gzipped, bytes;
- latency: median ms from an answer's `change` event to the `cx:results` event
  of the re-scored, re-rendered results, on a synthetic 500-question assessment
  built into a copy of the project, measured in Chromium with performance.now().
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

QUESTIONS = 500
SAMPLES = 60


def asset_size() -> dict:
    files = sorted((ROOT / "theme" / "assets" / "cx").glob("*"))
    ours = [f for f in files if f.suffix in (".js", ".css") and f.name != "site.css"]
    raw = sum(f.stat().st_size for f in ours)
    # Gzipped one by one, as a server would send them.
    gz = sum(len(gzip.compress(f.read_bytes(), 9)) for f in ours)
    return {"files": [f.name for f in ours], "raw_bytes": raw, "gzip_bytes": gz}


def _play_ids() -> list[str]:
    from generator.files import ContentPaths
    from generator.load import load_corpus

    corpus = load_corpus(ContentPaths.from_root(ROOT))
    return sorted(corpus.plays)[:20]


def synthetic_yaml(questions: int = QUESTIONS) -> str:
    plays = _play_ids()
    lines = [
        "id: bench-500", "title: Benchmark assessment", "version: 1.0.0",
        "summary: A synthetic assessment for timing the runtime.", "intro: Synthetic.", "low_below: 0.5",
        "answer_sets:", "  - id: scale", "    choices:",
    ]
    for i, score in enumerate((0, 0.25, 0.5, 0.75, 1)):
        lines += [f"      - id: c{i}", f"        label: Choice {i} of the scale", f"        score: {score}"]
    lines += ["    not_applicable: Does not apply", "sections:"]
    per_section = 25
    for s in range(questions // per_section):
        lines += [f"  - id: section-{s}", f"    title: Section {s}", "    questions:"]
        for q in range(per_section):
            n = s * per_section + q
            lines += [f"      - id: q{n}", f"        text: Synthetic question number {n}?", "        answer_set: scale",
                      f"        weight: {1 + n % 5}", f"        plays: [{plays[n % len(plays)]}, {plays[(n + 7) % len(plays)]}]"]
    lines += ["levels:"]
    for i, (name, low) in enumerate((("One", 0), ("Two", 30), ("Three", 55), ("Four", 75), ("Five", 90))):
        lines += [f"  - id: level-{i}", f"    name: {name}", f"    min: {low}", f"    description: Level {name}."]
    return "\n".join(lines) + "\n"


MEASURE = """async (samples) => {
  const root = document.querySelector('[data-cx-assessment]');
  // The questions follow the root in the same article (assessment.js listens there).
  const scope = root.closest('article') || document.body;
  const radios = [...scope.querySelectorAll('input[type=radio]')];
  if (!radios.length) throw new Error('no answer choices found next to [data-cx-assessment]');
  const times = [];
  for (let i = 0; i < samples; i++) {
    const radio = radios[(i * 37) % radios.length];
    const done = new Promise((resolve) => root.addEventListener('cx:results', () => resolve(performance.now()), { once: true }));
    const start = performance.now();
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    times.push((await done) - start);
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
  return times;
}"""


def latency() -> dict:
    from conftest import CHROMIUM, CHROMIUM_ARGS, build_site, copy_project, serve
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        (project / "assessments" / "bench-500.yml").write_text(synthetic_yaml(), encoding="utf-8")
        site = Path(tmp) / "site"
        result = build_site(project, site)
        if result.returncode:
            raise RuntimeError(result.stderr[-2000:])
        server, url = serve(site)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{url}assessments/bench-500/")
                page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
                times = page.evaluate(MEASURE, SAMPLES)
                browser.close()
        finally:
            server.shutdown()
    return {"questions": QUESTIONS, "samples": len(times), "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(sorted(times)[int(len(times) * 0.9)], 2), "max_ms": round(max(times), 2)}


def measure() -> dict:
    return {"assets": asset_size(), "answer_to_score": latency()}


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))
