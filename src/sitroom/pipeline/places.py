"""Place mentions: find the places an article names and geocode them with the gazetteer.

spaCy's small English model tags only about half of the Syrian place names in news text (it calls "Khan Sheikhoun"
a PERSON and "Saraqib" an ORG), so this stage also matches capitalised token runs against the gazetteer. What keeps
the false hits out is evidence: a GPE/LOC entity, a place cue ("in", "near", "village of", "... province"), a
coordination with a place already found ("Saraqib and Nairab"), a spelling the curated supplement vouches for, or,
for the weaker cases, a match inside the countries the article is already known to be about. Resolution is
two-pass: places that are unambiguous on their own set the article's countries, admin1s and anchor points, and
those then decide the ambiguous ones (so "Nairab" in an Idlib story is the Idlib Nayrab).

Villages are often missing from the gazetteer, or share their name with a place abroad ("Kurume" in Cameroon and in
Japan). So a name the text marks as a settlement ("X village", "the town of X", "X (Konye, Meme, Sud-Ouest)") is
kept even when the gazetteer has no plausible reading, and placed by what contains it: the admin chain in brackets,
the place in "Mogadishu's X district", "the West Bank town of X" or "X, a town near Y", or else the article's
province or country, at "near"/admin1/country precision. A reading in a country the article never points to is
dropped unless the place is big ("talks in Geneva").

Names used as actors ("Ankara said") are still returned; the actors stage decides metonymy.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from sitroom.pipeline.actors import group_acronym
from sitroom.pipeline.base import DocState, Mention, assign
from sitroom.pipeline.gazetteer import Candidate, Gazetteer, get_gazetteer, unambiguous
from sitroom.pipeline.gazetteer_names import (AREA_NOUNS, ARTICLES, COORDINATORS, DIRECTIONS, FEATURE_NOUNS, LINKS,
                                              LOCATIVE, PLACE_NOUNS, PLACE_OBJECT_VERBS, PREPOSITIONS, SETTLEMENT_NOUNS,
                                              SUFFIXES, TITLES, UNIT_NOUNS, cued, glue, haversine_km, is_cap,
                                              is_word, normalize, place_verb_object, run_ends, starts_run)
from sitroom.pipeline.places_named import unlocated
from sitroom.pipeline.places_chains import bracket_chains, comma_chain, comma_runs, in_unit_after
from sitroom.pipeline.places_spans import BIG_CITY, Context, Span, facility_city
from sitroom.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC"})
# spaCy often mislabels villages as these ("Khan Sheikhoun" PERSON, "Saraqib" ORG, "Binnish" NORP),
# and FACs are mostly buildings ("the White House"); only the whole entity may match, and only
# with more evidence than a GPE needs.
WHOLE_ONLY_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC"})
# Labels the small model puts on unknown place names ("shelled Aleppo" as WORK_OF_ART): read as capitalised runs
MISLABEL_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
LOCAL_KM = 100  # how near an anchor a weakly evidenced match must be
# "in Teresina (Piaui) ... in the Sao Joaquim neighborhood": a city's part lies in the town named before
# it, not in a namesake town elsewhere; one farther than this from that town is read as "near" it.
SUBCITY_NOUNS = frozenset("neighbourhood neighborhood neighbourhoods neighborhoods suburb quarter colonia barrio "
                          "bairro estate".split())
SUBCITY_KM = 30


def _far(place: Place, town: Place) -> bool:
    """Whether a city's part read on its own lies beyond SUBCITY_KM of its town (or nowhere)."""
    return place.lat is None or haversine_km((place.lat, place.lon), (town.lat, town.lon)) > SUBCITY_KM


def subcity(doc: Any, sp: Span) -> bool:
    """Whether a span names a part of a city: "the Sao Joaquim neighborhood", "Esplanada IV neighborhood"."""
    k = sp.end - 1
    while k < min(len(doc), sp.end + 2) and (k < sp.end or is_cap(doc[k]) or doc[k].like_num):
        if doc[k].lower_ in SUBCITY_NOUNS:
            return True
        k += 1
    return k < len(doc) and doc[k].lower_ in SUBCITY_NOUNS


class PlacesStage:
    """Finds and geocodes place mentions; assigns `places` (Mention.value is a records.Place)."""

    name = "places"
    requires = frozenset({"doc"})
    assigns = frozenset({"places"})

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer
        self._words_cache: tuple[Any, Counter[str]] | None = None  # (doc, country words) of the last doc

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    # -- finding ------------------------------------------------------------------------------
    def text_of(self, doc: Any, start: int, end: int) -> str:
        return doc[start:end].text  # a Span's text; Doc.text would rebuild the whole article each call

    def lookup(self, doc: Any, start: int, end: int) -> tuple[list[Candidate], str]:
        text = self.text_of(doc, start, end)
        first = doc[start]
        # "As Damascus ..." must not match Damascus through the article-free key; "NISA" is no Nisa.
        if (first.is_stop and first.lower_ in ARTICLES and not self.gazetteer.has_exact(text)) or group_acronym(text):
            return [], ""
        return self.gazetteer.candidates(text)

    def _ngrams(self, doc: Any, lo: int, hi: int, kind: str, spans: list[Span]) -> None:
        """Longest gazetteer matches among capitalised runs of up to 5 words in tokens [lo, hi); a run
        the text marks as a settlement ("Compenda village", "the village of X") even without one."""
        i = lo
        while i < hi:
            if not starts_run(doc[i]):
                i += 1
                continue
            ends = run_ends(doc, i, hi)
            found = None
            if len(ends) > 1 and doc[ends[-1] - 1].lower_ in FEATURE_NOUNS and kind != "part":
                found = self._feature(doc, i, ends)
            for end in reversed(ends if found is None else ()):
                cands, form = self.lookup(doc, i, end)
                if cands:
                    found = Span(i, end, kind, cands, form)
                    break
            if kind == "inner":  # inside a person's or group's name: only what is marked as a settlement
                found = found if found and (found.kind == "cue" or cued(doc, i, found.end)) else None
                if found:
                    found.kind, found.evidence = "cue", True
            if found is None and ends and kind != "part" and cued(doc, i, ends[-1]):
                found = Span(i, ends[-1], "cue", [], evidence=True)
            elif found is None and ends and kind == "ngram" and i > 0 and doc[i - 1].lower_ in LOCATIVE:
                found = Span(i, ends[-1], "weak", [])  # "an attack on al-Latmana, in Hama province"
            if found:
                spans.append(found)
                i = found.end
            else:
                i += 1

    def _feature(self, doc: Any, i: int, ends: list[int]) -> Span:
        """"Deir Ezzor Military Airport": a location named after the place its first words name, if any."""
        for end in reversed(ends[:-1]):
            cands = [c for c in self.lookup(doc, i, end)[0] if c.precision != "country"]
            if cands:
                return Span(i, ends[-1], "cue", cands, "near", evidence=True)
        return Span(i, ends[-1], "cue", [], evidence=True)

    def _extend(self, doc: Any, span: Span) -> None:
        """Grow a span over its form words: "Idlib province", "the province of Idlib", "northern Idlib",
        "Compenda village"."""
        s, e = span.start, span.end
        tries = []
        if e < len(doc) and doc[e].lower_ in SUFFIXES:
            tries.append((s, e + 1, self.text_of(doc, s, e) + " " + SUFFIXES[doc[e].lower_]))
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in ("province", "governorate"):
            tries.append((s - 2, e, self.text_of(doc, s - 2, e)))
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in ("countryside", "outskirts", "suburbs"):
            tries.append((s - 2, e, self.text_of(doc, s, e) + " countryside"))  # "the countryside of Aleppo"
        if s >= 1 and doc[s - 1].lower_ in DIRECTIONS:
            tries.append((s - 1, e, self.text_of(doc, s - 1, e)))
        for ns, ne, text in tries:
            cands, form = self.gazetteer.candidates(text)
            if cands:
                span.start, span.end, span.cands, span.form, span.evidence = ns, ne, cands, form, True
                return
        of_phrase = e + 1 < len(doc) and doc[e + 1].lower_ == "of"  # "the West Bank town of Jenin"
        if e < len(doc) and doc[e].lower_ in SETTLEMENT_NOUNS | AREA_NOUNS and cued(doc, s, e) and not of_phrase:
            span.end, span.kind, span.evidence = e + 1, "cue", True  # "in Compenda village": one phrase

    def _spans(self, doc: Any) -> list[Span]:
        """Every stretch that might name a place: entities first, then capitalised runs outside them."""
        spans: list[Span] = []
        covered = [False] * len(doc)
        for lo, hi in comma_runs(doc):  # "shelled Rivnopil, Donetsk": a village in its province
            if comma_chain(self, doc, lo, hi, spans):
                covered[lo:hi] = [True] * (hi - lo)
        for ent in doc.ents:
            if ent.label_ in MISLABEL_LABELS or any(covered[ent.start:ent.end]):
                continue  # "over Aleppo" tagged WORK_OF_ART: read as a capitalised run below
            for k in range(ent.start, ent.end):
                covered[k] = True
            s = ent.start
            while s < ent.end and doc[s].lower_ == "the":
                s += 1
            if s >= ent.end:
                continue
            if ent.label_ in PLACE_LABELS and not group_acronym(ent.text):  # "NISA" tagged GPE is no Nisa
                cands, form = self.gazetteer.candidates(self.text_of(doc, s, ent.end))
                if not cands and comma_chain(self, doc, s, ent.end, spans):
                    continue  # "Bulo Burto, Hiraan" as one entity: a chain
                if cands:
                    kind = "cue" if ent.end - s > 1 and doc[ent.end - 1].lower_ in SETTLEMENT_NOUNS else "entity"
                    spans.append(Span(s, ent.end, kind, cands, form, evidence=kind == "cue"))
                elif cued(doc, s, ent.end) or (s > 0 and doc[s - 1].lower_ in LOCATIVE):  # "in Biakato"
                    spans.append(Span(s, ent.end, "cue", [], evidence=True))
                elif ent.end - s > 1:
                    self._ngrams(doc, s, ent.end, "part", spans)  # "Golan Heights" is not "Golan"
                else:
                    spans.append(Span(s, ent.end, "entity", []))  # fuzzy later, with context
            elif ent.label_ in WHOLE_ONLY_LABELS:
                if not (is_cap(doc[s]) or doc[s].lower_ in ARTICLES) or (ent.end < len(doc) and glue(doc, ent.end)):
                    continue  # "the congress", "Castel" of "Castel-Mocaf": no name of a place
                cands, form = self.lookup(doc, s, ent.end)
                if cands:
                    spans.append(Span(s, ent.end, "org" if ent.label_ == "FAC" else ent.label_.lower(), cands, form))
                elif ent.label_ != "NORP" and not comma_chain(self, doc, s, ent.end, spans) \
                        and not facility_city(self, doc, s, ent.end, spans):
                    self._ngrams(doc, s, ent.end, "inner", spans)  # "Npot village, Eyumojock": its settlements
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
    def _judge(self, doc: Any, spans: list[Span], ctx: Context) -> None:
        """Accept spans by evidence, until nothing changes (coordination chains); with the article's
        context known, also the weaker matches that are local to it."""
        countries, anchors = {*ctx.countries, *ctx.weak}, ctx.anchors

        def local(c: Candidate) -> bool:  # in the story's countries and near its places, or a big city
            return c.country_code in countries and c.precision == "place" and (c.population >= BIG_CITY or (
                c.lat is not None and any(haversine_km((c.lat, c.lon), p) <= LOCAL_KM for p in anchors)))

        while self._judge_once(doc, spans, countries, local):
            pass

    def _judge_once(self, doc: Any, spans: list[Span], countries: set[str], local: Any) -> bool:
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
            text = normalize(self.text_of(doc, sp.start, sp.end)).replace(" ", "")
            is_country = any(c.precision == "country" for c in sp.cands)
            short_ok = is_country or (prev is not None and prev.lower_ in PREPOSITIONS and (  # "in Gao"
                sp.kind == "entity" or any(c.population >= BIG_CITY for c in sp.cands)))
            inside = in_unit_after(self, doc, sp)  # "Udy, Kharkiv": the Udy in Kharkiv, whatever else
            if len(text) < 4 and not (short_ok or inside):
                continue
            nxt = doc[sp.end] if sp.end < len(doc) else None
            cue = sp.evidence or (prev is not None and (prev.lower_ in PREPOSITIONS or prev.lower_ in PLACE_NOUNS)) \
                or (nxt is not None and nxt.lower_ in PLACE_NOUNS)
            coord = (prev is not None and prev.lower_ in COORDINATORS and sp.start - 1 in accepted_ends) or (
                nxt is not None and nxt.lower_ in COORDINATORS and sp.end + 1 in accepted_starts)
            curated = any(c.curated for c in sp.cands)
            initial = doc[sp.start].is_sent_start
            all_propn = all(t.pos_ in ("PROPN", "X") for t in doc[sp.start:sp.end] if is_word(t))
            strong = cue or coord or curated or is_country
            keep = None  # when only the article's context vouches, only the readings it vouches for
            if sp.kind in ("entity", "cue", "weak"):
                ok = bool(sp.cands) or sp.kind in ("cue", "weak") or bool(countries)
            elif sp.kind == "person":
                # "... left Mali." is the country; "Jordan said" is a person.
                verb_next = nxt is not None and nxt.pos_ in ("VERB", "AUX")
                lone_country = is_country and sp.end - sp.start == 1 and not verb_next
                ok = cue or coord or curated or lone_country
                tail = doc[sp.end - 1]
                if not ok and place_verb_object(tail):  # "thronged Hama": a person is not thronged
                    keep = [c for c in sp.cands if c.country_code in countries or c.population >= BIG_CITY]
                elif not ok:
                    keep = [c for c in sp.cands if c.country_code in countries and c.population >= BIG_CITY]
            elif sp.kind == "norp":
                ok = sp.form in ("admin1", "near")  # "Aleppo province", though "Aleppo" alone was tagged NORP
                if self.gazetteer.country_of_word(self.text_of(doc, sp.start, sp.end)) is None:
                    tail = doc[sp.end - 1]
                    if cue:
                        keep = [c for c in sp.cands if c.country_code in countries]
                    if not keep and (cue or place_verb_object(tail)):
                        keep = [c for c in sp.cands if c.population >= BIG_CITY]  # "Jets shelled Aleppo"
            elif sp.kind == "part":  # inside a longer name: the cues around it belong to the whole
                ok = curated or is_country
                if not ok:
                    keep = [c for c in sp.cands if local(c)]
            else:  # org, fac, or a bare capitalised run
                ok = strong
                tail, before = doc[sp.end - 1], doc[sp.start - 1] if sp.start > 0 else None
                if not ok and (place_verb_object(tail) or (
                        before is not None and before.pos_ == "VERB" and before.lemma_.lower() in PLACE_OBJECT_VERBS)):
                    keep = [c for c in sp.cands if c.population >= BIG_CITY]  # "patrolled Harare"
                elif not ok and (sp.kind == "org" or (all_propn and not initial)):
                    keep = [c for c in sp.cands if local(c)]
            keep = inside or keep
            if keep:
                sp.cands, ok = keep, True
            if ok:
                sp.accepted = changed = True
                accepted_ends.add(sp.end)
                accepted_starts.add(sp.start)
        return changed

    def _country_words(self, doc: Any) -> Counter[str]:
        """Countries named by country or nationality words anywhere in the doc; the same for every
        pass over one article, so it is counted once per doc."""
        if self._words_cache is not None and self._words_cache[0] is doc:
            return self._words_cache[1]
        weak: Counter[str] = Counter()
        for i, tok in enumerate(doc):
            if is_cap(tok) or tok.text[:1].isdigit():
                for two in (i + 1 < len(doc), False):  # two words, then one, as written: no Span built
                    cc = self.gazetteer.country_of_word(f"{tok.text}{tok.whitespace_}{doc[i + 1].text}" if two
                                                        else tok.text)
                    if cc:
                        weak[cc] += 1
                        break
        self._words_cache = (doc, weak)
        return weak

    def _context(self, doc: Any, spans: list[Span]) -> Context:
        """What the unambiguous places say about the article: their countries and admin1s (most
        mentioned first) and their points; countries named only as countries, and nationality or
        group words ("Congolese", "Ambazonian"), are weaker context, since news names the US or
        Russia in every other story."""
        strong: Counter[str] = Counter()
        weak: Counter[str] = Counter(self._country_words(doc))
        admins: Counter[str] = Counter()
        anchors: list[tuple[float, float]] = []
        found = [(sp, self.gazetteer.rank(sp.cands)[0]) for sp in spans if sp.accepted and unambiguous(sp.cands)]
        # A village known in one country only is context when the article's provinces, countries and
        # cities agree, or say nothing: "Limani" (Ukraine) must not pull a Borno story abroad.
        sure = {b.country_code for sp, b in found if b.precision != "place" or b.curated or sp.kind == "chain"
                or (b.population >= BIG_CITY and sp.kind != "cue")} | set(weak)  # no city is a "village"
        for sp, best in found:
            if sure and best.country_code not in sure:
                continue
            (weak if best.precision == "country" else strong)[best.country_code] += 1
            if not unambiguous(sp.cands, same_country_ok=False):
                continue
            if best.precision in ("place", "admin1") and best.admin1code:
                admins[f"{best.country_code}.{best.admin1code}"] += 1
            if best.precision == "place" and best.lat is not None and sp.form != "near":
                anchors.append((best.lat, best.lon))
        countries = [c for c, _ in strong.most_common()]
        return Context(countries, [c for c, _ in weak.most_common() if c and c not in strong],
                        [a for a, _ in admins.most_common()], anchors)

    def _units(self, doc: Any, sp: Span) -> list[Candidate]:
        """The readings of a span as a country, province or district."""
        return [c for c in sp.cands if c.precision == "country"] + self.gazetteer.admin_units(
            self.text_of(doc, sp.start, sp.end))

    def _appositions(self, doc: Any, spans: list[Span]) -> None:
        """A place followed by its country, province or district ("Tripoli, Lebanon", "Tabuk, Kalinga")
        keeps only its readings inside it, and the unit its reading as one."""
        for a, b in zip(spans, spans[1:]):
            if a.accepted and b.accepted and b.start == a.end + 1 and doc[a.end].text == ",":
                units = self._units(doc, b)
                for unit in units:
                    inside = self.gazetteer.inside(a.cands, unit, km=80.0)
                    if inside:
                        a.cands, b.cands = inside, b.cands if unit.precision == "country" else [unit]
                        break
                else:
                    # "La Sabana, Guerrero" where the gazetteer knows no La Sabana in Guerrero: the text
                    # still says it lies in Guerrero, so it is placed there, not at a namesake abroad
                    if units and a.container is None and len({u.country_code for u in units}) == 1 and not any(
                            c.population >= BIG_CITY for c in a.cands):  # "Moscow, Beijing and Paris": a list
                        a.cands, a.container = [], units[0]
                        b.cands = b.cands if units[0].precision == "country" else [units[0]]

    def _plural_forms(self, doc: Any, spans: list[Span]) -> None:
        """A plural form reaches back over a coordination: "Idlib and Hama provinces" are both admin1."""
        for a, b in zip(spans, spans[1:]):
            if (a.accepted and b.accepted and b.form == "admin1" and a.form == "" and b.start - a.end == 1
                    and doc[a.end].lower_ in COORDINATORS and doc[b.end - 1].lower_.endswith("s")):
                cands, form = self.gazetteer.candidates(self.text_of(doc, a.start, a.end) + " province")
                if cands:
                    a.cands, a.form = cands, form

    # -- containers ---------------------------------------------------------------------------
    def _best(self, sp: Span, ctx: Context) -> Candidate | None:
        """The plausible reading of a span on its own, if any."""
        cands = [c for c in sp.cands if self.gazetteer.plausible(c, [*ctx.countries, *ctx.weak], sp.kind == "cue")]
        return self.gazetteer.rank(cands, ctx.countries, None, ctx.admins, ctx.anchors, ctx.weak)[0] if cands else None

    def _containers(self, doc: Any, spans: list[Span], chains: list[Span], ctx: Context) -> None:
        """Tie each settlement to what the text says contains it. "Mogadishu's Yaqshid district" and
        "the West Bank town of Jenin" become one mention, of the inner place; "X, a town near Y",
        "X district of Y province" and a bracketed chain in the same sentence give X its container."""
        merged: list[Span] = []
        for sp in spans:
            if not sp.accepted:
                continue
            a = merged[-1] if merged else None
            if a is not None and self._joins(doc, a, sp):
                first, second = self._best(a, ctx), self._best(sp, ctx)
                g, of = self.gazetteer, doc[sp.start - 1].lower_ == "of"
                if of and second is not None and not (first and g.inside([second], first)) and (
                        first is None or g.inside([first], second) or second.precision in ("admin1", "country")):
                    # "the Bogside area of Derry": the first names the place, inside the second
                    merged[-1] = Span(a.start, sp.end, "cue", a.cands, a.form, True, True, second)
                else:  # "the West Bank town of Jenin", "Mogadishu's Yaqshid district"
                    merged[-1] = Span(a.start, sp.end, "cue", sp.cands, sp.form, True, True, first or sp.container,
                                       sp.outer)
                continue
            merged.append(sp)
        spans[:] = merged
        for i in range(len(spans) - 1, -1, -1):  # right to left: "A, B and C districts of Y" share Y
            sp = spans[i]
            if sp.container is not None or sp.kind not in ("cue", "entity", "weak") or self._best(sp, ctx) is not None \
                    or doc[sp.start].text.isupper():
                continue
            sent, end = doc[sp.start].sent, sp.end
            for b in spans[i + 1:]:
                gap = doc[end:b.start]
                if b.start - end > 7 or b.start >= sent.end:
                    break
                if [t.text for t in gap] == [","] and (doc[b.end - 1].lower_ in UNIT_NOUNS or (
                        b.kind != "cue" and self._units(doc, b))):  # "X village, Y subdivision", "X, Borno"
                    units = [] if doc[b.end - 1].lower_ in UNIT_NOUNS else self._units(doc, b)
                    sp.container = (self._best(Span(b.start, b.end, "", units), ctx) if units else None) \
                        or self._best(b, ctx) or b.container
                    break
                if all(t.lower_ in COORDINATORS for t in gap):  # a conjunct shares its neighbour's container
                    if b.container is not None:
                        sp.container = b.container
                        break
                    end = b.end
                elif any(t.lower_ in LINKS for t in gap) and not any(t.pos_ == "VERB" for t in gap):
                    sp.container = self._best(b, ctx) or b.container
                    break
            if sp.container is None:
                own = [c for c in chains if c.container is not None and sent.start <= c.start < sent.end]
                sp.container = own[0].container if own else None

    @staticmethod
    def _joins(doc: Any, a: Span, b: Span) -> bool:
        """"A's B", "A town of B", "A neighbourhood of B": B is a place inside A; or A, a word no
        gazetteer knows, is the start of B's name ("Small" + "Soppo village")."""
        gap = [t.lower_ for t in doc[a.end:b.start]]
        if not gap:
            return not a.cands and b.kind == "cue"
        return gap in (["'s"], ["’s"]) or (len(gap) == 2 and gap[0] in PLACE_NOUNS and gap[1] == "of")

    def _resolve(self, doc: Any, sp: Span, ctx: Context) -> Place | None:
        g, text = self.gazetteer, self.text_of(doc, sp.start, sp.end)
        kw = dict(context_admin1=ctx.admins, anchors=ctx.anchors, weak_countries=ctx.weak)
        cands, form = sp.cands, sp.form
        if not cands and " - " in text:  # "Ciudad de Mexico - Coyoacan": a city's part after a spaced dash
            cands, form = g.candidates(text.split(" - ")[0])
        if not cands:  # spaCy's place, or a settlement, that matched no name exactly: a fuzzy try
            cands, form = g.candidates(text, [*ctx.countries, *ctx.weak])
        container = sp.container
        if container is not None:  # the text places it: inside its container, or else "near" that
            inner = g.inside(cands, container) or (g.inside(cands, sp.outer) if sp.outer else [])
            if inner:
                return g.choose(inner, form, text, ctx.countries, (container.lat, container.lon), **kw)
        else:
            place = g.choose(cands, form, text, ctx.countries, strict=True, small=sp.kind == "cue", **kw)
            if place is not None or sp.kind != "cue":
                return place
            container = self.gazetteer.context_unit(ctx.countries, ctx.admins, ctx.weak)
            if container is None:
                return None
        return container.to_place(text, "near" if container.precision in ("place", "near") else None)

    def __call__(self, state: DocState) -> DocState:
        doc = state.doc
        spans = self._spans(doc)
        self._judge(doc, spans, Context())
        chains = bracket_chains(self, doc, spans, self._context(doc, spans))
        self._judge(doc, spans, self._context(doc, spans))
        self._appositions(doc, spans)
        self._plural_forms(doc, spans)
        ctx = self._context(doc, spans)
        self._containers(doc, spans, chains, ctx)
        mentions, town, parts = [], None, []
        for sp in spans:
            place = self._resolve(doc, sp, ctx) if sp.accepted else None
            if place is not None and subcity(doc, sp):
                if town is not None and _far(place, town):
                    place = replace(town, text=place.text, precision="near")
                elif town is None:
                    parts.append(len(mentions))  # "the Kaawo-Godey neighborhood in Mogadishu": the town follows
            if place is not None and place.precision == "place" and place.lat is not None:
                town = place
            if place is not None:
                text, start = place.text, doc[sp.start].idx
                mentions.append(Mention(start=start, end=start + len(text), token_start=sp.start,
                                        token_end=sp.end, value=place, text=text))
        for k in parts:
            part = mentions[k]
            after = next((m.value for m in mentions[k + 1:] if m.value.precision == "place" and m.value.lat is not None
                          and doc[m.token_start].sent.start == doc[part.token_start].sent.start), None)
            if after is not None and _far(part.value, after):
                mentions[k] = replace(part, value=replace(after, text=part.text, precision="near"))
        mentions += unlocated(doc, mentions)
        return assign(state, places=tuple(sorted(mentions, key=lambda m: (m.start, m.end))))


__all__ = ["PlacesStage"]
