"""CASE 2021: the label set, the mapping from sitroom's events, and a run through the real pipeline."""
from __future__ import annotations

import pytest

from sitroom.eval import Options, run_eval
from sitroom.eval.case2021 import LABELS, classify_snippet, predict
from sitroom.pipeline import DocState

from .fixtures import write_case2021


def state_with(build, text, *events):
    art = build.article(text=text)
    return DocState(article=art, events=tuple(build.mention(art, i * 5, **kw) for i, kw in enumerate(events)))


def test_thirty_labels():
    assert len(LABELS) == len(set(LABELS)) == 30
    assert {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "OTHER"} <= set(LABELS)


@pytest.mark.parametrize("event,expected", [
    (dict(event="ASSAULT", mode="aerial", acled_event_type="Explosions/Remote violence",
          acled_sub_event_type="Air/drone strike"), "AIR_STRIKE"),
    (dict(event="COERCE", mode="arrest", acled_event_type="Strategic developments", acled_sub_event_type="Arrests",
          killed=None, wounded=None), "ARREST"),
    (dict(event="CONSULT", mode=None, acled_event_type=None, acled_sub_event_type=None, killed=None,
          wounded=None), "DIPLO"),
    (dict(event="AGREE", mode=None, acled_event_type="Strategic developments", acled_sub_event_type="Agreement",
          killed=None, wounded=None), "AGREEMENT"),
])
def test_event_types_map_to_labels(build, event, expected):
    assert classify_snippet(state_with(build, "Something happened in the town on Monday.", event)) == expected


def test_words_refine_what_sitroom_does_not_type_yet(build):
    grenade = state_with(build, "A man threw a grenade into the market, wounding four.",
                         dict(acled_event_type="Violence against civilians", acled_sub_event_type="Attack"))
    assert predict(grenade).label == "GRENADE" and predict(grenade).how == "refined"


def test_keyword_classes_and_fallbacks(build):
    assert classify_snippet(state_with(build, "A strong earthquake hit the province, killing eight.")) == \
        "NATURAL_DISASTER"
    claim = state_with(build, "The group claimed responsibility for the bombing that killed eight.", {})
    assert classify_snippet(claim) == "ATTRIB"
    assert classify_snippet(state_with(build, "Police broke up a cocaine smuggling ring at the port.")) == \
        "ORG_CRIME"
    assert predict(state_with(build, "Nothing much was said.")).label == "OTHER"


def test_end_to_end_json_keys_and_values(tmp_path):
    result = run_eval("case2021", write_case2021(tmp_path), Options())
    assert set(result.metrics) == {"weighted_f1", "macro_f1", "accuracy"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.evaluated == 3 and sum(result.skipped.values()) == 1  # the empty snippet
    assert result.metrics["accuracy"] == 1.0  # an armed clash, an earthquake, talks


def test_an_event_with_no_acled_reading_falls_back_to_the_words(build):
    request = dict(event="INVESTIGATE", mode=None, acled_event_type=None, acled_sub_event_type=None, killed=None,
                   wounded=None)
    pred = predict(state_with(build, "The minister asked for calm after the police arrested twelve men.", request))
    assert pred.label == "ARREST" and pred.how == "words"
    assert predict(state_with(build, "The minister asked for calm.", request)).label == "OTHER"
