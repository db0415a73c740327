"""The real Idlib articles in ../shared: named facts, no debris events, a repeatable export."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "idlib-2020-02"
CHECK = SHARED / "checks" / "idlib_named.py"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not CHECK.is_file(), reason="../shared is absent")


def _export(db: Path) -> str:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_idlib_named_facts_and_repeatable_export(tmp_path):
    runner = CliRunner()
    db = tmp_path / "idlib.db"
    assert runner.invoke(app, ["run", str(CORPUS), "--db", str(db), "-q"]).exit_code == 0
    first = _export(db)
    out = tmp_path / "events.jsonl"
    out.write_text(first)
    check = subprocess.run([sys.executable, str(CHECK), str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    # a second database from the same input gives the same export, byte for byte
    db2 = tmp_path / "idlib2.db"
    assert runner.invoke(app, ["run", str(CORPUS), "--db", str(db2), "-q"]).exit_code == 0
    assert _export(db2) == first
    # lines of the real pages with no sentence ending (menus, injected headlines, "mobile version" links)
    # are dropped as debris, listed by `sitroom dropped`, and never quoted as evidence
    events = [json.loads(line) for line in first.splitlines()]
    quotes = " ".join(s["quote"] for e in events for s in e["sources"])
    dropped = runner.invoke(app, ["dropped", "--db", str(db)]).stdout
    debris = [line.strip() for f in sorted(CORPUS.iterdir()) for line in f.read_text().splitlines()
              if 2 <= len(line.split()) <= 16 and line.strip()[-1:].isalpha() and line.strip()[:1].isupper()]
    from sitroom.store.db import Store

    with Store.open(db) as store:
        titles = {a.title for a in store.articles()}
    assert len(debris) >= 5
    for line in debris:
        assert line not in quotes
        assert line in dropped or line in titles
