"""The analysis pipeline: small stages over one article, checked as a chain when built."""
from __future__ import annotations

from sitroom.pipeline.base import DocState, Pipeline, PipelineError, Stage

__all__ = ["DocState", "Pipeline", "PipelineError", "Stage", "build_pipeline", "analyse"]


def build_pipeline(nlp: object = None) -> Pipeline:
    """The default chain: parse, places, actors, time, casualties, quotes, events."""
    from sitroom.pipeline.actors import ActorsStage
    from sitroom.pipeline.casualties import CasualtiesStage
    from sitroom.pipeline.events import EventsStage
    from sitroom.pipeline.nlp import NlpStage
    from sitroom.pipeline.places import PlacesStage
    from sitroom.pipeline.quotes import QuotesStage
    from sitroom.pipeline.time import TimeStage

    return Pipeline([NlpStage(nlp), PlacesStage(), ActorsStage(), TimeStage(), CasualtiesStage(), QuotesStage(),
                     EventsStage()])


def analyse(pipeline: Pipeline, article: object) -> DocState:
    """Run the pipeline over one Article."""
    return pipeline(DocState(article=article))  # type: ignore[arg-type]
