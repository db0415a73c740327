"""Event triggers: the words that say something happened, and what kind of thing.

The lexicon is data (resources/event_lexicon.json); this module matches it against a
parsed sentence and checks each entry's `needs` condition, which is how one verb
("strike", "cross", "send") counts as an event only in the company it keeps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.pipeline.numbers import MULTIPLES
from sitroom.resources import load_json

MILITARY_WORDS = {
    "troop", "troops", "soldier", "army", "military", "force", "forces", "militant", "rebel", "insurgent",
    "artillery", "tank", "jet", "warplane", "helicopter", "missile", "rocket", "drone", "airstrike", "strike",
    "offensive", "attack", "war", "fighter", "convoy", "post", "base", "weapon", "bomb", "shell", "position",
    "ammunition", "depot", "target", "gunman", "gunmen", "police", "shooting", "shooter", "gun",
}
TROOP_WORDS = {"troop", "troops", "soldier", "reinforcement", "reinforcements", "convoy", "tank", "vehicle",
               "force", "forces", "unit", "battalion", "brigade", "column", "deployment", "army", "weapon",
               "artillery", "personnel", "military"}
# Deaths that are no attack: "died of the disease", "died of natural causes", "died of hunger"
NATURAL_CAUSES = {"disease", "illness", "cancer", "cholera", "ebola", "covid", "covid-19", "virus", "infection",
                  "hunger", "starvation", "cold", "heart", "natural", "malnutrition", "exposure", "overdose",
                  "malaria", "measles", "fever", "stroke", "dehydration", "old"}
GRIEVANCE_VERBS = {"demand", "protest", "denounce", "condemn", "call", "oppose", "reject", "press", "decry", "urge",
                   "express", "voice", "show", "mourn", "commemorate", "honour", "honor", "pay", "seek", "appeal",
                   "support", "highlight"}  # a gathering "to mourn", "to show solidarity": a demonstration
BOMB_WORDS = {"bomb", "bombs", "device", "devices", "explosive", "explosives", "ied", "ieds", "mine", "mines",
              "grenade", "grenades", "shell", "shells", "charge", "charges"}
GUN_WORDS = {"gun", "guns", "handgun", "pistol", "rifle", "shotgun", "firearm", "weapon", "weapons", "revolver"}
WEAPON_WORDS = {"missile", "rocket", "shell", "mortar", "round", "artillery", "gun", "tear gas", "weapon", "bullet"}
AIR_WORDS = {"air", "airstrike", "aerial", "warplane", "jet", "drone", "missile"}
AGREEMENT_WORDS = {"agreement", "deal", "accord", "treaty", "ceasefire", "truce", "memorandum", "pact"}
MEETING_WORDS = {"meeting", "talks", "summit", "conference", "delegation", "visit"}
# Words that make "shooting" or "gunfire" an attack on people, not a film shoot or a shooting range.
HARM_WORDS = {"killed", "kill", "killing", "dead", "death", "died", "dies", "wounded", "injured", "injuries", "victim",
              "victims", "police", "sheriff", "deputies", "officers", "gunman", "gunmen", "suspect", "shot", "fatal",
              "fatally", "accidental", "accidentally", "hospital", "homicide", "murder", "wounds", "critical",
              "troops", "soldiers", "forces", "militants", "fighters", "protesters", "army"}
LABOUR_WORDS = {"worker", "workers", "union", "unions", "teacher", "teachers", "employee", "employees"}
# What a force captures or enters: named places, and the nouns for them.
PLACE_NOUNS = {"town", "city", "village", "airport", "base", "area", "position", "positions", "hill", "district",
               "province", "region", "territory", "neighbourhood", "neighborhood", "road", "highway", "bridge",
               "checkpoint", "outpost", "airbase", "port", "capital", "countryside", "stronghold", "camp"}
ROAD_WORDS = {"road", "roads", "street", "streets", "highway", "highways", "traffic", "route", "routes", "bridge",
              "intersection", "intersections", "avenue", "avenues", "junction", "roundabout",
              "railway", "entrance", "entrances"}
PART_WORDS = {"part", "parts", "most", "much", "half", "third", "quarter", "portion", "rest", "control", "areas",
              "sections", "swath", "swathe", "stretch"}
PERSON_WORDS = {"leader", "commander", "suspect", "man", "woman", "member", "fighter", "militant", "soldier",
                "officer", "journalist", "activist", "chief", "boss", "kingpin", "official", "people", "person"}
AID_WORDS = {"aid", "arms", "weapons", "weapon", "grant", "loan", "money", "assistance", "supplies", "food",
             "medicine", "medicines", "equipment", "ammunition", "fuel", "funds", "funding", "asylum", "shelter"}
PROTEST_WORDS = {"protest", "sit", "demonstration", "rally", "march", "strike", "walkout", "vigil", "picket",
                 "blockade"}
PLACE_PREPS = {"in", "near", "at", "around", "outside", "toward", "towards", "into", "on", "from", "across", "inside",
               "to", "of"}


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    event: str
    mode: str | None = None
    particle: str | None = None
    object: str | None = None
    victim: str | None = None
    subject_is_victim: bool = False
    needs: str | None = None
    battle: bool = False
    territory: bool = False
    downs_aircraft: bool = False


@dataclass(frozen=True)
class Trigger:
    token: int  # index of the head token in the doc
    entry: Entry


# Nouns that recall a past event rather than report one ("on the anniversary of the invasion").
REMEMBERED = {"anniversary", "commemoration", "memory", "remembrance", "memorial"}


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], list[Entry]]:
    data = load_json("event_lexicon.json")
    out: dict[tuple[str, str], list[Entry]] = {}
    for raw in data["triggers"]:
        entry = Entry(**{k: v for k, v in raw.items() if k in Entry.__dataclass_fields__})
        out.setdefault((entry.lemma, entry.pos), []).append(entry)
    # Most specific first: entries with a particle or object before bare ones.
    for entries in out.values():
        entries.sort(key=lambda e: (e.particle is None and e.object is None, e.needs is None))
    return out


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def _words(tokens: Any) -> set[str]:
    out = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


def _objects(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr", "oprd")]


def _subjects(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]


LAUNCH_VERBS = {"open", "launch", "begin", "start", "order", "conduct", "announce", "lodge", "file"}


_HABITUAL = re.compile(r"\b(?:every|each|per|a) (?:year|month|week|day)\b(?! -)|\bannually\b|\byearly\b")


def habitual(tok: Any) -> bool:
    """A present-tense generalisation, not an event: "drunk drivers kill thousands of people every year"."""
    def present(v: Any) -> bool:  # the small model tags "gunmen kill" VB as often as VBP; "are killed" counts
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        return v.tag_ in ("VBP", "VBZ") or (v.tag_ == "VB" and not aux) or (
            v.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBP", "VBZ"))

    verb = tok
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if not (present(verb) and (verb is tok or tok.tag_ == "VB" or present(tok))):
        return False
    verbs = {verb, tok, *(c for c in verb.children if c.dep_ == "conj")}
    return any((c.dep_ in ("npadvmod", "advmod") or (c.dep_ == "prep" and c.lower_ == "per"))
               and _HABITUAL.search(" ".join(t.lower_ for t in c.subtree)) for v in verbs for c in v.children)


def natural_death(tok: Any) -> bool:
    """A death the text puts down to illness, hunger or age ("died of the disease"): no attack."""
    return any(p.dep_ == "prep" and p.lower_ in ("of", "from") and _words(p.subtree) & NATURAL_CAUSES
               for p in tok.children)


def has_argument(tok: Any) -> bool:
    """A noun trigger with something saying who or against whom, or a verb with a subject or object."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LAUNCH_VERBS:
        return True  # "opened an investigation", "launched a probe": an act, whoever it concerns
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "agent"):
            return True
        if c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "against", "by", "on", "from", "of", "into"):
            return True
    return False


def told_as_incident(tok: Any) -> bool:
    """Whether a noun is told as an incident, not a photo shoot or a sport: it "happened", "occurred", "took
    place" or "was reported", or a day names it ("the March 16, 2014 shooting", "Sunday's shooting")."""
    head = tok.head.lemma_.lower()
    if tok.dep_ == "nsubj" and (head in ("happen", "occur") or (
            head == "take" and any(c.lower_ == "place" for c in tok.head.children))):
        return True
    if tok.dep_ == "nsubjpass" and head == "report":
        return True
    return any(c.dep_ in ("compound", "nmod", "poss", "amod", "npadvmod") and c.ent_type_ in ("DATE", "TIME")
               and c.i < tok.i for c in tok.children)


TEST_WORDS = {"test", "tests", "tested", "testing", "satellite", "satellites", "orbit", "exercise", "exercises",
              "drill", "drills"}


def _check(entry: Entry, tok: Any, sent_words: set[str]) -> bool:
    need = entry.needs
    if need is None:
        return True
    if need == "military_context":
        return bool(sent_words & MILITARY_WORDS)
    if need == "violence_context":
        if natural_death(tok):
            return False
        return bool(sent_words & (MILITARY_WORDS | {"attack", "strike", "shelling", "bombing", "clash", "wound"}))
    if need == "harm_context":
        before = tok.doc[tok.i - 1].lower_ if tok.i else ""
        return bool(sent_words & HARM_WORDS or told_as_incident(tok)) and before not in {
            "photo", "film", "movie", "video", "range", "clay", "target", "trap", "skeet"}
    if need == "not_a_test":  # "launched a missile test", "launched a satellite": no attack
        return not sent_words & TEST_WORDS
    if need == "not_labour":
        return not (sent_words & LABOUR_WORDS) or bool(sent_words & MILITARY_WORDS)
    if need == "air_or_military":
        left = {t.lower_ for t in tok.lefts} | {tok.doc[tok.i - 1].lower_ if tok.i else ""}
        return bool(left & (AIR_WORDS | {"military", "missile", "drone", "artillery", "rocket"}))
    if need == "weapon_object":
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & WEAPON_WORDS) or "on" in {
            c.lower_ for c in tok.children}
    if need == "place_object":  # "captured Bagram airport", "Eastern Slavonia was captured"
        targets = _objects(tok) + [c for c in tok.children if c.dep_ == "nsubjpass"]
        targets += [g for o in targets if o.lower_ in PART_WORDS for p in o.children if p.dep_ == "prep"
                    and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]  # "part of a stronghold"
        return any(o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in PLACE_NOUNS
                   or (o.pos_ == "PROPN" and o.ent_type_ not in ("PERSON", "NORP"))
                   or any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC") for c in o.children)
                   for o in targets)
    if need == "place_in_subtree":
        return any(t.ent_type_ in ("GPE", "LOC", "FAC") or (t.pos_ == "PROPN" and t.dep_ == "pobj")
                   for t in tok.subtree)
    if need == "has_argument":
        return has_argument(tok)
    if need == "counted":  # "a triple homicide" (but not "charged with murder")
        return tok.i > 0 and tok.doc[tok.i - 1].lower_ in MULTIPLES
    if need == "has_object":
        return bool(_objects(tok)) or any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    if need == "plural_or_has_argument":
        return tok.tag_ == "NNS" or has_argument(tok)
    if need == "phone":
        return "phone" in _words(tok.subtree) or "phone" in _words(tok.doc[max(0, tok.i - 2):tok.i])
    if need == "troops_object":
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & TROOP_WORDS)
    if need == "grievance":  # "gathered ... against the move", "rallied to demand water": a protest
        return any((c.dep_ == "prep" and c.lower_ == "against") or (
            c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in GRIEVANCE_VERBS) for c in tok.children)
    if need == "bomb_subject":  # "some 21 bombs had gone off"; an alarm going off is no attack
        return bool(_words(t for x in _subjects(tok) for t in x.subtree) & BOMB_WORDS)
    if need == "gun_subject":  # "the gun went off", "the handgun discharged", "discharged his weapon"; "when it went off"
        args = _subjects(tok) + _objects(tok)
        return bool(_words(t for x in args for t in x.subtree) & GUN_WORDS) or (
            any(x.lower_ == "it" for x in args) and bool(sent_words & GUN_WORDS))
    if need == "gunshot_wound":  # "officers found him ... with gunshot wounds"; finding a gun is no attack
        return any(t.lower_ in ("wound", "wounds") and t.head.lower_ == "with" and
                   any(c.lower_ in ("gunshot", "gunshots", "bullet") for c in t.children) for t in tok.subtree)
    if need == "troops_subject":
        return bool(_words(t for s in _subjects(tok) for t in s.subtree) & TROOP_WORDS)
    if need == "troops_subject_or_object":
        return bool(_words(t for a in _subjects(tok) + _objects(tok) for t in a.subtree) & TROOP_WORDS)
    if need == "agreement_object":
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & AGREEMENT_WORDS)
    if need == "person_object":
        objs = _objects(tok) + [c for c in tok.children if c.dep_ == "nsubjpass"]
        return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in PERSON_WORDS
                   or (o.dep_ == "nsubjpass" and o.lower_ in ("they", "he", "she")) for o in objs)
    if need == "road_object":  # "protesters blocked roads"; troops blocking a road is no protest
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & ROAD_WORDS) and not (
            _words(t for x in _subjects(tok) for t in x.subtree) & (TROOP_WORDS | MILITARY_WORDS))
    if need == "aid_object":
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & AID_WORDS)
    if need == "not_military":
        return not (_words(tok.subtree) & (MILITARY_WORDS - {"attack", "war"}))
    if need == "labour":
        return bool(sent_words & LABOUR_WORDS | {"general", "hunger", "workers", "union", "unions", "strikers"}
                    & sent_words) and not (sent_words & AIR_WORDS)
    if need == "protest_object":
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & PROTEST_WORDS)
    if need == "meeting_object":
        return bool(_words(t for o in _objects(tok) for t in o.subtree) & MEETING_WORDS)
    return False


IRREGULAR_VERBS = {"shot": "shoot", "shoots": "shoot", "struck": "strike", "fought": "fight", "threw": "throw"}


def _verb_lemma(word: str, lex: dict[tuple[str, str], list[Entry]]) -> str | None:
    """The verb a word tagged as a noun is a form of, when a direct object or its place as a clause shows it
    is one (the small model tags "shot" in "a 17-year-old shot the victim" as a noun): None if no verb in
    the lexicon."""
    forms = [IRREGULAR_VERBS.get(word, word), word[:-3], word[:-2], word[:-1]]
    return next((f for f in forms if (f, "VERB") in lex), None)


def find_triggers(sent: Any) -> list[Trigger]:
    """Triggers in one spaCy sentence, in text order, at most one entry per token."""
    lex = lexicon()
    sent_words = _words(sent)
    out = []
    for tok in sent:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") and tok.pos_ != "AUX" else ("NOUN" if tok.pos_ in ("NOUN", "PROPN") else None)
        if pos is None:
            continue
        if tok.dep_ == "amod" and pos == "VERB" and tok.i < tok.head.i:
            continue  # "widely criticized agreements": an adjective, not an event
        if pos == "NOUN" and tok.dep_ == "compound" and tok.head.lower_ in TROOP_WORDS | {"forces", "force"}:
            continue  # "the withdrawal of invasion forces": the forces' name, not an invasion
        if tok.ent_type_ == "DATE" and tok.text[:1].isupper():
            continue  # "in March 2019": a month, not a march
        if pos == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "since") \
                and tok.head.head.lemma_.lower() in REMEMBERED:
            continue  # "the anniversary of Russia's invasion": a past event recalled, not reported
        if pos == "VERB" and habitual(tok):
            continue
        lemma = _lemma(tok)
        verb = _verb_lemma(tok.lower_, lex) if pos == "NOUN" and (
            tok.dep_ == "ccomp" or any(c.dep_ == "dobj" for c in tok.children)) else None
        if verb is not None:
            pos, lemma = "VERB", verb  # "police said a 17-year-old shot the victim": a clause needs a verb
        if pos == "NOUN" and lemma == "strike" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "air":
            lemma = "airstrike"
        entries = lex.get((lemma, pos)) or (lex.get((tok.lower_, pos)) if tok.lower_ != lemma else None)
        if not entries:
            continue
        for entry in entries:
            if entry.particle and not any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == entry.particle
                                          for c in tok.children):
                continue
            if entry.object and not any(entry.object in _words(o.subtree) for o in _objects(tok)):
                continue
            if not _check(entry, tok, sent_words):
                continue
            out.append(Trigger(tok.i, entry))
            break
    return out
