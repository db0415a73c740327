"""Run the pipeline over many short texts quickly, for evaluation.

Benchmarks are thousands of one-to-three-sentence texts. Parsing them one by one
wastes most of spaCy's time on per-call overhead, so the parse (stage 0) runs batched
through `nlp.pipe` and the remaining stages run per document, exactly as
`Pipeline.__call__` would run them. A text that fails (empty, a parser surprise, a
stage error) is reported as a failure with its reason and the run goes on: one bad
row must never cost a whole evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Generic, Iterable, Iterator, Sized, TypeVar

from sitroom.pipeline import DocState, Pipeline, build_pipeline
from sitroom.pipeline.base import PipelineError, assign
from sitroom.pipeline.nlp import NlpStage, same_text
from sitroom.records import Article, PublishedDate, content_hash

T = TypeVar("T")
Progress = Callable[[int, "int | None"], None]  # (items just finished, total items when known)


@dataclass(frozen=True)
class Item(Generic[T]):
    """One text to analyse, its publication date (ISO, for relative dates) and the gold answer."""

    key: str
    text: str
    published: str | None
    gold: T


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What the pipeline made of an item: a state, or the reason it failed."""

    item: Item[T]
    state: DocState | None
    error: str | None = None


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """One pipeline per process: loading the model and gazetteer is the slow part."""
    return build_pipeline()


def make_article(key: str, text: str, published: str | None) -> Article:
    """An Article as ingestion would make it, with the publication date as metadata."""
    pub = PublishedDate(published, "day", "metadata") if published else PublishedDate(None)
    return Article(id=content_hash(key, text), uri=f"eval://{key}", text=text, title=None, outlet=None,
                   published=pub, language="en")


def _finish(pipeline: Pipeline, state: DocState) -> DocState:
    return pipeline(state, start=1)


def _parse_batch(nlp_stage: NlpStage, articles: list[Article]) -> list[Any]:
    """spaCy Docs for a batch (None where a text failed)."""
    docs = nlp_stage.parse_many([a.text for a in articles], batch_size=64)
    return [None if isinstance(d, Exception) else d for d in docs]


def analyse_items(items: Iterable[Item[T]], pipeline: Pipeline | None = None, batch_size: int = 64,
                  progress: Progress | None = None) -> Iterator[Outcome[T]]:
    """Outcomes for `items`, in order, parsing in batches of `batch_size`."""
    pipeline = pipeline or default_pipeline()
    nlp_stage = pipeline.stages[0]
    if not isinstance(nlp_stage, NlpStage):
        raise PipelineError("the evaluation runner needs the spaCy stage first")
    batch: list[Item[T]] = []
    total = len(items) if isinstance(items, Sized) else None

    def run(batch: list[Item[T]]) -> Iterator[Outcome[T]]:
        articles = [make_article(it.key, it.text, it.published) for it in batch]
        docs = _parse_batch(nlp_stage, [a for a in articles if a.text.strip()])
        docs_iter = iter(docs)
        for it, article in zip(batch, articles):
            if not article.text.strip():
                yield Outcome(it, None, "empty text")
                continue
            doc = next(docs_iter)
            if doc is None or not same_text(doc, article.text):
                yield Outcome(it, None, "the parser failed on this text")
                continue
            try:
                yield Outcome(it, _finish(pipeline, assign(DocState(article=article), doc=doc)))
            except Exception as exc:  # noqa: BLE001 - counted and reported by the caller
                yield Outcome(it, None, f"{type(exc).__name__}: {exc}")
        if progress is not None:
            progress(len(batch), total)

    for it in items:
        batch.append(it)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)
