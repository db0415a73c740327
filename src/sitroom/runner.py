"""Running inputs through the pipeline into the store, one article at a time.

This is the one error policy of sitroom: an input that cannot be read, decoded, cleaned
or analysed becomes a Rejection with a reason, stored and reported, while the batch goes
on. Articles are stored as each is finished, keyed by content hash, so an interrupted
run resumes without redoing or doubling anything, and a second run changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Sequence

from sitroom.ingest.options import IngestOptions
from sitroom.ingest.sources import iter_inputs
from sitroom.pipeline import Pipeline, analyse, build_pipeline
from sitroom.pipeline.clean import clean_document
from sitroom.records import Analysis, RawDocument, Rejection
from sitroom.store.db import Store

SUPPORTED_LANGUAGES = {"en"}


@dataclass
class RunSummary:
    """What a run did: counts, and every input it rejected with the reason."""

    processed: int = 0
    already_stored: int = 0
    events: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


Progress = Callable[[str, str], None]  # (uri, outcome) after each input


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def process_document(raw: RawDocument, pipeline: Pipeline, store: Store, options: IngestOptions
                     ) -> tuple[str, Analysis | Rejection | None]:
    """Clean, analyse and store one document; ('stored'|'skipped'|'rejected', result)."""
    stage = "clean"
    try:
        article = clean_document(raw, options)
        if store.has_article(article.id):
            store.clear_rejection(raw.uri)
            return "skipped", None
        if article.language and article.language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"language {article.language!r} is not supported (sitroom analyses English)")
        stage = "analyse"
        state = analyse(pipeline, article)
        result = Analysis(article=article, events=tuple(state.events or ()), quotations=tuple(state.quotations or ()))
        stage = "store"
        store.save_analysis(result)
        store.clear_rejection(raw.uri)
        return "stored", result
    except Exception as exc:  # the one place a failing document becomes a recorded reason
        reason = str(exc) or type(exc).__name__
        if stage != "clean":
            reason = f"{type(exc).__name__} during {stage}: {reason}"
        rej = Rejection(uri=raw.uri, reason=reason, stage=stage, at=_now())
        store.save_rejection(rej)
        return "rejected", rej


def run(paths: Sequence[str], store: Store, options: IngestOptions | None = None,
        pipeline: Pipeline | None = None, progress: Progress | None = None,
        inputs: Iterable[RawDocument | Rejection] | None = None) -> RunSummary:
    """Ingest `paths` (or the given `inputs`) and store what the pipeline makes of each."""
    options = options or IngestOptions()
    pipeline = pipeline or build_pipeline()
    summary = RunSummary()
    for item in inputs if inputs is not None else iter_inputs(paths, options):
        if isinstance(item, Rejection):
            store.save_rejection(item)
            summary.rejected.append(item)
            outcome, uri = "rejected", item.uri
        else:
            outcome, result = process_document(item, pipeline, store, options)
            uri = item.uri
            if outcome == "stored" and isinstance(result, Analysis):
                summary.processed += 1
                summary.events += len(result.events)
            elif outcome == "skipped":
                summary.already_stored += 1
            elif isinstance(result, Rejection):
                summary.rejected.append(result)
        if progress is not None:
            progress(uri, outcome)
    return summary
