"""The batched runner gives what the pipeline gives one article at a time, and survives bad rows."""
from __future__ import annotations

from sitroom.eval.runner import Item, analyse_items, default_pipeline, make_article
from sitroom.pipeline import DocState

from .fixtures import ATTACK, QUIET, TALKS


def _events(state):
    return [(e.event, e.quote, e.acled_sub_event_type, e.actors, e.recipients, e.place, e.killed)
            for e in state.events]


def test_batched_runs_match_single_runs_and_keep_order():
    texts = [ATTACK, QUIET, TALKS]
    items = [Item(str(i), t, "2020-02-11", i) for i, t in enumerate(texts)]
    outs = list(analyse_items(items, batch_size=2))
    assert [o.item.gold for o in outs] == [0, 1, 2]
    for out, text in zip(outs, texts):
        single = default_pipeline()(DocState(article=make_article(out.item.key, text, "2020-02-11")))
        assert out.error is None
        assert _events(out.state) == _events(single)


def test_empty_and_failing_rows_are_reported_not_raised():
    class Boom:
        name, requires, assigns = "boom", frozenset({"doc"}), frozenset({"events"})

        def __call__(self, state):
            if "explode" in state.article.text:
                raise RuntimeError("stage failed")
            return assign(state, events=())

    from sitroom.pipeline.base import Pipeline, assign

    pipe = Pipeline([default_pipeline().stages[0], Boom()])
    items = [Item("a", "", None, None), Item("b", "please explode", None, None), Item("c", QUIET, None, None)]
    progress = []
    outs = list(analyse_items(items, pipeline=pipe, progress=lambda n, total: progress.append((n, total))))
    assert [o.error for o in outs][:2] == ["empty text", "RuntimeError: stage failed"]
    assert outs[2].error is None and outs[2].state.doc is not None
    assert progress == [(3, 3)]
