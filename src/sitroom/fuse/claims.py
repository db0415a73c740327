"""Figures that are not one incident's casualties: people displaced, refugees hosted, running tolls.

Reports of a crisis repeat a few headline numbers ("700,000 people have been displaced",
"Turkey already hosts 3.6 million Syrian refugees", "16 of its soldiers killed in total")
that no event carries. They are found here as `FigureClaim`s, each with its subject (what
is counted: a place, a host country, a victim group), its measure, its source sentence
and who gives it, so `sitroom.fuse.figures.reconcile` can set the sources side by side
per story:

- `claims_from_doc` reads the parsed article (the runner calls it while the spaCy doc is
  in memory) for `displaced` (people + displaced / fled / driven from their homes; the
  subject is the place named in the sentence, else the article's main region) and
  `refugees` (a count of refugees, or a bare count in a sentence about refugees, as in
  "some three million Turkey says it's hosting"; the subject is the host country: the
  nearest country-level party in the sentence that is not the refugees' origin, else the
  last country the text spoke of). Flows that may happen ("a million more refugees could
  flood in", "to prevent ...") and counts of the dead are not stocks and are skipped. When
  an article gives both a vague ("hundreds of thousands") and a precise figure for one
  subject, only the precise one is kept: it is the same count, said loosely.
- `tolls_from_mentions` turns the cumulative death tolls among an article's event
  mentions (marked cumulative by the pipeline, or worded as a total: "in total", "so far",
  "has acknowledged 13 of its troops killed") into `killed_total` claims about the
  victims, dated by publication: a rising toll is a series (`figures.series`), not a
  disagreement.

Who gives a figure is the subject of a reporting verb or "according to" when it is a
known party; a government, military or armed group's figure is `claimed` (a party's
word, weighted as such by `figures`), anyone else's `reported`.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Sequence

from sitroom.fuse.figures import VAGUE_COUNTS
from sitroom.fuse.records import FigureClaim
from sitroom.records import Actor, Article, EventMention, Source

MEASURES = ("displaced", "refugees", "killed_total")
PEOPLE = frozenset("""people person persons civilians residents inhabitants syrians families children women men
individuals villagers idps""".split())
DISPLACEMENT = frozenset({"displace", "flee", "uproot", "evacuate"})
_DISPLACED_RE = re.compile(r"\b(displac\w*|fled|flee\w*|uproot\w*|from their homes|homeless|idps?)\b", re.I)
_REFUGEE_RE = re.compile(r"\brefugees?\b", re.I)
MODALS = frozenset({"could", "would", "may", "might", "will", "can", "should"})
NOT_YET = frozenset({"prevent", "fear", "avoid", "stop", "warn", "threaten", "risk", "expect"})
DEATH = frozenset({"kill", "die", "wound", "injure", "murder"})
SAY = frozenset({"say", "state", "report", "estimate", "announce", "tell", "put", "show", "count", "record"})
VOICELESS = frozenset({"CVL", "REF"})  # counted groups, not the ones who give the count
PARTY_SECTORS = frozenset({"GOV", "MIL", "REB", "INS", "PTY", "SPY", "JUD"})
DESTINATION = frozenset({"to", "toward", "towards", "into", "across", "at"})
CUMULATIVE_RE = re.compile(
    r"\b(in total|a total of|total of|so far|to date|death toll|altogether|since the (?:start|beginning)|"
    r"over the (?:past|last)|in the (?:past|last) \w+ (?:days|weeks|months)|"
    r"(?:has|have) (?:now )?(?:in total )?(?:acknowledged|confirmed|admitted)\b[^.;]*\bof (?:its|their)\b)", re.I)
_VAGUE_RE = re.compile(r"\b(" + "|".join(sorted(VAGUE_COUNTS, key=len, reverse=True)) + r")\b", re.I)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from sitroom.pipeline.countries import country_names

    out: dict[str, str] = {}
    for _, (iso3, name) in country_names().items():
        out.setdefault(iso3, name)
    return out


def country_name(iso3: str | None) -> str | None:
    """A country's name for an ISO alpha-3 code ("TUR" -> "Turkey"); the code when unknown."""
    return _country_names().get(iso3, iso3) if iso3 else None


def _within(mentions: Sequence[Any] | None, start: int, end: int) -> list[Any]:
    return [m for m in mentions or () if m.start >= start and m.end <= end]


def _covering(mentions: Sequence[Any] | None, start: int, end: int) -> Any:
    return next((m for m in mentions or () if m.start <= start and m.end >= end), None)


def _verb(tok: Any) -> Any:
    """The verb a token hangs from (itself when it is one), or None."""
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _not_yet(tok: Any) -> bool:
    """A figure under a modal ("could flood") or a verb of what has not happened ("to prevent").

    Only the verb the figure hangs from counts: "adding to the some three million it
    hosts" under "fears that refugees could flood" is a stock that exists.
    """
    verb = _verb(tok)
    if verb is None:
        return False
    return verb.lemma_.lower() in NOT_YET or any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _of_dead(tok: Any) -> bool:
    verb = _verb(tok)
    return verb is not None and verb.lemma_.lower() in DEATH


def _measure(sent: Any, count: Any) -> str | None:
    doc = sent.doc
    noun = doc[count.noun] if count.noun is not None else None
    after = doc[count.token_end] if count.token_end < len(doc) else None
    if after is not None and after.lower_ in ("more", "additional", "new"):
        return None  # "one million more refugees": a flow to come, not a stock
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in ("refugee", "refugees"):
        return "refugees"
    if (noun is None or noun.pos_ == "PROPN") and _REFUGEE_RE.search(sent.text) and (count.value or 0) >= 1000:
        return "refugees"  # "some three million Turkey says it's hosting"
    if (lemma in PEOPLE or (noun is not None and noun.lower_ in PEOPLE)) and _DISPLACED_RE.search(sent.text):
        return "displaced"
    if lemma in ("displaced", "idp", "idps"):
        return "displaced"
    return None


def _attribution(sent: Any, count: Any, actors: Sequence[Any]) -> Actor | None:
    """The party a figure is attributed to: the subject of a reporting verb that governs the figure
    ("UN figures state that 700,000 ..."), or that follows it closely ("three million refugees Turkey
    says it hosts"), or the object of "according to"."""
    figure = sent.doc[count.token_start]
    for tok in sent:
        holder = None
        if tok.lemma_.lower() in SAY and tok.pos_ in ("VERB", "AUX"):
            governs = figure in tok.subtree or 0 < tok.i - (count.token_end - 1) <= 4
            if not governs:
                continue
            holder = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if holder is None and tok.pos_ == "VERB":
                holder = _left_party(tok, actors)  # a misparse left "Turkey says" without a subject
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            holder = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if holder is None:
            continue
        found = _covering(actors, holder.idx, holder.idx + len(holder))
        if found is None:  # "UN figures state": the party is a modifier of the subject
            found = next((m for m in _within(actors, holder.left_edge.idx, holder.idx + len(holder))), None)
        if found is not None and found.value.sector not in VOICELESS:
            return found.value
    return None


def _left_party(verb: Any, actors: Sequence[Any]) -> Any:
    """The word of a party just before a reporting verb ("UN figures state"), up to three words back."""
    for tok in reversed(verb.doc[max(verb.sent.start, verb.i - 3):verb.i]):
        if tok.is_punct:
            return None
        m = _covering(actors, tok.idx, tok.idx + len(tok))
        if m is not None and m.value.sector not in VOICELESS:
            return tok
    return None


def _nearest_country(sent: Any, count: Any, actors: Sequence[Any], places: Sequence[Any],
                     exclude: str | None) -> str | None:
    """The country of the party or country named nearest to the count, other than `exclude`."""
    options = []
    for m in _within(actors, sent.start_char, sent.end_char):
        a: Actor = m.value
        if a.country and a.country != exclude and a.sector in ("GOV", "MIL", None) and \
                not (m.start <= count.start and m.end >= count.end):
            options.append((min(abs(m.start - count.end), abs(count.start - m.end)), m.start, a.country))
    for m in _within(places, sent.start_char, sent.end_char):
        if m.value.precision == "country" and m.value.country and m.value.country != exclude:
            options.append((min(abs(m.start - count.end), abs(count.start - m.end)), m.start, m.value.country))
    return min(options)[2] if options else None


def _region(doc: Any, places: Sequence[Any], sent: Any, count: Any, fallback: str | None) -> str | None:
    """Where displacement happened: a place in the sentence that is not a destination, else `fallback`."""
    for m in sorted(_within(places, sent.start_char, sent.end_char), key=lambda m: abs(m.start - count.start)):
        p = m.value
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        before = doc[tok.start - 1].lower_ if tok is not None and tok.start > 0 else ""
        if p.precision in ("place", "near", "admin1") and before not in DESTINATION:
            return p.admin1 or p.name
    return fallback


def _main_region(places: Sequence[Any]) -> str | None:
    counts = Counter(m.value.admin1 or m.value.name for m in places or ()
                     if m.value.precision in ("place", "near", "admin1"))
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def _subject_country(sent: Any, actors: Sequence[Any]) -> str | None:
    """The country a sentence is about when its subject is a country-level party ("Turkey considers ...")."""
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            m = _covering(actors, tok.idx, tok.idx + len(tok))
            if m is not None and m.value.country and m.value.sector in ("GOV", "MIL"):
                return m.value.country
    return None


def _is_vague(text: str) -> bool:
    return bool(_VAGUE_RE.search(text)) and not re.search(r"\d", text)


def claims_from_doc(state: Any) -> list[tuple[FigureClaim, int]]:
    """(claim, character offset) for the displaced and refugee figures of an analysed article (a DocState)."""
    from sitroom.pipeline.numbers import find_counts

    article: Article = state.article
    doc, actors, places = state.doc, state.actors or (), state.places or ()
    if doc is None:
        return []
    fallback = _main_region(places)
    last_country: str | None = None
    found: list[tuple[FigureClaim, int]] = []
    for sent in doc.sents:
        text = sent.text
        if _DISPLACED_RE.search(text) or _REFUGEE_RE.search(text):
            for count in find_counts(sent, articles=False):
                claim = _claim(article, sent, count, actors, places, fallback, last_country)
                if claim is not None:
                    found.append((claim, count.start))
        last_country = _subject_country(sent, actors) or last_country
    return _precise_over_vague(found)


def _claim(article: Article, sent: Any, count: Any, actors: Sequence[Any], places: Sequence[Any],
           fallback: str | None, last_country: str | None) -> FigureClaim | None:
    doc = sent.doc
    measure = _measure(sent, count)
    if measure is None or count.value is None and count.low is None:
        return None
    anchor = doc[count.noun] if count.noun is not None else doc[count.token_start]
    already = any(t.lower_ == "already" for t in doc[max(sent.start, count.token_start - 3):count.token_start])
    if not already and (_not_yet(anchor) or _not_yet(doc[count.token_start])) or _of_dead(anchor):
        return None
    if measure == "refugees":
        origin_m = _covering(actors, count.start, count.end)
        origin = origin_m.value.country if origin_m is not None else None
        host = _nearest_country(sent, count, actors, places, origin) or (
            last_country if last_country != origin else None)
        subject = country_name(host)
    else:
        subject = _region(doc, places, sent, count, fallback)
    if not subject:
        return None
    party = _attribution(sent, count, actors)
    status = "claimed" if party is not None and party.sector in PARTY_SECTORS else "reported"
    source = Source(article.id, article.outlet, " ".join(sent.text.split()), party.name if party else None)
    return FigureClaim(subject, measure, count.value, count.low, count.high, count.qualifier, source,
                       article.published.date, status, False, count.text)


def _precise_over_vague(found: list[tuple[FigureClaim, int]]) -> list[tuple[FigureClaim, int]]:
    precise = {(c.subject, c.measure) for c, _ in found if not _is_vague(c.text)}
    return [(c, at) for c, at in found if not (_is_vague(c.text) and (c.subject, c.measure) in precise)]


def is_cumulative(mention: EventMention) -> bool:
    """A toll over a period: marked so by the pipeline, or worded as a total in its sentence."""
    return mention.killed is not None and (mention.killed.cumulative or bool(CUMULATIVE_RE.search(mention.quote)))


def tolls_from_mentions(article: Article, mentions: Iterable[EventMention]) -> list[tuple[FigureClaim, int]]:
    """`killed_total` claims for the cumulative tolls among an article's mentions, one per victim and value."""
    out: dict[tuple[str, float | None], tuple[FigureClaim, int]] = {}
    for m in sorted(mentions, key=lambda m: (m.span[0], m.id)):
        if not is_cumulative(m) or m.status in ("denied", "hypothetical", "planned", "threatened"):
            continue
        f = m.killed
        assert f is not None
        victim = next((r for r in m.recipients if r.country), None)
        subject = victim.name if victim else "unknown victims"
        when = article.published.date or (m.date.end if m.date else None)
        source = Source(article.id, article.outlet, m.quote, m.attributed_to)
        claim = FigureClaim(subject, "killed_total", f.value, f.low, f.high, f.qualifier, source, when, m.status,
                            True, f.text)
        out.setdefault((subject, f.value if f.value is not None else f.low), (claim, m.span[0]))
    return list(out.values())


__all__ = ["CUMULATIVE_RE", "MEASURES", "claims_from_doc", "country_name", "is_cumulative", "tolls_from_mentions"]
