"""Evaluation against annotated benchmarks: how well sitroom codes events, parties, places and tolls.

Each benchmark has a module with `load(path)` and `evaluate(path, options, progress)`
returning an `EvalResult`; `run_eval` picks one by name. The numbers are meant to be
compared over time (see scripts/eval_gate.py), so every evaluation is deterministic
for given options.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from sitroom.eval.common import EvalResult, Options, parse_countries, parse_years
from sitroom.eval.runner import Progress

EVALS = {
    "case2021": "snippets.tsv (id, EventSnippet, SubType): CASE 2021 event classes",
    "acled": "ACLED CSV (notes in; type, fatalities, inter1, admin1, coordinates as gold)",
    "wikievents": "WikiEvents dev.jsonl: attack sentences and their arguments",
    "plover": "PLOVER gold sentences (plover_gsr.json): event type, source and target countries",
    "event_location": "labeled_text.json: the place of the event verb",
    "gva": "a folder with documents.jsonl and incidents.jsonl: stories, merged casualty figures, dates, cities",
}
FOLDERS = {"gva"}  # evaluations whose --data is a folder, not a file
FILTERED = {"acled"}  # evaluations that understand --countries / --years


def run_eval(name: str, path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Run the named evaluation over the data file at `path`."""
    if name not in EVALS:
        raise KeyError(f"unknown evaluation {name!r}; choose one of {', '.join(EVALS)}")
    if (options.countries or options.years) and name not in FILTERED:
        raise ValueError(f"--countries and --years apply to {', '.join(sorted(FILTERED))} only")
    module = importlib.import_module(f"sitroom.eval.{name}")
    return module.evaluate(Path(path), options, progress)


__all__ = ["EVALS", "FOLDERS", "EvalResult", "Options", "parse_countries", "parse_years", "run_eval"]
