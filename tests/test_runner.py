"""The runner's batches: one spaCy pass for several inputs, the same result as one at a time."""
from __future__ import annotations

import re
import sqlite3

from sitroom.eval.runner import default_pipeline
from sitroom.fuse.fuser import Fuser
from sitroom.records import RawDocument, Rejection
from sitroom.runner import run
from sitroom.store.db import Store

TEXTS = [
    "Rebels attacked Syrian army positions near Saraqib on Monday, killing six soldiers, a monitoring group said.",
    "Erdogan threatened on Wednesday to launch an operation in Idlib unless Syrian forces pull back.",
    "Police in Chicago said two men were shot dead near a school on Sunday night.",
]


def _inputs(extra: list[RawDocument | Rejection] | None = None) -> list[RawDocument | Rejection]:
    docs: list[RawDocument | Rejection] = [
        RawDocument(uri=f"mem://{i}", data=t, published="2020-02-11", outlet=f"outlet{i}",
                    received_at="2020-02-12T00:00:00+00:00")
        for i, t in enumerate(TEXTS)
    ]
    return docs + list(extra or [])


def _dump(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        stamp = re.compile(r"'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^']*'")  # when stored, not what
        return sorted(stamp.sub("'T'", line) for line in con.iterdump())
    finally:
        con.close()


def test_batches_store_what_one_at_a_time_stores(tmp_path):
    pipeline = default_pipeline()
    dumps = []
    for size in (1, 16):
        db = tmp_path / f"b{size}.db"
        with Store.open(db) as store:
            summary = run([], store, pipeline=pipeline, inputs=_inputs(), fuser=Fuser(None), batch_size=size)
        assert summary.processed == 3 and summary.ok
        dumps.append(_dump(db))
    assert dumps[0] == dumps[1]


def test_a_bad_input_fails_alone_and_a_repeat_in_one_batch_is_already_stored(tmp_path):
    bad = RawDocument(uri="mem://empty", data="   \n ", published="2020-02-11")
    repeat = RawDocument(uri="mem://again", data=TEXTS[0], published="2020-02-11", outlet="outlet0")
    upstream = Rejection(uri="mem://unreadable", stage="read", reason="not UTF-8", at="2020-02-11T00:00:00+00:00")
    seen: list[tuple[str, str]] = []
    with Store.open(tmp_path / "x.db") as store:
        summary = run([], store, pipeline=default_pipeline(), fuser=Fuser(None),
                      inputs=_inputs([bad, repeat, upstream]), progress=lambda uri, outcome: seen.append((uri, outcome)))
    assert summary.processed == 3 and summary.already_stored == 1
    assert sorted(r.uri for r in summary.rejected) == ["mem://empty", "mem://unreadable"]
    assert [uri for uri, _ in seen] == ["mem://0", "mem://1", "mem://2", "mem://empty", "mem://again",
                                        "mem://unreadable"]
    assert dict(seen)["mem://empty"] == "rejected" and dict(seen)["mem://again"] == "skipped"


def test_a_failing_batch_embedding_falls_back_to_one_article_at_a_time(tmp_path):
    calls: list[int] = []

    def embed(texts):
        calls.append(len(texts))
        if len(texts) > 1:
            raise RuntimeError("out of memory")
        import numpy as np
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    with Store.open(tmp_path / "e.db") as store:
        summary = run([], store, pipeline=default_pipeline(), inputs=_inputs(), fuser=Fuser(embed))
    assert summary.processed == 3 and summary.ok and summary.fused == 3
    assert calls[0] == 3 and calls[1:] == [1, 1, 1]


def test_a_headline_too_short_to_tell_its_language_is_stored_and_read(tmp_path):
    page = RawDocument(uri="mem://headline", data="You are the owner of this article.", published="2020-02-11",
                       title="Four Shot Outside Dalmora Skating Rink")
    with Store.open(tmp_path / "x.db") as store:
        summary = run([], store, pipeline=default_pipeline(), fuser=Fuser(None), inputs=[page])
        assert summary.ok and not summary.rejected
        (event,) = [e for e in store.merged_events() if e.event == "ASSAULT"]
    assert event.wounded.per_source[0].value == 4
