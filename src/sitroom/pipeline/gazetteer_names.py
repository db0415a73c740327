"""How place names are written: normalised keys for lookup, and the words around names in text.

Shared by the gazetteer (keys, name forms such as "X province" or "northern X") and the places
stage (which capitalised words may be a place, and which nearby words say so: "X village",
"the town of X", "X, a town near Y"). Kept apart from both because it is pure vocabulary,
string handling and the distance formula, with no index and no parse state.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

_DROP = {ord(c): None for c in "'’‘`´ʹʻʼʽʾʿ"}
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "þ": "th",
                       "ß": "ss", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[\W_]+")
#: Arabic article in its English and French transliterations; dropped only in the
#: lower-priority key, so "al-Nayrab", "Nayrab" and "an-Nayrab" meet there.
ARTICLES = frozenset("al el an ar as ash at ath ad adh az ech esh ed en er es et ez ul ud".split())
ADMIN_WORDS = frozenset("province provinces governorate governorates oblast region state gov".split())
ADMIN_PREFIX = re.compile(r"^(?:the )?(?:province|governorate|oblast|region|state) of (.+)$")
PLACE_SUFFIX = frozenset("city town village".split())
#: "Saraqib countryside", "Afrin district", "Konye subdivision": the area around a place (or its province).
AREA_WORDS = frozenset("countryside district districts county regency municipality subdistrict upazila area outskirts "
                       "subdivision lga commune cercle territory division department prefecture woreda zone sector "
                       "chiefdom ward township tehsil taluk taluka locality barangay suburb neighbourhood "
                       "neighborhood".split())
#: Direction words of admin names in English, French, Spanish and Portuguese, to one spelling each.
_GENERIC = {"north": "north", "nord": "north", "northern": "north", "norte": "north", "south": "south",
            "sud": "south", "southern": "south", "sur": "south", "sul": "south", "east": "east", "est": "east",
            "eastern": "east", "este": "east", "leste": "east", "west": "west", "ouest": "west", "western": "west",
            "oeste": "west", "central": "centre", "centre": "centre", "center": "centre", "centro": "centre",
            "far": "far", "extreme": "far", "upper": "upper", "haut": "upper", "haute": "upper", "lower": "lower",
            "bas": "lower", "basse": "lower", "middle": "middle", "moyen": "middle", "northeast": "north east",
            "northwest": "north west", "southeast": "south east", "southwest": "south west", "nordeste": "north east",
            "noroeste": "north west", "sudeste": "south east", "sudoeste": "south west", "suroeste": "south west"}
_GENERIC_SKIP = frozenset("province provinces governorate region regions state oblast district division department "
                          "departement prefecture the of de la du".split())
DIRECTION_FORM = re.compile(
    r"^(?:(?:north|south)(?: ?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|rural) (.+)$")


def normalize(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key; apostrophes vanish, other marks become spaces."""
    if name.isascii():  # most names: no accents to strip (and a cold index build normalises a million)
        s = name.translate(_DROP).lower()
    else:
        s = unicodedata.normalize("NFKD", name.translate(_DROP))
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().translate(_FOLD)
    return " ".join(_NON_WORD.sub(" ", s).split())


def strip_articles(key: str) -> str:
    """The lower-priority key: a normalised name without Arabic articles (unchanged if nothing would remain)."""
    words = [w for w in key.split() if w not in ARTICLES]
    return " ".join(words) if words else key


def skeleton(key: str) -> str:
    """A transliteration-blind form for fuzzy matching: q/k, e/i, o/u, y/i, doubled letters, final h."""
    s = strip_articles(key).replace(" ", "")
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ck", "k"), ("q", "k"), ("y", "i"), ("e", "i"), ("o", "u")):
        s = s.replace(a, b)
    return re.sub(r"h$", "", re.sub(r"(.)\1+", r"\1", s))


def generic_key(name: str) -> str | None:
    """"Sud-Ouest", "South-West Province" and "Southwest" → "south west"; None when the name has a
    word of its own ("North Kivu"). Such names are regions only where the text marks a region."""
    words = [w for w in normalize(name).split() if w not in _GENERIC_SKIP]
    if not words or any(w not in _GENERIC for w in words):
        return None
    return " ".join(_GENERIC[w] for w in words)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# -- words around names in text (the places stage) ----------------------------------------------
CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
    "thur thurs fri sat sun today yesterday tomorrow".split())
PREPOSITIONS = frozenset(
    "in near at from around outside towards toward into across between to through inside of via outskirts "
    "nearby beyond".split())
#: Words that make the capitalised name before them (or after "... of") a settlement or district.
SETTLEMENT_NOUNS = frozenset("village villages town towns city district districts subdivision lga commune communes "
                             "cercle county locality neighbourhood neighborhood suburb municipality chiefdom "
                             "chieftaincy woreda kebele barangay township tehsil hamlet settlement groupement "
                             "chefferie".split())
#: Weaker ones: a place only after a locative preposition ("in Kibati area", not "the Health Department").
AREA_NOUNS = frozenset("area division department sector zone ward quarter territory camp region".split())
#: Natural and built features: the capitalised name they end ("Deir Ezzor Military Airport", "Ramses
#: Square") or follow ("the Wadi Barada valley") is a location, around the place its first words name.
FEATURE_NOUNS = frozenset("airport airbase square valley mountains mountain hills plain plateau oasis island islands "
                          "checkpoint crossing camp".split())
PREFIX_NOUNS = frozenset("barangay brgy sitio purok kampung".split())
#: Administrative units that contain the settlement named just before them.
UNIT_NOUNS = frozenset("district subdivision lga commune cercle county municipality chiefdom chieftaincy woreda "
                       "territory division department sector township tehsil upazila groupement".split())
PLACE_NOUNS = SETTLEMENT_NOUNS | frozenset("province governorate area region countryside outskirts suburbs "
                                           "camp capital".split())  # "the capital Grozny"
SUFFIXES = {"province": "province", "provinces": "province", "governorate": "governorate",
            "governorates": "governorate", "oblast": "oblast", "region": "region", "state": "state",
            "countryside": "countryside", "city": "city", "district": "district", "county": "county",
            "regency": "regency", "municipality": "municipality", "outskirts": "outskirts"}
DIRECTIONS = frozenset("north south east west northern southern eastern western northwest northeast southwest "
                       "southeast northwestern northeastern southwestern southeastern central rural".split())
#: A unit named only by a direction ("East", "Centre", "Sud"): a region in many countries.
REGIONS = DIRECTIONS | {"centre", "center", "nord", "sud", "est", "ouest", "centro"}
TITLES = frozenset("president minister mr mrs ms dr gen general col colonel lt maj major capt captain king prince "
                   "emir sultan spokesman spokeswoman commander leader envoy ambassador secretary senator judge "
                   "pope imam ayatollah".split())
COORDINATORS = frozenset({"and", "or", ",", "&"})
#: Lower-case words inside names: "Davao del Sur", "Rio de Janeiro", "Bandar-e Abbas".
PARTICLES = frozenset("de del della di da do dos das du des la le van von y e".split())
#: Prepositions after which an unknown capitalised name is a location ("in Biakato").
LOCATIVE = frozenset("in near around outside at into inside".split())
#: Words between a village and the place that locates it: "X, a town near Y", "X district of Y province".
LINKS = frozenset("near of in outside north south east west northeast northwest southeast southwest close "
                  "outskirts off".split())


# -- tokens (spaCy) ------------------------------------------------------------------------------
def is_word(tok: Any) -> bool:
    return tok.text[:1].isalpha()


def is_cap(tok: Any) -> bool:
    """Capitalised and not a month or weekday."""
    return tok.text[:1].isupper() and tok.lower_ not in CALENDAR


def glue(doc: Any, j: int) -> bool:
    """A hyphen or apostrophe inside a word ("al-Atarib", "Ma'arrat", "Sud-Ouest")."""
    t = doc[j]
    return t.text in ("-", "'", "’", "/") and not t.whitespace_ and j > 0 and not doc[j - 1].whitespace_


def run_ends(doc: Any, i: int, hi: int) -> list[int]:
    """Ends of the capitalised run of up to 5 words starting at token i (one per capitalised word)."""
    ends, words, j = [], 0, i
    while j < hi and words < 5:
        t = doc[j]
        if glue(doc, j) and j > i and j + 1 < hi:  # "al-Atarib", "Ma'arrat": one word to the reader
            j += 1
            continue
        if not is_word(t) or not (is_cap(t) or t.lower_ in ARTICLES or (t.lower_ in PARTICLES and j > i))\
                or t.lower_ in TITLES:
            break
        words += 1
        j += 1
        if is_cap(t):
            ends.append(j)
    return ends


def starts_run(tok: Any) -> bool:
    """Whether a capitalised run may start here: not a stop word (bar an article), not a title."""
    return is_cap(tok) and is_word(tok) and not (tok.is_stop and tok.lower_ not in ARTICLES) \
        and tok.lower_ not in TITLES


def cued(doc: Any, s: int, e: int) -> bool:
    """Whether the words around tokens [s, e) make them a settlement's name."""
    if doc[s].lower_ in PREFIX_NOUNS and e - s > 1:
        return True  # "Barangay Maitemag"
    nxt = [t.lower_ for t in doc[e:e + 4]] + ["", ""]
    before = [t.lower_ for t in doc[max(0, s - 3):s]]
    if nxt[0] in SETTLEMENT_NOUNS or nxt[0] in FEATURE_NOUNS or (
            nxt[0] in AREA_NOUNS and set(before) & LOCATIVE):
        return True
    if e - s > 1 and doc[e - 1].lower_ in SETTLEMENT_NOUNS and is_cap(doc[s]):
        return True  # the entity already holds its noun: "Npot village"
    if nxt[0] == "," and nxt[1] in ("a", "the") and (nxt[2] in SETTLEMENT_NOUNS or nxt[3] in SETTLEMENT_NOUNS):
        return True  # "Abu Saida, a town near Baquba", "X, a small village in Y"
    k = s - 1
    while k >= 1 and (doc[k].text == "," or doc[k].lower_ in ("and", "or")):  # "villages of A, B and C"
        k -= 1
        while k >= 1 and (is_cap(doc[k]) or glue(doc, k)):
            k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in SETTLEMENT_NOUNS


# Lower-case words inside a unit's name ("Mato Grosso do Sul", "Naucalpan de Juarez")
NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "ech", "ed", "es", "de", "del",
                            "la", "las", "los", "du", "des", "da", "das", "do", "dos"})
# A coder's words before the unit they coded: "(location coded to Arboye, Arsi, Oromia)", "(coded as Wau)"
CODED_PREFIX = re.compile(r"^(?:(?:the )?locations? )?(?:was |were |is )?(?:likely )?coded (?:to|as|in|at) ")


def coded_prefix_tokens(doc: Any, i: int) -> int:
    """How many tokens after index i spell a coder's "location coded to" (0 if none)."""
    words = []
    for k in range(i + 1, min(len(doc), i + 7)):
        words.append(doc[k].lower_)
        if CODED_PREFIX.fullmatch(" ".join(words) + " "):
            return k - i
    return 0


def _inner_word(doc: Any, j: int) -> bool:
    """A number ("Kumba 1"), or a particle before a capitalised word ("Mato Grosso do Sul"), inside a name."""
    if doc[j].like_num:
        return True
    return doc[j].lower_ in ARTICLES | NAME_PARTICLES and j + 1 < len(doc) and (is_cap(doc[j + 1]) or glue(doc, j + 1))


def bracket_parts(doc: Any, i: int) -> tuple[list[list[int]], int]:
    """The comma-separated capitalised names in the brackets opening at token i ("(Konye, Meme,
    Sud-Ouest)", "(Kumba 1, Meme)", "(location coded to Arboye, Arsi, Oromia)"), as token-index
    lists, and the closing bracket's index; no parts when the brackets hold anything else ("(also
    called Sagala)")."""
    parts, cur = [], []
    j = i + 1 + coded_prefix_tokens(doc, i)
    while j < len(doc) and j - i < 20 and doc[j].text not in (")", "(", "]", "["):
        if doc[j].text == ",":
            parts.append(cur)
            cur = []
        elif is_cap(doc[j]) or glue(doc, j) or (cur and _inner_word(doc, j)):
            cur.append(j)
        else:
            break
        j += 1
    parts.append(cur)
    return (parts, j) if j < len(doc) and doc[j].text == ")" and all(parts) else ([], j)


# Verbs whose object is the place itself: "patrolled Harare", "shelled Sidon" (spaCy may tag it ORG).
PLACE_OBJECT_VERBS = frozenset({"patrol", "capture", "seize", "shell", "bomb", "raid", "storm", "enter", "besiege",
                                "occupy", "liberate", "recapture", "retake", "overrun", "encircle", "invade",
                                "evacuate", "throng", "reach", "attack", "target"})
def place_verb_object(tok: Any) -> bool:
    """Whether a token is the object of a verb whose object is a place ("shelled Aleppo")."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in PLACE_OBJECT_VERBS


# Facilities named after their city: "Karachi Central Jail", "Baghdad University", "Aleppo Airport".
FACILITY_NOUNS = frozenset({"jail", "prison", "hospital", "university", "airport", "stadium", "mosque", "church",
                            "market", "school", "college", "port", "station", "bazaar", "refinery", "barracks"})
