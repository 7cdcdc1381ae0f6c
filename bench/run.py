"""Performance figures for the playbook (``make bench``), each printed next to its
goal with ✓ or ✗. Nothing here fails a build; bench/results.json keeps every
figure. ``CX_BENCH_QUICK=1``: fewer rounds, one Lighthouse run per page, no
100× content (for trying a change); ``CX_BENCH_ROUNDS=N`` sets the rounds;
``CX_BENCH_ONLY=lighthouse`` measures transfer and Lighthouse only (results.json then
holds those).

* default site: check (first and again), render, our build (cold and
  warm build cache) against a plain build of the exported tree
  (``cx-playbook export``), all with ProperDocs, alternating rounds, medians;
* scale: synthetic content at 1×, 10×, 100× (bench/synthetic.py): check,
  render, build, seconds per page and the marginal cost per page;
* live preview: YAML saved → the new text served by ``properdocs serve`` with
  the Makefile's flags, and where the time goes (from serve's own log);
* the site served like a real host (bench/host.py: gzip/Brotli, ETag,
  Last-Modified, ``Cache-Control: max-age=600``, 304s): what each page type
  transfers, compressed and not, ours (assets/cx/) and the theme's, as
  Chromium loads it (modules imported on demand included);
* Lighthouse (mobile preset), median of 5 runs per page type, through that host,
  for our site and for the same content built as plain Material (``cx-playbook
  export`` without ``custom_dir``), alternating, with the difference printed
  against the goals of issue 17, and where Lighthouse's simulation put each
  site's Material bundle (bench/lantern.mjs, on each run's saved artifacts):
  the HTML's bytes on the wire, when the bundle arrives and how many requests
  shared the line with it, which decides whether its start-up runs after the
  first paint and counts as blocking time (bench/trace_ab.py digs further);
* the assessment runtime (bench/assessment_runtime.py) and team merges
  (bench/team.py), when present.

Times are wall-clock medians; CPU seconds (user + system of the process or its
children) are printed beside them because the machine may be shared.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, Optional

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

from generator.files import ContentPaths  # noqa: E402
from generator.load import load_corpus  # noqa: E402
from generator.render import render_pages  # noqa: E402

import host  # noqa: E402
import synthetic  # noqa: E402

PY = sys.executable
CHROMIUM = os.environ.get("CX_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
QUICK = os.environ.get("CX_BENCH_QUICK", "") not in ("", "0")
ONLY = os.environ.get("CX_BENCH_ONLY", "")
ROUNDS = int(os.environ.get("CX_BENCH_ROUNDS", "2" if QUICK else "5"))
# Five, not three: one site's score can move by 15 points from run to run (team page: 81, 82, 96 in one run of
# the bench; each run's score is printed), and the goals ask for 1 point and 30 ms between two sites.
LIGHTHOUSE_RUNS = 1 if QUICK else 5
SCALES = (1, 10) if QUICK else (1, 10, 100)
PREVIEW_ROUNDS = 3 if QUICK else 7
ENGINE = "properdocs"

# Goals from issue 13, as (text shown, test).
GOAL_LIGHTHOUSE_PERF = 98
GOAL_LIGHTHOUSE_OTHER = 100
GOAL_OWN_BYTES = 15_000  # "15 KB", read strictly as 15,000 bytes gzipped
GOAL_CHECK_S = 1.0
GOAL_OVERHEAD = 1.10
GOAL_LINEAR = 1.5  # marginal cost per page 10×→100× at most 1.5 × that of 1×→10×
GOAL_PREVIEW_S = 0.5
GOAL_FRAME_MS = 16
GOAL_TEAM_BROWSER_S = 1.0
GOAL_TEAM_CLI_S = 5.0  # issue 19 (was 10 s)
# Issue 17: our pages cost no more than the same content as plain Material.
GOAL_PAIR_PERF_POINTS = 1
GOAL_PAIR_TBT_MS = {"team": 60}  # other page types: GOAL_PAIR_TBT_DEFAULT_MS
GOAL_PAIR_TBT_DEFAULT_MS = 30
# How far a pair's differences could move on another run of the bench: the middle 90 % of the
# differences of medians when each site's runs are drawn again (a bootstrap). Plain Material
# measured against itself on the assessment page (15 runs each, alternating) missed these goals in
# 24 % of such 5-run draws: its LCP is about 1.6 s in some runs and 2.5 s in others (when the
# unthrottled load paints only after Material's start-up, Lighthouse's simulation makes the first
# paint wait for the search index), and its TBT spread from 68 to 241 ms. A ✗ whose range
# includes the goal is within that noise; the range says so.
PAIR_RANGE = 0.90
PAIR_RANGE_DRAWS = 2000
# A run whose LCP comes this long after its FCP painted the largest text only after Material's start-up.
LATE_LCP_MS = 500
# A new TCP connection sends 10 segments of 1,460 bytes in its first round trip (Lantern does too).
FIRST_ROUND_TRIP_BYTES = 14_600


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _env(cache: Optional[Path], **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    env["CX_PLAYBOOK_CACHE"] = str(cache) if cache is not None else "off"
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(fn: Callable[[], Any], rounds: int, before: Callable[[], Any] = lambda: None) -> dict:
    """Median wall and CPU seconds of ``fn`` in this process (``before`` runs untimed)."""
    wall, cpu = [], []
    for _ in range(rounds):
        before()
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {"s": statistics.median(wall), "cpu_s": statistics.median(cpu), "all_s": wall}


def _build(project: Path, site: Path, cache: Optional[Path], **extra: str) -> tuple[float, float]:
    """One ``properdocs build --strict`` in a child process: (wall s, CPU s)."""
    started, started_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run([PY, "-m", ENGINE, "build", "--strict", "--quiet", "-f", "mkdocs.yml", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env=_env(cache, **extra))
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - started_cpu
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{result.stderr[-2000:]}")
    return elapsed, cpu


def _project(target: Path, with_content: bool = True) -> Path:
    for name in ("theme", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if with_content:
        for name in ("content", "assessments"):
            shutil.copytree(ROOT / name, target / name)
    return target


def _export(project: Path, target: Path, cache: Optional[Path]) -> Path:
    subprocess.run([PY, "-m", "generator.cli", "--root", str(project), "export", str(target)],
                   check=True, capture_output=True, env=_env(cache))
    return target


def _plain_material(tmp: Path, url: str) -> Path:
    """The default content built as plain Material: the exported tree with no
    ``custom_dir`` (none of our templates, styles or scripts), for ``url``."""
    import yaml

    tree = _export(ROOT, tmp / "plain-material", tmp / "cache")
    config_file = tree / "mkdocs.yml"
    comment, text = config_file.read_text(encoding="utf-8").split("\n", 1)
    config = yaml.safe_load(text)
    config["theme"].pop("custom_dir", None)
    config["site_url"] = url
    config_file.write_text(comment + "\n" + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return tree


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fmt(seconds: Optional[float]) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _kb(size: Optional[float]) -> str:
    return "—" if size is None else f"{size / 1000:.1f} KB"


def _mark(ok: Optional[bool]) -> str:
    return "·" if ok is None else ("✓" if ok else "✗")


def _median(values: list) -> Optional[float]:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------
# Check, render, build: the default site
# ---------------------------------------------------------------------------


def _check_figures(paths: ContentPaths, rounds: int, tmp: Path, label: str) -> dict:
    """load_corpus (what `check` runs) in this process: cold (the first run)
    and warm (every file already parsed once)."""
    counter = iter(range(10_000))

    def cold_cache() -> None:
        os.environ["CX_PLAYBOOK_CACHE"] = str(tmp / f"check-cache-{label}-{next(counter)}")

    cold = _timed(lambda: load_corpus(paths), rounds, before=cold_cache)
    warm_cache = tmp / f"check-cache-{label}-warm"
    os.environ["CX_PLAYBOOK_CACHE"] = str(warm_cache)
    load_corpus(paths)
    warm = _timed(lambda: load_corpus(paths), rounds)
    os.environ["CX_PLAYBOOK_CACHE"] = str(tmp / "cache")
    return {"cold": cold, "warm": warm}


def measure_default(tmp: Path) -> dict:
    paths = ContentPaths.from_root(ROOT)
    check = _check_figures(paths, ROUNDS, tmp, "default")
    corpus = load_corpus(paths)
    render = _timed(lambda: render_pages(corpus), ROUNDS)
    project = _project(tmp / "default")
    export = _export(project, tmp / "export", tmp / "cache")
    warm_cache = tmp / "build-cache-default"
    _build(project, tmp / "site-warmup", warm_cache)  # fills the build cache once
    ours_warm, ours_cold, plain = [], [], []
    for i in range(ROUNDS):  # alternate, so drift hits all alike
        ours_warm.append(_build(project, tmp / f"site-ours-{i}", warm_cache))
        plain.append(_build(export, tmp / f"site-plain-{i}", tmp / f"build-cache-plain-{i}"))
        ours_cold.append(_build(project, tmp / f"site-ours-cold-{i}", tmp / f"build-cache-cold-{i}"))
        for folder in (f"site-ours-{i}", f"site-plain-{i}", f"site-ours-cold-{i}"):
            shutil.rmtree(tmp / folder, ignore_errors=True)

    def med(rows: list[tuple[float, float]], index: int) -> float:
        return statistics.median(r[index] for r in rows)

    figures = {
        "check": check, "render": render, "rounds": ROUNDS,
        "build_warm_s": med(ours_warm, 0), "build_warm_cpu_s": med(ours_warm, 1),
        "build_cold_s": med(ours_cold, 0), "build_cold_cpu_s": med(ours_cold, 1),
        "plain_build_s": med(plain, 0), "plain_build_cpu_s": med(plain, 1),
    }
    figures["overhead_warm"] = figures["build_warm_s"] / figures["plain_build_s"]
    figures["overhead_cold"] = figures["build_cold_s"] / figures["plain_build_s"]
    figures["overhead_warm_cpu"] = figures["build_warm_cpu_s"] / figures["plain_build_cpu_s"]
    figures["overhead_cold_cpu"] = figures["build_cold_cpu_s"] / figures["plain_build_cpu_s"]
    return figures


# ---------------------------------------------------------------------------
# Scale
# ---------------------------------------------------------------------------


def measure_scale(tmp: Path, factors=SCALES) -> dict:
    rows = []
    for factor in factors:
        project = _project(tmp / f"scale-{factor}", with_content=False)
        shape = synthetic.generate(factor, project)
        paths = ContentPaths.from_root(project)
        rounds = 3 if factor < 100 else max(3, min(ROUNDS, 5))
        check = _check_figures(paths, rounds, tmp, f"scale-{factor}")
        corpus = load_corpus(paths)
        render = _timed(lambda: render_pages(corpus), 3 if factor < 100 else 1)
        site = tmp / f"scale-site-{factor}"
        export = _export(project, tmp / f"scale-export-{factor}", tmp / "cache")
        builds, plains = [], []
        for i in range(1 if factor >= 100 else 2):  # alternate, as for the default site
            builds.append(_build(project, site, tmp / f"scale-build-cache-{factor}-{i}"))
            plains.append(_build(export, tmp / f"scale-plain-site-{factor}", tmp / f"scale-plain-cache-{factor}-{i}"))
        build_s, build_cpu = statistics.median(b[0] for b in builds), statistics.median(b[1] for b in builds)
        plain_s = statistics.median(b[0] for b in plains)
        pages = sum(1 for _ in site.rglob("*.html"))
        markdown_bytes = sum(len(text.encode("utf-8")) for text in render_pages(corpus).values())
        questions = sum(len(s.questions) for a in corpus.assessments for s in a.sections)
        rows.append({"factor": factor, **shape, "plays": len(corpus.plays), "questions": questions, "pages": pages,
                     "check_cold_s": check["cold"]["s"], "check_warm_s": check["warm"]["s"],
                     "check_cold_cpu_s": check["cold"]["cpu_s"], "check_warm_cpu_s": check["warm"]["cpu_s"],
                     "render_s": render["s"], "build_s": build_s, "build_cpu_s": build_cpu,
                     "build_ms_per_page": build_s / pages * 1000, "plain_build_s": plain_s,
                     "plain_ms_per_page": plain_s / pages * 1000, "overhead": build_s / plain_s,
                     "markdown_bytes": markdown_bytes})
        for folder in (site, project, export, tmp / f"scale-plain-site-{factor}"):
            shutil.rmtree(folder, ignore_errors=True)
    marginal = []
    for a, b in zip(rows, rows[1:]):
        added = max(1, b["pages"] - a["pages"])
        added_mb = max(1e-9, (b["markdown_bytes"] - a["markdown_bytes"]) / 1e6)
        marginal.append({"from": a["factor"], "to": b["factor"],
                         "s_per_mb": (b["build_s"] - a["build_s"]) / added_mb,
                         "plain_s_per_mb": (b["plain_build_s"] - a["plain_build_s"]) / added_mb,
                         "ms_per_page": (b["build_s"] - a["build_s"]) / added * 1000,
                         "plain_ms_per_page": (b["plain_build_s"] - a["plain_build_s"]) / added * 1000,
                         "plugin_ms_per_page": ((b["build_s"] - b["plain_build_s"]) - (a["build_s"] - a["plain_build_s"])) / added * 1000})
    # Linearity is judged on the content built (Markdown bytes), which grows
    # with the factor; pages do not grow alike (past 99 moments, each moment
    # page gets more plays), so the cost per page is shown but not judged.
    linear = linear_pages = None
    if len(marginal) >= 2 and marginal[0]["s_per_mb"] > 0:
        linear = marginal[-1]["s_per_mb"] / marginal[0]["s_per_mb"]
        linear_pages = marginal[-1]["ms_per_page"] / marginal[0]["ms_per_page"]
    exponent = None
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        exponent = math.log(b["build_s"] / a["build_s"]) / math.log(b["markdown_bytes"] / a["markdown_bytes"])
    return {"rows": rows, "marginal": marginal, "marginal_ratio": linear, "marginal_ratio_pages": linear_pages,
            "exponent": exponent}


# ---------------------------------------------------------------------------
# Live preview
# ---------------------------------------------------------------------------


def makefile_serve_flags() -> list[str]:
    """The flags `make serve` gives `properdocs serve` (besides -f and --dev-addr)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^serve:.*\n\t(.*)$", text, flags=re.M)
    tokens = match.group(1).split() if match else []
    flags, skip = [], False
    for token in tokens[tokens.index("serve") + 1:] if "serve" in tokens else []:
        if skip:
            skip = False
        elif token in ("-f", "--config-file", "--dev-addr", "-a"):
            skip = True
        elif token.startswith("-"):
            flags.append(token)
    return flags


_STAGES = (("detected", "Detected file changes"), ("building", "Building documentation"),
           ("built", "Documentation built in"), ("reloading", "Reloading browsers"))


def measure_live_preview(tmp: Path, flags: list[str], rounds: int = PREVIEW_ROUNDS) -> dict:
    label = "-".join(f.strip("-") for f in flags) or "plain"
    project = _project(tmp / f"serve-{label}")
    moment = sorted((project / "content" / "moments").glob("*.yml"))[0]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/moments/{moment.stem}/"
    proc = subprocess.Popen([PY, "-m", ENGINE, "serve", *flags, "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=_env(tmp / f"serve-cache-{label}"))
    log: list[tuple[float, str]] = []

    def read() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            log.append((time.perf_counter(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()
    times, stages = [], []
    original = moment.read_text(encoding="utf-8")
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(url, timeout=2).status == 200:
                    break
            time.sleep(0.2)
        else:
            return {"flags": flags, "error": "serve did not start: " + " | ".join(line for _, line in log[-5:])}
        time.sleep(1.5)
        for i in range(rounds):
            marker = f"Bench marker {i} {time.time_ns()}"
            text = re.sub(r"^summary:.*$", f"summary: {marker}", original, count=1, flags=re.M)
            text = re.sub(r"^summary: (.*)\n(  .*\n)+", r"summary: \1\n", text, count=1, flags=re.M)
            seen = len(log)
            started = time.perf_counter()
            moment.write_text(text, encoding="utf-8")
            found = False
            while time.perf_counter() - started < 60:
                with contextlib.suppress(OSError):
                    if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                        found = True
                        break
                time.sleep(0.01)
            if found:
                times.append(time.perf_counter() - started)
                time.sleep(0.3)  # let the log lines of this rebuild arrive
                stage = {}
                built = None
                for at, line in log[seen:]:
                    for name, needle in _STAGES:
                        if needle in line and name not in stage:
                            stage[name] = at - started
                            if name == "built":
                                found_s = re.search(r"built in ([\d.]+) seconds", line)
                                built = float(found_s.group(1)) if found_s else None
                stage["build_reported_s"] = built
                stages.append(stage)
            time.sleep(1.0)
    finally:
        moment.write_text(original, encoding="utf-8")
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            proc.kill()
    breakdown = {name: _median([s.get(name) for s in stages]) for name, _ in _STAGES}
    breakdown["build_reported_s"] = _median([s.get("build_reported_s") for s in stages])
    return {"flags": flags, "rounds": len(times), "median_s": _median(times), "all_s": times, "stages": breakdown,
            "stages_per_save": stages}


# ---------------------------------------------------------------------------
# The site as a real host serves it: transfer per page type, Lighthouse
# ---------------------------------------------------------------------------

_ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href|script[^>]+src)="([^"]+)"')
_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\./[^"']+\.js)["']""")


def _requested_by_browser(url: str, pages: dict[str, str]) -> dict[str, list[str]]:
    """Same-origin paths Chromium requests while loading each page (until the
    network is idle): HTML, CSS, scripts, modules imported on demand, icons."""
    from conftest import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    out: dict[str, list[str]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind, rel in pages.items():
                context = browser.new_context(viewport={"width": 412, "height": 823})
                page = context.new_page()
                seen: list[str] = []
                page.on("request", lambda request, seen=seen: seen.append(request.url))
                page.goto(url + rel, wait_until="networkidle")
                page.wait_for_timeout(300)
                context.close()
                paths = []
                for requested in seen:
                    if requested.startswith(url):
                        path = "/" + requested[len(url):].split("?", 1)[0].split("#", 1)[0]
                        if path not in paths:
                            paths.append(path)
                out[kind] = paths
        finally:
            browser.close()
    return out


def _requested_by_markup(site: Path, pages: dict[str, str]) -> dict[str, list[str]]:
    """Fallback without a browser: the page, its stylesheets and scripts, and
    every module those import (statically or on demand)."""
    out = {}
    for kind, rel in pages.items():
        html_file = site / rel / "index.html"
        paths = ["/" + rel]
        modules = []
        for ref in _ASSET.findall(html_file.read_text(encoding="utf-8")):
            if ref.startswith(("http:", "https:", "//")):
                continue
            file = (html_file.parent / ref.split("?")[0]).resolve()
            if file.is_file():
                paths.append("/" + file.relative_to(site.resolve()).as_posix())
                if file.suffix == ".js" and "/assets/cx/" in file.as_posix():
                    modules.append(file)
        while modules:
            module = modules.pop()
            for ref in _IMPORT.findall(module.read_text(encoding="utf-8")):
                target = (module.parent / ref).resolve()
                path = "/" + target.relative_to(site.resolve()).as_posix()
                if target.is_file() and path not in paths:
                    paths.append(path)
                    modules.append(target)
        out[kind] = paths
    return out


def measure_transfer(site: Path, url: str, pages: dict[str, str]) -> dict:
    try:
        requested = _requested_by_browser(url, pages)
        method = "Chromium"
    except Exception as error:  # figures only: fall back to reading the markup
        requested = _requested_by_markup(site, pages)
        method = f"markup (Chromium failed: {type(error).__name__})"
    out: dict[str, Any] = {"method": method, "encodings": list(host.ENCODINGS), "pages": {}}
    for kind, paths in requested.items():
        row = {"requests": len(paths), "files": paths}
        for part in ("html", "own", "theme", "total"):
            for encoding in ("identity", *host.ENCODINGS):
                row[f"{part}_{encoding}"] = 0
        for path in paths:
            file = site / path.lstrip("/")
            if file.is_dir() or path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                continue
            data = file.read_bytes()
            kind_of = host.content_type(file)
            part = "html" if file.suffix == ".html" else ("own" if "/assets/cx/" in file.as_posix() else "theme")
            for encoding in ("identity", *host.ENCODINGS):
                size = len(host.encode(data, encoding)) if encoding == "identity" or host.compressible(kind_of) else len(data)
                row[f"{part}_{encoding}"] += size
                row[f"total_{encoding}"] += size
        # Our own JavaScript and CSS (assets/cx/), gzipped: the goal's figure.
        row["own_js_css_gzip"] = sum(
            len(host.encode((site / p.lstrip("/")).read_bytes(), "gzip")) for p in paths
            if "/assets/cx/" in p and p.endswith((".js", ".css")) and (site / p.lstrip("/")).is_file())
        out["pages"][kind] = row
    return out


def check_host_headers(url: str, rel: str) -> dict:
    """What the host answers for one page: encodings, validators, a 304."""
    out: dict[str, Any] = {}
    for encoding in ("identity", *host.ENCODINGS):
        request = urllib.request.Request(url + rel, headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request) as response:
            out[encoding] = {"status": response.status, "content-encoding": response.headers.get("Content-Encoding"),
                             "bytes": len(response.read()), "cache-control": response.headers.get("Cache-Control"),
                             "etag": response.headers.get("ETag"), "last-modified": response.headers.get("Last-Modified")}
    request = urllib.request.Request(url + rel, headers={"Accept-Encoding": "gzip", "If-None-Match": out["gzip"]["etag"]})
    try:
        urllib.request.urlopen(request)
        out["revalidation"] = 200
    except urllib.error.HTTPError as error:
        out["revalidation"] = error.code
    return out


_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_AUDITS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
_OBSERVED = ("bundle_requested_ms", "observed_fcp_ms", "bundle_long_tasks_ms")
# Read back from Lighthouse's own simulation (bench/lantern.mjs on the run's saved artifacts).
_SIMULATED = ("html_bytes", "bundle_start_ms", "bundle_end_ms", "beside_bundle_count")
LANTERN = BENCH / "lantern.mjs"


def _simulated(artifacts: Path) -> dict:
    """Where Lighthouse's simulation put the HTML and Material's bundle in one run,
    and how many requests shared the line with the bundle (bench/lantern.mjs)."""
    try:
        result = subprocess.run(["node", str(LANTERN), str(artifacts)], capture_output=True, text=True,
                                cwd=BENCH, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        return {"simulation_error": f"{type(error).__name__}: {error}"}
    try:
        found = json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"simulation_error": (result.stderr or result.stdout or f"exit {result.returncode}")[-300:]}
    if "error" in found:
        return {"simulation_error": found["error"]}
    # No bundle found: no figure (None), not "nothing beside it" (0).
    found["beside_bundle_count"] = len(found["beside_bundle"]) if found.get("bundle_end_ms") is not None else None
    return {key: found.get(key) for key in (*_SIMULATED, "beside_bundle")}


def _lighthouse_once(url: str, report: Path) -> tuple[Optional[dict], Optional[str]]:
    artifacts = report.with_name(f"{report.stem}-artifacts")  # saved by -GA, read back by _simulated
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run " \
            "--disable-background-networking --disable-component-update --disable-sync"
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=" + ",".join(_CATEGORIES), f"--chrome-flags={flags}", "--max-wait-for-load=45000",
         f"-GA={artifacts}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
    )
    if result.returncode != 0 or not report.exists():
        return None, (result.stderr or result.stdout)[-300:]
    data = json.loads(report.read_text(encoding="utf-8"))
    sample = {name: (round(data["categories"][name]["score"] * 100)
                     if data["categories"][name]["score"] is not None else None) for name in _CATEGORIES}
    audits = data.get("audits", {})
    for audit in _AUDITS:
        sample[audit] = audits.get(audit, {}).get("numericValue")
    sample["failed_audits"] = sorted(
        name for name, audit in audits.items()
        if audit.get("score") is not None and audit.get("score") < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        and any(name in (ref.get("id") for ref in data["categories"][cat].get("auditRefs", []))
                for cat in ("accessibility", "best-practices", "seo")))
    # Where the blocking time comes from: each long task's script (or "Unattributable").
    sample["long_tasks"] = [{"url": t.get("url"), "start": round(t.get("startTime", 0)), "ms": round(t.get("duration", 0))}
                            for t in audits.get("long-tasks", {}).get("details", {}).get("items", [])]
    # Whether Material's bundle runs before the first paint (then its start-up is not blocking
    # time) depends on when it is requested: both as observed in the unthrottled load.
    sample["bundle_long_tasks_ms"] = sum(t["ms"] for t in sample["long_tasks"] if "/bundle." in (t["url"] or ""))
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    sample["bundle_requested_ms"] = next((r.get("networkRequestTime") for r in requests
                                          if "/assets/javascripts/bundle." in (r.get("url") or "")), None)
    observed = (audits.get("metrics", {}).get("details", {}).get("items") or [{}])[0]
    sample["observed_fcp_ms"] = observed.get("observedFirstContentfulPaint")
    sample.update(_simulated(artifacts))
    shutil.rmtree(artifacts, ignore_errors=True)  # 8 MB a run: the trace
    return sample, None


def measure_lighthouse(sites: dict[str, str], pages: dict[str, str], tmp: Path, runs: int = LIGHTHOUSE_RUNS) -> dict:
    """Lighthouse on each page type of each site (label → base URL), runs
    alternating between the sites so a busy machine weighs on all alike."""
    if not LIGHTHOUSE.exists():
        return {"error": "bench/node_modules missing: run `cd bench && npm ci`"}
    if not Path(CHROMIUM).exists():
        return {"error": f"Chromium not found at {CHROMIUM}"}
    samples: dict[str, dict[str, list]] = {label: {kind: [] for kind in pages} for label in sites}
    errors: dict[str, dict[str, list]] = {label: {kind: [] for kind in pages} for label in sites}
    for kind, rel in pages.items():
        for run in range(runs):
            for label, url in sites.items():
                sample, error = _lighthouse_once(url + rel, tmp / f"lh-{label}-{kind}-{run}.json")
                (samples if sample else errors)[label][kind].append(sample or error)
    results: dict[str, Any] = {}
    for label in sites:
        results[label] = {}
        for kind in pages:
            found = samples[label][kind]
            if not found:
                results[label][kind] = {"error": errors[label][kind][-1] if errors[label][kind] else "no run"}
                continue
            row = {name: _median([s.get(name) for s in found]) for name in (*_CATEGORIES, *_AUDITS, *_OBSERVED, *_SIMULATED)}
            row["runs"] = len(found)
            row["samples"] = found
            row["failed_audits"] = sorted({a for s in found for a in s["failed_audits"]})
            row["simulated_runs"] = sum(1 for s in found if "simulation_error" not in s)
            row["simulation_errors"] = sorted({s["simulation_error"] for s in found if "simulation_error" in s})
            results[label][kind] = row
    return results


def pairwise(ours: dict, plain: dict) -> dict:
    """Our pages against plain Material, per page type: the differences and the goals of issue 17."""
    out = {}
    for kind, row in ours.items():
        other = plain.get(kind, {})
        if "error" in row or "error" in other:
            out[kind] = {"error": row.get("error") or other.get("error")}
            continue
        tbt_goal = GOAL_PAIR_TBT_MS.get(kind, GOAL_PAIR_TBT_DEFAULT_MS)
        perf, plain_perf = row["performance"], other["performance"]
        tbt, plain_tbt = row["total-blocking-time"], other["total-blocking-time"]
        absolute = plain_perf is not None and plain_perf >= GOAL_LIGHTHOUSE_PERF
        out[kind] = {
            "perf": perf, "plain_perf": plain_perf, "perf_diff": None if perf is None or plain_perf is None else plain_perf - perf,
            "tbt_ms": tbt, "plain_tbt_ms": plain_tbt, "tbt_diff_ms": None if tbt is None or plain_tbt is None else tbt - plain_tbt,
            "tbt_goal_ms": tbt_goal, "absolute_goal": absolute,
            **{f"{name}": row.get(name) for name in (*_OBSERVED, *_SIMULATED)},
            **{f"plain_{name}": other.get(name) for name in (*_OBSERVED, *_SIMULATED)},
            "simulated_runs": row.get("simulated_runs"), "plain_simulated_runs": other.get("simulated_runs"),
            "simulation_errors": sorted({*row.get("simulation_errors", []), *other.get("simulation_errors", [])}),
            # Every run's score, in run order: a median of three hides how far one run lands from the next.
            "perf_runs": [run.get("performance") for run in row.get("samples", [])],
            "plain_perf_runs": [run.get("performance") for run in other.get("samples", [])],
        }
        o = out[kind]
        o["met"] = (o["perf_diff"] is not None and o["perf_diff"] <= GOAL_PAIR_PERF_POINTS
                    and o["tbt_diff_ms"] is not None and o["tbt_diff_ms"] <= tbt_goal
                    and (not absolute or (perf is not None and perf >= GOAL_LIGHTHOUSE_PERF)))
        tbt_runs = [run.get("total-blocking-time") for run in row.get("samples", [])]
        plain_tbt_runs = [run.get("total-blocking-time") for run in other.get("samples", [])]
        o["perf_diff_range"] = _difference_range(o["plain_perf_runs"], o["perf_runs"])
        o["tbt_diff_range_ms"] = _difference_range(tbt_runs, plain_tbt_runs)
        # Runs whose largest paint waited for more than the first one (see PAIR_RANGE).
        o["late_lcp_runs"], o["plain_late_lcp_runs"] = _late_lcp_runs(row), _late_lcp_runs(other)
        o["verdict"] = _verdict(o, tbt_goal)
    return out


def _difference_range(first: list, second: list) -> Optional[tuple[float, float]]:
    """The middle PAIR_RANGE of median(first) − median(second) when each list is
    drawn again with replacement; None with fewer than two runs on a side."""
    first, second = [v for v in first if v is not None], [v for v in second if v is not None]
    if len(first) < 2 or len(second) < 2:
        return None
    draw = random.Random(17)  # the same runs give the same range
    diffs = sorted(statistics.median(draw.choices(first, k=len(first))) - statistics.median(draw.choices(second, k=len(second)))
                   for _ in range(PAIR_RANGE_DRAWS))
    tail = round((1 - PAIR_RANGE) / 2 * PAIR_RANGE_DRAWS)
    return diffs[tail], diffs[-tail - 1]


def _late_lcp_runs(row: dict) -> Optional[int]:
    runs = [(s.get("first-contentful-paint"), s.get("largest-contentful-paint")) for s in row.get("samples", [])]
    runs = [(fcp, lcp) for fcp, lcp in runs if fcp is not None and lcp is not None]
    return sum(1 for fcp, lcp in runs if lcp - fcp > LATE_LCP_MS) if runs else None


def _verdict(pair: dict, tbt_goal: float) -> str:
    """"met" or "missed" when the differences' ranges agree with the medians,
    "within noise" when a range reaches across its goal."""
    if pair["absolute_goal"] and (pair["perf"] is None or pair["perf"] < GOAL_LIGHTHOUSE_PERF):
        return "missed"  # the absolute goal, not a difference: no range to weigh
    ranges = [(pair["perf_diff_range"], GOAL_PAIR_PERF_POINTS), (pair["tbt_diff_range_ms"], tbt_goal)]
    if any(found is None for found, _ in ranges):
        return "met" if pair["met"] else "missed"
    if pair["met"] and all(high <= goal for (_, high), goal in ranges):
        return "met"
    if not pair["met"] and any(low > goal for (low, _), goal in ranges):
        return "missed"
    return "within noise"


# ---------------------------------------------------------------------------
# Other engineers' figures: the assessment runtime, team merges
# ---------------------------------------------------------------------------


def _optional(module_name: str) -> Optional[dict]:
    if not (BENCH / f"{module_name}.py").exists():
        return None
    try:
        module = __import__(module_name)
        return module.measure()
    except Exception as error:  # figures only: report, do not stop the other figures
        return {"error": f"{type(error).__name__}: {error}"}


def _leaves(data: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, path + (str(key),))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, path + (str(i),))]
    return [(path, data)]


def _seconds_for(data: Any, where: tuple[str, ...], count: str) -> Optional[float]:
    """A time in seconds from a figures dict, found by words in its key path
    (e.g. ('browser', '1000', 'ms')); keys ending in _ms or under 'ms' are milliseconds."""
    counts = {count, count.replace("000", "_000"), count.replace("000", ",000")}
    for path, value in _leaves(data):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        joined = "/".join(path).lower()
        if not any(w in joined for w in where) or not any(c in re.split(r"[^0-9_,]+", joined) for c in counts):
            continue
        if any(word in joined for word in ("median", "_s", "_ms", "seconds", "ms")) and "p90" not in joined and "max" not in joined:
            return value / 1000 if re.search(r"(^|[/_])ms($|[/_])|_ms\b|millis", joined) else float(value)
    return None


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _runs(scores) -> str:
    return " ".join("—" if score is None else f"{score:.0f}" for score in scores or []) or "—"


def _print_lighthouse(results: dict, goals: list) -> None:
    lh = results["lighthouse"]
    print(f"\nLighthouse (mobile preset, through the real-host server; median of {LIGHTHOUSE_RUNS} runs per page)")
    loads = [results.get(key) for key in ("load_average", "load_average_after_lighthouse") if results.get(key)]
    if loads:
        # Simulated throttling multiplies the observed task times: a busy machine inflates TBT.
        print(f"  machine: {results.get('cpus')} cores, load average (1 min) {' → '.join(f'{l[0]:.1f}' for l in loads)}"
              + ("  (busier than its cores: expect TBT to swing)" if max(l[0] for l in loads) > (results.get("cpus") or 1) else ""))
    if "error" in lh:
        print(f"  not measured: {lh['error']}")
        goals.append(("Lighthouse", "not measured", f"perf ≥ {GOAL_LIGHTHOUSE_PERF}, others {GOAL_LIGHTHOUSE_OTHER}", False))
    else:
        print(f"  {'page':<11} {'perf':>7} {'a11y':>7} {'best':>7} {'seo':>7}   FCP / LCP / TBT / CLS (medians)")
        for kind, row in lh.items():
            if "error" in row:
                print(f"  {kind:<11} error: {row['error'][:120]}")
                goals.append((f"Lighthouse {kind}", "error", f"perf ≥ {GOAL_LIGHTHOUSE_PERF}, others 100", False))
                continue
            cells, all_ok = [], True
            for name in _CATEGORIES:
                goal = GOAL_LIGHTHOUSE_PERF if name == "performance" else GOAL_LIGHTHOUSE_OTHER
                ok = row[name] is not None and row[name] >= goal
                all_ok &= ok
                cells.append(f"{row[name]:>5.0f} {_mark(ok)}" if row[name] is not None else "    — ✗")
            metrics = (f"{_fmt((row['first-contentful-paint'] or 0) / 1000)} / {_fmt((row['largest-contentful-paint'] or 0) / 1000)} / "
                       f"{(row['total-blocking-time'] or 0):.0f} ms / {(row['cumulative-layout-shift'] or 0):.3f}")
            print(f"  {kind:<11} " + " ".join(cells) + f"   {metrics}")
            if row.get("failed_audits"):
                print(f"  {'':<11} audits not passed (a11y/best/seo): {', '.join(row['failed_audits'])}")
            goals.append((f"Lighthouse {kind}: perf / a11y / best practices / SEO",
                           " / ".join("—" if row[n] is None else f"{row[n]:.0f}" for n in _CATEGORIES),
                           f"≥ {GOAL_LIGHTHOUSE_PERF} / 100 / 100 / 100", all_ok))
        print(f"  goals: performance ≥ {GOAL_LIGHTHOUSE_PERF}, accessibility, best practices and SEO {GOAL_LIGHTHOUSE_OTHER}")

    pair = results.get("lighthouse_pair")
    if pair:
        print(f"\nOurs against plain Material (the same content, `cx-playbook export` without custom_dir; "
              f"Lighthouse mobile, alternating, median of {LIGHTHOUSE_RUNS})")
        print(f"  {'page':<11} {'perf ours / plain':>18} {'Δ':>4}   {'TBT ours / plain':>20} {'Δ':>7}   goal")
        for kind, row in pair.items():
            if "error" in row:
                print(f"  {kind:<11} error: {str(row['error'])[:120]}")
                goals.append((f"Lighthouse {kind} against plain Material", "error", "", False))
                continue
            goal = (f"Δperf ≤ {GOAL_PAIR_PERF_POINTS}, ΔTBT ≤ {row['tbt_goal_ms']} ms"
                    + (f", perf ≥ {GOAL_LIGHTHOUSE_PERF}" if row["absolute_goal"] else ""))
            print(f"  {kind:<11} {row['perf']:>8.0f} / {row['plain_perf']:<7.0f} {row['perf_diff']:>+4.0f}   "
                  f"{row['tbt_ms']:>8.0f} / {row['plain_tbt_ms']:<6.0f} ms {row['tbt_diff_ms']:>+6.0f}   {goal}  {_mark(row['met'])}")
            print(f"  {'':<11} each run's perf: ours {_runs(row.get('perf_runs'))}, plain {_runs(row.get('plain_perf_runs'))}")
            perf_range, tbt_range = row.get("perf_diff_range"), row.get("tbt_diff_range_ms")
            if perf_range and tbt_range:
                print(f"  {'':<11} {PAIR_RANGE:.0%} range of Δ: perf {perf_range[0]:+.0f} to {perf_range[1]:+.0f}, "
                      f"TBT {tbt_range[0]:+.0f} to {tbt_range[1]:+.0f} ms; LCP late in {_count(row.get('late_lcp_runs'))} "
                      f"/ {_count(row.get('plain_late_lcp_runs'))} runs → {row.get('verdict')}")
            goals.append((f"Lighthouse {kind} against plain Material: perf, TBT",
                          f"{row['perf']:.0f} vs {row['plain_perf']:.0f}, {row['tbt_ms']:.0f} vs {row['plain_tbt_ms']:.0f} ms"
                          + (f" ({row['verdict']})" if row.get("verdict") == "within noise" else ""),
                          goal, row["met"]))
        print("  Material's bundle in Lighthouse's simulation (medians; bench/lantern.mjs): its start-up counts as blocking\n"
              "  time when it runs after the first paint. It arrives later when the HTML needs a second round trip\n"
              f"  (over {FIRST_ROUND_TRIP_BYTES:,} B on the wire) or when more requests share the line with it.")
        print(f"  {'page':<11} {'HTML B ours / plain':>21} {'bundle arrives ours / plain':>29} {'beside it':>11} "
              f"{'long tasks ours / plain':>25}")
        for kind, row in pair.items():
            if "error" in row:
                continue
            cell = lambda a, b, f=_ms: f"{f(row.get(a))} / {f(row.get(b))}"
            print(f"  {kind:<11} {cell('html_bytes', 'plain_html_bytes', _count):>21} "
                  f"{cell('bundle_end_ms', 'plain_bundle_end_ms'):>29} "
                  f"{cell('beside_bundle_count', 'plain_beside_bundle_count', _count):>11} "
                  f"{cell('bundle_long_tasks_ms', 'plain_bundle_long_tasks_ms'):>25}")
            if row.get("simulation_errors"):
                print(f"  {'':<11} simulated runs: ours {row.get('simulated_runs')}, plain {row.get('plain_simulated_runs')}; "
                      f"{row['simulation_errors'][0][:160]}")
        plain = results.get("lighthouse_plain", {})
        print("  plain Material per page: " + ", ".join(
            f"{kind} {row.get('performance', 0) or 0:.0f} / {row.get('total-blocking-time', 0) or 0:.0f} ms"
            for kind, row in plain.items() if "error" not in row))


def _ms(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def _count(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _print_goals(goals: list) -> None:
    width = max(len(g[0]) for g in goals)
    for label, figure, goal, ok in goals:
        print(f"  {_mark(ok)} {label:<{width}}  {figure:>24}   goal {goal}")


def print_lighthouse(results: dict) -> None:
    """``CX_BENCH_ONLY=lighthouse``: the Lighthouse figures and their goals."""
    goals: list[tuple[str, str, str, Optional[bool]]] = []
    _print_lighthouse(results, goals)
    print("\nGoals")
    _print_goals(goals)


def print_report(results: dict) -> None:
    goals: list[tuple[str, str, str, Optional[bool]]] = []
    d = results["default"]
    print("\nDefault site (ProperDocs; wall-clock medians, CPU seconds in brackets)")
    print(f"  check, first run            {_fmt(d['check']['cold']['s'])}  [{_fmt(d['check']['cold']['cpu_s'])}]")
    print(f"  check, run again            {_fmt(d['check']['warm']['s'])}  [{_fmt(d['check']['warm']['cpu_s'])}]")
    print(f"  render (render_pages)       {_fmt(d['render']['s'])}  [{_fmt(d['render']['cpu_s'])}]")
    print(f"  our build, warm cache       {_fmt(d['build_warm_s'])}  [{_fmt(d['build_warm_cpu_s'])}]")
    print(f"  our build, cold cache       {_fmt(d['build_cold_s'])}  [{_fmt(d['build_cold_cpu_s'])}]")
    print(f"  plain build, exported tree  {_fmt(d['plain_build_s'])}  [{_fmt(d['plain_build_cpu_s'])}]")
    for label, key in (("warm", "overhead_warm"), ("cold", "overhead_cold")):
        ok = d[key] <= GOAL_OVERHEAD
        print(f"  overhead, {label} cache        {d[key]:.2f}×  [CPU {d[key + '_cpu']:.2f}×]   goal ≤ {GOAL_OVERHEAD:.2f}×  {_mark(ok)}"
              f"  (medians of {d['rounds']} alternating rounds)")
        goals.append((f"build overhead vs plain build ({label} cache)", f"{d[key]:.2f}× (CPU {d[key + '_cpu']:.2f}×)",
                      f"≤ {GOAL_OVERHEAD:.2f}×", ok))

    scale = results["scale"]
    print("\nScale (synthetic content; check in-process, build = properdocs build --strict with an empty cache)")
    print(f"  {'factor':>6} {'moments':>7} {'plays':>6} {'questions':>9} {'pages':>6} {'Markdown':>9} {'check cold':>10} "
          f"{'check warm':>10} {'render':>9} {'build':>9} {'per page':>9} {'plain':>9} {'per page':>9} {'ratio':>6}")
    for row in scale["rows"]:
        print(f"  {row['factor']:>5}× {row['moments']:>7} {row['plays']:>6} {row['questions']:>9} {row['pages']:>6} "
              f"{row['markdown_bytes'] / 1e6:>6.1f} MB {_fmt(row['check_cold_s']):>10} {_fmt(row['check_warm_s']):>10} "
              f"{_fmt(row['render_s']):>9} {_fmt(row['build_s']):>9} {row['build_ms_per_page']:>6.0f} ms "
              f"{_fmt(row['plain_build_s']):>9} {row['plain_ms_per_page']:>6.0f} ms {row['overhead']:>5.2f}×")
    print("  (plain: the same engine building the exported tree of the same content, no plugin)")
    for m in scale["marginal"]:
        print(f"  marginal cost {m['from']}×→{m['to']}×: our build {m['s_per_mb']:.2f} s per added MB of Markdown "
              f"(plain build {m['plain_s_per_mb']:.2f} s), {m['ms_per_page']:.0f} ms per added page (plain "
              f"{m['plain_ms_per_page']:.0f} ms; the plugin's share {m['plugin_ms_per_page']:.0f} ms)")
    top = max(scale["rows"], key=lambda r: r["factor"])
    for label, key in (("cold", "check_cold_s"), ("warm", "check_warm_s")):
        ok = top[key] < GOAL_CHECK_S if top["factor"] >= 100 else None
        goals.append((f"check at {top['factor']}× ({top['plays']:,} plays, {top['questions']:,} questions), {label} cache",
                      f"{_fmt(top[key])} (CPU {_fmt(top[key.replace('_s', '_cpu_s')])})", f"< {_fmt(GOAL_CHECK_S)}", ok))
    if scale["marginal_ratio"] is not None:
        ok = scale["marginal_ratio"] <= GOAL_LINEAR
        first, last = scale["marginal"][0], scale["marginal"][-1]
        print(f"  linearity: the marginal cost per MB of Markdown {last['from']}×→{last['to']}× is "
              f"{scale['marginal_ratio']:.2f}× that of {first['from']}×→{first['to']}× (per page: "
              f"{scale['marginal_ratio_pages']:.2f}×, pages differ in size across scales); time grows as "
              f"content^{scale['exponent']:.2f}   goal linear (≤ {GOAL_LINEAR}×)  {_mark(ok)}")
        goals.append(("build time linear in content, 1× to 100× (marginal cost per MB, last step vs first)",
                      f"{scale['marginal_ratio']:.2f}× (content^{scale['exponent']:.2f})", f"linear (≤ {GOAL_LINEAR}×)", ok))
    else:
        goals.append(("build time linear in pages", "not measured (quick mode)", "linear", None))

    print("\nLive preview (YAML saved → new text served by properdocs serve)")
    for live in results["live_preview"]:
        flags = " ".join(live.get("flags") or []) or "(no flags)"
        if live.get("median_s") is None:
            print(f"  serve {flags}: not measured: {live.get('error', live)}")
            continue
        st = live["stages"]
        print(f"  serve {flags}: median {_fmt(live['median_s'])} over {live['rounds']} saves ("
              + ", ".join(_fmt(t) for t in live["all_s"]) + ")")
        print(f"    where the time goes (medians after the save): change seen {_fmt(st.get('detected'))}, "
              f"build starts {_fmt(st.get('building'))}, build reported {_fmt(st.get('build_reported_s'))}, "
              f"build done {_fmt(st.get('built'))}, page served with the new text {_fmt(live['median_s'])}")
    make_serve = results["live_preview"][0]
    ok = make_serve.get("median_s") is not None and make_serve["median_s"] < GOAL_PREVIEW_S
    goals.append(("live preview, YAML save → new text served (make serve's flags: "
                  + (" ".join(make_serve.get("flags") or []) or "none") + ")",
                  _fmt(make_serve.get("median_s")), f"< {_fmt(GOAL_PREVIEW_S)}", ok if make_serve.get("median_s") else False))

    transfer = results["transfer"]
    print(f"\nTransfer per page type, served like a real host (requests seen by {transfer['method']}; "
          f"bytes: identity / gzip" + (" / br" if "br" in transfer["encodings"] else "") + ")")
    print(f"  {'page':<11} {'req':>3} {'html':>26} {'ours (assets/cx)':>26} {'theme':>26} {'total':>26}")
    for kind, row in transfer["pages"].items():
        cells = []
        for part in ("html", "own", "theme", "total"):
            cells.append(" / ".join(_kb(row[f"{part}_{e}"]) for e in ("identity", *transfer["encodings"])))
        print(f"  {kind:<11} {row['requests']:>3} " + " ".join(f"{c:>26}" for c in cells))
    for kind in ("assessment", "team"):
        row = transfer["pages"].get(kind)
        if row:
            ok = row["own_js_css_gzip"] <= GOAL_OWN_BYTES if kind == "assessment" else None
            print(f"  own JS + CSS on the {kind} page, gzipped: {row['own_js_css_gzip']:,} B"
                  + (f"   goal ≤ 15 KB ({GOAL_OWN_BYTES:,} B)  {_mark(ok)}" if kind == "assessment" else " (may add its own module)"))
            if kind == "assessment":
                goals.append(("own JavaScript + CSS on the assessment page, gzipped", f"{row['own_js_css_gzip']:,} B",
                              "≤ 15 KB", ok))
    headers = results.get("host_headers", {})
    if headers:
        gz = headers.get("gzip", {})
        print(f"  host: {', '.join(transfer['encodings'])} by Accept-Encoding; Cache-Control: {gz.get('cache-control')}; "
              f"ETag and Last-Modified; revalidation with If-None-Match → {headers.get('revalidation')}")

    _print_lighthouse(results, goals)

    print("\nAssessment runtime (bench/assessment_runtime.py)")
    runtime = results["assessment_runtime"]
    if runtime is None:
        print("  not present")
        goals.append(("answer → updated score, 500 questions", "not present", f"< {GOAL_FRAME_MS} ms", None))
    elif "error" in runtime:
        print(f"  error: {runtime['error']}")
        goals.append(("answer → updated score, 500 questions", "error", f"< {GOAL_FRAME_MS} ms", False))
    else:
        latency = runtime.get("answer_to_score", {})
        ok = latency.get("median_ms") is not None and latency["median_ms"] < GOAL_FRAME_MS
        print(f"  answer → updated score on {latency.get('questions')} questions: median {latency.get('median_ms')} ms, "
              f"p90 {latency.get('p90_ms')} ms, max {latency.get('max_ms')} ms over {latency.get('samples')} answers   "
              f"goal < {GOAL_FRAME_MS} ms (one frame)  {_mark(ok)}")
        goals.append((f"answer → updated score, {latency.get('questions')} questions (median; p90 {latency.get('p90_ms')} ms)",
                      f"{latency.get('median_ms')} ms", f"< {GOAL_FRAME_MS} ms", ok))

    print("\nTeam merges (bench/team.py)")
    team = results["team"]
    if team is None:
        print("  not present")
        goals.append(("team merge, 1,000 answer files in the browser", "not present", f"< {_fmt(GOAL_TEAM_BROWSER_S)}", None))
        goals.append(("team merge, 10,000 answer files in the CLI", "not present", f"< {_fmt(GOAL_TEAM_CLI_S)}", None))
    elif "error" in team:
        print(f"  error: {team['error']}")
        goals.append(("team merges", "error", "1,000 in the browser < 1 s, 10,000 in the CLI < 5 s", False))
    else:
        print("  " + json.dumps(team))
        for label, where, count, goal in (("1,000 answer files in the browser", ("browser", "chromium"), "1000", GOAL_TEAM_BROWSER_S),
                                          ("10,000 answer files in the CLI", ("cli",), "10000", GOAL_TEAM_CLI_S)):
            seconds = _seconds_for(team, where, count)
            ok = None if seconds is None else seconds < goal
            print(f"  {label}: {_fmt(seconds)}   goal < {_fmt(goal)}  {_mark(ok)}")
            goals.append((f"team merge, {label}", _fmt(seconds) if seconds is not None else "not found in figures",
                          f"< {_fmt(goal)}", ok))
        linked = (team.get("browser") or {}).get("links") or {}
        if linked:
            seconds = linked["pasted_1000_merge_median_ms"] / 1000
            ok = seconds < GOAL_TEAM_BROWSER_S
            print(f"  1,000 pasted links in the browser: {_fmt(seconds)}   goal < {_fmt(GOAL_TEAM_BROWSER_S)}  {_mark(ok)}")
            print(f"  link for the full seven-moments assessment: {linked['full_seven_moments_link_chars']} characters, "
                  f"QR version {linked['qr_version']} (figures)")
            goals.append(("team merge, 1,000 pasted links in the browser", _fmt(seconds), f"< {_fmt(GOAL_TEAM_BROWSER_S)}", ok))

    print("\nGoals (issue 13)")
    width = max(len(g[0]) for g in goals)
    for label, figure, goal, ok in goals:
        print(f"  {_mark(ok)} {label:<{width}}  {figure:>24}   goal {goal}")
    results["goals"] = [{"goal": label, "figure": figure, "target": goal, "met": ok} for label, figure, goal, ok in goals]


def main() -> int:
    started = time.perf_counter()
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "python": sys.version.split()[0],
                     "cpus": os.cpu_count(), "engine": ENGINE, "quick": QUICK, "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="cx-bench-") as name:
        tmp = Path(name)
        os.environ["CX_PLAYBOOK_CACHE"] = str(tmp / "cache")
        if ONLY != "lighthouse":
            print(f"Measuring the default site ({ROUNDS} rounds)…", flush=True)
            results["default"] = measure_default(tmp)

        corpus = load_corpus(ContentPaths.from_root(ROOT))
        assessment = corpus.assessments[0].id
        pages = {"home": "", "strategy": "strategy/", "moment": f"moments/{corpus.moments[0].id}/",
                 "assessment": f"assessments/{assessment}/", "team": f"assessments/{assessment}/team/",
                 "plays": "plays/"}
        site, plain_site = tmp / "site-served", tmp / "site-plain-material"
        site.mkdir()
        plain_site.mkdir()
        # Servers first, so each site is built for its address (instant navigation, canonical).
        server, plain_server = host.start(site), host.start(plain_site)
        try:
            _build(ROOT, site, tmp / "cache", CX_SITE_URL=server.url)
            _build(_plain_material(tmp, plain_server.url), plain_site, tmp / "cache")
            print("Transfer per page type through the real-host server…", flush=True)
            results["transfer"] = measure_transfer(site, server.url, pages)
            results["host_headers"] = check_host_headers(server.url, pages["moment"])
            print(f"Lighthouse, {LIGHTHOUSE_RUNS} run(s) per page type, ours and plain Material alternating…", flush=True)
            both = measure_lighthouse({"ours": server.url, "plain": plain_server.url}, pages, tmp)
            results["load_average_after_lighthouse"] = os.getloadavg()
            if "error" in both:
                results["lighthouse"] = both
            else:
                results["lighthouse"], results["lighthouse_plain"] = both["ours"], both["plain"]
                results["lighthouse_pair"] = pairwise(both["ours"], both["plain"])
        finally:
            server.shutdown()
            plain_server.shutdown()

        if ONLY != "lighthouse":
            print("Scale " + ", ".join(f"{f}×" for f in SCALES) + "…", flush=True)
            results["scale"] = measure_scale(tmp)
            flags = makefile_serve_flags()
            print(f"Live preview (make serve's flags: {' '.join(flags) or 'none'})…", flush=True)
            results["live_preview"] = [measure_live_preview(tmp, flags)]
            if not QUICK and "--dirty" in flags:
                print("Live preview without --dirty, for comparison…", flush=True)
                results["live_preview"].append(measure_live_preview(tmp, [f for f in flags if f != "--dirty"], rounds=3))
            print("Assessment runtime…", flush=True)
            results["assessment_runtime"] = _optional("assessment_runtime")
            print("Team merges…", flush=True)
            results["team"] = _optional("team")
    results["bench_wall_s"] = time.perf_counter() - started
    results["only"] = ONLY or None
    if ONLY == "lighthouse":
        print_lighthouse(results)
    else:
        print_report(results)
    # Every mode keeps its figures (a Lighthouse-only run holds transfer and Lighthouse only).
    print(f"\nBenchmark took {_fmt(results['bench_wall_s'])}; figures in bench/results.json")
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
