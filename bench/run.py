"""Performance figures for the playbook (``make bench``). Figures only: nothing here
passes or fails on time. Prints a table and writes bench/results.json.

* default site: check, render, full build; overhead of our build over a plain
  mkdocs build of the same pages exported as Markdown (alternating rounds, medians);
* scale: synthetic content at 1×, 10×, 100× (bench/synthetic.py);
* live preview: YAML saved → rebuilt page served by ``mkdocs serve``;
* page weight per page type, gzipped, Material's assets vs ours (assets/cx/);
* Lighthouse (mobile preset) on home, a moment and an assessment;
* the assessment runtime's own figures (bench/assessment_runtime.py), if present.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

from generator.files import ContentPaths
from generator.load import load_corpus  # noqa: E402
from generator.render import render_pages  # noqa: E402

import synthetic  # noqa: E402

PY = sys.executable
CHROMIUM = os.environ.get("CX_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
ROUNDS = int(os.environ.get("CX_BENCH_ROUNDS", "5"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _timed(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _mkdocs_build(project: Path, site: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{result.stderr[-2000:]}")
    return elapsed


def _project(target: Path, content_from: Path | None = None) -> Path:
    for name in ("theme", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if content_from is None:
        for name in ("content", "assessments"):
            shutil.copytree(ROOT / name, target / name)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _served(folder: Path):
    from conftest import serve

    server, url = serve(folder)
    try:
        yield url
    finally:
        server.shutdown()


def _fmt(seconds: float | None) -> str:
    return "—" if seconds is None else (f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s")


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------


def measure_default(tmp: Path) -> dict:
    paths = ContentPaths.from_root(ROOT)
    corpus = load_corpus(paths)
    check = _timed(lambda: load_corpus(paths))
    render = _timed(lambda: render_pages(corpus))
    project = _project(tmp / "default")
    export = tmp / "export"
    subprocess.run([PY, "-m", "generator.cli", "--root", str(ROOT), "export", str(export)],
                   check=True, capture_output=True, env=ENV)
    ours, plain = [], []
    for i in range(ROUNDS):  # alternate, so drift hits both alike
        ours.append(_mkdocs_build(project, tmp / f"site-ours-{i}"))
        plain.append(_mkdocs_build(export, tmp / f"site-plain-{i}"))
    build, plain_build = statistics.median(ours), statistics.median(plain)
    return {"check_s": check, "render_s": render, "build_s": build, "plain_mkdocs_build_s": plain_build,
            "overhead_ratio": build / plain_build, "rounds": ROUNDS, "site": str(tmp / "site-ours-0")}


def measure_scale(tmp: Path, factors=(1, 10, 100)) -> list[dict]:
    rows = []
    for factor in factors:
        project = _project(tmp / f"scale-{factor}", content_from=tmp)
        shape = synthetic.generate(factor, project)
        paths = ContentPaths.from_root(project)
        rounds = 3 if factor < 100 else 1
        corpus = load_corpus(paths)
        check = _timed(lambda: load_corpus(paths), rounds)
        render = _timed(lambda: render_pages(corpus), rounds)
        build = _mkdocs_build(project, tmp / f"scale-site-{factor}")
        pages = sum(1 for _ in (tmp / f"scale-site-{factor}").rglob("*.html"))
        rows.append({"factor": factor, **shape, "plays": len(corpus.plays), "pages": pages,
                     "check_s": check, "render_s": render, "build_s": build})
        shutil.rmtree(tmp / f"scale-site-{factor}", ignore_errors=True)
    return rows


def measure_live_preview(tmp: Path, rounds: int = 3) -> dict:
    project = _project(tmp / "serve")
    moment = sorted((project / "content" / "moments").glob("*.yml"))[0]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/moments/{moment.stem}/"
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    times = []
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(url, timeout=2).status == 200:
                    break
            time.sleep(0.2)
        else:
            return {"error": "mkdocs serve did not start"}
        time.sleep(1.0)
        original = moment.read_text(encoding="utf-8")
        for i in range(rounds):
            marker = f"Bench marker {i} {time.time_ns()}"
            text = re.sub(r"^summary:.*$", f"summary: {marker}", original, count=1, flags=re.M)
            text = re.sub(r"^summary: (.*)\n(  .*\n)+", r"summary: \1\n", text, count=1, flags=re.M)
            started = time.perf_counter()
            moment.write_text(text, encoding="utf-8")
            found = False
            while time.perf_counter() - started < 60:
                with contextlib.suppress(OSError):
                    if marker in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                        found = True
                        break
                time.sleep(0.05)
            if found:
                times.append(time.perf_counter() - started)
            time.sleep(1.0)
        moment.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            proc.kill()
    return {"rounds": len(times), "median_s": statistics.median(times) if times else None,
            "all_s": times}


_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\./[^"']+\.js)["']""")
# Pages whose runtime main.js loads on demand, by the element that triggers it.
_ON_DEMAND = {"assessment.js": "data-cx-assessment", "plays-filter.js": "data-cx-filter"}


def _imported_modules(entry: Path) -> list[Path]:
    """Every module reachable from ``entry`` through relative imports (not entry itself)."""
    seen: list[Path] = []
    pending = [entry]
    while pending:
        module = pending.pop()
        for ref in _IMPORT.findall(module.read_text(encoding="utf-8")):
            target = (module.parent / ref).resolve()
            if target.is_file() and target not in seen and target != entry.resolve():
                seen.append(target)
                pending.append(target)
    return seen


def measure_page_weight(site: Path, pages: dict[str, str]) -> dict:
    out = {}
    for kind, rel in pages.items():
        html_file = site / rel / "index.html"
        html = html_file.read_bytes()
        row = {"html_gz": len(gzip.compress(html)), "theme_css_gz": 0, "theme_js_gz": 0, "cx_css_gz": 0, "cx_js_gz": 0}
        for ref in _ASSET.findall(html.decode("utf-8")):
            if ref.startswith(("http:", "https:", "//")):
                continue
            file = (html_file.parent / ref.split("?")[0]).resolve()
            if not file.is_file():
                continue
            size = len(gzip.compress(file.read_bytes()))
            owner = "cx" if "/assets/cx/" in file.as_posix() else "theme"
            kind_ = "css" if file.suffix == ".css" else "js"
            row[f"{owner}_{kind_}_gz"] += size
        # main.js imports the runtime only where a page needs it (an assessment
        # root, the plays filter); count those modules and all they import.
        page_text = html.decode("utf-8")
        for entry, marker in _ON_DEMAND.items():
            if marker in page_text:
                module = site / "assets" / "cx" / entry
                for file in [module, *_imported_modules(module)]:
                    row["cx_js_gz"] += len(gzip.compress(file.read_bytes()))
        row["total_gz"] = sum(v for k, v in row.items() if k.endswith("_gz"))
        out[kind] = row
    return out


def measure_lighthouse(site: Path, pages: dict[str, str], tmp: Path) -> dict:
    if not LIGHTHOUSE.exists():
        return {"error": "bench/node_modules missing: run `cd bench && npm ci`"}
    if not Path(CHROMIUM).exists():
        return {"error": f"Chromium not found at {CHROMIUM}"}
    results = {}
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run " \
            "--disable-background-networking --disable-component-update --disable-sync"
    with _served(site) as url:
        for kind, rel in pages.items():
            report = tmp / f"lh-{kind}.json"
            result = subprocess.run(
                [str(LIGHTHOUSE), url + rel, "--quiet", "--output=json", f"--output-path={report}",
                 "--only-categories=performance,accessibility,best-practices,seo",
                 f"--chrome-flags={flags}", "--max-wait-for-load=30000"],
                capture_output=True, text=True, env={**ENV, "CHROME_PATH": CHROMIUM}, timeout=180,
            )
            if result.returncode != 0 or not report.exists():
                results[kind] = {"error": (result.stderr or result.stdout)[-300:]}
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            cats = data["categories"]
            results[kind] = {name: round(cats[name]["score"] * 100) if cats[name]["score"] is not None else None
                             for name in ("performance", "accessibility", "best-practices", "seo")}
            audits = data.get("audits", {})
            for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"):
                if audit in audits:
                    results[kind][audit] = audits[audit].get("displayValue")
    return results


def measure_assessment_runtime() -> dict | None:
    try:
        import assessment_runtime  # bench/assessment_runtime.py, written alongside the runtime
    except ImportError:
        return None
    try:
        return assessment_runtime.measure()
    except Exception as error:  # figures only: report, do not stop the other figures
        return {"error": f"{type(error).__name__}: {error}"}


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def print_table(results: dict) -> None:
    d = results["default"]
    print("\nDefault site")
    print(f"  check (load + validate)      {_fmt(d['check_s'])}")
    print(f"  render (render_pages)        {_fmt(d['render_s'])}")
    print(f"  full build (mkdocs --strict) {_fmt(d['build_s'])}")
    print(f"  plain mkdocs, exported tree  {_fmt(d['plain_mkdocs_build_s'])}")
    print(f"  overhead ratio               {d['overhead_ratio']:.2f}×  (medians of {d['rounds']} alternating rounds)")
    print("\nScale (synthetic content)")
    print(f"  {'factor':>6} {'moments':>7} {'plays':>6} {'questions':>9} {'pages':>6} {'check':>9} {'render':>9} {'build':>9}")
    for row in results["scale"]:
        print(f"  {row['factor']:>5}× {row['moments']:>7} {row['plays']:>6} {row['questions']:>9} {row['pages']:>6} "
              f"{_fmt(row['check_s']):>9} {_fmt(row['render_s']):>9} {_fmt(row['build_s']):>9}")
    live = results["live_preview"]
    print("\nLive preview (YAML saved → new text served by mkdocs serve)")
    if live.get("median_s") is not None:
        print(f"  median {_fmt(live['median_s'])} over {live['rounds']} saves: " + ", ".join(_fmt(t) for t in live["all_s"]))
    else:
        print(f"  not measured: {live}")
    print("\nPage weight, gzipped bytes (theme = Material's assets, cx = ours)")
    print(f"  {'page':<12} {'html':>7} {'theme css':>9} {'theme js':>9} {'cx css':>7} {'cx js':>7} {'total':>8}")
    for kind, row in results["page_weight"].items():
        print(f"  {kind:<12} {row['html_gz']:>7} {row['theme_css_gz']:>9} {row['theme_js_gz']:>9} "
              f"{row['cx_css_gz']:>7} {row['cx_js_gz']:>7} {row['total_gz']:>8}")
    print("\nLighthouse (mobile preset)")
    lh = results["lighthouse"]
    if "error" in lh:
        print(f"  not measured: {lh['error']}")
    else:
        print(f"  {'page':<12} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  FCP / LCP / TBT / CLS")
        for kind, row in lh.items():
            if "error" in row:
                print(f"  {kind:<12} error: {row['error'][:100]}")
                continue
            print(f"  {kind:<12} {row['performance']:>5} {row['accessibility']:>5} {row['best-practices']:>5} {row['seo']:>5}  "
                  f"{row.get('first-contentful-paint')} / {row.get('largest-contentful-paint')} / "
                  f"{row.get('total-blocking-time')} / {row.get('cumulative-layout-shift')}")
    print("\nAssessment runtime (bench/assessment_runtime.py)")
    runtime = results["assessment_runtime"]
    print("  not present" if runtime is None else "  " + json.dumps(runtime))


def main() -> int:
    started = time.perf_counter()
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "python": sys.version.split()[0],
                     "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="cx-bench-") as name:
        tmp = Path(name)
        print("Measuring the default site…", flush=True)
        results["default"] = measure_default(tmp)
        site = Path(results["default"].pop("site"))
        corpus = load_corpus(ContentPaths.from_root(ROOT))
        pages = {"home": "", "moment": f"moments/{corpus.moments[0].id}/",
                 "assessment": f"assessments/{corpus.assessments[0].id}/", "plays": "plays/"}
        results["page_weight"] = measure_page_weight(site, pages)
        print("Lighthouse…", flush=True)
        results["lighthouse"] = measure_lighthouse(site, {k: v for k, v in pages.items() if k != "plays"}, tmp)
        print("Scale 1×, 10×, 100×…", flush=True)
        results["scale"] = measure_scale(tmp)
        print("Live preview…", flush=True)
        results["live_preview"] = measure_live_preview(tmp)
        print("Assessment runtime…", flush=True)
        results["assessment_runtime"] = measure_assessment_runtime()
    results["bench_wall_s"] = time.perf_counter() - started
    print_table(results)
    print(f"\nBenchmark took {_fmt(results['bench_wall_s'])}; figures in bench/results.json")
    (BENCH / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
