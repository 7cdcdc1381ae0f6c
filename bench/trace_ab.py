"""A/B main-thread costs of built pages, from Chromium's own trace: deterministic
where Lighthouse is not (Lighthouse's simulated throttling replays an unthrottled
load, so which side of the first paint a task falls on decides whether it counts).

    .venv/bin/python bench/trace_ab.py LABEL=SITE_DIR[@PORT] ... [--pages home=,team=assessments/x/team/]
        [--runs 9] [--cpu 4] [--json out.json]

Each run loads every page of every variant once, alternating, in a fresh browser
context (cold HTTP cache), through bench/host.py, with the CPU slowed down
``--cpu`` times (CDP ``Emulation.setCPUThrottlingRate``). From the trace of each
load: first contentful paint, where Material's bundle is evaluated, main-thread
time by kind (script, style, layout, parse, paint, gc, other; self time, so a
style recalculation forced by a script counts as style), the long tasks
(> 50 ms) and their blocking time after the first paint, and the script each
long task runs. Medians over the runs are printed per page and variant.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import host  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading", "blink.user_timing",
              "toplevel", "v8.execute", "v8", "disabled-by-default-v8.compile"]
CPU = 4  # the slowdown Lighthouse's mobile preset simulates; long tasks are counted at CPU time × CPU

KIND = {
    "EvaluateScript": "script", "FunctionCall": "script", "v8.compile": "script", "v8.compileModule": "script",
    "v8.evaluateModule": "script", "TimerFire": "script", "EventDispatch": "script", "FireAnimationFrame": "script",
    "RunMicrotasks": "script", "V8.Execute": "script", "v8.run": "script", "v8.callFunction": "script",
    "FireIdleCallback": "script", "v8.parseOnBackground": "script", "V8.CompileCode": "script",
    "UpdateLayoutTree": "style", "RecalculateStyles": "style", "ParseAuthorStyleSheet": "style",
    "Layout": "layout", "ParseHTML": "parse",
    "Paint": "paint", "PrePaint": "paint", "Layerize": "paint", "UpdateLayer": "paint", "CompositeLayers": "paint",
    "Commit": "paint",
    "MinorGC": "gc", "MajorGC": "gc", "V8.GC_SCAVENGER": "gc", "BlinkGC.AtomicPhase": "gc",
}
SCRIPT_EVENTS = {"EvaluateScript", "FunctionCall", "v8.compile", "v8.compileModule", "v8.evaluateModule", "TimerFire",
                 "FireAnimationFrame", "EventDispatch"}


def _url(event: dict) -> str:
    data = (event.get("args") or {}).get("data") or {}
    url = data.get("url") or data.get("scriptName") or (event.get("args") or {}).get("fileName") or ""
    return url.rsplit("/", 1)[-1].split("?")[0]


def _cpu(event: dict) -> float:
    """The event's thread (CPU) time in µs: unlike wall time, it does not grow
    when the other engineers' jobs take the cores."""
    return event.get("tdur", event.get("dur", 0))


def analyse(trace: dict) -> dict:
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    # The page's renderer main thread: the one with the navigationStart mark for a http URL.
    nav = [e for e in events if e.get("name") == "navigationStart"
           and ((e.get("args") or {}).get("data") or {}).get("documentLoaderURL", "").startswith("http")]
    if not nav:
        raise RuntimeError("no navigationStart in the trace")
    start = nav[-1]
    pid, tid, t0 = start["pid"], start["tid"], start["ts"]
    fcp = [e["ts"] for e in events if e.get("name") == "firstContentfulPaint" and e["pid"] == pid and e["ts"] >= t0]
    fcp_ms = (min(fcp) - t0) / 1000 if fcp else None
    main = sorted((e for e in events if e["pid"] == pid and e["tid"] == tid and e.get("ph") == "X" and e["ts"] >= t0),
                  key=lambda e: (e["ts"], -e.get("dur", 0)))
    # Top-level tasks only (Chromium nests ThreadControllerImpl::RunTask and RunTask).
    tasks, task_end = [], -1
    for e in main:
        if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask") and e["ts"] >= task_end:
            tasks.append(e)
            task_end = e["ts"] + e.get("dur", 0)
    # Self time per kind, and the script (URL) each top-level task spends its time under.
    kinds: dict[str, float] = defaultdict(float)
    by_url: dict[str, float] = defaultdict(float)
    by_url_kind: dict[str, float] = defaultdict(float)
    stack: list[tuple[dict, str, str]] = []  # (event, kind, url)
    children: dict[int, float] = defaultdict(float)
    ends: list = []
    for event in main:
        end = event["ts"] + event.get("dur", 0)
        while stack and stack[-1][0]["ts"] + stack[-1][0].get("dur", 0) <= event["ts"]:
            stack.pop()
        parent_kind = stack[-1][1] if stack else "other"
        parent_url = stack[-1][2] if stack else ""
        kind = KIND.get(event["name"], parent_kind if stack else "other")
        url = _url(event) if event["name"] in SCRIPT_EVENTS and _url(event) else parent_url
        if stack:
            children[id(stack[-1][0])] += _cpu(event)
        stack.append((event, kind, url))
        ends.append((event, kind, url))
    for event, kind, url in ends:
        own = max(0.0, _cpu(event) - children.get(id(event), 0.0)) / 1000
        kinds[kind] += own
        by_url[url or "(none)"] += own
        by_url_kind[f"{url or '(none)'}:{kind}"] += own
    long_tasks = []
    for task in tasks:
        if _cpu(task) * CPU > 50_000:
            inner = [e for e, _, _ in ends if task["ts"] <= e["ts"] < task["ts"] + task["dur"] and e["name"] in SCRIPT_EVENTS and _url(e)]
            scripts = sorted({_url(e) for e in inner})
            long_tasks.append({"start": round((task["ts"] - t0) / 1000), "ms": round(task["dur"] / 1000),
                               "cpu_ms": round(_cpu(task) / 1000), "scripts": scripts})
    # Blocking time as Lighthouse's simulation counts it: CPU time × the slowdown, over 50 ms.
    blocking = sum(t["cpu_ms"] * CPU - 50 for t in long_tasks if fcp_ms is not None and t["start"] >= fcp_ms)
    bundle = [e for e in main if e["name"] == "EvaluateScript" and _url(e).startswith("bundle.")]
    load = [e["ts"] for e in events if e.get("name") in ("MarkLoad", "markLoadEventEnd", "loadEventEnd") and e["pid"] == pid]
    requested = [e["ts"] for e in events if e.get("name") == "ResourceSendRequest" and e["ts"] >= t0
                 and _url(e).startswith("bundle.")]
    return {
        "fcp_ms": fcp_ms,
        "bundle_request_ms": (min(requested) - t0) / 1000 if requested else None,
        "bundle_eval_start_ms": (bundle[0]["ts"] - t0) / 1000 if bundle else None,
        "bundle_eval_ms": sum(_cpu(e) for e in bundle) / 1000 if bundle else None,
        "main_thread_ms": sum(_cpu(t) for t in tasks) / 1000,
        "kinds_ms": {k: round(v, 1) for k, v in sorted(kinds.items())},
        "by_script_ms": {k: round(v, 1) for k, v in sorted(by_url.items(), key=lambda kv: -kv[1])[:8]},
        "by_script_kind_ms": {k: round(v, 1) for k, v in sorted(by_url_kind.items(), key=lambda kv: -kv[1])},
        "long_tasks": long_tasks,
        "blocking_after_fcp_ms": blocking,
        "blocking_all_ms": sum(t["cpu_ms"] * CPU - 50 for t in long_tasks),
    }


def load_once(browser, url: str, cpu: float, settle_ms: int) -> dict:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    # Material and our modules mount after load; the trace ends when the page is quiet.
    page.wait_for_function("() => new Promise(r => requestIdleCallback(() => r(true), {timeout: 5000}))",
                           polling="raf")
    page.wait_for_timeout(settle_ms)  # bench only: let the last idle tasks land in the trace
    raw = browser.stop_tracing()
    context.close()
    return analyse(json.loads(raw))


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variants", nargs="+", help="LABEL=SITE_DIR[@PORT]")
    parser.add_argument("--pages", default="home=", help="kind=relative/url/,... (default: the home page)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cpu", type=float, default=1)
    parser.add_argument("--settle", type=int, default=1500)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    servers = {}
    for spec in args.variants:
        label, _, where = spec.partition("=")
        folder, _, port = where.partition("@")
        server = host.RealHost(Path(folder), ("127.0.0.1", int(port or 0)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[label] = server
    pages = dict(item.split("=", 1) for item in args.pages.split(","))
    samples: dict = {kind: {label: [] for label in servers} for kind in pages}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            try:
                for run in range(args.runs):
                    order = list(servers.items()) if run % 2 == 0 else list(reversed(servers.items()))
                    for kind, rel in pages.items():
                        for label, server in order:
                            samples[kind][label].append(load_once(browser, server.url + rel, args.cpu, args.settle))
                    print(f"run {run + 1}/{args.runs}", file=sys.stderr, flush=True)
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
    print(f"Medians of {args.runs} alternating loads, CPU ×{args.cpu}; FCP and bundle@ wall ms from navigation start, "
          f"the rest main-thread CPU ms; TBT* = Σ(long task CPU × {CPU} − 50) after FCP, TBTall the same over all tasks")
    for kind in pages:
        print(f"\n{kind}")
        print(f"  {'variant':<14} {'FCP':>6} {'fetch@':>7} {'bundle@':>8} {'bundle':>7} {'main':>7} {'TBT*':>6} {'TBTall':>7} "
              f"{'script':>7} {'style':>6} {'layout':>7} {'parse':>6} {'paint':>6} {'gc':>5} {'other':>6}")
        for label in servers:
            rows = samples[kind][label]
            m = {key: _median([r[key] for r in rows]) for key in
                 ("fcp_ms", "bundle_request_ms", "bundle_eval_start_ms", "bundle_eval_ms", "main_thread_ms", "blocking_after_fcp_ms", "blocking_all_ms")}
            k = {name: _median([r["kinds_ms"].get(name, 0) for r in rows])
                 for name in ("script", "style", "layout", "parse", "paint", "gc", "other")}
            fmt = lambda v, w: f"{v:>{w}.0f}" if v is not None else f"{'—':>{w}}"
            print(f"  {label:<14} {fmt(m['fcp_ms'], 6)} {fmt(m['bundle_request_ms'], 7)} {fmt(m['bundle_eval_start_ms'], 8)} {fmt(m['bundle_eval_ms'], 7)} "
                  f"{fmt(m['main_thread_ms'], 7)} {fmt(m['blocking_after_fcp_ms'], 6)} {fmt(m['blocking_all_ms'], 7)} "
                  + " ".join(fmt(k[n], w) for n, w in (("script", 7), ("style", 6), ("layout", 7), ("parse", 6),
                                                        ("paint", 6), ("gc", 5), ("other", 6))))
            urls = defaultdict(list)
            for r in rows:
                for u, v in r["by_script_ms"].items():
                    urls[u].append(v)
            print(f"  {'':<14} by script: " + ", ".join(f"{u} {statistics.median(v + [0] * (len(rows) - len(v))):.0f}"
                                                      for u, v in sorted(urls.items(), key=lambda kv: -sum(kv[1]))[:5]))
    if args.json:
        Path(args.json).write_text(json.dumps(samples, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
