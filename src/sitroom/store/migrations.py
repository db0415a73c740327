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
    Column, Connection, Engine, ForeignKey, Index, Integer, MetaData, String, Table, Text, select,
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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, event_mentions, quotations, rejections", _m001_initial),
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
