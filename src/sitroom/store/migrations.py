"""The database schema, as an ordered list of migrations.

Why migrations rather than `metadata.create_all()`: a store outlives the code that
wrote it. An analyst keeps a months-long SQLite file (or a team keeps a PostgreSQL
database) and upgrades sitroom; the new code must bring the old schema forward
without losing rows. Each migration is a numbered, append-only step; the
`schema_migrations` table records which steps a database has had, so opening a store
twice applies nothing the second time.

Rules for adding one: append a new `Migration` with the next version number; never
edit or reorder a released one. A migration builds its own `Table` objects (it must
keep describing the schema *as it was* at that version, even after `tables.py` moves
on) and uses only SQLAlchemy Core, so it runs on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import (
    Column, Connection, Engine, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, PrimaryKeyConstraint,
    String, Table, Text, select,
)


class SchemaError(RuntimeError):
    """The database cannot be used by this version of sitroom (e.g. it is newer)."""


@dataclass(frozen=True)
class Migration:
    """One schema step: applied once, in order, inside its own transaction."""

    version: int
    description: str
    fn: Callable[[Connection], None]


def _schema_migrations_table(metadata: MetaData) -> Table:
    return Table(
        "schema_migrations", metadata,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("description", Text, nullable=False),
        Column("applied_at", String(32), nullable=False),
    )


_META = MetaData()
SCHEMA_MIGRATIONS = _schema_migrations_table(_META)


def _m001_initial(conn: Connection) -> None:
    """Articles, event mentions, quotations and rejections.

    Ids are content hashes made upstream, so they are the primary keys: a re-run
    produces the same ids and `INSERT ... ON CONFLICT DO NOTHING` keeps one row.
    The full record is kept as JSON in `data` (the columns beside it exist for
    filtering and ordering), so adding a field to a record needs no migration.
    """
    md = MetaData()
    Table(
        "articles", md,
        Column("id", String(64), primary_key=True),
        Column("uri", Text, nullable=False),
        Column("title", Text),
        Column("outlet", Text),
        Column("published_date", String(10)),
        Column("published_precision", String(16), nullable=False),
        Column("published_how", String(16), nullable=False),
        Column("language", String(16)),
        Column("text", Text, nullable=False),
        Column("dropped", Text, nullable=False),  # JSON list of {"text", "reason"}
        Column("first_seen", String(32), nullable=False),
    )
    mentions = Table(
        "event_mentions", md,
        Column("id", String(64), primary_key=True),
        Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
        Column("event", String(32), nullable=False),
        Column("mode", String(64)),
        Column("acled_event_type", String(64)),
        Column("acled_sub_event_type", String(128)),
        Column("event_date", String(10)),
        Column("status", String(16), nullable=False),
        Column("span_start", Integer, nullable=False),
        Column("data", Text, nullable=False),
    )
    Index("ix_event_mentions_article_id", mentions.c.article_id)
    Index("ix_event_mentions_event_date", mentions.c.event_date)
    quotations = Table(
        "quotations", md,
        Column("id", String(64), primary_key=True),
        Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
        Column("speaker", Text),
        Column("span_start", Integer, nullable=False),
        Column("data", Text, nullable=False),
    )
    Index("ix_quotations_article_id", quotations.c.article_id)
    Table(
        "rejections", md,
        Column("id", String(64), primary_key=True),
        Column("uri", Text, nullable=False),
        Column("stage", String(32), nullable=False),
        Column("reason", Text, nullable=False),
        Column("first_seen", String(32), nullable=False),
    )
    md.create_all(conn)


def _m002_fusion(conn: Connection) -> None:
    """What fusing articles needs to be incremental: stories, duplicates, merged events, figure claims.

    Every lookup a new article makes goes through an index on its own keys, so adding one
    article touches only the rows of its keys, its candidate stories and its own story:

    * `stories` holds each story's profile (dates, key counts as JSON, title+lead centroid
      as float32 bytes); `article_stories` maps an article to its story, with its vector;
    * `story_keys` is the inverted index (key -> story), with the story's dates so the
      time window is an index range, not a filter over every story; `key_df` counts the
      articles per key (idf) and `fuse_counters` the articles indexed (no COUNT(*) scans);
    * `minhash_bands` / `minhash_signatures` are the LSH index of originals, and
      `duplicates` maps a near-duplicate to its original;
    * `merged_events` (the full Event as JSON) and `event_sources` (event -> mention) are
      rebuilt per story when an article joins it;
    * `figure_claims` holds non-casualty figures (displaced, refugees, cumulative tolls)
      per article, reconciled per story when read;
    * `article_keys` holds the place and actor keys of everything an article names (found
      while it is parsed, stored with it), which stories compare beside its events'.
    """
    md = MetaData()
    articles = Table("articles", md, Column("id", String(64), primary_key=True))  # exists: referenced only
    Table(
        "stories", md,
        Column("id", String(64), primary_key=True),
        Column("title", Text),
        Column("first_date", String(10)),
        Column("last_date", String(10)),
        Column("n_articles", Integer, nullable=False),
        Column("key_counts", Text, nullable=False),  # JSON [[key, count], ...], most frequent first
        Column("centroid", LargeBinary),  # float32 bytes, or NULL without an embedder
        Column("word_norm", Float, nullable=False),  # length of the idf-weighted word counts
    )
    members = Table(
        "article_stories", md,
        Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
        Column("story_id", String(64), nullable=False),
        Column("seq", Integer, nullable=False),  # order of joining, across the store
        Column("vector", LargeBinary),  # float32 bytes of the title+lead embedding
    )
    Index("ix_article_stories_story_id", members.c.story_id, members.c.seq)
    keys = Table(
        "story_keys", md,
        Column("key", String(255), nullable=False),
        Column("story_id", String(64), nullable=False),
        Column("first_date", String(10)),
        Column("last_date", String(10)),
        PrimaryKeyConstraint("key", "story_id"),
    )
    Index("ix_story_keys_key_last_date", keys.c.key, keys.c.last_date)
    Index("ix_story_keys_story_id", keys.c.story_id)
    Table(
        "key_df", md,
        Column("key", String(255), primary_key=True),
        Column("df", Integer, nullable=False),
    )
    Table(
        "fuse_counters", md,
        Column("name", String(32), primary_key=True),
        Column("value", Integer, nullable=False),
    )
    Table(
        "minhash_bands", md,
        Column("band", String(40), nullable=False),
        Column("article_id", String(64), nullable=False),
        PrimaryKeyConstraint("band", "article_id"),
    )
    Table(
        "minhash_signatures", md,
        Column("article_id", String(64), primary_key=True),
        Column("seq", Integer, nullable=False),
        Column("hashvalues", LargeBinary, nullable=False),  # uint64 bytes
    )
    dups = Table(
        "duplicates", md,
        Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
        Column("original_id", String(64), nullable=False),
        Column("similarity", Float, nullable=False),
    )
    Index("ix_duplicates_original_id", dups.c.original_id)
    events = Table(
        "merged_events", md,
        Column("id", String(64), primary_key=True),
        Column("story_id", String(64), nullable=False),
        Column("event", String(32), nullable=False),
        Column("event_date", String(10)),
        Column("source_count", Integer, nullable=False),
        Column("data", Text, nullable=False),
    )
    Index("ix_merged_events_story_id", events.c.story_id)
    Index("ix_merged_events_event_date", events.c.event_date)
    sources = Table(
        "event_sources", md,
        Column("event_id", String(64), nullable=False),
        Column("mention_id", String(64), nullable=False),
        Column("article_id", String(64), nullable=False),
        PrimaryKeyConstraint("event_id", "mention_id"),
    )
    Index("ix_event_sources_mention_id", sources.c.mention_id)
    claims = Table(
        "figure_claims", md,
        Column("id", String(64), primary_key=True),
        Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
        Column("subject", Text, nullable=False),
        Column("measure", String(32), nullable=False),
        Column("span_start", Integer, nullable=False),
        Column("data", Text, nullable=False),
    )
    Index("ix_figure_claims_article_id", claims.c.article_id)
    Table(
        "article_keys", md,
        Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
        Column("keys", Text, nullable=False),  # JSON list, with repeats
    )
    md.create_all(conn, tables=[t for t in md.sorted_tables if t is not articles])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, event_mentions, quotations, rejections", _m001_initial),
    Migration(2, "stories, story keys, duplicates, merged events, event sources, figure claims", _m002_fusion),
)


def _check_order(migrations: tuple[Migration, ...]) -> None:
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)) or (versions and versions[0] < 1):
        raise SchemaError(f"migration versions must be unique, positive and increasing: {versions}")


def applied_versions(engine: Engine) -> list[int]:
    """Versions recorded in `schema_migrations` (empty for a new database)."""
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "schema_migrations"):
            return []
        return [v for (v,) in conn.execute(select(SCHEMA_MIGRATIONS.c.version).order_by(SCHEMA_MIGRATIONS.c.version))]


def current_version(engine: Engine) -> int:
    """The highest applied version, 0 for a new database."""
    versions = applied_versions(engine)
    return versions[-1] if versions else 0


def migrate(engine: Engine, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the pending migrations, each in its own transaction; return the versions applied.

    A migration and the row recording it commit together, so a crash leaves the
    database at a clean earlier version. A database that records a version this code
    does not know was written by a newer sitroom; it is refused rather than guessed at.
    """
    _check_order(migrations)
    with engine.begin() as conn:
        SCHEMA_MIGRATIONS.create(conn, checkfirst=True)
    done = set(applied_versions(engine))
    known = {m.version for m in migrations}
    unknown = sorted(done - known)
    if unknown:
        raise SchemaError(
            f"database has schema versions {unknown} that this sitroom does not know; "
            "it was written by a newer version"
        )
    applied: list[int] = []
    for m in migrations:
        if m.version in done:
            continue
        with engine.begin() as conn:
            m.fn(conn)
            conn.execute(SCHEMA_MIGRATIONS.insert().values(
                version=m.version,
                description=m.description,
                applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            ))
        applied.append(m.version)
    return applied


__all__ = ["MIGRATIONS", "Migration", "SchemaError", "applied_versions", "current_version", "migrate"]
