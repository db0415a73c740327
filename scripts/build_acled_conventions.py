#!/usr/bin/env python3
"""Build sitroom's tables of two ACLED coding conventions from ACLED records: armed groups by
actor category, and the labels coders put before a note.

    python scripts/build_acled_conventions.py [--data PATH] [--out src/sitroom/resources/acled_conventions.json]

ACLED codes each named armed group once and for all as a rebel group (inter code 2), a
political militia (3) or an identity militia (4), and not always as its words suggest:
the CPC, the TPLF, Hamas and Hezbollah are political militias, the VDP an identity
militia. sitroom resolves such groups to a sector (rebels, armed group) that cannot tell
those apart, so the ACLED evaluation looks the group's name up here first.

The table holds the groups named in the records' actor columns with at least --min-rows
rows and one category in at least 80% of them, under their short and full names
("CPC: Coalition of Patriots for Change" gives "CPC" and "Coalition of Patriots for
Change"). Generic names ("Unidentified Armed Group (Kenya)", "Pokot Ethnic Militia
(Kenya)") are left to the sector rules. The held-out fold that `scripts/eval_gate.py`
measures, and the years 2023-2025 for every country, are excluded, as for the learned prior.

Labels: a note that starts "Movement of forces:", "Looting:" or "Defusal:" has one event type and
sub-type whatever its words say (the label names the sub-type; the words describe the weapons,
forces or goods involved). The table keeps labels with at least --min-rows rows and one reading
in 90% of them, plus the ACLED codebook's reading of "Interception" (disrupted weapons use),
which the records before 2023 do not use.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_acled_model import DEFAULT_DATA, held_out  # noqa: E402

CATEGORIES = {"2", "3", "4"}
LABEL = re.compile(r"^([A-Z][A-Za-z /&-]{0,40}):\s")
# Labels the ACLED codebook defines that the training records do not use.
CODEBOOK_LABELS = {"interception": ["Strategic developments", "Disrupted weapons use"]}
GENERIC = re.compile(r"^(unidentified|militia \(|rioters|protesters|civilians|pirates)|\b(ethnic|communal|clan|"
                     r"sub-clan) militia\b|\bgang\b", re.IGNORECASE)


def aliases(actor: str) -> list[str]:
    """The names a text may use for an ACLED actor: "ABBR: Full Name" gives both."""
    if " and/or " in actor or GENERIC.search(actor):
        return []
    name = re.sub(r"\s*\([^)]*\)\s*$", "", actor).strip()
    short, sep, full = name.partition(": ")
    if sep and re.fullmatch(r"[A-Z0-9][A-Za-z0-9/&-]{1,11}", short):
        return [short, full.strip()]
    return [name] if len(name) >= 4 else []


# Groups ACLED's actor lists categorise that the records left for building may not hold (their
# countries or years are held out): political militias that fight a state's army or a neighbour
# without seeking to replace the national government.
CODEBOOK_GROUPS = [
    {"actor": "Hamas Movement", "aliases": ["Hamas", "Al Qassam Brigades", "Al-Qassam Brigades",
                                            "Izz ad-Din al-Qassam Brigades"], "inter": "3"},
    {"actor": "Hezbollah", "aliases": ["Hezbollah", "Hizbollah", "Hizballah"], "inter": "3"},
    {"actor": "Palestinian Islamic Jihad", "aliases": ["Palestinian Islamic Jihad", "PIJ", "Islamic Jihad",
                                                       "Al Quds Brigades", "Al-Quds Brigades"], "inter": "3"},
    {"actor": "3R: Return, Reclamation, Rehabilitation", "aliases": ["3R", "Return, Reclamation, Rehabilitation"],
     "inter": "3"},
    {"actor": "MPC: Patriotic Movement for Central Africa", "aliases": ["MPC", "Patriotic Movement for Central Africa"],
     "inter": "3"},
]


def build(path: Path, min_rows: int) -> tuple[list[dict], dict[str, list[str]]]:
    countries, (y0, y1) = held_out()
    seen: dict[str, Counter] = defaultdict(Counter)
    labelled: dict[str, Counter] = defaultdict(Counter)
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year = int((row.get("event_date") or "0")[:4] or 0)
            if row["country"] in countries or y0 <= year <= y1:
                continue
            for actor, inter in ((row.get("actor1"), row.get("inter1")), (row.get("actor2"), row.get("inter2"))):
                if actor:
                    seen[actor][inter or ""] += 1
            label = LABEL.match(row.get("notes") or "")
            if label:
                labelled[label.group(1).strip().lower()][(row["event_type"], row["sub_event_type"])] += 1
    labels = dict(CODEBOOK_LABELS)
    for label, counts in sorted(labelled.items()):
        (event_type, sub_type), n = counts.most_common(1)[0]
        if n >= min_rows and n >= 0.9 * sum(counts.values()):
            labels[label] = [event_type, sub_type]
    groups = []
    found = {a for g in CODEBOOK_GROUPS for a in g["aliases"]}
    for actor, counts in sorted(seen.items()):
        inter, n = counts.most_common(1)[0]
        total = sum(counts.values())
        names = aliases(actor)
        if inter in CATEGORIES and total >= min_rows and n >= 0.8 * total and names and not set(names) & found:
            groups.append({"actor": actor, "aliases": names, "inter": inter, "rows": total})
    return groups + [dict(g, rows=0) for g in CODEBOOK_GROUPS], labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "sitroom" / "resources" / "acled_conventions.json")
    ap.add_argument("--min-rows", type=int, default=5)
    args = ap.parse_args()
    groups, labels = build(args.data, args.min_rows)
    doc = {"version": "2026.11.3",
           "about": "ACLED coding conventions, built by scripts/build_acled_conventions.py from ACLED records "
                    "outside the held-out fold: named armed groups by actor category (2 rebel group, 3 political "
                    "militia, 4 identity militia), for the ACLED evaluation's inter1 mapping; and the labels coders "
                    "put before a note, by the event type and sub-type they always go with.",
           "groups": groups, "labels": labels}
    args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(groups)} groups and {len(labels)} labels written to {args.out}")


if __name__ == "__main__":
    main()
