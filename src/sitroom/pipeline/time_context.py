"""Which week a bare weekday means, from what else the article says.

A weekday resolves to the last such day up to publication, so "Friday" in an article written on a Friday is
that day. Two things in the text say it is the Friday before: an "N weeks ago" in the same clause ("was shot
one week ago while driving ... Saturday afternoon", written on a Saturday), and an article that calls its
incident "last week's shooting" (a follow-up repeating the first report's "about 7:15 p.m. Friday").
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sitroom.pipeline.base import Mention

_WEEKS_AGO = re.compile(r"(?i)\b(?:a|one|two|three|\d) weeks? ago$")
BARE_WEEKDAY = re.compile(r"(?i)(?:(?:about|around|at|just before|just after) )?(?:\d{1,2}(?::\d\d)? ?[ap]\.?m\.? )?"
                          r"(?:early |late )?(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                          r"(?: morning| afternoon| evening| night)?")
# "last week's shooting": the article's incident was last week
LAST_WEEKS = re.compile(r"(?i)\blast week[’']s (?:shooting|killing|homicide|murder|attack|incident|stabbing)\b")


def _within(tok: Any, ago: Any) -> bool:
    """Whether `tok` is in the clause of the verb `ago` hangs from ("shot one week ago while driving ...
    Saturday"), not in another clause of the sentence."""
    verb = ago.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while tok.i != verb.i:
        if tok.dep_ == "conj" or tok.head.i == tok.i:  # "opened one week ago and was shot Friday": two clauses
            return False
        tok = tok.head
    return True


def _today(m: Mention, anchor: date | None) -> bool:
    """Whether a mention is a bare weekday ("Friday", "about 7:15 p.m. Friday") read as the day of writing."""
    return anchor is not None and m.value.precision == "day" and m.value.start == m.value.end == anchor.isoformat() \
        and BARE_WEEKDAY.fullmatch(m.text) is not None


def weekday_in_context(doc: Any, found: list[Mention], anchor: date | None) -> list[Mention]:
    """`found` with each bare weekday read as the day of writing moved a week back where the text says so:
    to the day of an "N weeks ago" in its clause (which that weekday pins to a day), or by a week in an
    article that calls its incident "last week's". The moved day's text says why ("Friday, last week")."""
    last_weeks = LAST_WEEKS.search(doc.text) is not None
    out, confirmed = [], set()
    for m in found:
        if not _today(m, anchor):
            out.append(m)
            continue
        ago = next((o for o in found if o is not m and _WEEKS_AGO.search(o.text) and o.value.start == o.value.end
                    and _within(doc[m.token_start], doc[o.token_start])), None)
        if ago is not None and (anchor - date.fromisoformat(ago.value.start)).days in (7, 14, 21):
            m = replace(m, value=replace(ago.value, precision="day", text=f"{m.text}, {ago.text}"))
            confirmed.add(ago.token_start)
        elif last_weeks:
            day = (anchor - timedelta(days=7)).isoformat()
            m = replace(m, value=replace(m.value, start=day, end=day, text=f"{m.text}, last week"))
        out.append(m)
    # the weekday pins the "week ago" to a day
    return [replace(m, value=replace(m.value, precision="day")) if m.token_start in confirmed else m for m in out]
