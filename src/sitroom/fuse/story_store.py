"""Where stories live: the `StoryStore` protocol that story matching talks to, and an in-memory store.

Matching (`sitroom.fuse.stories.StoryIndex`) needs five things of a store: the story of an
article, candidate stories for keys and dates, key frequencies, the article count, and
saving a story. `MemoryStoryStore` keeps them in dicts and serialises to JSON-ready state;
`sitroom.store.fusion.FusionSession` keeps them in tables, so a lookup touches only the
rows of the article's keys and time window.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol, Sequence

from sitroom.fuse.records import Story


@dataclass(frozen=True)
class StoryProfile:
    """What matching needs to know of a story: its dates, key counts and text centroid."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    n_articles: int
    keys: tuple[tuple[str, int], ...]  # most frequent first, capped at StoryIndex.max_keys
    centroid: Any = None  # mean of member vectors (not re-normalised): a numpy array or a tuple of floats
    word_norm: float = 0.0  # length of the story's idf-weighted word counts, kept as articles join


class StoryStore(Protocol):
    """Where stories live; the store (SQLite, PostgreSQL) can implement this later."""

    def story_of(self, article_id: str) -> str | None: ...

    def candidates(self, keys: Sequence[str], start: str | None, end: str | None,
                   limit: int) -> list[StoryProfile]: ...

    def document_frequency(self, keys: Sequence[str]) -> dict[str, int]: ...

    def article_count(self) -> int: ...

    def put(self, profile: StoryProfile, article_id: str, article_keys: Sequence[str]) -> None: ...


def key_kind(key: str) -> str:
    return key.split(":", 1)[0]


def key_label(key: str) -> str:
    return key.split(":", 1)[1].split("#", 1)[0]


def story_places(keys: Sequence[str], limit: int = 5) -> tuple[str, ...]:
    """The places a story names most, settlements the gazetteer placed first: a county or district
    ("Adams County" keys as "Adams") and a name found nowhere are less sure of where it happened."""
    places = [k for k in keys if key_kind(k) == "place"]
    return tuple(key_label(k) for k in [*(k for k in places if "#" in k), *(k for k in places if "#" not in k)])[:limit]


def story_actors(keys: Sequence[str], limit: int = 5) -> tuple[str, ...]:
    """The actors a story names most."""
    return tuple(key_label(k) for k in keys if key_kind(k) == "actor")[:limit]


def days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def shift_day(day: str | None, days: int) -> str | None:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat() if day else None


class MemoryStoryStore:
    """A StoryStore in memory, with JSON-ready state so a caller can persist it whole."""

    def __init__(self) -> None:
        self.profiles: dict[str, StoryProfile] = {}
        self.members: dict[str, list[str]] = {}
        self.article_story: dict[str, str] = {}
        self.postings: dict[str, set[str]] = {}
        self.df: Counter[str] = Counter()
        self.n = 0

    def story_of(self, article_id: str) -> str | None:
        return self.article_story.get(article_id)

    def candidates(self, keys: Sequence[str], start: str | None, end: str | None, limit: int) -> list[StoryProfile]:
        hits: Counter[str] = Counter()
        for k in set(keys):
            hits.update(self.postings.get(k, ()))
        out = []
        for sid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])):
            p = self.profiles[sid]
            if start and p.last_date and p.last_date < start:
                continue
            if end and p.first_date and p.first_date > end:
                continue
            out.append(p)
            if len(out) >= limit:
                break
        return out

    def document_frequency(self, keys: Sequence[str]) -> dict[str, int]:
        return {k: self.df.get(k, 0) for k in keys}

    def article_count(self) -> int:
        return self.n

    def put(self, profile: StoryProfile, article_id: str, article_keys: Sequence[str]) -> None:
        old = self.profiles.get(profile.id)
        old_keys = {k for k, _ in old.keys} if old else set()
        new_keys = {k for k, _ in profile.keys}
        for k in old_keys - new_keys:
            self.postings.get(k, set()).discard(profile.id)
        for k in new_keys - old_keys:
            self.postings.setdefault(k, set()).add(profile.id)
        self.profiles[profile.id] = profile
        self.members.setdefault(profile.id, []).append(article_id)
        self.article_story[article_id] = profile.id
        self.df.update(set(article_keys))
        self.n += 1

    def story(self, story_id: str) -> Story | None:
        p = self.profiles.get(story_id)
        if p is None:
            return None
        keys = [k for k, _ in p.keys]
        return Story(id=p.id, article_ids=tuple(self.members.get(p.id, ())), first_published=p.first_date,
                     last_published=p.last_date, title=p.title,
                     places=story_places(keys),
                     actors=story_actors(keys))

    def stories(self) -> list[Story]:
        return [s for s in (self.story(sid) for sid in self.profiles) if s is not None]

    def to_state(self) -> dict[str, Any]:
        return {
            "version": 1, "n": self.n, "df": dict(self.df),
            "stories": [{"id": p.id, "title": p.title, "first_date": p.first_date, "last_date": p.last_date,
                         "n_articles": p.n_articles, "keys": [list(kv) for kv in p.keys],
                         "centroid": [float(x) for x in p.centroid] if p.centroid is not None else None,
                         "word_norm": p.word_norm,
                         "articles": list(self.members.get(p.id, ()))} for p in self.profiles.values()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "MemoryStoryStore":
        store = cls()
        store.n, store.df = state["n"], Counter(state["df"])
        for s in state["stories"]:
            p = StoryProfile(s["id"], s["title"], s["first_date"], s["last_date"], s["n_articles"],
                             tuple((k, c) for k, c in s["keys"]),
                             tuple(s["centroid"]) if s["centroid"] is not None else None, s.get("word_norm", 0.0))
            store.profiles[p.id] = p
            store.members[p.id] = list(s["articles"])
            for aid in s["articles"]:
                store.article_story[aid] = p.id
            for k, _ in p.keys:
                store.postings.setdefault(k, set()).add(p.id)
        return store


__all__ = ["MemoryStoryStore", "StoryProfile", "StoryStore", "days_between", "key_kind", "key_label", "shift_day",
           "story_actors", "story_places"]
