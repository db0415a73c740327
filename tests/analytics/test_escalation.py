"""Escalation per actor pair: daily Goldstein-like scores and the move from words to force."""
from __future__ import annotations

from sitroom.analytics.escalation import GOLDSTEIN_LIKE, escalations, pair_series, score
from sitroom.fuse.merge import merge_mentions

from tests.fuse.builders import RUS_MIL, SYR_MIL, TUR_GOV, TUR_MIL, article, day, mention, week

TUR = ("TUR", "MIL")
SYR = ("SYR", "MIL")


def _events(*specs, art=None):
    art = art or article(1)
    return [mention(art, i, event=ev, date=day(d), actors=actors, recipients=recipients, status=status)
            for i, (ev, d, actors, recipients, status) in enumerate(specs)]


def _spec(event, d, actors=(TUR_MIL,), recipients=(SYR_MIL,), status="reported"):
    return event, d, actors, recipients, status


def test_the_scale_covers_every_plover_type_the_lexicon_codes():
    assert set(GOLDSTEIN_LIKE) >= {"AGREE", "CONSULT", "SUPPORT", "AID", "COOPERATE", "CONCEDE", "RETREAT", "REQUEST",
                                   "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                                   "ASSAULT"}
    assert score("assault") == -10 and score("AID") == 6 and score("UNKNOWN") is None
    assert all(-10 <= v <= 10 for v in GOLDSTEIN_LIKE.values())


def test_daily_series_and_the_first_force_after_words():
    events = _events(_spec("ASSAULT", "2020-02-01", actors=(SYR_MIL,), recipients=(TUR_MIL,)),
                     _spec("CONSULT", "2020-02-02"), _spec("THREATEN", "2020-02-05"), _spec("ACCUSE", "2020-02-05"),
                     _spec("REJECT", "2020-02-07"), _spec("ASSAULT", "2020-02-10"), _spec("COERCE", "2020-02-10"),
                     _spec("ASSAULT", "2020-02-12"))
    series = {(s.source, s.target): s for s in pair_series(events)}
    tur_syr = series[(TUR, SYR)]
    assert [(d.date, d.score, d.events) for d in tur_syr.days] == [
        ("2020-02-02", 1.0, 1), ("2020-02-05", -8.0, 2), ("2020-02-07", -4.0, 1), ("2020-02-10", -17.0, 2),
        ("2020-02-12", -10.0, 1)]
    esc = tur_syr.escalation
    assert (esc.words_date, esc.force_date) == ("2020-02-05", "2020-02-10")
    assert esc.words_event_ids == (events[2].id, events[3].id)
    assert esc.force_event_ids == (events[5].id, events[6].id)
    assert series[(SYR, TUR)].escalation is None  # force without words first is no transition
    assert [s.target for s in escalations(events)] == [SYR]


def test_same_day_words_and_force_cannot_be_ordered():
    events = _events(_spec("THREATEN", "2020-02-05"), _spec("ASSAULT", "2020-02-05"))
    assert pair_series(events)[0].escalation is None


def test_only_events_that_happened_or_were_said_count():
    events = _events(_spec("THREATEN", "2020-02-05"), _spec("ASSAULT", "2020-02-06", status="hypothetical"),
                     _spec("ASSAULT", "2020-02-07", status="planned"), _spec("ASSAULT", "2020-02-08", status="denied"))
    (s,) = pair_series(events)
    assert [d.date for d in s.days] == ["2020-02-05"] and s.escalation is None


def test_week_precise_dates_only_when_asked_on_their_last_day():
    art = article(1)
    events = [mention(art, 0, event="THREATEN", date=day("2020-02-03")),
              mention(art, 1, event="ASSAULT", date=week("2020-02-04", "2020-02-10")),
              mention(art, 2, event="ASSAULT", date=None)]
    assert pair_series(events)[0].escalation is None
    (s,) = pair_series(events, precisions=("day", "week"))
    assert s.escalation.force_date == "2020-02-10"


def test_undirected_pairs_join_both_directions():
    events = _events(_spec("THREATEN", "2020-02-05", actors=(SYR_MIL,), recipients=(TUR_MIL,)),
                     _spec("ASSAULT", "2020-02-06"))
    assert not escalations(events)
    (s,) = escalations(events, directed=False)
    assert (s.source, s.target) == (SYR, TUR) and s.escalation.force_date == "2020-02-06"


def test_pairs_by_country_and_sector_skip_self_pairs_and_unknown_countries():
    from sitroom.records import Actor

    events = _events(_spec("ASSAULT", "2020-02-06", actors=(TUR_MIL, TUR_GOV, Actor("Gunmen", None, "UAF")),
                           recipients=(SYR_MIL, TUR_MIL, RUS_MIL)))
    pairs = {(s.source, s.target) for s in pair_series(events)}
    assert pairs == {(TUR, SYR), (TUR, ("RUS", "MIL")), (("TUR", "GOV"), SYR), (("TUR", "GOV"), ("RUS", "MIL")),
                     (("TUR", "GOV"), TUR)}


def test_dense_fills_quiet_days_with_zero():
    (s,) = pair_series(_events(_spec("CONSULT", "2020-02-01"), _spec("AGREE", "2020-02-03")))
    assert [(d.date, d.score) for d in s.dense()] == [("2020-02-01", 1.0), ("2020-02-02", 0.0), ("2020-02-03", 5.0)]


def test_merged_events_count_once_however_many_outlets_report_them():
    arts = [article(i, outlet=f"Outlet {i}") for i in range(3)]
    mentions = [mention(a, event="ASSAULT", date=day("2020-02-10")) for a in arts]
    merged = merge_mentions(mentions, {a.id: a for a in arts})
    assert len(merged) == 1
    assert pair_series(merged)[0].days[0].score == -10.0
    assert pair_series(mentions)[0].days[0].score == -30.0
