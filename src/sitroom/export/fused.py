"""Exports of what fusing found: merged events, stories, reconciled figures and escalation series.

`sitroom export --what events|stories|claims|escalation` writes these; `--what mentions`
(the default) writes the per-mention shape of `sitroom.export.events`. Like that shape,
each record here has fixed, documented keys in a fixed order, always present (null when
unknown), and every writer streams one record at a time and returns how many it wrote.

Merged event (`--what events`): the mention keys where they apply, with figures
reconciled across sources, and what only many articles can say:

    {"id", "event", "mode", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "place",
     "date", "killed": FIGURE|null, "wounded": FIGURE|null, "status", "statuses", "sources",
     "source_count", "story_id", "mention_ids", "article_ids", "confidence"}
    FIGURE = {"value" (= best), "low", "high", "best", "conservative", "agreement", "source_count",
              "only_party_claims", "unconfirmed", "sentence", "per_source": [SOURCE_FIGURE...]}
    SOURCE_FIGURE = {"article_id", "outlet", "value", "low", "high", "qualifier", "cumulative",
                     "attributed_to", "status", "credibility", "date", "text"}

Story: {"id", "title", "first_published", "last_published", "articles", "article_ids", "places",
"actors", "events"}. Claim (per story and subject): {"story_id", "kind": "figure", "subject", "measure"}
+ FIGURE, or {"story_id", "kind": "series", "subject", "measure", "points": [{"date", "value", "low",
"high", "qualifier", "status", "source"}]} for cumulative totals. Escalation (per actor pair):
{"source": SIDE, "target": SIDE, "days": [{"date", "score", "events", "event_ids", "types"}],
"escalation": {"words_date", "force_date", "words_event_ids", "force_event_ids"}|null},
SIDE = {"country", "sector"}; as CSV one row per pair and day.
"""
from __future__ import annotations

import csv
import json
from typing import Any, Iterable, Mapping, Sequence, TextIO

from sitroom.analytics.escalation import PairSeries
from sitroom.export.events import actor_to_export, date_to_export, number, per_source, place_to_export
from sitroom.export.formats import country_name_and_iso, disorder_type, GEO_PRECISION, TIME_PRECISION
from sitroom.fuse.records import Disagreement, Event, SeriesPoint, Story
from sitroom.records import Source

EVENT_KEYS: tuple[str, ...] = (
    "id", "event", "mode", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "place", "date",
    "killed", "wounded", "status", "statuses", "sources", "source_count", "story_id", "mention_ids", "article_ids",
    "confidence",
)
EVENT_CSV_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities", "plover_event", "plover_mode", "status",
    "wounded", "source_count", "story_id", "killed_best", "killed_low", "killed_high", "killed_agreement",
)
ESCALATION_CSV_COLUMNS: tuple[str, ...] = (
    "source_country", "source_sector", "target_country", "target_sector", "date", "score", "events", "types",
    "mark",
)


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def source_to_export(s: Source | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"article_id": s.article_id, "outlet": s.outlet, "quote": s.quote, "attributed_to": s.attributed_to}


def figure_summary(d: Disagreement | None) -> dict[str, Any] | None:
    """A reconciled figure: the number to use, its spread, agreement, and every source's figure."""
    if d is None:
        return None
    return {"value": number(d.best), "low": number(d.low), "high": number(d.high), "best": number(d.best),
            "conservative": number(d.conservative), "agreement": d.agreement, "source_count": d.source_count,
            "only_party_claims": d.only_party_claims, "unconfirmed": d.unconfirmed, "sentence": d.sentence,
            "per_source": per_source(d)}


def merged_event_to_export(ev: Event) -> dict[str, Any]:
    """One merged event in the documented shape (see the module docstring)."""
    return {
        "id": ev.id, "event": ev.event, "mode": ev.mode, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "actors": [actor_to_export(a) for a in ev.actors],
        "recipients": [actor_to_export(a) for a in ev.recipients], "place": place_to_export(ev.place),
        "date": date_to_export(ev.date), "killed": figure_summary(ev.killed), "wounded": figure_summary(ev.wounded),
        "status": ev.status, "statuses": list(ev.statuses), "sources": [source_to_export(s) for s in ev.sources],
        "source_count": ev.source_count, "story_id": ev.story_id, "mention_ids": list(ev.mention_ids),
        "article_ids": list(ev.article_ids), "confidence": ev.confidence,
    }


def _write_lines(records: Iterable[Any], to_dict: Any, out: TextIO) -> int:
    """One JSON object per record and line; the count written."""
    n = 0
    for record in records:
        out.write(_json(to_dict(record)) + "\n")
        n += 1
    return n


def write_events_jsonl(events: Iterable[Event], out: TextIO) -> int:
    return _write_lines(events, merged_event_to_export, out)


def event_csv_row(ev: Event) -> dict[str, Any]:
    """ACLED-style row of a merged event: fatalities is the conservative reconciled toll (0 when none)."""
    place, when = ev.place, ev.date
    country, iso = country_name_and_iso(place.country if place else None)
    k, w = ev.killed, ev.wounded
    outlets = list(dict.fromkeys(s.outlet for s in ev.sources if s.outlet))
    return {
        "event_id_cnty": ev.id, "event_date": when.start if when else "", "year": when.start[:4] if when else "",
        "time_precision": TIME_PRECISION.get(when.precision, "") if when else "",
        "disorder_type": disorder_type(ev.acled_event_type, ev.acled_sub_event_type),
        "event_type": ev.acled_event_type or "", "sub_event_type": ev.acled_sub_event_type or "",
        "actor1": ev.actors[0].name if ev.actors else "", "assoc_actor_1": "; ".join(a.name for a in ev.actors[1:]),
        "actor2": ev.recipients[0].name if ev.recipients else "",
        "assoc_actor_2": "; ".join(a.name for a in ev.recipients[1:]), "iso": iso, "country": country,
        "admin1": (place.admin1 or "") if place else "", "location": place.name if place else "",
        "latitude": "" if not place or place.lat is None else repr(place.lat),
        "longitude": "" if not place or place.lon is None else repr(place.lon),
        "geo_precision": GEO_PRECISION.get(place.precision, "") if place else "", "source": "; ".join(outlets),
        "notes": " | ".join(dict.fromkeys(s.quote for s in ev.sources)),
        "fatalities": number(k.conservative) if k and k.conservative is not None else 0,
        "plover_event": ev.event, "plover_mode": ev.mode or "", "status": ev.status,
        "wounded": "" if not w or w.conservative is None else number(w.conservative),
        "source_count": ev.source_count, "story_id": ev.story_id or "",
        "killed_best": "" if not k or k.best is None else number(k.best),
        "killed_low": "" if not k or k.low is None else number(k.low),
        "killed_high": "" if not k or k.high is None else number(k.high),
        "killed_agreement": k.agreement if k else "",
    }


def write_events_csv(events: Iterable[Event], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=EVENT_CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in events:
        w.writerow(event_csv_row(ev))
        n += 1
    return n


def write_events_geojson(events: Iterable[Event], out: TextIO) -> int:
    """A FeatureCollection of the merged events that have coordinates."""
    out.write('{"type":"FeatureCollection","features":[')
    n = 0
    for ev in events:
        p = ev.place
        if p is None or p.lat is None or p.lon is None:
            continue
        props = merged_event_to_export(ev)
        props["place"] = {k: v for k, v in props["place"].items() if k not in ("lat", "lon")}
        out.write("\n" if n == 0 else ",\n")
        out.write(_json({"type": "Feature", "id": ev.id, "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                         "properties": props}))
        n += 1
    out.write("\n]}\n")
    return n


def story_to_export(story: Story, events: int = 0) -> dict[str, Any]:
    return {"id": story.id, "title": story.title, "first_published": story.first_published,
            "last_published": story.last_published, "articles": len(story.article_ids),
            "article_ids": list(story.article_ids), "places": list(story.places), "actors": list(story.actors),
            "events": events}


def write_stories_jsonl(stories: Iterable[Story], out: TextIO, events: Mapping[str, int] | None = None) -> int:
    """One story per line; `events` maps story id -> number of merged events."""
    counts = events or {}
    return _write_lines(stories, lambda s: story_to_export(s, counts.get(s.id, 0)), out)


def point_to_export(p: SeriesPoint) -> dict[str, Any]:
    return {"date": p.date, "value": number(p.value), "low": number(p.low), "high": number(p.high),
            "qualifier": p.qualifier, "status": p.status, "source": source_to_export(p.source)}


def write_claims_jsonl(per_story: Iterable[tuple[str, Sequence[Disagreement],
                                                 Mapping[tuple[str, str], Sequence[SeriesPoint]]]],
                       out: TextIO) -> int:
    """Per story: each reconciled figure, then each cumulative series (see the module docstring)."""
    n = 0
    for story_id, figures, series in per_story:
        for d in figures:
            out.write(_json({"story_id": story_id, "kind": "figure", "subject": d.subject, "measure": d.measure,
                             **figure_summary(d)}) + "\n")  # type: ignore[dict-item]
            n += 1
        for (subject, measure), points in series.items():
            out.write(_json({"story_id": story_id, "kind": "series", "subject": subject, "measure": measure,
                             "points": [point_to_export(p) for p in points]}) + "\n")
            n += 1
    return n


def _side(side: tuple[str, str | None]) -> dict[str, Any]:
    return {"country": side[0], "sector": side[1]}


def pair_to_export(s: PairSeries) -> dict[str, Any]:
    esc = s.escalation
    return {
        "source": _side(s.source), "target": _side(s.target),
        "days": [{"date": d.date, "score": d.score, "events": d.events, "event_ids": list(d.event_ids),
                  "types": list(d.types)} for d in s.days],
        "escalation": None if esc is None else {"words_date": esc.words_date, "force_date": esc.force_date,
                                                "words_event_ids": list(esc.words_event_ids),
                                                "force_event_ids": list(esc.force_event_ids)},
    }


def write_escalation_jsonl(pairs: Iterable[PairSeries], out: TextIO) -> int:
    return _write_lines(pairs, pair_to_export, out)


def write_escalation_csv(pairs: Iterable[PairSeries], out: TextIO) -> int:
    """One row per pair and day with events; `mark` is `words` / `force` on the escalation's two days."""
    w = csv.DictWriter(out, fieldnames=ESCALATION_CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for s in pairs:
        esc = s.escalation
        for d in s.days:
            mark = ("words" if esc and d.date == esc.words_date else "force" if esc and d.date == esc.force_date
                    else "")
            w.writerow({"source_country": s.source[0], "source_sector": s.source[1] or "",
                        "target_country": s.target[0], "target_sector": s.target[1] or "", "date": d.date,
                        "score": d.score, "events": d.events, "types": ";".join(d.types), "mark": mark})
            n += 1
    return n


__all__ = [
    "ESCALATION_CSV_COLUMNS", "EVENT_CSV_COLUMNS", "EVENT_KEYS", "event_csv_row", "figure_summary",
    "merged_event_to_export", "pair_to_export", "story_to_export", "write_claims_jsonl", "write_escalation_csv",
    "write_escalation_jsonl", "write_events_csv", "write_events_geojson", "write_events_jsonl",
    "write_stories_jsonl",
]
