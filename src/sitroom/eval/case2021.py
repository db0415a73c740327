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
from sitroom.eval.salience import grievance_of_protest, has_count, main_event
from sitroom.pipeline import DocState
from sitroom.records import EventMention
from sitroom.pipeline.acled_words import has_words

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


@dataclass(frozen=True)
class Prediction:
    """A label and how it was reached: `event` (sitroom's coding), `refined` (event + words), `words` (fallback)."""

    label: str
    how: str


def _has(text: str, *groups: str) -> bool:
    return has_words(text, *groups)


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
    ev = grievance_of_protest(ev, state.events or (), state.doc) or ev  # the protest, not what it is about
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
    found = _from_event(ev, text)
    # an event with no ACLED reading (a request, a statement of support) says nothing the words cannot:
    # their reading first, "Other" only when they have none either
    return _from_words(text) if found.label == "OTHER" else found


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
