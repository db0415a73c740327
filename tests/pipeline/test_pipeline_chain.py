import pytest

from sitroom.pipeline.base import DocState, Pipeline, PipelineError, assign


class Stage:
    def __init__(self, name, requires, assigns, value=()):
        self.name, self.requires, self.assigns, self.value = name, frozenset(requires), frozenset(assigns), value

    def __call__(self, state):
        return assign(state, **{a: self.value for a in self.assigns})


def test_missing_stage_is_an_error_when_the_chain_is_built():
    with pytest.raises(PipelineError, match="requires \\['places'\\]"):
        Pipeline([Stage("nlp", {"article"}, {"doc"}), Stage("actors", {"doc", "places"}, {"actors"})])


def test_unknown_fields_are_rejected():
    with pytest.raises(PipelineError, match="unknown"):
        Pipeline([Stage("x", {"article"}, {"nonsense"})])


def test_stage_that_does_not_assign_what_it_promised_fails_loudly():
    p = Pipeline([Stage("nlp", {"article"}, {"doc"}, value=None)])
    with pytest.raises(PipelineError, match="did not assign"):
        p(DocState(article=None))


def test_default_pipeline_chain_is_valid():
    from sitroom.pipeline import build_pipeline

    assert build_pipeline().names == ["nlp", "places", "actors", "time", "casualties", "quotes", "events"]
