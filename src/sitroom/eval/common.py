"""What every evaluation shares: run options, row selection and the result it hands back.

An evaluation returns an `EvalResult`: the headline metrics (the JSON the `eval`
command prints, and the numbers the quality gate compares), a per-class table for
people, the commonest confusions with an example text each, and how many rows were
skipped and why. Library code never prints; the command renders the result.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence, TypeVar

from sitroom.eval.metrics import accuracy, confusions, macro_f1, per_class, weighted_f1

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """Which rows to evaluate: a random `sample` (by `seed`), then the first `limit`; filters where supported."""

    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    countries: tuple[str, ...] = ()
    years: tuple[int, int] | None = None


def parse_years(text: str | None) -> tuple[int, int] | None:
    """"2023" or "2023-2025" as an inclusive (first, last) pair."""
    if not text:
        return None
    first, _, last = text.partition("-")
    lo, hi = int(first), int(last or first)
    if lo > hi:
        raise ValueError(f"years {text!r}: the first year is after the last")
    return lo, hi


def parse_countries(text: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (text or "").split(",") if c.strip())


def select(rows: Sequence[T], options: Options) -> list[T]:
    """A reproducible subset: `sample` rows drawn with `seed` (kept in file order), then the first `limit`."""
    out = list(rows)
    if options.sample is not None and options.sample < len(out):
        keep = sorted(random.Random(options.seed).sample(range(len(out)), options.sample))
        out = [out[i] for i in keep]
    if options.limit is not None:
        out = out[:options.limit]
    return out


@dataclass
class EvalResult:
    """Metrics, a per-class table, confusions with examples, and skipped-row counts of one evaluation."""

    name: str
    metrics: dict[str, float | None]
    columns: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    evaluated: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> rows
    confusions: list[tuple[str, str, int, str]] = field(default_factory=list)  # gold, predicted, count, example
    notes: list[str] = field(default_factory=list)


CLASS_COLUMNS = ["class", "gold", "predicted", "precision", "recall", "F1"]


def class_rows(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = ()) -> list[list[object]]:
    """Per-class table rows, most frequent gold class first; classes never seen nor predicted are left out."""
    scores = [s for s in per_class(gold, pred, labels) if s.support or s.predicted]
    scores.sort(key=lambda s: (-s.support, s.label))
    return [[s.label, s.support, s.predicted, s.precision, s.recall, s.f1] for s in scores]


def confusion_examples(gold: Sequence[str], pred: Sequence[str], texts: Sequence[str],
                       top: int = 10) -> list[tuple[str, str, int, str]]:
    """The commonest (gold, predicted) disagreements, each with the first text that shows it."""
    out = []
    for g, p, n in confusions(gold, pred, top):
        example = next(t for t, gg, pp in zip(texts, gold, pred) if gg == g and pp == p)
        out.append((g, p, n, example))
    return out


def classification_result(name: str, gold: Sequence[str], pred: Sequence[str], texts: Sequence[str],
                          skip_reasons: Sequence[str], labels: Sequence[str] = ()) -> EvalResult:
    """Accuracy, weighted and macro F1, the class table and confusions for a single-label task."""
    scores = per_class(gold, pred, labels)
    metrics: dict[str, float | None] = {"accuracy": accuracy(gold, pred), "weighted_f1": weighted_f1(scores),
                                        "macro_f1": macro_f1(scores)}
    return EvalResult(name, metrics, CLASS_COLUMNS, class_rows(gold, pred, labels), len(gold),
                      Counter(skip_reasons), confusion_examples(gold, pred, texts))
