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


def _lines(db: Path, what: str) -> list[dict]:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--what", what], catch_exceptions=False)
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_idlib_stories_figures_and_disagreements(tmp_path):
    """The acceptance facts of fusing: one story, one figure with its sources, one disagreement, one series."""
    runner = CliRunner()
    db = tmp_path / "idlib.db"
    assert runner.invoke(app, ["run", str(CORPUS), "--db", str(db), "-q"]).exit_code == 0
    stories = _lines(db, "stories")
    assert len(stories) <= 2 and max(s["articles"] for s in stories) >= 4  # one story, or one and a stray
    claims = _lines(db, "claims")
    # "700,000 displaced", given by three of the outlets in their own words: one figure, three sources
    displaced = [c for c in claims if c["kind"] == "figure" and c["measure"] == "displaced" and c["value"] == 700000]
    assert len(displaced) == 1 and displaced[0]["source_count"] == 3 and displaced[0]["agreement"] == "agree"
    # 3.6 million refugees in Turkey vs "some three million" Turkey says it hosts: a disagreement, claimants kept
    (refugees,) = [c for c in claims if c["kind"] == "figure" and c["measure"] == "refugees"]
    assert refugees["agreement"] == "disagree" and refugees["subject"] == "Turkey"
    assert {p["value"] for p in refugees["per_source"]} == {3600000, 3000000}
    assert any(p["attributed_to"] and p["value"] == 3000000 for p in refugees["per_source"])
    # the Turkish military toll acknowledged over the days is a rising series, never a contradiction
    (toll,) = [c for c in claims if c["kind"] == "series" and c["subject"] == "Military Forces of Turkey"]
    values = [p["value"] for p in toll["points"]]
    assert len(values) >= 2 and values == sorted(values) and toll["points"][0]["date"]
    assert not [c for c in claims if c["kind"] == "figure" and c["measure"] == "killed_total"]
    # the spellings of one place are one place: Nairab / Nayrab, Saraqeb / Sarakib
    from sitroom.store import tables
    from sitroom.store.db import Store

    with Store.open(db) as store:
        texts = {a.id: a.text for a in store.articles()}
        with store.engine.connect() as conn:
            named = {r.article_id: json.loads(r.keys) for r in conn.execute(tables.article_keys.select())}

    from rapidfuzz.fuzz import ratio

    def place_keys(spelling: str) -> set[str]:
        """The place keys of the articles that spell it so, whose name is alike (the spelling resolved)."""
        return {k for aid, text in texts.items() if spelling in text for k in named[aid]
                if k.startswith("place:") and ratio(k.split(":")[1].split("#")[0], spelling) >= 75}

    for a, b in (("Nairab", "Nayrab"), ("Saraqeb", "Sarakib")):
        assert len(place_keys(a)) == 1 and place_keys(a) == place_keys(b), (a, b, place_keys(a), place_keys(b))
    report = runner.invoke(app, ["report", "--db", str(db)]).stdout
    assert "**700,000 displaced** (Idlib) — 3 sources" in report
    assert "not a disagreement" in report and "## Escalation" in report
