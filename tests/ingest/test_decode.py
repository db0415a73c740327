"""decode_text: UTF-8 first, Latin-1 only when it really looks like text, clear refusals."""
import codecs

import pytest

from sitroom.ingest.decode import DecodeError, decode_text, looks_binary


def test_utf8_passes_through_and_bom_is_stripped():
    text = "Kämpfe bei Saraqib – “heftig”."
    assert decode_text(text.encode("utf-8"), "a.txt") == text
    assert decode_text(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt") == text


def test_utf16_with_bom():
    text = "Shelling reported near the river."
    assert decode_text(text.encode("utf-16"), "a.txt") == text


def test_latin1_text_is_accepted():
    text = "The mayor of Zürich, José Müller, said the café near the façade was hit."
    assert decode_text(text.encode("latin-1"), "a.txt") == text


def test_cp1252_smart_quotes_are_accepted():
    data = "He said \u201cwe will stay\u201d and left \u2013 quickly.".encode("cp1252")
    assert decode_text(data, "a.txt") == "He said \u201cwe will stay\u201d and left \u2013 quickly."


def test_invalid_utf8_that_is_not_latin1_is_refused_with_offset():
    data = b"abc " + bytes(range(0x80, 0xC0)) * 4
    with pytest.raises(DecodeError) as info:
        decode_text(data, "junk.txt")
    assert str(info.value) == (
        "not valid UTF-8 (first bad byte at offset 4) and not recognisable as Latin-1 text")
    assert info.value.uri == "junk.txt"


def test_offset_counts_the_bom():
    data = codecs.BOM_UTF8 + b"ab\x81\x8d\x8f\x90\x9d" * 3
    with pytest.raises(DecodeError, match=r"offset 5\)"):
        decode_text(data, "x.txt")


def test_binary_and_empty_are_refused():
    with pytest.raises(DecodeError, match="^binary file, not text$"):
        decode_text(b"PK\x03\x04\x00\x00\x08\x00" * 10, "a.zip")
    with pytest.raises(DecodeError, match="^empty file$"):
        decode_text(b"", "a.txt")
    assert looks_binary(bytes(range(1, 32)) * 10)
    assert not looks_binary(b"plain words\n\tindented\r\n")


def test_decode_error_is_a_value_error():
    assert issubclass(DecodeError, ValueError)
