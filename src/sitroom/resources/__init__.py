"""Versioned data files that ship with sitroom (actor and event dictionaries, place supplement).

They are data, not code, so analysts can read and extend them; each carries a `version`
that exports record, so a figure can be traced to the dictionaries that made it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Parse one resource file shipped inside the package."""
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def versions() -> dict[str, str]:
    """Version of each versioned resource, for provenance in exports and reports."""
    out = {}
    for name in ("actors.json", "event_lexicon.json", "places_supplement.json"):
        try:
            out[name] = str(load_json(name).get("version", "unversioned"))
        except FileNotFoundError:
            continue
    return out
