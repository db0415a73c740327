"""Event location (Halterman 2019): which of the places a sentence names is where its event happened.

Each sentence marks one event verb (VERB) and the place(s) where that event happened
(LOCATION). sitroom's answer is the place of its event whose trigger is the gold verb;
for a verb sitroom coded no event of its own for (a verb outside its lexicon, or one it
folded into another trigger's event), the place sitroom's argument finder gives that
verb, else the place of the event whose trigger is nearest to it. It is right when that
place's words overlap a gold LOCATION span. Sentences where sitroom has no event or the event
has no place are wrong. Sentences with no gold LOCATION (the event's place is not
named) are left out: the task is choosing among named places.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sitroom.eval.common import EvalResult, Options, select
from sitroom.eval.metrics import safe_div
from sitroom.eval.runner import Item, Progress, analyse_items
from sitroom.pipeline import arguments as args
from sitroom.pipeline.base import DocState
from sitroom.records import EventMention


@dataclass(frozen=True)
class Gold:
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]
    source: str


def resolve_span(text: str, tokens: list, span: dict) -> tuple[int, int] | None:
    """Character offsets of an annotated span.

    Some rows carry stale character offsets; their token offsets and the span's own
    `text` are more reliable, so candidates are checked against that text when given.
    """
    candidates = []
    try:
        candidates.append((int(tokens[span["token_start"]]["start"]), int(tokens[span["token_end"]]["end"])))
    except (IndexError, KeyError, TypeError, ValueError):
        pass
    if span.get("start") is not None and span.get("end") is not None and int(span["start"]) < int(span["end"]):
        candidates.append((int(span["start"]), int(span["end"])))
    want = str(span.get("text") or "").strip(" ,.;:")
    if want:
        for a, b in candidates:
            if text[a:b].strip(" ,.;:") == want:
                return a, b
        at = text.find(want)
        if at >= 0:
            return at, at + len(want)
    return candidates[0] if candidates else None


def load(path: Path) -> Iterator[Item[Gold]]:
    """Sentences with a VERB span and at least one LOCATION span (character offsets into `text`)."""
    with open(path, encoding="utf-8") as fh:
        rows = json.load(fh)
    for n, row in enumerate(rows if isinstance(rows, list) else []):
        try:
            text = str(row["text"])
            spans, tokens = row.get("spans") or [], row.get("tokens") or []
            verbs = [v for s in spans if s.get("label") == "VERB" and (v := resolve_span(text, tokens, s))]
            locs = tuple(v for s in spans if s.get("label") == "LOCATION" and (v := resolve_span(text, tokens, s)))
        except (AttributeError, KeyError, TypeError, ValueError):
            yield Item(str(n), "", None, Gold((0, 0), (), "?"))
            continue
        if not verbs or not locs:
            continue
        yield Item(str(row.get("_id") or n), text, None, Gold(verbs[0], locs, str(row.get("source") or "?")))


def _trigger_span(ev: EventMention, text: str, near: int) -> tuple[int, int] | None:
    """Where the event's trigger word is in the text: the occurrence inside its quote nearest `near`."""
    if not ev.trigger:
        return None
    start, end = ev.span
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(ev.trigger) + r"(?!\w)", text[start:end])]
    if not hits:
        return None
    pos = start + min(hits, key=lambda h: abs(start + h - near))
    return pos, pos + len(ev.trigger)


def pick_event(events: tuple[EventMention, ...], verb: tuple[int, int], text: str) -> EventMention | None:
    """The event whose trigger is the gold verb, else the one whose trigger (or quote) is nearest to it."""
    best, best_d = None, None
    for ev in events:
        span = _trigger_span(ev, text, verb[0]) or ev.span
        d = 0 if span[0] < verb[1] and span[1] > verb[0] else min(abs(span[0] - verb[1]), abs(verb[0] - span[1]))
        if best_d is None or d < best_d:
            best, best_d = ev, d
    return best


def place_span(ev: EventMention, text: str, near: int) -> tuple[int, int] | None:
    """Where the event's place mention is in the text (the occurrence nearest `near`)."""
    if ev.place is None:
        return None
    words = ev.place.text or ev.place.name
    hits = [m.start() for m in re.finditer(re.escape(words), text, re.IGNORECASE)] if words else []
    if not hits:
        return None
    pos = min(hits, key=lambda h: abs(h - near))
    return pos, pos + len(words)


def verb_place(state: DocState, ev: EventMention | None, verb: tuple[int, int],
               text: str) -> tuple[tuple[int, int] | None, str] | None:
    """(character span, words) of the place sitroom gives the gold verb: its event's place when the
    event's trigger is the verb, else where the argument finder puts the verb, else the nearest event's."""
    trigger = _trigger_span(ev, text, verb[0]) if ev is not None else None
    if not (trigger and overlaps(trigger, verb)):
        span = state.doc.char_span(verb[0], verb[1], alignment_mode="expand")
        mention = args.place_for(state, span.root, span.root.sent) if span is not None and len(span) else None
        if mention is not None:
            return (mention.start, mention.end), mention.text
    if ev is None or ev.place is None:
        return None
    return place_span(ev, text, verb[0]), ev.place.text or ev.place.name


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", s.lower()).split())


def evaluate(path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Share of sentences where sitroom's event place is a gold LOCATION."""
    items = select(list(load(path)), options)
    reasons, outcomes = [], Counter()
    per_source: dict[str, list[bool]] = {}
    wrong_examples: dict[str, str] = {}
    for out in analyse_items(items, progress=progress):
        if out.state is None:
            reasons.append(out.error or "not analysed")
            continue
        gold: Gold = out.item.gold
        text = out.item.text
        ev = pick_event(tuple(out.state.events or ()), gold.verb, text)
        found = verb_place(out.state, ev, gold.verb, text)
        if found is None:
            kind = "no event" if ev is None else "event without a place"
        else:
            span, words = found
            gold_words = {norm(text[s:e]) for s, e in gold.locations}
            if (span is not None and any(overlaps(span, loc) for loc in gold.locations)) or norm(words) in gold_words:
                kind = "right place"
            else:
                kind = "another place"
        outcomes[kind] += 1
        per_source.setdefault(gold.source, []).append(kind == "right place")
        if kind != "right place":
            gold_text = " / ".join(text[s:e] for s, e in gold.locations)
            shown = f"sitroom {found[1]!r}" if found is not None else kind
            wrong_examples.setdefault(kind, f"[verb {text[gold.verb[0]:gold.verb[1]]!r}; gold {gold_text!r}; "
                                            f"{shown}] {text}")
    n = sum(outcomes.values())
    rows: list[list[object]] = [[src, len(v), sum(v), safe_div(sum(v), len(v))]
                                for src, v in sorted(per_source.items(), key=lambda kv: -len(kv[1]))]
    confusions = [("place", kind, c, wrong_examples.get(kind, "")) for kind, c in outcomes.most_common()
                  if kind != "right place"]
    result = EvalResult("event_location", {"accuracy": safe_div(outcomes["right place"], n)},
                        ["source", "sentences", "right", "accuracy"], rows, n, Counter(reasons), confusions)
    result.notes.append("outcomes: " + "; ".join(f"{k}: {v}" for k, v in outcomes.most_common()))
    return result
