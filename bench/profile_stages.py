"""Where end-to-end time goes: per-stage wall times and a cProfile of one pass (`throughput.py --profile`).

Kept apart from the throughput figures themselves: it wraps stages and store methods in timers,
which the timed runs must never carry.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from throughput import count_rows, iter_docs, warm_up


class _TimedStage:
    """A pipeline stage that adds its own wall time to `totals[name]`."""

    def __init__(self, stage: Any, totals: dict[str, float]):
        self.stage, self.totals = stage, totals
        self.name, self.requires, self.assigns = stage.name, stage.requires, stage.assigns

    def __call__(self, state: Any) -> Any:
        t = time.perf_counter()
        try:
            return self.stage(state)
        finally:
            self.totals[self.name] = self.totals.get(self.name, 0.0) + time.perf_counter() - t


def stage_breakdown(data: str, limit: int | None, pipeline: Any) -> tuple[float, dict[str, float]]:
    """Wall time of the end-to-end phase and of each part: clean, every pipeline stage, store calls.

    Only for --profile: it wraps the stages, `sitroom.runner.clean_document` and the Store's write
    methods in timers for this one pass (nothing on disk changes).
    """
    import sitroom.runner as runner
    from sitroom.pipeline import Pipeline
    from sitroom.store.db import Store

    totals: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    timed_pipeline = Pipeline([_TimedStage(st, totals) for st in pipeline.stages])
    original_clean = runner.clean_document
    runner.clean_document = timed("clean", original_clean)
    try:
        with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp, \
                Store.open(Path(tmp) / "stages.sqlite") as store:
            for method in ("has_article", "save_analysis", "clear_rejection", "save_rejection"):
                setattr(store, method, timed(f"store.{method}", getattr(store, method)))
            t = time.perf_counter()
            runner.run([], store, pipeline=timed_pipeline, inputs=iter_docs(data, limit))
            total = time.perf_counter() - t
    finally:
        runner.clean_document = original_clean
    return total, totals


def profile(data: str, limit: int | None, top: int) -> str:
    """Per-stage wall times, then a cProfile of the end-to-end phase (after warm-up), by cumulative time."""
    import cProfile
    import io
    import pstats

    from sitroom.runner import run
    from sitroom.store.db import Store

    _, pipeline = warm_up()
    total, parts = stage_breakdown(data, limit, pipeline)
    n = count_rows(data, limit)
    lines = [f"end to end, {n} articles: {total:.2f} s wall ({n / total:.2f} articles/s), by part:"]
    for name, sec in sorted(parts.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:<24}{sec:>8.2f} s {100 * sec / total:>6.1f} %"
                     f"  {1000 * sec / max(n, 1):>8.1f} ms/article")
    rest = total - sum(parts.values())
    lines.append(f"  {'(rest: reading, runner)':<24}{rest:>8.2f} s {100 * rest / total:>6.1f} %")

    prof = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp, Store.open(Path(tmp) / "p.sqlite") as store:
        prof.enable()
        run([], store, pipeline=pipeline, inputs=iter_docs(data, limit))
        prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    buf.write("cProfile of a second pass (fresh store), by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(top)
    buf.write("\nThe same, sitroom's own functions only (spaCy excluded), by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(r"sitroom[/\\](?!pipeline[/\\]nlp\.py|runner\.py|pipeline[/\\]__init__|"
                                                r"pipeline[/\\]base\.py)", top)
    buf.write("\nThe same, by own time (tottime), all functions:\n")
    stats.sort_stats("tottime").print_stats(top)
    return "\n".join(lines) + "\n\n" + buf.getvalue()
