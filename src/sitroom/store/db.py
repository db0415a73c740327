"""The store: where analysed articles, their events and quotations, and rejections live.

SQLAlchemy Core over SQLite by default (a file path), or any SQLAlchemy URL
(PostgreSQL for a team). Design choices and why:

* **One writer.** A Store is written by one process at a time (the pipeline run).
  Every read method takes its own pooled connection, so readers (a report, an
  export, a second process opening the same file) never block on or see half of a
  write: SQLite runs in WAL mode, where readers and the one writer coexist.
* **One transaction per article.** `save_analysis` writes the article, its event
  mentions and its quotations together or not at all, so a run killed mid-way
  leaves whole articles only, and a resumed run simply redoes the missing ones.
* **Idempotent inserts.** Ids are content hashes, inserts are
  `ON CONFLICT DO NOTHING`, and the only timestamp is `first_seen`, kept from the
  first insert: running the same input twice leaves every row unchanged.
* **Records out, not rows.** Readers rebuild the frozen `sitroom.records`
  dataclasses from the stored JSON, exactly as they went in.

Library code: nothing here prints, exits or configures logging.
"""
from __future__ import annotations

import os
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import QueuePool

from sitroom.records import Analysis, Article, EventMention, Quotation, Rejection, content_hash
from sitroom.store import serialize, tables
from sitroom.store.fusion import FusionReads, FusionSession, claim_row
from sitroom.store.migrations import migrate

if TYPE_CHECKING:
    from sitroom.fuse.records import FigureClaim

_BATCH = 500


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def to_url(path_or_url: str | os.PathLike[str]) -> str:
    """A filesystem path becomes `sqlite:///path`; anything with `://` is taken as a URL.

    `:memory:` becomes a private shared-cache in-memory database, so that the
    Store's several pooled connections (a streaming reader and a lookup, say) see
    the same data instead of one empty database each.
    """
    s = os.fspath(path_or_url)
    if "://" in s:
        return s
    if s == ":memory:":
        return _memory_url()
    return f"sqlite:///{Path(s).expanduser()}"


def _memory_url() -> str:
    return f"sqlite:///file:sitroom-{uuid.uuid4().hex}?mode=memory&cache=shared&uri=true"


def _is_memory(url: URL) -> bool:
    db = url.database or ""
    return url.get_backend_name() == "sqlite" and (
        db in ("", ":memory:") or url.query.get("mode") == "memory" or db.startswith("file::memory:")
    )


def _configure_sqlite(engine: Engine, in_memory: bool) -> None:
    """WAL, foreign keys and real transactions for SQLite.

    Python's sqlite3 module opens transactions lazily and only before DML, which
    would make `engine.begin()` blocks non-atomic for reads and DDL; the recipe
    below (from the SQLAlchemy docs) lets SQLAlchemy emit BEGIN itself.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=10000")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def make_engine(path_or_url: str | os.PathLike[str], **engine_kwargs: Any) -> Engine:
    """An Engine for a path or URL, with SQLite set up for WAL and foreign keys."""
    url = make_url(to_url(path_or_url))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, **engine_kwargs)
    in_memory = _is_memory(url)
    if in_memory and url.query.get("cache") != "shared":
        url = make_url(_memory_url())  # `sqlite://`: same treatment as ":memory:"
    if in_memory:
        # Several pooled connections share the database; they may move between threads.
        engine_kwargs.setdefault("poolclass", QueuePool)
        engine_kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
    else:
        Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **engine_kwargs)
    _configure_sqlite(engine, in_memory)
    return engine


def _insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows whose `id` is not there yet; return how many were new.

    Uses `ON CONFLICT DO NOTHING` on SQLite and PostgreSQL; elsewhere checks ids
    first, which is correct under the one-writer rule.
    """
    unique: dict[str, dict[str, Any]] = {}
    for r in rows:
        unique.setdefault(r["id"], r)
    if not unique:
        return 0
    name = conn.dialect.name
    if name in ("sqlite", "postgresql"):
        if name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        new = 0
        for r in unique.values():  # one at a time so rowcount is exact on every driver
            new += max(conn.execute(insert(table).on_conflict_do_nothing(index_elements=["id"]), r).rowcount, 0)
        return new
    existing = set(conn.execute(select(table.c.id).where(table.c.id.in_(list(unique)))).scalars())
    fresh = [r for k, r in unique.items() if k not in existing]
    if fresh:
        conn.execute(table.insert(), fresh)
    return len(fresh)


def quotation_id(q: Quotation) -> str:
    """Stable id of a quotation: its article and character span."""
    return content_hash(q.article_id, str(q.span[0]), str(q.span[1]))


def rejection_id(rej: Rejection) -> str:
    """Stable id of a rejection: the input and the reason, so a new reason is a new row."""
    return content_hash(rej.uri, rej.reason)


def _article_row(a: Article, now: str) -> dict[str, Any]:
    return {
        "id": a.id, "uri": a.uri, "title": a.title, "outlet": a.outlet,
        "published_date": a.published.date, "published_precision": a.published.precision,
        "published_how": a.published.how, "language": a.language, "text": a.text,
        "dropped": serialize.dumps(a.dropped), "first_seen": now,
    }


def _article_from_row(row: Any) -> Article:
    return serialize.article_from_dict({
        "id": row.id, "uri": row.uri, "text": row.text, "title": row.title, "outlet": row.outlet,
        "published": {"date": row.published_date, "precision": row.published_precision, "how": row.published_how},
        "language": row.language, "dropped": serialize.loads(row.dropped),
    })


def _mention_row(m: EventMention) -> dict[str, Any]:
    return {
        "id": m.id, "article_id": m.article_id, "event": m.event, "mode": m.mode,
        "acled_event_type": m.acled_event_type, "acled_sub_event_type": m.acled_sub_event_type,
        "event_date": m.date.start if m.date else None, "status": m.status,
        "span_start": m.span[0], "data": serialize.dumps(m),
    }


def _quotation_row(q: Quotation) -> dict[str, Any]:
    return {
        "id": quotation_id(q), "article_id": q.article_id,
        "speaker": q.speaker.name if q.speaker else q.speaker_text,
        "span_start": q.span[0], "data": serialize.dumps(q),
    }


class ArticleLookup(Mapping[str, Article]):
    """A read-through, size-bounded cache of articles by id, for exporters.

    Exports stream events and need each event's article (for its outlet); holding
    every article's text in a dict would make memory grow with the store.
    """

    def __init__(self, store: "Store", size: int = 256) -> None:
        self._store = store
        self._size = size
        self._cache: OrderedDict[str, Article | None] = OrderedDict()

    def _fetch(self, key: str) -> Article | None:
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        art = self._store.article(key)
        self._cache[key] = art
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return art

    def __getitem__(self, key: str) -> Article:
        art = self._fetch(key)
        if art is None:
            raise KeyError(key)
        return art

    def __iter__(self) -> Iterator[str]:
        return (a.id for a in self._store.articles())

    def __len__(self) -> int:
        return self._store.counts()["articles"]


class Store(FusionReads):
    """A migrated database of analyses. Open with `Store.open(path_or_url)`; one writing process.

    Fused state (stories, duplicates, merged events, figure claims) is written through
    `fusion()` and read with the `FusionReads` methods (`stories()`, `merged_events()`, ...).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # An in-memory database lives while a connection to it is open: hold one.
        self._anchor = engine.raw_connection() if _is_memory(engine.url) else None

    @classmethod
    def open(cls, path_or_url: str | os.PathLike[str], **engine_kwargs: Any) -> "Store":
        """Open (creating if needed) a store and bring its schema up to date."""
        store = cls(make_engine(path_or_url, **engine_kwargs))
        try:
            migrate(store.engine)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Release pooled connections (an unfinished reader generator keeps its own until dropped)."""
        if self._anchor is not None:
            self._anchor.close()
            self._anchor = None
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # ---- writing -------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored; a resumed run uses this to skip finished work."""
        with self.engine.connect() as conn:
            return conn.execute(select(tables.articles.c.id).where(tables.articles.c.id == article_id)).first() is not None

    def save_analysis(self, analysis: Analysis, claims: Iterable[tuple["FigureClaim", int]] = (),
                      named: Sequence[str] | None = None) -> bool:
        """Store an article with its mentions, quotations and figure claims in one transaction.

        `claims` are (FigureClaim, character offset) pairs found in the article's text
        (see `sitroom.fuse.claims`) and `named` the keys of the places and actors it names
        (`sitroom.fuse.keys.mention_keys`); they go in with the article, so a stored
        article always has what fusing it will need.

        Returns False (and writes nothing) when the article was already stored, so
        re-running a batch keeps the first analysis and its `first_seen`. Reanalysing
        an article with a changed pipeline therefore needs a fresh store.
        """
        art = analysis.article
        for rec in (*analysis.events, *analysis.quotations):
            if rec.article_id != art.id:
                raise ValueError(f"record belongs to article {rec.article_id!r}, not {art.id!r}")
        now = _utc_now()
        with self.engine.begin() as conn:
            exists = conn.execute(select(tables.articles.c.id).where(tables.articles.c.id == art.id)).first()
            if exists is not None:
                return False
            _insert_ignore(conn, tables.articles, [_article_row(art, now)])
            _insert_ignore(conn, tables.event_mentions, [_mention_row(m) for m in analysis.events])
            _insert_ignore(conn, tables.quotations, [_quotation_row(q) for q in analysis.quotations])
            _insert_ignore(conn, tables.figure_claims, [claim_row(c, art.id, start) for c, start in claims])
            if named is not None:
                conn.execute(tables.article_keys.insert(), [{"article_id": art.id, "keys": serialize.dumps(list(named))}])
        return True

    @contextmanager
    def fusion(self) -> Iterator[FusionSession]:
        """One transaction for fusing one article: everything it changes commits together or not at all."""
        with self.engine.begin() as conn:
            yield FusionSession(conn)

    def save_rejection(self, rej: Rejection) -> bool:
        """Record an input that failed; True if new. Keyed by uri+reason, first `at` kept."""
        row = {
            "id": rejection_id(rej), "uri": rej.uri, "stage": rej.stage, "reason": rej.reason,
            "first_seen": rej.at or _utc_now(),
        }
        with self.engine.begin() as conn:
            return _insert_ignore(conn, tables.rejections, [row]) == 1

    def clear_rejection(self, uri: str) -> int:
        """Forget the rejections of an input that has since been processed; returns rows removed."""
        with self.engine.begin() as conn:
            return conn.execute(delete(tables.rejections).where(tables.rejections.c.uri == uri)).rowcount

    # ---- reading -------------------------------------------------------------------

    def _stream(self, stmt: Any) -> Iterator[Any]:
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=_BATCH).execute(stmt)

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(tables.articles).where(tables.articles.c.id == article_id)).first()
        return _article_from_row(row) if row is not None else None

    def articles(self) -> Iterator[Article]:
        """Articles by published date (undated last), then id."""
        t = tables.articles
        stmt = select(t).order_by(t.c.published_date.is_(None), t.c.published_date, t.c.id)
        return (_article_from_row(r) for r in self._stream(stmt))

    def article_lookup(self, cache_size: int = 256) -> ArticleLookup:
        """A Mapping id -> Article that fetches on demand (for `sitroom.export` writers)."""
        return ArticleLookup(self, cache_size)

    def event_mentions(self, article_id: str | None = None) -> Iterator[EventMention]:
        """Mentions by (event date, undated last; article id; span start; id)."""
        t = tables.event_mentions
        stmt = select(t.c.data).order_by(t.c.event_date.is_(None), t.c.event_date, t.c.article_id, t.c.span_start, t.c.id)
        if article_id is not None:
            stmt = stmt.where(t.c.article_id == article_id)
        return (serialize.event_mention_from_dict(serialize.loads(r.data)) for r in self._stream(stmt))

    def quotations(self, article_id: str | None = None) -> Iterator[Quotation]:
        """Quotations by (article id, span start, id)."""
        t = tables.quotations
        stmt = select(t.c.data).order_by(t.c.article_id, t.c.span_start, t.c.id)
        if article_id is not None:
            stmt = stmt.where(t.c.article_id == article_id)
        return (serialize.quotation_from_dict(serialize.loads(r.data)) for r in self._stream(stmt))

    def rejections(self) -> list[Rejection]:
        """Rejections by (uri, stage, reason); `at` is when each was first seen."""
        t = tables.rejections
        with self.engine.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.uri, t.c.stage, t.c.reason)).all()
        return [Rejection(uri=r.uri, reason=r.reason, stage=r.stage, at=r.first_seen) for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts: articles, event_mentions, quotations, rejections."""
        return self.row_counts(tables.articles, tables.event_mentions, tables.quotations, tables.rejections)

    def row_counts(self, *tabs: Any) -> dict[str, int]:
        """Rows in each of `tabs`, by table name."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tabs}


__all__ = ["ArticleLookup", "Store", "make_engine", "quotation_id", "rejection_id", "to_url"]
