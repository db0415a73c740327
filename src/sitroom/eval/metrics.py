"""Scores for the evaluations, written out here so the package needs no scikit-learn.

Each function takes plain gold/predicted sequences or counts, so a test can check it
on a hand-made example and every evaluation computes its numbers the same way.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class, with its gold support and prediction count."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold items of this class
    predicted: int  # items predicted as this class


def safe_div(num: float, den: float) -> float:
    """num / den, or 0.0 when nothing was counted (an empty class scores 0, not an error)."""
    return num / den if den else 0.0


def f1_from(precision: float, recall: float) -> float:
    return safe_div(2 * precision * recall, precision + recall)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from true positives and the predicted and gold totals."""
    p, r = safe_div(tp, n_pred), safe_div(tp, n_gold)
    return p, r, f1_from(p, r)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Share of positions where the prediction equals the gold value."""
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    return safe_div(sum(g == p for g, p in zip(gold, pred)), len(gold))


def per_class(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str] | None = None) -> list[ClassScore]:
    """One ClassScore per label: the gold labels, those predicted, and any `labels` given (in that order)."""
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    names = list(dict.fromkeys([*(labels or ()), *sorted(set(gold)), *sorted(set(pred))]))
    tp = Counter(g for g, p in zip(gold, pred) if g == p)
    n_gold, n_pred = Counter(gold), Counter(pred)
    out = []
    for label in names:
        p, r, f = prf(tp[label], n_pred[label], n_gold[label])
        out.append(ClassScore(label, p, r, f, n_gold[label], n_pred[label]))
    return out


def weighted_f1(scores: Sequence[ClassScore]) -> float:
    """F1 averaged over classes weighted by gold support (the CASE 2021 official score)."""
    total = sum(s.support for s in scores)
    return safe_div(sum(s.f1 * s.support for s in scores), total)


def macro_f1(scores: Sequence[ClassScore]) -> float:
    """Unweighted mean F1 over the classes that occur in the gold data."""
    gold = [s for s in scores if s.support]
    return safe_div(sum(s.f1 for s in gold), len(gold))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values (a metric with nothing to measure is absent, not zero)."""
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def confusions(gold: Sequence[str], pred: Sequence[str], top: int = 10) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) disagreements, most frequent first."""
    c = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    return [(g, p, n) for (g, p), n in c.most_common(top)]
