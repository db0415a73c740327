"""The PLOVER -> ACLED mapping's rules on their own (sentences written for these tests)."""
from __future__ import annotations

import pytest

from sitroom.pipeline.acled import acled_type, party_followers_act, with_learned_prior


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


@pytest.mark.parametrize("text, attacker", [
    ("Members of the Green League and supporters of the XYZ clashed with sticks in the bazaar.", "XYZ"),
    ("ABC activists beat and injured a student at the college over a seat in the hostel.", "ABC activists"),
    ("Supporters of the ruling party set off crude bombs outside an opposition leader's house.", "the ruling party"),
])
def test_a_partys_followers_who_fight_riot(text, attacker):
    assert party_followers_act(text, [attacker])
    rule = acled_type("ASSAULT", None, set(), {"CVL"}, text, casualties=True, party=True)
    assert rule == ("Riots", "Mob violence")
    assert with_learned_prior("ASSAULT", rule, text, settled=True) == rule  # the learned prior does not undo it
    during = text.rstrip(".") + " during their rally."
    assert acled_type("ASSAULT", None, set(), {"CVL"}, during, party=True) == ("Riots", "Violent demonstration")
    held = "They held a demonstration at the court. " + text
    assert acled_type("ASSAULT", None, set(), {"CVL"}, text, context=held, party=True) == (
        "Riots", "Violent demonstration")
    # another party's rally they attacked is no demonstration of theirs
    theirs = text.rstrip(".") + " as the other party was holding a rally."
    assert acled_type("ASSAULT", None, set(), {"CVL"}, theirs, context=theirs, party=True) == ("Riots", "Mob violence")


def test_a_partys_followers_as_victims_or_an_armed_groups_members_are_no_party_riot():
    hurt = "Twelve members of the Green League were injured when soldiers fired on them."
    assert not party_followers_act(hurt, ["soldiers"])
    assert not party_followers_act(hurt, [], None)  # a passive trigger: no subject that acts
    crowd = "Dozens of ABC members of a rival faction stormed the office."
    assert party_followers_act(crowd, [], (0, crowd.index(" stormed")))
    claimed = "The group claimed an attack on soldiers, XYZ members and aid workers, killing five."
    assert not party_followers_act(claimed, [], (0, len("The group")))  # they were among its victims
    text = "Members of the ABC attacked a village, killing five civilians."
    assert acled_type("ASSAULT", None, {"REB"}, {"CVL"}, text, casualties=True, party=True)[0] != "Riots"


def test_crowd_control_is_no_shelling_nor_grenade():
    text = "Police fired rubber bullets and tear gas shells at the marchers."
    assert acled_type("ASSAULT", "heavy-weapons", {"COP"}, set(), text)[1] != "Shelling/artillery/missile attack"
    assert acled_type("ASSAULT", None, {"COP"}, set(), "Police threw sound grenades at the crowd.")[1] != "Grenade"
    # real artillery stays shelling, and a hand grenade a grenade
    assert acled_type("ASSAULT", "heavy-weapons", {"MIL"}, set(), "Troops fired mortar shells at the hill.")[1] == \
        "Shelling/artillery/missile attack"
    assert acled_type("ASSAULT", None, {"UAF"}, set(), "Gunmen threw a grenade at the bar.")[1] == "Grenade"


def test_an_off_duty_or_retired_officer_is_attacked_as_a_civilian():
    text = "Gunmen shot dead a retired police sergeant outside his shop."
    former_fighter = "Militiamen ambushed a former rebel fighter who had joined another group."
    assert acled_type("ASSAULT", None, {"UAF"}, {"REB"}, former_fighter)[0] == "Battles"  # a former fighter is armed
    assert acled_type("ASSAULT", None, {"UAF"}, {"COP"}, text, casualties=True) == ("Violence against civilians",
                                                                                     "Attack")
    # on duty, or with colleagues on duty among the victims, it is a battle
    on_duty = "Gunmen shot dead a police sergeant at a checkpoint and a retired officer standing nearby."
    assert acled_type("ASSAULT", None, {"UAF"}, {"COP"}, on_duty, casualties=True)[0] == "Battles"
    assert acled_type("ASSAULT", None, {"UAF"}, {"COP"}, "Gunmen shot dead a police sergeant.")[0] == "Battles"


def test_raids_that_burn_or_take_property_without_casualties_are_property_destruction():
    for text in ("Armed men raided a clinic, setting fire to its generator.",
                 "Militiamen attacked the depot, which was pillaged and burned down.",
                 "Gunmen stopped the lorry and took the drivers' belongings."):
        assert acled_type("ASSAULT", None, {"UAF"}, set(), text) == ("Strategic developments",
                                                                     "Looting/property destruction"), text


def test_the_month_of_march_is_no_protest_march():
    killed = "On 2 March 2023, soldiers killed three people in a village near the river."
    assert acled_type("ASSAULT", None, {"MIL"}, {"CVL"}, killed, casualties=True) == ("Violence against civilians",
                                                                                      "Attack")
    marched = "Students marched to the ministry and soldiers fired on them, killing two."
    assert acled_type("ASSAULT", None, {"MIL"}, {"CVL"}, marched, casualties=True)[0] == "Protests"


def test_a_gold_mine_is_no_landmine():
    text = "Villagers stormed a gold mine and fought the mine's guards."
    assert acled_type("ASSAULT", None, {"CVL"}, {"UAF"}, text)[1] != "Remote explosive/landmine/IED"
    assert acled_type("ASSAULT", None, set(), {"MIL"}, "A patrol vehicle hit a mine on the road.")[1] == \
        "Remote explosive/landmine/IED"


def test_a_man_who_carried_a_bomb_is_no_bomber_aircraft():
    text = "A suspected bomber was shot dead by police at a checkpoint."
    assert acled_type("ASSAULT", None, {"COP"}, set(), text)[1] != "Air/drone strike"
    assert acled_type("ASSAULT", None, {"MIL"}, set(), "Long-range bombers hit a depot.")[1] == "Air/drone strike"
