from __future__ import annotations

import csv
import io
import json

from sitroom.export import CSV_COLUMNS, EXPORT_KEYS, FORMATS, event_to_export, write_csv, write_geojson, write_jsonl
from sitroom.export.formats import conservative_count, disorder_type
from sitroom.records import Analysis, DateSpan, Figure, Place
from sitroom.store import Store


def _bare(build, art, start=9):
    return build.mention(
        art, start, mode=None, acled_event_type=None, acled_sub_event_type=None, actors=(), recipients=(),
        place=None, date=None, killed=None, wounded=None, status="reported", attributed_to=None, confidence=0.5,
        trigger="",
    )


def test_export_shape_full(build):
    art = build.article()
    m = build.mention(art)
    d = event_to_export(m, art)
    assert tuple(d) == EXPORT_KEYS == (
        "id", "event", "mode", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "place",
        "date", "killed", "wounded", "status", "sources", "article_id", "confidence", "trigger",
    )
    assert d["actors"] == [
        {"name": "Rapid Support Forces", "country": "SDN", "sector": "REB"},
        {"name": "Allied militia", "country": None, "sector": None},
    ]
    assert d["recipients"] == [{"name": "Civilians", "country": "SDN", "sector": "CVL"}]
    assert d["place"] == {"name": "Tawila", "lat": 13.5, "lon": 24.8333, "geonameid": 370457,
                          "admin1": "North Darfur", "country": "SDN", "precision": "place"}
    assert list(d["place"]) == ["name", "lat", "lon", "geonameid", "admin1", "country", "precision"]
    assert d["date"] == {"start": "2024-03-03", "end": "2024-03-03", "precision": "day", "inferred": False}
    assert d["killed"] == {"value": 12, "low": 12, "high": None, "qualifier": "at_least", "cumulative": False}
    assert d["wounded"] == {"value": None, "low": 20, "high": 30, "qualifier": "approximately", "cumulative": True}
    assert d["sources"] == [{"article_id": art.id, "outlet": "Radio Dabanga", "quote": m.quote,
                             "attributed_to": "local activists"}]
    assert (d["id"], d["event"], d["mode"], d["status"], d["article_id"], d["confidence"], d["trigger"]) == (
        m.id, "ASSAULT", "firearms", "claimed", art.id, 0.8125, "attacked")
    json.dumps(d)  # plain JSON values only


def test_export_shape_nulls(build):
    art = build.article()
    d = event_to_export(_bare(build, art), None)
    assert tuple(d) == EXPORT_KEYS
    assert d["place"] is None and d["date"] is None and d["killed"] is None and d["wounded"] is None
    assert d["mode"] is None and d["acled_event_type"] is None
    assert d["actors"] == [] and d["recipients"] == []
    assert d["sources"][0]["outlet"] is None and d["sources"][0]["attributed_to"] is None


def test_jsonl(build):
    art = build.article()
    events = [build.mention(art), _bare(build, art)]
    out = io.StringIO()
    assert write_jsonl(events, {art.id: art}, out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(x) for x in lines] == [event_to_export(m, art) for m in events]
    assert list(json.loads(lines[0])) == list(EXPORT_KEYS)


def _csv(events, articles):
    out = io.StringIO()
    n = write_csv(events, articles, out)
    return n, out.getvalue(), list(csv.DictReader(io.StringIO(out.getvalue())))


def test_csv_header_and_rows(build):
    art = build.article()
    full = build.mention(art, quote='RSF said, "we attacked"\nat dawn')
    n, text, rows = _csv([full, _bare(build, art)], {art.id: art})
    assert n == 2
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert CSV_COLUMNS[:8] == ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                               "event_type", "sub_event_type", "actor1")
    r = rows[0]
    assert r == {
        "event_id_cnty": full.id, "event_date": "2024-03-03", "year": "2024", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Violence against civilians",
        "sub_event_type": "Attack", "actor1": "Rapid Support Forces", "assoc_actor_1": "Allied militia",
        "actor2": "Civilians", "assoc_actor_2": "", "iso": "729", "country": "Sudan", "admin1": "North Darfur",
        "location": "Tawila", "latitude": "13.5", "longitude": "24.8333", "geo_precision": "1",
        "source": "Radio Dabanga", "notes": 'RSF said, "we attacked"\nat dawn', "fatalities": "12",
        "plover_event": "ASSAULT", "plover_mode": "firearms", "status": "claimed", "wounded": "",
        "article_id": art.id,
    }
    bare = rows[1]
    assert bare["event_date"] == "" and bare["year"] == "" and bare["location"] == "" and bare["country"] == ""
    assert bare["fatalities"] == "0" and bare["wounded"] == "" and bare["disorder_type"] == ""


def test_csv_precisions_and_counts(build):
    art = build.article()
    week = build.mention(
        art, 1, date=DateSpan("2024-03-04", "2024-03-10", "week"),
        place=Place("North Darfur", 14.0, 25.0, None, "North Darfur", "XXX", "admin1"),
        killed=Figure(40, None, None, "exact"), wounded=Figure(7, None, None, "unconfirmed"),
    )
    n, _, rows = _csv([week], None)
    r = rows[0]
    assert (r["time_precision"], r["geo_precision"], r["country"], r["iso"]) == ("2", "3", "XXX", "")
    assert (r["fatalities"], r["wounded"], r["source"]) == ("40", "7", "")


def test_conservative_count_and_disorder():
    assert conservative_count(None) is None
    assert conservative_count(Figure(12, 10, 15, "approximately")) == 10
    assert conservative_count(Figure(None, None, 30, "up_to")) is None
    assert conservative_count(Figure(30, None, 30, "up_to")) == 30
    assert conservative_count(Figure(10000, 10000, None, "at_least", cumulative=True)) is None
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Strategic developments", "Agreement") == "Strategic developments"
    assert disorder_type(None, None) == ""


def test_geojson_skips_placeless_events(build):
    art = build.article()
    located = build.mention(art, 1)
    no_coords = build.mention(art, 2, place=Place("Somewhere", None, None, None, None, "SDN", "country"))
    events = [located, _bare(build, art), no_coords]
    out = io.StringIO()
    assert write_geojson(events, {art.id: art}, out) == 1
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["id"] == located.id
    assert f["geometry"] == {"type": "Point", "coordinates": [24.8333, 13.5]}
    props = f["properties"]
    assert list(props) == list(EXPORT_KEYS)
    assert props["place"] == {"name": "Tawila", "geonameid": 370457, "admin1": "North Darfur", "country": "SDN",
                              "precision": "place"}
    assert props["sources"][0]["outlet"] == "Radio Dabanga"


def test_geojson_empty_is_valid():
    out = io.StringIO()
    assert write_geojson([], None, out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_formats_registry():
    assert FORMATS == {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


def test_exports_from_store_are_byte_identical(tmp_path, build):
    analyses = [build.analysis(n, n_events=3) for n in (1, 2, 3)]
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        for a in reversed(analyses):
            store.save_analysis(a)
        store.save_analysis(Analysis(build.article(4), (_bare(build, build.article(4)),)))

    def export_all() -> dict[str, str]:
        outs = {}
        with Store.open(db) as store:
            for name, writer in FORMATS.items():
                buf = io.StringIO()
                writer(store.event_mentions(), store.article_lookup(cache_size=2), buf)
                outs[name] = buf.getvalue()
        return outs

    first, second = export_all(), export_all()
    assert first == second
    assert len(first["jsonl"].splitlines()) == 10
    assert len(first["csv"].splitlines()) == 11
    assert len(json.loads(first["geojson"])["features"]) == 9
