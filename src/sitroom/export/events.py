"""The documented export shape of one event.

This dict is sitroom's public data contract (JSONL lines, GeoJSON properties):
keys and their order are fixed and documented, every key is always present, and
an unknown value is `null` rather than a missing key, so downstream tools can rely
on the shape. Internal-only fields (character spans, the words an actor or place
was found as) are left out; `sources` carries the evidence instead.

    {
      "id": str, "event": str (PLOVER), "mode": str|null,
      "acled_event_type": str|null, "acled_sub_event_type": str|null,
      "actors":     [{"name", "country", "sector"}, ...],
      "recipients": [{"name", "country", "sector"}, ...],
      "place": {"name", "lat", "lon", "geonameid", "admin1", "country", "precision"} | null,
      "date":  {"start", "end", "precision", "inferred"} | null,
      "killed":  {"value", "low", "high", "qualifier", "cumulative"} | null,
      "wounded": {"value", "low", "high", "qualifier", "cumulative"} | null,
      "status": str,
      "sources": [{"article_id", "outlet", "quote", "attributed_to"}, ...],
      "article_id": str, "confidence": float, "trigger": str
    }

Exported from a database (`sitroom export`), each mention also carries what fusing
found, appended after those keys (`FUSED_KEYS`), null where the mention was not fused:

      "story_id": str|null,        the story of the mention's article
      "event_id": str|null,        the merged event the mention is a source of
      "source_count": int|null,    independent outlets reporting that merged event
      "per_source": {"killed": [SourceFigure...]|null, "wounded": [...]|null} | null
                                   every source's figure for that merged event
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.fuse.records import Disagreement, Event, SourceFigure
from sitroom.records import Actor, Article, DateSpan, EventMention, Figure, Place

EXPORT_KEYS: tuple[str, ...] = (
    "id", "event", "mode", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "place",
    "date", "killed", "wounded", "status", "sources", "article_id", "confidence", "trigger",
)
FUSED_KEYS: tuple[str, ...] = ("story_id", "event_id", "source_count", "per_source")


@dataclass(frozen=True)
class FusedMention:
    """A mention with what fusing made of it: its article's story and the merged event it is a source of."""

    mention: EventMention
    story_id: str | None
    event: Event | None


def number(v: float | int | None) -> float | int | None:
    """Whole numbers as ints (3600000, not 3600000.0); others unchanged."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def source_figure_to_export(f: SourceFigure) -> dict[str, Any]:
    return {"article_id": f.article_id, "outlet": f.outlet, "value": number(f.value), "low": number(f.low),
            "high": number(f.high), "qualifier": f.qualifier, "cumulative": f.cumulative,
            "attributed_to": f.attributed_to, "status": f.status, "credibility": f.credibility, "date": f.date,
            "text": f.text}


def per_source(d: Disagreement | None) -> list[dict[str, Any]] | None:
    return None if d is None else [source_figure_to_export(f) for f in d.per_source]


def actor_to_export(a: Actor) -> dict[str, Any]:
    return {"name": a.name, "country": a.country, "sector": a.sector}


def place_to_export(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.name, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
        "admin1": p.admin1, "country": p.country, "precision": p.precision,
    }


def date_to_export(d: DateSpan | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"start": d.start, "end": d.end, "precision": d.precision, "inferred": d.inferred}


def figure_to_export(f: Figure | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"value": f.value, "low": f.low, "high": f.high, "qualifier": f.qualifier, "cumulative": f.cumulative}


def event_to_export(mention: EventMention, article: Article | None,
                    fused: FusedMention | None = None) -> dict[str, Any]:
    """One mention in the documented export shape (see module docstring).

    `article` supplies the outlet for the source; pass None when it is unknown
    (the outlet is then null, nothing else changes). With `fused`, the `FUSED_KEYS`
    follow the documented keys.
    """
    source = {
        "article_id": mention.article_id,
        "outlet": article.outlet if article is not None else None,
        "quote": mention.quote,
        "attributed_to": mention.attributed_to,
    }
    return {
        "id": mention.id,
        "event": mention.event,
        "mode": mention.mode,
        "acled_event_type": mention.acled_event_type,
        "acled_sub_event_type": mention.acled_sub_event_type,
        "actors": [actor_to_export(a) for a in mention.actors],
        "recipients": [actor_to_export(a) for a in mention.recipients],
        "place": place_to_export(mention.place),
        "date": date_to_export(mention.date),
        "killed": figure_to_export(mention.killed),
        "wounded": figure_to_export(mention.wounded),
        "status": mention.status,
        "sources": [source],
        "article_id": mention.article_id,
        "confidence": mention.confidence,
        "trigger": mention.trigger,
    } | (fused_to_export(fused) if fused is not None else {})


def fused_to_export(fused: FusedMention) -> dict[str, Any]:
    """The `FUSED_KEYS` of a mention."""
    ev = fused.event
    return {
        "story_id": fused.story_id,
        "event_id": ev.id if ev else None,
        "source_count": ev.source_count if ev else None,
        "per_source": {"killed": per_source(ev.killed), "wounded": per_source(ev.wounded)} if ev else None,
    }


__all__ = [
    "EXPORT_KEYS", "FUSED_KEYS", "FusedMention", "fused_to_export", "number", "per_source", "source_figure_to_export", "actor_to_export", "date_to_export", "event_to_export", "figure_to_export", "place_to_export",
]
