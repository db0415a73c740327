"""Exports of fused state: per-mention keys appended, merged events, stories, claims, escalation."""
from __future__ import annotations

import csv
import io
import json

from sitroom.analytics.escalation import pair_series
from sitroom.export import EXPORT_KEYS
from sitroom.export.events import FUSED_KEYS, FusedMention, event_to_export
from sitroom.export.formats import CSV_COLUMNS, CSV_FUSED_COLUMNS, write_csv, write_jsonl
from sitroom.export.fused import (
    ESCALATION_CSV_COLUMNS, EVENT_CSV_COLUMNS, EVENT_KEYS, merged_event_to_export, write_claims_jsonl,
    write_escalation_csv, write_escalation_jsonl, write_events_csv, write_events_geojson, write_events_jsonl,
    write_stories_jsonl,
)
from sitroom.fuse.figures import reconcile, series
from sitroom.fuse.merge import merge_mentions
from sitroom.fuse.records import FigureClaim, Story
from sitroom.records import Source

from tests.fuse.builders import SYR_MIL, TUR_MIL, article, day, killed, mention


def _event():
    a, b = article(1, outlet="Levant Wire"), article(2, outlet="Crossroads Daily", published="2020-02-12")
    ms = [mention(a, killed=killed(51), attributed_to="Turkish Defence Ministry", status="claimed"),
          mention(b, killed=killed(20, "approximately", text="about 20"))]
    (ev,) = merge_mentions(ms, {a.id: a, b.id: b}, story_id="s1")
    return ev, ms, {a.id: a, b.id: b}


def test_merged_event_shape():
    ev, _, _ = _event()
    d = merged_event_to_export(ev)
    assert tuple(d) == EVENT_KEYS
    assert d["source_count"] == 2 and d["story_id"] == "s1" and len(d["sources"]) == 2
    k = d["killed"]
    assert list(k)[:4] == ["value", "low", "high", "best"] and k["agreement"] == "disagree"
    assert (k["value"], k["low"], k["high"], k["conservative"]) == (20, 20, 51, 20) and isinstance(k["value"], int)
    assert [p["value"] for p in k["per_source"]] == [51, 20]
    assert k["per_source"][0]["attributed_to"] == "Turkish Defence Ministry" and k["per_source"][0]["credibility"] == "party"
    json.dumps(d)


def test_per_mention_export_appends_the_fused_keys_after_the_documented_ones():
    ev, ms, arts = _event()
    d = event_to_export(ms[0], arts[ms[0].article_id], FusedMention(ms[0], "s1", ev))
    assert tuple(d) == EXPORT_KEYS + FUSED_KEYS
    assert d["story_id"] == "s1" and d["event_id"] == ev.id and d["source_count"] == 2
    assert [p["value"] for p in d["per_source"]["killed"]] == [51, 20] and d["per_source"]["wounded"] is None
    bare = event_to_export(ms[0], None, FusedMention(ms[0], None, None))
    assert {k: bare[k] for k in FUSED_KEYS} == dict.fromkeys(FUSED_KEYS)
    out = io.StringIO()
    write_jsonl([FusedMention(m, "s1", ev) for m in ms], arts, out)
    assert [list(json.loads(x)) for x in out.getvalue().splitlines()] == [list(EXPORT_KEYS + FUSED_KEYS)] * 2
    out = io.StringIO()
    write_csv([FusedMention(ms[0], "s1", ev)], arts, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS + CSV_FUSED_COLUMNS and rows[0]["source_count"] == "2"


def test_merged_event_writers():
    ev, _, _ = _event()
    out = io.StringIO()
    assert write_events_jsonl([ev], out) == 1 and json.loads(out.getvalue())["id"] == ev.id
    out = io.StringIO()
    assert write_events_csv([ev], out) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert tuple(row) == EVENT_CSV_COLUMNS
    assert row["fatalities"] == "20" and row["killed_best"] == "20" and row["source"] == "Levant Wire; Crossroads Daily"
    out = io.StringIO()
    assert write_events_geojson([ev], out) == 1
    (feature,) = json.loads(out.getvalue())["features"]
    assert feature["geometry"]["coordinates"] == [ev.place.lon, ev.place.lat]


def test_stories_claims_and_escalation_writers():
    out = io.StringIO()
    story = Story("s1", ("a", "b"), "2020-02-11", "2020-02-12", "Clashes", ("Alphaville",), ("Military Forces of Turkey",))
    write_stories_jsonl([story], out, {"s1": 3})
    assert json.loads(out.getvalue()) == {
        "id": "s1", "title": "Clashes", "first_published": "2020-02-11", "last_published": "2020-02-12",
        "articles": 2, "article_ids": ["a", "b"], "places": ["Alphaville"], "actors": ["Military Forces of Turkey"],
        "events": 3}
    src = Source("a", "Wire", "quote", None)
    claims = [FigureClaim("Idlib", "displaced", 700000, source=src),
              FigureClaim("Military Forces of Turkey", "killed_total", 13, source=src, date="2020-02-12",
                          cumulative=True)]
    out = io.StringIO()
    assert write_claims_jsonl([("s1", reconcile(claims), series(claims))], out) == 2
    fig, ser = [json.loads(x) for x in out.getvalue().splitlines()]
    assert (fig["kind"], fig["subject"], fig["value"], fig["source_count"]) == ("figure", "Idlib", 700000, 1)
    assert ser["kind"] == "series" and ser["points"][0]["value"] == 13 and ser["points"][0]["date"] == "2020-02-12"
    art = article(1)
    events = [mention(art, 0, event="THREATEN", actors=(TUR_MIL,), recipients=(SYR_MIL,), date=day("2020-02-05")),
              mention(art, 5, actors=(TUR_MIL,), recipients=(SYR_MIL,), date=day("2020-02-10"))]
    pairs = pair_series(events)
    out = io.StringIO()
    assert write_escalation_jsonl(pairs, out) == 1
    rec = json.loads(out.getvalue())
    assert rec["source"] == {"country": "TUR", "sector": "MIL"} and rec["escalation"]["force_date"] == "2020-02-10"
    out = io.StringIO()
    assert write_escalation_csv(pairs, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ESCALATION_CSV_COLUMNS and [r["mark"] for r in rows] == ["words", "force"]
