"""The story stores' shared helpers (invented keys)."""
from __future__ import annotations

from sitroom.fuse.story_store import MemoryStoryStore, StoryProfile, story_places


def test_a_storys_places_put_the_settlements_the_gazetteer_placed_first():
    keys = ["place:Adams", "actor:Police", "place:Harbourton#101", "place:Dalmora#102", "day:2020-02-10"]
    assert story_places(keys) == ("Harbourton", "Dalmora", "Adams")
    assert story_places(["place:A#1", "place:B#2", "place:C#3"], limit=2) == ("A", "B")


def test_the_memory_store_names_a_storys_places_the_same_way():
    store = MemoryStoryStore()
    profile = StoryProfile("s1", "Shots on Harbour Street", "2020-02-10", "2020-02-10", 1,
                           (("place:Adams", 3), ("place:Harbourton#101", 2)))
    store.put(profile, "a1", ["place:Adams", "place:Harbourton#101"])
    assert store.story("s1").places == ("Harbourton", "Adams")
