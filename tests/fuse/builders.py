"""Small records for the fuse and analytics tests, built here (never from the pipeline or ../shared)."""
from __future__ import annotations

from sitroom.records import Actor, Article, DateSpan, EventMention, Figure, Place, PublishedDate, content_hash

TUR_MIL = Actor("Military Forces of Turkey", "TUR", "MIL")
TUR_GOV = Actor("Government of Turkey", "TUR", "GOV")
SYR_MIL = Actor("Military Forces of Syria", "SYR", "MIL")
SYR_GOV = Actor("Government of Syria", "SYR", "GOV")
RUS_MIL = Actor("Military Forces of Russia", "RUS", "MIL")
UKR_MIL = Actor("Military Forces of Ukraine", "UKR", "MIL")

# invented coordinates in an invented layout: what matters is the distances between them
TOWN_A = Place("Alphaville", 35.86, 36.80, 1001, "Idlib", "SYR", "place", "Alphaville")
TOWN_A_NEAR = Place("Alphaville", 35.86, 36.80, 1001, "Idlib", "SYR", "near", "near Alphaville")
VILLAGE_B = Place("Betaburg", 35.862, 36.742, None, "Idlib", "SYR", "near", "Betaburg")
VILLAGE_B_SPELLING = Place("Betabourg", 35.866, 36.745, None, "Idlib", "SYR", "place", "Betabourg")  # ~0.5 km
TOWN_C = Place("Gammatown", 36.00, 36.79, 1003, "Idlib", "SYR", "place", "Gammatown")  # ~16 km from A
CITY_D = Place("Deltacity", 36.20, 37.16, 1004, "Aleppo", "SYR", "place", "Deltacity")  # ~50 km from A
PROVINCE = Place("Idlib", 35.83, 36.63, None, "Idlib", "SYR", "admin1", "Idlib province")
FAR_TOWN = Place("Epsilon", 48.15, 37.74, 2001, "Donetsk", "UKR", "place", "Epsilon")


def article(n: int | str, text: str | None = None, *, outlet: str | None = "Test Wire",
            published: str | None = "2020-02-11", title: str | None = None) -> Article:
    text = text or f"Report number {n} about the clashes."
    return Article(id=content_hash(str(n), text), uri=f"test://{n}", text=text, title=title, outlet=outlet,
                   published=PublishedDate(published, "day" if published else "unknown",
                                           "metadata" if published else "unknown"))


def day(iso: str) -> DateSpan:
    return DateSpan(iso, iso, "day", iso)


def week(start: str, end: str) -> DateSpan:
    return DateSpan(start, end, "week", "")


def killed(value: int | None, qualifier: str = "exact", *, low: int | None = None, high: int | None = None,
           cumulative: bool = False, text: str = "") -> Figure:
    if low is None and qualifier in ("exact", "at_least"):
        low = value
    if high is None and qualifier == "exact":
        high = value
    return Figure(value, low, high, qualifier, cumulative, text or (str(value) if value is not None else ""))


MONDAY = DateSpan("2020-02-10", "2020-02-10", "day")


def mention(art: Article, start: int = 0, *, event: str = "ASSAULT", actors=(TUR_MIL,), recipients=(SYR_MIL,),
            place: Place | None = TOWN_A, date: DateSpan | None = MONDAY, killed: Figure | None = None,
            wounded: Figure | None = None, status: str = "reported", attributed_to: str | None = None,
            quote: str | None = None, mode: str | None = None) -> EventMention:
    quote = quote or art.text[start:start + 80] or "quote"
    return EventMention(
        id=content_hash(art.id, str(start), event), article_id=art.id, quote=quote, span=(start, start + len(quote)),
        event=event, mode=mode, acled_event_type=None, acled_sub_event_type=None, actors=tuple(actors),
        recipients=tuple(recipients), place=place, date=date,
        killed=killed, wounded=wounded, status=status, attributed_to=attributed_to, confidence=0.8,
        trigger="attacked",
    )
