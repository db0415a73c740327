"""Escalation between pairs of actors: a daily conflict-cooperation score, and the move to force.

For each pair of actors, by country and sector (Turkey's military and Syria's military,
say), coded events become a daily series of scores on a Goldstein-like scale: a number
from -10 (most hostile) to +10 (most cooperative) per PLOVER event type. This is *not*
Goldstein's published scale (Goldstein 1992 weighs WEIS codes, and the CAMEO codebook
gives weights to its own root codes); no official weights exist for PLOVER, so these are
sitroom's, set to sit near the CAMEO/Goldstein weight of the closest CAMEO root (e.g.
CAMEO 13 "threaten" -6.0, 17 "coerce" -7.0, 04 "consult" +1.0, 07 "provide aid" +7.0)
and rounded. They order events sensibly; their exact values are a convention.

The marked point is the first day a pair moves from words to force: the first ASSAULT or
COERCE strictly after the pair's first THREATEN, ACCUSE or REJECT (same-day words and
force cannot be ordered from day-precise dates, so a same-day pair is not a transition).

Only events that happened or were said count: status reported, claimed or threatened;
planned, hypothetical and denied events do not. The input can be merged Events or per-article
EventMentions (anything with event, actors, recipients, date, status and id); merged
events are better, as a story reported by ten outlets is one event, not ten.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Protocol, Sequence

from sitroom.records import Actor, DateSpan

GOLDSTEIN_LIKE: dict[str, float] = {
    "AGREE": 5.0, "CONSULT": 1.0, "SUPPORT": 3.0, "AID": 6.0, "COOPERATE": 4.0, "CONCEDE": 4.0, "RETREAT": 3.0,
    "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -5.0, "SANCTION": -7.0,
    "MOBILIZE": -6.0, "COERCE": -7.0, "ASSAULT": -10.0,
}
WORDS = frozenset({"THREATEN", "ACCUSE", "REJECT"})
FORCE = frozenset({"ASSAULT", "COERCE"})
COUNTED_STATUSES = frozenset({"reported", "claimed", "threatened"})

Side = tuple[str, str | None]  # (ISO alpha-3 country, PLOVER sector or None)


class CodedEvent(Protocol):
    """What escalation needs of an event: EventMention and the merged Event both have it."""

    id: str
    event: str
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    date: DateSpan | None
    status: str


@dataclass(frozen=True)
class DayScore:
    """A pair's score on one day: the sum over its events, with the count and the events."""

    date: str
    score: float
    events: int
    event_ids: tuple[str, ...]
    types: tuple[str, ...]


@dataclass(frozen=True)
class Escalation:
    """Where a pair moved from words to force: the first words date and the first force after it."""

    words_date: str
    force_date: str
    words_event_ids: tuple[str, ...]
    force_event_ids: tuple[str, ...]


@dataclass(frozen=True)
class PairSeries:
    """The daily series of one pair (source acts on target when `directed`), days with events only."""

    source: Side
    target: Side
    days: tuple[DayScore, ...]
    escalation: Escalation | None

    def dense(self) -> list[DayScore]:
        """Every day from the first to the last, days without events scored 0."""
        if not self.days:
            return []
        by_day = {d.date: d for d in self.days}
        start, end = date.fromisoformat(self.days[0].date), date.fromisoformat(self.days[-1].date)
        out = []
        for i in range((end - start).days + 1):
            day = (start + timedelta(days=i)).isoformat()
            out.append(by_day.get(day, DayScore(day, 0.0, 0, (), ())))
        return out


def score(event_type: str) -> float | None:
    """The Goldstein-like score of a PLOVER type; None for a type without one."""
    return GOLDSTEIN_LIKE.get(event_type.upper())


def _side(a: Actor) -> Side | None:
    return (a.country, a.sector) if a.country else None


def _day(span: DateSpan | None, precisions: Sequence[str]) -> str | None:
    if span is None or span.precision not in precisions:
        return None
    return span.start if span.precision == "day" else span.end


def _pairs(ev: Any, directed: bool) -> set[tuple[Side, Side]]:
    out = set()
    for a in ev.actors:
        for r in ev.recipients:
            sa, sr = _side(a), _side(r)
            if sa is None or sr is None or sa == sr:
                continue
            out.add((sa, sr) if directed else tuple(sorted((sa, sr), key=lambda s: (s[0], s[1] or ""))))
    return out


def escalation_point(days: Sequence[DayScore]) -> Escalation | None:
    """The first force day strictly after the first words day of a pair's days, if any."""
    words = [d for d in days if WORDS & set(d.types)]
    if not words:
        return None
    first = words[0]
    force = next((d for d in days if d.date > first.date and FORCE & set(d.types)), None)
    if force is None:
        return None
    return Escalation(first.date, force.date, tuple(e for e, t in zip(first.event_ids, first.types) if t in WORDS),
                      tuple(e for e, t in zip(force.event_ids, force.types) if t in FORCE))


def pair_series(events: Iterable[CodedEvent], *, directed: bool = True, precisions: Sequence[str] = ("day",),
                statuses: Iterable[str] = COUNTED_STATUSES) -> list[PairSeries]:
    """The daily score series of every pair of actors in `events`, sorted by pair.

    Each event counts once per pair of (actor, recipient) sides it involves, on its day.
    Only day-precise dates count by default: a week-precise date (an undated event gets
    the week before publication) would put the event on a day it may not have happened;
    pass precisions=("day", "week") to count those on the last day of their week. With
    directed=False, A->B and B->A are one pair (an exchange of threats and fire).
    """
    allowed = set(statuses)
    grouped: dict[tuple[Side, Side], dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for ev in events:
        value = score(ev.event)
        day = _day(ev.date, precisions)
        if value is None or day is None or ev.status not in allowed:
            continue
        for pair in _pairs(ev, directed):
            if (ev.id, ev.event) not in grouped[pair][day]:
                grouped[pair][day].append((ev.id, ev.event))
    out = []
    for (src, tgt), by_day in sorted(grouped.items(), key=lambda kv: str(kv[0])):
        days = tuple(
            DayScore(d, sum(GOLDSTEIN_LIKE[t] for _, t in evs), len(evs), tuple(e for e, _ in evs),
                     tuple(t for _, t in evs))
            for d, evs in sorted(by_day.items()))
        out.append(PairSeries(src, tgt, days, escalation_point(days)))
    return out


def escalations(events: Iterable[CodedEvent], **options: Any) -> list[PairSeries]:
    """Only the pairs that moved from words to force, earliest move first."""
    marked = [s for s in pair_series(events, **options) if s.escalation is not None]
    return sorted(marked, key=lambda s: (s.escalation.force_date, str(s.source), str(s.target)))  # type: ignore


__all__ = [
    "COUNTED_STATUSES", "CodedEvent", "DayScore", "Escalation", "FORCE", "GOLDSTEIN_LIKE", "PairSeries", "WORDS",
    "escalation_point", "escalations", "pair_series", "score",
]
