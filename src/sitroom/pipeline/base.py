"""Stages and the runner that chains them.

A stage declares the state fields it `requires` and those it `assigns`, as spaCy
components do, and the pipeline checks the chain once when it is built: a missing
stage is an error at start-up, not a `None` deep inside a run. Stages return a new
`DocState` (via `dataclasses.replace`) and never mutate the one they were given.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Iterable, Protocol, Sequence

from sitroom.records import Article


@dataclass(frozen=True)
class Mention:
    """Something a stage found in the text: a character span, the token span, and the resolved value."""

    start: int  # character offsets into DocState.article.text
    end: int
    token_start: int  # token offsets into DocState.doc
    token_end: int
    value: Any
    text: str


@dataclass(frozen=True)
class DocState:
    """Everything known about one article while it is analysed. In memory only."""

    article: Article
    doc: Any = None  # spacy.tokens.Doc
    actors: tuple[Mention, ...] | None = None  # value: records.Actor
    places: tuple[Mention, ...] | None = None  # value: records.Place
    times: tuple[Mention, ...] | None = None  # value: records.DateSpan
    figures: tuple[Mention, ...] | None = None  # value: pipeline.casualties.Casualty
    quotations: tuple[Any, ...] | None = None  # records.Quotation
    events: tuple[Any, ...] | None = None  # records.EventMention


STATE_FIELDS = frozenset(f.name for f in fields(DocState))
INITIAL_FIELDS = frozenset({"article"})


class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, state: DocState) -> DocState: ...


class PipelineError(ValueError):
    """The chain of stages cannot work: a stage needs a field no earlier stage assigns."""


class Pipeline:
    """An ordered, checked chain of stages."""

    def __init__(self, stages: Sequence[Stage]):
        available = set(INITIAL_FIELDS)
        for stage in stages:
            unknown = (set(stage.requires) | set(stage.assigns)) - STATE_FIELDS
            if unknown:
                raise PipelineError(f"stage {stage.name!r} names unknown fields: {sorted(unknown)}")
            missing = set(stage.requires) - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns "
                    f"(order: {[s.name for s in stages]})"
                )
            available |= set(stage.assigns)
        self.stages = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, state: DocState, start: int = 0) -> DocState:
        """Run the stages from index `start` (1 skips parsing for a state whose doc was parsed in a batch)."""
        for stage in self.stages[start:]:
            new = stage(state)
            for name in stage.assigns:
                if getattr(new, name) is None:
                    raise PipelineError(f"stage {stage.name!r} did not assign {name!r}")
            state = new
        return state


def assign(state: DocState, **values: Any) -> DocState:
    """New state with `values` set; the one place stages build their result."""
    return replace(state, **values)


def sentence_of(doc: Any, token_index: int) -> Any:
    """The spaCy sentence holding a token."""
    return doc[token_index].sent


def in_span(mentions: Iterable[Mention], start: int, end: int) -> list[Mention]:
    """Mentions whose characters fall inside [start, end)."""
    return [m for m in mentions if m.start >= start and m.end <= end]
