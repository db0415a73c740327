"""Actors: who is named in the text, resolved to a canonical entity with country and sector.

Three kinds of evidence, from most to least specific:
1. the curated dictionary (people with dated roles, organisations, metonyms such as
   "Ankara" or "the Kremlin" standing for a government);
2. country names ("Turkey announced ...") taken as the state;
3. group noun phrases: a sector noun ("soldiers", "government", "rebels") with a
   country from a demonym ("Turkish soldiers"), a possessor ("Assad's forces",
   "Turkey's Defense Ministry") or, failing both, the article's main country
   ("the regime", "government troops" in an article about Syria).
The events stage decides which of these mentions are parties to an event.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.pipeline.acled import ARMED
from sitroom.pipeline.base import DocState, Mention, assign
from sitroom.pipeline.countries import country_display, country_names, misspelt_country, spelling_candidates
from sitroom.records import Actor
from sitroom.resources import load_json

SECTOR_NAMES = {
    "MIL": "Military Forces of {c}", "GOV": "Government of {c}", "COP": "Police Forces of {c}",
    "REB": "Rebels ({c})", "CVL": "Civilians ({c})", "REF": "Refugees ({c})", "MED": "Media ({c})",
    "NGO": "NGO ({c})", "OPP": "Opposition ({c})", "LEG": "Legislature of {c}", "JUD": "Judiciary of {c}",
    "BUS": "Business ({c})", "UAF": "Unidentified Armed Group ({c})",
}
# "Turkish-backed rebels" are not Turkish: a demonym joined to these words names a sponsor.
_FIRST_WORD = re.compile(r"[\s'’.\-]+")
TITLE_WORDS = {"president", "minister", "king", "emir", "sheikh", "prince", "chancellor", "premier", "leader",
               "secretary", "ambassador", "governor", "mayor", "general", "commander", "spokesman", "envoy",
               "gen", "gen.", "lt", "lt.", "col", "col.", "colonel", "lieutenant", "maj", "maj.", "brig", "brig."}
STATE_FIGHTER_NOUNS = {"fighter", "jet", "warplane"}
# "Turkish-backed rebels" are not Turkey's; "Vietnamese-led forces" and "the Saudi-led coalition" are
# coded to the state that leads them, so "led" is not a sponsor word.
SPONSOR_WORDS = {"backed", "supported", "allied", "sponsored", "friendly", "aligned"}


@dataclass(frozen=True)
class _Entry:
    name: str
    country: str | None
    sector: str | None
    roles: tuple[tuple[str | None, str | None, str | None, str | None], ...] = ()  # (from, to, country, sector)


class ActorDictionary:
    """The curated actor resource, indexed for lookup by surface form."""

    def __init__(self, data: dict[str, Any]):
        self.version = data.get("version", "unversioned")
        self.by_alias: dict[str, _Entry] = {}
        self.people: set[str] = set()
        for person in data.get("people", []):
            roles = tuple((r.get("from"), r.get("to"), r.get("country"), r.get("sector")) for r in person["roles"])
            last = person["roles"][-1]
            entry = _Entry(person["name"], last.get("country"), last.get("sector"), roles)
            self.people.add(person["name"])
            for alias in person["aliases"]:
                self.by_alias[alias] = entry
        for org in data.get("organisations", []):
            entry = _Entry(org["name"], org.get("country"), org.get("sector"))
            for alias in org["aliases"]:
                self.by_alias[alias] = entry
                if alias.lower().startswith("the "):
                    self.by_alias[alias[4:]] = entry
        self.metonyms: dict[str, _Entry] = {}
        for m in data.get("metonyms", []):
            name = m.get("name") or _state_name(m.get("country"), m.get("sector"))
            self.metonyms[m["alias"]] = _Entry(name, m.get("country"), m.get("sector"))
        self.demonyms: dict[str, str] = dict(data.get("demonyms", {}))
        self.sector_nouns: dict[str, str] = {}
        for sector, nouns in data.get("sector_nouns", {}).items():
            for noun in nouns:
                self.sector_nouns[noun.lower()] = sector

    def resolve(self, alias: str, on: str | None = None) -> Actor | None:
        """The actor an alias names, in the role it held on date `on` (ISO) when roles change."""
        entry = self.by_alias.get(alias) or self.metonyms.get(alias)
        if entry is None:
            return None
        country, sector = entry.country, entry.sector
        if entry.roles and on:
            for start, end, c, s in entry.roles:
                if (start is None or start <= on) and (end is None or on < end):
                    country, sector = c, s
                    break
        return Actor(name=entry.name, country=country, sector=sector, text=alias)


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    return ActorDictionary(load_json("actors.json"))


# Sectors whose unnamed members belong to the country the story is in: "the army", "a newspaper",
# "the court". Aid agencies and foreign bodies (NGO) do not.
DOMESTIC_SECTORS = {"MIL", "GOV", "COP", "REB", "CVL", "REF", "UAF", "OPP", "MED", "LEG", "JUD", "BUS"}


def _state_name(country: str | None, sector: str | None) -> str:
    template = SECTOR_NAMES.get(sector or "", "{c}")
    return template.format(c=country_display(country))


# Where a city is the end of a way, not a party: "the road to Matamoros", "a flight from Kabul".
ROUTE_NOUNS = {"road", "highway", "route", "way", "path", "border", "bridge", "train", "flight", "journey", "trip",
               "corridor"}


def main_country(state: DocState) -> str | None:
    """The country most of the article's places are in: the default for "the regime", "the army"."""
    counts: Counter[str] = Counter()
    for m in state.places or ():
        if m.value.country and m.value.precision in ("place", "near", "admin1"):
            counts[m.value.country] += 1
    if not counts:
        for m in state.places or ():
            if m.value.country:
                counts[m.value.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def _residence(state: DocState, root: Any) -> str | None:
    """The country a people is said to live in: "ethnic Albanians in south Serbia" are coded to Serbia
    (CAMEO codes a community by where it lives, not by the nation its name recalls)."""
    holders = [root]
    if root.dep_ == "nsubj" and any(c.lower_ == "ethnic" for c in root.children):
        holders.append(root.head)  # "ethnic Albanians demonstrated in Serbia": where the minority acts
    for prep in (c for h in holders for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                for m in state.places or ():
                    if m.token_start <= obj.i < m.token_end and m.value.country:
                        return m.value.country
    return None


# Sides a person or group can belong to: armed forces and groups, police, crowds and the opposition.
SIDES = ARMED | {"OPP"}


def _sector_of(token: Any, nouns: dict[str, str]) -> str | None:
    lemma = token.lemma_.lower()
    text = token.text.lower()
    prev = token.doc[token.i - 1].text.lower() if token.i > 0 else ""
    for key in (f"{prev} {text}", f"{prev} {lemma}", text, lemma):
        if key in nouns:
            return nouns[key]
    # A capitalised plural ("Separatists", "Rioters", as coders write categories; "Puntland Dervish
    # Forces") is tagged a proper noun and keeps its "s" in its lemma. Sides only: "Students" in a
    # headline is no party.
    if text.endswith("s") and nouns.get(text[:-1]) in SIDES:
        return nouns[text[:-1]]
    return None


def _member_sector(head: Any, sector: str, nouns: dict[str, str]) -> str:
    """Whose member a state-sounding noun is, from its modifier: "a rebel commander", "militia leader",
    "police officer", "army spokesman" belong to the modifier's side; "government soldiers" stay soldiers."""
    if sector not in ("MIL", "GOV"):
        return sector
    for child in head.lefts:
        if child.dep_ in ("compound", "amod"):
            own = _sector_of(child, nouns)
            if own in SIDES and own != sector:
                return own
    return sector


def _in_brackets(doc: Any, i: int) -> bool:
    """Whether token i sits inside an open bracket of its sentence."""
    sent_start = doc[i].sent.start
    for j in range(i - 1, max(sent_start, i - 30) - 1, -1):
        if doc[j].text == ")":
            return False
        if doc[j].text == "(":
            return True
    return False


def _modifies(tok: Any, ent: Any) -> bool:
    """Whether a word before a name modifies it, directly or through title words ("Israeli" in
    "Israeli Prime Minister Ehud Barak"), not another phrase ("Russian" in "Russian fighters
    bombed Saraqib")."""
    for _ in range(4):
        if ent.start <= tok.head.i < ent.end:
            return True
        if tok.dep_ not in ("compound", "amod", "poss", "nmod", "det") or tok.head.i >= ent.end or tok.head is tok:
            return False
        tok = tok.head
    return False


class ActorsStage:
    """Finds actor mentions; needs places for the article's main country."""

    name = "actors"
    requires = frozenset({"doc", "places"})
    assigns = frozenset({"actors"})

    def __init__(self, dictionary: ActorDictionary | None = None):
        self.dict = dictionary or actor_dictionary()
        self.countries = country_names()
        self._aliases = sorted(set(self.dict.by_alias) | set(self.dict.metonyms) | set(self.countries),
                               key=len, reverse=True)
        self._max_words = max(len(a.split()) for a in self._aliases)
        self._alias_set = set(self._aliases)
        self._spellings = spelling_candidates(self.countries)  # "Ethopia": see sitroom.pipeline.countries
        # Names of several words match whatever their case ("Turkey's defence ministry");
        # single words keep theirs, so "WHO" is the organisation and "who" is not.
        self._folded = {a.lower().replace("’", "'"): a for a in self._aliases if len(a.split()) > 1}
        # Aliases by the lower-cased first word, so each token position checks only names that
        # could start there instead of building every n-gram of the article.
        self._by_first: dict[str, int] = {}
        for a in self._aliases:
            # "U.N." is one token: keyed by its whole first word as well as by its first letters
            for first in {_FIRST_WORD.split(a, maxsplit=1)[0].lower(), a.split()[0].lower()}:
                self._by_first[first] = max(self._by_first.get(first, 0), len(_FIRST_WORD.split(a)) + 2)

    def __call__(self, state: DocState) -> DocState:
        doc = state.doc
        on = state.article.published.date
        home = main_country(state)
        found: dict[tuple[int, int], Mention] = {}
        taken: set[int] = set()
        # 1 and 2: dictionary names and countries, longest first, by token n-grams.
        i = 0
        while i < len(doc):
            match = None
            longest = self._by_first.get(doc[i].lower_, 0)
            for n in range(min(longest, len(doc) - i), 0, -1):
                span = doc[i:i + n]
                text = span.text
                if n > 1 and text not in self._alias_set:
                    text = self._folded.get(text.lower().replace("’", "'"), text)
                if text in self._alias_set and (n > 1 or doc[i].pos_ in ("PROPN", "NOUN", "X") or text.isupper()):
                    match = (span, text)
                    break
            if match is None and doc[i].pos_ == "PROPN" and not self._demonym(doc[i].text) \
                    and (fixed := misspelt_country(doc[i].text, self._spellings)):
                match = (doc[i:i + 1], fixed)  # "Ethopia"; never "Nigerian", a letter from "Nigeria"
            if match is None:
                i += 1
                continue
            span, alias = match
            actor = self._named(alias, on)
            if actor is not None and actor.sector == "GOV" and alias in self.countries and \
                    _in_brackets(doc, span.start):
                actor = None  # "(Khan Yunis, Gaza Strip)" names where, not who
            if actor is not None:
                actor = Actor(actor.name, actor.country, actor.sector, span.text)
                found[(span.start, span.end)] = Mention(span.start_char, span.end_char, span.start, span.end,
                                                        actor, span.text)
                taken.update(range(span.start, span.end))
            i = span.end
        # "he"/"she" as a subject: the person named last, within the last three sentences.
        last_person: tuple[int, Mention] | None = None
        by_start = {k[0]: m for k, m in found.items()}
        for n, sent in enumerate(doc.sents):
            for tok in sent:
                m = by_start.get(tok.i)
                if m is not None and m.value.name in self.dict.people:
                    last_person = (n, m)
                elif tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass") and last_person \
                        and n - last_person[0] <= 3:
                    found[(tok.i, tok.i + 1)] = Mention(tok.idx, tok.idx + len(tok), tok.i, tok.i + 1,
                                                        last_person[1].value, tok.text)
        # 3: group noun phrases headed by a sector noun; "Russian and Syrian jets" names two actors.
        groups: list[Mention] = []
        for tok in doc:
            if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            sector = _sector_of(tok, self.dict.sector_nouns)
            if sector is None:
                continue
            if tok.dep_ in ("compound", "amod") and _sector_of(tok.head, self.dict.sector_nouns):
                continue  # "government" in "government soldiers" is part of the soldiers' phrase
            sector = _member_sector(tok, sector, self.dict.sector_nouns)
            countries, start = self._country_of(tok, found, on)
            owner = next((m.value for (a, b), m in found.items() if start <= a and b <= tok.i
                          and m.value.sector not in (None, "GOV")), None)
            if owner is not None:  # "Al Shabaab fighters", "Wagner troops": the named group itself
                words = doc[start:tok.i + 1].text
                groups.append(Mention(doc[start].idx, tok.idx + len(tok.text), start, tok.i + 1,
                                      Actor(owner.name, owner.country, owner.sector, words), words))
                continue
            if sector == "REB" and countries and tok.lemma_.lower() in STATE_FIGHTER_NOUNS:
                sector = "MIL"  # "Russian and Syrian fighters": a state's fighters are its air force
            if not countries and sector in DOMESTIC_SECTORS:
                countries = [home]
            words = doc[start:tok.i + 1].text
            for n, country in enumerate(countries or [None]):
                actor = Actor(name=_state_name(country, sector), country=country, sector=sector, text=words)
                groups.append(Mention(doc[start].idx, tok.idx + len(tok.text), start, tok.i + 1, actor, words))
        covered = taken | {i for m in groups for i in range(m.token_start, m.token_end)}
        others = self._entities(state, covered, on) + self._place_metonyms(state, covered)
        mentions = tuple(sorted([*found.values(), *groups, *others], key=lambda m: (m.start, m.end)))
        return assign(state, actors=mentions)

    def _named(self, text: str, on: str | None) -> Actor | None:
        actor = self.dict.resolve(text, on)
        if actor is not None:
            return actor
        if text in self.countries:
            iso3, display = self.countries[text]
            return Actor(name=f"Government of {display}", country=iso3, sector="GOV", text=text)
        return None

    def _country_of(self, head: Any, found: dict[tuple[int, int], Mention],
                    on: str | None) -> tuple[list[str], int]:
        """Countries of a group noun from its modifiers; returns (countries, first token of the phrase)."""
        start = head.i
        countries: list[str] = []
        for child in sorted(head.lefts, key=lambda t: t.i):
            if child.dep_ not in ("amod", "compound", "poss", "nmod", "npadvmod", "det", "nummod", "quantmod"):
                continue
            sub = list(child.subtree)
            start = min(start, sub[0].i)
            words = {t.lower_ for t in sub}
            if words & SPONSOR_WORDS or any(t.lower_.endswith("-backed") for t in sub):
                continue
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                owner = self._clause_owner(head, found)
                if owner and owner not in countries:
                    countries.append(owner)
                continue
            conjuncts = [c for c in child.children if c.dep_ == "conj"]
            in_conj = {t.i for c in conjuncts for t in c.subtree}
            for part in [child, *conjuncts]:
                c = self._country_in(list(part.subtree) if part is not child else
                                     [t for t in sub if t.i not in in_conj], found, on)
                if c and c not in countries:
                    countries.append(c)
        if not countries:
            for prep in head.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                    for obj in prep.children:
                        conjuncts = [c for c in obj.children if c.dep_ == "conj"]
                        in_conj = {t.i for c in conjuncts for t in c.subtree}
                        for part in [obj, *conjuncts]:
                            tokens = [t for t in part.subtree if part is not obj or t.i not in in_conj]
                            c = self._country_in(tokens, found, on)
                            if c and c not in countries:
                                countries.append(c)
        return countries, start

    def _entities(self, state: DocState, covered: set[int], on: str | None) -> list[Mention]:
        """Named organisations and people the dictionary does not know, kept under their own name.

        Their country comes from a nationality or country word inside the name ("the Argentine
        judge", "Iraqi Kurdistan Regional Government") and their sector from the words that
        name an institution ("ministry", "army", "party"); either may stay unknown.
        """
        out = []
        located = {i for m in state.places or () if m.value.lat is not None and m.value.precision != "country"
                   for i in range(m.token_start, m.token_end)}
        for ent in state.doc.ents:
            if ent.label_ not in ("ORG", "PERSON", "NORP") or any(t.i in covered for t in ent):
                continue
            if ent.label_ == "ORG" and all(t.i in located for t in ent):
                continue  # "Saraqib" tagged ORG is the town the gazetteer placed (a metonym, if a party)
            if ent.label_ == "NORP" and (len(ent) > 1 or ent.root.dep_ not in ("nsubj", "nsubjpass", "dobj",
                                                                                "pobj", "conj")):
                continue  # "Turkish" as a modifier is not an actor; "the Palestinians" are
            # the name and the title words before it: "Israeli Prime Minister Ehud Barak"
            lead = [t for t in state.doc[max(0, ent.start - 5):ent.start] if _modifies(t, ent)]
            words = [*lead, *ent]
            country = _residence(state, ent.root) if ent.label_ == "NORP" else None
            country = country or next((c for t in words if (c := self._demonym(t.text))), None)
            if country is None:
                country = next((self.countries[t.text][0] for t in words if t.text in self.countries), None)
            sector = next(filter(None, (_sector_of(t, self.dict.sector_nouns) for t in reversed(words))), None)
            if sector is None and ent.label_ == "PERSON" and {t.lower_ for t in lead} & TITLE_WORDS:
                sector = "GOV"
            titled = bool({t.lower_ for t in lead} & TITLE_WORDS)  # an "ORG" after "Vice-President" is a person
            if country is None and (ent.label_ == "NORP" or (ent.label_ == "PERSON" and (sector or titled))
                                    or (ent.label_ == "ORG" and titled)):
                # "President Akayev ... Kyrgyzstan"; "ethnic Albanians in south Serbia"
                country = self._sentence_country(state, ent.sent)
            if ent.label_ == "NORP":
                sector = sector or "CVL"
                name = _state_name(country, sector) if country else ent.text
            else:
                name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            out.append(Mention(ent.start_char, ent.end_char, ent.start, ent.end,
                               Actor(name=name, country=country, sector=sector, text=ent.text), ent.text))
        return out

    def _demonym(self, word: str) -> str | None:
        """The country of a nationality word, singular or plural ("Algerian", "Algerians")."""
        found = self.dict.demonyms.get(word)
        if found is None and word.endswith("s"):
            found = self.dict.demonyms.get(word[:-1])
        return found

    def _sentence_country(self, state: DocState, sent: Any) -> str | None:
        """The one country a sentence names (as a place or a nationality word), if it names one only:
        an office holder's country when nothing else says it ("Vice-President Moody Awori ... the
        Kenya Anti-Corruption Commission")."""
        named = {m.value.country for m in state.places or ()
                 if sent.start <= m.token_start < sent.end and m.value.country}
        named |= {c for t in sent if (c := self._demonym(t.text))}
        named |= {self.countries[t.text][0] for t in sent if t.text in self.countries}  # "the Kenya ... Commission"
        return named.pop() if len(named) == 1 else None

    @staticmethod
    def _place_metonyms(state: DocState, covered: set[int]) -> list[Mention]:
        """A city named as a party ("Tokyo agreed", "talks with Baghdad") stands for its government."""
        out = []
        for m in state.places or ():
            if m.value.precision not in ("place", "country") or not m.value.country:
                continue
            if any(i in covered for i in range(m.token_start, m.token_end)) or _in_brackets(state.doc, m.token_start):
                continue  # "(Khan Yunis, Gaza Strip)" says where, whatever the parse makes of it
            head = state.doc[m.token_end - 1]
            role = head.dep_
            if role in ("nsubj", "nsubjpass", "dobj") or (role == "pobj" and head.head.lower_ in (
                    "with", "against", "by", "between", "to", "from") and head.head.head.pos_ in ("VERB", "NOUN")
                    and head.head.head.lemma_.lower() not in ROUTE_NOUNS):  # "the road to Matamoros" is a place
                actor = Actor(_state_name(m.value.country, "GOV"), m.value.country, "GOV", m.text)
                out.append(Mention(m.start, m.end, m.token_start, m.token_end, actor, m.text))
        return out

    @staticmethod
    def _clause_owner(head: Any, found: dict[tuple[int, int], Mention]) -> str | None:
        """Country of the subject of the clause a noun sits in: whose "its soldiers" are."""
        for anc in head.ancestors:
            subj = next((c for c in anc.children if c.dep_ == "nsubj" and c.i < head.i), None)
            if subj is None or head.i in {t.i for t in subj.subtree}:
                continue  # "13 of its troops killed": the noun is inside that subject; look higher
            for (s, e), m in found.items():
                if s <= subj.i < e and m.value.country:
                    return m.value.country
        return None

    def _country_in(self, tokens: list[Any], found: dict[tuple[int, int], Mention], on: str | None) -> str | None:
        for t in tokens:
            text = t.text
            if text.endswith("'s"):
                text = text[:-2]
            if text in self.dict.demonyms:
                return self.dict.demonyms[text]
            if t.text in self.dict.demonyms:
                return self.dict.demonyms[t.text]
        for (s, e), m in found.items():
            if any(s <= t.i < e for t in tokens) and m.value.country:
                return m.value.country
        return None


@lru_cache(maxsize=4096)
def group_acronym(text: str) -> bool:
    """Whether a word is an armed force's or group's acronym the dictionary knows ("NISA", "FAMa"):
    never a place, whatever town shares its letters (Nisa, Fama). News agencies stay out: "(AP)"
    after a dateline is read as before."""
    if " " in text or sum(c.isupper() for c in text) < 2:
        return False
    actor = actor_dictionary().resolve(text)
    return actor is not None and actor.sector in ARMED


def actor_at(state: DocState, token_index: int) -> Mention | None:
    """The actor mention covering a token, preferring the longest."""
    best = None
    for m in state.actors or ():
        if m.token_start <= token_index < m.token_end:
            if best is None or (m.token_end - m.token_start) > (best.token_end - best.token_start):
                best = m
    return best
