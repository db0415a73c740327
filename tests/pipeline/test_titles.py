"""split_site_name: a page title without the outlet's name, and what is a headline's own.

The titles here are written for these tests, in the shape stations and papers give their pages.
"""
from __future__ import annotations

import pytest

from sitroom.ingest.options import IngestOptions
from sitroom.pipeline.clean import clean_document
from sitroom.pipeline.titles import split_site_name
from sitroom.records import RawDocument


@pytest.mark.parametrize("title, head, site", [
    ("Teen shot on Dalmora Street - WXYZ Action News 5 - Harbourton, Texas", "Teen shot on Dalmora Street",
     "WXYZ Action News 5 - Harbourton, Texas"),
    ("Man wounded in Quenton Park - KXYZ News 12 Harbourton, Texas News Weather & Sports",
     "Man wounded in Quenton Park", "KXYZ News 12 Harbourton, Texas News Weather & Sports"),
    ("Two hurt at Dalmora bus station | WQRS Channel 4", "Two hurt at Dalmora bus station", "WQRS Channel 4"),
    ("Police: boy, 7, shot in Harbourton :: Harbourton-Herald.com", "Police: boy, 7, shot in Harbourton",
     "Harbourton-Herald.com"),
    ("Suspect arrested in Dalmora shooting - KQRS - FOX 12", "Suspect arrested in Dalmora shooting", "KQRS - FOX 12"),
    ("Girl, 4, hurt in accidental shooting - KXYZ.com |", "Girl, 4, hurt in accidental shooting", "KXYZ.com"),
    ("CBS 21 - Three shot at Harbourton party", "Three shot at Harbourton party", "CBS 21"),
])
def test_the_outlet_after_or_before_the_headline_goes(title, head, site):
    assert split_site_name(title) == (head, site)


@pytest.mark.parametrize("title", [
    "Dalmora shooting - what we know so far",
    "Shooting on Harbourton Road - police say the gunman fled",
    "Man, 23, shot - Dalmora",  # a place after the headline, with no outlet's name before it
    "WEST SIDE SHOOTING - 2 DEAD",  # a shouted headline: "WEST" is no call sign
    "Quenton Varga, 33 - The Harbourton Homicide Report",
    "Five hurt in shooting",
])
def test_a_headline_s_own_parts_stay(title):
    assert split_site_name(title) == (title, None)


def test_the_page_s_outlet_is_a_site_name_whatever_its_words():
    assert split_site_name("Two shot in Dalmora - The Harbourton Ledger", "The Harbourton Ledger") == (
        "Two shot in Dalmora", "The Harbourton Ledger")


def test_clean_keeps_the_site_name_among_the_dropped_lines():
    body = ("Two men were shot outside a store on Dalmora Street on Tuesday night, police said. "
            "Both were taken to Harbourton General Hospital.")
    article = clean_document(RawDocument(uri="mem://t", data=body,
                                         title="Two men shot on Dalmora Street - KXYZ News 9 - Harbourton, Texas"),
                             IngestOptions())
    assert article.title == "Two men shot on Dalmora Street"
    assert article.text.startswith("Two men shot on Dalmora Street\n\n")
    assert ("KXYZ News 9 - Harbourton, Texas", "site name") in {(d.text, d.reason) for d in article.dropped}
