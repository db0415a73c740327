"""Arguments of an event trigger: who acted, on whom, where and when.

Roles come from the dependency parse, not from word order, which is what keeps GDELT's
classic error away: an actor or place is taken from the trigger's own clause, not from
anywhere in the sentence. Passives swap roles ("were killed by X"), participles and
relative clauses take their noun ("soldiers who were killed"), light verbs lend their
subject to an event noun ("carried out air strikes", "held talks").
"""
from __future__ import annotations

from typing import Any

from sitroom.pipeline.actors import _state_name, actor_at, actor_dictionary
from sitroom.pipeline.base import DocState, Mention
from sitroom.pipeline.gazetteer_names import PLACE_NOUNS
from sitroom.pipeline.places_named import NAMED_SETTLEMENT_NOUNS, is_settlement_name
from sitroom.records import PLACE_FINENESS, Actor

LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "hold", "start", "begin", "mount", "make", "have", "open",
               "organize", "organise", "join", "lead", "call", "renew", "hold",
               "continue", "resume", "step", "announce", "order", "prepare", "complete", "plan", "intensify",
               "speed", "accelerate", "finish", "undertake", "initiate", "expand", "escalate", "pursue", "reach",
               "achieve"}
ISSUE_VERBS = {"issue", "release", "publish", "send", "deliver", "sign", "adopt", "pass"}  # a text's author
PATIENT_PREPS = {"against", "on", "at", "upon", "into", "with", "to"}
PLACE_PREPS = {"in", "between", "near", "at", "around", "outside", "toward", "towards", "into", "on", "across", "inside",
               "from", "of", "along", "south", "north", "east", "west", "over", "through", "within", "off",
               "throughout"}
MARCH_VERBS = {"march", "walk", "parade", "converge", "flock", "stream", "advance"}  # "marched to X": X is the site
NEAR_PREPS = {"near", "around", "outside", "toward", "towards", "south", "north", "east", "west"}


# Nouns that count events ("a wave of raids", "a series of attacks"): neither a party nor a target
QUANTITY_NOUNS = {"series", "wave", "spate", "string", "barrage", "round", "volley", "salvo", "flurry", "succession",
                  "number", "couple", "dozen", "handful", "set"}
TIME_WORDS = {"day", "night", "week", "month", "year", "morning", "evening", "afternoon", "hour", "time"}
MILITARY_EVENT_NOUNS = {"strike", "airstrike", "attack", "offensive", "bombardment", "shelling", "raid", "assault",
                        "operation", "invasion", "bombing", "deployment", "reinforcement", "convoy", "incursion"}


def state_of_demonym(word: str) -> str | None:
    """ISO3 for a nationality adjective ("Russian" → RUS), from the actor dictionary."""
    return actor_dictionary().demonyms.get(word)


def expand_conj(tok: Any) -> list[Any]:
    """A token and the tokens conjoined to it ("Turkey and Russia")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(expand_conj(c))
    return out


def actors_for(state: DocState, heads: list[Any]) -> list[Actor]:
    """Resolved actors for argument head tokens (and their conjuncts), in order, without repeats."""
    out: list[Actor] = []
    for head in heads:
        for tok in expand_conj(head):
            found = _actors_at(state, tok)
            for actor in found:
                if actor not in out:
                    out.append(actor)
    return out


def _actors_at(state: DocState, tok: Any) -> list[Actor]:
    hits = [m for m in state.actors or () if m.token_start <= tok.i < m.token_end]
    if not hits:
        # "a Russian delegation", "Turkish-backed rebels": the actor may be a modifier's head
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod") and child.pos_ in ("PROPN", "NOUN"):
                m = actor_at(state, child.i)
                if m is not None:
                    hits.append(m)
        if not hits:
            # "a column of Turkish reinforcements": look through "of"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            hits.extend(m for m in state.actors or () if m.token_start <= obj.i < m.token_end)
    if not hits:
        demonym = state_of_demonym(tok.text)
        if demonym and tok.dep_ in ("amod", "compound", "npadvmod", "nmod", "conj"):
            sector = "MIL" if tok.head.lemma_.lower() in MILITARY_EVENT_NOUNS else "GOV"
            return [Actor(_state_name(demonym, sector), demonym, sector, tok.text)] + [
                a for c in tok.children if c.dep_ == "conj" for a in _actors_at(state, c)]
        return []
    width = max(m.token_end - m.token_start for m in hits)
    return [m.value for m in hits if m.token_end - m.token_start == width]


def _children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(tok: Any, preps: set[str]) -> list[Any]:
    out = []
    for p in _children(tok, "prep", "agent"):
        if p.lower_ in preps:
            out.extend(_children(p, "pobj"))
    return out


def clause_subject(verb: Any) -> list[Any]:
    """Subject of a verb, borrowed through conj / xcomp / advcl chains when it has none of its own."""
    seen = 0
    tok = verb
    while seen < 4:
        subj = _children(tok, "nsubj")
        if subj and subj[0].lower_ in ("it", "they", "we", "he", "she") and tok.dep_ == "ccomp":
            # "Hungary said it will support ...", "Bouteflika said he is prepared to ...": the speaker
            speaker = _children(tok.head, "nsubj")
            if speaker and speaker[0].pos_ in ("PROPN", "NOUN"):
                return speaker
        if subj:
            return subj
        purpose = tok.dep_ == "advcl" and [a.lower_ for a in _children(tok, "aux")][:1] == ["to"]
        if (tok.dep_ in ("conj", "xcomp", "acomp") or purpose) \
                and tok.head is not tok:  # "is willing to withdraw", "opened the bridge to allow aid in"
            tok = tok.head
            seen += 1
            continue
        break
    return []


def roles(state: DocState, trig: Any, battle: bool = False, own_object: bool = False, symmetric: bool = False,
          targets: bool = False) -> tuple[list[Actor], list[Actor]]:
    """(actors, recipients) of a trigger token.

    `battle`, `symmetric`: "X and Y clashed / talked": the first party acts, the others receive.
    `own_object`: the object is the actor's own (troops sent, forces deployed), not a recipient.
    """
    agents: list[Any] = []
    patients: list[Any] = []
    if trig.pos_ in ("VERB", "AUX"):
        reduced = trig.tag_ == "VBN" and not _children(trig, "aux", "auxpass")  # "13 troops killed"
        passive = bool(_children(trig, "nsubjpass", "auxpass")) or (reduced and not _children(trig, "dobj"))
        if passive:
            patients += _children(trig, "nsubjpass") + (_children(trig, "nsubj") if reduced else [])
            for agent in _children(trig, "agent"):
                agents += _children(agent, "pobj")
        else:
            agents += clause_subject(trig)
            if not own_object:
                patients += _children(trig, "dobj", "obj")
            elif not agents:
                agents += _children(trig, "dobj", "obj")
            patients += [t for t in _children(trig, "dative")]
        patients += _pobjs(trig, PATIENT_PREPS)
        if trig.dep_ in ("relcl", "acl") and not (agents if not passive else patients):
            if passive or trig.tag_ == "VBN":
                patients.insert(0, trig.head)
            elif not actors_for(state, [trig.head]) and trig.head.dep_ in ("dobj", "obj") \
                    and trig.head.head.lemma_.lower() in LIGHT_VERBS | ISSUE_VERBS:
                agents += clause_subject(trig.head.head)  # "the PKK issued a declaration demanding ..."
            else:
                agents.insert(0, trig.head)
        # "Erdogan threatened ... to force the Syrian armed forces to withdraw"
        for x in _children(trig, "xcomp", "ccomp") if not own_object else ():
            patients += _children(x, "dobj", "nsubj")
    else:  # a noun trigger
        agents += _children(trig, "poss")
        agents += [c for c in trig.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")]
        for p in _children(trig, "prep"):
            objs = _children(p, "pobj")
            if p.lower_ == "by":
                agents += objs
            elif p.lower_ == "between":
                both = [t for o in objs for t in expand_conj(o)]
                agents += both[:1]
                patients += both[1:]
            elif p.lower_ in ("against", "on", "with", "at"):
                patients += objs
            elif p.lower_ == "from" and trig.lemma_.lower() in ("reprimand", "warning", "threat"):
                agents += objs
        lead = trig  # "carried out a wave of raids": the raids are carried out through their quantity noun
        if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.lemma_.lower() in QUANTITY_NOUNS:
            lead = trig.head.head
        head = trig.head
        if lead.dep_ in ("dobj", "obj", "nsubjpass", "attr") and lead.head.pos_ == "VERB" \
                and lead.head.lemma_.lower() in LIGHT_VERBS and not actors_for(state, agents):
            agents = clause_subject(lead.head)
        if trig.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for" and head.head.pos_ == "VERB" \
                and not actors_for(state, agents):
            agents = clause_subject(head.head)  # "negotiators return to Geneva for talks"
        if trig.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in" \
                and head.head.lemma_.lower() in ("engage", "involve", "embroil", "locked") \
                and not actors_for(state, agents):
            # "the two armies have been engaged in clashes"
            agents = clause_subject(head.head) or _children(head.head, "nsubjpass")
    actors = actors_for(state, agents)
    recipients = [a for a in actors_for(state, patients) if a not in actors or battle]
    if (battle or symmetric) and len(actors) > 1 and not recipients:
        actors, recipients = actors[:1], actors[1:]
    if targets and not recipients:
        recipients = _targets(state, patients)
    return actors, recipients


def _targets(state: DocState, heads: list[Any]) -> list[Actor]:
    """What an attack hit when it is not an actor ("a bakery", "an army checkpoint"): kept as a
    recipient with no country or sector, so the evidence says what was attacked."""
    out = []
    for head in heads:
        if head.pos_ != "NOUN" or head.like_num or head.lower_ in TIME_WORDS or head.lemma_.lower() in QUANTITY_NOUNS:
            continue  # "launched a series of attacks": the series is no target
        words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct",)]
        text = " ".join(t.text for t in words)
        if text and not any(m.token_start <= head.i < m.token_end for m in state.places or ()):
            out.append(Actor(name=text, country=None, sector=None, text=text))
    return out[:2]


# How much a place says: a settlement, a province, a place named but not located, a country.
PLACE_RANK = {"place": 0, "near": 0, "admin1": 1, "named": 1.5, "country": 2}
# Verbs whose object is the place fought over: that place is where the event happened.
TERRITORY_VERBS = {"capture", "seize", "recapture", "retake", "recover", "storm", "overrun", "enter", "liberate",
                   "besiege", "encircle", "occupy", "patrol", "shell", "bomb", "raid", "attack", "target", "hit",
                   "strike", "invade"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km",
              "kilometres", "kilometers", "miles", "mi"}


# Objects and subjects that are things or places, not parties: "a shop in the Nabi Yunis area",
# "patrolling the streets in Yendi" say where it happened, not who someone is.
LOCATION_OBJECTS = {"street", "road", "highway", "farm", "shop", "market", "house", "home", "building", "bus", "car",
                    "vehicle", "van", "school", "church", "mosque", "hospital", "position", "base", "checkpoint",
                    "camp", "office", "station", "village", "town", "area", "neighbourhood", "neighborhood",
                    "district", "bridge", "border", "post", "compound", "residence", "hotel", "restaurant", "bar"}
# Nouns a place name can head ("Ain Sefra area in Naama district"): the area is the place's
AREA_NOUNS = {"area", "village", "town", "district", "region", "outskirts", "neighbourhood", "neighborhood", "city",
              "camp", "suburb", "quarter"}
# Subjects that are the happening itself, not a party: "the bomb attacks in Basra killed 12 people" happened there.
ATTACK_SUBJECTS = {"attack", "bombing", "explosion", "blast", "shelling", "airstrike", "strike", "raid", "shooting",
                   "clash", "fighting", "battle", "violence", "bomb", "ambush", "assault", "gunfire", "fire"}


def _reference_point(head: Any) -> bool:
    """A place named only to locate another: "southeast of Algiers", "20 km north of Homs", "northwest of
    the capital, Katmandu"."""
    if head.dep_ == "appos":
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in DIRECTIONS


def _head_of(tok: Any) -> Any:
    while tok.dep_ in ("compound", "flat", "amod") and tok.head is not tok:
        tok = tok.head
    return tok


def _container(head: Any, place_heads: dict[int, Any]) -> Any | None:
    """The place of the sentence that this place is named as holding ("Tal Hamra in northern Aleppo",
    "Ain Sefra area in Naama district": the first of each), else None. `place_heads`: head token -> mention."""
    if head.dep_ != "pobj" or head.head.lower_ not in ("in", "of") or head.head.head.i == head.i:
        return None
    prep = head.head
    before = prep.doc[prep.i - 1] if prep.i > prep.sent.start else None
    if before is not None:  # "in the Zawiya Hills in southern Idlib", however the parser hung the second "in"
        if before.i in place_heads:
            return place_heads[before.i]
        if before.lower_ in AREA_NOUNS:  # "Ain Sefra area in Naama district"
            inner = next((c for c in before.children if c.i in place_heads), None)
            if inner is not None:
                return place_heads[inner.i]
    holder = prep.head
    if holder.i in place_heads:
        return place_heads[holder.i]
    inner = next((c for c in holder.children if c.dep_ == "compound" and c.i in place_heads), None)
    return place_heads[inner.i] if inner is not None else None


def _holds_settlement(m: Any, inner: Any | None) -> bool:
    """Whether a place ranks below the place it is named as holding: a province or a country always
    ("in the Zawiya Hills in southern Idlib"); a town only when what it holds is a settlement too ("the
    neighbourhood of X in Aleppo"), not a park, a street or a city hall ("at Freedom Park in Kavak")."""
    if inner is None:
        return False
    if m.value.precision in ("admin1", "country"):
        return True
    return m.value.precision == "place" and inner.value.precision in ("place", "near")



def _taken_place(head: Any) -> Any | None:
    """The territory verb a place is the object of ("captured X", "X was captured", "the villages
    of X" as the object), else None."""
    tok = head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("dobj", "nsubjpass") \
            and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "the villages of X": the object is "villages" ("Gomez of Nicaragua" is a man)
    if tok.dep_ == "appos" and tok.head.dep_ in ("dobj", "nsubjpass"):
        tok = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in TERRITORY_VERBS:
        return tok.head
    return None


# Adverbial clauses of another happening ("..., while Iraqi authorities questioned a leader captured
# west of Baghdad"); "killed when a bomb struck their van near Mandali" is the same happening.
OTHER_EVENT_MARKS = {"while", "whereas", "although", "though"}


def _other_clause(trig: Any, c: Any) -> bool:
    if c.pos_ not in ("VERB", "AUX"):
        return False
    if c.dep_ in ("relcl", "parataxis"):
        return True
    if c.dep_ == "conj":  # "attacked ... and captured": coordinated, not a misparsed "when" clause
        return any(k.dep_ == "cc" and k.i < c.i for k in trig.children)
    if c.dep_ == "advcl":  # with a subject of its own: "while targeting X" is the same strike
        return any(k.dep_ == "mark" and k.lower_ in OTHER_EVENT_MARKS for k in c.children) and any(
            k.dep_ in ("nsubj", "nsubjpass") for k in c.children)
    return False


def own_clause(trig: Any) -> set[int]:
    """The trigger's subtree without the clauses of other happenings under it: in "attacked positions
    in Lattakia and captured the village of Nakshaba", Nakshaba is where the capture was."""
    out = {t.i for t in trig.subtree}
    for c in trig.children:
        if _other_clause(trig, c):
            out -= {t.i for t in c.subtree}
    return out


def place_for(state: DocState, trig: Any, sent: Any) -> Mention | None:
    """The place a trigger happened at: a place under a locative preposition in its subtree first."""
    places = [m for m in state.places or () if sent.start <= m.token_start < sent.end]
    if not places:
        return None
    subtree = own_clause(trig)
    # "X, of the village of Y near Z, detonated a bomb in W": places describing a party
    # (inside the subject or object phrase) say where they come from, not where it happened
    parties = {t.i for c in trig.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent")
               and c.lemma_.lower() not in LOCATION_OBJECTS
               and not (c.dep_ == "nsubj" and c.lemma_.lower() in ATTACK_SUBJECTS) for t in c.subtree}
    scored = []
    place_heads = {_head_of(trig.doc[m.token_end - 1]).i: m for m in places}
    for m in places:
        tok = trig.doc[m.token_end - 1]
        head = _head_of(tok)
        if head is not tok and _owner(m, head):
            continue  # "near a U.S. patrol": whose the patrol is, not where
        taken = _taken_place(head)
        if taken is not None and taken.i in subtree:
            # "captured Bagram airport", "Baghdad was bombed", "to recover the villages of Tal Mustawi"
            # taken by the trigger, or by what it sets out to do ("advanced to capture X"); taken by a
            # side clause ("launched an offensive in X, targeting Y") only after the trigger's own places
            tier = -1 if taken.i == trig.i or taken.dep_ == "xcomp" else 0.5
            scored.append((tier, PLACE_RANK.get(m.value.precision, 3), tree_distance(trig, tok), m))
            continue
        if head.dep_ in ("nsubj", "nsubjpass") and m.value.precision != "admin1":
            continue  # "Ankara said ...": a metonym in subject position is an actor, not a place
        prep = head.head if head.dep_ == "pobj" else None
        if head.dep_ == "appos" and head.head.dep_ == "pobj":
            prep = head.head.head
        if prep is None and head.dep_ in ("compound", "poss") and head.head.dep_ == "pobj" \
                and not _owner(m, head.head):
            prep = head.head.head  # "in Baghdad's Adhamiyah district", not "the U.S.'s patrol" (whose it is)
        locative = prep is not None and (prep.lower_ in PLACE_PREPS or (
            prep.lower_ == "to" and prep.head.i == trig.i and trig.lemma_.lower() in MARCH_VERBS))
        inside = m.token_start in subtree
        if not locative:
            continue
        rank = PLACE_RANK.get(m.value.precision, 3)
        if m.value.precision in ("named", "admin1") and (is_settlement_name(trig.doc[m.token_start]) or (
                m.token_end - m.token_start > 1 and tok.lemma_.lower() in NAMED_SETTLEMENT_NOUNS)):
            rank = 0  # "the village of Gaga", "Amriya district": the text says it is a settlement
        if tok.dep_ == "poss":
            rank += 0.5  # "in Baghdad's Adhamiyah neighbourhood": the neighbourhood, if it is named
        distance = tree_distance(trig, tok)
        describes_party = m.token_start in parties
        if _reference_point(head):
            rank += 3  # "in Baraki, southeast of Algiers": Algiers only says where Baraki is
        elif _holds_settlement(m, _container(head, place_heads)):
            rank += 1.5  # "in the Zawiya Hills in southern Idlib": the hills, which the province holds
        tier = 0 if inside and not describes_party else 1 if not describes_party else 2
        if tier == 0 and _through_verb(trig, tok):
            tier = 0.5  # "launched an offensive in Deir Ezzor, targeting the Thardeh Mountains": the offensive's
        scored.append((tier, rank, distance, m))
    if not scored:
        return None
    # on a tie the place after the trigger wins: "In Kandahar, six were killed ... in Maiwand district"
    scored.sort(key=lambda s: (s[0], s[1], s[2], s[3].token_start < trig.i))
    return scored[0][3]


def _owner(m: Mention, noun: Any) -> bool:
    """Whether a country modifying a noun names whose the thing is ("a U.S. patrol"), not where
    ("the Syria countryside", "Iraq's capital")."""
    return m.value.precision == "country" and noun.lemma_.lower() not in PLACE_NOUNS


def _through_verb(trig: Any, tok: Any) -> bool:
    """Whether a place hangs on the trigger through another verb ("targeting X" under "launched"); not
    through what a passive trigger's victim was doing ("was shot while driving through Dobrinja")."""
    passive = any(c.dep_ == "nsubjpass" for c in trig.children)
    for anc in tok.ancestors:
        if anc.i == trig.i:
            return False
        if anc.pos_ == "VERB" and not (passive and anc.head.i == trig.i and anc.dep_ == "advcl"):
            return True
    return False


def is_near(trig_doc: Any, mention: Mention) -> bool:
    """Whether a place was given as "near X" (so the event is close to, not at, the point)."""
    tok = trig_doc[mention.token_end - 1]
    for anc in tok.ancestors:
        if anc.dep_ == "prep":
            return anc.lower_ in NEAR_PREPS
    return False


def tree_distance(a: Any, b: Any) -> int:
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ids_a = {t.i: n for n, t in enumerate(pa)}
    for n, t in enumerate(pb):
        if t.i in ids_a:
            return n + ids_a[t.i]
    return 99


def _finest(mentions: list[Any], last: bool = False) -> Any:
    rank = [(PLACE_FINENESS.get(m.value.precision, 5), -n if last else n) for n, m in enumerate(mentions)]
    return mentions[min(range(len(mentions)), key=lambda i: rank[i])]


def place_nearby(state: DocState, sent: Any) -> Any:
    """A place for an event whose own clause names none: the finest place named elsewhere in its
    sentence (not as a party: "Ankara said"), else the finest named in the last sentence before it
    in its paragraph that names one ("in Buufow village (Marka, Lower Shabelle)" gives the village,
    not the province named after it). Never from another paragraph, which is how unrelated places
    end up on events."""
    doc = state.doc
    def usable(m: Any) -> bool:
        head = doc[m.token_end - 1]
        return m.value.precision != "country" and head.dep_ not in ("nsubj", "nsubjpass")
    inside = [m for m in state.places or () if sent.start <= m.token_start < sent.end and usable(m)]
    if inside:
        return _finest(inside)
    countries = [m for m in state.places or () if sent.start <= m.token_start < sent.end
                 and doc[m.token_end - 1].dep_ not in ("nsubj", "nsubjpass")]
    if len({m.value.country for m in countries}) == 1:
        return countries[0]  # "Mexico's police chief was shot": the one country the sentence names
    para_start = state.article.text.rfind("\n\n", 0, sent.start_char)
    earlier = [m for m in state.places or () if para_start < m.start < sent.start_char and usable(m)]
    if not earlier:
        return None
    last_sent = doc[earlier[-1].token_start].sent.start
    return _finest([m for m in earlier if doc[m.token_start].sent.start == last_sent], last=True)
