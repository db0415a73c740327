"""Persistent storage of analyses (SQLAlchemy Core; SQLite by default, any SQLAlchemy URL)."""
from sitroom.store.db import ArticleLookup, Store, make_engine, quotation_id, rejection_id, to_url
from sitroom.store.migrations import MIGRATIONS, Migration, SchemaError, current_version, migrate

__all__ = [
    "ArticleLookup", "MIGRATIONS", "Migration", "SchemaError", "Store", "current_version", "make_engine",
    "migrate", "quotation_id", "rejection_id", "to_url",
]
