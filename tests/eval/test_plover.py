"""PLOVER: CAMEO codes, event-name aliases, and a real run."""
from __future__ import annotations

from sitroom.eval import Options, run_eval
from sitroom.eval.plover import actor_matches, load, normalise_code
from sitroom.records import Actor

from .fixtures import write_plover


def test_codes():
    assert normalise_code("JAP") == "JPN"
    assert normalise_code(" usa ") == "USA"
    assert normalise_code("***") is None and normalise_code("") is None
    assert actor_matches("JPN", Actor("Japan", "JPN", "GOV"))
    assert actor_matches("IGO", Actor("United Nations", None, "IGO"))
    assert not actor_matches("IGO", Actor("Japan", "JPN", "GOV"))
    assert not actor_matches("USA", None)


def test_load_maps_old_event_names(tmp_path):
    items = list(load(write_plover(tmp_path)))
    assert items[0].gold.event == "ASSAULT"  # FIGHT
    assert items[1].gold.target is None  # no target given
    assert items[2].text == ""  # malformed entry


def test_end_to_end(tmp_path):
    result = run_eval("plover", write_plover(tmp_path), Options())
    assert set(result.metrics) == {"event_accuracy", "source_country_accuracy", "target_country_accuracy"}
    assert result.evaluated == 2
    assert result.metrics["event_accuracy"] == 1.0
    assert result.metrics["source_country_accuracy"] >= 0.5  # the rebels are Syrian
