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
