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
    events = [json.loads(line) for line in first.splitlines()]
    debris = ("exit mobile version", "russia mocks the us", "7 things you need to know")
    assert not any(d in s["quote"].lower() for e in events for s in e["sources"] for d in debris)
    dropped = runner.invoke(app, ["dropped", "--db", str(db)]).stdout.lower()
    assert "exit mobile version" in dropped and "russia mocks the us" in dropped
