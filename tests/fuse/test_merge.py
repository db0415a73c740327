"""Merging mentions across articles into events: what joins, what stays apart, and how sources count."""
from __future__ import annotations

import random

from sitroom.fuse.merge import cumulative_tolls, match, merge_mentions, same_claimant
from sitroom.records import content_hash

from tests.fuse.builders import (
    CITY_D, FAR_TOWN, PROVINCE, RUS_MIL, SYR_MIL, TOWN_A, TOWN_A_NEAR, TOWN_C, TUR_MIL, UKR_MIL, VILLAGE_B,
    VILLAGE_B_SPELLING, article, day, killed, mention, week,
)


def _arts(*articles):
    return {a.id: a for a in articles}


def test_one_event_from_two_outlets_and_a_repost():
    wire = article(1, outlet="Levant Wire", published="2020-02-11")
    repost = article(2, outlet="Northwest Monitor", published="2020-02-11")  # near-duplicate of the wire copy
    daily = article(3, outlet="Crossroads Daily", published="2020-02-12")
    mentions = [mention(wire, killed=killed(8)), mention(repost, killed=killed(8)),
                mention(daily, place=TOWN_A_NEAR, killed=killed(8, text="eight"))]
    (event,) = merge_mentions(mentions, _arts(wire, repost, daily), story_id="s1",
                              duplicates={repost.id: wire.id})
    assert event.id == content_hash("event", mentions[0].id) and event.story_id == "s1"
    assert len(event.sources) == 3 and event.source_count == 2  # the repost is evidence, not weight
    assert [p.article_id for p in event.killed.per_source] == [wire.id, daily.id]
    assert event.killed.agreement == "agree" and event.killed.best == 8
    assert event.place == TOWN_A and event.date.start == "2020-02-10"  # the most precise place
    assert event.status == "reported" and event.article_ids == (wire.id, repost.id, daily.id)


def test_the_same_outlet_twice_counts_once():
    a, b = article(1, outlet="Levant Wire"), article(2, outlet="levant  wire", published="2020-02-12")
    (event,) = merge_mentions([mention(a), mention(b)], _arts(a, b))
    assert event.source_count == 1 and len(event.sources) == 2


def test_ministry_and_monitor_disagree_on_one_event():
    a = article(1, outlet="Levant Wire")
    b = article(2, outlet="Regional Observer", published="2020-02-13")
    mentions = [
        mention(a, killed=killed(51), status="claimed", attributed_to="Turkish defence ministry"),
        mention(b, killed=killed(20, "approximately", text="about 20"), attributed_to="a monitoring group",
                date=week("2020-02-07", "2020-02-13")),
    ]
    (event,) = merge_mentions(mentions, _arts(a, b))
    k = event.killed
    assert (k.agreement, k.best, k.conservative, k.low, k.high) == ("disagree", 20, 20, 20, 51)
    assert k.sentence.startswith("Turkish defence ministry says 51 (via Levant Wire; a party to the fighting); "
                                 "a monitoring group says about 20")
    assert event.statuses == ("reported", "claimed") and event.status == "reported"


def test_vague_party_claims_join_the_precise_one_but_bare_repeats_do_not():
    a, b = article(1, outlet="Levant Wire"), article(2, outlet="Regional Observer")
    dozens = mention(a, place=None, actors=(), date=week("2020-02-05", "2020-02-11"), status="claimed",
                     attributed_to="Government of Turkey", killed=killed(12, "approximately", low=12, text="dozens"))
    fifty_one = mention(b, place=None, killed=killed(51), status="claimed",
                        attributed_to="Turkish Defence Ministry")
    assert len(merge_mentions([dozens, fifty_one], _arts(a, b))) == 1
    # "Turkey struck Syrian forces" in two reports of one week, nothing else said: may be two strikes
    vague = [mention(x, place=None, date=week("2020-02-05", "2020-02-11")) for x in (a, b)]
    assert len(merge_mentions(vague, _arts(a, b))) == 2


def test_contradictions_keep_events_apart():
    a, b = article(1), article(2, outlet="Other Wire")
    base = mention(a, killed=killed(5))
    apart = {
        "type": mention(b, event="COERCE", killed=killed(5)),
        "dates": mention(b, killed=killed(5), date=day("2020-02-13")),
        "place": mention(b, killed=killed(5), place=CITY_D),
        "victims": mention(b, killed=killed(5), recipients=(RUS_MIL,)),
        "parties": mention(b, killed=killed(5), actors=(UKR_MIL,), recipients=(UKR_MIL,), place=FAR_TOWN),
        "figures": mention(b, killed=killed(51)),
        "status": mention(b, killed=killed(5), status="hypothetical"),
        "coarse place elsewhere": mention(b, killed=killed(5), place=FAR_TOWN),
    }
    for why, other in apart.items():
        assert match(base, other) is None, why
        assert len(merge_mentions([base, other], _arts(a, b))) == 2, why


def test_compatible_places_spellings_and_missing_values():
    a, b = article(1), article(2, outlet="Other Wire")
    spelled = merge_mentions([mention(a, place=VILLAGE_B), mention(b, place=VILLAGE_B_SPELLING)], _arts(a, b))
    assert len(spelled) == 1  # half a kilometre apart, no geonameid: one village, two spellings
    province = merge_mentions([mention(a), mention(b, place=PROVINCE)], _arts(a, b))
    assert len(province) == 1 and province[0].place == TOWN_A
    missing = merge_mentions([mention(a, killed=killed(7)), mention(b, place=None, killed=killed(7))], _arts(a, b))
    assert len(missing) == 1
    # two towns 16 km apart: not a contradiction, but evidence against; the same day and parties still join
    assert match(mention(a), mention(b, place=TOWN_C)) == 2 + 1 + 1 - 1


def test_day_apart_is_compatible_but_weaker():
    a, b = article(1), article(2, outlet="Other Wire")
    assert match(mention(a), mention(b, date=day("2020-02-11"))) == 2 + 1 + 1 + 1
    assert match(mention(a), mention(b, date=day("2020-02-12"))) is None


def test_a_day_inferred_from_elsewhere_in_the_article_is_no_evidence_and_loses_to_a_named_day():
    from dataclasses import replace
    a, b = article(1), article(2, outlet="Other Wire")
    inferred = replace(day("2020-02-14"), inferred=True)  # four days after MONDAY (2020-02-10)
    # a named day two days off contradicts; an inferred one within the week joins, with no date points
    assert match(mention(a), mention(b, date=day("2020-02-14"))) is None
    named_same_day = match(mention(a), mention(b))
    assert match(mention(a), mention(b, date=inferred)) == named_same_day - 2
    (event,) = merge_mentions([mention(b, date=inferred), mention(a)], _arts(a, b))
    assert event.date.start == "2020-02-10" and not event.date.inferred  # the day a report names itself wins


def test_result_does_not_depend_on_input_order():
    arts = [article(i, outlet=f"Outlet {i % 3}", published=f"2020-02-1{i % 4}") for i in range(8)]
    mentions = [mention(x, place=(TOWN_A, TOWN_C, CITY_D)[i % 3], killed=killed(5 + (i % 2)),
                        date=day(f"2020-02-1{i % 3}")) for i, x in enumerate(arts)]
    expected = [(e.id, e.mention_ids) for e in merge_mentions(mentions, _arts(*arts))]
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    assert [(e.id, e.mention_ids) for e in merge_mentions(shuffled, _arts(*arts))] == expected
    assert len(expected) == 2  # Deltacity, 50 km off, is another event


def test_cumulative_tolls_are_a_series_not_a_disagreement():
    a = article(1, outlet="Levant Wire", published="2020-02-04")
    b = article(2, outlet="Regional Observer", published="2020-02-19")
    c = article(3, outlet="Copy Site", published="2020-02-19")
    monday = mention(a, actors=(SYR_MIL,), recipients=(TUR_MIL,), killed=killed(5, text="five"))
    total_8 = mention(a, 100, actors=(SYR_MIL,), recipients=(TUR_MIL,), killed=killed(8, cumulative=True),
                      date=week("2020-01-28", "2020-02-03"))
    total_16 = mention(b, actors=(SYR_MIL,), recipients=(TUR_MIL,), place=None, date=None,
                       killed=killed(16, cumulative=True, text="16 soldiers killed in total"))
    copy = mention(c, actors=(SYR_MIL,), recipients=(TUR_MIL,), place=None, date=None,
                   killed=killed(16, cumulative=True))
    arts = _arts(a, b, c)
    events = merge_mentions([monday, total_8, total_16, copy], arts, duplicates={c.id: b.id})
    incident = next(e for e in events if monday.id in e.mention_ids)
    assert [p.value for p in incident.killed.per_source] == [5]  # no 8 or 16 in the incident's figures
    tolls = cumulative_tolls([monday, total_8, total_16, copy], arts, duplicates={c.id: b.id})
    assert list(tolls) == [("TUR", "MIL")]
    assert [(p.date, p.value, p.source.outlet) for p in tolls[("TUR", "MIL")]] == [
        ("2020-02-04", 8, "Levant Wire"), ("2020-02-19", 16, "Regional Observer")]


def test_same_claimant_by_name_or_country():
    assert same_claimant("Turkish Defence Ministry", "Government of Turkey")
    assert same_claimant("a monitoring group", "A  monitoring group")
    assert not same_claimant("Government of Turkey", "Military Forces of Syria")
    assert not same_claimant(None, "Government of Turkey")


def test_the_cheap_prefilter_never_changes_which_mentions_join():
    from sitroom.fuse.merge import cluster_mentions
    from sitroom.records import Place

    rnd = random.Random(3)
    arts = [article(i, outlet=f"Outlet {i % 5}", published=f"2020-02-{1 + i % 20:02d}") for i in range(60)]
    places = [Place(f"P{k}", 35 + rnd.random() * 0.6, 36 + rnd.random() * 0.6, k, None, "SYR", "place")
              for k in range(12)]
    mentions = [mention(arts[i % 60], i, place=rnd.choice(places + [None]), killed=killed(rnd.randrange(1, 9)),
                        date=rnd.choice([day(f"2020-02-{1 + rnd.randrange(20):02d}"), None,
                                         week("2020-02-03", "2020-02-09")])) for i in range(240)]
    arts_by_id = {a.id: a for a in arts}
    brute: list[list] = []  # complete link over every earlier event, no prefilter
    for m in sorted(mentions, key=lambda m: (arts_by_id[m.article_id].published.date, m.article_id, m.span[0],
                                             m.id)):
        scored = [(max(p), i) for i, c in enumerate(brute)
                  if None not in (p := [match(m, o) for o in c])]
        best = max((s for s in scored if s[0] >= 3), key=lambda s: (s[0], -s[1]), default=None)
        brute[best[1]].append(m) if best else brute.append([m])
    assert [[m.id for m in c] for c in cluster_mentions(mentions, arts_by_id)] == [[m.id for m in c] for c in brute]
