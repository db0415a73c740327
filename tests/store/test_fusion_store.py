"""Fused state in the database: the StoryStore and SignatureStore protocols over migration-2 tables, readers."""
from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import inspect, select, text

from sitroom.fuse.fuser import Fuser
from sitroom.fuse.records import FigureClaim
from sitroom.fuse.stories import StoryIndex, StoryProfile
from sitroom.records import Analysis, Source
from sitroom.store import Store, tables
from sitroom.store.fusion import vector_bytes, vector_from_bytes

from tests.fuse.builders import article, killed, mention

FUSION_TABLES = {"stories", "article_stories", "story_keys", "key_df", "fuse_counters", "minhash_bands",
                 "minhash_signatures", "duplicates", "merged_events", "event_sources", "figure_claims",
                 "article_keys"}


def _stored(store, n, **kw):
    art = article(n, kw.pop("text", None) or f"Report {n}: shelling near Alphaville killed soldiers, officials said.",
                  **kw)
    evs = (mention(art, 0, killed=killed(8)),)
    store.save_analysis(Analysis(art, evs))
    return art, evs


def test_migration_2_creates_the_fusion_tables_with_their_indexes(db_path):
    with Store.open(db_path) as store:
        insp = inspect(store.engine)
        assert FUSION_TABLES <= set(insp.get_table_names())
        assert {"ix_story_keys_key_last_date", "ix_story_keys_story_id"} <= {
            ix["name"] for ix in insp.get_indexes("story_keys")}
        assert "ix_article_stories_story_id" in {ix["name"] for ix in insp.get_indexes("article_stories")}
        assert store.fusion_counts() == {"stories": 0, "duplicates": 0, "merged_events": 0, "figure_claims": 0}


def test_story_store_protocol_round_trip(db_path):
    with Store.open(db_path) as store:
        a1, _ = _stored(store, 1)
        a2, _ = _stored(store, 2, published="2020-03-30")
        with store.fusion() as s:
            prof = StoryProfile("s1", "Title", "2020-02-11", "2020-02-12", 1,
                                (("place:Alphaville#1001", 3), ("word:shelling", 1)), np.ones(4) / 2)
            s.put(prof, a1.id, ["place:Alphaville#1001", "word:shelling"])
            assert s.story_of(a1.id) == "s1" and s.story_of(a2.id) is None
            assert s.article_count() == 1
            assert s.document_frequency(["word:shelling", "word:nothing"]) == {"word:shelling": 1, "word:nothing": 0}
            (found,) = s.candidates(["place:Alphaville#1001"], "2020-01-20", "2020-03-01", 10)
            assert found.id == "s1" and found.keys == prof.keys and np.allclose(found.centroid, 0.5)
            assert s.candidates(["place:Alphaville#1001"], "2020-03-01", "2020-04-01", 10) == []  # outside window
            # a changed profile moves the story's keys and dates; stale keys stop finding it
            s.put(StoryProfile("s1", "Title", "2020-02-11", "2020-03-30", 2, (("word:shelling", 2),), None),
                  a2.id, ["word:shelling"])
            assert s.candidates(["place:Alphaville#1001"], None, None, 10) == []
            assert [p.id for p in s.candidates(["word:shelling"], "2020-03-15", None, 10)] == ["s1"]
            assert s.members("s1") == [a1.id, a2.id] and s.document_frequency(["word:shelling"])["word:shelling"] == 2
            keys = s.conn.execute(select(tables.story_keys)).all()
            assert [(k.key, k.last_date) for k in keys] == [("word:shelling", "2020-03-30")]


def test_a_common_key_reads_only_its_most_recent_stories(db_path):
    with Store.open(db_path) as store:
        arts = [_stored(store, n, published=f"2020-02-{10 + n:02d}")[0] for n in range(5)]
        with store.fusion() as s:
            s.per_key_limit = 2
            for n, a in enumerate(arts):
                day = f"2020-02-{10 + n:02d}"
                s.put(StoryProfile(f"s{n}", None, day, day, 1, (("actor:Police", 1),)), a.id, ["actor:Police"])
            assert {p.id for p in s.candidates(["actor:Police"], None, None, 10)} == {"s3", "s4"}


def test_vectors_are_float32_bytes():
    v = np.array([0.25, -1.5, 3.0], dtype=np.float64)
    assert vector_from_bytes(vector_bytes(v)).dtype == np.float32
    assert np.allclose(vector_from_bytes(vector_bytes(v)), v) and vector_bytes(None) is None


def test_fusing_through_the_store_and_reading_it_back(db_path):
    with Store.open(db_path) as store:
        first, evs1 = _stored(store, 1, outlet="Levant Wire")
        second, evs2 = _stored(store, 2, outlet="Crossroads Daily", published="2020-02-12")
        assert store.unfused_article_ids() == [first.id, second.id]
        fuser = Fuser()
        for art, evs in ((first, evs1), (second, evs2)):
            with store.fusion() as s:
                fuser.add(s, art, evs)
        assert store.unfused_article_ids() == []
        (story,) = store.stories()
        assert story.article_ids == (first.id, second.id) and story.places[0] == "Alphaville"
        (event,) = store.merged_events()
        assert event.source_count == 2 and event.story_id == story.id and event.killed.agreement == "agree"
        rows = list(store.fused_mentions())
        assert {(m.id, sid, eid) for m, sid, eid in rows} == {(evs1[0].id, story.id, event.id),
                                                              (evs2[0].id, story.id, event.id)}
        assert store.merged_event_lookup().get(event.id) == event
        assert store.story_of_articles() == {first.id: story.id, second.id: story.id}


def test_claims_are_stored_with_the_article_and_read_per_story(db_path):
    with Store.open(db_path) as store:
        art = article(1, "Some 700,000 people have fled, the agency said.")
        claim = FigureClaim("Idlib", "displaced", 700000, None, None, "approximately",
                            Source(art.id, art.outlet, "Some 700,000 people have fled.", None), "2020-02-11")
        store.save_analysis(Analysis(art, ()), [(claim, 0), (claim, 0)], ["place:Idlib#1"])
        assert store.figure_claims() == [claim]
        with store.fusion() as s:
            assert s.named_keys(art.id) == ["place:Idlib#1"]
            Fuser().add(s, art, ())
        (story,) = store.stories()
        assert store.claims_by_story() == {story.id: [claim]}
        assert store.figure_claims(story.id) == [claim]


def test_a_failed_fusion_leaves_nothing_behind(db_path, monkeypatch):
    with Store.open(db_path) as store:
        art, evs = _stored(store, 1)

        def boom(self, *a, **k):
            raise RuntimeError("killed mid-fusion")

        monkeypatch.setattr(StoryIndex, "_updated", boom)
        with pytest.raises(RuntimeError), store.fusion() as s:
            Fuser().add(s, art, evs)
        assert store.fusion_counts()["stories"] == 0 and store.unfused_article_ids() == [art.id]
        with store.engine.connect() as conn:
            assert conn.execute(select(tables.minhash_signatures)).all() == []  # the dedup rows rolled back too


def test_a_days_unfused_articles_come_in_id_order_whenever_they_were_stored(db_path):
    # first_seen has whole seconds: the order of one day's articles must not hang on where a second ended
    with Store.open(db_path) as store:
        arts = [_stored(store, n, published="2020-02-12")[0] for n in range(1, 6)]
        early = _stored(store, 9, published="2020-02-11")[0]
        undated = _stored(store, 7, published=None)[0]
        with store.engine.begin() as conn:  # stored a second apart, in the reverse of their id order
            for k, aid in enumerate(sorted((a.id for a in arts), reverse=True)):
                conn.execute(text("UPDATE articles SET first_seen = :t WHERE id = :i"),
                             {"t": f"2026-01-01T00:00:0{k}+00:00", "i": aid})
        assert store.unfused_article_ids() == [early.id, *sorted(a.id for a in arts), undated.id]
