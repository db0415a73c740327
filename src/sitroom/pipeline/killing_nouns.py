"""Nouns for a killing: "the fatal shooting", "a deadly stabbing", "the shooting death of a teen", "a
triple homicide".

Split from `sitroom.pipeline.casualties`, which reads verbs: a noun says a killing happened without a verb,
and names its victim by "of" or a possessor, or says only that someone died ("a deadly shooting": at least
one). A plural or a rank ("fatal shootings", "the city's 40th homicide") counts many killings, not one.
"""
from __future__ import annotations

from typing import Any

# "a double homicide", "the triple murder": the killing's own word counts its dead
KILLING_NOUNS = {"homicide", "murder", "killing", "slaying"}
FATAL_WORDS = {"fatal", "deadly"}
HARM_NOUNS = {"shooting", "stabbing", "beating", "gunshot", "gunfire"}


def fatal_noun(tok: Any) -> bool:
    """"the fatal shooting", "a deadly stabbing", "the shooting death": a noun for a killing."""
    lemma = tok.lemma_.lower()
    if lemma in HARM_NOUNS | KILLING_NOUNS:
        return any(c.dep_ == "amod" and c.lower_ in FATAL_WORDS for c in tok.children)
    return lemma == "death" and (any(c.dep_ in ("compound", "amod") and c.lower_ in HARM_NOUNS for c in tok.children)
                                 or (tok.i > 0 and tok.head.i == tok.i - 1 and tok.head.lower_ in HARM_NOUNS))


def statistic(tok: Any) -> bool:
    """Whether a fatal noun counts many ("fatal shootings", "the city's 40th deadly shooting this year",
    "two fatal stabbings") rather than names one killing."""
    return tok.tag_ == "NNS" or any(c.dep_ in ("nummod", "amod") and (c.like_num or c.tag_ == "CD" or _ordinal(c))
                                    for c in tok.children)


def _ordinal(tok: Any) -> bool:
    """"40th", "2nd": a rank among many."""
    return tok.lower_[:1].isdigit() and tok.lower_.endswith(("th", "nd", "rd", "st"))


def noun_victim(tok: Any) -> Any | None:
    """Whose killing a noun names: "of" its victim ("the fatal shooting of a girl", "shooting death of
    teen"), or its possessor ("Ohio boy's fatal shooting"; "his shooting death" is no count: a pronoun)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    return poss


__all__ = ["FATAL_WORDS", "HARM_NOUNS", "KILLING_NOUNS", "fatal_noun", "noun_victim", "statistic"]
