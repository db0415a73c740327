"""Language of an article, so later stages can skip what their models cannot read.

py3langid is small and fast; its model is loaded once, on first use, so importing this
module (for example by the CLI's --help) costs nothing.
"""
from __future__ import annotations

import threading
from typing import Any

UNDETERMINED = "und"  # ISO 639-2 code for "cannot tell"
_MIN_LETTERS = 20  # fewer letters than this is a guess, not a detection
_MIN_CONFIDENCE = 0.5
_SAMPLE_CHARS = 5_000  # the opening of an article tells its language as well as all of it

_identifier: Any = None
_lock = threading.Lock()


def _get_identifier() -> Any:
    """The py3langid identifier, built once with normalised probabilities."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "ar", ...), or "und" when unsure."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return UNDETERMINED
    letters = [ch for ch in sample if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) > 0.6 * len(letters):
        sample = sample.lower()  # all-capitals wire copy and transcripts confuse the character model
    language, confidence = _get_identifier().classify(sample)
    return str(language) if confidence >= _MIN_CONFIDENCE else UNDETERMINED


ANALYSED = "en"  # the one language the pipeline's models read
_LATIN_SHARE = 0.9
_MIN_WORDS = 3


def readable(language: str | None, text: str) -> bool:
    """Whether the English pipeline can read a text: English, no language recorded, or undetermined and
    written in the Latin alphabet.

    "Undetermined" is mostly too little text to tell: a page whose body was all debris keeps only its
    headline ("Four Shot Outside Dalmora Skating Rink"), and that headline is the article's
    report. Undetermined text in another script, or of fewer than three words, is not read."""
    if language in (None, ANALYSED):
        return True
    if language != UNDETERMINED or len(text.split()) < _MIN_WORDS:
        return False  # a word or two ("en", "Video") is a page's label, not a report
    letters = [ch for ch in text[:_SAMPLE_CHARS] if ch.isalpha()]
    latin = sum(1 for ch in letters if ord(ch) < 0x250)  # Basic Latin to Latin Extended-B: accents included
    return bool(letters) and latin >= _LATIN_SHARE * len(letters)
