from tests.pipeline.analysis_helpers import analyse


def test_direct_quote_with_speaker_after_and_continuation():
    text = ("“We will not take a single step back in the province,” Erdogan said. "
            "He added: “Our patience is running out in the north.”")
    st = analyse(text)
    direct = [q for q in st.quotations if q.direct]
    assert len(direct) == 2
    assert all(q.speaker and q.speaker.name == "Recep Tayyip Erdogan" for q in direct)
    assert direct[0].text.startswith("We will not")
    assert text[direct[0].span[0]:direct[0].span[1]] == direct[0].text


def test_indirect_speech_is_kept_as_not_direct():
    st = analyse("Peskov said on Sunday that relations with Ankara were not in crisis.")
    [q] = st.quotations
    assert not q.direct and q.speaker.name == "Dmitry Peskov" and "relations" in q.text
