"""Record builders shared by the store, export and report tests (records built here, not by the pipeline)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.records import (
    Actor, Analysis, Article, DateSpan, DroppedLine, EventMention, Figure, Place, PublishedDate, Quotation,
    content_hash,
)


def make_article(n: int = 1, **kw) -> Article:
    text = kw.pop("text", f"Article {n}. Fighters attacked the village of Tawila on 3 March, killing 12.")
    base = Article(
        id=content_hash(text), uri=f"file:///corpus/{n}.txt", text=text, title=f"Title {n}", outlet="Radio Dabanga",
        published=PublishedDate("2024-03-04", "day", "metadata"), language="en",
        dropped=(DroppedLine("Subscribe to our newsletter", "boilerplate"), DroppedLine("© 2024", "footer")),
    )
    return replace(base, **kw)


def make_mention(article: Article, start: int = 0, **kw) -> EventMention:
    base = EventMention(
        id=content_hash(article.id, str(start)), article_id=article.id, quote=article.text[start:start + 60],
        span=(start, start + 60), event="ASSAULT", mode="firearms", acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack",
        actors=(Actor("Rapid Support Forces", "SDN", "REB", "Fighters"), Actor("Allied militia", None, None, "militia")),
        recipients=(Actor("Civilians", "SDN", "CVL", "the village"),),
        place=Place("Tawila", 13.5, 24.8333, 370457, "North Darfur", "SDN", "place", "Tawila"),
        date=DateSpan("2024-03-03", "2024-03-03", "day", "on 3 March"),
        killed=Figure(12, 12, None, "at_least", False, "killing 12"),
        wounded=Figure(None, 20, 30, "approximately", True, "20 to 30 wounded"),
        status="claimed", attributed_to="local activists", confidence=0.8125, trigger="attacked",
    )
    return replace(base, **kw)


def make_quotation(article: Article, start: int = 10, speaker: Actor | None = None, **kw) -> Quotation:
    base = Quotation(
        article_id=article.id, speaker=speaker, speaker_text="a spokesman" if speaker is None else speaker.text,
        text="We will respond", span=(start, start + 15), direct=True,
    )
    return replace(base, **kw)


def make_analysis(n: int = 1, n_events: int = 2) -> Analysis:
    art = make_article(n)
    events = tuple(make_mention(art, start=i * 5) for i in range(n_events))
    quotes = (
        make_quotation(art, 3, Actor("Sudanese Armed Forces", "SDN", "MIL", "the army")),
        make_quotation(art, 40, None, direct=False),
    )
    return Analysis(art, events, quotes)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "sub" / "sitroom.db"


class _Builders:
    article = staticmethod(make_article)
    mention = staticmethod(make_mention)
    quotation = staticmethod(make_quotation)
    analysis = staticmethod(make_analysis)


@pytest.fixture
def build() -> _Builders:
    """Record builders as a fixture, so test modules need not import conftest."""
    return _Builders()
