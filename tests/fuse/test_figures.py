"""Figures from many sources: credibility, one vote per claimant, best/conservative, agreement, series."""
from __future__ import annotations

import pytest

from sitroom.fuse.figures import credibility, format_number, label, point_value, reconcile, series, summarise
from sitroom.fuse.records import FigureClaim
from sitroom.records import Source


def claim(value, *, who=None, outlet="Wire A", article="a1", qualifier="exact", low=None, high=None,
          status="reported", subject="e1", measure="killed", date="2020-02-11", cumulative=False, text=""):
    return FigureClaim(subject, measure, value, low, high, qualifier, Source(article, outlet, "quote", who), date,
                       status, cumulative, text)


def test_point_value_follows_the_qualifier_and_vague_words():
    assert point_value(claim(50, qualifier="at_least", low=51)) == 51  # "more than 50"
    assert point_value(claim(None, qualifier="up_to", high=10)) == 10  # "as many as ten"
    assert point_value(claim(None, low=20, high=30, qualifier="approximately")) == 25
    assert point_value(claim(None, qualifier="approximately", text="dozens")) == 12  # ACLED's coding
    assert point_value(claim(None, qualifier="approximately", text="Hundreds of")) == 100
    assert point_value(claim(None, qualifier="up_to", text="Several")) == 3
    assert point_value(claim(None)) is None


def test_party_claim_against_a_monitor_is_a_stated_disagreement():
    ministry = claim(51, who="Turkish defence ministry", status="claimed", outlet="Wire A")
    monitor = claim(20, who="a monitoring group", qualifier="approximately", outlet="Wire B", article="a2",
                    text="about 20")
    d = summarise([ministry, monitor])
    assert d.agreement == "disagree"
    # the neutral monitor decides best and conservative; the spread keeps the claim visible
    assert (d.best, d.conservative, d.low, d.high) == (20, 20, 20, 51)
    assert not d.only_party_claims and d.source_count == 2
    assert d.sentence.startswith("Turkish defence ministry says 51 (via Wire A; a party to the fighting); "
                                 "a monitoring group says about 20")
    assert [(p.value, p.credibility, p.attributed_to) for p in d.per_source] == [
        (51, "party", "Turkish defence ministry"), (20, "neutral", "a monitoring group")]


def test_one_claimant_repeated_by_many_outlets_is_one_vote():
    copies = [claim(51, who="Turkish Defence Ministry", status="claimed", outlet=o, article=o)
              for o in ("Wire A", "Wire B", "Daily C")]
    d = summarise(copies + [claim(12, who="Government of Turkey", status="claimed", text="dozens",
                                  qualifier="approximately", low=12)])
    assert len(d.per_source) == 4 and d.source_count == 2
    assert d.only_party_claims  # no neutral figure: the claims decide, and say so
    assert d.best == 12 and d.conservative == 12  # lower median of (51, 12); lowest credible
    assert d.sentence.startswith("Turkish Defence Ministry says 51 (via Daily C, Wire A, Wire B; a party")


def test_a_claimant_that_updates_its_figure_votes_with_the_latest():
    d = summarise([claim(20, who="health ministry", date="2020-02-11", qualifier="at_least"),
                   claim(33, who="Health Ministry", date="2020-02-12")])
    assert d.source_count == 1 and d.agreement == "single" and d.best == 33
    assert d.sentence == "Health Ministry says 33 (via Wire A); no other source gives a figure."


def test_unconfirmed_figures_stay_marked_and_yield_to_confirmed_ones():
    d = summarise([claim(30, outlet="Wire A", qualifier="unconfirmed"), claim(10, outlet="Wire B", article="a2")])
    assert d.best == 10 and not d.unconfirmed
    assert [p.qualifier for p in d.per_source] == ["unconfirmed", "exact"]
    assert "Wire A reports 30 (unconfirmed)" in d.sentence
    only = summarise([claim(30, outlet="Wire A", qualifier="unconfirmed")])
    assert only.unconfirmed and only.best == 30


def test_denied_hypothetical_and_cumulative_figures_do_not_count():
    d = summarise([claim(10, outlet="Wire A"), claim(100, outlet="Wire B", article="b", status="denied"),
                   claim(200, outlet="Wire C", article="c", status="hypothetical"),
                   claim(500, outlet="Wire D", article="d", cumulative=True)])
    assert d.agreement == "single" and (d.best, d.low, d.high) == (10, 10, 10)
    assert [p.credibility for p in d.per_source] == ["neutral", "excluded", "excluded", "excluded"]
    assert credibility(claim(1, status="planned")) == "excluded"


def test_agreement_within_five_percent_names_every_source():
    d = summarise([claim(700_000, outlet="UN agency", text="700,000"), claim(690_000, outlet="Wire B", article="b"),
                   claim(710_000, outlet="Daily C", article="c")])
    assert d.agreement == "agree" and d.source_count == 3 and d.best == 700_000
    assert d.sentence == "3 sources agree on 700,000: UN agency, Wire B, Daily C."


def test_no_number_at_all():
    d = summarise([claim(None, qualifier="up_to")])
    assert d.agreement == "none" and d.best is None and d.sentence == "No source gives a number."


def test_reconcile_groups_claims_by_subject_and_measure():
    claims = [
        claim(3_600_000, subject="Syrian refugees in Turkey", measure="refugees", outlet="Agency A",
              text="3.6 million"),
        claim(3_000_000, subject="syrian refugees in turkey ", measure="Refugees", outlet="Paper B", article="b",
              qualifier="approximately", text="some three million"),
        claim(700_000, subject="Idlib", measure="displaced", outlet="Agency A", article="c"),
        claim(700_000, subject="Idlib", measure="displaced", outlet="Paper B", article="d"),
        claim(900, subject="Idlib", measure="displaced", outlet="Paper B", article="e", cumulative=True),
    ]
    refugees, displaced = reconcile(claims)
    assert (refugees.subject, refugees.measure, refugees.agreement) == ("Syrian refugees in Turkey", "refugees",
                                                                       "disagree")
    assert refugees.sentence == "Agency A reports 3.6 million; Paper B reports some three million."
    assert (displaced.agreement, displaced.source_count, displaced.best) == ("agree", 2, 700_000)
    assert len(displaced.per_source) == 2  # the cumulative claim went to the series


def test_cumulative_claims_form_a_dated_series():
    pts = series([claim(16, date="2020-02-19", cumulative=True, subject="TUR/MIL"),
                  claim(8, date="2020-02-04", cumulative=True, subject="TUR/MIL"),
                  claim(3, cumulative=False, subject="TUR/MIL")])
    assert [(p.date, p.value) for p in pts[("TUR/MIL", "killed")]] == [("2020-02-04", 8), ("2020-02-19", 16)]


@pytest.mark.parametrize("value, text", [(51, "51"), (3_600_000, "3.6 million"), (12_500, "12,500"),
                                         (None, "an unknown number")])
def test_format_number(value, text):
    assert format_number(value) == text


def test_label_keeps_the_sources_wording():
    assert label(claim(50, qualifier="at_least", low=51, text="More than 50")) == "more than 50"
    assert label(claim(50, qualifier="at_least", low=51)) == "at least 51"
