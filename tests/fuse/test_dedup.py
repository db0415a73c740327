"""Near-duplicate articles: reposts with other debris map to the original; other reports do not."""
from __future__ import annotations

import json

from sitroom.fuse.dedup import DuplicateIndex, find_duplicates, shingles

from tests.fuse.builders import article

WIRE = (
    "Turkish forces shelled government positions in the northwest on Monday after an attack on one of their "
    "observation posts killed five soldiers, the defence ministry in the capital said in a statement. The "
    "ministry said its artillery had hit dozens of targets overnight and that the strikes would continue as long "
    "as its troops were threatened. Local residents reported heavy fire around the town through the night and "
    "said several families had fled toward the border before dawn. A spokesman for the government forces denied "
    "that any of its units had been hit and accused the other side of violating an agreement reached two years "
    "ago. Diplomats from both capitals were expected to meet later in the week to discuss the situation."
)
REPOST = "Photo: residents leave the town. " + WIRE.replace("Diplomats", "Officials") + " Share this article."
OTHER_REPORT = (
    "Five soldiers died when their post came under fire on Monday, officials said, and the army answered with "
    "artillery. Families were seen leaving the area. Government forces said none of their units had been struck."
)


def test_a_repost_with_debris_maps_to_the_original():
    index = DuplicateIndex()
    original, repost, other = article(1, WIRE), article(2, REPOST, outlet="Repost Site"), article(3, OTHER_REPORT)
    assert index.add(original) is None
    assert index.add(repost) == original.id
    assert index.add(other) is None  # the same event in other words is a second source, not a copy
    assert index.duplicates == {repost.id: original.id}
    assert index.add(repost) == original.id and index.add(original) is None  # adding again changes nothing
    assert len(index) == 3 and repost.id in index and index.original_of(repost.id) == original.id


def test_a_copy_of_a_copy_maps_to_the_original():
    index = DuplicateIndex()
    original = article(1, WIRE)
    index.add(original)
    index.add(article(2, REPOST))
    assert index.add(article(3, REPOST + " Follow us.")) == original.id


def test_signatures_are_deterministic_and_state_round_trips_through_json():
    a, b = DuplicateIndex(), DuplicateIndex()
    assert list(a.signature(WIRE).hashvalues) == list(b.signature(WIRE).hashvalues)
    a.add(article(1, WIRE))
    a.add(article(2, REPOST))
    restored = DuplicateIndex.from_state(json.loads(json.dumps(a.to_state())))
    assert restored.duplicates == a.duplicates
    assert restored.add(article(3, REPOST + " Follow us.")) == article(1, WIRE).id
    assert restored.add(article(4, OTHER_REPORT)) is None


def test_shingles_of_short_and_empty_texts():
    assert shingles("") == set()
    assert shingles("Five killed.") == {b"five killed"}
    assert len(shingles(" ".join(f"w{i}" for i in range(10)))) == 6


def test_find_duplicates_takes_the_first_seen_as_original():
    first, second = article(1, REPOST), article(2, WIRE)
    assert find_duplicates([first, second]) == {second.id: first.id}
