"""Event location: span repair, choosing the event, and a real run."""
from __future__ import annotations

from sitroom.eval import Options, run_eval
from sitroom.eval.event_location import load, pick_event, resolve_span

from .fixtures import ATTACK, write_event_location


def test_resolve_span_prefers_offsets_that_agree_with_the_span_text():
    text = "Gunmen attacked a bus in Mosul."
    tokens = [{"start": m, "end": m + len(w)} for m, w in [(0, "Gunmen"), (7, "attacked"), (16, "a"), (18, "bus"),
                                                            (22, "in"), (25, "Mosul")]]
    stale = {"start": 1, "end": 3, "token_start": 5, "token_end": 5, "label": "LOCATION", "text": "Mosul"}
    assert resolve_span(text, tokens, stale) == (25, 30)
    no_tokens = {"start": 25, "end": 25, "label": "LOCATION", "text": "Mosul,"}
    assert resolve_span(text, [], no_tokens) == (25, 30)
    assert resolve_span(text, tokens, {"start": 7, "end": 15, "token_start": 1, "token_end": 1}) == (7, 15)


def test_pick_event_by_trigger(build):
    art = build.article(text="Troops shelled the town and protesters marched in the city.")
    shell = build.mention(art, 0, quote=art.text, span=(0, len(art.text)), trigger="shelled")
    march = build.mention(art, 0, quote=art.text, span=(0, len(art.text)), trigger="marched", event="PROTEST")
    assert pick_event((shell, march), (39, 46), art.text) is march
    assert pick_event((shell, march), (7, 14), art.text) is shell
    assert pick_event((), (7, 14), art.text) is None


def test_end_to_end(tmp_path):
    path = write_event_location(tmp_path)
    assert len(list(load(path))) == 1  # the sentence without a LOCATION is left out
    result = run_eval("event_location", path, Options())
    assert set(result.metrics) == {"accuracy"}
    assert result.metrics["accuracy"] == 1.0, ATTACK  # Saraqib


def test_a_verb_with_no_event_of_its_own_gets_the_place_its_arguments_give():
    from sitroom.eval.event_location import verb_place
    from tests.pipeline.analysis_helpers import analyse

    text = "Two Russian bombers loitered over Aleppo on Monday, and jets shelled Idlib."
    st = analyse(text)
    verb = (text.index("loitered"), text.index("loitered") + len("loitered"))
    ev = pick_event(tuple(st.events), verb, text)
    assert ev is not None and ev.trigger != "loitered"  # no "loiter" in the lexicon: the nearest event
    span, words = verb_place(st, ev, verb, text)
    assert words == "Aleppo" and text[span[0]:span[1]] == "Aleppo"
