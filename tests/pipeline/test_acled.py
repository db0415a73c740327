"""The PLOVER -> ACLED mapping's rules on their own (sentences written for these tests)."""
from __future__ import annotations

import pytest

from sitroom.pipeline.acled import acled_type


@pytest.mark.parametrize("text", [
    "Soldiers conducted an air-supported operation in the village, killing two people.",
    "Air-raids by the army targeted a market in the town.",
    "The air force struck a camp near the river.",
])
def test_air_operations_and_air_raids_are_air_strikes(text):
    assert acled_type("ASSAULT", None, {"MIL"}, set(), text) == ("Explosions/Remote violence", "Air/drone strike")


def test_rioters_riot_a_demonstrations_or_a_mobs():
    assert acled_type("ASSAULT", None, {"OPP"}, {"MIL"}, "Rioters threw rocks at soldiers in the town.") == (
        "Riots", "Mob violence")
    assert acled_type("ASSAULT", None, {"OPP"}, {"MIL"}, "Rioters threw rocks at soldiers.",
                      context="Rioters threw rocks at soldiers. The opposition had called a blockade.") == (
        "Riots", "Violent demonstration")
    # armed men throwing a grenade are no riot
    assert acled_type("ASSAULT", "explosives", {"UAF"}, {"CVL"}, "Gunmen threw a grenade at a bar.")[0] != "Riots"


def test_a_protests_violence_is_read_from_its_paragraph():
    sentence = "Students held a demonstration at the city hall."
    assert acled_type("PROTEST", None, {"OPP"}, set(), sentence) == ("Protests", "Peaceful protest")
    assert acled_type("PROTEST", None, {"OPP"}, set(), sentence,
                      context=sentence + " They set tyres ablaze at the gate.") == ("Riots", "Violent demonstration")


def test_people_killed_by_an_armed_side_with_no_side_of_their_own_are_civilians():
    killed = "Mercenaries killed three persons in the town."
    assert acled_type("ASSAULT", None, {"UAF"}, set(), killed, casualties=True) == ("Violence against civilians",
                                                                                     "Attack")
    # a clash stays a battle
    assert acled_type("ASSAULT", None, {"UAF"}, set(), "Mercenaries clashed with people in the town.",
                      casualties=True)[1] == "Armed clash"
