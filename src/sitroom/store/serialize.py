"""Records to JSON and back, exactly.

The store keeps each record's full content as JSON so that what comes out is what a
stage produced: `x_from_dict(to_plain(x)) == x` for every record here, with tuples
(spans, actor lists, dropped lines) restored, because the records are frozen and
compared by value downstream. Readers tolerate missing optional keys so a row
written by an older sitroom (before a field was added) still loads, with the
field's default.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from sitroom.fuse.records import Disagreement, Event, FigureClaim, SourceFigure
from sitroom.records import (
    Actor, Article, DateSpan, DroppedLine, EventMention, Figure, Place, PublishedDate, Quotation,
    Rejection, Source, to_plain,
)


def dumps(obj: Any) -> str:
    """Canonical JSON (sorted keys, no spaces, UTF-8 kept) so equal records store equal text."""
    return json.dumps(to_plain(obj), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text)


def _span(v: Any) -> tuple[int, int]:
    start, end = v
    return (int(start), int(end))


def actor_from_dict(d: Mapping[str, Any]) -> Actor:
    return Actor(name=d["name"], country=d.get("country"), sector=d.get("sector"), text=d.get("text", ""))


def place_from_dict(d: Mapping[str, Any] | None) -> Place | None:
    if d is None:
        return None
    return Place(
        name=d["name"], lat=d.get("lat"), lon=d.get("lon"), geonameid=d.get("geonameid"),
        admin1=d.get("admin1"), country=d.get("country"), precision=d["precision"], text=d.get("text", ""),
    )


def date_span_from_dict(d: Mapping[str, Any] | None) -> DateSpan | None:
    if d is None:
        return None
    return DateSpan(start=d["start"], end=d["end"], precision=d["precision"], text=d.get("text", ""),
                    inferred=bool(d.get("inferred", False)))


def figure_from_dict(d: Mapping[str, Any] | None) -> Figure | None:
    if d is None:
        return None
    return Figure(
        value=d.get("value"), low=d.get("low"), high=d.get("high"),
        qualifier=d.get("qualifier", "exact"), cumulative=bool(d.get("cumulative", False)),
        text=d.get("text", ""),
    )


def event_mention_from_dict(d: Mapping[str, Any]) -> EventMention:
    return EventMention(
        id=d["id"],
        article_id=d["article_id"],
        quote=d["quote"],
        span=_span(d["span"]),
        event=d["event"],
        mode=d.get("mode"),
        acled_event_type=d.get("acled_event_type"),
        acled_sub_event_type=d.get("acled_sub_event_type"),
        actors=tuple(actor_from_dict(a) for a in d.get("actors", ())),
        recipients=tuple(actor_from_dict(a) for a in d.get("recipients", ())),
        place=place_from_dict(d.get("place")),
        date=date_span_from_dict(d.get("date")),
        killed=figure_from_dict(d.get("killed")),
        wounded=figure_from_dict(d.get("wounded")),
        status=d["status"],
        attributed_to=d.get("attributed_to"),
        confidence=d["confidence"],
        trigger=d.get("trigger", ""),
    )


def dropped_line_from_dict(d: Mapping[str, Any]) -> DroppedLine:
    return DroppedLine(text=d["text"], reason=d["reason"])


def article_from_dict(d: Mapping[str, Any]) -> Article:
    pub = d.get("published") or {}
    return Article(
        id=d["id"],
        uri=d["uri"],
        text=d["text"],
        title=d.get("title"),
        outlet=d.get("outlet"),
        published=PublishedDate(
            date=pub.get("date"), precision=pub.get("precision", "unknown"), how=pub.get("how", "unknown"),
        ),
        language=d.get("language"),
        dropped=tuple(dropped_line_from_dict(x) for x in d.get("dropped", ())),
    )


def quotation_from_dict(d: Mapping[str, Any]) -> Quotation:
    speaker = d.get("speaker")
    return Quotation(
        article_id=d["article_id"],
        speaker=actor_from_dict(speaker) if speaker is not None else None,
        speaker_text=d.get("speaker_text"),
        text=d["text"],
        span=_span(d["span"]),
        direct=bool(d.get("direct", True)),
    )


def rejection_from_dict(d: Mapping[str, Any]) -> Rejection:
    return Rejection(uri=d["uri"], reason=d["reason"], stage=d.get("stage", "ingest"), at=d.get("at"))


# ---- fused records (sitroom.fuse.records) ------------------------------------------


def source_from_dict(d: Mapping[str, Any] | None) -> Source | None:
    if d is None:
        return None
    return Source(article_id=d["article_id"], outlet=d.get("outlet"), quote=d.get("quote", ""),
                  attributed_to=d.get("attributed_to"))


def source_figure_from_dict(d: Mapping[str, Any]) -> SourceFigure:
    return SourceFigure(
        article_id=d.get("article_id"), outlet=d.get("outlet"), value=d.get("value"), low=d.get("low"),
        high=d.get("high"), qualifier=d.get("qualifier", "exact"), cumulative=bool(d.get("cumulative", False)),
        attributed_to=d.get("attributed_to"), status=d.get("status", "reported"),
        credibility=d.get("credibility", "neutral"), date=d.get("date"), text=d.get("text", ""),
    )


def disagreement_from_dict(d: Mapping[str, Any] | None) -> Disagreement | None:
    if d is None:
        return None
    return Disagreement(
        subject=d["subject"], measure=d["measure"],
        per_source=tuple(source_figure_from_dict(x) for x in d.get("per_source", ())),
        agreement=d["agreement"], best=d.get("best"), low=d.get("low"), high=d.get("high"),
        conservative=d.get("conservative"), source_count=int(d.get("source_count", 0)),
        only_party_claims=bool(d.get("only_party_claims", False)), unconfirmed=bool(d.get("unconfirmed", False)),
        sentence=d.get("sentence", ""),
    )


def merged_event_from_dict(d: Mapping[str, Any]) -> Event:
    return Event(
        id=d["id"], story_id=d.get("story_id"), event=d["event"], mode=d.get("mode"),
        acled_event_type=d.get("acled_event_type"), acled_sub_event_type=d.get("acled_sub_event_type"),
        actors=tuple(actor_from_dict(a) for a in d.get("actors", ())),
        recipients=tuple(actor_from_dict(a) for a in d.get("recipients", ())),
        place=place_from_dict(d.get("place")), date=date_span_from_dict(d.get("date")),
        killed=disagreement_from_dict(d.get("killed")), wounded=disagreement_from_dict(d.get("wounded")),
        status=d["status"], sources=tuple(s for s in (source_from_dict(x) for x in d.get("sources", ())) if s),
        source_count=int(d["source_count"]), mention_ids=tuple(d.get("mention_ids", ())),
        article_ids=tuple(d.get("article_ids", ())), confidence=d.get("confidence", 0.0),
        statuses=tuple(d.get("statuses", ())),
    )


def figure_claim_from_dict(d: Mapping[str, Any]) -> FigureClaim:
    return FigureClaim(
        subject=d["subject"], measure=d["measure"], value=d.get("value"), low=d.get("low"), high=d.get("high"),
        qualifier=d.get("qualifier", "exact"), source=source_from_dict(d.get("source")), date=d.get("date"),
        status=d.get("status", "reported"), cumulative=bool(d.get("cumulative", False)), text=d.get("text", ""),
    )


__all__ = [
    "disagreement_from_dict", "figure_claim_from_dict", "merged_event_from_dict", "source_figure_from_dict",
    "source_from_dict",
    "actor_from_dict", "article_from_dict", "date_span_from_dict", "dropped_line_from_dict", "dumps",
    "event_mention_from_dict", "figure_from_dict", "loads", "place_from_dict", "quotation_from_dict",
    "rejection_from_dict",
]
