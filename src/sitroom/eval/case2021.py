"""CASE 2021 task 2: label news snippets with an ACLED sub-event type or one of five extra classes.

The labels are ACLED's 25 sub-event types under short codes (ARMED_CLASH, AIR_STRIKE...)
plus DIPLO (diplomatic moves: talks, sanctions, expulsions, condemnations), ATTRIB
(claims or denials of responsibility), ORG_CRIME, NATURAL_DISASTER and MAN_MADE_DISASTER.

`classify_snippet` maps what sitroom coded for a snippet onto that label set. It reads
sitroom's most salient event first (its ACLED sub-type, else its PLOVER type, mode and
parties), then refines it with word groups *by meaning* for distinctions sitroom's ACLED
typing does not make yet (chemical weapons, grenades, disrupted weapons, bases set up,
looting, sexual violence, force against protesters). Keyword classes the pipeline has
no events for (crime, disasters, attribution) and texts with no event fall back to the
same word groups. `Prediction.how` records which path gave each label, so the score
can be split into what sitroom coded and what the fallback words guessed: rules that
prove their worth here belong in `pipeline/acled.py`, not in this file.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sitroom.eval.common import EvalResult, Options, classification_result, select
from sitroom.eval.runner import Item, Progress, analyse_items
from sitroom.eval.salience import has_count, main_event
from sitroom.pipeline import DocState
from sitroom.records import EventMention

SUB_TYPE_LABEL = {
    "Armed clash": "ARMED_CLASH", "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER", "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE", "Suicide bomb": "SUIC_BOMB", "Shelling/artillery/missile attack":
    "ART_MISS_ATTACK", "Grenade": "GRENADE", "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL", "Attack": "ATTACK", "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST", "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST", "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL", "Agreement": "AGREEMENT", "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT", "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED", "Non-violent transfer of territory":
    "NON_VIOL_TERRIT_TRANSFER", "Looting/property destruction": "PROPERTY_DISTRUCT", "Other": "OTHER",
}
EXTRA_LABELS = ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
LABELS = tuple(SUB_TYPE_LABEL.values()) + EXTRA_LABELS

# PLOVER events with no ACLED type: speech acts and diplomacy are DIPLO in CASE 2021
DIPLO_EVENTS = {"CONSULT", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "ACCUSE", "SANCTION", "AID", "COOPERATE",
                "CONCEDE"}
STATE_FORCES = {"MIL", "GOV", "COP"}


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


# Word groups by meaning. Stems end without \b so "flood" covers floods, flooding, flooded.
WORDS = {
    "attrib": _rx(r"(?:claim\w*|bear\w*|den\w+|accept\w*|took|take\w*|assum\w+) (?:\w+ )?responsibilit",
                  r"responsib\w+ for", r"(?:was|were) (?:behind|responsible)", r"denied (?:any )?involvement",
                  r"blam\w+ (?:\w+ ){0,4}for (?:the|an|a|this|that) (?:attack|bomb|blast|explosion|kill)"),
    "natural": _rx(r"earthquake", r"quake", r"flood", r"cyclone", r"hurricane", r"typhoon", r"tornado", r"tsunami",
                   r"landslide", r"mudslide", r"drought", r"torrential", r"heavy rain", r"monsoon", r"avalanche",
                   r"volcan", r"eruption", r"heat ?wave", r"wildfire", r"bushfire", r"forest fire", r"storm\b",
                   r"epidemic", r"pandemic", r"outbreak", r"covid", r"coronavirus", r"cholera", r"ebola",
                   r"infect", r"virus", r"locust"),
    "man_made": _rx(r"(?:plant|factory|refinery|mine|pipeline|tanker|warehouse|depot|boiler|cylinder|tank)\w* "
                    r"(?:\w+ ){0,3}(?:explo|blast|fire|blaze|collaps)", r"(?:explosion|blast|fire|blaze) "
                    r"(?:\w+ ){0,4}(?:plant|factory|refinery|mine|warehouse|market|depot|hospital)",
                    r"fire broke out", r"caught fire", r"blaze", r"gutted", r"collaps", r"crash", r"derail",
                    r"capsiz", r"sank", r"sunk", r"leak", r"spill", r"poison\w* (?:\w+ )?(?:food|alcohol|liquor)",
                    r"(?:food|alcohol|liquor) poison", r"after consuming", r"stampede", r"hazard", r"accident",
                    r"short circuit", r"gas explosion"),
    "crime": _rx(r"drug", r"narcotic", r"cocaine", r"heroin", r"cannabis", r"marijuana", r"methamphetamine",
                 r"\bmeth\b", r"cartel", r"traffick", r"smuggl", r"counterfeit", r"fake (?:currency|notes)",
                 r"gang\b", r"gangs", r"gangster", r"mafia", r"launder", r"poach", r"contraband", r"extortion",
                 r"organi[sz]ed crime", r"crime syndicate", r"criminal (?:network|group|ring)"),
    "conflict": _rx(r"militant", r"rebel", r"insurgent", r"terroris", r"jihadi", r"islamic state", r"\bisis\b",
                    r"\bisil\b", r"daesh", r"taliban", r"al[- ]shabaab?", r"boko haram", r"airstrike", r"air strike",
                    r"shell(?:ing|ed)", r"suicide", r"gunmen", r"armed group", r"militia", r"troops", r"army",
                    r"soldier", r"attack\w*", r"bomb", r"\bied\b", r"grenade", r"missile", r"rocket"),
    "chemical": _rx(r"chemical (?:weapon|attack|munition|agent)", r"chlorine", r"sarin", r"mustard gas",
                    r"toxic gas", r"poison(?:ous)? gas", r"nerve agent", r"gas attack", r"toxic (?:chemical|agent)"),
    "grenade": _rx(r"grenade"),
    "suicide": _rx(r"suicide (?:bomb|attack|car|vest|blast)", r"blew (?:himself|herself|themselves) up"),
    "disrupted": _rx(r"(?:seiz|recover|found|discover|confiscat|unearth|hand\w* over|surrender)\w* (?:\w+ ){0,6}"
                     r"(?:weapon|arms\b|ammunition|firearm|rifle|gun|explosive|cache|\bied|mines\b|munition|rounds)",
                     r"(?:weapon|arms|ammunition|explosive)s? (?:\w+ ){0,4}(?:seiz|recover|found|discover|confiscat)",
                     r"cache", r"defus", r"intercept", r"shot down", r"bomb disposal", r"foil", r"thwart",
                     r"dismantl\w+ (?:\w+ ){0,3}(?:bomb|explosive|device|\bied)"),
    "base": _rx(r"(?:set up|sets up|setting up|establish\w*|built|build\w*|open\w*|erect\w*) (?:\w+ ){0,5}"
                r"(?:base|headquarter|outpost|observation (?:point|post)|military post|checkpoint|post\b|camp\b)"),
    "property": _rx(r"loot", r"vandali[sz]", r"torch", r"set (?:\w+ ){0,4}(?:on fire|ablaze|alight)", r"arson",
                    r"ransack", r"burn\w* (?:down )?(?:\w+ ){0,3}(?:house|home|shop|car|vehicle|propert|office|"
                    r"building|church|mosque)", r"destroy\w* (?:\w+ ){0,3}propert", r"attacks? on propert"),
    "sexual": _rx(r"\brap(?:e|es|ed|ing|ist)\b", r"sexual", r"molest", r"sexually"),
    "mob": _rx(r"\bmob\b", r"lynch", r"vigilant", r"villagers clash", r"communal clash"),
    "protest": _rx(r"protest", r"demonstrat", r"rally", r"rallies", r"march\w*", r"sit-in", r"strike by"),
    "riot": _rx(r"riot(?!\s+police)", r"turned violent", r"clash\w* with (?:\w+ ){0,2}police", r"stone", r"pelt",
                r"threw (?:\w+ ){0,3}(?:stones|rocks|bricks|petrol|molotov|firecrackers)", r"molotov"),
    "force": _rx(r"tear ?gas", r"water cannon", r"rubber bullet", r"baton", r"dispers", r"opened fire",
                 r"live (?:fire|ammunition|rounds)", r"suppress", r"crack\w* down", r"detain", r"arrest"),
    "lethal": _rx(r"\bkill", r"\bdead\b", r"\bdied\b", r"\bdie\b", r"shot dead", r"fatal", r"live (?:fire|ammun)",
                  r"gunfire", r"wounded", r"injur"),
    "territory": _rx(r"(?:captur|seiz|retook|retak|recaptur|liberat|regain|overr[au]n|took control|"
                     r"taken control|take control|overtake|recover|storm|fell to|taken over|took over)\w* "),
    "transfer": _rx(r"hand\w* over", r"withdr[ae]w\w*", r"pull\w* out", r"evacuat", r"vacat", r"leaving",
                    r"retreat", r"handover"),
    "agreement": _rx(r"agree", r"ceasefire", r"cease-fire", r"truce", r"accord\b", r"deal\b", r"treaty",
                     r"signed", r"exchange of prisoners", r"prisoner (?:swap|exchange)", r"peace (?:deal|pact)"),
    "diplo": _rx(r"sanction", r"expel", r"expuls", r"diplomat", r"embassy", r"ambassador", r"condemn",
                 r"talks\b", r"summit", r"envoy", r"foreign minist", r"visit", r"meet", r"negotiat", r"consul",
                 r"urge", r"call\w* on", r"warn"),
    "group_change": _rx(r"deploy", r"reinforc", r"mobili[sz]", r"defect", r"formed", r"merg", r"relocat",
                        r"recruit", r"redeploy", r"dissolv", r"split", r"launched (?:a|an) (?:new )?(?:group|unit)"),
    "arrest": _rx(r"arrest", r"detain", r"custody", r"apprehend", r"nabbed", r"rounded up"),
    "abduct": _rx(r"abduct", r"kidnap", r"hostage", r"disappear"),
    "air": _rx(r"air ?strike", r"warplane", r"drone", r"jets?\b", r"bomber", r"helicopter", r"air raid", r"aerial"),
    "shelling": _rx(r"shell", r"artillery", r"mortar", r"rocket", r"missile"),
    "explosive": _rx(r"\bied\b", r"improvised explosive", r"roadside bomb", r"landmine", r"car bomb", r"bomb",
                     r"explosi", r"blast", r"\bmine\b"),
    "violence": _rx(r"\bkill", r"attack", r"shot", r"shoot", r"gunmen", r"stabb", r"murder", r"clash", r"fight",
                    r"ambush", r"massacre", r"assault", r"beat"),
}


@dataclass(frozen=True)
class Prediction:
    """A label and how it was reached: `event` (sitroom's coding), `refined` (event + words), `words` (fallback)."""

    label: str
    how: str


def _has(text: str, *groups: str) -> bool:
    return any(WORDS[g].search(text) for g in groups)


def _sectors(actors) -> set[str]:
    return {a.sector for a in actors if a.sector}


def _territory_label(ev: EventMention | None, text: str) -> str:
    actors = _sectors(ev.actors) if ev else set()
    if actors & {"REB", "UAF"} or (not actors & STATE_FORCES and _has(text, "conflict") and
                                   re.search(r"militant|rebel|insurgent|jihadi|islamic state|isis|taliban|"
                                             r"al[- ]shabaab?|boko haram|armed group|militia", text, re.I)
                                   and not re.search(r"government|army|troops|security forces|military", text,
                                                     re.I)):
        return "NON_STATE_ACTOR_OVERTAKES_TER"
    return "GOV_REGAINS_TERIT"


def _refine_assault(ev: EventMention, text: str) -> Prediction:
    """An ASSAULT's label: sitroom's ACLED sub-type unless the words say a finer ACLED class."""
    casualties = has_count(ev.killed) or has_count(ev.wounded)
    actors, recipients = _sectors(ev.actors), _sectors(ev.recipients)
    refined = None
    if _has(text, "chemical"):
        refined = "CHEM_WEAP"
    elif ev.acled_sub_event_type == "Suicide bomb" or _has(text, "suicide"):
        refined = "SUIC_BOMB"
    elif _has(text, "grenade") and ev.acled_sub_event_type != "Air/drone strike":
        refined = "GRENADE"
    elif _has(text, "disrupted") and not casualties:
        refined = "DISR_WEAP"
    elif _has(text, "sexual"):
        refined = "SEX_VIOL"
    elif _has(text, "protest") and (actors & STATE_FORCES or _has(text, "force")) and not actors & {"OPP"}:
        refined = "FORCE_AGAINST_PROTEST" if _has(text, "lethal") else "PROTEST_WITH_INTER"
    elif _has(text, "protest", "riot") and (actors & {"OPP", "CVL"} or _has(text, "riot")):
        refined = "VIOL_DEMONSTR"
    elif _has(text, "mob"):
        refined = "MOB_VIOL"
    elif _has(text, "property") and not casualties:
        refined = "PROPERTY_DISTRUCT"
    elif ev.acled_event_type == "Battles" and ev.acled_sub_event_type == "Armed clash" and _has(text, "territory"):
        refined = _territory_label(ev, text)
    elif ev.acled_sub_event_type is None and recipients and recipients <= {"CVL", "REF", "MED", "NGO", "OPP"}:
        refined = "ATTACK"
    if refined is not None and refined != SUB_TYPE_LABEL.get(ev.acled_sub_event_type or ""):
        return Prediction(refined, "refined")
    return Prediction(SUB_TYPE_LABEL.get(ev.acled_sub_event_type or "", "ARMED_CLASH"), "event")


def _from_event(ev: EventMention, text: str) -> Prediction:
    if ev.event == "ASSAULT":
        return _refine_assault(ev, text)
    if ev.event == "PROTEST":
        label = SUB_TYPE_LABEL.get(ev.acled_sub_event_type or "", "PEACE_PROTEST")
        if label == "PEACE_PROTEST" and _has(text, "force"):
            return Prediction("FORCE_AGAINST_PROTEST" if _has(text, "lethal") else "PROTEST_WITH_INTER", "refined")
        if label == "PEACE_PROTEST" and _has(text, "riot"):
            return Prediction("VIOL_DEMONSTR", "refined")
        return Prediction(label, "event")
    if ev.event == "COERCE" and ev.mode == "arrest" and _has(text, "protest"):
        return Prediction("PROTEST_WITH_INTER", "refined")
    if ev.event == "COERCE" and _has(text, "disrupted"):
        return Prediction("DISR_WEAP", "refined")
    if ev.event == "MOBILIZE" and _has(text, "base"):
        return Prediction("HQ_ESTABLISHED", "refined")
    if ev.acled_sub_event_type in SUB_TYPE_LABEL:
        return Prediction(SUB_TYPE_LABEL[ev.acled_sub_event_type], "event")
    if ev.event == "AGREE":
        return Prediction("AGREEMENT", "event")
    if ev.event == "RETREAT":
        return Prediction("NON_VIOL_TERRIT_TRANSFER", "event")
    if ev.event == "MOBILIZE":
        return Prediction("CHANGE_TO_GROUP_ACT", "event")
    if ev.event == "ACCUSE" and _has(ev.quote, "violence", "explosive"):
        return Prediction("ATTRIB", "event")
    if ev.event in DIPLO_EVENTS or ev.event == "COERCE" and ev.mode in ("deport", "ban"):
        return Prediction("DIPLO", "event")
    return Prediction("OTHER", "event")


# Fallback when sitroom found no event: the first word group that matches, in this order.
FALLBACK = (
    ("chemical", "CHEM_WEAP"), ("suicide", "SUIC_BOMB"), ("grenade", "GRENADE"), ("disrupted", "DISR_WEAP"),
    ("base", "HQ_ESTABLISHED"), ("sexual", "SEX_VIOL"), ("mob", "MOB_VIOL"), ("abduct", "ABDUCT_DISSAP"),
    ("air", "AIR_STRIKE"), ("shelling", "ART_MISS_ATTACK"), ("explosive", "REM_EXPLOS"),
    ("property", "PROPERTY_DISTRUCT"), ("transfer", "NON_VIOL_TERRIT_TRANSFER"), ("agreement", "AGREEMENT"),
    ("arrest", "ARREST"), ("violence", "ATTACK"), ("group_change", "CHANGE_TO_GROUP_ACT"), ("diplo", "DIPLO"),
)


def _from_words(text: str) -> Prediction:
    if _has(text, "protest"):
        if _has(text, "riot"):
            return Prediction("VIOL_DEMONSTR", "words")
        if _has(text, "force"):
            return Prediction("FORCE_AGAINST_PROTEST" if _has(text, "lethal") else "PROTEST_WITH_INTER", "words")
        return Prediction("PEACE_PROTEST", "words")
    if _has(text, "territory") and _has(text, "conflict"):
        return Prediction(_territory_label(None, text), "words")
    for group, label in FALLBACK:
        if _has(text, group):
            return Prediction(label, "words")
    return Prediction("OTHER", "words")


def predict(state: DocState) -> Prediction:
    """The label for one analysed snippet, with how it was reached."""
    text = state.article.text
    ev = main_event(state.events)
    armed_party = bool(ev and ev.event == "ASSAULT" and _sectors(ev.actors) & {"MIL", "REB", "UAF"})
    conflict = _has(text, "conflict")
    if _has(text, "attrib"):
        return Prediction("ATTRIB", "words")
    if _has(text, "natural") and not conflict:
        return Prediction("NATURAL_DISASTER", "words")
    if _has(text, "crime") and not armed_party and not _has(text, "chemical"):
        return Prediction("ORG_CRIME", "words")
    if _has(text, "man_made") and not conflict and not armed_party:
        return Prediction("MAN_MADE_DISASTER", "words")
    if ev is None:
        return _from_words(text)
    others = {(e.event, e.mode) for e in state.events or () if e.status in ("reported", "claimed")}
    if ev.event == "ASSAULT" and not (has_count(ev.killed) or has_count(ev.wounded)) and ("COERCE", "abduct") in others:
        return Prediction("ABDUCT_DISSAP", "event")  # an attack whose outcome is a kidnapping: ACLED codes the abduction
    if ev.event not in ("ASSAULT", "PROTEST", "COERCE") and any(e == "AGREE" for e, _ in others):
        return Prediction("AGREEMENT", "event")  # an agreement outweighs the talk around it
    return _from_event(ev, text)


def classify_snippet(state: DocState) -> str:
    """The CASE 2021 label for one snippet sitroom has analysed."""
    return predict(state).label


def load(path: Path) -> Iterator[Item[str]]:
    """Snippets from a TSV with columns id, EventSnippet, SubType; rows lacking a field are skipped."""
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t")):
            text, label = (row.get("EventSnippet") or "").strip(), (row.get("SubType") or "").strip()
            yield Item(row.get("id") or str(n), text, None, label)


def evaluate(path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Weighted and macro F1 and accuracy of `classify_snippet` over the file's labels."""
    items = select(list(load(path)), options)
    gold, pred, how, texts, reasons = [], [], [], [], []
    for out in analyse_items(items, progress=progress):
        if out.state is None or not out.item.gold:
            reasons.append(out.error or "no gold label")
            continue
        p = predict(out.state)
        gold.append(out.item.gold)
        pred.append(p.label)
        how.append(p.how)
        texts.append(out.item.text)
    result = classification_result("case2021", gold, pred, texts, reasons, labels=LABELS)
    result.metrics = {"weighted_f1": result.metrics["weighted_f1"], "macro_f1": result.metrics["macro_f1"],
                      "accuracy": result.metrics["accuracy"]}
    for kind in ("event", "refined", "words"):
        n = sum(h == kind for h in how)
        right = sum(h == kind and g == p for h, g, p in zip(how, gold, pred))
        result.notes.append(f"labels from {kind}: {n}, of which correct {right}")
    return result
