"""Running inputs through the pipeline into the store, a small batch of articles at a time.

This is the one error policy of sitroom: an input that cannot be read, decoded, cleaned
or analysed becomes a Rejection with a reason, stored and reported, while the batch goes
on. Inputs are parsed a small batch at a time (one spaCy pass, one embedding call), but each
is stored as it is finished, keyed by content hash, so an interrupted
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

import concurrent.futures
import functools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Sequence

from sitroom.fuse.claims import claims_from_doc
from sitroom.fuse.fuser import Fused, Fuser, default_embed
from sitroom.fuse.keys import mention_keys
from sitroom.ingest.options import IngestOptions
from sitroom.ingest.sources import iter_inputs
from sitroom.pipeline import DocState, Pipeline, analyse, build_pipeline
from sitroom.pipeline.base import assign
from sitroom.pipeline.nlp import NlpStage
from sitroom.pipeline.clean import clean_document
from sitroom.pipeline.language import readable
from sitroom.records import Analysis, Article, EventMention, RawDocument, Rejection
from sitroom.store.db import Store


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


def fuse_article(store: Store, fuser: Fuser, article: Article, events: Sequence[EventMention],
                 vector: Any = None) -> Fused:
    """Fuse one stored article in one transaction (`vector`: its title+lead embedding, if made already)."""
    with store.fusion() as session:
        return fuser.add(session, article, events, vector)


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


def _store(store: Store, article: Article, state: DocState) -> Analysis:
    result = Analysis(article=article, events=tuple(state.events or ()), quotations=tuple(state.quotations or ()))
    store.save_analysis(result, claims_from_doc(state), mention_keys(state.places or (), state.actors or ()))
    return result


def _cleaned(raw: RawDocument, store: Store, options: IngestOptions) -> Article | None:
    """The cleaned article, or None when it is stored already; raises what makes it unusable."""
    article = clean_document(raw, options)
    if store.has_article(article.id):
        store.clear_rejection(raw.uri)
        return None
    if not readable(article.language, article.text):
        raise ValueError(f"language {article.language!r} is not supported (sitroom analyses English)")
    return article


Outcome = tuple[str, Analysis | Rejection | None]  # ('stored'|'skipped'|'rejected', result)


def _rejected(store: Store, uri: str, stage: str, exc: Exception) -> Outcome:
    """The one place a failing document becomes a recorded reason (the batch goes on)."""
    rej = _rejection(uri, stage, exc)
    store.save_rejection(rej)
    return "rejected", rej


def _complete(raw: RawDocument, article: Article, analysed: Callable[[], DocState], store: Store,
              fuser: Fuser | None, vector: Any = None) -> Outcome:
    """Analyse (by `analysed()`), store and fuse one cleaned article, each step failing alone."""
    stage = "analyse"
    try:
        state = analysed()
        stage = "store"
        result = _store(store, article, state)
        if fuser is not None:
            stage = "fuse"
            fuse_article(store, fuser, article, result.events, vector)
        store.clear_rejection(raw.uri)
        return "stored", result
    except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
        return _rejected(store, raw.uri, stage, exc)


def process_document(raw: RawDocument, pipeline: Pipeline, store: Store, options: IngestOptions,
                     fuser: Fuser | None = None) -> Outcome:
    """Clean, analyse, store and (with a fuser) fuse one document; ('stored'|'skipped'|'rejected', result)."""
    try:
        article = _cleaned(raw, store, options)
    except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
        return _rejected(store, raw.uri, "clean", exc)
    if article is None:
        return "skipped", None
    return _complete(raw, article, lambda: analyse(pipeline, article), store, fuser)


@functools.lru_cache(maxsize=1)
def _background() -> concurrent.futures.ThreadPoolExecutor:
    """One worker thread for embedding a batch while the main thread parses it."""
    return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitroom-embed")


def _parsed(pipeline: Pipeline, article: Article, doc: Any) -> DocState:
    if isinstance(doc, Exception):
        raise doc
    return pipeline(assign(DocState(article=article), doc=doc), start=1)


def process_batch(raws: Sequence[RawDocument], pipeline: Pipeline, store: Store, options: IngestOptions,
                  fuser: Fuser | None = None) -> list[Outcome]:
    """`process_document` for several documents, with one spaCy pass and one embedding call for all.

    Each document still fails alone, with the same stages and reasons, and is stored and
    fused in input order, so the result is the one a document-at-a-time run gives.
    """
    nlp_stage = pipeline.stages[0] if pipeline.stages else None
    if not isinstance(nlp_stage, NlpStage) or len(raws) < 2:
        return [process_document(raw, pipeline, store, options, fuser) for raw in raws]
    outcomes: list[Outcome] = [("skipped", None)] * len(raws)
    todo: list[tuple[int, Article]] = []
    seen: set[str] = set()
    for i, raw in enumerate(raws):
        try:
            article = _cleaned(raw, store, options)
        except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
            outcomes[i] = _rejected(store, raw.uri, "clean", exc)
            continue
        if article is not None and article.id not in seen:  # a second copy in one batch is "already stored"
            seen.add(article.id)
            todo.append((i, article))
    # The embedder (onnxruntime, which releases the GIL) works on the second core while spaCy
    # parses on the first: the batch's vectors come for free instead of after the parse.
    pending = _background().submit(fuser.vectors, [a for _, a in todo]) if fuser is not None and todo else None
    docs = nlp_stage.parse_many([a.text for _, a in todo])
    vectors: list[Any] = [None] * len(todo)
    if pending is not None:
        try:
            vectors = pending.result()
        except Exception:  # noqa: BLE001 - each article then embeds alone in fusing, and fails alone
            pass
    for (i, article), doc, vector in zip(todo, docs, vectors):
        outcomes[i] = _complete(raws[i], article, lambda a=article, d=doc: _parsed(pipeline, a, d), store, fuser,
                                vector)
    return outcomes


def _batches(items: Iterable[RawDocument | Rejection], size: int) -> Iterable[list[RawDocument | Rejection]]:
    batch: list[RawDocument | Rejection] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(paths: Sequence[str], store: Store, options: IngestOptions | None = None,
        pipeline: Pipeline | None = None, progress: Progress | None = None,
        inputs: Iterable[RawDocument | Rejection] | None = None, fuser: Fuser | None = None,
        fuse: bool = True, batch_size: int = 16) -> RunSummary:
    """Ingest `paths` (or the given `inputs`) and store what the pipeline makes of each.

    With `fuse` (the default) each stored article is also fused, by `fuser` or a
    `default_fuser()`, after catching up on articles a previous run left unfused. Inputs
    are parsed `batch_size` at a time (`process_batch`); 1 processes them one by one.
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
    items = inputs if inputs is not None else iter_inputs(paths, options)
    for batch in _batches(items, max(1, batch_size)):
        raws = [item for item in batch if not isinstance(item, Rejection)]
        results = iter(process_batch(raws, pipeline, store, options, fuser))
        for item in batch:
            if isinstance(item, Rejection):
                store.save_rejection(item)
                summary.rejected.append(item)
                outcome, uri = "rejected", item.uri
            else:
                outcome, result = next(results)
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
