"""Country names one letter off: read as the country only where no other name is as close."""
from sitroom.pipeline.countries import misspelt_country, spelling_candidates

from .analysis_helpers import analyse

NAMES = spelling_candidates(["Ethiopia", "Zambia", "Gambia", "Iran", "Iraq", "South Sudan", "Jordan"])


def test_one_letter_off_one_country():
    assert misspelt_country("Ethopia", NAMES) == "Ethiopia"  # a letter dropped
    assert misspelt_country("Ethiopiia", NAMES) == "Ethiopia"  # a letter doubled
    assert misspelt_country("Xambia", NAMES) is None  # as close to Gambia as to Zambia
    assert misspelt_country("Irak", NAMES) is None  # too short to tell Iran from Iraq
    assert misspelt_country("Ethiopia", NAMES) is None  # a name itself is no misspelling
    assert misspelt_country("ethopia", NAMES) is None and misspelt_country("Jordan", NAMES) is None
    assert "South Sudan" not in NAMES  # names of several words are matched exactly, elsewhere


def test_a_misspelt_country_still_acts():
    st = analyse("Ethopia has agreed to reopen its borders to the monitors.")
    [ev] = [e for e in st.events if e.event == "AGREE"]
    assert [(a.country, a.sector) for a in ev.actors] == [("ETH", "GOV")]


def test_a_nationality_is_no_misspelt_country():
    st = analyse("The Nigerian said the Tunisian had left.")  # a letter from Nigeria and Tunisia
    assert not any(m.value.sector == "GOV" for m in st.actors)
