"""Running inputs through the pipeline into the store, one article at a time.

This is the one error policy of sitroom: an input that cannot be read, decoded, cleaned
or analysed becomes a Rejection with a reason, stored and reported, while the batch goes
on. Articles are stored as each is finished, keyed by content hash, so an interrupted
run resumes without redoing or doubling anything, and a second run changes nothing.

Each stored article is then fused (`sitroom.fuse.fuser`): checked for being a copy,
placed in a story, and its story's merged events rebuilt, in one transaction of its own.
Figure claims that need the parse (displaced, refugees: `sitroom.fuse.claims`) are taken
while the spaCy doc is in memory and stored with the article. An article stored but not
fused (a run killed between the two, a database from before stories) is fused at the
start of the next run (`catch_up`), oldest first; one whose fusing fails is recorded as a
Rejection at stage "fuse" and retried by the next run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Sequence

from sitroom.fuse.claims import claims_from_doc
from sitroom.fuse.fuser import Fused, Fuser, default_embed
from sitroom.fuse.keys import mention_keys
from sitroom.ingest.options import IngestOptions
from sitroom.ingest.sources import iter_inputs
from sitroom.pipeline import Pipeline, analyse, build_pipeline
from sitroom.pipeline.clean import clean_document
from sitroom.records import Analysis, Article, EventMention, RawDocument, Rejection
from sitroom.store.db import Store

SUPPORTED_LANGUAGES = {"en"}


@dataclass
class RunSummary:
    """What a run did: counts, and every input it rejected with the reason."""

    processed: int = 0
    already_stored: int = 0
    events: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    fused: int = 0  # articles placed in a story by this run (catch-up included)
    notes: list[str] = field(default_factory=list)  # how this run worked, for the user (no errors)

    @property
    def ok(self) -> bool:
        return not self.rejected


Progress = Callable[[str, str], None]  # (uri, outcome) after each input


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def default_fuser(notes: list[str] | None = None) -> Fuser:
    """A Fuser with the bundled embedder, or matching stories by word overlap (noted) without it."""
    embed, why = default_embed()
    if embed is None and notes is not None:
        notes.append(f"stories matched by word overlap, not embeddings: {why}")
    return Fuser(embed)


def fuse_article(store: Store, fuser: Fuser, article: Article, events: Sequence[EventMention]) -> Fused:
    """Fuse one stored article in one transaction."""
    with store.fusion() as session:
        return fuser.add(session, article, events)


def _rejection(uri: str, stage: str, exc: Exception) -> Rejection:
    reason = str(exc) or type(exc).__name__
    if stage != "clean":
        reason = f"{type(exc).__name__} during {stage}: {reason}"
    return Rejection(uri=uri, reason=reason, stage=stage, at=_now())


def catch_up(store: Store, fuser: Fuser, summary: RunSummary | None = None) -> int:
    """Fuse the stored articles that have no story yet, oldest first; returns how many were fused."""
    done = 0
    for article_id in store.unfused_article_ids():
        article = store.article(article_id)
        if article is None:  # pragma: no cover - ids come from the same table
            continue
        try:
            fuse_article(store, fuser, article, list(store.event_mentions(article_id)))
        except Exception as exc:  # a failing article is recorded and retried by the next run
            rej = _rejection(article.uri, "fuse", exc)
            store.save_rejection(rej)
            if summary is not None:
                summary.rejected.append(rej)
            continue
        store.clear_rejection(article.uri)
        done += 1
        if summary is not None:
            summary.fused += 1
    return done


def process_document(raw: RawDocument, pipeline: Pipeline, store: Store, options: IngestOptions,
                     fuser: Fuser | None = None) -> tuple[str, Analysis | Rejection | None]:
    """Clean, analyse, store and (with a fuser) fuse one document; ('stored'|'skipped'|'rejected', result)."""
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
        claims = claims_from_doc(state)
        named = mention_keys(state.places or (), state.actors or ())
        stage = "store"
        store.save_analysis(result, claims, named)
        if fuser is not None:
            stage = "fuse"
            fuse_article(store, fuser, article, result.events)
        store.clear_rejection(raw.uri)
        return "stored", result
    except Exception as exc:  # the one place a failing document becomes a recorded reason
        rej = _rejection(raw.uri, stage, exc)
        store.save_rejection(rej)
        return "rejected", rej


def run(paths: Sequence[str], store: Store, options: IngestOptions | None = None,
        pipeline: Pipeline | None = None, progress: Progress | None = None,
        inputs: Iterable[RawDocument | Rejection] | None = None, fuser: Fuser | None = None,
        fuse: bool = True) -> RunSummary:
    """Ingest `paths` (or the given `inputs`) and store what the pipeline makes of each.

    With `fuse` (the default) each stored article is also fused, by `fuser` or a
    `default_fuser()`, after catching up on articles a previous run left unfused.
    """
    options = options or IngestOptions()
    pipeline = pipeline or build_pipeline()
    summary = RunSummary()
    if not fuse:
        fuser = None
    elif fuser is None:
        fuser = default_fuser(summary.notes)
    if fuser is not None:
        catch_up(store, fuser, summary)
    for item in inputs if inputs is not None else iter_inputs(paths, options):
        if isinstance(item, Rejection):
            store.save_rejection(item)
            summary.rejected.append(item)
            outcome, uri = "rejected", item.uri
        else:
            outcome, result = process_document(item, pipeline, store, options, fuser)
            uri = item.uri
            if outcome == "stored" and isinstance(result, Analysis):
                summary.processed += 1
                summary.events += len(result.events)
                summary.fused += fuser is not None
            elif outcome == "skipped":
                summary.already_stored += 1
            elif isinstance(result, Rejection):
                summary.rejected.append(result)
        if progress is not None:
            progress(uri, outcome)
    return summary
