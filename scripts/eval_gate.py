#!/usr/bin/env python3
"""Quality gate: run every evaluation on its development data and fail if a metric got worse.

Usage (from the repository root):

    .venv/bin/python scripts/eval_gate.py            # compare with the baseline; exit 1 on a drop
    .venv/bin/python scripts/eval_gate.py --update   # after an intended change: record new numbers

The data lives outside the repository in ../shared/bench (its licences forbid copying
it in); where that folder is absent the gate says so and passes, so a checkout without
the data still builds. The baseline holds numbers from real runs only: it is written
by `--update`, never by hand. A metric fails the gate when it falls more than
TOLERANCE below its baseline (median_km, where lower is better, when it rises more than
TOLERANCE_KM_SHARE of its baseline). Every run is deterministic (fixed samples and
seeds), so any change is a real change in sitroom's output.

The ACLED fold is held out: whole countries and years, 2023-2025, chosen so that
tuning on the other rows cannot leak into it. Keep it out of any tuning.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
BASELINE = REPO / "bench" / "baseline.json"
RESULTS = REPO / "build" / "eval-results.json"
TOLERANCE = 0.02
TOLERANCE_KM_SHARE = 0.02
LOWER_IS_BETTER = {"median_km"}

ACLED_FOLD = ("Nigeria", "Cameroon", "Democratic Republic of Congo", "Mali", "Niger", "Sudan", "Syria", "Yemen",
              "Iraq", "Palestine", "Ukraine")

# name, data file relative to ../shared/bench, options
RUNS = [
    ("case2021", "case2021/snippets.tsv", {}),
    ("plover", "plover/plover_gsr.json", {}),
    ("wikievents", "wikievents/dev.jsonl", {}),
    ("acled", "acled_train/acled_train.csv", {"countries": ACLED_FOLD, "years": (2023, 2025), "sample": 600,
                                              "seed": 1}),
    ("event_location", "event_location/labeled_text.json", {"sample": 600, "seed": 1}),
]


def run_all(only: set[str] | None) -> dict[str, dict]:
    sys.path.insert(0, str(REPO / "src"))
    from sitroom.eval import Options, run_eval

    results: dict[str, dict] = {}
    for name, rel, opts in RUNS:
        if only and name not in only:
            continue
        path = BENCH / rel
        if not path.is_file():
            print(f"{name}: skipped, {path} is missing")
            continue
        started = time.monotonic()
        result = run_eval(name, path, Options(**opts))
        seconds = round(time.monotonic() - started, 1)
        metrics = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in result.metrics.items()}
        results[name] = {"metrics": metrics, "evaluated": result.evaluated,
                         "skipped": sum(result.skipped.values()), "seconds": seconds,
                         "options": {k: list(v) if isinstance(v, tuple) else v for k, v in opts.items()}}
        print(f"{name}: {json.dumps(metrics)} ({result.evaluated} rows, {seconds} s)", flush=True)
    return results


def compare(results: dict[str, dict], baseline: dict[str, dict]) -> list[str]:
    """Lines describing each metric that dropped beyond the tolerance."""
    failures = []
    for name, res in results.items():
        base = (baseline.get(name) or {}).get("metrics") or {}
        if not base:
            failures.append(f"{name}: no baseline numbers (run with --update to record them)")
            continue
        for key, old in base.items():
            new = res["metrics"].get(key)
            if old is None:
                continue
            if new is None:
                failures.append(f"{name}.{key}: missing now (was {old})")
            elif key in LOWER_IS_BETTER:
                if new > old * (1 + TOLERANCE_KM_SHARE):
                    failures.append(f"{name}.{key}: {old} -> {new} (worse by more than "
                                    f"{TOLERANCE_KM_SHARE:.0%})")
            elif new < old - TOLERANCE:
                failures.append(f"{name}.{key}: {old} -> {new} (dropped by {old - new:.4f})")
            elif new > old + TOLERANCE:
                print(f"{name}.{key}: improved {old} -> {new}; record it with --update")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the results as the new baseline")
    parser.add_argument("--only", default="", help="comma-separated evaluations to run (default: all)")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write this run's results")
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"eval gate skipped: {BENCH} is absent (the benchmark data is not part of the repository)")
        return 0
    only = {x.strip() for x in args.only.split(",") if x.strip()} or None
    started = time.monotonic()
    results = run_all(only)
    total = round(time.monotonic() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"total_seconds": total, "evals": results}, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out} ({total} s in all)")
    if args.update:
        old = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.is_file() else {}
        old.update({name: {"metrics": r["metrics"], "evaluated": r["evaluated"], "options": r["options"]}
                    for name, r in results.items()})
        args.baseline.write_text(json.dumps(old, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"baseline updated: {args.baseline}")
        return 0
    if not args.baseline.is_file():
        print(f"no baseline at {args.baseline}: run with --update once to record one")
        return 1
    failures = compare(results, json.loads(args.baseline.read_text(encoding="utf-8")))
    for line in failures:
        print(f"FAIL {line}")
    if failures:
        return 1
    print("eval gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
