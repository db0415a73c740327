"""Index keys of an article: the places and actors it names or its events involve, and its content words.

Stories (`sitroom.fuse.stories`) are found and compared through these keys, so they are
kept plain strings a database can index: `place:<name>#<geonameid>` for a settlement,
`admin1:<country>:<admin1>` for a province, `actor:<name>`, `word:<lower-cased word>`, and
`day:<YYYY-MM-DD>` for a day on which an attack the article reports happened.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from sitroom.records import EventMention, Place

STOPWORDS = frozenset("""
about above after again against also among amid amidst another around because been before being below between
both but came come could days during each earlier even every first from further have having here into itself
just last later least less made make many more most much must near next only other over said says same since
some still such than that their them then there these they this those though three through told under until
upon very week weeks were what when where which while whom with within without would year years your yesterday
today tuesday monday wednesday thursday friday saturday sunday according reported report reports people
""".split())
_WORD_RE = re.compile(r"[^\W\d_][\w'-]{3,}", re.UNICODE)



def place_key(p: Place) -> str | None:
    """A place's index key: settlements by geonameid (name as label), admin1 areas coarser; countries none."""
    if p.precision in ("place", "near"):
        return f"place:{p.name}#{p.geonameid}" if p.geonameid is not None else f"place:{' '.join(p.name.split())}"
    if p.precision == "admin1" and p.admin1:
        return f"admin1:{p.country}:{p.admin1}"
    return None


def entity_keys(events: Iterable[EventMention]) -> list[str]:
    """Place and actor keys of an article's events (with repeats: counts say what is central)."""
    keys: list[str] = []
    for ev in events:
        if ev.place is not None:
            k = place_key(ev.place)
            keys += [k] if k else []
            if ev.place.precision in ("place", "near") and ev.place.admin1:
                keys.append(f"admin1:{ev.place.country}:{ev.place.admin1}")
        keys += [f"actor:{a.name}" for a in (*ev.actors, *ev.recipients) if a.name]
    return keys


# Statuses of what happened (not what was threatened, planned or denied).
HAPPENED = frozenset({"reported", "claimed"})


def incident_days(events: Iterable[EventMention]) -> list[str]:
    """`day:` keys of the days the article's attacks happened, by their own words.

    Reports of one incident name its day, even weeks later ("the Nov. 13 shooting"); two
    shootings in one city a week apart read alike but name different days. Only day-precise
    dates the event's own sentence gives count (a day inferred from elsewhere in the article
    would make every attack of an article share its lead's day), and only attacks (ASSAULT):
    an arrest or a funeral has a day of its own.
    """
    return list(dict.fromkeys(f"day:{e.date.start}" for e in events
                              if e.event == "ASSAULT" and e.status in HAPPENED and e.date is not None
                              and e.date.precision == "day" and not e.date.inferred))


def mention_keys(places: Iterable[Any] = (), actors: Iterable[Any] = ()) -> list[str]:
    """Place and actor keys of everything an article names (pipeline Mentions of Place / Actor values).

    Events carry only the places and parties of what happened; an article also names
    its city in a dateline or its victims' town in passing, which tell stories apart as
    well. The runner stores these keys with the article (they need the parse).
    """
    keys: list[str] = []
    for m in places:
        p = m.value
        k = place_key(p)
        keys += [k] if k else []
        if p.precision in ("place", "near") and p.admin1:
            keys.append(f"admin1:{p.country}:{p.admin1}")
    keys += [f"actor:{m.value.name}" for m in actors if m.value.name]
    return keys


def content_words(text: str) -> list[str]:
    """Lower-cased words of 4+ letters that are not stop words, in order, unique."""
    words = (w.lower().strip("'-") for w in _WORD_RE.findall(text))
    return list(dict.fromkeys(w for w in words if len(w) >= 4 and w not in STOPWORDS))


__all__ = ["HAPPENED", "STOPWORDS", "content_words", "entity_keys", "incident_days", "mention_keys", "place_key"]
