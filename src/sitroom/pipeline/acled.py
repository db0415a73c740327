"""PLOVER → ACLED: the event type and sub-type ACLED would give an event, where it has one.

ACLED codes political violence, demonstrations and a few strategic developments; it has
no category for threats, accusations or talks, so those map to None rather than to a
forced guess. Violence is split by how it was done (air strike, shelling, explosives,
grenade, chemical agent), in what setting (a protest, a mob) and against whom:
ACLED's "Armed clash" needs two armed, organised sides; an armed actor against
civilians, or against a target with no armed defender (a bus, a market, a plane), is
"Attack" on civilians.
"""
from __future__ import annotations

import re

from sitroom.pipeline.acled_words import has_words

ARMED = {"MIL", "REB", "COP", "UAF"}
STATE = {"MIL", "GOV", "COP"}
NON_ARMED = {"CVL", "REF", "MED", "NGO", "OPP", "BUS", "LEG", "JUD"}

BATTLE = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# Targets that have no armed defender: an attack on them is violence against civilians.
CIVILIAN_TARGETS = {"bus", "buses", "market", "village", "villages", "home", "homes", "house", "houses", "mosque",
                    "church", "school", "hospital", "residents", "farmers", "worshippers", "passengers", "plane",
                    "motorists", "traders", "shop", "shops", "camp", "civilian", "civilians", "students", "pupils",
                    "women", "children", "villagers", "herders", "fishermen", "travellers", "travelers", "family",
                    "wedding", "funeral", "vehicle", "car", "truck", "shepherds", "hunters", "miners",
                    "merchants", "vendors", "pedestrians", "commuters"}

# Victims named only as people: killed by an armed side, with no side of their own named, they are civilians.
UNNAMED_VICTIMS = {"person", "persons", "people", "individual", "individuals", "man", "men", "woman", "women"}

# Who a crowd is: when only such civilians act, the violence is a mob's, not an armed group's.
CROWD_WORDS = {"locals", "residents", "villagers", "youths", "crowd", "inhabitants", "mob", "prisoners", "inmates",
               "vigilantes", "relatives", "supporters", "fans", "neighbours", "neighbors", "community", "settlers"}

# A party's followers who fight ("members of the X League clashed with Y supporters", "ABC activists
# beat a student") riot in ACLED's codebook, whatever the weapon: they are not an organised armed group.
_FOLLOWERS = r"(?i:supporters|activists|workers|cadres|loyalists|members|followers)"
_PARTY_NAME = r"(?:[A-Z]{2,6}|(?:[A-Z][\w'-]+\s+){0,3}(?:Party|League|Congress|Dal|Shibir))"
_A_PARTY = r"(?i:(?:the\s+)?(?:ruling|opposition|governing|political)\s+part(?:y|ies))"
PARTY_FOLLOWERS = re.compile(rf"\b{_FOLLOWERS}\s+of\s+(?:{_A_PARTY}|(?:the\s+)?{_PARTY_NAME})\b"
                             rf"|\b(?:{_PARTY_NAME}|{_A_PARTY}|(?i:party))\s+(?:\w+\s+)?{_FOLLOWERS}\b")


def party_followers_act(text: str, attackers: list[str], subject: tuple[int, int] | None = None) -> bool:
    """Whether one of the event's attackers is named as a party's followers in `text` ("members of the
    ABC" acting, not "members of the ABC were injured" as its victims): the attacker's words lie inside
    the followers' phrase. With no attacker found, followers named inside the character span `subject`
    of an active trigger verb's subject ("hundreds of ABC members of one faction attacked ...") are its
    attackers."""
    found = list(PARTY_FOLLOWERS.finditer(text))
    if not attackers and subject is not None:
        return any(subject[0] <= m.start() and m.end() <= subject[1] for m in found)
    return any(a and a in m.group(0) for a in attackers for m in found)


DURING_RALLY = re.compile(r"\bduring\s+(?:(?:their|its|the|a|an|\w+'s)\s+)?(?:\w+\s+){0,2}"
                          r"(?:demonstrations?|protests?|rall(?:y|ies)|processions?|march(?:es)?|hartal|blockade)\b",
                          re.IGNORECASE)


def acled_type(event: str, mode: str | None, actor_sectors: set[str], recipient_sectors: set[str],
               text: str, territory: bool = False, casualties: bool = False,
               battle: bool = False, context: str | None = None,
               party: bool = False) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) for a coded event, from its PLOVER type, mode, parties and words.
    `context`, the paragraph around the event's sentence: how a protest went is often told after it
    ("They held a demonstration ... They threw rocks at the police"). `party`: the attackers are a
    party's followers (`party_followers_act`)."""
    words = set(text.lower().replace(",", " ").replace(".", " ").split())
    if event == "ASSAULT":
        if party and not actor_sectors & ARMED:
            # their own rally turned violent ("during their rally", or a protest of theirs told in another
            # sentence of the paragraph), else a mob of them: attacking another party's rally is a mob's
            own_rally = DURING_RALLY.search(text) or (
                context is not None and has_words(context, "protest") and not has_words(text, "protest", "shutdown"))
            return RIOTS, "Violent demonstration" if own_rally else "Mob violence"
        return _violence(mode, actor_sectors, recipient_sectors, text, words, territory, casualties, battle,
                         context or text)
    if event == "PROTEST":
        told = context or text
        if mode == "riot" or has_words(told, "riot", "unruly"):
            return RIOTS, "Violent demonstration"
        if has_words(told, "force"):
            return PROTESTS, "Excessive force against protesters" if has_words(text, "lethal") \
                else "Protest with intervention"
        return PROTESTS, "Peaceful protest"
    if event == "AGREE":
        return STRATEGIC, "Agreement"
    if event == "COERCE":
        if mode == "arrest":
            return (PROTESTS, "Protest with intervention") if has_words(text, "protest") else (STRATEGIC, "Arrests")
        if mode == "abduct":
            return VAC, "Abduction/forced disappearance"
        if has_words(text, "disrupted"):
            return STRATEGIC, "Disrupted weapons use"
    if event == "CONCEDE" and words & {"surrender", "surrendered", "surrenders", "surrendering"}:
        return STRATEGIC, "Agreement"  # ACLED's Agreement includes surrenders
    if event == "MOBILIZE":
        if has_words(text, "base"):
            return STRATEGIC, "Headquarters or base established"
        return STRATEGIC, "Change to group/activity"
    if event == "RETREAT" and (has_words(text, "transfer") or words & {"handed", "handover", "transferred"}):
        return STRATEGIC, "Non-violent transfer of territory"
    return None, None


def _violence(mode: str | None, actors: set[str], recipients: set[str], text: str, words: set[str],
              territory: bool, casualties: bool, battle: bool, context: str) -> tuple[str, str]:
    if mode == "heavy-weapons" and RIOT_CONTROL.search(text) and not has_words(text, "heavy_weapons"):
        mode = None  # "fired rubber bullets and tear gas shells": crowd control, not artillery
    if has_words(text, "chemical"):
        return REMOTE, "Chemical weapon"
    if has_words(text, "suicide"):
        return REMOTE, "Suicide bomb"
    if mode == "aerial" or has_words(text, "air"):
        return REMOTE, "Air/drone strike"
    if has_words(text, "rioters") or (has_words(text, "riot") and not actors & ARMED):
        # rioters, or unarmed people throwing stones or fighting the police: a riot whatever the weapon;
        # a demonstration's if the paragraph tells of one (a blockade, a shutdown), else a mob's
        return RIOTS, "Violent demonstration" if has_words(context, "protest", "shutdown") else "Mob violence"
    if has_words(text, "grenade"):
        return REMOTE, "Grenade"
    # heavy weapons the words name: "fired indiscriminately" or "fired warning shots" is no shelling
    if mode == "heavy-weapons" and has_words(text, "heavy_weapons") \
            and not words & {"helicopter", "aircraft", "plane", "drone", "down"} or has_words(text, "shelling"):
        return REMOTE, "Shelling/artillery/missile attack"
    if mode == "explosives" or has_words(text, "explosive"):
        return REMOTE, "Remote explosive/landmine/IED"
    if not casualties and has_words(text, "disrupted"):
        return STRATEGIC, "Disrupted weapons use"
    if mode == "sexual" or has_words(text, "sexual"):
        return VAC, "Sexual violence"
    if mode == "abduct" or has_words(text, "abduct"):
        return VAC, "Abduction/forced disappearance"
    if has_words(text, "protest"):
        if actors & STATE or has_words(text, "force"):
            return PROTESTS, "Excessive force against protesters" if casualties or has_words(text, "lethal") \
                else "Protest with intervention"
        return RIOTS, "Violent demonstration"
    if has_words(text, "mob") or (actors and actors <= {"CVL", "OPP"} and words & CROWD_WORDS):
        # ACLED: violence by an unorganised crowd ("locals beat a suspected thief") is mob violence
        return RIOTS, "Mob violence"
    if mode == "beat" and actors & ARMED:
        return VAC, "Attack"  # beating or torturing someone held is one-sided, even a "suspected fighter"
    if not casualties and has_words(text, "property"):
        return STRATEGIC, "Looting/property destruction"
    if territory:
        if actors & {"REB", "UAF"} and not actors & STATE:
            return BATTLE, "Non-state actor overtakes territory"
        return BATTLE, "Government regains territory"
    if recipients & ARMED and OFF_DUTY.search(text) and not ON_DUTY_TARGETS.search(text):
        return VAC, "Attack"  # an off-duty, retired or former officer is attacked as a civilian
    if recipients & ARMED or (battle and len(actors | recipients) > 0) or (actors & ARMED and "clash" in text):
        return BATTLE, "Armed clash"
    if recipients and recipients <= NON_ARMED:
        return VAC, "Attack"
    if not recipients and (words & CIVILIAN_TARGETS):
        return VAC, "Attack"
    if not recipients and casualties and actors and actors <= ARMED and words & UNNAMED_VICTIMS:
        return VAC, "Attack"  # "Wagner mercenaries killed three persons": victims no side is named for
    return BATTLE, "Armed clash"


# ACLED event types a PLOVER family may take; the learned prior may choose only among these.
COMPATIBLE = {
    "ASSAULT": {BATTLE, REMOTE, VAC, RIOTS, STRATEGIC},
    "PROTEST": {PROTESTS, RIOTS},
    "COERCE": {STRATEGIC, VAC},
    "AGREE": {STRATEGIC},
    "CONCEDE": {STRATEGIC},
    "MOBILIZE": {STRATEGIC},
    "RETREAT": {STRATEGIC, BATTLE},
}
# Sub-types the rules set from explicit words (an air strike, a grenade, a protest): these stand.
CUED = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
        "Chemical weapon", "Suicide bomb", "Sexual violence", "Abduction/forced disappearance",
        "Government regains territory", "Non-state actor overtakes territory", "Agreement", "Arrests",
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Mob violence"}
OFF_DUTY = re.compile(r"\boff[- ]duty\b|\b(?:retired|former)\s+(?:[\w-]+\s+){0,2}?(?:police\w*|officers?|soldiers?|"
                      r"sergeants?|gendarmes?|agents?|guards?|servicem[ae]n|colonels?|captains?|lieutenants?|"
                      r"commanders?|army|military)\b", re.IGNORECASE)
ON_DUTY_TARGETS = re.compile(r"checkpoint|patrol|\bposts?\b|\bbases?\b|station|convoy|barracks|positions?\b",
                             re.IGNORECASE)
RIOT_CONTROL = re.compile(r"tear ?gas|rubber bullets?|sound grenades?|stun grenades?|water cannons?|pellets?",
                          re.IGNORECASE)
# Of those, the ones that say how violence was done: a toll told after it is that attack's.
# (Not air strikes: the toll of an "air-ground operation" is often the ground troops' killing.)
CUED_MEANS = {"Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Chemical weapon",
              "Suicide bomb"}
MODEL_CONFIDENCE = 0.6
# Above this the model's reading overrides even the rules' word cues: measured on ACLED notes of
# countries and years it was not trained on, it is right more often than the cues there.
OVERRIDE_CONFIDENCE = 0.7


def with_learned_prior(event: str, rule: tuple[str | None, str | None], text: str, cued: bool = False,
                       context: str | None = None, settled: bool = False) -> tuple[str | None, str | None]:
    """The rules' ACLED type, or the learned model's where it is confident.

    The model was trained on coders' notes and reads the event's paragraph (`context`, else
    `text`): a sentence that only counts the dead says nothing of how they died, the sentence
    before it does. It may only pick a type its PLOVER family allows; it overrides a fallback
    default when `MODEL_CONFIDENCE` sure, and a sub-type the words named explicitly or one the
    parties decided (`cued`: civilians as the named victims, armed sides on both) only when
    `OVERRIDE_CONFIDENCE` sure. A type the parties settle (`settled`: a party's followers riot) stands.
    """
    from sitroom.pipeline.acled_model import load_model

    allowed = COMPATIBLE.get(event)
    model = load_model()
    if not allowed or model is None or (rule[1] == "Mob violence" and has_words(text, "mob", "rioters")) \
            or settled:
        return rule  # a mob or rioters named as such, or a type the parties settle
    event_type, sub_type, p = model.predict(context or text)
    if event_type not in allowed:
        return rule
    needed = OVERRIDE_CONFIDENCE if cued or rule[1] in CUED else MODEL_CONFIDENCE
    return (event_type, sub_type) if p >= needed else rule
