"""Figures beyond one incident's casualties: displaced, refugees hosted, running tolls (texts written here)."""
from __future__ import annotations

from dataclasses import replace

from sitroom.fuse.claims import claims_from_doc, country_name, is_cumulative, tolls_from_mentions
from sitroom.fuse.figures import reconcile, series

from tests.fuse.builders import SYR_MIL, TUR_MIL, article, killed, mention
from tests.pipeline.analysis_helpers import analyse


def _claims(text, published="2020-02-11"):
    return [c for c, _ in claims_from_doc(analyse(text, published))]


def test_displaced_with_its_place_and_who_says_so():
    (c,) = _claims("Aid agencies say at least 500,000 people have been displaced in Idlib since December.")
    assert (c.measure, c.subject, c.value, c.qualifier, c.date) == ("displaced", "Idlib", 500000, "at_least",
                                                                    "2020-02-11")
    (c,) = _claims("Shelling around Idlib went on. Nearly 500,000 civilians have fled their homes toward the border.")
    assert (c.measure, c.subject, c.qualifier) == ("displaced", "Idlib", "approximately")  # the article's region


def test_refugees_are_counted_for_the_host_country_not_their_origin():
    (c,) = _claims("Jordan already hosts 1.3 million Syrian refugees, the government says.")
    assert (c.measure, c.subject, c.value) == ("refugees", "Jordan", 1300000)


def test_flows_that_may_happen_and_counts_of_the_dead_are_not_stocks():
    assert _claims("Officials fear that a million more refugees could cross the border in the coming weeks.") == []
    assert _claims("The war has killed hundreds of thousands of refugees and civilians since 2011.") == []


def test_a_vague_figure_gives_way_to_a_precise_one_for_the_same_count():
    text = ("Tens of thousands of people are fleeing Idlib. The agency says 520,000 people have been displaced "
            "in Idlib since December.")
    assert [(c.measure, c.value) for c in _claims(text)] == [("displaced", 520000)]


def _from(outlet, claims):
    return [replace(c, source=replace(c.source, outlet=outlet)) for c in claims]


def test_sources_agreeing_and_disagreeing():
    a = _claims("At least 500,000 people have been displaced in Idlib, the agency said.")
    b = _claims("Around 500,000 people have fled their homes in Idlib.", "2020-02-12")
    (d,) = reconcile(a + b)
    assert d.agreement == "single" and d.source_count == 1  # one outlet wrote both: one voice
    (d,) = reconcile(_from("Wire", a) + _from("Daily", b))
    assert d.agreement == "agree" and d.best == 500000 and d.source_count == 2
    c = _from("Monitor", _claims("Jordan already hosts 1.3 million Syrian refugees."))
    e = _from("Daily", _claims("Jordan has taken in some 650,000 Syrian refugees."))
    (d,) = reconcile(c + e)
    assert d.agreement == "disagree" and (d.low, d.high) == (650000, 1300000)
    assert "Monitor reports 1.3 million" in d.sentence and "Daily reports some 650,000" in d.sentence


def test_running_tolls_are_series_not_disagreements():
    early, late = article(1, published="2020-02-10"), article(2, published="2020-02-18", outlet="Daily")
    m1 = mention(early, recipients=(TUR_MIL,), killed=killed(8), quote="Turkey has confirmed eight of its soldiers "
                 "killed so far.")
    m2 = mention(late, recipients=(TUR_MIL,), killed=killed(16, cumulative=True), quote="Sixteen killed in total.")
    incident = mention(late, 90, recipients=(SYR_MIL,), killed=killed(5), quote="Five soldiers died on Monday.")
    assert is_cumulative(m1) and is_cumulative(m2) and not is_cumulative(incident)
    claims = [c for art, ms in ((early, [m1]), (late, [m2, incident])) for c, _ in tolls_from_mentions(art, ms)]
    assert [(c.subject, c.measure, c.value) for c in claims] == [
        ("Military Forces of Turkey", "killed_total", 8), ("Military Forces of Turkey", "killed_total", 16)]
    assert reconcile(claims) == []
    ((key, points),) = series(claims).items()
    assert key == ("Military Forces of Turkey", "killed_total")
    assert [(p.date, p.value) for p in points] == [("2020-02-10", 8), ("2020-02-18", 16)]


def test_country_names():
    assert country_name("TUR") == "Turkey" and country_name(None) is None and country_name("XXX") == "XXX"
