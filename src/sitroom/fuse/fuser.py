"""Fusing one stored article into the store's stories, duplicates and merged events.

The steps of `Fuser.add`, each bounded by what the new article touches:

1. near-duplicate check (`BandedDuplicateIndex`): the article's 18 LSH band rows and
   the signatures they name. A copy joins its original's story (it adds its quotes as
   sources, never a second outlet) and leaves the story's profile unchanged;
2. story (`StoryIndex` over the backend's `StoryStore` methods): candidates come from
   the rows of the article's own keys (its events' and the places and actors it names,
   stored with it) inside the time window; the article's title+lead vector (from `embed`,
   or given by a caller that embeds in batches) is kept with it;
3. its cumulative tolls become `killed_total` figure claims (`claims.tolls_from_mentions`);
4. the merged events of that one story are rebuilt from all its members' mentions
   (`merge_mentions`), so the cost is the story's size, not the store's.

The backend is one database transaction (`sitroom.store.Store.fusion()`), so all of it
commits together: an interrupted run leaves the article unfused, and the next run's
`catch_up` fuses it. Adding an article that already has a story changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence

from sitroom.fuse.claims import tolls_from_mentions
from sitroom.fuse.dedup import BandedDuplicateIndex, SignatureStore
from sitroom.fuse.embeddings import article_text
from sitroom.fuse.merge import merge_mentions
from sitroom.fuse.records import Event
from sitroom.fuse.stories import Embed, StoryIndex, StoryStore
from sitroom.records import Article, EventMention


class FusionBackend(StoryStore, SignatureStore, Protocol):
    """What the fuser needs of a store, beyond stories and signatures (see sitroom.store.fusion)."""

    def join_copy(self, article_id: str, story_id: str) -> None: ...

    def set_vector(self, article_id: str, vector: Any) -> None: ...

    def members(self, story_id: str) -> list[str]: ...

    def articles_meta(self, article_ids: Sequence[str]) -> dict[str, Article]: ...

    def mentions_of(self, article_ids: Sequence[str]) -> list[EventMention]: ...

    def duplicates_among(self, article_ids: Sequence[str]) -> dict[str, str]: ...

    def replace_events(self, story_id: str, events: Sequence[Event]) -> None: ...

    def save_claims(self, claims: Any) -> None: ...

    def named_keys(self, article_id: str) -> list[str]: ...


@dataclass(frozen=True)
class Fused:
    """What fusing one article did: its story, the original it copies (if any), the story's events now."""

    article_id: str
    story_id: str
    original_id: str | None
    events: tuple[Event, ...]
    new: bool = True


class Fuser:
    """Duplicates, stories, tolls and merged events for one article at a time (see the module docstring).

    `embed` maps texts to unit vectors (`Embedder.embed`); without it stories are matched
    by word overlap. `story_options` go to `StoryIndex` (window_days, rules, ...), and
    `merge_options` to `merge_mentions` (max_km, min_evidence).
    """

    def __init__(self, embed: Embed | None = None, *, duplicate_threshold: float = 0.8,
                 story_options: Mapping[str, Any] | None = None, merge_options: Mapping[str, Any] | None = None):
        self.embed = embed
        self.duplicate_threshold = duplicate_threshold
        self.story_options = dict(story_options or {})
        self.merge_options = dict(merge_options or {})

    def vectors(self, articles: Sequence[Article]) -> list[Any]:
        """Title+lead vectors for a batch (None each without an embedder)."""
        if self.embed is None or not articles:
            return [None] * len(articles)
        return list(self.embed([article_text(a) for a in articles]))

    def add(self, backend: FusionBackend, article: Article, events: Sequence[EventMention],
            vector: Any = None) -> Fused:
        """Fuse one stored article (its mentions are `events`); see the module docstring."""
        known = backend.story_of(article.id)
        if known is not None:
            return Fused(article.id, known, backend.original_of(article.id), (), new=False)
        original, _ = BandedDuplicateIndex(backend, threshold=self.duplicate_threshold).add(article)
        story_id = backend.story_of(original) if original is not None else None
        if story_id is not None:
            backend.join_copy(article.id, story_id)
        else:
            if vector is None:
                vector = self.vectors([article])[0]
            story_id = StoryIndex(backend, None, **self.story_options).add(article, events, vector,
                                                                          backend.named_keys(article.id))
            if vector is not None:
                backend.set_vector(article.id, vector)
        backend.save_claims((c, article.id, at) for c, at in tolls_from_mentions(article, events))
        return Fused(article.id, story_id, original, tuple(self.rebuild(backend, story_id)))

    def rebuild(self, backend: FusionBackend, story_id: str) -> list[Event]:
        """Merge the mentions of every member of one story again, and store the result."""
        members = backend.members(story_id)
        articles = backend.articles_meta(members)
        events = merge_mentions(backend.mentions_of(members), articles, story_id=story_id,
                                duplicates=backend.duplicates_among(members), **self.merge_options)
        backend.replace_events(story_id, events)
        return events


def default_embed() -> tuple[Embed | None, str | None]:
    """The bundled embedder's `embed`, or (None, why not) when its packages are not installed."""
    from sitroom.fuse.embeddings import EmbedderUnavailable, default_embedder

    try:
        return default_embedder().embed, None
    except EmbedderUnavailable as exc:
        return None, str(exc)


__all__ = ["Fused", "Fuser", "FusionBackend", "default_embed"]
