"""Example data for the sitroom demo.

The ``corpus`` folder holds six short news reports written for this project
about the February 2020 clashes between Turkish and Syrian government forces
in Idlib, Syria. They include a near-duplicate, place-name spelling variants,
disagreeing casualty figures, page debris and one file with no date; see
``corpus/README.md``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["corpus_dir"]


def corpus_dir() -> Path:
    """Return the folder that holds the demo corpus (``*.txt`` files)."""
    return Path(__file__).resolve().parent / "corpus"
