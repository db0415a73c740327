"""Options for reading inputs, shared by the ingest sources and the clean stage.

The command-line flags `--outlet` and `--published` live here rather than on each
RawDocument: a RawDocument only carries what the input itself said (metadata), so the
clean stage can tell "the page said so" from "the user said so" and record which.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read. Defaults suit a laptop run over a folder of articles."""

    max_bytes: int = 20_000_000  # larger files are refused before they are read
    outlet: str | None = None  # --outlet: the outlet when an input's metadata names none
    published: str | None = None  # --published: ISO date when neither metadata nor text gives one
    timeout: float = 20.0  # seconds per HTTP request
    follow_feed_links: bool = True  # fetch an entry's page when the feed carries no full text

    def __post_init__(self) -> None:
        # A bad flag is the user's mistake; say so once, at start-up, not per article.
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, got {self.timeout}")
        if self.published is not None and not _ISO_PREFIX.match(self.published.strip()):
            raise ValueError(
                f"published date {self.published!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )
