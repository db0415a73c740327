"""Tiny benchmark files in each evaluation's format, written by these tests (never copied from the data).

Every text is made up for the tests. The attack sentence is one the pipeline tests
already rely on, so end-to-end checks have a known answer.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

ATTACK = "Rebels attacked Syrian army positions near Saraqib on Monday, killing six soldiers."
QUIET = "The weather in the capital was mild and markets were busy."
QUAKE = "A strong earthquake shook the coastal province overnight, damaging dozens of houses."
TALKS = "Russian and Turkish officials held talks in Moscow on the ceasefire."


def write_case2021(tmp: Path) -> Path:
    path = tmp / "snippets.tsv"
    rows = [("1", ATTACK, "ARMED_CLASH"), ("2", QUAKE, "NATURAL_DISASTER"), ("3", TALKS, "DIPLO"),
            ("4", "", "ATTACK")]  # a row with no text: skipped, never a crash
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["id", "EventSnippet", "SubType"])
        w.writerows(rows)
    return path


ACLED_COLUMNS = ["event_id", "event_date", "country", "admin1", "location", "latitude", "longitude", "event_type",
                 "sub_event_type", "actor1", "actor2", "inter1", "inter2", "fatalities", "source", "notes",
                 "origin_repo"]


def write_acled(tmp: Path) -> Path:
    path = tmp / "acled.csv"
    base = dict.fromkeys(ACLED_COLUMNS, "")
    rows = [
        {**base, "event_id": "SYR1", "event_date": "2020-02-11", "country": "Syria", "admin1": "Idlib",
         "location": "Saraqib", "latitude": "35.8624", "longitude": "36.8006", "event_type": "Battles",
         "sub_event_type": "Armed clash", "inter1": "2", "fatalities": "6", "notes": ATTACK},
        {**base, "event_id": "SYR2", "event_date": "2020-02-11", "country": "Syria", "admin1": "Idlib",
         "event_type": "Battles", "sub_event_type": "Armed clash", "inter1": "2", "fatalities": "6",
         "notes": ATTACK},  # the same note again: evaluated once
        {**base, "event_id": "KEN1", "event_date": "2019-05-02", "country": "Kenya", "admin1": "Nairobi",
         "latitude": "-1.2833", "longitude": "36.8167", "event_type": "Protests", "sub_event_type":
         "Peaceful protest", "inter1": "6", "fatalities": "0",
         "notes": "On 2 May 2019, hundreds of traders protested in Nairobi against new market fees."},
        {**base, "event_id": "KEN2", "event_date": "2021-05-02", "country": "Kenya", "notes": QUIET,
         "event_type": "Strategic developments", "sub_event_type": "Other", "fatalities": "0"},
    ]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def _sentence(words: list[str], start: int) -> tuple[list, str, int]:
    """Tokens with character offsets, the sentence text, and the offset after it."""
    toks, pos = [], start
    text = ""
    for w in words:
        glue = "" if not text or w in ",." else " "
        text += glue + w
        pos += len(glue)
        toks.append([w, pos, pos + len(w)])
        pos += len(w)
    return toks, text, pos


def write_wikievents(tmp: Path) -> Path:
    s1 = ["Rebels", "attacked", "Syrian", "army", "positions", "near", "Saraqib", "on", "Monday", ",", "killing",
          "six", "soldiers", "."]
    s2 = ["The", "weather", "in", "the", "capital", "was", "mild", "."]
    t1, text1, end1 = _sentence(s1, 0)
    t2, text2, _ = _sentence(s2, end1)
    doc = {
        "doc_id": "fixture_1", "tokens": s1 + s2, "text": text1 + text2,
        "sentences": [[t1, text1], [t2, text2]],
        "entity_mentions": [
            {"id": "T1", "sent_idx": 0, "start": 0, "end": 1, "entity_type": "ORG", "text": "Rebels"},
            {"id": "T2", "sent_idx": 0, "start": 2, "end": 5, "entity_type": "FAC", "text": "Syrian army positions"},
            {"id": "T3", "sent_idx": 0, "start": 6, "end": 7, "entity_type": "GPE", "text": "Saraqib"},
        ],
        "relation_mentions": [],
        "event_mentions": [
            {"id": "E1", "event_type": "Conflict.Attack.Unspecified",
             "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
             "arguments": [{"entity_id": "T1", "role": "Attacker", "text": "Rebels"},
                           {"entity_id": "T2", "role": "Target", "text": "Syrian army positions"},
                           {"entity_id": "T3", "role": "Place", "text": "Saraqib"}]},
        ],
    }
    path = tmp / "dev.jsonl"
    path.write_text(json.dumps(doc) + "\n" + "not json\n", encoding="utf-8")
    return path


def write_plover(tmp: Path) -> Path:
    rows = [
        {"id": "P1", "date": "2020-02-11", "event": "FIGHT", "text": ATTACK,
         "source": [{"actorText": "Rebels", "code": "SYR", "sector": "REB"}],
         "target": [{"actorText": "Syrian army", "code": "SYR", "sector": "MIL"}]},
        {"id": "P2", "date": "2020-02-11", "event": "CONSULT", "text": TALKS,
         "source": [{"actorText": "Russian officials", "code": "RUS"}], "target": ""},
        "a malformed entry",
    ]
    path = tmp / "plover.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def write_event_location(tmp: Path) -> Path:
    verb = ATTACK.index("attacked")
    loc = ATTACK.index("Saraqib")
    rows = [
        {"text": ATTACK, "spans": [{"start": verb, "end": verb + 8, "label": "VERB"},
                                   {"start": loc, "end": loc + 7, "label": "LOCATION"}]},
        {"text": QUIET, "spans": [{"start": 27, "end": 30, "label": "VERB"}]},  # no location: left out
    ]
    path = tmp / "labeled_text.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path
