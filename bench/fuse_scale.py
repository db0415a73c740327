#!/usr/bin/env python
"""Cost of fusing one article into a store of 1k, 10k and 100k stored articles.

    python bench/fuse_scale.py [--sizes 1000,10000,100000] [--adds 200] [--json] [--keep DIR]

Adding an article to the fused state (`sitroom.fuse.fuser.Fuser.add` through
`Store.fusion()`: near-duplicate check, story choice, tolls, its story's merged events
rebuilt) should cost the same whatever the store holds, because every statement is keyed
by the article's own keys, bands and story. This script measures it:

1. for each size N, a fresh SQLite store is filled quickly by inserting rows directly
   (articles, one event mention each, stories of about five articles, their inverted-index
   keys, key frequencies, MinHash signatures and bands): synthetic articles published at a
   steady 100 a day, so a larger store covers a longer period (as a store grows in use),
   about places from a vocabulary of 5,000, actors from 300 and words from 20,000;
2. then `--adds` new synthetic articles, dated after the stored ones, are fused one by one
   through the real code path, each in its own transaction: half follow up an existing
   recent story (sharing its place, actors and words), half are about something new;
3. it reports the median, 90th percentile and mean milliseconds per added article, per N.

Vectors come from a deterministic stand-in for the embedder (a unit vector seeded by the
text), so the figures are the cost of fusing, not of the model (the bundled embedder adds
about 5-10 ms per article on a laptop CPU, the same at every size). This is a benchmark,
not a test: it prints figures and exits 0 unless it could not run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from sitroom.fuse.dedup import BandedDuplicateIndex  # noqa: E402
from sitroom.fuse.fuser import Fuser  # noqa: E402
from sitroom.fuse.stories import content_words, entity_keys  # noqa: E402
from sitroom.records import (  # noqa: E402
    Actor, Analysis, Article, DateSpan, EventMention, Place, PublishedDate, content_hash,
)
from sitroom.store import serialize, tables  # noqa: E402
from sitroom.store.db import Store  # noqa: E402
from sitroom.store.fusion import vector_bytes  # noqa: E402

START = date(2015, 1, 1)
PER_DAY = 100
STORY_SIZE = 5
PLACES, ACTORS, WORDS = 5000, 300, 20000
DIM = 384


_TOPIC = re.compile(r"Actor\d+ attacked positions near Town\d+(?: word\d+){12}")


def _unit(seed_text: str) -> np.ndarray:
    rng = np.random.default_rng(int(hashlib.sha1(seed_text.encode()).hexdigest()[:12], 16))
    v = rng.standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def fake_embed(texts: list[str]) -> np.ndarray:
    """A unit vector per text at none of the embedder's cost: its topic's direction (from the words the
    synthetic text puts first) plus a little of its own, so reports of one story are alike (cosine ~0.8)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        topic = _TOPIC.search(t)
        v = _unit(topic.group(0) if topic else t) + 0.5 * _unit(t)
        out[i] = v / np.linalg.norm(v)
    return out


class Synth:
    """Synthetic stories and their articles: a place, two actors and twelve words each."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)

    def topic(self) -> dict[str, Any]:
        r = self.rng
        n = r.randrange(PLACES)
        return {"place": Place(f"Town{n}", 30 + n / 1000, 40 + n / 1000, 100000 + n, f"Region{n % 50}", "SYR",
                               "place", f"Town{n}"),
                "actors": [Actor(f"Actor{r.randrange(ACTORS)}", "SYR", "MIL") for _ in range(2)],
                "words": [f"word{r.randrange(WORDS)}" for _ in range(12)]}

    def article(self, topic: dict[str, Any], day: date, n: int) -> tuple[Article, list[EventMention]]:
        r = self.rng
        filler = " ".join(f"filler{r.randrange(WORDS)}" for _ in range(60))
        text = (f"{topic['actors'][0].name} attacked positions near {topic['place'].name} "
                + " ".join(topic["words"]) + f". {filler} report {n}.")
        art = Article(content_hash("synthetic", str(n), text), f"synthetic://{n}", text, f"Report {n}",
                      f"Outlet{r.randrange(40)}", PublishedDate(day.isoformat(), "day", "metadata"), "en")
        ev = EventMention(content_hash(art.id, "0"), art.id, text[:120], (0, 120), "ASSAULT", None, None, None,
                          (topic["actors"][0],), (topic["actors"][1],), topic["place"],
                          DateSpan(day.isoformat(), day.isoformat(), "day"), None, None, "reported", None, 0.7)
        return art, [ev]


def _keys(art: Article, events: list[EventMention]) -> list[str]:
    """The keys `StoryIndex` indexes an article by: its events' entities and its content words."""
    return list(dict.fromkeys(entity_keys(events) + ["word:" + w for w in content_words(f"{art.title}. {art.text}")]))


def _word_norm(keys: list[tuple[str, int]], df: dict[str, int], n: int) -> float:
    """A story's `word_norm` as StoryIndex keeps it: the length of its idf-weighted word counts."""
    return math.sqrt(sum((c * (math.log((n + 1) / (df.get(k, 0) + 1)) + 1)) ** 2 for k, c in keys
                         if k.startswith("word:")))


def fill(store: Store, n: int, synth: Synth) -> tuple[list[dict[str, Any]], date]:
    """Insert n articles with their fused state directly; returns the stories and the last day."""
    dedup = BandedDuplicateIndex(store=None)  # type: ignore[arg-type]  # only its band layout is used
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "articles", "event_mentions", "article_stories", "stories", "story_keys", "minhash_signatures",
        "minhash_bands")}
    df: dict[str, int] = {}
    stories: list[dict[str, Any]] = []
    rng = np.random.default_rng(11)
    seq = 0
    for i in range(0, n, STORY_SIZE):
        topic = synth.topic()
        first = START + timedelta(days=i // PER_DAY)
        sid = content_hash("story", "synthetic", str(i))
        counts: dict[str, int] = {}
        members = []
        for j in range(min(STORY_SIZE, n - i)):
            day = first + timedelta(days=j % 3)
            art, evs = synth.article(topic, day, i + j)
            seq += 1
            rows["articles"].append({"id": art.id, "uri": art.uri, "title": art.title, "outlet": art.outlet,
                                     "published_date": art.published.date, "published_precision": "day",
                                     "published_how": "metadata", "language": "en", "text": art.text,
                                     "dropped": "[]", "first_seen": "2015-01-01T00:00:00+00:00"})
            for ev in evs:
                rows["event_mentions"].append({"id": ev.id, "article_id": art.id, "event": ev.event, "mode": None,
                                               "acled_event_type": None, "acled_sub_event_type": None,
                                               "event_date": ev.date.start, "status": ev.status,
                                               "span_start": 0, "data": serialize.dumps(ev)})
            rows["article_stories"].append({"article_id": art.id, "story_id": sid, "seq": seq,
                                            "vector": vector_bytes(fake_embed([art.text])[0])})
            values = rng.integers(0, 2**32, size=128, dtype=np.uint64)
            rows["minhash_signatures"].append({"article_id": art.id, "seq": seq, "hashvalues": values.tobytes()})
            rows["minhash_bands"] += [{"band": b, "article_id": art.id} for b in dedup.bands(values)]
            for k in _keys(art, evs):
                counts[k] = counts.get(k, 0) + 1
                df[k] = df.get(k, 0) + 1
            members.append(art.id)
        last = first + timedelta(days=min(2, len(members) - 1))
        keys = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:200]
        centroid = np.mean([np.frombuffer(r["vector"], dtype="<f4") for r in rows["article_stories"][-len(members):]],
                           axis=0)
        rows["stories"].append({"id": sid, "title": f"Story {i}", "first_date": first.isoformat(),
                                "last_date": last.isoformat(), "n_articles": len(members),
                                "key_counts": json.dumps([list(kv) for kv in keys]), "centroid": vector_bytes(centroid),
                                "word_norm": _word_norm(keys, df, n)})
        rows["story_keys"] += [{"key": k, "story_id": sid, "first_date": first.isoformat(),
                                "last_date": last.isoformat()} for k, _ in keys]
        stories.append({"id": sid, "topic": topic, "last": last})
    with store.engine.begin() as conn:
        for name, batch in rows.items():
            table = getattr(tables, name)
            for start in range(0, len(batch), 5000):
                conn.execute(table.insert(), batch[start:start + 5000])
        conn.execute(tables.key_df.insert(), [{"key": k, "df": v} for k, v in df.items()])
        conn.execute(tables.fuse_counters.insert(), [{"name": "articles", "value": n}, {"name": "joined", "value": seq},
                                                     {"name": "originals", "value": seq}])
    return stories, START + timedelta(days=(n - 1) // PER_DAY)


def measure(n: int, adds: int, folder: Path) -> dict[str, Any]:
    synth = Synth()
    db = folder / f"fuse_{n}.sqlite"
    with Store.open(db) as store:
        t = time.perf_counter()
        stories, last_day = fill(store, n, synth)
        fill_s = time.perf_counter() - t
        fuser = Fuser(fake_embed)
        recent = [s for s in stories if s["last"] >= last_day - timedelta(days=2)] or stories[-10:]
        times, joined = [], 0
        for i in range(adds):
            follow = i % 2 == 0
            story = recent[i % len(recent)]
            topic = story["topic"] if follow else synth.topic()
            art, evs = synth.article(topic, last_day + timedelta(days=1), n + 1_000_000 + i)
            store.save_analysis(Analysis(art, tuple(evs)))
            t = time.perf_counter()
            with store.fusion() as session:
                fused = fuser.add(session, art, evs)
            times.append((time.perf_counter() - t) * 1000)
            joined += follow and fused.story_id == story["id"]
    times.sort()
    return {"stored_articles": n, "fill_seconds": round(fill_s, 1), "adds": adds,
            "median_ms": round(statistics.median(times), 2), "p90_ms": round(times[int(0.9 * (len(times) - 1))], 2),
            "mean_ms": round(statistics.fmean(times), 2), "follow_ups_joined": f"{joined}/{(adds + 1) // 2}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--adds", type=int, default=200)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--keep", type=Path, default=None, help="keep the databases in this folder")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    results = []
    with tempfile.TemporaryDirectory(prefix="sitroom-fuse-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            results.append(measure(n, args.adds, folder))
            if not args.json:
                r = results[-1]
                print(f"{r['stored_articles']:>8} stored: {r['median_ms']:7.2f} ms median, {r['p90_ms']:7.2f} ms p90, "
                      f"{r['mean_ms']:7.2f} ms mean per added article ({r['adds']} added; follow-ups joined "
                      f"{r['follow_ups_joined']}; store filled in {r['fill_seconds']} s)", flush=True)
    if args.json:
        print(json.dumps({"results": results}))
    elif len(results) > 1:
        ratio = results[-1]["median_ms"] / results[0]["median_ms"] if results[0]["median_ms"] else float("nan")
        print(f"median at {results[-1]['stored_articles']:,} / at {results[0]['stored_articles']:,}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
