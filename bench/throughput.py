#!/usr/bin/env python
"""Throughput and memory benchmark: sitroom end to end against bare spaCy, on the same texts.

    python bench/throughput.py [--data ../shared/bench/gva/documents.jsonl] [--limit N] [--json]
                               [--repeat R] [--no-memory]
    python bench/throughput.py --profile [--limit 100] [--top 25]

One run on one machine (see bench/README.md for what each figure means):

1. memory, first, while this process is still small: end to end at N/2 and at N articles, each in
   its own child process (so each peak is its own; the two run side by side): peak resident set
   (``ru_maxrss``), the RSS high-water mark of the end-to-end phase alone (Linux: VmHWM reset after
   warm-up), and the tracemalloc peak of Python allocations made during that phase;
2. warm-up (imports, spaCy model, gazetteer, pipeline, one throw-away article), timed and reported on
   its own, never counted in the throughput figures;
3. bare spaCy: ``load_model().pipe(texts, batch_size=32)`` over the texts, consuming every Doc;
4. end to end: the same rows as RawDocuments through ``sitroom.runner.run(..., inputs=docs)`` into a
   fresh SQLite store in a temporary folder (cleaning, every stage and storage included);
5. the ratio end-to-end / bare spaCy in articles per second (project target: >= 0.5), by wall time
   and by CPU time of this process (the latter is steadier on a shared machine).

Both timed phases read the JSON Lines file lazily (one row at a time); rows with empty content are
skipped. `--profile` instead prints per-stage wall times and a cProfile of the end-to-end phase.
This is a benchmark, not a test: it prints figures and exits 0 unless it could not run.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "gva" / "documents.jsonl"
DEFAULT_LIMIT = 100
BATCH_SIZE = 32
TARGET_RATIO = 0.5
# Memory counts as flat when the N run's peak RSS is within this much of the N/2 run's peak.
FLAT_RSS_MIB = 20.0
FLAT_RSS_FRACTION = 0.10

# A short article of our own, used once to load everything that loads lazily (language id,
# dateparser, gazetteer, actor dictionary, trigger lexicon) before anything is timed.
WARMUP_TEXT = (
    "Syrian government forces shelled the town of Saraqib in Idlib province on Monday, killing at least "
    "12 civilians and wounding 30 others, the Syrian Observatory for Human Rights said.\n\n"
    "Turkey's defence ministry said on Tuesday that it had killed 51 Syrian soldiers in retaliation. "
    "\"We will respond to any attack,\" President Recep Tayyip Erdogan told reporters in Ankara.\n\n"
    "Police in Chicago said two men were shot dead near a school on Sunday night."
)


# ---- data ----------------------------------------------------------------------------------

def iter_rows(path: str | os.PathLike[str], limit: int | None) -> Iterator[dict[str, Any]]:
    """Rows of a JSON Lines file with non-empty `content`, read one line at a time, at most `limit`."""
    n = 0
    if limit is not None and limit <= 0:
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            content = row.get("content")
            if not isinstance(content, str) or not content.strip():
                continue
            yield row
            n += 1
            if limit is not None and n >= limit:
                return


def to_raw(row: dict[str, Any], index: int) -> Any:
    from sitroom.records import RawDocument

    uri = row.get("uri") or f"bench:{row.get('doc_id') or index}"
    return RawDocument(uri=str(uri), data=row["content"], content_type="text/plain",
                       title=row.get("title") or None, published=row.get("dct") or None)


def iter_docs(path: str | os.PathLike[str], limit: int | None) -> Iterator[Any]:
    for i, row in enumerate(iter_rows(path, limit)):
        yield to_raw(row, i)


# ---- measurements ---------------------------------------------------------------------------

def _maxrss_mib() -> float:
    """Peak resident set of this process so far (getrusage ru_maxrss), in MiB.

    Linux reports KiB, macOS bytes. Linux also carries the parent's peak into a child at exec, which
    is why the memory children are started before this process loads anything.
    """
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024 * 1024) if sys.platform == "darwin" else r / 1024


def _proc_status_mib(field: str) -> float | None:
    """VmRSS (now) or VmHWM (peak) from /proc/self/status in MiB; None where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux >= 4.0), so a later peak is of one phase only."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def warm_up() -> tuple[dict[str, Any], Any]:
    """Load everything once; return (timings, pipeline). Nothing here is in the throughput figures."""
    timings: dict[str, Any] = {}
    t_all = time.perf_counter()

    t = time.perf_counter()
    import sitroom.runner  # noqa: F401  (and with it the store, ingest and pipeline packages)
    from sitroom.pipeline import analyse, build_pipeline
    from sitroom.pipeline.clean import clean_document
    from sitroom.ingest.options import IngestOptions
    from sitroom.records import RawDocument
    timings["import_s"] = time.perf_counter() - t

    from sitroom.pipeline.nlp import load_model
    t = time.perf_counter()
    nlp = load_model()
    timings["model_load_s"] = time.perf_counter() - t

    from sitroom.pipeline.gazetteer import get_gazetteer
    t = time.perf_counter()
    gaz = get_gazetteer()
    timings["gazetteer_load_s"] = time.perf_counter() - t
    timings["gazetteer_source"] = getattr(gaz, "loaded_from", "?")

    t = time.perf_counter()
    pipeline = build_pipeline(nlp)
    timings["pipeline_build_s"] = time.perf_counter() - t

    t = time.perf_counter()
    raw = RawDocument(uri="bench:warm-up", data=WARMUP_TEXT, title="Warm-up", published="2020-02-11")
    analyse(pipeline, clean_document(raw, IngestOptions()))
    list(nlp.pipe([WARMUP_TEXT] * 2, batch_size=BATCH_SIZE))
    timings["first_article_s"] = time.perf_counter() - t

    timings["total_s"] = time.perf_counter() - t_all
    return timings, pipeline


def bare_spacy(data: str, limit: int | None) -> dict[str, Any]:
    """`load_model().pipe(texts, batch_size=32)` over the rows' contents, every Doc consumed."""
    from sitroom.pipeline.nlp import load_model

    nlp = load_model()
    texts = (row["content"] for row in iter_rows(data, limit))
    articles = tokens = 0
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        articles += 1
        tokens += len(doc)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    return {"articles": articles, "tokens": tokens, "seconds": seconds, "cpu_seconds": cpu,
            "articles_per_s": articles / seconds if seconds else 0.0,
            "tokens_per_s": tokens / seconds if seconds else 0.0,
            "articles_per_cpu_s": articles / cpu if cpu else 0.0}


def end_to_end(data: str, limit: int | None, pipeline: Any, trace: bool = False) -> dict[str, Any]:
    """The same rows through `sitroom.runner.run(..., inputs=...)` into a fresh SQLite store.

    With `trace`, also the memory of this phase alone: tracemalloc (Python allocations made during
    the run: peak, and still held at the end) and, on Linux, the peak RSS of the phase (VmHWM reset
    just before the run) and RSS before and after.
    """
    from sitroom.runner import run
    from sitroom.store.db import Store

    mem: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        t = time.perf_counter()
        store = Store.open(Path(tmp) / "bench.sqlite")
        store_open_s = time.perf_counter() - t
        try:
            gc.collect()
            if trace:
                mem["rss_before_mib"] = _proc_status_mib("VmRSS")
                mem["hwm_reset"] = _reset_peak_rss()
                tracemalloc.start()
            progress = None
            if trace:
                marks = {max(1, (limit or 0) * q // 4) for q in (1, 2, 3)} if limit else set()
                curve: list[dict[str, Any]] = mem.setdefault("curve", [])
                done = [0]

                def progress(_uri: str, _outcome: str) -> None:
                    done[0] += 1
                    if done[0] in marks:
                        curve.append({"articles": done[0], "rss_mib": _proc_status_mib("VmRSS"),
                                      "tracemalloc_mib": tracemalloc.get_traced_memory()[0] / 2**20})
            t, c = time.perf_counter(), time.process_time()
            summary = run([], store, pipeline=pipeline, inputs=iter_docs(data, limit), progress=progress)
            seconds, cpu = time.perf_counter() - t, time.process_time() - c
            if trace:
                now, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                mem.update({"tracemalloc_peak_mib": peak / 2**20, "tracemalloc_end_mib": now / 2**20,
                            "rss_after_mib": _proc_status_mib("VmRSS"),
                            "phase_peak_rss_mib": _proc_status_mib("VmHWM") if mem["hwm_reset"] else None})
            counts = store.counts()
        finally:
            store.close()
    articles = summary.processed + summary.already_stored + len(summary.rejected)
    return {
        "articles": articles, "stored": summary.processed, "skipped": summary.already_stored,
        "rejected": len(summary.rejected), "events": summary.events, "seconds": seconds, "cpu_seconds": cpu,
        "articles_per_s": articles / seconds if seconds else 0.0,
        "articles_per_cpu_s": articles / cpu if cpu else 0.0, "store_open_s": store_open_s,
        "stored_rows": counts, **mem,
    }


def _child(data: str, limit: int) -> dict[str, Any]:
    """One memory measurement: warm up, then end to end under tracemalloc, in this fresh process."""
    warm, pipeline = warm_up()
    e2e = end_to_end(data, limit, pipeline, trace=True)
    return {"articles": e2e["articles"], "warmup_s": warm["total_s"],
            "rss_after_warmup_mib": e2e["rss_before_mib"], "rss_after_run_mib": e2e["rss_after_mib"],
            "phase_peak_rss_mib": e2e["phase_peak_rss_mib"], "peak_rss_mib": _maxrss_mib(),
            "tracemalloc_peak_mib": e2e["tracemalloc_peak_mib"], "tracemalloc_end_mib": e2e["tracemalloc_end_mib"],
            "seconds_traced": e2e["seconds"], "curve": e2e["curve"]}


def _child_cmd(data: str, limit: int) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", "--data", str(data), "--limit", str(limit)]


def memory_at(data: str, limits: list[int]) -> list[dict[str, Any]]:
    """Run `_child` once per limit, each in its own interpreter so its peak RSS is its own.

    The children run side by side (they are only measured for memory; their traced times are
    slow anyway and not part of the throughput figures), before the timed phases start.
    """
    procs = [subprocess.Popen(_child_cmd(data, n), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in limits]
    out = []
    for n, proc in zip(limits, procs):
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"memory child (limit {n}) failed with {proc.returncode}:\n{stderr[-2000:]}")
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def count_rows(data: str, limit: int | None) -> int:
    return sum(1 for _ in iter_rows(data, limit))


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def code_version() -> dict[str, Any]:
    """The commit measured, and whether the working tree had uncommitted changes."""
    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    import importlib.util

    spec = importlib.util.find_spec("sitroom")
    origin = Path(spec.origin).resolve().parent if spec and spec.origin else None
    if origin is None or origin != (REPO / "src" / "sitroom").resolve():
        # Measuring another copy (PYTHONPATH): this checkout's git state says nothing about it.
        return {"sitroom": str(origin), "commit": None, "src_modified": None}
    head = git("rev-parse", "--short", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    return {"sitroom": str(origin), "commit": head, "src_modified": bool(status) if status is not None else None}


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(),
                            "cpu_count": os.cpu_count()}
    try:
        info["cpus_available"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import spacy
        info["spacy"] = spacy.__version__
    except ImportError:
        pass
    return info


def benchmark(data: str | os.PathLike[str] = DEFAULT_DATA, limit: int | None = DEFAULT_LIMIT,
              memory: bool = True, repeat: int = 1) -> dict[str, Any]:
    """All the figures of one run, as a JSON-ready dict.

    With `repeat` > 1 both timed phases run that many times, interleaved, and the fastest of each
    is reported (the usual defence against other load on the machine); all times are kept.
    """
    data = str(data)
    if not Path(data).is_file():
        raise FileNotFoundError(f"no data file at {data}")
    mem: dict[str, Any] = {}
    if memory:
        # First, while this process is still small: a child inherits its parent's ru_maxrss on Linux.
        n = count_rows(data, limit)
        small, large = memory_at(data, [max(1, n // 2), max(1, n)])
        key = "phase_peak_rss_mib" if small.get("phase_peak_rss_mib") and large.get("phase_peak_rss_mib") \
            else "peak_rss_mib"
        growth = large[key] - small[key]
        mem.update({
            "sizes": [small, large],
            "compared": key,
            "rss_growth_mib": growth,
            "tracemalloc_peak_growth_mib": large["tracemalloc_peak_mib"] - small["tracemalloc_peak_mib"],
            "flat": growth <= max(FLAT_RSS_MIB, FLAT_RSS_FRACTION * small[key]),
        })
    load_before = _loadavg()
    warm, pipeline = warm_up()
    spacy_runs, e2e_runs = [], []
    for _ in range(max(1, repeat)):  # interleaved, so a burst of load elsewhere hits both alike
        spacy_runs.append(bare_spacy(data, limit))
        e2e_runs.append(end_to_end(data, limit, pipeline))
    spacy_fig = dict(min(spacy_runs, key=lambda f: f["seconds"]))
    e2e = dict(min(e2e_runs, key=lambda f: f["seconds"]))
    if repeat > 1:
        spacy_fig["all_seconds"] = [f["seconds"] for f in spacy_runs]
        e2e["all_seconds"] = [f["seconds"] for f in e2e_runs]
    ratio = e2e["articles_per_s"] / spacy_fig["articles_per_s"] if spacy_fig["articles_per_s"] else 0.0
    ratio_cpu = (e2e["articles_per_cpu_s"] / spacy_fig["articles_per_cpu_s"]
                 if spacy_fig["articles_per_cpu_s"] else 0.0)
    result: dict[str, Any] = {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "data": data, "limit": limit, "machine": {**machine(), "loadavg_before": load_before,
                                                  "loadavg_after": _loadavg()},
        "code": code_version(),
        "warmup": warm,
        "spacy": spacy_fig,
        "end_to_end": {k: e2e[k] for k in ("articles", "stored", "skipped", "rejected", "events", "seconds",
                                           "cpu_seconds", "articles_per_s", "articles_per_cpu_s", "store_open_s",
                                           "stored_rows", "all_seconds") if k in e2e},
        "repeat": max(1, repeat),
        "ratio": ratio, "ratio_cpu": ratio_cpu, "target_ratio": TARGET_RATIO, "meets_target": ratio >= TARGET_RATIO,
        "memory": {"main_peak_rss_mib": _maxrss_mib(), **mem},
    }
    if e2e["articles"] != spacy_fig["articles"]:
        result["warning"] = "end to end and bare spaCy saw different numbers of articles"
    return result


# ---- output ---------------------------------------------------------------------------------

def _f(x: float | None) -> str:
    return "?" if x is None else f"{x:.0f}"


def _secs(xs: list[float]) -> str:
    return "/".join(f"{x:.1f}" for x in xs)


def render(r: dict[str, Any]) -> str:
    w, s, e, m = r["warmup"], r["spacy"], r["end_to_end"], r["memory"]
    mach = r["machine"]
    lines = [
        f"sitroom throughput  {r['date']}  {mach.get('cpu', '?')}"
        f" ({mach.get('cpus_available', mach['cpu_count'])} cpus)"
        f"  python {mach['python']}  spaCy {mach.get('spacy', '?')}",
        f"data {r['data']}  limit {r['limit']}",
        "",
        f"warm-up (not timed below)  {w['total_s']:.2f} s: imports {w['import_s']:.2f}, model {w['model_load_s']:.2f},"
        f" gazetteer {w['gazetteer_load_s']:.2f} ({w['gazetteer_source']}), pipeline {w['pipeline_build_s']:.2f},"
        f" first article {w['first_article_s']:.2f}",
        "",
        f"{'phase':<14}{'articles':>9}{'wall s':>9}{'articles/s':>12}{'tokens/s':>10}{'CPU s':>8}{'art/CPU s':>11}",
        f"{'bare spaCy':<14}{s['articles']:>9}{s['seconds']:>9.2f}{s['articles_per_s']:>12.2f}"
        f"{s['tokens_per_s']:>10.0f}"
        f"{s['cpu_seconds']:>8.2f}{s['articles_per_cpu_s']:>11.2f}",
        f"{'end to end':<14}{e['articles']:>9}{e['seconds']:>9.2f}{e['articles_per_s']:>12.2f}{'':>10}"
        f"{e['cpu_seconds']:>8.2f}{e['articles_per_cpu_s']:>11.2f}",
        "",
        f"ratio end-to-end / spaCy: {r['ratio']:.2f} wall, {r['ratio_cpu']:.2f} CPU  (target >= {r['target_ratio']}: "
        f"{'met' if r['meets_target'] else 'NOT met'})",
        *([f"fastest of {r['repeat']} interleaved runs; all wall s: spaCy {_secs(s['all_seconds'])},"
           f" end to end {_secs(e['all_seconds'])}"] if r.get("repeat", 1) > 1 else []),
        f"load average before/after: {mach.get('loadavg_before')} / {mach.get('loadavg_after')};"
        f" code {r['code']['commit'] or r['code']['sitroom']}"
        f"{' + uncommitted src changes' if r['code']['src_modified'] else ''}",
        f"end to end: {e['stored']} stored, {e['skipped']} duplicates skipped, {e['rejected']} rejected,"
        f" {e['events']} events",
        f"peak RSS of this process: {m['main_peak_rss_mib']:.0f} MiB",
    ]
    if "sizes" in m:
        lines += ["", f"{'memory':<8}{'articles':>9}{'RSS warm':>10}{'RSS end':>9}{'RSS peak':>10}{'run peak':>10}"
                  f"{'py peak':>9}{'py end':>8}{'traced s':>10}"]
        for z in m["sizes"]:
            pp = z.get("phase_peak_rss_mib")
            lines.append(f"{'child':<8}{z['articles']:>9}{_f(z['rss_after_warmup_mib']):>10}"
                         f"{_f(z['rss_after_run_mib']):>9}"
                         f"{z['peak_rss_mib']:>10.0f}{_f(pp):>10}{z['tracemalloc_peak_mib']:>9.1f}"
                         f"{z['tracemalloc_end_mib']:>8.1f}{z['seconds_traced']:>10.1f}")
        lines.append("(MiB. RSS peak: ru_maxrss of the child, warm-up included; run peak: RSS high-water mark of the"
                     " end-to-end phase alone; py: tracemalloc of that phase)")
        lines.append(f"{m['compared']} growth N/2 -> N: {m['rss_growth_mib']:+.1f} MiB;"
                     f" Python peak growth {m['tracemalloc_peak_growth_mib']:+.1f} MiB;"
                     f" memory {'flat' if m['flat'] else 'GROWS'}")
    if "warning" in r:
        lines += ["", "warning: " + r["warning"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="JSON Lines with `content`, `title`, `dct` per row")
    ap.add_argument("--limit", type=int, default=None,
                    help=f"articles (non-empty rows) to use (default {DEFAULT_LIMIT})")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run both timed phases this many times, interleaved, and report the fastest of each")
    ap.add_argument("--no-memory", action="store_true", help="skip the two memory child processes")
    ap.add_argument("--profile", action="store_true",
                    help="print per-stage times and a cProfile of the end-to-end phase instead")
    ap.add_argument("--top", type=int, default=25, help="lines of profile to print (with --profile)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not Path(args.data).is_file():
        print(f"no data file at {args.data}", file=sys.stderr)
        return 2
    if args.child:
        print(json.dumps(_child(args.data, args.limit)))
        return 0
    if args.profile:
        from profile_stages import profile  # bench/ is on the path when this file runs as a script

        print(profile(args.data, args.limit if args.limit is not None else DEFAULT_LIMIT, args.top))
        return 0
    limit = args.limit if args.limit is not None else DEFAULT_LIMIT
    result = benchmark(args.data, limit, memory=not args.no_memory, repeat=args.repeat)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
