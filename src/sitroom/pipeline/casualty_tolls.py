"""A sentence's casualty figures read together: the killer among the dead, the shot less the dead.

`sitroom.pipeline.casualties` finds each figure on its own; some need the sentence's others. GVA and
the news count a shooter who killed himself among the dead of his shooting, and "4 people shot, 3
dead" is one wounded, not four. Figures are the casualties stage's `Casualty` records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sitroom.pipeline.numbers import MULTIPLES
from sitroom.records import Figure


@dataclass(frozen=True)
class Casualty:
    """A casualty figure: kind killed / wounded / killed_or_wounded, the victims' noun and the verb."""

    kind: str
    figure: Figure
    victim: int | None  # token index of the counted noun (or the number itself)
    verb: int  # token index of the killing/wounding word
    headline: bool = False  # read by the headline pattern, not the parse (see headline_tolls)


SELF = ("himself", "herself")  # one person: "shot himself", "killed his son and then himself"
# "then turned the gun on himself", "turns gun on herself", "before taking his own life"
SUICIDE = re.compile(r"\bturn(?:s|ed|ing)?\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:gun|weapon|rifle|pistol|handgun|shotgun)"
                     r"\s+on\s+(?:him|her)self\b|\b(?:take|takes|took|taking)\s+(?:his|her)\s+own\s+life\b", re.I)


# Who kills a killer in the act: "before he was shot and killed by police", "fatally shot by a deputy"
STOPPERS = {"police", "officer", "deputy", "trooper", "agent", "sergeant", "policeman", "homeowner"}


def _stopped(c: Any, doc: Any) -> bool:
    """Whether a killed figure is the killer's own death at the hands of police ("Four people were killed by a
    man before he was shot and killed by police"): "he" or "she", killed by an officer."""
    if c.victim is None or doc[c.victim].lower_ not in ("he", "she"):
        return False
    verbs = [doc[c.verb], doc[c.verb].head] if doc[c.verb].dep_ == "conj" else [doc[c.verb]]
    return any(a.dep_ == "agent" and any(t.lemma_.lower() in STOPPERS for t in a.subtree)
               for v in verbs for a in v.children)


def with_the_killer(found: list[Any], sent: Any) -> list[Any]:
    """"shot his wife and two sons before killing himself", "killed four people before he was shot and killed
    by police": the killer's death adds to the toll of the sentence's killing (news tolls and GVA's count the
    shooter), not a second incident."""
    own = [c for c in found if c.kind == "killed" and c.victim is not None
           and (sent.doc[c.victim].lower_ in SELF or _stopped(c, sent.doc))]
    others = [c for c in found if c.kind == "killed" and c not in own and not c.figure.cumulative]
    # "then turned the gun on himself" names no killing verb, but it is the same toll
    if len(own) > 1 or not others or not (own or SUICIDE.search(sent.text)):
        return found
    first, f = others[0], others[0].figure
    bump = Figure(*(None if x is None else x + 1 for x in (f.value, f.low, f.high)), f.qualifier, f.cumulative,
                  f.text)
    return [replace(c, figure=bump) if c is first else c for c in found if not any(c is o for o in own)]


def shot_less_dead(found: list[Any], sent: Any) -> list[Any]:
    """"4 people shot, 3 dead", "Five people were shot; one of them died": the shot count them all,
    so the wounded are the shot less the dead told after them, or before them when the shooting is what
    they died after (not "two killed and four others shot")."""
    doc = sent.doc
    out = []
    for c in found:
        dead = [k for k in found
                if k.kind == "killed" and (k.verb > c.verb or _died_after(doc[k.verb], doc[c.verb]))
                and k.figure.value and not k.figure.cumulative]
        total = sum(k.figure.value for k in dead)
        v = c.figure.value
        if c.kind == "wounded" and doc[c.verb].lemma_.lower() == "shoot" and dead and v and 0 < total < v and \
                (c.victim is None or "other" not in doc[c.victim].lower_):
            c = _less(c, total)
        out.append(c)
    return out


def _less(c: Any, dead: int) -> Any:
    """The wounded figure `c` less the dead it counted."""
    rest = c.figure.value - dead
    return replace(c, figure=replace(c.figure, value=rest, low=min(c.figure.low or rest, rest), high=rest))


def _died_after(death: Any, shot: Any) -> bool:
    """"A man died on Friday after he and two friends were shot": the shooting is the death's "after" clause,
    so its count holds the dead."""
    return shot.head.i == death.i and shot.dep_ == "advcl" and any(
        m.lower_ == "after" for m in shot.children if m.dep_ in ("mark", "prep"))


def shot_then_dead(found: list[Any], doc: Any) -> list[Any]:
    """"Four people were shot outside a bar. One man was killed.": the next sentence's dead were among
    the shot, so the wounded are the shot less them (as `shot_less_dead` within one sentence). Only
    when that sentence tells the dead alone: one killed figure and no wounded one, and never of "another"
    or "a third" victim."""
    sent_of = {c.verb: doc[c.verb].sent.start for c in found}
    starts = sorted({s.start for s in doc.sents})
    following = dict(zip(starts, starts[1:]))
    out = []
    for c in found:
        v = c.figure.value
        if c.kind == "wounded" and doc[c.verb].lemma_.lower() == "shoot" and v and not c.headline and \
                (c.victim is None or "other" not in doc[c.victim].lower_):
            nxt = following.get(sent_of[c.verb])
            there = [k for k in found if sent_of[k.verb] == nxt]
            if len(there) == 1 and there[0].kind == "killed" and not there[0].figure.cumulative and \
                    there[0].figure.value and there[0].figure.value < v and not _apart(there[0], doc):
                c = _less(c, there[0].figure.value)
        out.append(c)
    return out


_APART = {"another", "other", "others", "second", "third", "fourth", "fifth", "also", "separate", "earlier", "later"}


def _apart(k: Any, doc: Any) -> bool:
    """Whether a killed figure's sentence sets its dead apart from the shot before it ("Another man was
    killed", "A third victim was killed in a separate shooting")."""
    return any(t.lower_ in _APART for t in doc[k.verb].sent)


def shot_in_the_shooting(found: list[Any], sent: Any) -> list[Any]:
    """"3 dead in west-side quadruple shooting": a double, triple or quadruple shooting names how many
    were shot, so beside the sentence's dead and no wounded figure, the rest were wounded."""
    if any(c.kind in ("wounded", "killed_or_wounded") for c in found):
        return found
    dead = [c for c in found if c.kind == "killed" and not c.figure.cumulative]
    if len(dead) != 1 or not dead[0].figure.value or dead[0].figure.qualifier != "exact":
        return found
    for tok in sent:
        if tok.lower_ in MULTIPLES and tok.head.lemma_.lower() == "shooting" and tok.head.i == tok.i + 1:
            rest = MULTIPLES[tok.lower_] - int(dead[0].figure.value)
            if rest > 0:
                figure = Figure(rest, rest, rest, "exact", False, f"{tok.text} {tok.head.text}")
                return [*found, replace(dead[0], kind="wounded", figure=figure, victim=tok.i, verb=tok.head.i)]
    return found


__all__ = ["SELF", "Casualty", "SUICIDE", "shot_in_the_shooting", "shot_less_dead", "shot_then_dead",
           "with_the_killer"]
