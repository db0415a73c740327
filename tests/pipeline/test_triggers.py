"""Triggers whose conditions look past the verb: a gun that goes off is a shooting, an alarm is not."""
from __future__ import annotations

import pytest

from .analysis_helpers import analyse


@pytest.mark.parametrize("text, expected", [
    # a gun that goes off or discharges is a shooting; a patient discharged from hospital is not
    ("The mother told deputies the gun discharged while her son was cleaning it in Dalmora.",
     [("ASSAULT", "discharged", "firearms")]),
    ("The boys were playing with a handgun in Dalmora when it went off on Sunday.", [("ASSAULT", "went", "firearms")]),
    ("The man was discharged from Harbourton General Hospital on Friday.", []),
])
def test_a_gun_that_goes_off_is_a_shooting(text, expected):
    found = analyse(text).events
    assert [(e.event, e.trigger, e.mode) for e in found] == expected


@pytest.mark.parametrize("text, expected", [
    # the small model tags "shot" as a noun here; its object shows it is the verb
    ("Police said a 16-year-old shot the clerk in Dalmora on Friday.", [("ASSAULT", "shot", "2020-02-14")]),
    # a shooting that happened, took place or was reported is an incident, with no victim named
    ("The shooting was reported near Quenton Street at about 8 p.m. Feb. 5.", [("ASSAULT", "shooting", "2020-02-05")]),
    ("The shooting took place outside a bar in Dalmora on Monday.", [("ASSAULT", "shooting", "2020-02-10")]),
    # so is one a day names, though the sentence is about a sentence
    ("Varga was sentenced to ten years for the May 2, 2015 shooting.", [("ASSAULT", "shooting", "2015-05-02")]),
    # police finding someone with gunshot wounds report a shooting; finding a gun does not
    ("Officers found a man on a Dalmora sidewalk at 4:45 p.m. Monday with gunshot wounds to the leg.",
     [("ASSAULT", "found", "2020-02-10")]),
    ("Officers found a gun under the seat of the car on Monday.", []),
    ("The photo shoot took place in Dalmora on Monday.", []),
    ("The shooting range opened in Harbourton on Monday.", []),
])
def test_a_shooting_told_as_an_incident(text, expected):
    found = analyse(text, published="2020-02-15").events
    assert [(e.event, e.trigger, e.date.start) for e in found] == expected
