"""Bytes to text, refusing what is not text rather than guessing.

Most inputs are UTF-8. Older sites and exports still produce Latin-1/cp1252, and reading
those as UTF-8 with replacement characters would quietly corrupt names ("Erdoğan", "Müller")
that later stages match on. So a file that is not UTF-8 is accepted as cp1252 only when it
really looks like Western European text; anything else is refused with a reason that
says where it broke, so a person can fix the input.
"""
from __future__ import annotations

import codecs
import unicodedata

# Inspecting the first 64 KiB is enough to tell text from binary and keeps the check cheap.
_SNIFF = 65_536
# Control characters that ordinary text does contain.
_TEXT_CONTROLS = {9, 10, 12, 13}
# Latin-1 text has a few accented letters among mostly ASCII ones.
_MAX_NON_ASCII = 0.10
_MIN_LETTERS_AND_SPACES = 0.70


class DecodeError(ValueError):
    """The bytes are not text we can read; str(error) is the reason shown to the user."""

    def __init__(self, reason: str, uri: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.uri = uri  # which input, for callers that batch many


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or mostly control characters: images, archives, PDFs."""
    sample = data[:_SNIFF]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.10


def _latin1_text(data: bytes) -> str | None:
    """The cp1252 reading of `data` when it looks like Western European text, else None."""
    non_ascii = sum(1 for b in data if b >= 0x80)
    if non_ascii / len(data) > _MAX_NON_ASCII:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8D, ...)
        return None
    for ch in text:
        if ord(ch) < 0x80:
            continue
        cat = unicodedata.category(ch)
        # accented letters, typographic quotes and dashes, £ € ° and no-break space
        if not (cat[0] in "LP" or cat in ("Sc", "So", "Sm", "Zs")):
            return None
    letters_spaces = sum(1 for ch in text if ch.isalpha() or ch.isspace())
    if letters_spaces / len(text) < _MIN_LETTERS_AND_SPACES:
        return None
    return text


def decode_text(data: bytes, uri: str) -> str:
    """Decode `data` (from `uri`) as UTF-8, UTF-16 with a BOM, or recognisable Latin-1.

    Raises DecodeError with a reason a person can act on (offsets count from the start of
    `data`); `uri` is kept on the error so callers that batch many inputs can say which.
    """
    if not data:
        raise DecodeError("empty file", uri)
    skipped = 0
    if data.startswith(codecs.BOM_UTF8):
        skipped = len(codecs.BOM_UTF8)
        data = data[skipped:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid UTF-16 (bad bytes at offset {exc.start})", uri) from None
    if looks_binary(data):
        raise DecodeError("binary file, not text", uri)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _latin1_text(data)
        if text is not None:
            return text
        raise DecodeError(
            f"not valid UTF-8 (first bad byte at offset {exc.start + skipped}) "
            "and not recognisable as Latin-1 text",
            uri,
        ) from None
