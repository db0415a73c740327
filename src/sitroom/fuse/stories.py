"""Stories: articles about one unfolding situation, grouped incrementally as they arrive.

Each new article either joins the best-matching existing story or founds a new one;
nothing already grouped is re-clustered, so adding an article costs about the same at 1k
or 1M stored. The article is compared only with candidate stories found through an
inverted index of keys (places, actors, the rarer words of its title and lead) and blocked by
time: a story is a candidate when its dates come within `follow_up_days` (30) of the
article's. What decides the match:

- entity overlap E (0-1): the share of the article's place and actor keys, weighted by
  kind (places count most) and rarity (idf over the articles seen), found in the story;
- text similarity T (0-1): cosine of the article's title+lead embedding with the story's
  centroid when an embedder is given (`sitroom.fuse.embeddings`), else the idf-weighted
  share of the content words of the article's title and lead found in the story;
- within `window_days` (3) of the story's dates: join when the combined score
  w*T + (1-w)*E reaches `join_score` and T reaches `min_similarity`; later follow-ups (up
  to 30 days after the story's latest article, as reports weeks later often are) and
  undated articles join only with strong entity overlap (E >= `follow_up_overlap` and a
  shared place) and T >= `follow_up_similarity`. The thresholds are in `MatchRules`:
  `VECTOR_RULES` when T is a cosine, `WORD_RULES` (places and actors weigh more) when T
  is word overlap (no embedder, or a story founded before vectors were available).
Among the stories an article may join it joins the best-scoring one.

Choice of storage: the matching logic talks to a `StoryStore` protocol (candidate stories
for keys and dates, key frequencies, saving a story), not to a database. The bundled
`MemoryStoryStore` keeps everything in memory and serialises to JSON-ready state
(`to_state` / `from_state`); a database store implements the same five methods over
tables (story, story_key(key, story_id, last_date), key_df, article_story) so a lookup
touches only the rows for the article's keys and time window.

Story ids hash the founding article's id, so they survive re-runs of the same input.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Protocol, Sequence

import numpy as np

from sitroom.fuse.embeddings import article_text
from sitroom.fuse.records import Story
from sitroom.records import Article, EventMention, Place, content_hash

Embed = Callable[[Sequence[str]], Any]  # texts -> array (n, d) of unit vectors, e.g. Embedder.embed
KIND_WEIGHT = {"place": 1.5, "actor": 1.0, "admin1": 0.5, "word": 1.0}
STOPWORDS = frozenset("""
about above after again against also among amid amidst another around because been before being below between
both but came come could days during each earlier even every first from further have having here into itself
just last later least less made make many more most much must near next only other over said says same since
some still such than that their them then there these they this those though three through told under until
upon very week weeks were what when where which while whom with within without would year years your yesterday
today tuesday monday wednesday thursday friday saturday sunday according reported report reports people
""".split())
_WORD_RE = re.compile(r"[^\W\d_][\w'-]{3,}", re.UNICODE)


@dataclass(frozen=True)
class StoryProfile:
    """What matching needs to know of a story: its dates, key counts and text centroid."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    n_articles: int
    keys: tuple[tuple[str, int], ...]  # most frequent first, capped at StoryIndex.max_keys
    centroid: tuple[float, ...] | None = None  # mean of member vectors (not re-normalised)


class StoryStore(Protocol):
    """Where stories live; the store (SQLite, PostgreSQL) can implement this later."""

    def story_of(self, article_id: str) -> str | None: ...

    def candidates(self, keys: Sequence[str], start: str | None, end: str | None,
                   limit: int) -> list[StoryProfile]: ...

    def document_frequency(self, keys: Sequence[str]) -> dict[str, int]: ...

    def article_count(self) -> int: ...

    def put(self, profile: StoryProfile, article_id: str, article_keys: Sequence[str]) -> None: ...


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


def content_words(text: str) -> list[str]:
    """Lower-cased words of 4+ letters that are not stop words, in order, unique."""
    words = (w.lower().strip("'-") for w in _WORD_RE.findall(text))
    return list(dict.fromkeys(w for w in words if len(w) >= 4 and w not in STOPWORDS))


def _kind(key: str) -> str:
    return key.split(":", 1)[0]


def _label(key: str) -> str:
    return key.split(":", 1)[1].split("#", 1)[0]


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def _shift(day: str | None, days: int) -> str | None:
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
                     places=tuple(_label(k) for k in keys if _kind(k) == "place")[:5],
                     actors=tuple(_label(k) for k in keys if _kind(k) == "actor")[:5])

    def stories(self) -> list[Story]:
        return [s for s in (self.story(sid) for sid in self.profiles) if s is not None]

    def to_state(self) -> dict[str, Any]:
        return {
            "version": 1, "n": self.n, "df": dict(self.df),
            "stories": [{"id": p.id, "title": p.title, "first_date": p.first_date, "last_date": p.last_date,
                         "n_articles": p.n_articles, "keys": [list(kv) for kv in p.keys],
                         "centroid": list(p.centroid) if p.centroid is not None else None,
                         "articles": list(self.members.get(p.id, ()))} for p in self.profiles.values()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "MemoryStoryStore":
        store = cls()
        store.n, store.df = state["n"], Counter(state["df"])
        for s in state["stories"]:
            p = StoryProfile(s["id"], s["title"], s["first_date"], s["last_date"], s["n_articles"],
                             tuple((k, c) for k, c in s["keys"]),
                             tuple(s["centroid"]) if s["centroid"] is not None else None)
            store.profiles[p.id] = p
            store.members[p.id] = list(s["articles"])
            for aid in s["articles"]:
                store.article_story[aid] = p.id
            for k, _ in p.keys:
                store.postings.setdefault(k, set()).add(p.id)
        return store


@dataclass
class _Features:
    day: str | None
    entities: list[str]
    words: list[str]
    vector: np.ndarray | None


@dataclass(frozen=True)
class MatchRules:
    """Thresholds for joining a story (see the module docstring); one set per kind of text similarity."""

    text_weight: float  # weight of T against E in the combined score
    join_score: float  # combined score needed within the time window
    min_similarity: float  # T needed within the time window
    follow_up_overlap: float  # E needed for a late follow-up or an undated article
    follow_up_similarity: float  # T needed for a late follow-up or an undated article


# Calibrated on Idlib reports and unrelated conflict reports of the same weeks: related
# articles reach cosine 0.5-0.9 and E 0.5-1; unrelated ones cosine 0.15-0.45 and E < 0.15.
VECTOR_RULES = MatchRules(text_weight=0.5, join_score=0.4, min_similarity=0.3, follow_up_overlap=0.5,
                          follow_up_similarity=0.4)
# Word overlap is a weaker signal (related reports in other words share 5-30% of the
# weighted words), so without an embedder the places and actors decide.
WORD_RULES = MatchRules(text_weight=0.3, join_score=0.5, min_similarity=0.0, follow_up_overlap=0.5,
                        follow_up_similarity=0.15)


class StoryIndex:
    """Assigns each new article to a story (see the module docstring for the rules)."""

    def __init__(self, store: StoryStore | None = None, embed: Embed | None = None, *, window_days: int = 3,
                 follow_up_days: int = 30, rules: MatchRules = VECTOR_RULES, word_rules: MatchRules = WORD_RULES,
                 max_keys: int = 200,
                 index_words: int = 12, candidate_limit: int = 50, common_share: float = 0.1):
        self.store: StoryStore = store if store is not None else MemoryStoryStore()
        self.embed = embed
        self.window_days, self.follow_up_days = window_days, follow_up_days
        self.rules, self.word_rules = rules, word_rules  # for cosine similarity; for word overlap
        self.max_keys, self.index_words, self.candidate_limit = max_keys, index_words, candidate_limit
        self.common_share = common_share

    # -- features -------------------------------------------------------------------------------------------
    def _idf(self, keys: Sequence[str]) -> dict[str, float]:
        n = self.store.article_count()
        df = self.store.document_frequency(keys)
        return {k: math.log((n + 1) / (df.get(k, 0) + 1)) + 1.0 for k in keys}

    @staticmethod
    def article_day(article: Article, events: Sequence[EventMention]) -> str | None:
        """The article's date: published, else the latest day-precise event date it reports."""
        if article.published.date:
            return article.published.date
        days = [e.date.end for e in events if e.date and e.date.precision == "day"]
        return max(days) if days else None

    def _features(self, article: Article, events: Sequence[EventMention], vector: Any) -> _Features:
        text = article_text(article)
        if vector is None and self.embed is not None:
            vector = self.embed([text])[0]
        words = ["word:" + w for w in content_words(text)]
        vec = None if vector is None else np.asarray(vector, dtype=np.float32).reshape(-1)
        return _Features(self.article_day(article, events), entity_keys(events), words, vec)

    # -- matching -------------------------------------------------------------------------------------------
    def _overlap(self, keys: Sequence[str], story: set[str], idf: dict[str, float]) -> float:
        total = sum(KIND_WEIGHT[_kind(k)] * idf[k] for k in set(keys))
        shared = sum(KIND_WEIGHT[_kind(k)] * idf[k] for k in set(keys) if k in story)
        return shared / total if total else 0.0

    def _similarity(self, f: _Features, p: StoryProfile, story_keys: set[str], idf: dict[str, float]) -> float:
        if f.vector is not None and p.centroid is not None:
            c = np.asarray(p.centroid, dtype=np.float32)
            norm = float(np.linalg.norm(c))
            return float(f.vector @ c / norm) if norm else 0.0
        return self._overlap(f.words, story_keys, idf)

    def _gap(self, day: str | None, p: StoryProfile) -> int | None:
        if day is None or p.first_date is None or p.last_date is None:
            return None
        if day < p.first_date:
            return _days(day, p.first_date)
        return max(0, _days(p.last_date, day))

    def score(self, f: _Features, p: StoryProfile, idf: dict[str, float]) -> float | None:
        """How well an article fits a story (0-1), or None when it should not join it."""
        keys = {k for k, _ in p.keys}
        entities = self._overlap(f.entities, keys, idf)
        sim = self._similarity(f, p, keys, idf)
        rules = self.rules if f.vector is not None and p.centroid is not None else self.word_rules
        combined = rules.text_weight * sim + (1 - rules.text_weight) * entities
        gap = self._gap(f.day, p)
        if gap is not None and gap <= self.window_days:
            return combined if combined >= rules.join_score and sim >= rules.min_similarity else None
        if gap is not None and gap > self.follow_up_days:
            return None
        shared_place = any(_kind(k) == "place" and k in keys for k in f.entities)
        if entities >= rules.follow_up_overlap and shared_place and sim >= rules.follow_up_similarity:
            return combined
        return None

    def _lookup_keys(self, f: _Features) -> list[str]:
        """Keys to find candidate stories by: places, actors and the article's rarest words seen before.

        Words never seen cannot find anything, and words (or, once 100 articles are in,
        any key) in more than `common_share` of articles would fetch half the store.
        """
        n = self.store.article_count()
        df = self.store.document_frequency(list(dict.fromkeys(f.entities + f.words)))
        common = self.common_share * n if n >= 100 else math.inf
        words = sorted((w for w in dict.fromkeys(f.words) if 1 <= df[w] <= max(common, 1)),
                       key=lambda w: (df[w], w))[: self.index_words]
        entities = [k for k in dict.fromkeys(f.entities) if df[k] <= common]
        return entities + words

    # -- adding ---------------------------------------------------------------------------------------------
    def add(self, article: Article, events: Sequence[EventMention] = (), vector: Any = None) -> str:
        """The id of the story the article joins (or founds). Adding it again returns the same id.

        `vector` is the article's embedding when the caller computed it in a batch
        (`Embedder.embed([article_text(a) for a in batch])`); otherwise `embed` is called.
        """
        known = self.store.story_of(article.id)
        if known is not None:
            return known
        f = self._features(article, events, vector)
        idf = self._idf(list(dict.fromkeys(f.entities + f.words)))
        start = _shift(f.day, -self.follow_up_days)
        end = _shift(f.day, self.follow_up_days)
        best, best_score = None, -1.0
        for p in self.store.candidates(self._lookup_keys(f), start, end, self.candidate_limit):
            s = self.score(f, p, idf)
            if s is not None and (s > best_score or (s == best_score and best is not None and p.id < best.id)):
                best, best_score = p, s
        profile = self._updated(best, article, f)
        self.store.put(profile, article.id, list(dict.fromkeys(f.entities + f.words)))
        return profile.id

    def _updated(self, p: StoryProfile | None, article: Article, f: _Features) -> StoryProfile:
        if p is None:
            p = StoryProfile(content_hash("story", article.id), article.title or None, None, None, 0, ())
        counts = Counter(dict(p.keys))
        counts.update(f.entities + f.words)
        days = [d for d in (p.first_date, p.last_date, f.day) if d]
        centroid = p.centroid
        if f.vector is not None:
            old = np.asarray(centroid, dtype=np.float64) if centroid is not None else np.zeros_like(f.vector)
            weight = p.n_articles if centroid is not None else 0
            centroid = tuple(float(x) for x in (old * weight + f.vector) / (weight + 1))
        return replace(p, first_date=min(days) if days else None, last_date=max(days) if days else None,
                       n_articles=p.n_articles + 1, keys=tuple(counts.most_common(self.max_keys)), centroid=centroid)

    # -- reading --------------------------------------------------------------------------------------------
    def story(self, story_id: str) -> Story | None:
        """The Story record (needs a store that can list members, such as MemoryStoryStore)."""
        getter = getattr(self.store, "story", None)
        return getter(story_id) if getter else None

    def stories(self) -> list[Story]:
        getter = getattr(self.store, "stories", None)
        return getter() if getter else []

    def to_state(self) -> dict[str, Any]:
        """JSON-ready state of the in-memory store (only for MemoryStoryStore)."""
        if not isinstance(self.store, MemoryStoryStore):
            raise TypeError("to_state needs a MemoryStoryStore; other stores persist themselves")
        return self.store.to_state()

    @classmethod
    def from_state(cls, state: dict[str, Any], embed: Embed | None = None, **options: Any) -> "StoryIndex":
        return cls(MemoryStoryStore.from_state(state), embed, **options)


__all__ = ["MatchRules", "MemoryStoryStore", "StoryIndex", "StoryProfile", "StoryStore", "VECTOR_RULES", "WORD_RULES",
           "content_words", "entity_keys", "place_key"]
