"""A headline's casualty figures: the pattern reader's tolls (`sitroom.pipeline.headline_tolls`) set beside the
parse's.

Split from `sitroom.pipeline.casualties`: title case and dropped verbs defeat the parse, so in the headline
the pattern's counts add what the parse missed, replace the part of a list the parse counted, and correct
a victim the parse reached for across the pattern's own count.
"""
from __future__ import annotations

from sitroom.pipeline.base import DocState
from sitroom.pipeline.casualty_tolls import Casualty
from sitroom.pipeline.headline_tolls import headline_figure, headline_tolls, victim_lists


def _kinds(found: list[Casualty]) -> set[str]:
    """The kinds of incident figure found ("pushing the death toll to 49" is no incident's toll)."""
    return {c.kind for c in found if not c.figure.cumulative}


def from_headline(state: DocState, parsed: list[Casualty]) -> list[Casualty]:
    """The casualties found, with the headline's tolls the parse missed (title case defeats it): one per
    kind it has no figure of; and a list of the dead ("Father, 3 children found dead") counted whole
    where the parse counted less of it."""
    doc, article = state.doc, state.article
    head_len = article.headline_end
    if head_len <= 0:
        return parsed
    headline = article.text[:head_len].rstrip()
    in_headline = [c for c in parsed if doc[c.verb].idx < head_len]
    out = list(parsed)
    for kind, value, (ls, le), _ in victim_lists(headline):
        counted = [c for c in in_headline if (c.kind == kind and c.figure.value is not None) or (
            c.victim is not None and ls <= doc[c.victim].idx < le)]  # "shoots boy, then himself": not wounded
        if counted and all(c.figure.value is None or c.figure.value < value or c.kind != kind for c in counted):
            out = [c for c in out if c not in counted]  # the list's sum, not the part the parse saw
            in_headline = [c for c in in_headline if c not in counted]
    tolls = headline_tolls(headline)
    dead = sum(v for k, v, *_ in tolls if k == "killed")
    shot = {v + dead for k, v, *_ in tolls if k == "wounded"} if dead else set()
    both = [c for c in in_headline if c.kind == "wounded" and c.figure.value in shot]
    if both:  # "One dead, six people shot": the six shot the parse read hold the dead
        out = [c for c in out if c not in both]
        in_headline = [c for c in in_headline if c not in both]
    have = _kinds(in_headline)
    for kind, value, (cs, ce), (vs, ve) in tolls:
        count = doc.char_span(cs, ce, alignment_mode="expand")
        verb = doc.char_span(vs, ve, alignment_mode="expand")
        smaller = [c for c in in_headline if c.kind == kind and c.victim is not None and c.figure.value is not None
                   and c.figure.value < value and min(cs, vs) <= doc[c.victim].idx < max(ce, ve)]
        # "injures 9 people; gunman shot, killed": the parse reached over the pattern's count for its verb's victim
        smaller += [c for c in in_headline if c.kind == kind and c.victim is not None and c.figure.value != value
                    and doc[c.victim].idx < cs and ce <= doc[c.verb].idx and c not in smaller]
        if smaller:  # "Third person dies": three dead by now, where the parse read one person
            out = [c for c in out if c not in smaller]
            in_headline = [c for c in in_headline if c not in smaller]
            have = _kinds(in_headline)
        if kind in have or count is None or verb is None or not len(verb):
            continue
        have.add(kind)
        if kind == "killed":  # "Boy shot, killed": the boy the parse counted as shot is the dead one
            out = [c for c in out if not (c.kind == "wounded" and c in in_headline and c.victim is not None
                                          and cs <= doc[c.victim].idx < ve)]
        words = headline[min(cs, vs):max(ce, ve)]  # "3 killed", or the active voice's "injures three"
        out.append(Casualty(kind, headline_figure(value, words, headline), count.root.i, verb.root.i,
                            headline=True))
    return out


__all__ = ["from_headline"]
