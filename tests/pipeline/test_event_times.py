"""Which day an event gets: a time that tells a later state (a victim still in hospital, an arrest
after the attack) is not the attack's day."""
from __future__ import annotations

import pytest

from .analysis_helpers import analyse

PUBLISHED = "2014-06-07"  # a Saturday


def _assault_days(text: str) -> dict[str, tuple[str | None, str | None]]:
    st = analyse(text, published=PUBLISHED)
    return {e.trigger: (e.date.start, e.date.precision) if e.date else (None, None)
            for e in st.events if e.event == "ASSAULT"}


@pytest.mark.parametrize("text, trigger, day", [
    ("A 9-year-old girl remained in critical condition Friday after a shooting that also injured two men "
     "near a bus stop on Elm Avenue.", "injured", "2014-06-05"),
    ("An investigation was underway Thursday evening after a cook was fatally shot behind a diner on "
     "Pine Road.", "shot", "2014-06-04"),
])
def test_a_later_states_day_is_not_the_attacks_but_bounds_it(text, trigger, day):
    st = analyse(text, published=PUBLISHED)
    [ev] = [e for e in st.events if e.event == "ASSAULT" and e.trigger == trigger]
    assert (ev.date.start, ev.date.precision, ev.date.inferred) == (day, "day", True)  # the day before, a guess


def test_an_arrests_day_says_nothing_of_the_attacks():
    days = _assault_days("Two men were arrested Monday after a shooting that killed a woman on Oak Street.")
    assert days["killed"][1] != "day"  # arrests come days later as often as not


@pytest.mark.parametrize("text, trigger", [
    ("Prosecutors said Friday that a man fatally shot his neighbour in Dalmora.", "shot"),
    ("The coroner confirmed Friday that both men died of gunshot wounds.", "died"),
    ("A teenager was treated in hospital after accidentally shooting himself in his Harbourton garage, deputies "
     "stated Wednesday.", "shooting"),
])
def test_the_day_words_were_said_is_not_the_attacks(text, trigger):
    assert _assault_days(text)[trigger][1] != "day"  # the day of the telling, most often the report's


@pytest.mark.parametrize("text, trigger, day", [
    ("A man was shot and killed Saturday after an argument outside a store.", "killed", "2014-06-07"),
    ("Two men were shot dead Thursday, police said Friday.", "shot", "2014-06-05"),
    ("Police said Friday that a man was shot Thursday night outside a bar.", "shot", "2014-06-05"),
    ("Gunmen attacked a patrol on Thursday after a week of threats.", "attacked", "2014-06-05"),
])
def test_the_attacks_own_day_stays(text, trigger, day):
    assert _assault_days(text)[trigger] == (day, "day")


def test_the_incident_day_told_elsewhere_replaces_a_later_state():
    text = ("A 9-year-old girl remained in critical condition Friday after a shooting on Elm Avenue. "
            "The shooting happened just after 9 p.m. Wednesday, police said.")
    st = analyse(text, published=PUBLISHED)
    days = {e.date.start for e in st.events if e.event == "ASSAULT" and e.date and e.date.precision == "day"}
    assert "2014-06-06" not in days and "2014-06-04" in days


def test_an_arrest_told_with_a_second_verb_is_still_no_attack_day():
    text = ("Ten days after a cook was fatally shot behind a diner on Elm Street, a neighbour has been "
            "arrested and charged Friday night.")
    assert _assault_days(text)["shot"][1] != "day"


def test_a_day_told_outside_the_attacks_sentences_dates_them():
    text = ("A 15-year-old boy from Dalmora died in an apparent accidental shooting, deputies said. "
            "The sheriff's office gave no further details. Neighbours described the family as quiet. "
            "The school will offer counselling to students. "
            "His body was found near a pond on the family farm on Thursday.")
    days = _assault_days(text)
    assert days and all(day == ("2014-06-05", "day") for day in days.values())


def test_a_telling_day_outside_the_attacks_sentences_does_not_date_them():
    text = ("A 15-year-old boy from Dalmora died in an apparent accidental shooting, deputies said. "
            "The sheriff's office gave no further details. Neighbours described the family as quiet. "
            "The school will offer counselling to students. "
            "The family farm lies near a pond, the sheriff's office said Thursday.")
    days = _assault_days(text)
    assert days and all(precision != "day" for _, precision in days.values())


def test_a_fronted_telling_day_gives_way_to_the_day_that_was_told():
    text = ("A Dalmora man died in an apparent accidental shooting at his cabin. Wednesday, the county "
            "sheriff's office said deputies found the man near the porch on Tuesday night.")
    st = analyse(text, published="2014-06-05")
    days = {e.date.start for e in st.events if e.event == "ASSAULT" and e.date and e.date.precision == "day"}
    assert days == {"2014-06-03"}


def test_police_called_to_the_scene_tell_the_incidents_day():
    text = ("A boy who shot himself with his father's pistol remained in critical condition Monday, the Dalmora "
            "County sheriff's office said. The sheriff would not say where the pistol had been kept. "
            "No charges have been filed. The family had moved to the farm on Friday, neighbours said. "
            "Deputies were called to the farmhouse at 4:26 p.m. Saturday.")
    st = analyse(text, published="2014-06-10")
    days = {e.date.start for e in st.events if e.event == "ASSAULT" and e.date and e.date.precision == "day"}
    assert days == {"2014-06-07"}


@pytest.mark.parametrize("text", [
    "A rifle shot rang out on Elm Street. Tuesday night, deputies say a four-year-old girl was found shot.",
    "Deputies say Tuesday night a teenager shot his cousin in a Dalmora driveway.",
    "Tuesday night, deputies said a four-year-old girl was shot in a Dalmora driveway.",
])
def test_a_day_told_beside_a_present_telling_is_the_attacks(text):
    # "say" in the present tells now: the day beside it is what was said; an age ("a four-year-old") names no day
    days = {e.date.start for e in analyse(text, published="2014-06-11").events if e.event == "ASSAULT"}
    assert days == {"2014-06-10"}


def test_a_past_telling_keeps_its_own_day():
    days = _assault_days("Deputies said Tuesday a teenager shot his cousin in a Dalmora driveway.")
    assert days["shot"][1] != "day"


@pytest.mark.parametrize("text", [
    "Deputies say Friday's shooting was an accident.",
    "Deputies say Friday shooting was accidental",
    "The shooting on Friday was an accident, deputies said.",
])
def test_an_attack_noun_with_its_own_day_is_an_event(text):
    assert _assault_days(text) == {"shooting": ("2014-06-06", "day")}


def test_an_attack_noun_with_nothing_said_of_it_is_still_background():
    st = analyse("The fighting went on.", published=PUBLISHED)
    assert not st.events


def test_a_fronted_telling_day_stays_the_tellings_when_what_was_said_names_a_week():
    text = "On Thursday, the coroner said the shooting death of a guard in Dalmora this week was an accident."
    st = analyse(text, published="2014-06-13")
    assert {e.date.start for e in st.events if e.event == "ASSAULT"} == {"2014-06-09"}  # this week, not Thursday


@pytest.mark.parametrize("text", [
    # in custody, in jail: the suspect's day, not the attack's
    "Two men were shot and killed outside a Dalmora bar. Quenton Varga, 19, was taken into custody by deputies "
    "on Thursday and charged with murder. Varga killed the men on May 10 after an argument, deputies said.",
    "More than two weeks after a boy was fatally shot in a Dalmora home, a man has been charged in his death. "
    "Quenton Varga, 23, was in jail on Friday night, charged in the death of the boy. "
    "The boy was shot and killed in an apartment on Kinsey Avenue on May 10.",
    # a later noun's day: the arraignment, not the shooting
    "A Dalmora man faces a neglect charge after his girlfriend's son shot himself with the man's handgun. "
    "Quenton Varga appeared before a judge during his Friday arraignment. The boy shot himself in the leg on "
    "May 10, deputies said.",
    "Four students were wounded in a shooting outside Harbourton High School. The three suspects appeared in court "
    "Wednesday morning for arraignment on the indictment. Police said the May 10 shooting outside the school was "
    "gang-related.",
    # the day charges were filed
    "A teenager is jailed in the shooting death of a Dalmora man. The county prosecutor filed charges of murder "
    "Sunday against Quenton Varga. Police said Varga shot the man on May 10.",
])
def test_the_day_a_suspect_is_held_or_arraigned_is_not_the_attacks(text):
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events
            if e.event == "ASSAULT" and e.date and e.date.precision == "day"}
    assert days == {"2014-05-10"}


@pytest.mark.parametrize("text, trigger, day", [
    ("A man was in the hospital on Friday after he was shot in Dalmora on Thursday.", "shot", "2014-06-05"),
    ("Deputies say a teenager was shot on Friday at a vigil for his cousin.", "shot", "2014-06-06"),
])
def test_an_attack_s_own_day_beside_a_state_or_a_later_noun_stays(text, trigger, day):
    assert _assault_days(text)[trigger] == (day, "day")


@pytest.mark.parametrize("text, day", [
    # the day a sentence says the incident happened on beats one told from where the reporter stands
    ("A boy and a woman were shot overnight in north Dalmora. It happened around 10:45 p.m. Friday on Kossuth "
     "Street, police said.", "2014-06-06"),
    ("Shots rang out in Dalmora overnight and four people were hurt. The shooting took place around 11:45 p.m. "
     "Friday, police said.", "2014-06-06"),
    # a span of days ("last weekend") narrows to the day the article gives the incident
    ("A Dalmora man faces a charge after accidentally shooting his friend last weekend. Quenton Varga was "
     "arrested after Sunday afternoon's incident.", "2014-06-01"),
])
def test_the_day_the_article_says_it_happened_settles_a_vaguer_one(text, day):
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT"}
    assert days == {day}


def test_a_day_the_reporter_tells_stays_when_the_article_says_no_other():
    days = {e.date.start for e in analyse("Two men were shot overnight outside a Dalmora bar, police said.",
                                          published=PUBLISHED).events if e.event == "ASSAULT"}
    assert days == {PUBLISHED}


@pytest.mark.parametrize("text, day, inferred", [
    # a death is dated by the attack its sentence gives as its cause, as ACLED and GVA date the attack
    ("Quenton Varga, 11, died Thursday morning from wounds suffered in a shooting Monday in Dalmora.",
     "2014-06-02", False),
    ("A man was shot Monday and died Thursday at Harbourton Memorial Hospital.", "2014-06-02", False),
    # with no day of the attack's own, the death's day stands
    ("A man died Tuesday after a shooting in Dalmora.", "2014-06-03", False),
    ("A man died at Harbourton General Hospital at 7 p.m. on May 10, less than an hour after he was found shot "
     "on First Street.", "2014-05-10", False),
])
def test_a_death_takes_the_day_of_the_attack_that_caused_it(text, day, inferred):
    [ev] = [e for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT"]
    assert (ev.date.start, ev.date.inferred) == (day, inferred)


def test_the_day_of_a_death_is_no_day_for_its_attack():
    days = _assault_days("A teenager died Thursday after he was shot by a pellet gun in Dalmora.")
    assert days["shot"][1] != "day"


def test_a_statistic_of_deaths_keeps_its_year():
    [ev] = [e for e in analyse("According to a study by the Harbourton Ledger and Dalmora Today, 141 children died in "
                               "unintentional shootings in 2013.", published=PUBLISHED).events if e.event == "ASSAULT"]
    assert (ev.date.start, ev.date.precision) == ("2013-01-01", "year")


def test_a_death_with_no_attack_named_keeps_its_day():
    assert _assault_days("A Dalmora man died of a gunshot wound on Tuesday.")["died"] == ("2014-06-03", "day")


def test_the_time_a_shooting_was_reported_is_the_incident_s():
    text = ("A Dalmora boy, 5, died after he was shot. The shooting was reported near Quenton Road at about "
            "7:15 p.m. Tuesday.")
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT"}
    assert days == {"2014-06-03"}


@pytest.mark.parametrize("text, day", [
    ("A 16-year-old boy died on Friday, two days after he was shot in Dalmora.", "2014-06-04"),
    ("A woman died Saturday, a week after she was wounded in a drive-by shooting in Dalmora.", "2014-05-31"),
    ("A teenager died Thursday, four days after he was shot by a pellet gun in Dalmora.", "2014-06-01"),
])
def test_a_death_dated_days_after_its_attack_dates_the_attack(text, day):
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT"}
    assert days == {day}


def test_a_headline_death_days_after_its_attack_is_dated_by_the_lead():
    text = "Dalmora Teen Dies 4 Days After Pellet Gun Shooting\n\nPolice said the teen died on Thursday."
    assert _assault_days(text)["Dies"] == ("2014-06-01", "day")  # the lead's Thursday, four days back


def test_the_day_of_a_funeral_is_not_the_attack_s():
    days = _assault_days("Funeral services are tonight in Dalmora for a teen who police say was accidentally shot "
                         "and killed by his friend.")
    assert all(precision != "day" or day != PUBLISHED for day, precision in days.values())


@pytest.mark.parametrize("text, day", [
    # "last night", said on Saturday of a shooting in Saturday's small hours: Saturday
    ("A teenager was shot and killed in Dalmora last night. Deputies arrived at the house on Quenton Avenue at "
     "2:40 a.m. Saturday.", "2014-06-07"),
    ("A teenager was shot and killed in Dalmora last night.", "2014-06-06"),
    ("A teenager was shot and killed in Dalmora last night. Deputies arrived at 10 a.m. Saturday.", "2014-06-06"),
])
def test_last_night_ran_past_midnight_when_the_small_hours_are_named(text, day):
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT"}
    assert days == {day}


def test_a_death_joined_to_its_attack_does_not_date_the_attack():
    # the small model hangs "died Sunday afternoon" on "shot" as a second clause: Sunday is the death's day
    text = ("Fourth victim of Dalmora shooting dies after several days in hospital\n\nA woman shot at a Dalmora "
            "home last week died Sunday afternoon at Harbourton Memorial Hospital.\n\nShe had been in critical "
            "condition since the shooting at the home on Quenton Road early Thursday.")
    days = {e.date.start for e in analyse(text, published="2016-10-31").events if e.event == "ASSAULT"}
    assert days == {"2016-10-27"}


@pytest.mark.parametrize("text, day", [
    # written on a Saturday about "last week's shooting": its "Saturday" is the one before
    ("Varga is one of four suspects in last week's shooting in Dalmora. The shooting was reported near Quenton "
     "Road at about 7:15 p.m. Saturday.", "2014-05-31"),
    ("Varga is a suspect in the shooting in Dalmora. The shooting was reported near Quenton Road at about "
     "7:15 p.m. Saturday.", "2014-06-07"),
])
def test_last_weeks_shooting_moves_a_weekday_read_as_today(text, day):
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events
            if e.event == "ASSAULT" and e.date.precision == "day"}
    assert days == {day}


def test_a_dated_time_of_response_overrides_a_bare_weekday():
    text = ("A man is in critical condition after shooting himself in a Dalmora parking lot Saturday night, police "
            "said. Officers responded to the parking lot on Friday, June 6, at about 11 p.m.")
    days = {e.date.start for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT"}
    assert days == {"2014-06-06"}



def test_another_days_weekday_in_a_round_up_keeps_its_day():
    text = ("Police responded to a shooting on Quenton Road in Dalmora on Thursday, June 5, at about 10 p.m. A man "
            "was killed in a Friday night shooting on Harbour Street.")
    days = sorted(e.date.start for e in analyse(text, published=PUBLISHED).events if e.event == "ASSAULT")
    assert days == ["2014-06-05", "2014-06-06"]
