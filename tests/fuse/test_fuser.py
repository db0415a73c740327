"""Fusing stored articles one at a time: copies, stories, merged events per story, tolls, catching up."""
from __future__ import annotations

from sqlalchemy import select

from sitroom.fuse.fuser import Fuser
from sitroom.records import Analysis
from sitroom.runner import catch_up
from sitroom.store import MIGRATIONS, Store, migrate, tables
from sitroom.store import db as store_db

from tests.fuse.builders import FAR_TOWN, RUS_MIL, SYR_MIL, TUR_MIL, UKR_MIL, article, killed, mention

WIRE = ("Turkish artillery shelled Syrian army positions around Alphaville on Monday after an attack on an "
        "observation post killed five Turkish soldiers, the defence ministry in Ankara said in a statement. The "
        "ministry said dozens of targets had been hit overnight and that the strikes would continue as long as "
        "its troops were threatened. Residents reported heavy fire through the night.")
REPOST = "Photo: smoke over the town. " + WIRE + " Share this article."
DAILY = ("Five Turkish soldiers died when their post near Alphaville came under fire on Monday, officials said, "
         "and Turkish guns answered through the night.")
UKRAINE = "Separatists shelled positions near Epsilon on Monday, killing two Ukrainian soldiers, the army said."


def _save(store, n, text, outlet, published="2020-02-11", **kw):
    art = article(n, text, outlet=outlet, published=published, title=kw.pop("title", None))
    evs = (mention(art, 0, actors=kw.pop("actors", (SYR_MIL,)), recipients=kw.pop("recipients", (TUR_MIL,)),
                   killed=kw.pop("killed", killed(5)), **kw),)
    store.save_analysis(Analysis(art, evs))
    return art, evs


def _fuse(store, fuser, art, evs):
    with store.fusion() as s:
        return fuser.add(s, art, evs)


def test_copies_stories_and_merged_events(tmp_path):
    fuser = Fuser()
    with Store.open(tmp_path / "f.db") as store:
        wire = _save(store, 1, WIRE, "Levant Wire")
        repost = _save(store, 2, REPOST, "Northwest Monitor")
        daily = _save(store, 3, DAILY, "Crossroads Daily", "2020-02-12")
        ukraine = _save(store, 4, UKRAINE, "Kyiv Post", "2020-02-11", place=FAR_TOWN, actors=(RUS_MIL,),
                        recipients=(UKR_MIL,), killed=killed(2))
        first = _fuse(store, fuser, *wire)
        copy = _fuse(store, fuser, *repost)
        assert copy.original_id == wire[0].id and copy.story_id == first.story_id
        joined = _fuse(store, fuser, *daily)
        assert joined.story_id == first.story_id and joined.original_id is None
        other = _fuse(store, fuser, *ukraine)
        assert other.story_id != first.story_id
        (event,) = store.merged_events(first.story_id)
        # three articles report it; the repost adds its quote, never a second outlet
        assert len(event.sources) == 3 and event.source_count == 2
        assert event.killed.agreement == "agree" and [f.article_id for f in event.killed.per_source] == [
            wire[0].id, daily[0].id]
        assert store.duplicate_map() == {repost[0].id: wire[0].id}
        assert store.fusion_counts() == {"stories": 2, "duplicates": 1, "merged_events": 2, "figure_claims": 0}


def test_adding_again_changes_nothing_and_other_stories_are_not_touched(tmp_path):
    fuser = Fuser()
    with Store.open(tmp_path / "f.db") as store:
        wire, ukraine = _save(store, 1, WIRE, "Levant Wire"), _save(store, 4, UKRAINE, "Kyiv Post",
                                                                    place=FAR_TOWN, recipients=(UKR_MIL,))
        _fuse(store, fuser, *wire)
        _fuse(store, fuser, *ukraine)

        def dump():
            with store.engine.connect() as conn:
                return {t.name: conn.execute(select(t)).all() for t in (
                    tables.stories, tables.article_stories, tables.story_keys, tables.key_df, tables.merged_events,
                    tables.event_sources, tables.minhash_signatures, tables.fuse_counters)}

        before = dump()
        again = _fuse(store, fuser, *wire)
        assert not again.new and dump() == before
        ukraine_events = list(store.merged_events(store.story_of_articles()[ukraine[0].id]))
        daily = _save(store, 3, DAILY, "Crossroads Daily", "2020-02-12")
        _fuse(store, fuser, *daily)
        assert list(store.merged_events(store.story_of_articles()[ukraine[0].id])) == ukraine_events


def test_cumulative_tolls_become_killed_total_claims(tmp_path):
    with Store.open(tmp_path / "f.db") as store:
        art, evs = _save(store, 1, "Sixteen soldiers have been killed so far, the ministry said.", "Levant Wire",
                         killed=killed(16, cumulative=True), quote="Sixteen soldiers have been killed so far.")
        _fuse(store, Fuser(), art, evs)
        (claim,) = store.figure_claims()
        assert (claim.subject, claim.measure, claim.value, claim.cumulative, claim.date) == (
            "Military Forces of Turkey", "killed_total", 16, True, "2020-02-11")


def test_a_database_from_before_stories_is_fused_on_the_next_run(tmp_path):
    path = tmp_path / "old.db"
    engine = store_db.make_engine(path)
    migrate(engine, MIGRATIONS[:1])  # as an older sitroom left it: articles and mentions only
    old = Store(engine)
    wire = _save(old, 1, WIRE, "Levant Wire")
    daily = _save(old, 3, DAILY, "Crossroads Daily", "2020-02-12")
    old.close()
    with Store.open(path) as store:  # migrates to the current version
        assert store.unfused_article_ids() == [wire[0].id, daily[0].id]
        assert catch_up(store, Fuser()) == 2
        (story,) = store.stories()
        assert story.article_ids == (wire[0].id, daily[0].id)
        assert catch_up(store, Fuser()) == 0


def test_a_run_interrupted_before_fusing_resumes(tmp_path, monkeypatch):
    from sitroom.ingest.options import IngestOptions
    from sitroom.records import RawDocument
    from sitroom.runner import run

    docs = [RawDocument(uri=f"test://{n}", data=text, outlet=outlet, published="2020-02-11")
            for n, (text, outlet) in enumerate(((WIRE, "Levant Wire"), (DAILY, "Crossroads Daily")))]
    with Store.open(tmp_path / "r.db") as store:
        real = Fuser.add

        def fail_once(self, backend, article, events, vector=None):
            if article.outlet == "Crossroads Daily" and not getattr(fail_once, "done", False):
                fail_once.done = True
                raise RuntimeError("killed while fusing")
            return real(self, backend, article, events, vector)

        monkeypatch.setattr(Fuser, "add", fail_once)
        first = run([], store, IngestOptions(), inputs=docs, fuser=Fuser())
        assert first.processed == 1 and [r.stage for r in first.rejected] == ["fuse"]
        assert len(store.unfused_article_ids()) == 1 and store.counts()["articles"] == 2
        second = run([], store, IngestOptions(), inputs=docs, fuser=Fuser())
        assert second.ok and second.already_stored == 2 and second.fused == 1
        assert store.unfused_article_ids() == [] and store.rejections() == []
        (story,) = store.stories()
        assert len(story.article_ids) == 2
