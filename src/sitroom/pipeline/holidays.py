"""Holidays as dates: "on Christmas night", "a New Year's Eve party", "the Fourth of July shooting".

Reports of violence name holidays as often as weekdays ("shot during a Christmas gathering", "Memorial Day
weekend"); each is a day of the year, fixed ("Halloween") or movable ("Thanksgiving", the fourth Thursday of
November). Like a weekday, a holiday resolves to its last occurrence on or before the publication date
(its next one in future context). A holiday's name before a thing sold or decorated for it ("Christmas
gift", "Christmas tree") says nothing of when.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.records import DateSpan

_OBJECTS = (r"gifts?|presents?|trees?|lights|decorations?|shopping|cards?|parade|music|movies?|season|break|holidays?"
            r"|vacation|sweaters?|lists?|carols?|spirit|songs?|specials?|sales?|displays?|ornaments?|weekend|week")
# Names, longest first; "Christmas" alone not before a thing of the season ("a Christmas gift")
HOLIDAY_PATTERN = (
    r"\b(?:Christmas\s+(?:Eve|Day)|New\s+Year['\u2019]?s\s+(?:Eve|Day)|Fourth\s+of\s+July|July\s+(?:4th|Fourth)"
    r"|Independence\s+Day|Halloween|Thanksgiving(?:\s+Day)?|Valentine['\u2019]?s\s+Day|Memorial\s+Day|Labor\s+Day"
    r"|Mother['\u2019]?s\s+Day|Father['\u2019]?s\s+Day|Easter(?:\s+Sunday)?|Christmas)\b"
    rf"(?!\s+(?:{_OBJECTS})\b)(?:\s+(?:morning|afternoon|evening|night))?"
)
_HOLIDAY = re.compile(rf"^(?:on\s+)?(?:{HOLIDAY_PATTERN})$", re.IGNORECASE)
_THING = re.compile(rf"^(?:{_OBJECTS})$", re.IGNORECASE)


def seasonal_thing(text: str, next_word: str | None, word_before: str | None = None) -> bool:
    """Whether a holiday's name says no day: it qualifies a thing of the season ("Christmas" before
    "gift"), or a time around it ("after Christmas", "since Thanksgiving")."""
    if _HOLIDAY.match(text.strip()) is None:
        return False
    return bool(next_word and _THING.match(next_word)) or word_before in ("after", "before", "since", "until", "till")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 Monday) of a month; n = -1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _day_in(name: str, year: int) -> date | None:
    fixed = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "new years eve": (12, 31),
             "new years day": (1, 1), "fourth of july": (7, 4), "july 4th": (7, 4), "july fourth": (7, 4),
             "independence day": (7, 4), "halloween": (10, 31), "valentines day": (2, 14)}
    if name in fixed:
        return date(year, *fixed[name])
    movable = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
               "labor day": (9, 0, 1), "mothers day": (5, 6, 2), "fathers day": (6, 6, 3)}
    if name in movable:
        return _nth_weekday(year, *movable[name])
    if name in ("easter", "easter sunday"):
        return _easter(year)
    return None


RECENT_DAYS = 60  # a holiday this long past ...
UPCOMING_DAYS = 30  # ... with the next this close ahead is the next one


def holiday_date(text: str, anchor: date | None, future: bool = False) -> DateSpan | None:
    """The day a holiday's name gives, at its last occurrence on or before `anchor` (its next on or
    after it in `future` context, or when the last is over `RECENT_DAYS` past and the next within
    `UPCOMING_DAYS`); None for anything else, or without an anchor."""
    if anchor is None or not _HOLIDAY.match(text.strip()):
        return None
    words = re.sub(r"['\u2019]", "", text.lower()).split()
    words = [w for w in words if w not in ("on", "morning", "afternoon", "evening", "night")]
    name = " ".join(words)
    days = [d for d in (_day_in(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)) if d is not None]
    last = max((d for d in days if d <= anchor), default=None)
    following = min((d for d in days if d >= anchor), default=None)
    if not future and last is not None and (anchor - last).days > RECENT_DAYS and following is not None \
            and (following - anchor).days <= UPCOMING_DAYS:
        future = True  # "New Year's Eve" in mid-December: the one to come, not last year's
    day = following if future else last
    return DateSpan(day.isoformat(), day.isoformat(), "day", text) if day is not None else None


__all__ = ["HOLIDAY_PATTERN", "holiday_date", "seasonal_thing"]
