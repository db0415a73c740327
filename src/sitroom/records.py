"""Typed, immutable records that flow through sitroom.

Every stage takes records and returns new ones; nothing is mutated in place, so a
record seen by the store is exactly what a stage produced. The field names here are
the names users see in exports, which is why they are spelled out rather than nested
in generic dictionaries.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "year", "unknown"]
DateHow = Literal["metadata", "text", "flag", "unknown"]
Status = Literal["reported", "claimed", "denied", "threatened", "planned", "hypothetical"]
Qualifier = Literal["exact", "at_least", "up_to", "approximately", "unconfirmed"]


def content_hash(*parts: str, length: int = 16) -> str:
    """Stable hex id from text parts; ids built this way survive re-runs and re-posts."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class RawDocument:
    """Bytes or text as they arrived, with where they came from and metadata hints."""

    uri: str
    data: bytes | str
    content_type: str = "text/plain"  # text/plain, text/markdown, text/html
    outlet: str | None = None
    published: str | None = None  # ISO date string from metadata, if any
    title: str | None = None
    received_at: str | None = None


@dataclass(frozen=True)
class PublishedDate:
    """When an article was published, and how we know (metadata, text, flag, unknown)."""

    date: str | None  # ISO yyyy-mm-dd
    precision: DatePrecision = "unknown"
    how: DateHow = "unknown"


@dataclass(frozen=True)
class DroppedLine:
    """A line removed from the text before analysis, kept for audit with its reason."""

    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """Cleaned text of one article, its headline first (headlines often carry the toll the body
    repeats only in pieces). `id` hashes the normalised body, so a re-post under another
    headline maps to it."""

    id: str
    uri: str
    text: str
    title: str | None
    outlet: str | None
    published: PublishedDate
    language: str | None = None
    dropped: tuple[DroppedLine, ...] = ()

    @property
    def body(self) -> str:
        """The text without the headline that cleaning put first."""
        if self.title and self.text.startswith(self.title + "\n\n"):
            return self.text[len(self.title) + 2:]
        return self.text

    @property
    def headline_end(self) -> int:
        """Where the headline (and the blank line after it) ends in `text`: 0 when there is none, all
        of it when the headline is all there is (a page whose body was debris: its headline is its report,
        read with the headline's own rules)."""
        if self.title and self.text == self.title:
            return len(self.text)
        return len(self.text) - len(self.body)


@dataclass(frozen=True)
class Actor:
    """A resolved actor: canonical name, ISO 3166 alpha-3 country, PLOVER sector."""

    name: str
    country: str | None
    sector: str | None
    text: str = ""  # the words it was found as


@dataclass(frozen=True)
class Place:
    """A geocoded place. precision: place (a settlement), near, admin1, country, or named (a place the
    text names that the gazetteer cannot locate: no coordinates)."""

    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    admin1: str | None
    country: str | None  # ISO alpha-3
    precision: str
    text: str = ""


# How finely each precision pins a place down, finest first: a settlement beats its district, its
# province, a named but unlocated place, its country.
PLACE_FINENESS = {"place": 0, "near": 1, "admin2": 2, "admin1": 3, "named": 3.5, "country": 4}


@dataclass(frozen=True)
class DateSpan:
    """A resolved date or range, with its precision and the words it came from.

    `inferred`: the words are not in the event's own sentence but elsewhere in its article ("The
    shooting happened Thursday." paragraphs after "a man was shot"): a likely day, weaker evidence
    that two reports tell of one event than a day each names itself."""

    start: str
    end: str
    precision: DatePrecision
    text: str = ""
    inferred: bool = False


@dataclass(frozen=True)
class Figure:
    """A reported count. value is the stated number; low/high bound it per the qualifier."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: Qualifier = "exact"
    cumulative: bool = False
    text: str = ""


@dataclass(frozen=True)
class Source:
    """Where a field came from: the article and the exact quote, and who was cited for it."""

    article_id: str
    outlet: str | None
    quote: str
    attributed_to: str | None = None


@dataclass(frozen=True)
class EventMention:
    """One event as one article mentions it. Every field is backed by `quote`."""

    id: str
    article_id: str
    quote: str
    span: tuple[int, int]
    event: str  # PLOVER type, e.g. ASSAULT
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    place: Place | None
    date: DateSpan | None
    killed: Figure | None
    wounded: Figure | None
    status: Status
    attributed_to: str | None
    confidence: float
    trigger: str = ""


@dataclass(frozen=True)
class Quotation:
    """Who said what: a quotation in an article and its speaker, when one is named."""

    article_id: str
    speaker: Actor | None
    speaker_text: str | None
    text: str
    span: tuple[int, int]
    direct: bool = True


@dataclass(frozen=True)
class Rejection:
    """An input that could not be processed, with a reason a person can act on."""

    uri: str
    reason: str
    stage: str = "ingest"
    at: str | None = None


@dataclass(frozen=True)
class Analysis:
    """What the pipeline made of one article: the article, its events and its quotations."""

    article: Article
    events: tuple[EventMention, ...] = ()
    quotations: tuple[Quotation, ...] = ()


def to_plain(obj: Any) -> Any:
    """Dataclass tree to plain JSON-ready values (tuples become lists)."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    fields_ = getattr(obj, "__dataclass_fields__", None)
    if fields_ is not None:  # field by field: asdict() would copy the whole tree once more first
        return {k: to_plain(getattr(obj, k)) for k in fields_}
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    return obj


__all__ = [
    "Actor", "Analysis", "Article", "DateSpan", "DroppedLine", "EventMention", "Figure", "Place",
    "PublishedDate", "Quotation", "RawDocument", "Rejection", "Source", "content_hash", "to_plain",
]
