"""The current schema as SQLAlchemy Core tables, for building queries.

These describe the schema after the latest migration; they never create anything
(`migrations.py` does). Keep them in step when a migration changes a table.
"""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("uri", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published_date", String(10)),
    Column("published_precision", String(16), nullable=False),
    Column("published_how", String(16), nullable=False),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("dropped", Text, nullable=False),
    Column("first_seen", String(32), nullable=False),
)

event_mentions = Table(
    "event_mentions", metadata,
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

quotations = Table(
    "quotations", metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
    Column("speaker", Text),
    Column("span_start", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

rejections = Table(
    "rejections", metadata,
    Column("id", String(64), primary_key=True),
    Column("uri", Text, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("first_seen", String(32), nullable=False),
)
