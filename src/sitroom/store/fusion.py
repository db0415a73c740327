"""Fused state in the database: stories, duplicates, merged events and figure claims.

`FusionSession` is what `sitroom.fuse.fuser.Fuser` writes through: it implements the
`StoryStore` protocol of `sitroom.fuse.stories` and the `SignatureStore` protocol of
`sitroom.fuse.dedup` over the migration-2 tables, bound to one connection inside one
transaction (`Store.fusion()`), so an article's story, keys, duplicate row and its
story's merged events commit together or not at all. Every statement is keyed: the
rows of the article's own keys and bands, its candidate stories and its own story's
members, never a scan, so adding an article costs the same at 1k or 100k stored (see
bench/fuse_scale.py). Counts come from `fuse_counters`, not COUNT(*).

`FusionReads` gives `Store` its readers of that state (stories, merged events, claims).
Library code: nothing here prints.
"""
from __future__ import annotations

import json
from collections import Counter, OrderedDict
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
from sqlalchemy import Connection, Table, bindparam, case, delete, or_, select, update

from sitroom.fuse.records import Event, FigureClaim, Story
from sitroom.fuse.stories import StoryProfile
from sitroom.fuse.story_store import story_actors, story_places
from sitroom.records import Article, EventMention, PublishedDate, content_hash
from sitroom.store import serialize, tables

_IN_CHUNK = 500  # ids per IN (...) list, well under every driver's bound-parameter limit


def _chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def vector_bytes(vector: Any) -> bytes | None:
    """A vector as float32 little-endian bytes (how vectors and centroids are stored)."""
    return None if vector is None else np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(data: bytes | None) -> np.ndarray | None:
    return None if data is None else np.frombuffer(data, dtype="<f4")


def _insert(conn: Connection):
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
        return insert
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
        return insert
    return None


def _insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
    """Insert rows whose primary key is new (ON CONFLICT DO NOTHING; check-then-insert elsewhere)."""
    if not rows:
        return
    insert = _insert(conn)
    if insert is not None:
        conn.execute(insert(table).on_conflict_do_nothing(index_elements=list(keys)), list(rows))
        return
    for row in rows:
        cond = [table.c[k] == row[k] for k in keys]
        if conn.execute(select(table.c[keys[0]]).where(*cond)).first() is None:
            conn.execute(table.insert(), [row])


def _increment(conn: Connection, table: Table, key: str, value: str, names: Iterable[str]) -> None:
    """value += 1 for each of `names` (rows created at 1), in one statement where the dialect allows."""
    names = sorted(set(names))
    if not names:
        return
    insert = _insert(conn)
    if insert is not None:
        stmt = insert(table)
        stmt = stmt.on_conflict_do_update(index_elements=[key], set_={value: table.c[value] + 1})
        conn.execute(stmt, [{key: n, value: 1} for n in names])
        return
    for n in names:
        if conn.execute(update(table).where(table.c[key] == n).values({value: table.c[value] + 1})).rowcount == 0:
            conn.execute(table.insert(), [{key: n, value: 1}])


def _profile(row: Any) -> StoryProfile:
    return StoryProfile(row.id, row.title, row.first_date, row.last_date, row.n_articles,
                        tuple((k, int(c)) for k, c in json.loads(row.key_counts)), vector_from_bytes(row.centroid),
                        row.word_norm)


def light_article(row: Any) -> Article:
    """An Article without its text: what merging needs (outlet, publication date), read cheaply."""
    return Article(id=row.id, uri=row.uri, text="", title=row.title, outlet=row.outlet,
                   published=PublishedDate(row.published_date, row.published_precision, row.published_how))


def claim_row(claim: FigureClaim, article_id: str, span_start: int = 0) -> dict[str, Any]:
    """The `figure_claims` row of a claim; its id hashes what it says and where, so re-runs keep one row."""
    quote = claim.source.quote if claim.source else ""
    return {"id": content_hash(article_id, claim.measure, claim.subject, quote, claim.text, str(claim.value)),
            "article_id": article_id, "subject": claim.subject, "measure": claim.measure, "span_start": span_start,
            "data": serialize.dumps(claim)}


_K = tables.story_keys
# The most recent stories holding one key inside a date window (open dates match any window).
_PER_KEY = (select(_K.c.story_id)
            .where(_K.c.key == bindparam("key"),
                   or_(_K.c.last_date >= bindparam("start"), _K.c.last_date.is_(None)),
                   or_(_K.c.first_date <= bindparam("end"), _K.c.first_date.is_(None)))
            .order_by(_K.c.last_date.desc(), _K.c.story_id).limit(bindparam("n")))


class FusionSession:
    """StoryStore + SignatureStore + merged-event writes over one connection in one transaction."""

    def __init__(self, conn: Connection, per_key_limit: int = 200):
        self.conn = conn
        self.per_key_limit = per_key_limit  # most recent stories read per key: bounds the cost of a common key

    # -- counters ---------------------------------------------------------------------------------------------
    def _counter(self, name: str) -> int:
        t = tables.fuse_counters
        return self.conn.execute(select(t.c.value).where(t.c.name == name)).scalar() or 0

    def _next(self, name: str) -> int:
        _increment(self.conn, tables.fuse_counters, "name", "value", [name])
        return self._counter(name)

    # -- StoryStore ---------------------------------------------------------------------------------------------
    def story_of(self, article_id: str) -> str | None:
        t = tables.article_stories
        return self.conn.execute(select(t.c.story_id).where(t.c.article_id == article_id)).scalar()

    def candidates(self, keys: Sequence[str], start: str | None, end: str | None, limit: int) -> list[StoryProfile]:
        """Stories sharing most of `keys` within the dates; each key reads at most its `per_key_limit`
        most recent stories, so a common key costs no more than a rare one. One statement, compiled
        once and run per key: a UNION of as many parts as keys compiles anew for each key count."""
        hits: Counter = Counter()
        for key in dict.fromkeys(keys):
            hits.update(self.conn.execute(_PER_KEY, {"key": key, "start": start or "", "end": end or "\uffff",
                                                     "n": self.per_key_limit}).scalars())
        top = [sid for sid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
        if not top:
            return []
        s = tables.stories
        rows = {r.id: r for r in self.conn.execute(select(s).where(s.c.id.in_(top)))}
        return [_profile(rows[sid]) for sid in top if sid in rows]

    def document_frequency(self, keys: Sequence[str]) -> dict[str, int]:
        t = tables.key_df
        keys = list(dict.fromkeys(keys))
        out = dict.fromkeys(keys, 0)
        for chunk in _chunks(keys):
            out.update({k: int(v) for k, v in self.conn.execute(select(t.c.key, t.c.df).where(t.c.key.in_(chunk)))})
        return out

    def article_count(self) -> int:
        return self._counter("articles")

    def put(self, profile: StoryProfile, article_id: str, article_keys: Sequence[str]) -> None:
        s, k = tables.stories, tables.story_keys
        old = self.conn.execute(select(s.c.key_counts, s.c.first_date, s.c.last_date).where(s.c.id == profile.id)).first()
        row = {"title": profile.title, "first_date": profile.first_date, "last_date": profile.last_date,
               "n_articles": profile.n_articles, "key_counts": json.dumps([list(kv) for kv in profile.keys]),
               "centroid": vector_bytes(profile.centroid), "word_norm": profile.word_norm}
        new_keys = [key for key, _ in profile.keys]
        if old is None:
            self.conn.execute(s.insert(), [{"id": profile.id, **row}])
            old_keys: set[str] = set()
        else:
            self.conn.execute(update(s).where(s.c.id == profile.id).values(row))
            old_keys = {key for key, _ in json.loads(old.key_counts)}
            gone = sorted(old_keys - set(new_keys))
            for chunk in _chunks(gone):
                self.conn.execute(delete(k).where(k.c.story_id == profile.id, k.c.key.in_(chunk)))
            if (old.first_date, old.last_date) != (profile.first_date, profile.last_date):
                self.conn.execute(update(k).where(k.c.story_id == profile.id)
                                  .values(first_date=profile.first_date, last_date=profile.last_date))
        fresh = [{"key": key, "story_id": profile.id, "first_date": profile.first_date,
                  "last_date": profile.last_date} for key in new_keys if key not in old_keys]
        _insert_ignore(self.conn, k, fresh, ("key", "story_id"))
        self._join(article_id, profile.id)
        _increment(self.conn, tables.key_df, "key", "df", article_keys)
        _increment(self.conn, tables.fuse_counters, "name", "value", ["articles"])

    def _join(self, article_id: str, story_id: str) -> None:
        self.conn.execute(tables.article_stories.insert(),
                          [{"article_id": article_id, "story_id": story_id, "seq": self._next("joined")}])

    # -- SignatureStore -----------------------------------------------------------------------------------------
    def band_candidates(self, bands: Sequence[str]) -> list[str]:
        t = tables.minhash_bands
        stmt = select(t.c.article_id).where(t.c.band.in_(list(bands))).distinct()
        return sorted(self.conn.execute(stmt).scalars())

    def signatures(self, article_ids: Sequence[str]) -> dict[str, tuple[int, Any]]:
        t = tables.minhash_signatures
        out: dict[str, tuple[int, Any]] = {}
        for chunk in _chunks(list(article_ids)):
            for r in self.conn.execute(select(t).where(t.c.article_id.in_(chunk))):
                out[r.article_id] = (r.seq, np.frombuffer(r.hashvalues, dtype="<u8"))
        return out

    def original_of(self, article_id: str) -> str | None:
        t = tables.duplicates
        return self.conn.execute(select(t.c.original_id).where(t.c.article_id == article_id)).scalar()

    def is_original(self, article_id: str) -> bool:
        t = tables.minhash_signatures
        return self.conn.execute(select(t.c.seq).where(t.c.article_id == article_id)).first() is not None

    def put_original(self, article_id: str, bands: Sequence[str], hashvalues: Any) -> None:
        seq = self._next("originals")
        self.conn.execute(tables.minhash_signatures.insert(), [{
            "article_id": article_id, "seq": seq, "hashvalues": np.asarray(hashvalues, dtype="<u8").tobytes()}])
        _insert_ignore(self.conn, tables.minhash_bands, [{"band": b, "article_id": article_id} for b in bands],
                       ("band", "article_id"))

    def put_duplicate(self, article_id: str, original_id: str, similarity: float) -> None:
        self.conn.execute(tables.duplicates.insert(), [{"article_id": article_id, "original_id": original_id,
                                                        "similarity": round(float(similarity), 6)}])

    def named_keys(self, article_id: str) -> list[str]:
        """The keys of the places and actors the article names, stored with it (none for older articles)."""
        t = tables.article_keys
        data = self.conn.execute(select(t.c["keys"]).where(t.c.article_id == article_id)).scalar()
        return list(json.loads(data)) if data else []

    # -- a story's members and merged events --------------------------------------------------------------------
    def join_copy(self, article_id: str, story_id: str) -> None:
        """A near-duplicate joins its original's story without changing the story's profile."""
        self._join(article_id, story_id)

    def set_vector(self, article_id: str, vector: Any) -> None:
        t = tables.article_stories
        self.conn.execute(update(t).where(t.c.article_id == article_id).values(vector=vector_bytes(vector)))

    def members(self, story_id: str) -> list[str]:
        t = tables.article_stories
        return list(self.conn.execute(select(t.c.article_id).where(t.c.story_id == story_id).order_by(t.c.seq))
                    .scalars())

    def articles_meta(self, article_ids: Sequence[str]) -> dict[str, Article]:
        t = tables.articles
        cols = [t.c.id, t.c.uri, t.c.title, t.c.outlet, t.c.published_date, t.c.published_precision,
                t.c.published_how]
        out: dict[str, Article] = {}
        for chunk in _chunks(list(article_ids)):
            out.update({r.id: light_article(r) for r in self.conn.execute(select(*cols).where(t.c.id.in_(chunk)))})
        return out

    def mentions_of(self, article_ids: Sequence[str]) -> list[EventMention]:
        t = tables.event_mentions
        out: list[EventMention] = []
        for chunk in _chunks(list(article_ids)):
            rows = self.conn.execute(select(t.c.data).where(t.c.article_id.in_(chunk)).order_by(t.c.id))
            out += [serialize.event_mention_from_dict(serialize.loads(r.data)) for r in rows]
        return out

    def duplicates_among(self, article_ids: Sequence[str]) -> dict[str, str]:
        t = tables.duplicates
        out: dict[str, str] = {}
        for chunk in _chunks(list(article_ids)):
            out.update(dict(self.conn.execute(select(t.c.article_id, t.c.original_id)
                                              .where(t.c.article_id.in_(chunk))).all()))
        return out

    def replace_events(self, story_id: str, events: Sequence[Event]) -> None:
        """The story's merged events become `events` (old rows of this story only are removed)."""
        e, src = tables.merged_events, tables.event_sources
        old = list(self.conn.execute(select(e.c.id).where(e.c.story_id == story_id)).scalars())
        for chunk in _chunks(old):
            self.conn.execute(delete(src).where(src.c.event_id.in_(chunk)))
        self.conn.execute(delete(e).where(e.c.story_id == story_id))
        rows = [{"id": ev.id, "story_id": story_id, "event": ev.event,
                 "event_date": ev.date.start if ev.date else None, "source_count": ev.source_count,
                 "data": serialize.dumps(ev)} for ev in events]
        if rows:
            self.conn.execute(e.insert(), rows)
        links = {(ev.id, mid): aid for ev in events for mid, aid in _mention_articles(ev)}
        if links:
            self.conn.execute(src.insert(), [{"event_id": eid, "mention_id": mid, "article_id": aid}
                                             for (eid, mid), aid in sorted(links.items())])

    def save_claims(self, claims: Iterable[tuple[FigureClaim, str, int]]) -> None:
        """Store (claim, article id, span start) triples; a claim already stored is kept as it was."""
        rows = [claim_row(c, aid, start) for c, aid, start in claims]
        _insert_ignore(self.conn, tables.figure_claims, list({r["id"]: r for r in rows}.values()), ("id",))


def _mention_articles(ev: Event) -> list[tuple[str, str]]:
    """(mention id, article id) pairs of an event: its sources are in mention order."""
    return [(mid, src.article_id) for mid, src in zip(ev.mention_ids, ev.sources)]


class MergedEventLookup:
    """Merged events by id, read on demand with a bounded cache (per-mention exports stream mentions)."""

    def __init__(self, reads: "FusionReads", size: int = 256):
        self._reads, self._size = reads, size
        self._cache: OrderedDict[str, Event | None] = OrderedDict()

    def get(self, event_id: str | None) -> Event | None:
        if event_id is None:
            return None
        if event_id in self._cache:
            self._cache.move_to_end(event_id)
            return self._cache[event_id]
        found = next(iter(self._reads.merged_events(ids=[event_id])), None)
        self._cache[event_id] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found


class FusionReads:
    """Readers of the fused state, mixed into `Store` (which provides `engine` and `_stream`)."""

    engine: Any

    def _stream(self, stmt: Any) -> Iterator[Any]:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def unfused_article_ids(self) -> list[str]:
        """Stored articles without a story (an interrupted run, a database older than stories), oldest first.

        Articles of one day come in id order, not in the order they were stored: `first_seen` has
        whole seconds, so two runs over the same files would order a day's articles differently
        wherever a second's boundary fell, and group them differently. Undated ones keep arrival order."""
        a, m = tables.articles, tables.article_stories
        stmt = (select(a.c.id).outerjoin(m, m.c.article_id == a.c.id).where(m.c.article_id.is_(None))
                .order_by(a.c.published_date.is_(None), a.c.published_date,
                          case((a.c.published_date.is_(None), a.c.first_seen), else_=""), a.c.id))
        with self.engine.connect() as conn:
            return list(conn.execute(stmt).scalars())

    def stories(self) -> list[Story]:
        """Every story, oldest first (undated last), with its members in the order they joined."""
        s, m = tables.stories, tables.article_stories
        with self.engine.connect() as conn:
            members: dict[str, list[str]] = {}
            for aid, sid in conn.execute(select(m.c.article_id, m.c.story_id).order_by(m.c.seq)):
                members.setdefault(sid, []).append(aid)
            rows = conn.execute(select(s).order_by(s.c.first_date.is_(None), s.c.first_date, s.c.id)).all()
        out = []
        for r in rows:
            keys = [k for k, _ in json.loads(r.key_counts)]
            out.append(Story(r.id, tuple(members.get(r.id, ())), r.first_date, r.last_date, r.title,
                             places=story_places(keys),
                             actors=story_actors(keys)))
        return out

    def story_of_articles(self) -> dict[str, str]:
        """article id -> story id, for every fused article."""
        m = tables.article_stories
        with self.engine.connect() as conn:
            return dict(conn.execute(select(m.c.article_id, m.c.story_id)).all())

    def duplicate_map(self) -> dict[str, str]:
        """copy article id -> original article id."""
        t = tables.duplicates
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.c.article_id, t.c.original_id)).all())

    def merged_events(self, story_id: str | None = None, ids: Sequence[str] | None = None) -> Iterator[Event]:
        """Merged events by (event date, undated last; story; id)."""
        e = tables.merged_events
        stmt = select(e.c.data).order_by(e.c.event_date.is_(None), e.c.event_date, e.c.story_id, e.c.id)
        if story_id is not None:
            stmt = stmt.where(e.c.story_id == story_id)
        if ids is not None:
            stmt = stmt.where(e.c.id.in_(list(ids)))
        return (serialize.merged_event_from_dict(serialize.loads(r.data)) for r in self._stream(stmt))

    def merged_event_lookup(self, cache_size: int = 256) -> MergedEventLookup:
        return MergedEventLookup(self, cache_size)

    def fused_mentions(self) -> Iterator[tuple[EventMention, str | None, str | None]]:
        """(mention, story id, merged event id) in the per-mention export order."""
        t, m, src = tables.event_mentions, tables.article_stories, tables.event_sources
        stmt = (select(t.c.data, m.c.story_id, src.c.event_id)
                .outerjoin(m, m.c.article_id == t.c.article_id).outerjoin(src, src.c.mention_id == t.c.id)
                .order_by(t.c.event_date.is_(None), t.c.event_date, t.c.article_id, t.c.span_start, t.c.id))
        return ((serialize.event_mention_from_dict(serialize.loads(r.data)), r.story_id, r.event_id)
                for r in self._stream(stmt))

    def figure_claims(self, story_id: str | None = None, originals_only: bool = True) -> list[FigureClaim]:
        """Figure claims (of one story, or all), in article join order then text order.

        A near-duplicate's claims are left out by default: a copy is never a second source.
        """
        c, m, d = tables.figure_claims, tables.article_stories, tables.duplicates
        stmt = (select(c.c.data).outerjoin(m, m.c.article_id == c.c.article_id)
                .order_by(m.c.seq, c.c.article_id, c.c.span_start, c.c.id))
        if story_id is not None:
            stmt = stmt.where(m.c.story_id == story_id)
        if originals_only:
            stmt = stmt.where(~c.c.article_id.in_(select(d.c.article_id)))
        with self.engine.connect() as conn:
            return [serialize.figure_claim_from_dict(serialize.loads(r.data)) for r in conn.execute(stmt)]

    def claims_by_story(self) -> dict[str, list[FigureClaim]]:
        """story id -> its figure claims (copies' claims left out), stories in order of their first claim."""
        c, m, d = tables.figure_claims, tables.article_stories, tables.duplicates
        stmt = (select(m.c.story_id, c.c.data).join(m, m.c.article_id == c.c.article_id)
                .where(~c.c.article_id.in_(select(d.c.article_id)))
                .order_by(m.c.seq, c.c.span_start, c.c.id))
        out: dict[str, list[FigureClaim]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(stmt):
                out.setdefault(r.story_id, []).append(serialize.figure_claim_from_dict(serialize.loads(r.data)))
        return out

    def fusion_counts(self) -> dict[str, int]:
        """Row counts of the fused state: stories, duplicates, merged_events, figure_claims."""
        return self.row_counts(tables.stories, tables.duplicates, tables.merged_events, tables.figure_claims)


__all__ = ["FusionReads", "FusionSession", "MergedEventLookup", "claim_row", "light_article", "vector_bytes",
           "vector_from_bytes"]
