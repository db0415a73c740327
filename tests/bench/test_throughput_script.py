"""The throughput benchmark script runs end to end on a tiny corpus and reports every figure."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "throughput.py"

# Written for this test; not taken from any data set.
ARTICLES = [
    {"doc_id": "a1", "title": "Shelling hits market town", "dct": "2020-02-11",
     "content": "Government forces shelled the market in Saraqib on Monday, killing at least four civilians and "
                "wounding ten others, local medics said. Residents fled north towards the Turkish border."},
    {"doc_id": "a2", "title": "Police say two men shot", "dct": "2019-06-02",
     "content": "Two men were shot and wounded outside a bar in Dayton, Ohio, early on Saturday, police said. "
                "Officers arrested a 24-year-old suspect a few blocks away."},
    {"doc_id": "a3", "title": "Ministers meet for talks", "dct": "2021-03-15",
     "content": "The foreign ministers of Turkey and Russia met in Moscow on Thursday to discuss a ceasefire in "
                "the northwest of Syria, officials in Ankara said."},
    {"doc_id": "empty", "title": "No text", "dct": "2021-03-15", "content": ""},
]


def _load():
    spec = importlib.util.spec_from_file_location("sitroom_bench_throughput", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_throughput_json_report(tmp_path, capsys):
    data = tmp_path / "documents.jsonl"
    data.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    bench = _load()

    assert bench.main(["--data", str(data), "--limit", "10", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)

    for key in ("import_s", "model_load_s", "gazetteer_load_s", "pipeline_build_s", "first_article_s", "total_s"):
        assert report["warmup"][key] > 0, key
    spacy = report["spacy"]
    assert spacy["articles"] == 3  # the empty row is skipped
    for key in ("tokens", "seconds", "articles_per_s", "tokens_per_s", "cpu_seconds", "articles_per_cpu_s"):
        assert spacy[key] > 0, key
    e2e = report["end_to_end"]
    assert e2e["articles"] == 3 and e2e["stored"] == 3 and e2e["rejected"] == 0
    for key in ("seconds", "articles_per_s", "cpu_seconds", "articles_per_cpu_s"):
        assert e2e[key] > 0, key
    assert e2e["stored_rows"]["articles"] == 3
    assert report["ratio"] > 0 and report["ratio_cpu"] > 0
    memory = report["memory"]
    assert memory["main_peak_rss_mib"] > 0
    assert [z["articles"] for z in memory["sizes"]] == [1, 3]
    for size in memory["sizes"]:
        for key in ("peak_rss_mib", "rss_after_warmup_mib", "tracemalloc_peak_mib", "tracemalloc_end_mib",
                    "seconds_traced"):
            assert size[key] > 0, key
    assert isinstance(memory["flat"], bool)


def test_missing_data_file_is_a_usage_error(tmp_path):
    assert _load().main(["--data", str(tmp_path / "nope.jsonl")]) == 2
