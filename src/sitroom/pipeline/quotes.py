"""Who said what: quotations and their speakers.

Direct quotations are the text between quotation marks; their speaker is the subject of
a speech verb in the same sentence ("... ,” said Erdogan"; "Peskov said: “...”"), or,
for a quotation with no speech verb, the speaker of the previous quotation in the same
paragraph (news writing continues a speaker across sentences). Indirect speech
("Erdogan said Tuesday that ...") is kept too, marked `direct=False`.
"""
from __future__ import annotations

import re
from typing import Any

from sitroom.pipeline.actors import actor_at
from sitroom.pipeline.base import DocState, assign
from sitroom.records import Actor, Quotation

SPEECH_VERBS = {"say", "tell", "add", "warn", "note", "write", "ask", "declare", "state", "announce", "insist",
                "stress", "emphasize", "emphasise", "comment", "explain", "argue", "claim", "vow", "report",
                "quote", "remark", "reply", "respond", "continue", "conclude", "predict", "suggest", "acknowledge",
                "confirm", "deny", "threaten", "urge", "pledge", "promise", "tweet", "post"}
QUOTE_RE = re.compile(r"[“\"]([^“”\"]{12,}?)[”\"]|‘([^‘’]{12,}?)’")
# Verbs that cite a source for a statement of fact; narrower than SPEECH_VERBS, which also
# holds verbs that only introduce quotations.
REPORTING_VERBS = {"say", "tell", "announce", "report", "claim", "state", "add", "confirm", "acknowledge",
                   "allege", "note", "write", "cite", "insist", "declare", "quote", "tweet", "post"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def speech_verb(tok: Any, verbs: set[str] = SPEECH_VERBS) -> Any | None:
    """The nearest speech verb at or above a token."""
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs:
            return t
    return None


def speaker_of(state: DocState, verb: Any) -> tuple[Actor | None, str | None, Any | None]:
    """The (actor, words, head token) of a speech verb's subject."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    hop = verb
    for _ in range(2):  # "..., adding that ...": the subject of the verb it hangs on
        if subj is not None or hop.dep_ not in ("advcl", "conj", "xcomp") or hop.head is hop:
            break
        hop = hop.head
        subj = next((c for c in hop.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subj is None:
        # "“...”, said Dmitry Peskov" is sometimes parsed with the name as an object or attr
        subj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ == "PROPN"), None)
    if subj is None:
        return None, None, None
    text = " ".join(t.text for t in subj.subtree if t.dep_ not in ("punct",) and t.i - subj.i <= 6)[:120]
    mention = actor_at(state, subj.i)
    # appositions: "Russian President Vladimir Putin's spokesman, Dmitry Peskov, said"
    for c in subj.children:
        if c.dep_ == "appos":
            alt = actor_at(state, c.i)
            if alt is not None and alt.value.sector is not None:
                mention = alt
                text = c.text if c.pos_ == "PROPN" else text
    return (mention.value if mention else None), text, subj


class QuotesStage:
    """Direct and indirect quotations, each with its speaker when one is named."""

    name = "quotes"
    requires = frozenset({"doc", "actors"})
    assigns = frozenset({"quotations"})

    def __call__(self, state: DocState) -> DocState:
        doc = state.doc
        text = state.article.text
        out: list[Quotation] = []
        last_speaker: tuple[Actor | None, str | None] = (None, None)
        last_para = -1
        covered: set[int] = set()
        for m in QUOTE_RE.finditer(text):
            start, end = m.span(1) if m.group(1) is not None else m.span(2)
            para = text.count("\n\n", 0, start)
            if para != last_para:
                last_speaker, last_para = (None, None), para
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            verb = None
            for tok in sent:
                if not (start <= tok.idx < end) and tok.pos_ in ("VERB", "AUX") \
                        and tok.lemma_.lower() in SPEECH_VERBS:
                    verb = tok
                    break
            actor, words = None, None
            if verb is not None:
                actor, words, subj = speaker_of(state, verb)
                if words and subj is not None and subj.lower_ in PRONOUNS and last_speaker[1]:
                    actor, words = last_speaker
            elif last_speaker[1]:
                actor, words = last_speaker
            if words:
                last_speaker = (actor, words)
            covered.update(range(sent.start, sent.end))
            out.append(Quotation(state.article.id, actor, words, text[start:end], (start, end), True))
        # indirect speech: "X said (that) ..." outside direct quotations
        for sent in doc.sents:
            if sent.start in covered:
                continue
            for tok in sent:
                if tok.lemma_.lower() not in SPEECH_VERBS or tok.pos_ != "VERB":
                    continue
                comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                if comp is None:
                    continue
                actor, words, _subj = speaker_of(state, tok)
                if not words:
                    continue
                body = doc[min(t.i for t in comp.subtree):max(t.i for t in comp.subtree) + 1]
                out.append(Quotation(state.article.id, actor, words, body.text,
                                     (body.start_char, body.end_char), False))
                break
        out.sort(key=lambda q: q.span)
        return assign(state, quotations=tuple(out))


def quotation_at(quotations: tuple[Quotation, ...], start: int, end: int) -> Quotation | None:
    """The direct quotation that contains characters [start, end), if any."""
    for q in quotations:
        if q.direct and q.span[0] <= start and end <= q.span[1] + 1:
            return q
    return None
