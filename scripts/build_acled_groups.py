#!/usr/bin/env python3
"""Build sitroom's table of armed groups by ACLED actor category from ACLED records.

    python scripts/build_acled_groups.py [--data PATH] [--out src/sitroom/resources/acled_groups.json]

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


def build(path: Path, min_rows: int) -> list[dict]:
    countries, (y0, y1) = held_out()
    seen: dict[str, Counter] = defaultdict(Counter)
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year = int((row.get("event_date") or "0")[:4] or 0)
            if row["country"] in countries or y0 <= year <= y1:
                continue
            for actor, inter in ((row.get("actor1"), row.get("inter1")), (row.get("actor2"), row.get("inter2"))):
                if actor:
                    seen[actor][inter or ""] += 1
    groups = []
    for actor, counts in sorted(seen.items()):
        inter, n = counts.most_common(1)[0]
        total = sum(counts.values())
        names = aliases(actor)
        if inter in CATEGORIES and total >= min_rows and n >= 0.8 * total and names:
            groups.append({"actor": actor, "aliases": names, "inter": inter, "rows": total})
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "sitroom" / "resources" / "acled_groups.json")
    ap.add_argument("--min-rows", type=int, default=5)
    args = ap.parse_args()
    groups = build(args.data, args.min_rows)
    doc = {"version": "2026.11.1",
           "about": "Named armed groups by ACLED actor category (2 rebel group, 3 political militia, 4 identity "
                    "militia), built by scripts/build_acled_groups.py from ACLED records outside the held-out "
                    "fold; used by the ACLED evaluation's inter1 mapping.",
           "groups": groups}
    args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(groups)} groups written to {args.out}")


if __name__ == "__main__":
    main()
