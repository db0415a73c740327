"""Places a text names that the gazetteer cannot place: kept by name, without coordinates.

A settlement the text itself calls one ("the village of Gaga", "Amriya district") and a place
the parser tags that no gazetteer entry matches ("Darfur", "Taksim Square") still say where an
event happened; they become Place records of precision "named" with no coordinates, so a reader
sees the name rather than nothing, and the map leaves them off.
"""
from __future__ import annotations

from typing import Any

from sitroom.pipeline.base import Mention
from sitroom.pipeline.gazetteer_names import SETTLEMENT_NOUNS
from sitroom.records import Place

# Nouns that say the name beside them is a settlement or a part of one: "the village of Gaga",
# "the town of Taji", "Baghdad's western Amriya district".
NAMED_SETTLEMENT_NOUNS = SETTLEMENT_NOUNS | {"neighbourhood", "neighborhood", "suburb", "hamlet", "township",
                                             "municipality", "locality", "quarter", "camp", "enclave"}


# Words that name who lives in a quarter rather than the quarter: "a Shia neighbourhood", "the Kurdish district"
COMMUNITY_WORDS = {"shia", "shiite", "sunni", "christian", "muslim", "jewish", "alawite", "druze", "kurdish",
                   "catholic", "protestant", "arab", "hindu", "sikh", "buddhist", "armenian", "ismaili", "coptic"}


def is_settlement_name(tok: Any) -> bool:
    """Whether a proper noun is named as a settlement: "the village of X" or "X district"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in NAMED_SETTLEMENT_NOUNS:
        # "the village of X", but not "the Sayid Karam district of Paktya", where X is the province
        return not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.head.head.children)
    return tok.dep_ == "compound" and tok.head.lemma_.lower() in NAMED_SETTLEMENT_NOUNS


def _settlement_names(doc: Any, taken: set[int]) -> list[Any]:
    """Proper names the text itself calls a village, town or district, whatever NER made of them."""
    out = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in taken or not is_settlement_name(tok) or not tok.text[:1].isupper():
            continue
        if tok.lower_ in COMMUNITY_WORDS:
            continue  # "a mostly Shia neighbourhood", "the Christian quarter": who lives there, not a name
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].head.i in range(start, tok.i + 2) and start - 1 not in taken:
            start -= 1
        out.append(doc[start:tok.i + 1])
    return out


def unlocated(doc: Any, found: list[Mention]) -> list[Mention]:
    """Places the parser names that the gazetteer cannot place ("Darfur", "the Red Sea", "Taksim
    Square", "Yugoslavia"): kept by name, without coordinates (precision "named"), so an event
    still says where it happened and a reader sees the name rather than nothing."""
    taken = {i for m in found for i in range(m.token_start, m.token_end)}
    out = []
    for span in _settlement_names(doc, taken):
        taken.update(range(span.start, span.end))
        place = Place(span.text, None, None, None, None, None, "named", span.text)
        out.append(Mention(span.start_char, span.end_char, span.start, span.end, place, span.text))
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.root.dep_ == "nsubj":
            continue  # "the White House said", "Moscow warned": a speaker, not where something happened
        span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        name = span.text.strip()
        if len(name) < 3 or not name[0].isupper() or name.endswith(".") or (name.isupper() and len(name) <= 3):
            continue  # "Mo.", "Calif.", "SC": abbreviations of units the gazetteer knows by name
        place = Place(name, None, None, None, None, None, "named", name)
        out.append(Mention(span.start_char, span.end_char, span.start, span.end, place, name))
    return out


__all__ = ["NAMED_SETTLEMENT_NOUNS", "is_settlement_name", "unlocated"]
