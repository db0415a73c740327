"""Records made by fusing articles: stories, merged events, figure claims and their reconciliation.

They extend `sitroom.records` (which holds what one article yields) with what only many
articles together can say: that two reports describe one event, how many independent
outlets report it, and where their figures disagree. Like the base records they are
frozen, so the store persists exactly what fuse produced; field names are the names
users will see in exports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sitroom.records import Actor, DateSpan, Place, Qualifier, Source, Status

Agreement = Literal["single", "agree", "disagree", "none"]
Credibility = Literal["neutral", "party", "excluded"]


@dataclass(frozen=True)
class FigureClaim:
    """One number one source gives about one thing ("700,000 displaced", "51 soldiers killed").

    `subject` names what is counted (an event id, "Idlib displaced", "Syrian refugees in
    Turkey") and `measure` the kind of count (killed, wounded, displaced, refugees). `status`
    is the claim's own: `claimed` means a party to the fighting says so, which lowers its
    weight (see `sitroom.fuse.figures`). `cumulative` marks a total over a period ("16
    soldiers killed in total"), which is a point in a series, not a rival incident count.
    """

    subject: str
    measure: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    source: Source | None = None
    date: str | None = None
    status: Status = "reported"
    cumulative: bool = False
    text: str = ""


@dataclass(frozen=True)
class SourceFigure:
    """One source's figure as shown next to the others (`per_source`): who says what, and how."""

    article_id: str | None
    outlet: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    cumulative: bool
    attributed_to: str | None
    status: Status
    credibility: Credibility = "neutral"
    date: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Disagreement:
    """All claims about one count reconciled: the per-source figures and what to make of them.

    Named for its main use, it also records agreement: `agreement` is `single` (one source),
    `agree` (every figure within ~5% of the others), `disagree`, or `none` (no usable number).
    `best` is the median of the credible figures (a figure some source gave, never an
    interpolation); `conservative` is the lowest credible figure, as ACLED codes; `low` and
    `high` span every figure reported, party claims included, so the spread stays visible.
    `source_count` counts independent claimants, so a figure repeated by many outlets from
    one ministry counts once. `sentence` says it in words for a report.
    """

    subject: str
    measure: str
    per_source: tuple[SourceFigure, ...]
    agreement: Agreement
    best: float | None
    low: float | None
    high: float | None
    conservative: float | None
    source_count: int
    only_party_claims: bool
    unconfirmed: bool
    sentence: str


@dataclass(frozen=True)
class SeriesPoint:
    """One cumulative total as reported on a date ("16 killed in total, as of 19 February")."""

    date: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    source: Source | None
    status: Status = "reported"


@dataclass(frozen=True)
class Event:
    """One real-world event, merged from every mention of it across articles.

    `sources` holds one Source per mention (the exact quote stays the evidence);
    `source_count` counts independent outlets, so a repost or a second story by the same
    outlet adds evidence but not weight. `killed` and `wounded` reconcile the incident
    figures; cumulative tolls are kept out of them (see `sitroom.fuse.merge.cumulative_tolls`).
    """

    id: str
    story_id: str | None
    event: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    place: Place | None
    date: DateSpan | None
    killed: Disagreement | None
    wounded: Disagreement | None
    status: Status
    sources: tuple[Source, ...]
    source_count: int
    mention_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    confidence: float
    statuses: tuple[Status, ...] = ()


@dataclass(frozen=True)
class Story:
    """Articles about one unfolding situation, in the order they joined it."""

    id: str
    article_ids: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    title: str | None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


__all__ = [
    "Agreement", "Credibility", "Disagreement", "Event", "FigureClaim", "SeriesPoint", "SourceFigure", "Story",
]
