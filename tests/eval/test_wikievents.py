"""WikiEvents: head-word matching, and one made-up document through the real pipeline."""
from __future__ import annotations

from sitroom.eval import Options, run_eval
from sitroom.eval.wikievents import _match, head_in, load

from .fixtures import write_wikievents


def test_head_word_matching():
    assert head_in("Rebels", "the rebels")
    assert not head_in("IS", "Islamic militants")
    assert _match(["army", "army"], ["Syrian army"]) == 1  # each prediction matches once
    assert _match(["Saraqib"], []) == 0


def test_load_joins_sentences_as_paragraphs(tmp_path):
    items = list(load(write_wikievents(tmp_path)))
    doc = items[0].gold
    assert items[0].text.split("\n\n")[1] == "The weather in the capital was mild."
    assert doc.attack_sentences == {0}
    assert doc.arguments == {(0, "attacker", "Rebels"), (0, "target", "positions"), (0, "place", "Saraqib")}
    assert items[1].text == ""  # the malformed line: skipped by the evaluation


def test_end_to_end(tmp_path):
    result = run_eval("wikievents", write_wikievents(tmp_path), Options())
    assert set(result.metrics) == {"attack_f1", "argument_f1"}
    assert result.metrics["attack_f1"] == 1.0
    assert 0.0 < result.metrics["argument_f1"] <= 1.0  # at least the attacker and the place
    assert sum(result.skipped.values()) == 1


def test_an_event_joined_from_two_sentences_counts_in_each_that_names_an_attack():
    from dataclasses import replace

    from sitroom.eval.wikievents import joined_mentions, trigger_sentence
    from tests.pipeline.analysis_helpers import analyse

    first, second, third = "Gunmen attacked a bus in Mosul on Monday.", "The explosion shattered windows.", \
        "Shops stayed shut."
    text = "\n\n".join([first, second, third])
    spans = ((0, len(first)), (len(first) + 2, len(first) + 2 + len(second)),
             (len(text) - len(third), len(text)))
    st = analyse(text)
    [ev] = [e for e in st.events if e.trigger == "attacked"]
    joined = replace(ev, span=(0, len(text)))  # as if the pipeline had joined all three sentences
    assert trigger_sentence(joined, spans, text) == 0
    assert joined_mentions(joined, st.doc, spans) == {0, 1}  # not the sentence with no attack word


def _spans(sentences):
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 2
    return tuple(spans)


def test_a_toll_alone_is_a_life_event_not_an_attack_mention():
    from sitroom.eval.wikievents import attack_sentences
    from tests.pipeline.analysis_helpers import analyse

    sentences = ["Four guards were killed on Tuesday.", "Two bombs exploded near the market, killing six traders."]
    text = "\n\n".join(sentences)
    st = analyse(text)
    assaults = [e for e in st.events if e.event == "ASSAULT"]
    assert {e.trigger for e in assaults} >= {"killed"}  # sitroom codes the deaths as an attack, as ACLED does
    told = attack_sentences(assaults, st.doc, _spans(sentences), text)
    assert set(told) == {1}  # the first sentence only counts the dead: KAIROS's Life.Die


def test_a_later_reference_to_the_attack_is_a_mention_of_it():
    from sitroom.eval.wikievents import attack_sentences
    from tests.pipeline.analysis_helpers import analyse

    sentences = ["Militants attacked a police post in Garowe on Monday.", "Shops stayed shut all week.",
                 "The bombing was the third this year, officials said."]
    text = "\n\n".join(sentences)
    st = analyse(text)
    assaults = [e for e in st.events if e.event == "ASSAULT"]
    told = attack_sentences(assaults, st.doc, _spans(sentences), text)
    assert 0 in told and 2 in told and 1 not in told
    quiet = ["Shops stayed shut all week.", "The bombing was the third this year, officials said."]
    quiet_text = "\n\n".join(quiet)
    st2 = analyse(quiet_text)
    none = attack_sentences([], st2.doc, _spans(quiet), quiet_text)
    assert none == {}  # no attack found in the document: nothing to refer back to
