"""WikiEvents (KAIROS): does sitroom find the attacks in full news documents, and their parties?

Each document is analysed whole (its given sentences joined by blank lines, so every
gold sentence is its own paragraph and character offsets map back to it). Two scores:

- attack_f1, per sentence: gold says a Conflict.Attack event is mentioned in it;
  sitroom says so when it tells one of its ASSAULT events there. KAIROS annotates mentions,
  not incidents, so two conventions of its guidelines are followed when sitroom's events are
  read as KAIROS mentions (`attack_sentences`): the deaths and injuries an attack causes are
  Life.Die and Life.Injure events of their own, so an ASSAULT sitroom made from a toll alone
  ("Six soldiers were killed.", which ACLED, like sitroom, codes as the attack) is an attack
  mention only where its sentence also names the attack; and every later reference to an
  attack is a mention too ("the bombing began at noon", "responsibility for the
  explosion"), which sitroom folds into the document's events instead of recording anew, so
  in a document where sitroom found an attack, a sentence where its lexicon reads a noun as
  one (not a casualty word) mentions it.
- argument_f1: the Attacker, Target, Victim and Place arguments of gold attacks
  against the actors, recipients and place of sitroom's ASSAULT events on the same
  sentence. A predicted argument matches when its words contain the gold argument's
  head word (the last token of the gold entity span); each one matches once.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sitroom.eval.common import CLASS_COLUMNS, EvalResult, Options, select
from sitroom.eval.metrics import prf
from sitroom.eval.runner import Item, Progress, analyse_items
from sitroom.pipeline.triggers import find_triggers

ROLE_GROUP = {"Attacker": "attacker", "Target": "target", "Victim": "target", "Place": "place"}
GROUPS = ("attacker", "target", "place")
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Doc:
    """A document's sentence spans in the joined text, and its gold attack sentences and arguments."""

    spans: tuple[tuple[int, int], ...]
    attack_sentences: frozenset[int]
    arguments: frozenset[tuple[int, str, str]]  # (sentence, role group, head word)


def _document(row: dict) -> tuple[str, Doc]:
    texts = [s[1] if isinstance(s, (list, tuple)) and len(s) > 1 else "" for s in row["sentences"]]
    spans, pos = [], 0
    for t in texts:
        spans.append((pos, pos + len(t)))
        pos += len(t) + len(SEPARATOR)
    tokens = row.get("tokens") or []
    entities = {e["id"]: e for e in row.get("entity_mentions") or []}
    attacks, arguments = set(), set()
    for ev in row.get("event_mentions") or []:
        if not str(ev.get("event_type", "")).startswith("Conflict.Attack"):
            continue
        sent = ev["trigger"]["sent_idx"]
        attacks.add(sent)
        for arg in ev.get("arguments") or []:
            group = ROLE_GROUP.get(arg.get("role"))
            ent = entities.get(arg.get("entity_id"))
            if group is None:
                continue
            head = tokens[ent["end"] - 1] if ent and 0 < ent["end"] <= len(tokens) else str(arg.get("text", ""))
            head = head.split()[-1] if head.split() else ""
            if head:
                arguments.add((sent, group, head))
    return SEPARATOR.join(texts), Doc(tuple(spans), frozenset(attacks), frozenset(arguments))


def load(path: Path) -> Iterator[Item[Doc]]:
    """One item per JSON line; a line that is not a usable document becomes an item with no text."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, doc = _document(row)
            except (ValueError, KeyError, TypeError, IndexError):
                yield Item(f"line-{n + 1}", "", None, Doc((), frozenset(), frozenset()))
                continue
            yield Item(str(row.get("doc_id") or n), text, None, doc)


def head_in(head: str, text: str) -> bool:
    """The gold head word appears as a word in the predicted argument's text."""
    return re.search(r"(?<!\w)" + re.escape(head.lower()) + r"(?!\w)", text.lower()) is not None


def trigger_sentence(event, spans: tuple[tuple[int, int], ...], text: str) -> int | None:
    """The sentence an event belongs to: the one its trigger word is in.

    An event whose mentions the pipeline joined spans several sentences; the gold marks the
    trigger's sentence, so the first overlapping sentence holding the trigger word is the
    event's, else the first overlapping one.
    """
    overlapping = [i for i, (start, end) in enumerate(spans) if event.span[0] < end and event.span[1] > start]
    for i in overlapping:
        if event.trigger and head_in(event.trigger, text[spans[i][0]:spans[i][1]]):
            return i
    return overlapping[0] if overlapping else None


# Words of the dead and wounded: KAIROS's Life.Die and Life.Injure triggers, not Conflict.Attack ones.
CASUALTY_WORDS = {"kill", "kills", "killed", "killing", "die", "died", "dies", "dying", "dead", "death", "deaths",
                  "wound", "wounded", "wounding", "wounds", "injure", "injured", "injuring", "injury", "injuries",
                  "hurt", "casualty", "casualties", "life", "lives"}


def _attack_words(parsed, span: tuple[int, int], nouns_only: bool = False) -> list[str]:
    """The words of one gold sentence that sitroom's trigger lexicon reads as an attack, casualty
    words left out."""
    piece = parsed.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None:
        return []
    out = []
    for sent in piece.sents:
        for t in find_triggers(sent):
            tok = parsed[t.token]
            if t.entry.event != "ASSAULT" or {tok.lower_, tok.lemma_.lower()} & CASUALTY_WORDS:
                continue
            if nouns_only and tok.pos_ not in ("NOUN", "PROPN"):
                continue
            out.append(tok.text)
    return out


def joined_mentions(event, parsed, spans: tuple[tuple[int, int], ...]) -> set[int]:
    """The other sentences of an event the pipeline joined from several mentions ("a blast ... The
    explosion shattered the glass"): those in its span where sitroom finds an attack trigger."""
    out = set()
    for i, (start, end) in enumerate(spans):
        if not (event.span[0] < end and event.span[1] > start):
            continue
        if _attack_words(parsed, (start, end)):
            out.add(i)
    return out


def attack_sentences(events, parsed, spans: tuple[tuple[int, int], ...], text: str) -> dict[int, list]:
    """The sentences sitroom mentions an attack in, read as KAIROS mentions (see the module's
    docstring), each with the ASSAULT events told there (none for a reference back)."""
    out: dict[int, list] = defaultdict(list)
    for ev in events:
        i = trigger_sentence(ev, spans, text)
        if i is None:
            continue
        if ev.trigger.lower() in CASUALTY_WORDS and not _attack_words(parsed, spans[i]):
            continue  # a toll alone: Life.Die or Life.Injure in KAIROS
        out[i].append(ev)
        for j in joined_mentions(ev, parsed, spans):
            out.setdefault(j, [])
    if out:
        for i, span in enumerate(spans):
            if i not in out and _attack_words(parsed, span, nouns_only=True):
                out[i] = []  # "the bombing", "the explosion": the document's attack mentioned again
    return out


def _match(gold: list[str], pred: list[str]) -> int:
    """One-to-one matches of gold head words to predicted texts."""
    used, tp = set(), 0
    for head in gold:
        for i, text in enumerate(pred):
            if i not in used and head_in(head, text):
                used.add(i)
                tp += 1
                break
    return tp


def evaluate(path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Sentence-level attack F1 and head-word argument F1 over the documents."""
    items = select(list(load(path)), options)
    reasons: list[str] = []
    tp = n_pred = n_gold = 0
    arg_counts = {g: [0, 0, 0] for g in GROUPS}  # tp, predicted, gold
    missed, spurious, arg_missed = [], [], Counter()
    arg_example: dict[str, str] = {}
    for out in analyse_items(items, progress=progress, batch_size=8):
        if out.state is None:
            reasons.append(out.error or "not analysed")
            continue
        doc: Doc = out.item.gold
        text = out.item.text
        assaults = [e for e in out.state.events or () if e.event == "ASSAULT"]
        told = attack_sentences(assaults, out.state.doc, doc.spans, text)
        predicted: set[int] = set(told)
        pred_args: dict[tuple[int, str], set[str]] = defaultdict(set)
        for i, events in told.items():
            for ev in events:
                pred_args[i, "attacker"].update(a.text or a.name for a in ev.actors)
                pred_args[i, "target"].update(a.text or a.name for a in ev.recipients)
                if ev.place is not None:
                    pred_args[i, "place"].add(ev.place.text or ev.place.name)
        tp += len(predicted & doc.attack_sentences)
        n_pred += len(predicted)
        n_gold += len(doc.attack_sentences)
        missed += [text[doc.spans[i][0]:doc.spans[i][1]] for i in sorted(doc.attack_sentences - predicted)]
        spurious += [text[doc.spans[i][0]:doc.spans[i][1]] for i in sorted(predicted - doc.attack_sentences)]
        gold_args: dict[tuple[int, str], list[str]] = defaultdict(list)
        for sent, group, head in sorted(doc.arguments):
            gold_args[sent, group].append(head)
        for key in set(gold_args) | set(pred_args):
            g, p = gold_args.get(key, []), sorted(pred_args.get(key, set()))
            m = _match(g, p)
            counts = arg_counts[key[1]]
            counts[0] += m
            counts[1] += len(p)
            counts[2] += len(g)
            if len(g) > m:
                arg_missed[key[1]] += len(g) - m
                arg_example.setdefault(key[1], f"gold {g} vs sitroom {p}: "
                                                f"{text[doc.spans[key[0]][0]:doc.spans[key[0]][1]]}")
    a_tp, a_pred, a_gold = (sum(c[i] for c in arg_counts.values()) for i in range(3))
    metrics = {"attack_f1": prf(tp, n_pred, n_gold)[2], "argument_f1": prf(a_tp, a_pred, a_gold)[2]}
    rows: list[list[object]] = [["attack sentences", n_gold, n_pred, *prf(tp, n_pred, n_gold)]]
    for group in GROUPS:
        t, p, g = arg_counts[group]
        rows.append([f"argument: {group}", g, p, *prf(t, p, g)])
    confusions = [("attack", "(none)", len(missed), missed[0] if missed else ""),
                  ("(none)", "ASSAULT", len(spurious), spurious[0] if spurious else "")]
    confusions += [(f"argument: {g}", "missed", n, arg_example[g]) for g, n in arg_missed.most_common()]
    result = EvalResult("wikievents", metrics, CLASS_COLUMNS, rows,
                        len(items) - len(reasons), Counter(reasons), confusions)
    result.notes.append(f"{len(missed)} gold attack sentences missed, {len(spurious)} sentences with an ASSAULT "
                        f"but no gold attack")
    return result
