#!/usr/bin/env python
"""Throughput and memory benchmark: sitroom end to end against bare spaCy, on the same texts.

    python bench/throughput.py [--data ../shared/bench/gva/documents.jsonl] [--limit N] [--json]
    python bench/throughput.py --profile [--limit 100] [--top 25]

One run, one machine, one process for the timed phases (plus two child processes for memory):

1. warm-up (imports, spaCy model, gazetteer, pipeline, one throw-away article): timed and reported
   on its own, never counted in the throughput figures;
2. bare spaCy: ``load_model().pipe(texts, batch_size=32)`` over the texts, consuming every Doc;
3. end to end: the same rows as RawDocuments through ``sitroom.runner.run(..., inputs=docs)`` into a
   fresh SQLite store in a temporary folder (cleaning, every stage and storage included);
4. the ratio end-to-end / bare spaCy in articles per second (project target: >= 0.5);
5. memory: end to end again at N/2 and N articles, each in its own child process so each peak is its
   own: peak resident set (``ru_maxrss``) and the tracemalloc peak of Python allocations made during
   the end-to-end phase. Flat memory means the N run peaks about where the N/2 run does.

Both phases read the JSON Lines file lazily (one row at a time); rows with empty content are skipped.
This is a benchmark, not a test: it prints figures and always exits 0 unless it could not run.
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
DEFAULT_LIMIT = 300
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
    """Peak resident set of this process so far, in MiB (Linux reports KiB, macOS bytes)."""
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024 * 1024) if sys.platform == "darwin" else r / 1024


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
    t = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        articles += 1
        tokens += len(doc)
    seconds = time.perf_counter() - t
    return {"articles": articles, "tokens": tokens, "seconds": seconds,
            "articles_per_s": articles / seconds if seconds else 0.0,
            "tokens_per_s": tokens / seconds if seconds else 0.0}


def end_to_end(data: str, limit: int | None, pipeline: Any, trace: bool = False) -> dict[str, Any]:
    """The same rows through `sitroom.runner.run(..., inputs=...)` into a fresh SQLite store."""
    from sitroom.runner import run
    from sitroom.store.db import Store

    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        t = time.perf_counter()
        store = Store.open(Path(tmp) / "bench.sqlite")
        store_open_s = time.perf_counter() - t
        try:
            gc.collect()
            rss_before = _maxrss_mib()
            if trace:
                tracemalloc.start()
                tracemalloc.reset_peak()
            t = time.perf_counter()
            summary = run([], store, pipeline=pipeline, inputs=iter_docs(data, limit))
            seconds = time.perf_counter() - t
            traced: tuple[int, int] | None = None
            if trace:
                traced = tracemalloc.get_traced_memory()
                tracemalloc.stop()
            counts = store.counts()
        finally:
            store.close()
    articles = summary.processed + summary.already_stored + len(summary.rejected)
    out: dict[str, Any] = {
        "articles": articles, "stored": summary.processed, "skipped": summary.already_stored,
        "rejected": len(summary.rejected), "events": summary.events, "seconds": seconds,
        "articles_per_s": articles / seconds if seconds else 0.0, "store_open_s": store_open_s,
        "stored_rows": counts, "rss_before_mib": rss_before, "peak_rss_mib": _maxrss_mib(),
    }
    if traced is not None:
        out["tracemalloc_end_mib"] = traced[0] / 2**20
        out["tracemalloc_peak_mib"] = traced[1] / 2**20
    return out


def _child(data: str, limit: int) -> dict[str, Any]:
    """One memory measurement: warm up, then end to end under tracemalloc, in this fresh process."""
    warm, pipeline = warm_up()
    e2e = end_to_end(data, limit, pipeline, trace=True)
    return {"articles": e2e["articles"], "warmup_s": warm["total_s"],
            "rss_after_warmup_mib": e2e["rss_before_mib"], "peak_rss_mib": e2e["peak_rss_mib"],
            "tracemalloc_peak_mib": e2e["tracemalloc_peak_mib"], "tracemalloc_end_mib": e2e["tracemalloc_end_mib"],
            "seconds_traced": e2e["seconds"]}


def memory_at(data: str, limit: int) -> dict[str, Any]:
    """Run `_child` in a separate interpreter so its peak RSS is its own."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--data", str(data), "--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"memory child (limit {limit}) failed with {proc.returncode}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


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
              memory: bool = True) -> dict[str, Any]:
    """All the figures of one run, as a JSON-ready dict."""
    data = str(data)
    if not Path(data).is_file():
        raise FileNotFoundError(f"no data file at {data}")
    warm, pipeline = warm_up()
    spacy_fig = bare_spacy(data, limit)
    e2e = end_to_end(data, limit, pipeline)
    ratio = e2e["articles_per_s"] / spacy_fig["articles_per_s"] if spacy_fig["articles_per_s"] else 0.0
    result: dict[str, Any] = {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "data": data, "limit": limit, "machine": machine(),
        "warmup": warm,
        "spacy": spacy_fig,
        "end_to_end": {k: e2e[k] for k in ("articles", "stored", "skipped", "rejected", "events", "seconds",
                                           "articles_per_s", "store_open_s", "stored_rows")},
        "ratio": ratio, "target_ratio": TARGET_RATIO, "meets_target": ratio >= TARGET_RATIO,
        "memory": {"main_peak_rss_mib": _maxrss_mib()},
    }
    if e2e["articles"] != spacy_fig["articles"]:
        result["warning"] = "end to end and bare spaCy saw different numbers of articles"
    if memory:
        n = e2e["articles"]
        small, large = memory_at(data, max(1, n // 2)), memory_at(data, max(1, n))
        growth = large["peak_rss_mib"] - small["peak_rss_mib"]
        result["memory"].update({
            "sizes": [small, large],
            "rss_growth_mib": growth,
            "tracemalloc_peak_growth_mib": large["tracemalloc_peak_mib"] - small["tracemalloc_peak_mib"],
            "flat": growth <= max(FLAT_RSS_MIB, FLAT_RSS_FRACTION * small["peak_rss_mib"]),
        })
    return result


# ---- output ---------------------------------------------------------------------------------

def render(r: dict[str, Any]) -> str:
    w, s, e, m = r["warmup"], r["spacy"], r["end_to_end"], r["memory"]
    mach = r["machine"]
    lines = [
        f"sitroom throughput  {r['date']}  {mach.get('cpu', '?')} ({mach.get('cpus_available', mach['cpu_count'])} cpus)"
        f"  python {mach['python']}  spaCy {mach.get('spacy', '?')}",
        f"data {r['data']}  limit {r['limit']}",
        "",
        f"warm-up (not timed below)  {w['total_s']:.2f} s: imports {w['import_s']:.2f}, model {w['model_load_s']:.2f},"
        f" gazetteer {w['gazetteer_load_s']:.2f} ({w['gazetteer_source']}), pipeline {w['pipeline_build_s']:.2f},"
        f" first article {w['first_article_s']:.2f}",
        "",
        f"{'phase':<14}{'articles':>9}{'seconds':>10}{'articles/s':>12}{'tokens/s':>11}",
        f"{'bare spaCy':<14}{s['articles']:>9}{s['seconds']:>10.2f}{s['articles_per_s']:>12.2f}{s['tokens_per_s']:>11.0f}",
        f"{'end to end':<14}{e['articles']:>9}{e['seconds']:>10.2f}{e['articles_per_s']:>12.2f}{'':>11}",
        "",
        f"ratio end-to-end / spaCy: {r['ratio']:.2f}  (target >= {r['target_ratio']}: "
        f"{'met' if r['meets_target'] else 'NOT met'})",
        f"end to end: {e['stored']} stored, {e['skipped']} duplicates skipped, {e['rejected']} rejected,"
        f" {e['events']} events",
        f"peak RSS of this process: {m['main_peak_rss_mib']:.0f} MiB",
    ]
    if "sizes" in m:
        lines += ["", f"{'memory':<14}{'articles':>9}{'RSS warm':>10}{'RSS peak':>10}{'py peak':>10}{'py end':>9}"
                  "   (MiB; py = tracemalloc during end to end)"]
        for z in m["sizes"]:
            lines.append(f"{'child':<14}{z['articles']:>9}{z['rss_after_warmup_mib']:>10.0f}{z['peak_rss_mib']:>10.0f}"
                         f"{z['tracemalloc_peak_mib']:>10.1f}{z['tracemalloc_end_mib']:>9.1f}")
        lines.append(f"RSS peak growth N/2 -> N: {m['rss_growth_mib']:+.1f} MiB;"
                     f" Python peak growth {m['tracemalloc_peak_growth_mib']:+.1f} MiB;"
                     f" memory {'flat' if m['flat'] else 'GROWS'}")
    if "warning" in r:
        lines += ["", "warning: " + r["warning"]]
    return "\n".join(lines)


def profile(data: str, limit: int | None, top: int) -> str:
    """cProfile of the end-to-end phase (after warm-up), top lines by cumulative time."""
    import cProfile
    import io
    import pstats

    _, pipeline = warm_up()
    prof = cProfile.Profile()
    from sitroom.runner import run
    from sitroom.store.db import Store

    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp, Store.open(Path(tmp) / "p.sqlite") as store:
        prof.enable()
        run([], store, pipeline=pipeline, inputs=iter_docs(data, limit))
        prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="JSON Lines with `content`, `title`, `dct` per row")
    ap.add_argument("--limit", type=int, default=None,
                    help=f"articles (non-empty rows) to use; default {DEFAULT_LIMIT}, or 100 with --profile")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--no-memory", action="store_true", help="skip the two memory child processes")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the end-to-end phase instead")
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
        print(profile(args.data, args.limit if args.limit is not None else 100, args.top))
        return 0
    limit = args.limit if args.limit is not None else DEFAULT_LIMIT
    result = benchmark(args.data, limit, memory=not args.no_memory)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
