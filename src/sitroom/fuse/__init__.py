"""Fusing articles: near-duplicates, stories, merged events, and figures reconciled across sources.

- `dedup`: DuplicateIndex (MinHash LSH): a repost maps to its original, never a second source;
  BandedDuplicateIndex does the same over stored band rows.
- `stories`: StoryIndex: articles grouped incrementally into stories, candidates by key and time;
  `keys`: the place, actor and word keys they are indexed and compared by.
- `embeddings`: Embedder: offline sentence vectors (int8 MiniLM on onnxruntime) for stories.
- `merge`: merge_mentions: mentions of one real-world event across articles become one Event.
- `figures`: reconcile / summarise: per-source figures, best, conservative, agreement in words.
- `claims`: figures beyond casualties (displaced, refugees, running tolls) as FigureClaims.
- `fuser`: Fuser: one stored article through all of the above, over a store's fusion session.
- `records`: Event, Story, FigureClaim, Disagreement, SourceFigure, SeriesPoint.
"""
from sitroom.fuse.figures import reconcile, series, summarise
from sitroom.fuse.merge import cumulative_tolls, merge_mentions
from sitroom.fuse.records import Disagreement, Event, FigureClaim, SeriesPoint, SourceFigure, Story

__all__ = [
    "Disagreement", "Event", "FigureClaim", "SeriesPoint", "SourceFigure", "Story", "cumulative_tolls",
    "merge_mentions", "reconcile", "series", "summarise",
]
