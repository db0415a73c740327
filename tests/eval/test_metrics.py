"""metrics.py on hand-made examples whose answers are worked out here."""
from __future__ import annotations

import math

import pytest

from sitroom.eval.metrics import (
    accuracy, confusions, haversine_km, macro_f1, median, per_class, prf, safe_div, weighted_f1,
)


def test_perfect_predictions_score_one():
    gold = ["A", "B", "B", "C"]
    scores = per_class(gold, gold)
    assert accuracy(gold, gold) == 1.0
    assert weighted_f1(scores) == 1.0
    assert macro_f1(scores) == 1.0


def test_imperfect_predictions_match_hand_computed_scores():
    gold = ["A", "A", "B", "B", "C"]
    pred = ["A", "B", "B", "B", "A"]
    by = {s.label: s for s in per_class(gold, pred)}
    # A: tp 1, predicted 2, gold 2 -> P .5 R .5 F .5; B: tp 2, predicted 3, gold 2 -> P 2/3 R 1 F .8; C: 0
    assert by["A"].precision == 0.5 and by["A"].recall == 0.5 and by["A"].f1 == 0.5
    assert by["B"].precision == pytest.approx(2 / 3) and by["B"].recall == 1.0 and by["B"].f1 == pytest.approx(0.8)
    assert by["C"].f1 == 0.0 and by["C"].support == 1 and by["C"].predicted == 0
    assert accuracy(gold, pred) == pytest.approx(3 / 5)
    assert weighted_f1(list(by.values())) == pytest.approx((0.5 * 2 + 0.8 * 2 + 0) / 5)
    assert macro_f1(list(by.values())) == pytest.approx((0.5 + 0.8 + 0) / 3)


def test_a_class_only_predicted_counts_against_precision_but_not_in_macro_average():
    scores = per_class(["A", "A"], ["A", "Z"])
    assert [s.label for s in scores] == ["A", "Z"]
    assert macro_f1(scores) == pytest.approx(scores[0].f1)  # Z has no gold support


def test_labels_given_are_listed_even_when_absent():
    assert [s.label for s in per_class(["A"], ["A"], labels=["Q", "A"])] == ["Q", "A"]


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        accuracy(["A"], [])


def test_prf_and_empty_denominators():
    assert prf(2, 4, 8) == (0.5, 0.25, pytest.approx(1 / 3))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert safe_div(1, 0) == 0.0


def test_haversine_known_distances():
    assert haversine_km(0, 0, 0, 0) == 0.0
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.1)  # one degree of latitude
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.6, abs=1.0)  # Paris-London
    assert math.isclose(haversine_km(10, 20, 30, 40), haversine_km(30, 40, 10, 20))


def test_median():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5
    assert median([]) is None


def test_confusions_most_frequent_first():
    assert confusions(["A", "A", "B", "B", "B"], ["B", "B", "A", "B", "B"]) == [("A", "B", 2), ("B", "A", 1)]
