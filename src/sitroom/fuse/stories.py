"""Stories: articles about one unfolding situation, grouped incrementally as they arrive.

Each new article either joins the best-matching existing story or founds a new one;
nothing already grouped is re-clustered, so adding an article costs about the same at 1k
or 1M stored. The article is compared only with candidate stories found through an
inverted index of keys (places, actors, its rarer words) and blocked by time: a story is
a candidate when its dates come within `follow_up_days` (30) of the article's. What
decides the match, per candidate:

- T, text similarity: cosine of the article's title+lead embedding with the story's
  centroid (when an embedder is given, `sitroom.fuse.embeddings`; else left out);
- C, word similarity: cosine of the article's content words (idf-weighted) with the
  story's word counts (idf-weighted: words many members share weigh most; the story keeps
  its `max_keys` most shared keys), a TF-IDF cosine against the story kept in its keys
  and `word_norm` (discounted below `min_words` words, where half the share of the
  text's word weight the story holds counts instead if more: a page left with only its
  headline);
- E, entity overlap (0-1): the share of the article's place and actor keys, weighted by
  kind (places count most) and rarity, found in the story; keys in more than
  `common_share` of the articles ("police", a country's civilians) weigh nothing;
- P, the rarest place the article shares with the story (its idf against that of a key
  never seen: 0-1), and whether both name settlements but none in common;
- D, the days its attacks happened (`incident_days`): one the story's attacks share, or
  days on both sides none within a day of each other (two shootings in one city a week
  apart read alike; their reports name different days);
- R and R5, the rarest words it shares with the story: the rarest one's idf (against that
  of a word never seen, 0-1) and how many of the five rarest are rare; N, the personal
  names of its events' parties the story holds.

A `MatchRules` adds them up with its weights into a score (a logistic-regression logit
fitted on candidate pairs of news reports: 0 is even odds) and the article may join when
the score reaches 0. Within `window_days` (3) of the story's dates `rules` apply; later
follow-ups (up to `follow_up_days` after the story's latest article, as reports weeks
later often are) and undated articles need a shared place and pass `follow_up_rules`,
where places weigh more and the text less. Older stories, up to `late_follow_up_days` (730),
are candidates only through a rare personal name, a party to one of the article's events
(a victim, a suspect; not an official quoted), that it shares with them (in at most
`name_df` articles), or through the day of one of its attacks, and must share a place too:
the trial or the sentencing months after a shooting, the arrest "in the Nov. 13 shooting". Without vectors (no embedder, or a story
founded before vectors were available) the `WORD_*` rules apply; while fewer than
`rarity_from_articles` (100) are stored, when no word can be rare yet, the `SMALL_*` rules
(without R, R5 and N). Among the stories an article may join it joins the best-scoring one.

Choice of storage: the matching logic talks to a `StoryStore` protocol (candidate stories
for keys and dates, key frequencies, saving a story; `sitroom.fuse.story_store`), not to a
database. The bundled `MemoryStoryStore` keeps everything in memory and serialises to JSON-ready state
(`to_state` / `from_state`); `sitroom.store.fusion.FusionSession` implements the same
five methods over tables (stories, story_keys(key, story_id, first_date, last_date),
key_df, article_stories) so a lookup touches only the rows for the article's keys and
time window. Keys are built by `sitroom.fuse.keys`.

Story ids hash the founding article's id, so they survive re-runs of the same input.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Sequence

import numpy as np

from sitroom.fuse.embeddings import article_text
from sitroom.fuse.keys import content_words, entity_keys, incident_days, mention_keys, place_key
from sitroom.fuse.records import Story
from sitroom.fuse.story_store import (MemoryStoryStore, StoryProfile, StoryStore, days_between as _days,
                                      key_kind as _kind, key_label as _label, shift_day as _shift)
from sitroom.records import Article, EventMention, content_hash

Embed = Callable[[Sequence[str]], Any]  # texts -> array (n, d) of unit vectors, e.g. Embedder.embed
KIND_WEIGHT = {"place": 1.5, "actor": 1.0, "admin1": 0.5, "word": 1.0}
RARE_SHARE = 0.75  # a word this rare (idf share) is a name, a street, a detail only reports of one incident share


# Words that make a capitalised phrase an institution or a place, not a person.
_INSTITUTION = frozenset("""
academy agency airport army association avenue bank boulevard bureau center centre church city clinic club college
command company council county court department district examiner force forces foundation government hall high
hospital house institute jail memorial ministry office park police prison road school service sheriff square
state station street township university
""".split())


def is_name_key(key: str) -> bool:
    """Whether an actor key looks like a person's name ("actor:Brandon Crawford", "actor:Roland L. Scobee")."""
    if _kind(key) != "actor":
        return False
    words = _label(key).split()
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        core = w.strip(".,").replace("-", "").replace("'", "").replace("\u2019", "")
        if not core or not core.isalpha() or not w[0].isupper() or core.lower() in _INSTITUTION:
            return False
        if core.isupper() and len(core) > 1:
            return False  # "BELOIT", "RCSO": a shout or an acronym
    return True


@dataclass
class _Features:
    day: str | None
    entities: list[str]
    words: list[str]
    vector: np.ndarray | None
    rarest: float = 1.0  # the idf of a key never seen, at the store's size now (scales P to 0-1)
    parties: tuple[str, ...] = ()  # the actor keys of the article's events: who did what to whom
    days: tuple[str, ...] = ()  # `day:` keys of the days its attacks happened


@dataclass(frozen=True)
class MatchRules:
    """Weights of the join score (see the module docstring): join when the weighted sum reaches 0."""

    text: float  # T, title+lead embedding cosine (unused by the word rules)
    words: float  # C, idf-weighted word cosine
    entities: float  # E, place and actor overlap
    place: float  # P, the rarest shared place
    bias: float
    elsewhere: float = 0.0  # both name settlements, none the same: reports of somewhere else
    close_text: float = 0.0  # T above `close_text_from`: titles and leads that say the same thing
    close_text_from: float = 0.65
    same_day: float = 0.0  # D: an attack of the article happened on a day one of the story's did
    other_day: float = 0.0  # D: both tell their attacks' days, and none is within a day of the other's
    rare_word: float = 0.0  # R: the rarest word the article shares with the story (its idf share, 0-1)
    rare_words: float = 0.0  # R5: of the five rarest shared words, the share that are rare (idf share >= 0.75)
    names: float = 0.0  # N: personal names of the article's parties that the story holds (up to two, 0-1)


# The vector rules are fitted (logistic regression, L2 1e-3, then one bias shift of +0.75 for
# both set for B-cubed F1) on the 4,907 candidate pairs met while grouping 2,125 US local news
# reports of 1,259 shootings (SemEval-2018 task 5 / GVA, development part; a pair is positive
# when the story holds a report of the article's incident), and checked on the Idlib reports of
# February 2020. Reports of one incident share rare words (a victim's or a street's name) and a
# place; other incidents of the same day read alike (cosine 0.4-0.6) but share neither, which is
# why the rarest shared words (R, R5) carry much of the weight. Fitted on the pairs of either
# half of the incidents, the rules group the other half about as well as their own (B-cubed F1
# on the odd half 0.943, on the even 0.936, against 0.939 and 0.922 with the earlier rules).
# `close_text` lifts a follow-up whose title and lead say what the story's do (cosine over
# 0.65). D: a shared day, or days on both sides none within a day of the other's.
VECTOR_RULES = MatchRules(text=3.18, words=2.4, entities=0.93, place=1.27, bias=-4.78, elsewhere=-1.73,
                          close_text=1.0, same_day=0.73, other_day=-1.34, rare_word=2.87, rare_words=3.5, names=0.52)
VECTOR_FOLLOW_UP_RULES = MatchRules(text=2.14, words=1.54, entities=1.13, place=1.07, bias=-5.59, elsewhere=-1.37,
                                    close_text=0.68, same_day=2.16, other_day=-1.57, rare_word=1.74,
                                    rare_words=3.58, names=1.46)
# The word rules (no embedder) are fitted the same way on the 4,970 pairs met without vectors
# (bias shift +0.25; B-cubed F1 on these reports 0.911 with the earlier word rules, 0.925).
WORD_RULES = MatchRules(text=0.0, words=3.02, entities=1.19, place=1.38, bias=-3.96, elsewhere=-1.84,
                        same_day=0.98, other_day=-1.28, rare_word=3.21, rare_words=3.72, names=0.58)
WORD_FOLLOW_UP_RULES = MatchRules(text=0.0, words=1.69, entities=1.46, place=1.21, bias=-5.3, elsewhere=-1.36,
                                  same_day=2.29, other_day=-1.65, rare_word=1.93, rare_words=3.77, names=1.66)
# Until `rarity_from_articles` (100) are stored, every word is in one of a handful of articles and
# none is rare: the earlier fits on the same reports without R, R5 and N apply (their day weights
# set afterwards in whole steps).
SMALL_RULES = MatchRules(text=6.9, words=12.1, entities=1.9, place=3.1, bias=-6.0, elsewhere=-2.0,
                         same_day=1.0, other_day=-2.0)
SMALL_FOLLOW_UP_RULES = MatchRules(text=1.4, words=3.6, entities=2.0, place=4.2, bias=-5.75, close_text=12.0,
                                   same_day=2.0, other_day=-3.0)
SMALL_WORD_RULES = MatchRules(text=0.0, words=16.9, entities=2.5, place=3.3, bias=-3.5, elsewhere=-2.0,
                              same_day=1.0, other_day=-2.0)
SMALL_WORD_FOLLOW_UP_RULES = MatchRules(text=0.0, words=3.8, entities=2.15, place=4.35, bias=-4.9,
                                        same_day=2.0, other_day=-3.0)


class StoryIndex:
    """Assigns each new article to a story (see the module docstring for the rules)."""

    def __init__(self, store: StoryStore | None = None, embed: Embed | None = None, *, window_days: int = 3,
                 follow_up_days: int = 30, rules: MatchRules = VECTOR_RULES,
                 follow_up_rules: MatchRules = VECTOR_FOLLOW_UP_RULES, word_rules: MatchRules = WORD_RULES,
                 word_follow_up_rules: MatchRules = WORD_FOLLOW_UP_RULES, max_keys: int = 200, min_words: int = 20,
                 index_words: int = 12, candidate_limit: int = 50, common_share: float = 0.1,
                 late_follow_up_days: int = 730, name_df: int = 3, short_text_share: float = 0.5,
                 small_vector_rules: tuple[MatchRules, MatchRules] = (SMALL_RULES, SMALL_FOLLOW_UP_RULES),
                 small_word_rules: tuple[MatchRules, MatchRules] = (SMALL_WORD_RULES, SMALL_WORD_FOLLOW_UP_RULES),
                 rarity_from_articles: int = 100):
        self.store: StoryStore = store if store is not None else MemoryStoryStore()
        self.embed = embed
        self.window_days, self.follow_up_days = window_days, follow_up_days
        self.rules, self.follow_up_rules = rules, follow_up_rules  # with vectors: within the window; later
        self.word_rules, self.word_follow_up_rules = word_rules, word_follow_up_rules  # without vectors
        self.max_keys, self.min_words = max_keys, min_words
        self.index_words, self.candidate_limit = index_words, candidate_limit
        self.common_share = common_share
        self.late_follow_up_days, self.name_df = late_follow_up_days, name_df
        self.short_text_share = short_text_share
        self.small_vector_rules, self.small_word_rules = small_vector_rules, small_word_rules  # (within, follow-up)
        self.rarity_from = math.log(rarity_from_articles + 1) + 1.0  # as `rarest` is with that many stored

    # -- features -------------------------------------------------------------------------------------------
    def _idf(self, keys: Sequence[str], df: dict[str, int] | None = None) -> dict[str, float]:
        """Rarity weights; a key in more than `common_share` of the articles (once 100 are in) weighs 0.

        Without that, an article whose only entity is a ubiquitous one ("police", the
        country's civilians) would overlap fully with every story naming it.
        """
        n = self.store.article_count()
        df = df if df is not None else self.store.document_frequency(keys)
        common = self.common_share * n if n >= 100 else math.inf
        return {k: 0.0 if df.get(k, 0) > common else math.log((n + 1) / (df.get(k, 0) + 1)) + 1.0 for k in keys}

    @staticmethod
    def article_day(article: Article, events: Sequence[EventMention]) -> str | None:
        """The article's date: published, else the latest day-precise event date it reports."""
        if article.published.date:
            return article.published.date
        days = [e.date.end for e in events if e.date and e.date.precision == "day"]
        return max(days) if days else None

    def _features(self, article: Article, events: Sequence[EventMention], vector: Any,
                  named: Sequence[str] = ()) -> _Features:
        if vector is None and self.embed is not None:
            vector = self.embed([article_text(article)])[0]
        words = ["word:" + w for w in content_words(f"{article.title or ''}. {article.body}")]
        vec = None if vector is None else np.asarray(vector, dtype=np.float32).reshape(-1)
        own = entity_keys(events)
        return _Features(self.article_day(article, events), own + list(named), words, vec,
                         parties=tuple(k for k in dict.fromkeys(own) if _kind(k) == "actor"),
                         days=tuple(incident_days(events)))

    # -- matching -------------------------------------------------------------------------------------------
    def _overlap(self, keys: Sequence[str], story: set[str] | dict[str, int], idf: dict[str, float]) -> float:
        total = sum(KIND_WEIGHT[_kind(k)] * idf[k] for k in set(keys))
        shared = sum(KIND_WEIGHT[_kind(k)] * idf[k] for k in set(keys) if k in story)
        return shared / total if total else 0.0

    @staticmethod
    def _cosine(f: _Features, p: StoryProfile) -> float | None:
        if f.vector is None or p.centroid is None:
            return None
        c = np.asarray(p.centroid, dtype=np.float32)
        norm = float(np.linalg.norm(c))
        return float(f.vector @ c / norm) if norm else 0.0

    def _word_cosine(self, words: Sequence[str], p: StoryProfile, counts: dict[str, int],
                     idf: dict[str, float]) -> float:
        """TF-IDF cosine with the story's words, discounted for a text of fewer than `min_words` words
        (the cosine of a four-word text says little). A text that short (a page that kept only its
        headline) also gets `short_text_share` of the share of its words' weight the story holds, if
        more: a headline's few words against a story's hundreds make a small cosine however well
        they match."""
        length2 = sum(idf[w] ** 2 for w in words)
        if not length2 or not p.word_norm:
            return 0.0
        shared = [w for w in words if w in counts]
        cosine = sum(idf[w] ** 2 * counts[w] for w in shared) / (math.sqrt(length2) * p.word_norm)
        if len(words) >= self.min_words:
            return cosine
        share = sum(idf[w] ** 2 for w in shared) / length2
        return max(cosine * len(words) / self.min_words, self.short_text_share * share)

    @staticmethod
    def _days_agree(days: Sequence[str], counts: dict[str, int]) -> bool | None:
        """True when one of the article's attack days is one of the story's, False when both tell days
        and none is within a day of another (a night's shooting is often dated either side of
        midnight), None when either tells none."""
        story = [k for k in counts if _kind(k) == "day"]
        if not days or not story:
            return None
        if any(d in counts for d in days):
            return True
        theirs = [date.fromisoformat(_label(k)) for k in story]
        near = any(abs((date.fromisoformat(_label(d)) - t).days) <= 1 for d in days for t in theirs)
        return None if near else False

    def _gap(self, day: str | None, p: StoryProfile) -> int | None:
        if day is None or p.first_date is None or p.last_date is None:
            return None
        if day < p.first_date:
            return _days(day, p.first_date)
        return max(0, _days(p.last_date, day))

    def score(self, f: _Features, p: StoryProfile, idf: dict[str, float], late: bool = False) -> float | None:
        """How well an article fits a story (a logit: 0 is even odds), or None when it should not join it.

        `late`: the story is older than `follow_up_days` but shares a rare personal name with the
        article (a trial, a sentencing, an anniversary months on) or the day of an attack; it must
        share a place as well, and is then scored as a follow-up."""
        counts = dict(p.keys)
        gap = self._gap(f.day, p)
        if gap is not None and gap > (self.late_follow_up_days if late else self.follow_up_days):
            return None
        places = {k for k in f.entities if _kind(k) == "place"}
        shared_places = [idf[k] for k in places if k in counts]
        agree = self._days_agree(f.days, counts)
        names = sum(1 for k in f.parties if k in counts and is_name_key(k))
        if late and (not (names or agree) or not shared_places):
            return None
        elsewhere = bool(places) and not shared_places and any(_kind(k) == "place" for k in counts)
        within = gap is not None and gap <= self.window_days
        if not within and not shared_places and not late:
            return None  # a follow-up or an undated article must share a place
        cosine = self._cosine(f, p)
        small = f.rarest < self.rarity_from  # too few articles stored for a word's rarity to say much
        if cosine is None:
            pair = self.small_word_rules if small else (self.word_rules, self.word_follow_up_rules)
        else:
            pair = self.small_vector_rules if small else (self.rules, self.follow_up_rules)
        rules = pair[0] if within else pair[1]
        logit = (rules.text * (cosine or 0.0) + rules.close_text * max(0.0, (cosine or 0.0) - rules.close_text_from)
                 + rules.words * self._word_cosine(f.words, p, counts, idf)
                 + rules.entities * self._overlap(f.entities, counts, idf)
                 + rules.place * min(1.0, max(shared_places, default=0.0) / f.rarest) + rules.elsewhere * elsewhere
                 + (rules.same_day if agree else rules.other_day if agree is False else 0.0)
                 + self._rare_terms(f, counts, idf, rules) + rules.names * min(names, 2) / 2
                 + rules.bias)
        return logit if logit >= 0 else None

    @staticmethod
    def _rare_terms(f: _Features, counts: dict[str, int], idf: dict[str, float], rules: MatchRules) -> float:
        """R and R5 of the module docstring: the rarity (idf against a never-seen key's) of the five
        rarest words the article shares with the story."""
        if not (rules.rare_word or rules.rare_words):
            return 0.0
        rare = sorted((idf[w] / f.rarest for w in f.words if w in counts), reverse=True)[:5]
        return rules.rare_word * (rare[0] if rare else 0.0) + rules.rare_words * sum(r >= RARE_SHARE for r in rare) / 5

    def _lookup_keys(self, f: _Features, df: dict[str, int]) -> list[str]:
        """Keys to find candidate stories by: places, actors and the article's rarest words seen before.

        Words never seen cannot find anything, and words (or, once 100 articles are in,
        any key) in more than `common_share` of articles would fetch half the store.
        """
        n = self.store.article_count()
        common = self.common_share * n if n >= 100 else math.inf
        words = sorted((w for w in dict.fromkeys(f.words) if 1 <= df[w] <= max(common, 1)),
                       key=lambda w: (df[w], w))[: self.index_words]
        entities = [k for k in dict.fromkeys(f.entities) if df[k] <= common]
        return entities + words

    def _late_candidates(self, f: _Features, df: dict[str, int], near: Sequence[StoryProfile]) -> list[StoryProfile]:
        """Older stories sharing the rare personal name (in at most `name_df` articles) of a party to one
        of the article's events, or the day of one of its attacks weeks before (looked up with its
        places, so that stories sharing both come first)."""
        names = [k for k in f.parties if is_name_key(k) and 1 <= df.get(k, 0) <= self.name_df]
        if f.day is None:
            return []
        start, end = _shift(f.day, -self.late_follow_up_days), _shift(f.day, self.late_follow_up_days)
        seen = {p.id for p in near}
        found = self.store.candidates(names, start, end, self.candidate_limit) if names else []
        weeks_before = _shift(f.day, -self.follow_up_days)
        past = [d for d in f.days if _label(d) < weeks_before]
        if past:  # an attack weeks before: stories within follow_up_days were candidates already
            places = [k for k in dict.fromkeys(f.entities) if _kind(k) == "place"]
            found += self.store.candidates([*past, *places], start, end, self.candidate_limit)
        return [p for p in dict((p.id, p) for p in found).values() if p.id not in seen]

    # -- adding ---------------------------------------------------------------------------------------------
    def add(self, article: Article, events: Sequence[EventMention] = (), vector: Any = None,
            named: Sequence[str] = ()) -> str:
        """The id of the story the article joins (or founds). Adding it again returns the same id.

        `vector` is the article's embedding when the caller computed it in a batch
        (`Embedder.embed([article_text(a) for a in batch])`); otherwise `embed` is called.
        `named` are the keys of the places and actors the article names (`mention_keys`),
        counted with those of its events.
        """
        known = self.store.story_of(article.id)
        if known is not None:
            return known
        f = self._features(article, events, vector, named)
        keys = list(dict.fromkeys(f.entities + f.words))
        df = self.store.document_frequency(keys)
        idf = self._idf(keys, df)
        f.rarest = math.log(self.store.article_count() + 1) + 1.0
        start = _shift(f.day, -self.follow_up_days)
        end = _shift(f.day, self.follow_up_days)
        best, best_score = None, -1.0
        near = self.store.candidates(self._lookup_keys(f, df), start, end, self.candidate_limit)
        for p, late in [*((p, False) for p in near), *((p, True) for p in self._late_candidates(f, df, near))]:
            s = self.score(f, p, idf, late)
            if s is not None and (s > best_score or (s == best_score and best is not None and p.id < best.id)):
                best, best_score = p, s
        profile = self._updated(best, article, f, idf)
        self.store.put(profile, article.id, keys)
        return profile.id

    def _updated(self, p: StoryProfile | None, article: Article, f: _Features,
                 idf: dict[str, float]) -> StoryProfile:
        if p is None:
            p = StoryProfile(content_hash("story", article.id), article.title or None, None, None, 0, ())
        counts = Counter(dict(p.keys))
        # the story's word vector grows by the article's words, each at its rarity now (older words keep theirs)
        norm2 = p.word_norm ** 2 + sum((2 * counts[w] + 1) * idf[w] ** 2 for w in set(f.words))
        counts.update([*f.days, *f.entities, *f.words])
        days = [d for d in (p.first_date, p.last_date, f.day) if d]
        centroid = p.centroid
        if f.vector is not None:
            old = np.asarray(centroid, dtype=np.float64) if centroid is not None else np.zeros_like(f.vector)
            weight = p.n_articles if centroid is not None else 0
            centroid = (old * weight + f.vector) / (weight + 1)
        return replace(p, first_date=min(days) if days else None, last_date=max(days) if days else None,
                       n_articles=p.n_articles + 1, keys=tuple(counts.most_common(self.max_keys)), centroid=centroid,
                       word_norm=math.sqrt(norm2))

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


__all__ = ["MatchRules", "MemoryStoryStore", "StoryIndex", "StoryProfile", "StoryStore", "VECTOR_FOLLOW_UP_RULES",
           "is_name_key",
           "SMALL_FOLLOW_UP_RULES", "SMALL_RULES", "SMALL_WORD_FOLLOW_UP_RULES", "SMALL_WORD_RULES",
           "VECTOR_RULES", "WORD_FOLLOW_UP_RULES", "WORD_RULES",
           "content_words", "entity_keys", "mention_keys", "place_key"]
