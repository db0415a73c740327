"""bench/fuse_scale.py runs on small stores and reports a per-article cost for each size."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "fuse_scale.py"


def test_fuse_scale_reports_each_size(capsys):
    spec = importlib.util.spec_from_file_location("sitroom_bench_fuse_scale", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--sizes", "50,100", "--adds", "6", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["stored_articles"] for r in results] == [50, 100]
    for r in results:
        assert r["adds"] == 6 and r["median_ms"] > 0 and r["follow_ups_joined"] == "3/3"
