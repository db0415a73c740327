"""Mentions of one real-world event, across articles, merged into one Event.

Within a story, two mentions describe the same event when nothing contradicts it and
enough points to it. Contradictions (any one keeps them apart):
- another PLOVER type, or one happened (reported / claimed / denied) and the other did not
  (planned, threatened, hypothetical);
- dates that cannot be the same day: day-precise dates more than a day apart, or coarser
  ranges that do not overlap;
- places that cannot be the same: more than `max_km` apart, different names without
  coordinates, or a coarse place (admin1, country) in another admin1 or country;
- victims (recipients) of disjoint countries, or no shared country at all among parties;
- both give a death toll, of victims of disjoint groups (country and sector: soldiers vs civilians);
- incident killed figures that contradict wildly (the larger over 5 times the smaller + 5).
Evidence, in points, from the mention of the event that is most alike: same place (same
geonameid or within 5 km: 2; two different settlements within `max_km`: -1), same
day (2; a day apart: 1), killed figures that agree within 10% (2) or whose ranges overlap
("dozens", i.e. 12 or more, and "51": 1), shared actor country (1), shared recipient country (1), the same claimant
(`attributed_to`: 1). A mention joins the earlier event with which it is compatible with
every mention (complete link, so one vague mention cannot chain two events together) and
has most evidence, if at least `min_evidence` (3); else it starts a new event. So "Turkey
struck Syrian forces" twice in one week, with nothing else said, stays two events, while
"dozens killed" and "51 killed", both claimed by Ankara about Syrian soldiers, become one.
Mentions are taken in publication order, so the result does not depend on the order the
caller passes them in.

A near-duplicate article (see `sitroom.fuse.dedup`) adds its quote to `sources` but no
weight: its outlet counts as its original's, and its figures are not counted again.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from sitroom.fuse.figures import point_value, series, summarise
from sitroom.fuse.records import Disagreement, Event, FigureClaim, SeriesPoint
from sitroom.records import Actor, Article, DateSpan, EventMention, Figure, Place, Source, content_hash

HAPPENED = {"reported", "claimed", "denied"}
STATUS_ORDER = ("reported", "claimed", "denied", "planned", "threatened", "hypothetical")
PLACE_RANK = {"place": 0, "near": 1, "admin1": 2, "country": 3}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
INFERRED_LEEWAY_DAYS = 7  # an inferred day (DateSpan.inferred) stands for the week an undated report allows


def root_article(article_id: str, duplicates: Mapping[str, str] | None) -> str:
    """The original an article copies, following chains of copies (and stopping on a loop)."""
    seen = {article_id}
    while duplicates and article_id in duplicates and duplicates[article_id] not in seen:
        article_id = duplicates[article_id]
        seen.add(article_id)
    return article_id


def outlet_key(article_id: str, articles: Mapping[str, Article], duplicates: Mapping[str, str] | None) -> str:
    """What counts as one independent outlet: the original's outlet, else the original itself."""
    root = root_article(article_id, duplicates)
    art = articles.get(root) or articles.get(article_id)
    outlet = art.outlet if art else None
    return "outlet:" + " ".join(outlet.lower().split()) if outlet else "article:" + root


def haversine_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places with coordinates."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _dates(a: DateSpan | None, b: DateSpan | None) -> tuple[bool, int]:
    if a is None or b is None:
        return True, 0
    if a.inferred or b.inferred:  # a day told elsewhere in the article: a week's leeway, and no evidence
        return abs((date.fromisoformat(a.start) - date.fromisoformat(b.start)).days) <= INFERRED_LEEWAY_DAYS, 0
    if a.precision == "day" and b.precision == "day":
        gap = abs((date.fromisoformat(a.start) - date.fromisoformat(b.start)).days)
        return gap <= 1, 2 - gap if gap <= 1 else 0
    return a.start <= b.end and b.start <= a.end, 0


def _places(a: Place | None, b: Place | None, max_km: float) -> tuple[bool, int]:
    if a is None or b is None:
        return True, 0
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True, 2
    coarse = [p for p in (a, b) if p.precision in ("admin1", "country")]
    if coarse:
        if a.country and b.country and a.country != b.country:
            return False, 0
        wide = max(coarse, key=lambda p: PLACE_RANK[p.precision])
        other = b if wide is a else a
        if wide.precision == "admin1" and wide.admin1 and other.admin1 and wide.admin1 != other.admin1:
            return False, 0
        return True, 0
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = haversine_km(a, b)
        if km <= 5:
            return True, 2
        # two different named settlements a few km apart: possible (spellings, "near"), but evidence against
        return km <= max_km, -1
    same = " ".join(a.name.lower().split()) == " ".join(b.name.lower().split())
    return same, 2 if same else 0


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


@lru_cache(maxsize=4096)
def claimant_country(name: str | None) -> str | None:
    """The country a claimant speaks for, when its name says: "Government of Turkey", "Erdogan",
    "Turkish Defence Ministry", "Ankara" (through the curated actor dictionary)."""
    from sitroom.pipeline.actors import actor_dictionary
    from sitroom.pipeline.countries import country_names

    name = " ".join((name or "").split())
    if not name:
        return None
    actor = actor_dictionary().resolve(name)
    if actor and actor.country:
        return actor.country
    countries = country_names()
    for word in re.findall(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)*", name):
        if word in countries:
            return countries[word][0]
        first = word.split()[0]
        if first in actor_dictionary().demonyms:
            return actor_dictionary().demonyms[first]
    return None


def same_claimant(a: str | None, b: str | None) -> bool:
    """Two attributions name the same claimant, or two claimants of the same country.

    A heuristic for merging only (a Syrian monitor and Damascus count as one here); the
    figures' one-vote-per-claimant rule uses the exact names.
    """
    if not a or not b:
        return False
    if _norm(a) == _norm(b):
        return True
    ca, cb = claimant_country(a), claimant_country(b)
    return ca is not None and ca == cb


def _countries(actors: Iterable[Actor]) -> set[str]:
    return {x.country for x in actors if x.country}


def _victims(m: EventMention) -> set[tuple[str, str]]:
    return {(x.country, x.sector) for x in m.recipients if x.country and x.sector}


def _parties(a: EventMention, b: EventMention) -> tuple[bool, int]:
    ra, rb = _countries(a.recipients), _countries(b.recipients)
    aa, ab = _countries(a.actors), _countries(b.actors)
    if ra and rb and not ra & rb:
        return False, 0
    va, vb = _victims(a), _victims(b)
    if a.killed is not None and b.killed is not None and va and vb and not va & vb:
        return False, 0  # "51 soldiers killed" and "13 civilians killed": two tolls of two groups
    pa, pb = aa | ra, ab | rb
    if pa and pb and not pa & pb:
        return False, 0
    return True, bool(aa & ab) + bool(ra & rb)


def _incident_point(f: Figure | None) -> float | None:
    if f is None or f.cumulative:
        return None
    return point_value(FigureClaim("", "", f.value, f.low, f.high, f.qualifier, text=f.text))


def _interval(f: Figure, point: float) -> tuple[float, float]:
    """The range a figure allows: "dozens" (low 12, no high) is 12 or more, "about 20" is 16-25."""
    if f.qualifier == "up_to":
        return (f.low or 0.0), point
    if f.qualifier == "exact":
        return point, point
    low = f.low if f.low is not None else (point if f.qualifier == "at_least" else 0.8 * point)
    high = f.high if f.high is not None else (math.inf if f.qualifier == "at_least" or f.low is not None
                                              else 1.25 * point)
    return low, high


def _killed(a: EventMention, b: EventMention) -> tuple[bool, int]:
    x, y = _incident_point(a.killed), _incident_point(b.killed)
    if x is None or y is None:
        return True, 0
    lo, hi = sorted((x, y))
    if hi > 5 * lo + 5:
        return False, 0
    if hi - lo <= 0.1 * hi:
        return True, 2
    (a_lo, a_hi), (b_lo, b_hi) = _interval(a.killed, x), _interval(b.killed, y)  # type: ignore[arg-type]
    return True, int(a_lo <= b_hi and b_lo <= a_hi)


def match(a: EventMention, b: EventMention, max_km: float = 25.0) -> int | None:
    """Evidence points that a and b are one event, or None when something contradicts it."""
    if a.event != b.event or (a.status in HAPPENED) != (b.status in HAPPENED):
        return None
    total = int(same_claimant(a.attributed_to, b.attributed_to))
    for ok, points in (_dates(a.date, b.date), _places(a.place, b.place, max_km), _parties(a, b), _killed(a, b)):
        if not ok:
            return None
        total += points
    return total


def _order(articles: Mapping[str, Article]):
    def key(m: EventMention) -> tuple:
        art = articles.get(m.article_id)
        published = art.published.date if art and art.published.date else "9999-12-31"
        return published, m.article_id, m.span[0], m.id
    return key


def _most_common(values: Sequence, rank=None, key=None):
    """The most frequent value (by `key`; first seen on ties), after `rank` (lower first) when given.

    Places and dates are counted by what they denote, not by the words they were found as,
    so "Feb. 10" and "on Monday" are two votes for one day.
    """
    present = [v for v in values if v is not None]
    if not present:
        return None
    key = key or (lambda v: v)
    counts = Counter(key(v) for v in present)
    chosen = min(range(len(present)), key=lambda i: (rank(present[i]) if rank else 0, -counts[key(present[i])], i))
    return present[chosen]


def _actors(groups: Iterable[tuple[Actor, ...]]) -> tuple[Actor, ...]:
    flat = [Actor(x.name, x.country, x.sector) for g in groups for x in g]
    counts = Counter(flat)
    first = {v: i for i, v in reversed(list(enumerate(flat)))}
    return tuple(sorted(counts, key=lambda v: (-counts[v], first[v])))


def _figure(event_id: str, measure: str, members: Sequence[EventMention], articles: Mapping[str, Article],
            duplicates: Mapping[str, str] | None) -> Disagreement | None:
    claims = []
    for m in members:
        f: Figure | None = getattr(m, measure)
        if f is None or f.cumulative or root_article(m.article_id, duplicates) != m.article_id:
            continue
        art = articles.get(m.article_id)
        src = Source(m.article_id, art.outlet if art else None, m.quote, m.attributed_to)
        claims.append(FigureClaim(event_id, measure, f.value, f.low, f.high, f.qualifier, src,
                                  art.published.date if art else None, m.status, f.cumulative, f.text))
    return summarise(claims, subject=event_id, measure=measure) if claims else None


def _event(members: Sequence[EventMention], articles: Mapping[str, Article], story_id: str | None,
           duplicates: Mapping[str, str] | None) -> Event:
    first = members[0]
    eid = content_hash("event", first.id)
    statuses = tuple(s for s in STATUS_ORDER if any(m.status == s for m in members))
    acled = _most_common([(m.acled_event_type, m.acled_sub_event_type) for m in members if m.acled_event_type])
    place = _most_common([m.place for m in members], rank=lambda p: PLACE_RANK.get(p.precision, 9),
                         key=lambda p: (p.geonameid, p.name if p.geonameid is None else "", p.precision))
    when = _most_common([m.date for m in members], rank=lambda d: DATE_RANK.get(d.precision, 9) + 0.5 * d.inferred,
                        key=lambda d: (d.start, d.end, d.precision))
    sources = tuple(Source(m.article_id, articles[m.article_id].outlet if m.article_id in articles else None,
                           m.quote, m.attributed_to) for m in members)
    return Event(
        id=eid, story_id=story_id, event=first.event, mode=_most_common([m.mode for m in members]),
        acled_event_type=acled[0] if acled else None, acled_sub_event_type=acled[1] if acled else None,
        actors=_actors(m.actors for m in members), recipients=_actors(m.recipients for m in members),
        place=place, date=when,
        killed=_figure(eid, "killed", members, articles, duplicates),
        wounded=_figure(eid, "wounded", members, articles, duplicates),
        status=statuses[0] if statuses else first.status, sources=sources,
        source_count=len({outlet_key(m.article_id, articles, duplicates) for m in members}),
        mention_ids=tuple(m.id for m in members), article_ids=tuple(dict.fromkeys(m.article_id for m in members)),
        confidence=max(m.confidence for m in members), statuses=statuses,
    )


class _Cluster:
    """An event being built, with the bounds that let most clusters be skipped without a full match.

    Complete link needs a mention compatible with every member, so a mention whose date
    falls outside the members' dates (widened by the day of tolerance) or whose latitude is
    over `max_km` from a member's cannot join: both are cheap, safe tests before `match`.
    """

    def __init__(self, m: EventMention, max_km: float):
        self.members = [m]
        self.first = self.last = None
        self.lat_min = self.lat_max = None
        self.reach = max_km / 111.0  # degrees of latitude; a degree is at least 110.5 km
        self._extend(m)

    def _extend(self, m: EventMention) -> None:
        if m.date is not None and not m.date.inferred:
            lo = (date.fromisoformat(m.date.start) - _ONE_DAY).isoformat()
            hi = (date.fromisoformat(m.date.end) + _ONE_DAY).isoformat()
            self.first = lo if self.first is None else max(self.first, lo)
            self.last = hi if self.last is None else min(self.last, hi)
        if m.place is not None and m.place.lat is not None and m.place.precision in ("place", "near"):
            self.lat_min = m.place.lat if self.lat_min is None else min(self.lat_min, m.place.lat)
            self.lat_max = m.place.lat if self.lat_max is None else max(self.lat_max, m.place.lat)

    def add(self, m: EventMention) -> None:
        self.members.append(m)
        self._extend(m)

    def may_take(self, m: EventMention) -> bool:
        if m.date is not None and not m.date.inferred and self.first is not None and self.last is not None:
            if m.date.end < self.first or m.date.start > self.last:
                return False
        p = m.place
        if p is not None and p.lat is not None and p.precision in ("place", "near") and self.lat_min is not None:
            if p.lat - self.lat_min > self.reach or self.lat_max - p.lat > self.reach:  # type: ignore[operator]
                return False
        return True


_ONE_DAY = timedelta(days=1)


def cluster_mentions(mentions: Iterable[EventMention], articles: Mapping[str, Article], *, max_km: float = 25.0,
                     min_evidence: int = 3) -> list[list[EventMention]]:
    """Mentions grouped into events (see the module docstring), each group in publication order."""
    clusters: list[_Cluster] = []
    by_type: dict[str, list[_Cluster]] = {}
    for m in sorted(mentions, key=_order(articles)):
        best, best_points = None, min_evidence - 1
        for c in by_type.get(m.event, ()):
            if not c.may_take(m):
                continue
            points = [match(m, other, max_km) for other in c.members]
            if any(p is None for p in points):
                continue
            if max(points) > best_points:  # type: ignore[type-var]
                best, best_points = c, max(points)  # type: ignore[type-var]
        if best is None:
            best = _Cluster(m, max_km)
            by_type.setdefault(m.event, []).append(best)
            clusters.append(best)
        else:
            best.add(m)
    return [c.members for c in clusters]


def merge_mentions(mentions: Iterable[EventMention], articles: Mapping[str, Article], *,
                   story_id: str | None = None, duplicates: Mapping[str, str] | None = None,
                   max_km: float = 25.0, min_evidence: int = 3) -> list[Event]:
    """Merge the mentions of one story into Events (one per real-world event), oldest first.

    `articles` maps article id to Article (outlet, publication date); `duplicates` maps a
    near-duplicate article's id to the original's (from `DuplicateIndex`). An event's id
    hashes its earliest mention, so it survives re-runs and later reports.
    """
    return [_event(c, articles, story_id, duplicates)
            for c in cluster_mentions(mentions, articles, max_km=max_km, min_evidence=min_evidence)]


def cumulative_tolls(mentions: Iterable[EventMention], articles: Mapping[str, Article], *,
                     duplicates: Mapping[str, str] | None = None, measure: str = "killed",
                     ) -> dict[tuple[str | None, str | None], tuple[SeriesPoint, ...]]:
    """Cumulative tolls ("16 soldiers killed in total") as a series per (victim country, sector).

    Totals reported on different dates rise over time; they are kept out of incident
    disagreements and shown here, oldest first, each point with its source. The victims
    are the mention's first recipient with a country; (None, None) collects tolls whose
    victims are unknown, so none is dropped. A point's date is the article's publication
    date (a total is "as of" when it was reported), else the end of the event's dates.
    """
    claims = []
    for m in sorted(mentions, key=_order(articles)):
        f: Figure | None = getattr(m, measure)
        if f is None or not f.cumulative or root_article(m.article_id, duplicates) != m.article_id:
            continue
        victim = next((r for r in m.recipients if r.country), None)
        key = f"{victim.country}\x1f{victim.sector or ''}" if victim else "\x1f"
        art = articles.get(m.article_id)
        when = (art.published.date if art else None) or (m.date.end if m.date else None)
        src = Source(m.article_id, art.outlet if art else None, m.quote, m.attributed_to)
        claims.append(FigureClaim(key, measure, f.value, f.low, f.high, f.qualifier, src, when, m.status, True,
                                  f.text))
    out = {}
    for (key, _), points in series(claims).items():
        country, sector = key.split("\x1f")
        out[(country or None, sector or None)] = points
    return out


__all__ = ["cluster_mentions", "cumulative_tolls", "haversine_km", "match", "merge_mentions", "outlet_key",
           "root_article"]
