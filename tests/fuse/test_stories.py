"""Stories built incrementally: joins within the window, follow-ups, blocking, stable ids, saved state."""
from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from sitroom.fuse.stories import MemoryStoryStore, StoryIndex, VECTOR_RULES, WORD_RULES, content_words, entity_keys
from sitroom.records import Actor, DateSpan, Place, content_hash

from tests.fuse.builders import FAR_TOWN, SYR_MIL, TOWN_A, TOWN_C, TUR_MIL, UKR_MIL, VILLAGE_B, article, mention

RUS_GOV = Actor("Government of Russia", "RUS", "GOV")


NO_DAY = ""


def _report(n, published, title, text, places=(TOWN_A,), actors=(TUR_MIL,), recipients=(SYR_MIL,),
            outlet="Test Wire", event="ASSAULT", day=None):
    """An article and its events; an attack happened the day before publication unless `day` says
    (NO_DAY: the article tells no day)."""
    art = article(n, text, published=published, title=title, outlet=outlet)
    if day is None and published:
        day = (date.fromisoformat(published) - timedelta(days=1)).isoformat()
    when = DateSpan(day, day, "day") if day else None
    return art, [mention(art, i, place=p, actors=actors, recipients=recipients, event=event, date=when)
                 for i, p in enumerate(places)]


CLASH = _report(1, "2020-02-11", "Turkish troops shell Syrian positions near Alphaville",
                "Turkish artillery pounded Syrian army positions around Alphaville after an attack on a Turkish "
                "observation post, the defence ministry said.", places=(TOWN_A, VILLAGE_B))
CLASH_NEXT_DAY = _report(2, "2020-02-12", "Ankara says dozens of Syrian soldiers killed around Alphaville",
                         "Turkey said its retaliatory shelling around Alphaville and Betaburg killed dozens of "
                         "Syrian soldiers; Damascus denied losses.", places=(TOWN_A, VILLAGE_B), outlet="Daily")
UKRAINE = _report(3, "2020-02-12", "Shelling near Epsilon kills two soldiers",
                  "Separatists shelled positions near Epsilon on Tuesday, killing two Ukrainian soldiers.",
                  places=(FAR_TOWN,), actors=(RUS_GOV,), recipients=(UKR_MIL,))
FOLLOW_UP = _report(4, "2020-03-05", "Ceasefire agreed for Alphaville front after weeks of clashes",
                    "Turkish and Syrian officials agreed a ceasefire around Alphaville and Betaburg after weeks of "
                    "shelling and dozens of soldiers killed.", places=(TOWN_A, VILLAGE_B), event="AGREE")
LATE = _report(5, "2020-04-20", "Alphaville front: shelling resumes",
               "Turkish artillery pounded Syrian positions around Alphaville and Betaburg again.",
               places=(TOWN_A, VILLAGE_B))


def _add(index, *reports):
    return [index.add(a, evs) for a, evs in reports]


def test_articles_on_one_situation_share_a_story_and_others_found_their_own():
    index = StoryIndex()
    first, second, third = _add(index, CLASH, CLASH_NEXT_DAY, UKRAINE)
    assert first == second == content_hash("story", CLASH[0].id)
    assert third == content_hash("story", UKRAINE[0].id)
    (story, other) = index.stories()
    assert story.article_ids == (CLASH[0].id, CLASH_NEXT_DAY[0].id)
    assert (story.first_published, story.last_published) == ("2020-02-11", "2020-02-12")
    assert story.title == CLASH[0].title and story.places[:2] == ("Alphaville", "Betaburg")
    assert "Military Forces of Turkey" in story.actors and other.article_ids == (UKRAINE[0].id,)


def test_follow_ups_join_within_30_days_only_with_strong_place_overlap():
    index = StoryIndex()
    sid = _add(index, CLASH, CLASH_NEXT_DAY)[0]
    assert index.add(*FOLLOW_UP) == sid  # 22 days after the latest article, same places and parties
    assert index.add(*LATE) != sid  # 46 days later: a new story, even about the same places
    weak = _report(6, "2020-03-01", "Turkish troops on the move",
                   "Turkish troops moved into a new area far from the front, officials said.",
                   places=(Place("Zetaville", 37.5, 38.5, 3001, None, "TUR", "place"),))
    assert index.add(*weak) != sid  # shares an actor, no place: not a follow-up


def test_adding_again_returns_the_same_story_and_changes_nothing():
    index = StoryIndex()
    sid = index.add(*CLASH)
    before = index.to_state()
    assert index.add(*CLASH) == sid
    assert index.to_state() == before


def test_state_round_trips_through_json_and_the_restored_index_continues_identically():
    index = StoryIndex()
    _add(index, CLASH, UKRAINE)
    restored = StoryIndex.from_state(json.loads(json.dumps(index.to_state())))
    assert restored.stories() == index.stories()
    assert restored.add(*CLASH_NEXT_DAY) == index.add(*CLASH_NEXT_DAY)
    assert restored.to_state() == index.to_state()


class CountingStore(MemoryStoryStore):
    """Counts the stories handed out as candidates, to show an article is never compared with everything."""

    def __init__(self):
        super().__init__()
        self.handed_out = 0

    def candidates(self, keys, start, end, limit):
        found = super().candidates(keys, start, end, limit)
        self.handed_out += len(found)
        return found


def test_candidates_come_from_shared_keys_and_the_time_window_never_all_stories():
    store = CountingStore()
    index = StoryIndex(store)
    for i in range(40):  # forty unrelated situations, each in its own place
        place = Place(f"Town{i}", 10.0 + i, 20.0, 5000 + i, f"Region{i}", "XXX", "place")
        index.add(*_report(100 + i, "2020-02-11", f"Unrest in Town{i}", f"Protesters gathered in Town{i}{'x' * i}.",
                           places=(place,), actors=(Actor(f"Group{i}", "XXX", "REB"),), recipients=()))
    store.handed_out = 0
    index.add(*CLASH)
    assert store.handed_out == 0 and len(index.stories()) == 41
    # the same situation years later is outside the window: not even a candidate
    old = _report(7, "2017-01-01", CLASH[0].title, CLASH[0].text, places=(TOWN_A, VILLAGE_B))
    assert index.add(*old) != index.add(*CLASH)
    assert store.handed_out == 0


def test_undated_articles_join_on_strong_overlap():
    index = StoryIndex()
    sid = _add(index, CLASH, CLASH_NEXT_DAY)[0]
    undated = _report(8, None, "Why Alphaville matters", "Turkish shelling around Alphaville and Betaburg has "
                      "killed dozens of Syrian soldiers, Ankara says.", places=(TOWN_A, VILLAGE_B))
    assert index.add(*undated) == sid
    assert index.story(sid).last_published == "2020-02-12"  # an undated article moves no dates


def _fake_embed(vectors):
    def embed(texts):
        return np.array([vectors[t.split(".")[0]] for t in texts], dtype=np.float32)
    return embed


def test_with_an_embedder_text_similarity_decides_alongside_entities():
    unit = lambda *xs: np.array(xs, dtype=np.float32) / np.linalg.norm(xs)  # noqa: E731
    vectors = {CLASH[0].title: unit(1, 0, 0), CLASH_NEXT_DAY[0].title: unit(0.9, 0.3, 0),
               "Unrelated meeting near Alphaville": unit(0, 0, 1)}
    index = StoryIndex(embed=_fake_embed(vectors))
    assert index.rules == VECTOR_RULES and index.word_rules == WORD_RULES
    sid = _add(index, CLASH, CLASH_NEXT_DAY)[0]
    assert index.story(sid).article_ids == (CLASH[0].id, CLASH_NEXT_DAY[0].id)
    unrelated = _report(9, "2020-02-12", "Unrelated meeting near Alphaville", "A trade fair opened.",
                        places=(TOWN_C,), actors=(Actor("Chamber of Commerce", "SYR", "BUS"),), recipients=())
    assert index.add(*unrelated) != sid  # orthogonal text, another town: its own story
    centroid = np.array(index.store.profiles[sid].centroid)
    assert np.allclose(centroid, (vectors[CLASH[0].title] + vectors[CLASH_NEXT_DAY[0].title]) / 2)


def test_keys():
    assert content_words("The Turkish army said: shelling, shelling and more SHELLING") == ["turkish", "army",
                                                                                            "shelling"]
    keys = entity_keys([mention(CLASH[0], place=TOWN_A), mention(CLASH[0], place=VILLAGE_B)])
    assert keys[:2] == ["place:Alphaville#1001", "admin1:SYR:Idlib"] and "place:Betaburg" in keys
    assert "actor:Military Forces of Turkey" in keys


def test_a_report_months_later_joins_through_a_rare_personal_name_and_a_place():
    victim = Actor("Darnell Quayle", None, None, "Darnell Quayle")
    shooting = _report(10, "2020-02-11", "Teen shot dead in Alphaville",
                       "Darnell Quayle, 17, was shot dead outside a store in Alphaville on Monday night.",
                       actors=(), recipients=(victim,))
    trial = _report(11, "2020-09-30", "Man sentenced for killing Alphaville teen",
                    "A man was sentenced to 30 years for the killing of Darnell Quayle outside an Alphaville store.",
                    actors=(), recipients=(victim,), day=NO_DAY)
    stranger = _report(12, "2020-06-15", "Man sentenced in Alphaville robbery",
                       "A man was sentenced to 30 years for a robbery outside an Alphaville store.",
                       actors=(), recipients=(Actor("Miriam Osterberg", None, None, "Miriam Osterberg"),), day=NO_DAY)
    index = StoryIndex()
    sid = index.add(*shooting)
    assert index.add(*stranger) != sid  # same place and words, months later, nobody in common
    assert index.add(*trial) == sid


def test_personal_name_keys():
    from sitroom.fuse.stories import is_name_key

    assert is_name_key("actor:Roland L. Scobee") and is_name_key("actor:Darnell Quayle")
    assert not is_name_key("actor:Cook County Sheriff") and not is_name_key("actor:RCSO")
    assert not is_name_key("actor:Civilians (Syria)") and not is_name_key("place:Alphaville#1001")


CIVILIANS = Actor("Civilians (Testland)", "XXX", "CVL")
BAR_SHOOTING = _report(20, "2020-05-04", "Two men shot outside Alphaville bar",
                       "Two men were shot outside a bar on Harbour Street in Alphaville late Sunday, police said. "
                       "Both were taken to hospital.", actors=(), recipients=(CIVILIANS,))
NEXT_WEEK = _report(21, "2020-05-12", "Man shot outside Alphaville bar",
                    "A man was shot outside a bar on Harbour Street in Alphaville late Monday, police said. "
                    "He was taken to hospital.", actors=(), recipients=(CIVILIANS,))
ARREST = _report(22, "2020-05-20", "Arrest in Alphaville bar shooting",
                 "Police arrested a man in the shooting of two men outside a bar on Harbour Street in Alphaville "
                 "on May 3.", actors=(), recipients=(CIVILIANS,), day="2020-05-03")


def test_a_shooting_in_the_same_place_days_later_is_another_story_and_a_report_naming_the_day_joins_its_own():
    index = StoryIndex()
    first = index.add(*BAR_SHOOTING)
    assert index.add(*NEXT_WEEK) != first  # alike, same street, but its attack happened eight days later
    assert index.add(*ARREST) == first  # names the first shooting's day


def test_a_report_months_later_joins_through_the_day_of_its_attack_and_a_place():
    index = StoryIndex()
    first = index.add(*BAR_SHOOTING)
    other = index.add(*_report(23, "2020-05-19", "Shots fired in Alphaville", "Shots were fired on Harbour Street "
                               "in Alphaville on Monday.", actors=(), recipients=(CIVILIANS,)))
    anniversary = _report(24, "2020-11-04", "Six months on, Alphaville bar reopens",
                          "The Harbour Street bar in Alphaville where two men were shot on May 3 reopened.",
                          actors=(), recipients=(CIVILIANS,), day="2020-05-03")
    elsewhere = _report(25, "2020-11-05", "Six months on, a bar reopens", "A bar where two men were shot on May 3 "
                        "reopened.", places=(FAR_TOWN,), actors=(), recipients=(CIVILIANS,), day="2020-05-03")
    assert first != other
    assert index.add(*elsewhere) not in (first, other)  # the day alone is not enough: the place too
    assert index.add(*anniversary) == first


def test_attack_days_agree_within_a_day_and_conflict_beyond():
    agree = StoryIndex._days_agree
    assert agree(("day:2020-05-03",), {"day:2020-05-03": 2, "word:bar": 1}) is True
    assert agree(("day:2020-05-04",), {"day:2020-05-03": 1}) is None  # a night's shooting, either side of midnight
    assert agree(("day:2020-05-11",), {"day:2020-05-03": 1}) is False
    assert agree((), {"day:2020-05-03": 1}) is None and agree(("day:2020-05-03",), {"word:bar": 1}) is None


def test_a_page_left_with_only_its_headline_joins_the_story_its_words_are_in():
    index = StoryIndex()
    first = index.add(*BAR_SHOOTING)
    headline = "Two shot outside Harbour Street bar"
    assert index.add(article(26, headline, published="2020-05-04", title=headline), []) == first
    other = "Warehouse blaze guts Betaburg depot"
    assert index.add(article(27, other, published="2020-05-04", title=other), []) != first


def _filled_index(vectors, city, n=120):
    """An index (with an embedder unless `vectors` is None) and `n` stored reports of other shootings, a
    quarter of them in `city` (a store big enough for a word's rarity to mean something, where the city's
    name is no rare word)."""
    unit = np.zeros(4, dtype=np.float32)
    unit[3] = 1.0
    embed = None if vectors is None else lambda texts: np.array([vectors.get(t.split(".")[0], unit) for t in texts])
    index = StoryIndex(embed=embed)
    for i in range(n):
        town = city if i % 4 == 0 else Place(f"Filler Town {i}", 30.0 + i / 10, -90.0, 5000 + i, None, "USA", "place")
        _add(index, _report(1000 + i, "2021-02-20", f"Man shot in {town.name}",
                            f"A man was shot on Monday night in {town.name}, police said, and taken to a "
                            f"hospital in stable condition; detectives are looking for witnesses.",
                            places=(town,), actors=(), recipients=()))
    return index


@pytest.mark.parametrize("with_vectors", [True, False])
def test_in_a_big_store_the_rare_words_two_reports_share_tell_one_incident_from_another(with_vectors):
    unit = lambda *xs: np.array(xs, dtype=np.float32) / np.linalg.norm(xs)  # noqa: E731
    town = Place("Dalmora", 41.0, -87.0, 4242, None, "USA", "place")
    titles = ("Teen shot outside Dalmora corner store", "Family of wounded Dalmora teen asks for witnesses",
              "Woman shot in Dalmora parking lot")
    index = _filled_index({titles[0]: unit(1, 0, 0, 0), titles[1]: unit(0.4, 0.92, 0, 0),
                           titles[2]: unit(0.6, 0, 0.8, 0)} if with_vectors else None, town)
    first = index.add(*_report(1, "2021-03-20", titles[0],
                               "Quenton Varga, 17, was shot outside the Brisbay Grocery on Ostrander Avenue in "
                               "Dalmora on Friday night, police said.", places=(town,), actors=(), recipients=()))
    same = _report(2, "2021-03-22", titles[1],
                   "Relatives of Quenton Varga asked anyone who saw what happened near the Brisbay Grocery on "
                   "Ostrander Avenue to come forward. His mother said he had been walking home from basketball "
                   "practice with two friends when a car pulled up. The family has set up a fund to pay his "
                   "medical bills, and classmates held a vigil at the school gym on Monday evening. Teachers "
                   "described a quiet student who loved drawing and volunteered at the animal shelter every "
                   "weekend; the principal said counsellors would stay at the school through Friday. Neighbours "
                   "organised meals for his younger sisters, a local bakery donated bread, and the church choir "
                   "planned a benefit concert for next month in the community hall beside the library. His "
                   "grandfather, a retired bus mechanic, thanked nurses, firefighters and strangers who phoned "
                   "with prayers, flowers, cards and offers to drive relatives between appointments.",
                   places=(town,), actors=(), recipients=(), day=NO_DAY)
    other = _report(3, "2021-03-22", titles[2],
                    "A woman was shot in a parking lot in Dalmora on Sunday night, police said, and taken to a "
                    "hospital.", places=(town,), actors=(), recipients=(), day=NO_DAY)
    assert index.add(*same) == first  # a name, a shop and a street only this incident's reports share
    assert index.add(*other) != first  # the same town, two days later, nothing rare in common
    assert index.store.article_count() > 100


def test_in_a_small_store_no_word_is_rare_and_the_rules_without_rarity_apply():
    from sitroom.fuse.stories import SMALL_RULES

    index = StoryIndex(embed=lambda texts: np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3))
    _add(index, CLASH)
    seen = []
    original = index._rare_terms
    index._rare_terms = lambda f, counts, idf, rules: seen.append(rules) or original(f, counts, idf, rules)
    _add(index, CLASH_NEXT_DAY)
    assert seen and all(r == SMALL_RULES for r in seen)
