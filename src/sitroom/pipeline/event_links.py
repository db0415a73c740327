"""When two triggers of one sentence tell one happening: one under the other, or coordinated clauses.

The events stage (`sitroom.pipeline.events`) folds such triggers into one event: "attacked ...,
killing five" is one attack with its dead, and "one was killed and four others were injured" one
incident with both figures. These are the parse relations it reads; and whether an attack told under an
inquiry ("police are investigating the shooting of a boy") happened, or is only what the inquiry asks.
"""
from __future__ import annotations

import re
from typing import Any

from sitroom.pipeline.arguments import LIGHT_VERBS


def linked(a: Any, b: Any) -> bool:
    """Whether one draft's trigger sits under the other's with no other verb between them.

    Drafts are the events stage's (`trigger.token`, `tokens`, `sent`). "killed in IS attacks" and
    "attacked ..., killing five" are one happening; "killed in attacks, prompting Russian
    airstrikes" is two: the verb in between ("prompting") marks a consequence, not the same event.
    """
    doc = a.sent.doc
    for lo, hi in ((a, b), (b, a)):  # either may hold the other (a merged draft's tokens span both clauses)
        if hi.trigger.token not in lo.tokens:
            continue
        top, tok = lo.trigger.token, doc[hi.trigger.token]
        while tok.i != top and tok.head.i != tok.i:
            tok = tok.head
            if tok.i != top and tok.pos_ == "VERB" and tok.lemma_.lower() not in LIGHT_VERBS:
                break
        else:
            return True
    return False


def coordinated(a: Any, b: Any) -> bool:
    """Whether two casualty words (tokens) are coordinated, whichever the parse lists first: one is
    the other's conjunct or a conjunct of the same verb ("was shot and killed and three others were
    wounded"), or its clause comes right after the other's and "and" or a semicolon wherever the
    parser hung it ("after one was killed and four others were injured", "a man was killed; a second
    man was injured", "left one person dead and three others injured")."""
    for tok, other in ((a, b), (b, a)):
        if tok.dep_ == "conj" and (tok.head.i == other.i or (other.dep_ == "conj" and other.head.i == tok.head.i)):
            return True
        subject = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        edge = subject[0].left_edge.i if subject else tok.left_edge.i
        if edge >= 2 and edge - 2 in (other.i, other.right_edge.i) and tok.doc[edge - 1].lower_ in ("and", ",", ";"):
            return True
    return False


# Acts whose object is a happening they look into, not a claim: its dead and wounded are real
INQUIRIES = {"investigate", "probe", "examine", "review"}


def inquired(tok: Any, inquiry: Any, casualties: bool) -> bool:
    """Whether a trigger under an inquiry's trigger happened: an attack the inquiry looks into
    ("investigating the shooting of a boy", "a probe into the shooting") or one told with its dead and
    wounded ("investigating a shooting that left one dead"); not what it asks about ("investigating
    whether the killing fueled a gun battle"). So is the attack a suspect "is accused of" ("is accused of
    killing a man on Jan. 26"): the charge is who did it, not whether it was done; one side accusing
    another ("the army accused the rebels of shelling") stays the accusation's content."""
    if inquiry.lemma_.lower() == "accuse" and any(c.dep_ == "auxpass" for c in inquiry.children):
        return tok.pos_ == "VERB" and tok.head.head.i == inquiry.i  # "is accused of killing a man on Jan. 26"
    if inquiry.lemma_.lower() not in INQUIRIES:
        return False
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    return casualties or (tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") and head.i == inquiry.i)


# "..., but that proved to be incorrect": a report taken back in the same sentence
_TAKEN_BACK = re.compile(r"(?i)\b(?:but|though|although)\s+(?:that|this|it|the reports?|those reports|these reports)"
                         r"\s+(?:later\s+)?(?:proved|has proved|proven|turned out|was found|were found|was|were)\s+"
                         r"(?:to be\s+)?(?:incorrect|false|untrue|wrong|inaccurate|erroneous|unfounded|mistaken)\b")


def retracted(tok: Any, sent: Any) -> bool:
    """Whether what a trigger tells is taken back after it in its sentence ("Early reports said one person had
    died in the shooting, but that proved to be incorrect"): denied, its figures no one's claim."""
    found = _TAKEN_BACK.search(sent.text)
    return found is not None and tok.idx - sent.start_char < found.start()


__all__ = ["coordinated", "inquired", "linked", "retracted"]
