"""What `sitroom export --what ...` writes from a store, in which formats.

`mentions` (the default) is the per-mention export documented in the README, with the
fused keys appended (story, merged event, source count, per-source figures); `events`
the merged events; `stories`, `claims` (figures reconciled per story, cumulative totals
as series) and `escalation` (daily conflict-cooperation series per actor pair) the rest
of what fusing found. Everything streams from the store; nothing is held whole except
one story's claims at a time and the escalation series (a few numbers per pair and day).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, TextIO

from sitroom.analytics.escalation import pair_series
from sitroom.export.events import FusedMention
from sitroom.export.formats import FORMATS
from sitroom.export.fused import (
    write_claims_jsonl, write_escalation_csv, write_escalation_jsonl, write_events_csv, write_events_geojson,
    write_events_jsonl, write_stories_jsonl,
)
from sitroom.fuse.figures import reconcile, series

WHAT: dict[str, tuple[str, ...]] = {
    "mentions": ("jsonl", "csv", "geojson"),
    "events": ("jsonl", "csv", "geojson"),
    "stories": ("jsonl",),
    "claims": ("jsonl",),
    "escalation": ("jsonl", "csv"),
}


def fused_mentions(store: Any) -> Iterator[FusedMention]:
    """Every stored mention with its story and merged event, in the per-mention export order."""
    lookup = store.merged_event_lookup()
    for mention, story_id, event_id in store.fused_mentions():
        yield FusedMention(mention, story_id, lookup.get(event_id))


def story_claims(store: Any) -> Iterator[tuple[str, list, dict]]:
    """(story id, reconciled figures, cumulative series) for each story with figure claims."""
    for story_id, claims in store.claims_by_story().items():
        yield story_id, reconcile(claims), series(claims)


def export_store(store: Any, what: str, fmt: str, out: TextIO) -> int:
    """Write `what` from a store in format `fmt`; the number of records written."""
    if fmt not in WHAT.get(what, ()):
        raise ValueError(f"--what {what} cannot be written as {fmt}: choose "
                         + (", ".join(WHAT[what]) if what in WHAT else f"--what among {', '.join(WHAT)}"))
    if what == "mentions":
        return FORMATS[fmt](fused_mentions(store), store.article_lookup(), out)
    if what == "events":
        writer = {"jsonl": write_events_jsonl, "csv": write_events_csv, "geojson": write_events_geojson}[fmt]
        return writer(store.merged_events(), out)
    if what == "stories":
        events = Counter(ev.story_id for ev in store.merged_events())
        return write_stories_jsonl(store.stories(), out, events)
    if what == "claims":
        return write_claims_jsonl(story_claims(store), out)
    pairs = pair_series(store.merged_events())
    return (write_escalation_csv if fmt == "csv" else write_escalation_jsonl)(pairs, out)


__all__ = ["WHAT", "export_store", "fused_mentions", "story_claims"]
