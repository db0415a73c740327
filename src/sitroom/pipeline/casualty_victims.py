"""Who counts as a victim: a person, people, someone of a stated age, a victim named without a number.

Split from `sitroom.pipeline.casualties`, which decides which verb's victims they are; this
module says how many people a victim phrase is when it has no number ("the boy", "Juan Cruz",
"his sons, ages 3 and 4", "both men").
"""
from __future__ import annotations

from typing import Any

from sitroom.pipeline.casualty_tolls import SELF
from sitroom.pipeline.killing_nouns import HARM_NOUNS, KILLING_NOUNS
from sitroom.pipeline.numbers import CountMention

# People a headline names without an article ("Child killed in accidental shooting").
PERSON_NOUNS = {"man", "woman", "boy", "girl", "child", "teen", "teenager", "toddler", "infant", "baby", "officer",
                "deputy", "trooper", "soldier", "student", "father", "mother", "son", "daughter", "victim", "driver",
                "worker", "guard", "resident", "youth", "civilian", "journalist", "policeman", "person",
                # kin and friends: "killed his son, wife, himself"
                "wife", "husband", "girlfriend", "boyfriend", "brother", "sister", "grandmother", "grandfather",
                "grandson", "granddaughter", "nephew", "niece", "cousin", "neighbor", "neighbour", "friend",
                "stepfather", "stepmother", "stepson", "stepdaughter", "fiancee", "fiance", "roommate"}
# Plural nouns for people: "shot four people" counts the shot.
PEOPLE_NOUNS = {"people", "person", "man", "woman", "child", "teen", "teenager", "officer", "victim", "student",
                "soldier", "civilian", "bystander", "relative", "family", "member", "worker", "resident"}


# What a count may count that is no victim: "Five shootings, four days, three people dead" (a clumsy parse
# makes the shootings the dead), "found in the 1800 block suffering from gunshot wounds" (an address)
NOT_VICTIMS = KILLING_NOUNS | HARM_NOUNS | {
    "incident", "attack", "shot", "round", "bullet", "minute", "hour", "day", "week", "month", "year", "time",
    "block", "street", "avenue", "road", "mile"}


def a_person(tok: Any) -> bool:
    """A person or people: a name, someone of a stated age, a person noun, a counted people noun."""
    lemma = tok.lemma_.lower()
    return tok.ent_type_ == "PERSON" or aged(tok) or lemma in PERSON_NOUNS or lemma in PEOPLE_NOUNS or (
        tok.like_num and tok.head.lemma_.lower() in PEOPLE_NOUNS)


def aged(tok: Any) -> bool:
    """"a 7-year-old", "13 year old Shaquez Brunner": an age marks a person whatever NER says."""
    if tok.lower_ == "old" and any(c.lower_ in ("year", "years", "month", "months", "week", "weeks", "day", "days")
                                   for c in tok.children):
        return True
    return any(c.dep_ == "amod" and aged(c) for c in tok.children)


def named_person_elsewhere(tok: Any) -> bool:
    """A surname the tagger took for an organisation here ("killing Troyer") but read as a person's
    name elsewhere in the article: a person's full name, or a full name with an age after it ("Eli
    Troyer, 21,"), whatever the tagger made of it."""
    doc = tok.doc
    for e in doc.ents:
        if len(e) < 2 or tok.text not in {t.text for t in e} or e.start <= tok.i < e.end:
            continue
        with_age = e.end + 2 < len(doc) and doc[e.end].text == "," and doc[e.end + 1].like_num \
            and doc[e.end + 2].text == ","
        if e.label_ == "PERSON" or (with_age and all(t.tag_ == "NNP" for t in e)):
            return True
    return False


def one_victim(victim: Any) -> CountMention | None:
    """Victims named without a number: a person ("Juan Cruz was shot dead"), someone of a stated
    age ("a 7-year-old is dead"), a singular noun with "the", "a", "another" or a possessive ("the
    councilman died", "his son was wounded", "another was injured"), a headline's bare person noun ("Child
    killed"); "both men" are two."""
    dets = {c.lower_ for c in victim.children if c.dep_ in ("det", "poss", "predet")}
    if victim.lower_ in SELF or (victim.lower_ in ("he", "she", "another") and victim.dep_ in ("nsubj", "nsubjpass")):
        return CountMention.of_token(victim, 1, victim.i)  # "accidentally shot himself", "another was injured"
    if "both" in dets and victim.tag_ == "NNS":
        return CountMention.of_token(victim, 2, victim.i)
    doc = victim.doc
    after = [doc[victim.i + 2]] if victim.i + 2 < len(doc) and doc[victim.i + 1].text == "," else []
    ages = [t for a in {*[c for c in victim.children if c.dep_ == "appos"], *after}
            if a.lemma_.lower() == "age" for t in a.subtree if t.like_num]
    if victim.tag_ == "NNS" and len(ages) > 1:
        return CountMention.of_token(victim, len(ages), victim.i)  # "his sons, ages 3 and 4": two
    named = victim.tag_ == "NNP" and any(c.ent_type_ == "PERSON" for c in victim.conjuncts)
    article = victim.tag_ == "NN" and victim.pos_ == "NOUN" and bool(
        dets & {"the", "a", "an", "his", "her", "their", "its", "another"}
        or (not dets and victim.lower_ in PERSON_NOUNS and victim.dep_ in ("appos", "ROOT", "nsubj", "nsubjpass")))
    proper = victim.tag_ == "NNP" and victim.dep_ in ("nsubjpass", "nsubj", "dobj") and (
        victim.ent_type_ in ("PERSON", "") or named_person_elsewhere(victim))
    single = victim.ent_type_ == "PERSON" or named or aged(victim) or article or proper
    if not single or victim.lower_ in ("one",):
        return None
    return CountMention.of_token(victim, 1, victim.i)


__all__ = ["NOT_VICTIMS", "PEOPLE_NOUNS", "PERSON_NOUNS", "a_person", "aged", "named_person_elsewhere", "one_victim"]
