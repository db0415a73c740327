from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import inspect, select, text

from sitroom.records import Actor, Analysis, DateSpan, PublishedDate, Rejection, to_plain
from sitroom.store import MIGRATIONS, Migration, SchemaError, Store, current_version, migrate, to_url
from sitroom.store import db as store_db
from sitroom.store import serialize, tables
from sitroom.store.migrations import SCHEMA_MIGRATIONS, applied_versions


def _rows(store: Store) -> dict[str, list[tuple]]:
    with store.engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(select(t).order_by(t.c.id))]
                for t in (tables.articles, tables.event_mentions, tables.quotations, tables.rejections)}


# ---- migrations ----------------------------------------------------------------------


def test_open_creates_schema_and_records_migrations(db_path):
    with Store.open(db_path) as store:
        names = set(inspect(store.engine).get_table_names())
        assert {"articles", "event_mentions", "quotations", "rejections", "schema_migrations"} <= names
        assert applied_versions(store.engine) == [m.version for m in MIGRATIONS]
        indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("event_mentions")}
        assert {"ix_event_mentions_article_id", "ix_event_mentions_event_date"} <= indexes
        assert migrate(store.engine) == []


def test_reopen_does_not_reapply(db_path):
    with Store.open(db_path) as store:
        with store.engine.connect() as conn:
            before = conn.execute(select(SCHEMA_MIGRATIONS)).all()
    with Store.open(db_path) as store:
        with store.engine.connect() as conn:
            assert conn.execute(select(SCHEMA_MIGRATIONS)).all() == before
        assert current_version(store.engine) == MIGRATIONS[-1].version


def test_sqlite_pragmas(db_path):
    with Store.open(db_path) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_failed_migration_rolls_back_and_later_ones_apply(db_path):
    engine = store_db.make_engine(db_path)

    def bad(conn):
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("boom")

    nxt = MIGRATIONS[-1].version + 1
    with pytest.raises(RuntimeError, match="boom"):
        migrate(engine, (*MIGRATIONS, Migration(nxt, "bad", bad)))
    assert applied_versions(engine) == [m.version for m in MIGRATIONS]
    assert "half_done" not in inspect(engine).get_table_names()

    def good(conn):
        conn.execute(text("CREATE TABLE extra (x INTEGER)"))

    assert migrate(engine, (*MIGRATIONS, Migration(nxt, "good", good))) == [nxt]
    assert "extra" in inspect(engine).get_table_names()
    engine.dispose()


def test_database_from_newer_sitroom_is_refused(db_path):
    Store.open(db_path).close()
    engine = store_db.make_engine(db_path)
    with engine.begin() as conn:
        conn.execute(SCHEMA_MIGRATIONS.insert().values(version=999, description="future", applied_at="x"))
    engine.dispose()
    with pytest.raises(SchemaError):
        Store.open(db_path)


def test_migrations_must_be_ordered(db_path):
    engine = store_db.make_engine(db_path)
    m = MIGRATIONS[0]
    with pytest.raises(SchemaError):
        migrate(engine, (m, m))
    engine.dispose()


def test_to_url():
    assert to_url("/tmp/a.db") == "sqlite:////tmp/a.db"
    assert to_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url(":memory:").endswith("?mode=memory&cache=shared&uri=true")
    assert to_url(":memory:") != to_url(":memory:")  # each in-memory store is private


@pytest.mark.parametrize("target", [":memory:", "sqlite://"])
def test_in_memory_store(build, target):
    with Store.open(target) as store, Store.open(target) as other:
        assert store.save_analysis(build.analysis()) is True
        assert store.counts()["event_mentions"] == 2
        assert other.counts()["event_mentions"] == 0
        # a streaming reader and a second reader at once, as the exporters do
        lookup = store.article_lookup(cache_size=1)
        assert [lookup[m.article_id].id for m in store.event_mentions()] == [m.article_id for m in build.analysis().events]


# ---- saving --------------------------------------------------------------------------


def test_save_is_idempotent_and_keeps_first_seen(db_path, build):
    analysis = build.analysis()
    with Store.open(db_path) as store:
        assert not store.has_article(analysis.article.id)
        assert store.save_analysis(analysis) is True
        assert store.has_article(analysis.article.id)
        before = _rows(store)
        assert store.counts() == {"articles": 1, "event_mentions": 2, "quotations": 2, "rejections": 0}
    with Store.open(db_path) as store:  # a second run of the same input
        assert store.save_analysis(analysis) is False
        assert _rows(store) == before


def test_failed_article_leaves_nothing_and_resume_completes(db_path, build, monkeypatch):
    first, second = build.analysis(1), build.analysis(2)
    with Store.open(db_path) as store:
        assert store.save_analysis(first)
        real = store_db._insert_ignore

        def crash_on_quotations(conn, table, rows):
            if table is tables.quotations:
                raise RuntimeError("killed mid-article")
            return real(conn, table, rows)

        monkeypatch.setattr(store_db, "_insert_ignore", crash_on_quotations)
        with pytest.raises(RuntimeError):
            store.save_analysis(second)
        monkeypatch.setattr(store_db, "_insert_ignore", real)
        assert not store.has_article(second.article.id)
        assert store.counts()["event_mentions"] == 2  # none of the second article's
    with Store.open(db_path) as store:  # the resumed run redoes every article
        assert [store.save_analysis(a) for a in (first, second)] == [False, True]
        assert store.counts() == {"articles": 2, "event_mentions": 4, "quotations": 4, "rejections": 0}


def test_duplicate_records_within_one_analysis_are_stored_once(db_path, build):
    a = build.analysis()
    doubled = Analysis(a.article, a.events + a.events, a.quotations + a.quotations)
    with Store.open(db_path) as store:
        assert store.save_analysis(doubled)
        assert store.counts()["event_mentions"] == 2
        assert store.counts()["quotations"] == 2


def test_records_of_another_article_are_refused(db_path, build):
    a, b = build.article(1), build.article(2)
    with Store.open(db_path) as store:
        with pytest.raises(ValueError):
            store.save_analysis(Analysis(a, (build.mention(b),)))
        assert store.counts()["articles"] == 0


# ---- reading -------------------------------------------------------------------------


def test_full_round_trip(db_path, build):
    art = build.article(7, text="Ünïcode — «quoted» text with a | pipe.\nSecond line.")
    full = build.mention(art, 4)
    bare = build.mention(
        art, 9, mode=None, acled_event_type=None, acled_sub_event_type=None, actors=(), recipients=(),
        place=None, date=None, killed=None, wounded=None, status="reported", attributed_to=None, confidence=1.0,
        trigger="",
    )
    quotes = (build.quotation(art, 1, Actor("UN", None, "IGO", "the UN")), build.quotation(art, 20, None))
    with Store.open(db_path) as store:
        store.save_analysis(Analysis(art, (full, bare), quotes))
    with Store.open(db_path) as store:
        assert store.article(art.id) == art
        assert store.article("missing") is None
        assert list(store.articles()) == [art]
        got = list(store.event_mentions())
        assert set(got) == {full, bare}
        assert isinstance(got[0].span, tuple) and isinstance(got[0].actors, tuple)
        assert list(store.quotations()) == list(quotes)
        assert list(store.event_mentions(article_id="other")) == []


def test_serialize_round_trip_is_exact(build):
    a = build.analysis()
    for m in a.events:
        assert serialize.event_mention_from_dict(serialize.loads(serialize.dumps(m))) == m
    assert serialize.article_from_dict(to_plain(a.article)) == a.article
    for q in a.quotations:
        assert serialize.quotation_from_dict(to_plain(q)) == q


def test_event_mentions_ordered_by_date_article_span(db_path, build):
    a1, a2 = build.article(1), build.article(2)
    early = build.mention(a2, 30, date=DateSpan("2024-01-01", "2024-01-01", "day"))
    undated = build.mention(a1, 0, date=None)
    same_day = [build.mention(a1, 5), build.mention(a1, 1), build.mention(a2, 0)]  # all 2024-03-03
    with Store.open(db_path) as store:
        store.save_analysis(Analysis(a1, (undated, same_day[0], same_day[1])))
        store.save_analysis(Analysis(a2, (same_day[2], early)))
        ids = [m.id for m in store.event_mentions()]
    middle = sorted(same_day, key=lambda m: (m.article_id, m.span[0]))
    assert ids == [early.id, *(m.id for m in middle), undated.id]


def test_articles_ordered_by_published_date_undated_last(db_path, build):
    old = build.article(1, published=PublishedDate("2023-12-31", "day", "text"))
    new = build.article(2)
    none = build.article(3, published=PublishedDate(None))
    with Store.open(db_path) as store:
        for a in (none, new, old):
            store.save_analysis(Analysis(a))
        assert [a.id for a in store.articles()] == [old.id, new.id, none.id]
        lookup = store.article_lookup(cache_size=1)
        assert lookup.get(new.id) == new and lookup[old.id] == old and lookup.get("nope") is None
        assert len(lookup) == 3 and set(lookup) == {old.id, new.id, none.id}


# ---- rejections ----------------------------------------------------------------------


def test_rejections_idempotent_and_cleared(db_path):
    r1 = Rejection("file:///a.pdf", "unsupported content type application/pdf", "ingest", "2024-03-01T00:00:00+00:00")
    with Store.open(db_path) as store:
        assert store.save_rejection(r1) is True
        assert store.save_rejection(replace(r1, at="2024-05-05T00:00:00+00:00")) is False
        assert store.rejections() == [r1]  # first `at` kept
        assert store.save_rejection(Rejection("file:///a.pdf", "empty after cleaning", "clean")) is True
        fresh = Rejection("file:///b.html", "no text")
        assert store.save_rejection(fresh)
        got = store.rejections()
        assert [(r.uri, r.reason) for r in got] == [
            ("file:///a.pdf", "empty after cleaning"), ("file:///a.pdf", "unsupported content type application/pdf"),
            ("file:///b.html", "no text"),
        ]
        assert got[2].at  # a first-seen time was recorded
        assert store.clear_rejection("file:///a.pdf") == 2
        assert [r.uri for r in store.rejections()] == ["file:///b.html"]
        assert store.clear_rejection("file:///a.pdf") == 0


def test_reader_open_while_writing(db_path, build):
    """Readers use their own connections (WAL): an open iterator neither blocks nor sees a later write."""
    with Store.open(db_path) as store:
        store.save_analysis(build.analysis(1, n_events=3))
        it = store.event_mentions()
        first = next(it)
        assert store.save_analysis(build.analysis(2, n_events=3))
        rest = list(it)
        assert len([first, *rest]) == 3
        assert store.counts()["event_mentions"] == 6


def test_generic_dialect_fallback_is_idempotent(db_path, build):
    """Databases without ON CONFLICT take the check-then-insert path; same results."""
    engine = store_db.make_engine(db_path)
    migrate(engine)
    engine.dialect.name = "generic"  # instance attribute; shadows "sqlite" for this engine only
    store = Store(engine)
    a = build.analysis()
    doubled = Analysis(a.article, a.events + a.events, a.quotations)
    assert store.save_analysis(doubled) is True
    assert store.save_analysis(a) is False
    assert store.counts() == {"articles": 1, "event_mentions": 2, "quotations": 2, "rejections": 0}
    assert store.save_rejection(Rejection("u", "r")) is True
    assert store.save_rejection(Rejection("u", "r")) is False
    store.close()
