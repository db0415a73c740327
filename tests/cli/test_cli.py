"""End to end through the `sitroom` command, on inputs the tests write themselves."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.demo import corpus_dir

runner = CliRunner()

REQUIRED = ["id", "event", "mode", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "place",
            "date", "killed", "wounded", "status", "sources"]

GOOD_A = ("date 2020-02-11\n\nRebels attacked Syrian army positions near Saraqib on Monday, killing six soldiers, "
          "a monitoring group said.\n\nTurkey sent more troops into Idlib province overnight.\n")
GOOD_B = ("Erdogan threatened on Wednesday to launch an operation in Idlib unless Syrian forces pull back.\n\n"
          "Russian and Turkish officials held talks in Moscow that ended without agreement.\n")


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def export_lines(db: Path) -> list[dict]:
    result = invoke("export", "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_demo_corpus_runs_and_exports_the_documented_shape(tmp_path):
    db = tmp_path / "demo.db"
    result = invoke("run", str(corpus_dir()), "--db", str(db), "--quiet")
    assert result.exit_code in (0, 1)  # the corpus README.md is not an article only if it fails to parse
    events = export_lines(db)
    assert len(events) > 10
    for ev in events:
        assert list(ev)[: len(REQUIRED)] == REQUIRED
        assert ev["event"] == ev["event"].upper()
        for party in ev["actors"] + ev["recipients"]:
            assert set(party) == {"name", "country", "sector"}
        assert ev["sources"] and ev["sources"][0]["quote"]
        if ev["place"]:
            assert {"name", "lat", "lon", "geonameid", "admin1", "country", "precision"} <= set(ev["place"])
        if ev["killed"]:
            assert {"value", "low", "high", "qualifier"} <= set(ev["killed"])
    assert any(e["event"] == "ASSAULT" and e["killed"] for e in events)
    assert any(e["place"] and e["place"]["name"].lower().startswith("saraq") for e in events)


def test_same_input_twice_changes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_A)
    (folder / "b.txt").write_text(GOOD_B)
    db = tmp_path / "x.db"
    assert invoke("run", str(folder), "--db", str(db), "-q").exit_code == 0
    first = export_lines(db)
    dump1 = "\n".join(sqlite3.connect(db).iterdump())
    second_run = invoke("run", str(folder), "--db", str(db), "-q")
    assert second_run.exit_code == 0 and "2 already stored" in second_run.stderr
    assert export_lines(db) == first
    assert "\n".join(sqlite3.connect(db).iterdump()) == dump1


def test_bad_inputs_are_reported_and_the_rest_is_processed(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_A)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (folder / "invalid.txt").write_bytes(b"Start \xff\xfe\x80\x81\x82 \xc3\x28 end \x9f\x9f\x9f\x9f\x9f")
    (folder / "latin1.txt").write_bytes(
        "The caf\u00e9 owner in Idlib said rebels attacked Syrian troops near Saraqib on Monday, killing five "
        "soldiers, according to a na\u00efve witness.\n".encode("latin-1"))
    (folder / "big.txt").write_text("Rebels attacked a base in Idlib. " * 2000)
    db = tmp_path / "m.db"
    result = invoke("run", str(folder), "--db", str(db), "-q", "--max-bytes", "50000")
    assert result.exit_code == 1
    err = result.stderr
    assert "empty.txt: empty file" in err
    assert "binary.bin: binary file" in err
    assert "invalid.txt: not valid UTF-8" in err
    assert "big.txt: file is 66,000 bytes, over the 50,000-byte limit; raise it with --max-bytes" in err
    assert "latin1.txt" not in err  # decoded as Latin-1 and processed
    assert "2 articles analysed" in err
    listed = invoke("rejections", "--db", str(db)).stdout
    assert listed.count("\n") == 4


def test_report_and_other_formats(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_A)
    db = tmp_path / "r.db"
    invoke("run", str(folder), "--db", str(db), "-q")
    out = tmp_path / "report.md"
    assert invoke("report", "--db", str(db), "--out", str(out)).exit_code == 0
    text = out.read_text()
    assert "Saraqib" in text and "6" in text
    csv_out = tmp_path / "e.csv"
    assert invoke("export", "--db", str(db), "--format", "csv", "--out", str(csv_out)).exit_code == 0
    assert csv_out.read_text().splitlines()[0].startswith("event_id_cnty")
    geo = tmp_path / "e.geojson"
    invoke("export", "--db", str(db), "--format", "geojson", "--out", str(geo))
    assert json.loads(geo.read_text())["type"] == "FeatureCollection"
    bad = invoke("export", "--db", str(db), "--format", "xml")
    assert bad.exit_code == 2


def test_dropped_lines_are_listed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Home World News\n\n" + GOOD_A + "\nReturn to mobile view\n")
    db = tmp_path / "d.db"
    invoke("run", str(folder), "--db", str(db), "-q")
    listed = invoke("dropped", "--db", str(db)).stdout
    assert "Home World News" in listed


GOOD_C = ("date 2020-02-12\n\nSyrian army positions near Saraqib came under rebel attack on Monday and six soldiers "
          "were killed, a monitor said.\n\nTurkish troops moved into Idlib province overnight.\n")


def test_export_what_fused_state(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", GOOD_A), ("b.txt", GOOD_B), ("c.txt", GOOD_C)):
        (folder / name).write_text(text)
    db = tmp_path / "w.db"
    run = invoke("run", str(folder), "--db", str(db), "-q")
    assert run.exit_code == 0 and "stor" in run.stderr and "merged" in run.stderr
    mentions = export_lines(db)
    for ev in mentions:  # the documented keys first, then what fusing found
        assert list(ev)[-4:] == ["story_id", "event_id", "source_count", "per_source"] and ev["story_id"]
    out = {}
    for what in ("events", "stories", "claims", "escalation"):
        result = invoke("export", "--db", str(db), "--what", what)
        assert result.exit_code == 0
        out[what] = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert {s["id"] for s in out["stories"]} == {ev["story_id"] for ev in mentions}
    assert sum(s["articles"] for s in out["stories"]) == 3
    assert {e["id"] for e in out["events"]} == {ev["event_id"] for ev in mentions}
    assert all(e["source_count"] >= 1 and e["sources"] for e in out["events"])
    csv_out = tmp_path / "m.csv"
    assert invoke("export", "--db", str(db), "--what", "events", "-f", "csv", "-o", str(csv_out)).exit_code == 0
    assert csv_out.read_text().splitlines()[0].startswith("event_id_cnty") and "source_count" in csv_out.read_text()
    assert invoke("export", "--db", str(db), "--what", "nothing").exit_code == 2
    assert invoke("export", "--db", str(db), "--what", "stories", "-f", "csv").exit_code == 2
    assert "## Stories" in invoke("report", "--db", str(db)).stdout
