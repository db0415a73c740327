"""A headline's tolls set beside the parse's figures (`sitroom.pipeline.casualty_headlines`)."""
from __future__ import annotations

from tests.pipeline.analysis_helpers import analyse


def test_the_parse_does_not_reach_over_a_headlines_count():
    # "killed" hangs on "injures" in the parse, which gives it the nine; the headline's grammar gives it the gunman
    st = analyse("Police say several people were shot in a Dalmora neighborhood.",
                 title="Shooting in Dalmora injures 9 people; gunman shot, killed")
    assert {(m.value.kind, m.value.figure.value) for m in st.figures if m.value.figure.value} == {
        ("wounded", 9), ("killed", 1)}
