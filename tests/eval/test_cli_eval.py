"""`sitroom eval`: one JSON object with exactly the documented keys, a table otherwise, usage errors."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app

from . import fixtures

runner = CliRunner()

KEYS = {
    "case2021": (fixtures.write_case2021, {"weighted_f1", "macro_f1", "accuracy"}),
    "acled": (fixtures.write_acled, {"event_type_accuracy", "sub_event_type_accuracy", "fatalities_exact",
                                     "fatalities_exact_nonzero", "inter1_accuracy", "admin1_accuracy",
                                     "within_25km", "median_km"}),
    "wikievents": (fixtures.write_wikievents, {"attack_f1", "argument_f1"}),
    "plover": (fixtures.write_plover, {"event_accuracy", "source_country_accuracy", "target_country_accuracy"}),
    "event_location": (fixtures.write_event_location, {"accuracy"}),
}


@pytest.mark.parametrize("name", sorted(KEYS))
def test_json_output_has_exactly_the_keys(tmp_path, name):
    write, keys = KEYS[name]
    result = runner.invoke(app, ["eval", name, "--data", str(write(tmp_path)), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    metrics = json.loads(lines[0])
    assert set(metrics) == keys
    assert all(v is None or 0.0 <= v <= 1.0 for k, v in metrics.items() if k != "median_km")


def test_table_output(tmp_path):
    result = runner.invoke(app, ["eval", "case2021", "--data", str(fixtures.write_case2021(tmp_path))],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert "NATURAL_DISASTER" in result.stdout and "weighted_f1" in result.stdout


def test_acled_filters_and_usage_errors(tmp_path):
    acled = str(fixtures.write_acled(tmp_path))
    ok = runner.invoke(app, ["eval", "acled", "--data", acled, "--json", "--countries", "Kenya", "--years",
                             "2019-2021"])
    assert ok.exit_code == 0
    assert runner.invoke(app, ["eval", "nope", "--data", acled]).exit_code == 2
    assert runner.invoke(app, ["eval", "acled", "--data", str(tmp_path / "missing.csv")]).exit_code == 2
    assert runner.invoke(app, ["eval", "acled", "--data", acled, "--years", "2025-2020"]).exit_code == 2
    plover = str(fixtures.write_plover(tmp_path))
    assert runner.invoke(app, ["eval", "plover", "--data", plover, "--countries", "Kenya"]).exit_code == 2
