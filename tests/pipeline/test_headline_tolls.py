"""Headline tolls: the pattern reader, and its figures on the headline's event."""
import pytest

from sitroom.pipeline.headline_tolls import headline_figure, headline_tolls
from tests.pipeline.analysis_helpers import analyse


@pytest.mark.parametrize("headline, expected", [
    ("Man Killed, 4 Others Injured In Homewood Shooting", [("killed", 1), ("wounded", 4)]),
    ("3 Killed, 2 Hurt in Pasadena Shooting", [("killed", 3), ("wounded", 2)]),
    ("Two Dead, Two Critically Injured After Shooting", [("killed", 2), ("wounded", 2)]),
    ("4 shot, 1 dead in Pine Bluff shooting", [("wounded", 3), ("killed", 1)]),  # the dead were shot too
    ("Man shot dead in Memphis", [("killed", 1)]),
    ("Teen accidentally shot", [("wounded", 1)]),
    ("Teen fatally shot outside Dalmora corner store", [("killed", 1)]),  # "fatally": the shot one died
    ("16-year-old shot, killed near Harbour Street", [("killed", 1)]),
    ("Third person dies after shooting near Dalmora school", [("killed", 3)]),  # three dead by now
    ("4th victim of Harbourton shooting dies in hospital", [("killed", 4)]),
    ("Woman wounded in Harbourton drive-by shooting dies", [("killed", 1)]),  # the wounded woman died
    ("7 people shot, 2 fatally, at Harbourton block party", [("wounded", 5), ("killed", 2)]),
    ("2 suspects shot by police", []),
    ("Dalmora police kill gunman after rampage injures three", [("wounded", 3), ("killed", 1)]),  # shooters die too
    ("Suspect killed in Harbourton police shooting", [("killed", 1)]),
    ("Homeowner kills intruder in Dalmora", [("killed", 1)]),
    ("Update: Man Wounded in Nov. 2 Dalmora Shooting Dies", [("killed", 1)]),  # a day of the month, not two
    ("2 cops shot, suspect and bystander killed in Dalmora rampage", [("wounded", 2), ("killed", 2)]),  # others
    ("Boy, 2, and man killed, woman wounded in Dalmora shooting", [("wounded", 1), ("killed", 2)]),  # an age
    ("Man, 23, and 2 others shot in Harbourton", [("wounded", 3)]),
    ("5-year-old killed in reported accidental shooting", [("killed", 1)]),  # an age, not a count
    ("15-year-old killed, 13-year-old injured in 9th Ward shooting", [("killed", 1), ("wounded", 1)]),
    ("Police: 18-month old dead after shooting in Beebe", [("killed", 1)]),
    ("2 girls, ages 11 and 12, shot in head", []),
    ("Victim identified in fatal shooting", []),
    ("Driver killed, another injured in parking lot robbery", [("killed", 1), ("wounded", 1)]),
    ("Deputies arrest man after shooting spree injures three", [("wounded", 3)]),  # the active voice
    ("Gunfire wounds 2 teens outside school", [("wounded", 2)]),
    ("Parking lot shooting lands three women in hospital", [("wounded", 3)]),
    ("Car crash sends 3 to the hospital", [("wounded", 3)]),
    ("Man killed 3 days after wedding", [("killed", 1)]),  # days, not victims
    ("Father, 3 children found dead in Lake County home", [("killed", 4)]),  # a list of the dead: its sum
    ("2 adults, 1 child found shot to death in apartment", [("killed", 3)]),
    ("Man kills his wife and her brother, turns gun on himself", [("killed", 3)]),  # the killer's death too
    ("Former guard killed 8-year-old girl, husband, herself", [("killed", 3)]),
    ("Lakeside man kills 7-year-old, then himself", [("killed", 2)]),
    ("Woman shoots 10-year-old daughter, then herself in murder-suicide", [("killed", 2)]),
    ("Man shoots neighbor and her son in dispute", []),  # shot: killed or wounded, it does not say
    ("2 women, teen wounded in downtown shooting", [("wounded", 3)]),  # a list of the wounded
    ("Man, 2 teenage sons shot in Eastside", [("wounded", 3)]),
    ("2 men, 1 woman shot, 1 dead in drive-by", [("killed", 1), ("wounded", 2)]),  # the dead were shot too
    ("Man, 23, shot in Elm Park", [("wounded", 1)]),  # an age, not a second victim
    ("Girl, 16, fatally shot in Dalmora", [("killed", 1)]),
    ("Teen Charged With Shooting and Killing 19-Year-Old Cousin", [("killed", 1)]),
    ("Harbourton man kills 2-year-old before shooting himself", [("killed", 2)]),  # the killer's death too
    ("Gunman held after killing deputy, 2 others in Dalmora", [("killed", 3)]),
    ("Toddler in critical condition after Dalmora shooting", [("wounded", 1)]),
    ("Father, 6-Year-Old Daughter Shot & Killed In Harbourton", [("killed", 2)]),
    ("Teen Shot & Killed Near Dalmora Park", [("killed", 1)]),
    ("Harbourton 4-year-old in serious condition after gunshot", [("wounded", 1)]),
    ("Charges filed in shooting that killed Harbourton teen", [("killed", 1)]),  # a place, then the person
    ("Dalmora student takes own life in school parking lot", [("killed", 1)]),
    ("Police: Dalmora Man Took His Own Life, No Others Hurt", [("killed", 1)]),
    ("Three-year-old wounded in Harbourton drive-by", [("wounded", 1)]),  # an age in words
    ("Juvenile shot near Dalmora skate park", [("wounded", 1)]),
    ("Drive-by that wounded a 9-year-old, 2 others leaves Dalmora street uneasy", [("wounded", 3)]),
    ("Man arrested after injuring himself, teen in accidental shooting", [("wounded", 2)]),
    ("Bullet grazes teen after dispute at Dalmora skate park", [("wounded", 1)]),
    ("Injured man leaves hospital a week after Harbourton shooting", []),  # an adjective, not a count
    ("Suspect held in Dalmora shooting that killed girlfriend, injured 5 others", [("wounded", 5), ("killed", 1)]),
    ("Gunman kills wife, wounds 2 neighbours in Harbourton", [("wounded", 2), ("killed", 1)]),
    ("Harbourton Shootings Wound 6, Police Say", [("wounded", 6)]),
    ("Woman critical after being accidentally shot in Dalmora", [("wounded", 1)]),
    ("Two charged in shooting that injured 6-year-old girl", [("wounded", 1)]),
    ("Man kills wife, son in Dalmora", [("killed", 2)]),  # a list, not one person
])
def test_headline_tolls(headline, expected):
    assert [(kind, value) for kind, value, *_ in headline_tolls(headline)] == expected


def test_a_round_up_of_several_shootings_is_cumulative():
    assert headline_figure(5, "5 Dead", "5 Dead, 17 Wounded In Weekend Shootings").cumulative
    assert not headline_figure(3, "3 Killed", "3 Killed, 2 Hurt in Pasadena Shooting").cumulative
    # a violent night or weekend, a count of hours: several incidents however the shooting is worded
    assert headline_figure(6, "Six injured", "Six injured in violent weekend in Harbourton").cumulative
    assert headline_figure(17, "17 killed", "Twin brothers among 17 killed in deadliest weekend of year").cumulative
    assert headline_figure(4, "4 shot", "4 shot in 4 hours across Dalmora").cumulative
    assert not headline_figure(1, "One dead", "One dead after weekend shooting in Dalmora").cumulative


@pytest.mark.parametrize("headline, killed, wounded", [
    ("3 Killed, 2 Hurt in Pasadena Shooting", 3, 2),
    ("Suspect Sought After 1 Killed, 5 More Wounded In Strip District Shooting", 1, 5),
    ("Driver killed, another injured in parking lot robbery", 1, 1),
    ("Man kills his wife and her brother, turns gun on himself", 3, None),
    ("Woman shoots 10-year-old daughter, then herself in murder-suicide", 2, None),  # the girl is not wounded
    ("17-year-old boy shot, killed near Harbour Street", 1, None),  # the boy shot is the boy killed
    ("Third person dies after shooting near Dalmora school", 3, None),  # not the one "person dies" reads
    ("Woman wounded in Harbourton drive-by shooting dies", 1, None),
    ("4-year-old shot to death in Dalmora, pushing the year's toll to 37", 1, None),  # the 37 is a year's
    ("One dead, five people shot in Harbourton", 1, 4),  # the six shot the parse reads hold the dead
])
def test_a_headlines_tolls_are_one_incident(headline, killed, wounded):
    st = analyse("Police are investigating the shooting.", title=headline)
    found = [(e.killed.value if e.killed else None, e.wounded.value if e.wounded else None)
             for e in st.events if e.killed or e.wounded]
    assert found == [(killed, wounded)]


def test_the_body_is_not_read_with_the_headline_pattern():
    st = analyse("Reporters said 3 killed, 2 hurt was the rumour, but nobody was harmed.")
    assert not [f for f in st.figures if f.value.headline]


def test_a_stations_number_before_a_dash_is_no_count():
    assert headline_tolls("KXYZ Channel 9 - Three Hurt in Bowling Alley Shooting") == [
        ("wounded", 3, (17, 22), (23, 27))]


def test_a_headline_that_is_all_the_text_is_read_as_a_headline():
    """A page whose body was debris keeps only its headline: the headline's rules read it."""
    for headline, killed, wounded in [("Four Shot Outside Dalmora Skating Rink", None, 4),
                                      ("Harbourton 3-year-old shot to death near church", 1, None)]:
        st = analyse(headline, title=headline)
        assert [(e.killed.value if e.killed else None, e.wounded.value if e.wounded else None)
                for e in st.events if e.killed or e.wounded] == [(killed, wounded)]
