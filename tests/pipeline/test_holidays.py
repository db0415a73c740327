"""Holidays as dates: fixed and movable days, resolved like weekdays against the publication date."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline.holidays import holiday_date, seasonal_thing
from sitroom.pipeline.time import resolve_date

DEC27 = date(2014, 12, 27)


@pytest.mark.parametrize("text, day", [
    ("Christmas", "2014-12-25"), ("Christmas night", "2014-12-25"), ("on Christmas Eve", "2014-12-24"),
    ("New Year's Eve", "2014-12-31"), ("New Year\u2019s Day", "2015-01-01"),  # a year past, days ahead: the next
    ("Fourth of July", "2014-07-04"),
    ("Thanksgiving", "2014-11-27"),  # the fourth Thursday of November
    ("Memorial Day", "2014-05-26"),  # the last Monday of May
    ("Labor Day", "2014-09-01"),  # the first Monday of September
    ("Easter Sunday", "2014-04-20"), ("Halloween night", "2014-10-31"),
])
def test_a_holiday_is_its_last_day_on_or_before_publication(text, day):
    span = resolve_date(text, DEC27)
    assert (span.start, span.end, span.precision) == (day, day, "day")


def test_in_future_context_a_holiday_is_the_next_one():
    assert holiday_date("Christmas", date(2016, 12, 1), future=True).start == "2016-12-25"
    assert holiday_date("Easter", date(2016, 4, 1)).start == "2016-03-27"


def test_no_holiday_no_date():
    assert holiday_date("Christmas Island", DEC27) is None and holiday_date("Christmas", None) is None


def test_a_thing_of_the_season_or_a_time_around_it_is_no_day():
    assert seasonal_thing("Christmas", "gift") and seasonal_thing("Memorial Day", "weekend")
    assert seasonal_thing("Christmas", ",", "after") and seasonal_thing("Thanksgiving", "the", "since")
    assert not seasonal_thing("Christmas", "night") and not seasonal_thing("Christmas", None, "on")


def test_a_holiday_long_past_with_the_next_one_close_is_the_next():
    assert holiday_date("New Year's Eve", date(2016, 12, 18)).start == "2016-12-31"
    assert holiday_date("New Year's Eve", date(2017, 1, 20)).start == "2016-12-31"  # recent: the last one
    assert holiday_date("Christmas", date(2016, 7, 1)).start == "2015-12-25"  # none close ahead


def test_events_take_a_holidays_day():
    from .analysis_helpers import analyse

    events = analyse("Two men were shot on Christmas night outside a Dalmora bar. A third man was hurt by a "
                     "Christmas gift that went off.", published="2014-12-27").events
    days = {e.trigger: e.date.start for e in events if e.event == "ASSAULT"}
    assert days["shot"] == "2014-12-25"
