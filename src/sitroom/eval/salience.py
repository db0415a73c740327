"""The one event a short text is "about", for tasks that give each text a single label.

Benchmarks such as CASE 2021, ACLED notes and the PLOVER gold sentences code one event
per text while sitroom codes every mention. The rule picks what a coder would: what
happened (reported or claimed) before what was only threatened or planned; violence
with victims before other violence, then protest, then coercion, then everything else;
ties go to the better-supported (higher confidence) and then the earlier event.
"""
from __future__ import annotations

from typing import Iterable

from sitroom.export.formats import conservative_count
from sitroom.records import EventMention, Figure

STATUS_RANK = {"reported": 0, "claimed": 0, "denied": 2}  # anything else (hypothetical, planned...) ranks 1
KIND_RANK = {"ASSAULT": 1, "PROTEST": 2, "COERCE": 3}
OTHER_KIND = 4


def has_count(f: Figure | None) -> bool:
    """A figure that states some number of victims for this event (not a cumulative toll)."""
    return f is not None and not f.cumulative and any(x for x in (f.value, f.low, f.high))


def salience_key(ev: EventMention) -> tuple:
    """Sort key: smaller is more salient."""
    kind = KIND_RANK.get(ev.event, OTHER_KIND)
    if ev.event == "ASSAULT" and (has_count(ev.killed) or has_count(ev.wounded)):
        kind = 0
    return STATUS_RANK.get(ev.status, 1), kind, -ev.confidence, ev.span[0]


def main_event(events: Iterable[EventMention] | None) -> EventMention | None:
    """The most salient event, or None when there is none."""
    ranked = sorted(events or (), key=salience_key)
    return ranked[0] if ranked else None


TERRITORY_SUB_TYPES = ("Government regains territory", "Non-state actor overtakes territory")


def territory_taken(ev: EventMention | None, events: Iterable[EventMention]) -> EventMention | None:
    """The territory change a clash ended in ("clashed with IS in Sadow village ... The forces took
    control over the village"): ACLED codes such a clash by its outcome. None unless `ev` is an armed
    clash and the text reports a territory change."""
    if ev is None or ev.acled_sub_event_type != "Armed clash":
        return None
    return next((e for e in events if e.acled_sub_event_type in TERRITORY_SUB_TYPES
                 and e.status in ("reported", "claimed")), None)


def _trigger_token(doc, ev: EventMention):
    """The token of the event's trigger word within its quote, if the parse has it."""
    for tok in doc.char_span(ev.span[0], ev.span[1], alignment_mode="expand") or ():
        if tok.text == ev.trigger:
            return tok
    return None


def trigger_depth(doc, ev: EventMention) -> int:
    """How deep the event's trigger sits in its sentence's parse: 0 for the main verb."""
    tok = _trigger_token(doc, ev)
    return sum(1 for _ in tok.ancestors) if tok is not None else 99


def grievance_of_protest(ev: EventMention | None, events: Iterable[EventMention], doc) -> EventMention | None:
    """The protest a violent event is the grievance of ("staged a protest demanding justice for the
    leaders killed"): a PROTEST whose trigger governs the event's trigger; else None."""
    if ev is None or ev.event != "ASSAULT" or doc is None:
        return None
    tok = _trigger_token(doc, ev)
    if tok is None:
        return None
    ancestors = {a.i for a in tok.ancestors}
    # a killing told in a relative clause ("relatives of two men who were shot ... carried out a
    # protest") is background to any protest of its sentence, however the rest is parsed
    background = any(t.dep_ == "relcl" for t in (tok, *tok.ancestors))
    for other in events:
        if other.event == "PROTEST" and other.status in ("reported", "claimed"):
            head = _trigger_token(doc, other)
            if head is None:
                continue
            # the protest verb, the verb that stages a protest noun, or the verb a protest verb is
            # coordinated with ("the families of two men who were killed held a vigil and protested")
            governors = {head.i} | ({head.head.i} if head.dep_ in ("dobj", "attr", "nsubjpass", "conj") else set())
            if governors & ancestors or (background and head.sent.start == tok.sent.start):
                return other
    return None


def main_clause_event(events: Iterable[EventMention] | None, doc) -> EventMention | None:
    """The event of a sentence's main clause, for tasks that code a sentence by its main verb (PLOVER's
    gold sentences): "Lebanon complained to the UN over two Israeli air raids" is a complaint. What
    happened still comes before what was only threatened; then the shallowest trigger; then salience."""
    ranked = sorted(events or (), key=lambda e: (STATUS_RANK.get(e.status, 1), trigger_depth(doc, e),
                                                 *salience_key(e)[1:]))
    return ranked[0] if ranked else None


def conservative_killed(ev: EventMention | None) -> int:
    """The event's death toll as the CSV export counts it (lower bound, else the value); 0 for none or a
    cumulative toll, as ACLED records a row with no stated deaths."""
    n = conservative_count(ev.killed) if ev is not None else None
    return int(n or 0)
