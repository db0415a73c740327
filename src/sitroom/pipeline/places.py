"""Place mentions: find the places an article names and geocode them with the gazetteer.

spaCy's small English model tags only about half of the Syrian place names in news text
(it calls "Khan Sheikhoun" a PERSON and "Saraqib" an ORG), so this stage also matches
capitalised token runs against the gazetteer. What keeps the false hits out is evidence:
a GPE/LOC entity, a place cue ("in", "near", "village of", "... province"), a
coordination with a place already found ("Saraqib and Nairab"), a spelling the curated
supplement vouches for, or, for the weaker cases, a match inside the countries the
article is already known to be about. Resolution is two-pass: places that are
unambiguous on their own set the article's countries, admin1s and anchor points, and
those then decide the ambiguous ones (so "Nairab" in an Idlib story is the Idlib Nayrab).

Names used as actors ("Ankara said") are still returned; the actors stage decides metonymy.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sitroom.pipeline.base import DocState, Mention, assign
from sitroom.pipeline.gazetteer import ARTICLES, Candidate, Gazetteer, get_gazetteer, haversine_km, normalize

PLACE_LABELS = frozenset({"GPE", "LOC"})
# spaCy often mislabels villages as these ("Khan Sheikhoun" PERSON, "Saraqib" ORG, "Binnish" NORP),
# and FACs are mostly buildings ("the White House"); only the whole entity may match, and only
# with more evidence than a GPE needs.
WHOLE_ONLY_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC"})
CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
    "thur thurs fri sat sun today yesterday tomorrow".split())
PREPOSITIONS = frozenset(
    "in near at from around outside towards toward into across between to through inside of via outskirts "
    "nearby beyond".split())
PLACE_NOUNS = frozenset("village town city province governorate district area region countryside outskirts "
                        "suburb suburbs neighbourhood neighborhood camp".split())
SUFFIXES = {"province": "province", "provinces": "province", "governorate": "governorate",
            "governorates": "governorate", "oblast": "oblast", "region": "region", "state": "state",
            "countryside": "countryside", "city": "city", "district": "district", "county": "county",
            "regency": "regency", "municipality": "municipality", "outskirts": "outskirts"}
DIRECTIONS = frozenset("north south east west northern southern eastern western northwest northeast southwest "
                       "southeast northwestern northeastern southwestern southeastern central rural".split())
TITLES = frozenset("president minister mr mrs ms dr gen general col colonel lt maj major capt captain king prince "
                   "emir sultan spokesman spokeswoman commander leader envoy ambassador secretary senator judge "
                   "pope imam ayatollah".split())
COORDINATORS = frozenset({"and", "or", ",", "&"})
#: Nationality words give weak country context (after the places themselves), never places.
DEMONYMS = {
    "syrian": "SY", "turkish": "TR", "russian": "RU", "iraqi": "IQ", "iranian": "IR", "israeli": "IL",
    "palestinian": "PS", "lebanese": "LB", "yemeni": "YE", "saudi": "SA", "ukrainian": "UA", "libyan": "LY",
    "sudanese": "SD", "somali": "SO", "nigerian": "NG", "afghan": "AF", "jordanian": "JO", "egyptian": "EG",
    "malian": "ML", "ethiopian": "ET", "pakistani": "PK", "american": "US", "british": "GB", "french": "FR",
    "burkinabe": "BF", "congolese": "CD", "burmese": "MM", "kurdish": "", "houthi": "YE"}
LOCAL_KM = 100  # how near an anchor a weakly evidenced match must be
BIG_CITY = 100_000  # a PERSON-tagged name this populous, in the article's countries, is taken as the city
DOMINANCE = 20  # a name is unambiguous when its biggest reading outweighs every other country's by this


@dataclass(frozen=True)
class _Context:
    countries: list[str] = field(default_factory=list)  # ISO2, from unambiguous places, most mentioned first
    weak: list[str] = field(default_factory=list)  # ISO2, from country names and nationality words
    admins: list[str] = field(default_factory=list)  # "SY.12"
    anchors: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class _Span:
    start: int  # token offsets, end exclusive
    end: int
    kind: str  # "entity" (GPE/LOC), "person", "org" (ORG/FAC), "norp", "ngram", "part" (inside an entity), "cue"
    cands: list[Candidate]
    form: str = ""
    accepted: bool = False
    evidence: bool = False  # a cue, a coordination or a curated spelling backs it


def _is_word(tok: Any) -> bool:
    return tok.text[:1].isalpha()


def _is_cap(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.lower_ not in CALENDAR


def _unambiguous(cands: list[Candidate], same_country_ok: bool = True) -> bool:
    """One reading that dwarfs the others (Damascus, Syria vs Damascus, Oregon), or, when only the
    country matters, readings that all lie in one country (both Nayrabs are Syrian)."""
    if not cands or any(c.precision == "country" for c in cands):
        return bool(cands)
    if len(cands) == 1 or (same_country_ok and len({c.country_code for c in cands}) == 1):
        return True
    top = max(cands, key=lambda c: c.population)
    rest = max((c.population for c in cands if c is not top and (c.country_code != top.country_code
                                                                  or not same_country_ok)), default=0)
    return top.population >= DOMINANCE * max(rest, 5000)  # GeoNames often records 0 for real towns


class PlacesStage:
    """Finds and geocodes place mentions; assigns `places` (Mention.value is a records.Place)."""

    name = "places"
    requires = frozenset({"doc"})
    assigns = frozenset({"places"})

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    # -- finding ------------------------------------------------------------------------------
    def _text(self, doc: Any, start: int, end: int) -> str:
        return doc[start:end].text  # a Span's text; Doc.text would rebuild the whole article each call

    def _lookup(self, doc: Any, start: int, end: int) -> tuple[list[Candidate], str]:
        text = self._text(doc, start, end)
        first = doc[start]
        # "As Damascus ..." must not match Damascus through the article-free key.
        if first.is_stop and first.lower_ in ARTICLES and not self.gazetteer.has_exact(text):
            return [], ""
        return self.gazetteer.candidates(text)

    def _ngrams(self, doc: Any, lo: int, hi: int, kind: str, spans: list[_Span]) -> None:
        """Longest gazetteer matches among capitalised runs of up to 5 words in tokens [lo, hi)."""
        i = lo
        while i < hi:
            tok = doc[i]
            if not (_is_cap(tok) and _is_word(tok)) or (tok.is_stop and tok.lower_ not in ARTICLES) \
                    or tok.lower_ in TITLES:
                i += 1
                continue
            ends, words, j = [], 0, i
            while j < hi and words < 5:
                t = doc[j]
                glue = t.text in ("-", "'", "’") and not t.whitespace_ and not doc[j - 1].whitespace_
                if glue and j > i and j + 1 < hi:  # "al-Atarib", "Ma'arrat": one word to the reader
                    j += 1
                    continue
                if not _is_word(t) or not (_is_cap(t) or t.lower_ in ARTICLES) or t.lower_ in TITLES:
                    break
                words += 1
                j += 1
                if _is_cap(t):
                    ends.append(j)
            found = None
            for end in reversed(ends):
                cands, form = self._lookup(doc, i, end)
                if cands:
                    found = _Span(i, end, kind, cands, form)
                    break
            if found is None and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS and ends:
                found = _Span(i, ends[-1], "cue", [])  # "village of X": worth a fuzzy try with context
            if found:
                spans.append(found)
                i = found.end
            else:
                i += 1

    def _extend(self, doc: Any, span: _Span) -> None:
        """Grow a span over its form words: "Idlib province", "the province of Idlib", "northern Idlib"."""
        s, e = span.start, span.end
        tries = []
        if e < len(doc) and doc[e].lower_ in SUFFIXES:
            tries.append((s, e + 1, self._text(doc, s, e) + " " + SUFFIXES[doc[e].lower_]))
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in ("province", "governorate"):
            tries.append((s - 2, e, self._text(doc, s - 2, e)))
        if s >= 1 and doc[s - 1].lower_ in DIRECTIONS:
            tries.append((s - 1, e, self._text(doc, s - 1, e)))
        for ns, ne, text in tries:
            cands, form = self.gazetteer.candidates(text)
            if cands:
                span.start, span.end, span.cands, span.form, span.evidence = ns, ne, cands, form, True
                return

    def _spans(self, doc: Any) -> list[_Span]:
        """Every stretch that might name a place: entities first, then capitalised runs outside them."""
        spans: list[_Span] = []
        covered = [False] * len(doc)
        for ent in doc.ents:
            for k in range(ent.start, ent.end):
                covered[k] = True
            s = ent.start
            while s < ent.end and doc[s].lower_ == "the":
                s += 1
            if s >= ent.end:
                continue
            if ent.label_ in PLACE_LABELS:
                cands, form = self.gazetteer.candidates(self._text(doc, s, ent.end))
                if cands:
                    spans.append(_Span(s, ent.end, "entity", cands, form))
                elif ent.end - s > 1:
                    self._ngrams(doc, s, ent.end, "part", spans)  # "Golan Heights" is not "Golan"
                else:
                    spans.append(_Span(s, ent.end, "entity", []))  # fuzzy later, with context
            elif ent.label_ in WHOLE_ONLY_LABELS:
                cands, form = self._lookup(doc, s, ent.end)
                if cands:
                    spans.append(_Span(s, ent.end, "org" if ent.label_ == "FAC" else ent.label_.lower(), cands, form))
        k = 0
        while k < len(doc):
            if covered[k]:
                k += 1
                continue
            j = k
            while j < len(doc) and not covered[j]:
                j += 1
            self._ngrams(doc, k, j, "ngram", spans)
            k = j
        spans.sort(key=lambda sp: sp.start)
        for sp in spans:
            self._extend(doc, sp)
        return spans

    # -- judging ------------------------------------------------------------------------------
    def _judge(self, doc: Any, spans: list[_Span], ctx: _Context) -> None:
        """Accept spans by evidence, until nothing changes (coordination chains); with the article's
        context known, also the weaker matches that are local to it."""
        countries, anchors = {*ctx.countries, *ctx.weak}, ctx.anchors

        def local(c: Candidate) -> bool:  # in the story's countries and near its places, or a big city
            return c.country_code in countries and c.precision == "place" and (c.population >= BIG_CITY or (
                c.lat is not None and any(haversine_km((c.lat, c.lon), p) <= LOCAL_KM for p in anchors)))

        while self._judge_once(doc, spans, countries, local):
            pass

    def _judge_once(self, doc: Any, spans: list[_Span], countries: set[str], local: Any) -> bool:
        """One sweep over the undecided spans; True when it accepted any."""
        changed = False
        accepted_ends = {sp.end for sp in spans if sp.accepted}
        accepted_starts = {sp.start for sp in spans if sp.accepted}
        for sp in spans:
            if sp.accepted:
                continue
            prev = doc[sp.start - 1] if sp.start > 0 else None
            if prev is not None and prev.lower_ == "the" and sp.start > 1:
                prev = doc[sp.start - 2]
            if prev is not None and prev.lower_.rstrip(".") in TITLES:
                continue
            text = normalize(self._text(doc, sp.start, sp.end)).replace(" ", "")
            is_country = any(c.precision == "country" for c in sp.cands)
            short_ok = is_country or (sp.kind == "entity" and prev is not None and prev.lower_ in PREPOSITIONS)
            if len(text) < 4 and not short_ok:
                continue
            nxt = doc[sp.end] if sp.end < len(doc) else None
            cue = sp.evidence or (prev is not None and (prev.lower_ in PREPOSITIONS or prev.lower_ in PLACE_NOUNS)) \
                or (nxt is not None and nxt.lower_ in PLACE_NOUNS)
            coord = (prev is not None and prev.lower_ in COORDINATORS and sp.start - 1 in accepted_ends) or (
                nxt is not None and nxt.lower_ in COORDINATORS and sp.end + 1 in accepted_starts)
            curated = any(c.curated for c in sp.cands)
            initial = doc[sp.start].is_sent_start
            all_propn = all(t.pos_ in ("PROPN", "X") for t in doc[sp.start:sp.end] if _is_word(t))
            strong = cue or coord or curated or is_country
            keep = None  # when only the article's context vouches, only the readings it vouches for
            if sp.kind == "entity":
                ok = bool(sp.cands) or bool(countries)
            elif sp.kind == "person":
                # "... left Mali." is the country; "Jordan said" is a person.
                verb_next = nxt is not None and nxt.pos_ in ("VERB", "AUX")
                lone_country = is_country and sp.end - sp.start == 1 and not verb_next
                ok = cue or coord or curated or lone_country
                if not ok:
                    keep = [c for c in sp.cands if c.country_code in countries and c.population >= BIG_CITY]
            elif sp.kind == "norp":
                ok = False
                if cue and normalize(self._text(doc, sp.start, sp.end)) not in DEMONYMS:
                    keep = [c for c in sp.cands if c.country_code in countries]
            elif sp.kind == "cue":
                ok = bool(countries)
            elif sp.kind == "part":  # inside a longer name: the cues around it belong to the whole
                ok = curated or is_country
                if not ok:
                    keep = [c for c in sp.cands if local(c)]
            else:  # org, fac, or a bare capitalised run
                ok = strong
                if not ok and (sp.kind == "org" or (all_propn and not initial)):
                    keep = [c for c in sp.cands if local(c)]
            if keep:
                sp.cands, ok = keep, True
            if ok:
                sp.accepted = changed = True
                accepted_ends.add(sp.end)
                accepted_starts.add(sp.start)
        return changed

    def _context(self, doc: Any, spans: list[_Span]) -> _Context:
        """What the unambiguous places say about the article: their countries and admin1s (most
        mentioned first) and their points; countries named only as countries, and nationality
        words, are weaker context, since news names the US or Russia in every other story."""
        strong: Counter[str] = Counter()
        weak: Counter[str] = Counter(DEMONYMS.get(e.text.lower(), "") for e in doc.ents if e.label_ == "NORP")
        admins: Counter[str] = Counter()
        anchors: list[tuple[float, float]] = []
        for sp in spans:
            if not (sp.accepted and _unambiguous(sp.cands)):
                continue
            best = self.gazetteer.rank(sp.cands)[0]
            (weak if best.precision == "country" else strong)[best.country_code] += 1
            if not _unambiguous(sp.cands, same_country_ok=False):
                continue
            if best.precision in ("place", "admin1") and best.admin1code:
                admins[f"{best.country_code}.{best.admin1code}"] += 1
            if best.precision == "place" and best.lat is not None and sp.form != "near":
                anchors.append((best.lat, best.lon))
        countries = [c for c, _ in strong.most_common()]
        return _Context(countries, [c for c, _ in weak.most_common() if c and c not in strong],
                        [a for a, _ in admins.most_common()], anchors)

    def _appositions(self, doc: Any, spans: list[_Span]) -> None:
        """A place followed by a country ("Tripoli, Lebanon") keeps only its readings in that country."""
        for a, b in zip(spans, spans[1:]):
            if a.accepted and b.accepted and b.start == a.end + 1 and doc[a.end].text == ",":
                countries = {c.country_code for c in b.cands if c.precision == "country"}
                inside = [c for c in a.cands if c.country_code in countries and c.precision != "country"]
                if inside:
                    a.cands = inside

    def _plural_forms(self, doc: Any, spans: list[_Span]) -> None:
        """A plural form reaches back over a coordination: "Idlib and Hama provinces" are both admin1."""
        for a, b in zip(spans, spans[1:]):
            if (a.accepted and b.accepted and b.form == "admin1" and a.form == "" and b.start - a.end == 1
                    and doc[a.end].lower_ in COORDINATORS and doc[b.end - 1].lower_.endswith("s")):
                cands, form = self.gazetteer.candidates(self._text(doc, a.start, a.end) + " province")
                if cands:
                    a.cands, a.form = cands, form

    def __call__(self, state: DocState) -> DocState:
        doc = state.doc
        spans = self._spans(doc)
        self._judge(doc, spans, _Context())
        self._judge(doc, spans, self._context(doc, spans))
        self._appositions(doc, spans)
        self._plural_forms(doc, spans)
        ctx = self._context(doc, spans)
        mentions = []
        for sp in spans:
            if not sp.accepted:
                continue
            text = self._text(doc, sp.start, sp.end)
            kw = dict(context_admin1=ctx.admins, anchors=ctx.anchors, weak_countries=ctx.weak)
            if sp.cands:
                place = self.gazetteer.choose(sp.cands, sp.form, text, ctx.countries, **kw)
            else:  # spaCy's place, or "village of X", that matched no name exactly: a fuzzy try
                place = self.gazetteer.resolve(text, ctx.countries, **kw)
            if place is not None:
                start = doc[sp.start].idx
                mentions.append(Mention(start=start, end=start + len(text), token_start=sp.start,
                                        token_end=sp.end, value=place, text=text))
        return assign(state, places=tuple(mentions))


__all__ = ["PlacesStage"]
