"""scripts/eval_gate.py: the comparison rule, and a clean skip where the benchmark data is absent."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_gate.py"


@pytest.fixture
def gate():
    spec = importlib.util.spec_from_file_location("eval_gate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def res(**metrics):
    return {"metrics": metrics}


def test_small_changes_pass_and_drops_fail(gate):
    base = {"plover": res(event_accuracy=0.50, source_country_accuracy=0.30)}
    assert gate.compare({"plover": res(event_accuracy=0.49, source_country_accuracy=0.60)}, base) == []
    failures = gate.compare({"plover": res(event_accuracy=0.47, source_country_accuracy=0.30)}, base)
    assert len(failures) == 1 and "plover.event_accuracy" in failures[0]


def test_median_km_fails_when_it_grows(gate):
    base = {"acled": res(median_km=40.0, within_25km=0.2)}
    assert gate.compare({"acled": res(median_km=40.5, within_25km=0.2)}, base) == []
    assert gate.compare({"acled": res(median_km=45.0, within_25km=0.2)}, base)


def test_missing_metric_or_baseline_fails(gate):
    assert gate.compare({"acled": res(within_25km=0.2)}, {"acled": res(within_25km=0.2, median_km=3.0)})
    assert gate.compare({"acled": res(within_25km=0.2)}, {})


def test_skips_cleanly_without_the_data(gate, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gate, "BENCH", tmp_path / "no-shared" / "bench")
    assert gate.main(["--out", str(tmp_path / "r.json")]) == 0
    assert "skipped" in capsys.readouterr().out
