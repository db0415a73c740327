"""The current schema as SQLAlchemy Core tables, for building queries.

These describe the schema after the latest migration; they never create anything
(`migrations.py` does). Keep them in step when a migration changes a table.
"""
from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Table, Text

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

# ---- migration 2: fusion (see migrations._m002_fusion for why each table exists) --------------------------

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
    Column("n_articles", Integer, nullable=False),
    Column("key_counts", Text, nullable=False),
    Column("centroid", LargeBinary),
    Column("word_norm", Float, nullable=False),
)

article_stories = Table(
    "article_stories", metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("vector", LargeBinary),
)

story_keys = Table(
    "story_keys", metadata,
    Column("key", String(255), primary_key=True),
    Column("story_id", String(64), primary_key=True),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
)

key_df = Table(
    "key_df", metadata,
    Column("key", String(255), primary_key=True),
    Column("df", Integer, nullable=False),
)

fuse_counters = Table(
    "fuse_counters", metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

minhash_bands = Table(
    "minhash_bands", metadata,
    Column("band", String(40), primary_key=True),
    Column("article_id", String(64), primary_key=True),
)

minhash_signatures = Table(
    "minhash_signatures", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hashvalues", LargeBinary, nullable=False),
)

duplicates = Table(
    "duplicates", metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("original_id", String(64), nullable=False),
    Column("similarity", Float, nullable=False),
)

merged_events = Table(
    "merged_events", metadata,
    Column("id", String(64), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Column("event", String(32), nullable=False),
    Column("event_date", String(10)),
    Column("source_count", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("mention_id", String(64), primary_key=True),
    Column("article_id", String(64), nullable=False),
)

figure_claims = Table(
    "figure_claims", metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
    Column("subject", Text, nullable=False),
    Column("measure", String(32), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

article_keys = Table(
    "article_keys", metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("keys", Text, nullable=False),
)
