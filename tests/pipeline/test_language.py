"""detect_language: ISO 639-1 codes, and "und" rather than a guess on too little text."""
from sitroom.pipeline.language import detect_language


def test_common_languages():
    assert detect_language("The council said on Friday that the bridge would reopen next week.") == "en"
    assert detect_language("Le conseil a déclaré vendredi que le pont rouvrirait la semaine prochaine.") == "fr"
    assert detect_language("El consejo dijo el viernes que el puente volvería a abrir la próxima semana.") == "es"


def test_too_little_text_is_undetermined():
    assert detect_language("") == "und"
    assert detect_language("ok 123 !!") == "und"


def test_all_capitals_english_is_english():
    from sitroom.pipeline.language import detect_language

    text = ("GUNMEN ATTACKED A POLICE STATION IN THE NORTHERN TOWN ON TUESDAY NIGHT, KILLING THREE OFFICERS "
            "AND WOUNDING TWO OTHERS, A SPOKESMAN FOR THE PROVINCIAL GOVERNMENT SAID ON WEDNESDAY.")
    assert detect_language(text) == "en"


def test_undetermined_latin_text_is_read_and_other_scripts_are_not():
    from sitroom.pipeline.language import readable

    headline = "Four Shot Outside Dalmora Skating Rink"
    assert readable("und", headline)  # too short to tell, but the English pipeline can read it
    assert readable("en", "anything") and readable(None, "anything")
    assert not readable("fr", "Le conseil a déclaré vendredi que le pont rouvrirait.")
    assert not readable("und", "Пять человек ранены")  # undetermined, and not in the Latin alphabet
    assert not readable("und", "123 !!")
    assert not readable("und", "en")  # a page's label, not a report
