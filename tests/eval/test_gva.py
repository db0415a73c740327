"""`sitroom eval gva`: stories against incidents, merged figures, dates and cities (a folder written here)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.eval import gva
from sitroom.fuse.merge import merge_mentions
from sitroom.fuse.records import Disagreement, SourceFigure

from tests.fuse.builders import article, killed, mention

runner = CliRunner()
KEYS = {"bcubed_precision", "bcubed_recall", "bcubed_f1", "killed_exact", "injured_exact", "date_exact",
        "city_accuracy"}

# Invented reports of two invented incidents, written for this test.
DOCS = [
    {"doc_id": "d1", "incident_id": "i1", "title": "Man killed in Akron shooting", "dct": "2016-05-02",
     "uri": "http://www.akronnews.example/a",
     "content": "A man, 24, was fatally shot outside a tavern in Akron early Sunday, police said. "
                "Officers found him on Main Street; nobody is in custody."},
    {"doc_id": "d2", "incident_id": "i1", "title": "Police name man shot dead in Akron", "dct": "2016-05-03",
     "uri": "http://web.archive.org/web/2016/http://www.otherpaper.example/b",
     "content": "Akron police on Monday identified the man, 24, fatally shot outside a tavern early Sunday. "
                "Investigators want anyone who saw it to call them."},
    {"doc_id": "d3", "incident_id": "i2", "title": "Two wounded in Modesto", "dct": "2016-05-02",
     "uri": "http://modestotv.example/c",
     "content": "Gunfire wounded two women in Modesto on Saturday night, police said. Both should "
                "recover."},
    {"doc_id": "d4", "incident_id": "i2", "title": "No text", "dct": "2016-05-02", "uri": "", "content": ""},
]
INCIDENTS = [
    {"incident_uri": "i1", "date": "May 1, 2016", "state": "Ohio", "city_or_county": "Akron", "num_killed": 1,
     "num_injured": 0, "original_sources": {"http://never.read.example": ""}},
    {"incident_uri": "i2", "date": "April 30, 2016", "state": "California", "city_or_county": "Modesto",
     "num_killed": 0, "num_injured": 2},
]


def _folder(tmp_path):
    folder = tmp_path / "gva"
    folder.mkdir()
    (folder / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in DOCS))
    (folder / "incidents.jsonl").write_text("".join(json.dumps(i) + "\n" for i in INCIDENTS))
    return folder


def test_json_has_exactly_the_keys(tmp_path):
    result = runner.invoke(app, ["eval", "gva", "--data", str(_folder(tmp_path)), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if x.strip()]
    metrics = json.loads(line)
    assert set(metrics) == KEYS and all(0.0 <= v <= 1.0 for v in metrics.values())
    assert "1 articles without text or analysis" in result.stderr


def test_usage_errors(tmp_path):
    assert runner.invoke(app, ["eval", "gva", "--data", str(tmp_path / "missing")]).exit_code == 2
    (tmp_path / "file.jsonl").write_text("")
    assert runner.invoke(app, ["eval", "gva", "--data", str(tmp_path / "file.jsonl")]).exit_code == 2


def test_predictions_never_see_the_incident_labels(tmp_path):
    folder = _folder(tmp_path)
    docs, gold = gva.load_documents(folder)
    assert not any(hasattr(d, "incident_id") for d in docs) and gold == {"d1": "i1", "d2": "i1", "d3": "i2", "d4": "i2"}
    assert gva.load_incidents(folder)["i2"] == gva.Incident("2016-04-30", "Modesto", 0, 2)


def test_bcubed():
    assert gva.bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}) == (1.0, 1.0, 1.0)
    p, r, f = gva.bcubed({"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"})
    assert (round(p, 4), r) == (round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4), 1.0)
    p, r, f = gva.bcubed({"a": 1, "b": 2}, {"a": "x", "b": "x"})
    assert (p, r) == (1.0, 0.5)


def test_outlets_dates_and_cities():
    assert gva.outlet_of("http://web.archive.org/web/20150101000000/http://news.example.com:80/2014/a") == "news.example.com"
    assert gva.outlet_of("https://www.indystar.com/story") == "indystar.com" and gva.outlet_of("") is None
    assert gva.iso_date("April 9, 2017") == "2017-04-09" and gva.iso_date("nonsense") is None
    assert gva.same_city("Denver", "Denver (Edgewater)") and gva.same_city("Saint Louis", "St. Louis")
    assert gva.same_city("Morgan", "Morgan (county)") and not gva.same_city(None, "Modesto")


def test_the_figure_most_sources_give_and_main_event():
    fig = lambda v, q="exact", cred="neutral": SourceFigure("a", None, v, None, None, q, False, None,  # noqa: E731
                                                           "reported", cred)
    d = Disagreement("e", "killed", (fig(1), fig(2), fig(9, cred="excluded")), "disagree", 1, 1, 2, 1, 2, False,
                     False, "")
    assert gva.credible_figure(d) == 2 and gva.credible_figure(None) == 0  # the excluded 9 does not count
    assert gva.credible_figure(d, largest=True) == 2
    three = Disagreement("e", "wounded", (fig(4), fig(5), fig(4)), "disagree", 4, 4, 5, 4, 3, False, False, "")
    assert gva.credible_figure(three) == 4  # "Five shot" beside two reports of four wounded
    assert gva.credible_figure(three, largest=True) == 5
    a, b = article(1), article(2, published="2020-02-12")
    ms = [mention(a, killed=killed(1)), mention(b, killed=killed(2)), mention(b, 40, event="CONSULT")]
    events = merge_mentions(ms, {a.id: a, b.id: b})
    main = gva.main_event(events)
    assert main.event == "ASSAULT" and len(main.article_ids) == 2
    pred = gva.predict_story(events, "s")
    assert (pred.killed, pred.date, pred.city) == (2, "2020-02-10", "Alphaville")
    assert gva.predict_story([], None) == gva.Predicted(None, 0, 0, None, None)


@pytest.mark.parametrize("bad", ["documents.jsonl", "incidents.jsonl"])
def test_a_folder_missing_a_file_is_refused(tmp_path, bad):
    folder = _folder(tmp_path)
    (folder / bad).unlink()
    result = runner.invoke(app, ["eval", "gva", "--data", str(folder)])
    assert result.exit_code == 2 and "must be a folder holding" in result.stderr


def test_one_shot_person_in_a_story_with_a_death_is_the_dead_one():
    a = article(1)
    shot = [mention(a, killed=killed(1, text="boy"), wounded=killed(1, text="himself"))]
    assert gva.predict_story(merge_mentions(shot, {a.id: a}), "s").injured == 0
    counted = [mention(a, killed=killed(1, text="one"), wounded=killed(1, text="one"))]
    assert gva.predict_story(merge_mentions(counted, {a.id: a}), "s").injured == 1
    # "kills a 12-year-old, another wounded": the words set the wounded one apart from the dead
    another = [mention(a, killed=killed(1, text="12-year-old"), wounded=killed(1, text="another wounded"))]
    assert gva.predict_story(merge_mentions(another, {a.id: a}), "s").injured == 1
    # "3 dead in quadruple shooting": the fourth, read from the word for the shooting, survived
    rest = [mention(a, killed=killed(3, text="3"), wounded=killed(1, text="quadruple shooting"))]
    assert gva.predict_story(merge_mentions(rest, {a.id: a}), "s").injured == 1


def test_a_day_after_the_storys_first_report_gives_way_to_an_earlier_attack():
    from sitroom.fuse.records import Story
    from sitroom.records import DateSpan

    a = article(1, published="2020-02-10")
    court = DateSpan("2020-05-04", "2020-05-04", "day", "Monday")
    early = DateSpan("2020-02-09", "2020-02-09", "day", "Sunday")
    ms = [mention(a, killed=killed(2), date=court), mention(a, 40, date=early)]
    events = merge_mentions(ms, {a.id: a})
    story = Story("s", (a.id,), "2020-02-10", "2020-05-05", None)
    assert gva.predict_story(events, "s", story).date == "2020-02-09"
    assert gva.predict_story(events, "s").date == "2020-05-04"  # no story, no first report to bound it


def test_a_bare_weekday_a_week_before_the_first_report_gives_way_to_the_days_just_before_it():
    from sitroom.fuse.records import Story
    from sitroom.records import DateSpan

    a = article(1, published="2015-11-02")  # a Monday
    tuesday = DateSpan("2015-10-27", "2015-10-27", "day", "Tuesday")  # tomorrow's hearing, read as last week's
    sunday = DateSpan("2015-11-01", "2015-11-01", "day", "Sunday")
    story = Story("s", (a.id,), "2015-11-02", "2015-11-02", None)
    main = [mention(a, killed=killed(4), date=tuesday), mention(a, 40, killed=killed(4), date=tuesday)]
    events = merge_mentions(main + [mention(a, 80, date=sunday)], {a.id: a})
    assert gva.predict_story(events, "s", story).date == "2015-11-01"
    alone = merge_mentions(main, {a.id: a})
    assert gva.predict_story(alone, "s", story).date == "2015-11-02"  # nothing else: the first report's day
    dated = DateSpan("2015-10-27", "2015-10-27", "day", "Oct. 27")  # a written date is trusted
    assert gva.predict_story(merge_mentions([mention(a, killed=killed(4), date=dated)], {a.id: a}), "s",
                             story).date == "2015-10-27"
    # nor is one the article itself put a week back ("last week's shooting ... 7:15 p.m. Tuesday")
    moved = DateSpan("2015-10-27", "2015-10-27", "day", "about 7:15 p.m. Tuesday, last week")
    assert gva.predict_story(merge_mentions([mention(a, killed=killed(4), date=moved)], {a.id: a}), "s",
                             story).date == "2015-10-27"
    clock = DateSpan("2015-10-27", "2015-10-27", "day", "about 7:15 p.m. Tuesday")  # a clock time is no date
    assert gva.predict_story(merge_mentions([mention(a, killed=killed(4), date=clock)], {a.id: a}), "s",
                             story).date == "2015-11-02"


def test_an_incident_split_evenly_between_stories_is_scored_on_the_one_that_reported_it_first():
    docs = [gva.Document("late", "Trial opens", "2017-03-01", "", "x"),
            gva.Document("early", "Man shot dead", "2016-05-02", "", "x")]
    incidents = {"i1": gva.Incident("2016-05-01", "Akron", 1, 0)}
    a, b = article(1, published="2016-05-02"), article(2, published="2017-03-01")
    story_events = {"s2-early": merge_mentions([mention(a, killed=killed(1))], {a.id: a}),
                    "s1-late": merge_mentions([mention(b, killed=killed(3))], {b.id: b})}
    # "s1-late" sorts first by id; a tie of one article each goes to the first report all the same
    metrics, counts = gva.score(docs, {"late": "i1", "early": "i1"}, incidents, {"late": "A", "early": "B"},
                                {"A": "s1-late", "B": "s2-early"}, story_events)
    assert metrics["killed_exact"] == 1.0
    assert counts["incidents with a story of their own"] == 0  # split over two stories
    # together in one story of their own, the incident counts among those, with its scores
    _, counts = gva.score(docs, {"late": "i1", "early": "i1"}, incidents, {"late": "A", "early": "B"},
                          {"A": "s2-early", "B": "s2-early"}, story_events)
    assert counts["incidents with a story of their own"] == 1 and counts["of those, killed exact"] == 1


def test_among_events_reported_by_as_many_articles_the_one_with_figures_is_the_main_one():
    from sitroom.records import DateSpan

    a = article(1)
    other_day = DateSpan("2020-02-08", "2020-02-08", "day", "Saturday")
    ms = [mention(a, 0), mention(a, 100), mention(a, 200, killed=killed(3), date=other_day)]
    events = merge_mentions(ms, {a.id: a})
    assert len(events) == 2 and max(len(e.sources) for e in events if e.killed is None) == 2
    main = gva.main_event(events)
    assert gva.credible_figure(main.killed) == 3


def test_among_equals_the_event_counting_the_most_victims_is_the_main_one():
    from sitroom.records import DateSpan

    a = article(1)
    friday = DateSpan("2020-01-31", "2020-01-31", "day", "Friday")
    saturday = DateSpan("2020-02-08", "2020-02-08", "day", "Saturday")
    # a headline's "4 wounded", and a later sentence about one of them (told apart here by their days)
    ms = [mention(a, 0, wounded=killed(1, text="a man"), date=friday), mention(a, 100, wounded=killed(4), date=saturday)]
    events = merge_mentions(ms, {a.id: a})
    assert len(events) == 2
    assert gva.credible_figure(gva.main_event(events).wounded) == 4


def test_a_statistic_in_the_story_is_not_its_incidents_toll():
    from sitroom.records import DateSpan

    a = article(1)
    in_2015 = DateSpan("2015-01-01", "2015-12-31", "year", "2015")
    ms = [mention(a, 0), mention(a, 100, killed=killed(141), date=in_2015, place=None)]
    events = merge_mentions(ms, {a.id: a})
    assert gva.predict_story(events, "s").killed == 0  # a year's statistic: "120 teens died in gun accidents"
    recent = [mention(a, 0), mention(a, 100, killed=killed(1), place=None)]
    assert gva.predict_story(merge_mentions(recent, {a.id: a}), "s").killed == 1


def test_with_no_dead_the_largest_wounded_count_the_same_reports_give_that_day_is_the_total():
    from tests.fuse.builders import CITY_D

    a, b = article(1), article(2)
    # "two were taken to hospital" in two reports; "three people were shot" in one
    ms = [mention(a, 0, wounded=killed(2)), mention(b, 0, wounded=killed(2)), mention(a, 100, wounded=killed(3),
                                                                                     place=CITY_D)]
    events = merge_mentions(ms, {a.id: a, b.id: b})
    assert len(events) == 2 and gva.predict_story(events, "s").injured == 3
    # with a death, another count of the shot may hold the dead: the main attack's own count stands
    ms = [mention(a, 0, killed=killed(1), wounded=killed(2)), mention(b, 0, killed=killed(1), wounded=killed(2)),
          mention(a, 100, wounded=killed(3), place=CITY_D)]
    assert gva.predict_story(merge_mentions(ms, {a.id: a, b.id: b}), "s").injured == 2


def test_the_day_the_storys_attack_mentions_name_most_is_the_incidents():
    from tests.fuse.builders import CITY_D, day

    a, b = article(1), article(2)
    # two reports name Sunday for the attack they both count; four sentences of theirs name Saturday
    main = [mention(x, 0, killed=killed(1), date=day("2020-02-09")) for x in (a, b)]
    saturday = [mention(x, n, place=CITY_D, date=day("2020-02-08")) for x in (a, b) for n in (100, 200)]
    events = merge_mentions(main + saturday, {a.id: a, b.id: b})
    assert gva.main_event(events).date.start == "2020-02-09"
    assert gva.predict_story(events, "s").date == "2020-02-08"
    assert gva.predict_story(merge_mentions(main + saturday[:2], {a.id: a, b.id: b}), "s").date == "2020-02-09"


def test_a_killers_own_death_told_apart_from_his_victims_adds_to_the_toll():
    a = article(1)
    # "Four people were shot to death in a farmhouse near Dalmora; the gunman then killed himself."
    apart = merge_mentions([mention(a, killed=killed(4, text="Four people")),
                            mention(a, start=60, killed=killed(1, text="himself"))], {a.id: a})
    assert len(apart) == 1 and gva.predict_story(apart, "s").killed == 5
    # "in a murder-suicide that left three dead": the toll already counts him
    counted = merge_mentions([mention(a, killed=killed(3, text="three dead in a murder-suicide")),
                              mention(a, start=60, killed=killed(1, text="himself"))], {a.id: a})
    assert gva.predict_story(counted, "s").killed == 3
    # a man who shot himself and "one dead": the same man
    alone = merge_mentions([mention(a, killed=killed(1, text="one")),
                            mention(a, start=60, killed=killed(1, text="himself"))], {a.id: a})
    assert gva.predict_story(alone, "s").killed == 1


def test_a_larger_toll_in_the_storys_headline_stands_over_the_main_events():
    from sitroom.fuse.records import Story
    from tests.fuse.builders import CITY_D

    title = "3 found shot dead in Dalmora home"
    a = article(1, "3 found shot dead in Dalmora home\n\nA woman was found dead on Monday. A man was also killed.",
                title=title, published="2020-02-11")
    b = article(2, "A woman was found dead in Dalmora on Monday.", published="2020-02-11")
    head = mention(a, quote=title, killed=killed(3, text="3 found shot dead"), place=CITY_D)
    body = [mention(a, 35, killed=killed(1, text="A woman")), mention(b, killed=killed(1, text="A woman"))]
    events = merge_mentions([head, *body], {a.id: a, b.id: b})
    assert len(events) == 2  # the headline's place kept it apart: the main event is the body's, told by both
    story = Story("s", (a.id, b.id), "2020-02-11", "2020-02-11", title)
    assert gva.predict_story(events, "s", story).killed == 3
    assert gva.predict_story(events, "s").killed == 1  # no story, no headline
    other = Story("s", (a.id, b.id), "2020-02-11", "2020-02-11", "Dalmora mourns")
    assert gva.predict_story(events, "s", other).killed == 1  # a headline with no toll says nothing
