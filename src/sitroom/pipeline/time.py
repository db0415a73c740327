"""When things happened: find time expressions and resolve them against the publication date.

News dates are mostly relative ("on Monday", "overnight", "last week"), so the article's
publication date is the anchor. Weekdays are resolved here rather than by dateparser because
the rule depends on tense: in past-tense reporting "on Monday" is the most recent Monday on or
before publication, in future-tense context ("will meet on Wednesday") the next one on or after.
dateparser is used only as a fallback for absolute expressions that carry a year.

Choices worth knowing:
  * No anchor means relative expressions resolve to None: unknown is better than a guess.
    Explicit dates ("11 February 2020", "2020-02-11", "in 2012") resolve without one.
  * Durations ("nine years", "for 6 hours") and ages ("45-year-old") are not points in time
    and resolve to None. "the past two weeks" is a range ending at the anchor.
  * "early/mid/late December" is days 1-10 / 11-20 / 21-end, with precision "month".
  * "N days later" resolves to None: "later" is relative to the story, not publication.
    "a week earlier" resolves to anchor-7, precision "week", as the brief asks.
  * "since X" is a range from the start of X to the anchor (just X without an anchor).
  * The stage drops expressions that do not resolve; a mention always has a DateSpan value.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Any

from sitroom.pipeline.base import DocState, Mention, assign
from sitroom.pipeline.holidays import HOLIDAY_PATTERN, holiday_date, seasonal_thing
from sitroom.pipeline.time_context import weekday_in_context
from sitroom.records import DateSpan

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
         "twenty": 20, "thirty": 30, "few": 3, "several": 3, "couple of": 2, "couple": 2}
UNIT = r"(day|week|month|year|hour)s?"
NUM = r"(\d+|" + "|".join(sorted(SMALL, key=len, reverse=True)) + ")"
FUTURE_AUX = {"will", "would", "'ll", "shall", "wo"}
FUTURE_LEMMAS = {"plan", "schedule", "expect", "intend", "due", "set", "prepare"}
_PRESENT = {"is", "are", "am", "'s", "'re"}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MON = rf"({_MONTH_NAMES})"  # after _normalise: lower case, no abbreviation dot
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_PART = r"(early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)"
_YEAR = r"((?:1[89]|20)\d\d)"
_RE = {
    "iso": re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$"),
    "d_m_y": re.compile(rf"^(?:the )?{_DAY} (?:of )?{_MON},? {_YEAR}$"),
    "m_d_y": re.compile(rf"^{_MON} {_DAY},? {_YEAR}$"),
    "m_y": re.compile(rf"^(?:{_PART}[ -])?{_MON},? {_YEAR}$"),
    "year": re.compile(rf"^(?:{_PART}[ -])?{_YEAR}$"),
    "decade": re.compile(r"^(?:the )?((?:1[89]|20)\d)0'?s$"),
    "m_d": re.compile(rf"^{_MON} {_DAY}$"),
    "d_m": re.compile(rf"^(?:the )?{_DAY} (?:of )?{_MON}$"),
    "m": re.compile(rf"^(?:{_PART}[ -])?{_MON}$"),
    "ago": re.compile(rf"^(?:about |some |nearly |almost )?{NUM} {UNIT} (ago|earlier|before|later|after)$"),
    "past": re.compile(rf"^(?:in |during |over |for )?(?:the )?(past|last|previous) (?:{NUM} )?{UNIT}$"),
    "rel": re.compile(r"^(earlier |later )?(this|last|next|previous) (week|month|year|weekend)$"),
    "weekday": re.compile(r"^(?:(early|late|last|next|this|this coming|this past|on) )?(?:on )?"
                          r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                          r"(?: (morning|afternoon|evening|night))?$"),
}
_DAYWORDS = {"today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
             "overnight": 0, "earlier today": 0, "later today": 0, "yesterday": -1,
             "last night": -1, "the day before yesterday": -2, "tomorrow": 1}
_DURATION = re.compile(rf"^(?:for |almost |nearly |about |over |more than |some |around )?{NUM}"
                       rf" (?:more |long |full )?{UNIT}(?: long| old)?$")
_AGE = re.compile(r"\b(year|month)s?[- ]old\b|\baged?\b")
_LEAD = re.compile(r"^(on|in|at|by|during|from|of|as of|starting|around|about)\s+")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _span(start: date, end: date, precision: str, text: str) -> DateSpan:
    return DateSpan(start.isoformat(), end.isoformat(), precision, text)  # type: ignore[arg-type]


def _n(word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else SMALL[word]


def _third(part: str | None) -> str | None:
    """"early"/"mid"/"late" from any of the wordings of _PART."""
    if part and ("beginning" in part or "start" in part):
        return "early"
    return "late" if part and "end" in part else part


def _month_part(part: str | None, y: int, m: int, text: str) -> DateSpan:
    """Whole month, or its first/middle/last ten days for early/mid/late."""
    n = _month_end(y, m).day
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, n)}.get(_third(part) or "", (1, n))
    return _span(date(y, m, first), date(y, m, last), "month", text)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _coerce_anchor(anchor: Any) -> date | None:
    if anchor is None or anchor == "":
        return None
    if isinstance(anchor, datetime):
        return anchor.date()
    if isinstance(anchor, date):
        return anchor
    try:
        return date.fromisoformat(str(anchor)[:10])
    except ValueError:
        return None


def _normalise(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip(" ,;:.()")
    s = re.sub(r"(?<=[a-z])\.(?= |$)", "", s)  # "feb. 11" -> "feb 11"
    while True:
        new = _LEAD.sub("", s)
        if new == s:
            return s
        s = new


def _absolute(s: str, text: str) -> DateSpan | None:
    """Expressions that carry their own year."""
    if m := _RE["iso"].match(s):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return _span(d, d, "day", text) if d else None
    for key, order in (("d_m_y", (1, 2, 3)), ("m_d_y", (2, 1, 3))):
        if m := _RE[key].match(s):
            day, mon, year = (m[i] for i in order)
            d = _safe_date(int(year), MONTHS[mon], int(day))
            return _span(d, d, "day", text) if d else None
    if m := _RE["m_y"].match(s):
        return _month_part(m[1], int(m[3]), MONTHS[m[2]], text)
    if m := _RE["year"].match(s):
        y = int(m[2])
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(_third(m[1]) or "", (1, 12))
        return _span(date(y, first, 1), _month_end(y, last), "year", text)
    if m := _RE["decade"].match(s):
        y = int(m[1]) * 10
        return _span(date(y, 1, 1), date(y + 9, 12, 31), "year", text)
    return None


def _no_year(s: str, text: str, anchor: date, future: bool) -> DateSpan | None:
    """Month or month-day without a year: the most recent not after the anchor (next if future)."""
    day = mon = None
    part = None
    if m := _RE["m_d"].match(s):
        mon, day = MONTHS[m[1]], int(m[2])
    elif m := _RE["d_m"].match(s):
        day, mon = int(m[1]), MONTHS[m[2]]
    elif m := _RE["m"].match(s):
        part, mon = m[1], MONTHS[m[2]]
    if mon is None:
        return None
    year = anchor.year
    if day is not None:
        for shift in range(0, 8):  # Feb 29 may need several years
            y = year + shift if future else year - shift
            d = _safe_date(y, mon, day)
            if d and (d >= anchor if future else d <= anchor):
                return _span(d, d, "day", text)
        return None
    if future and mon < anchor.month:
        year += 1
    elif not future and mon > anchor.month:
        year -= 1
    return _month_part(part, year, mon, text)


def _relative(s: str, text: str, a: date, future: bool) -> DateSpan | None:
    """Expressions that only mean something against the anchor."""
    key = s if s in _DAYWORDS else s.removeprefix("the ")
    if key in _DAYWORDS:
        d = a + timedelta(days=_DAYWORDS[key])
        return _span(d, d, "day", text)
    if m := _RE["weekday"].match(s):
        mod, wd = m[1], WEEKDAYS.index(m[2])
        if mod in ("next", "this coming") or (future and mod not in ("last", "this past")):
            delta = (wd - a.weekday()) % 7 or (7 if mod == "next" else 0)
            d = a + timedelta(days=delta)
        else:
            delta = (a.weekday() - wd) % 7 or (7 if mod in ("last", "this past") else 0)
            d = a - timedelta(days=delta)
        return _span(d, d, "day", text)
    if m := _RE["rel"].match(s):
        side, which, unit = m[1], m[2], m[3]
        monday = a - timedelta(days=a.weekday())
        if unit == "weekend":
            sat = a - timedelta(days=(a.weekday() - 5) % 7)
            if which in ("last", "previous") and a.weekday() >= 5:  # said on a weekend: the one before
                sat -= timedelta(days=7)
            if which == "next" or (future and which == "this"):
                sat = a + timedelta(days=(5 - a.weekday()) % 7)
            return _span(sat, sat + timedelta(days=1), "day", text)
        if unit == "week":
            if which in ("last", "previous"):
                return _span(monday - timedelta(days=7), monday - timedelta(days=1), "week", text)
            if which == "next":
                return _span(monday + timedelta(days=7), monday + timedelta(days=13), "week", text)
            if side == "later " or future:
                return _span(a, monday + timedelta(days=6), "week", text)
            return _span(monday, a, "week", text)
        if unit == "month":
            first = a.replace(day=1)
            if which in ("last", "previous"):
                p = _add_months(first, -1)
                return _span(p, _month_end(p.year, p.month), "month", text)
            if which == "next":
                p = _add_months(first, 1)
                return _span(p, _month_end(p.year, p.month), "month", text)
            if side == "later " or future:
                return _span(a, _month_end(a.year, a.month), "month", text)
            return _span(first, a, "month", text)
        y = a.year + {"last": -1, "previous": -1, "next": 1}.get(which, 0)
        if which == "this":
            if side == "later " or future:
                return _span(a, date(y, 12, 31), "year", text)
            return _span(date(y, 1, 1), a, "year", text)
        return _span(date(y, 1, 1), date(y, 12, 31), "year", text)
    if m := _RE["ago"].match(s):
        n, unit, direction = _n(m[1]), m[2], m[3]
        if direction in ("later", "after"):
            return None  # relative to the story, not to publication
        if unit in ("day", "hour"):
            d = a - timedelta(days=n if unit == "day" else n // 24)
            return _span(d, d, "day", text)
        if unit == "week":
            d = a - timedelta(days=7 * n)
            return _span(d, d, "week", text)
        if unit == "month":
            p = _add_months(a.replace(day=1), -n)
            return _span(p, _month_end(p.year, p.month), "month", text)
        return _span(date(a.year - n, 1, 1), date(a.year - n, 12, 31), "year", text)
    if m := _RE["past"].match(s):
        n, unit = _n(m[2]), m[3]
        if unit == "hour":
            return _span(a - timedelta(days=max(1, -(-n // 24))), a, "day", text)
        if unit in ("day", "week"):
            return _span(a - timedelta(days=n * (7 if unit == "week" else 1)), a, unit, text)
        if unit == "month":
            return _span(_add_months(a, -n), a, "month", text)
        return _span(date(a.year - n, a.month, min(a.day, 28)), a, "year", text)
    return None


def _dateparser_fallback(text: str, anchor: date | None) -> DateSpan | None:
    """Absolute expressions with a year that the rules above did not cover."""
    if not re.search(r"\b(1[89]|20)\d\d\b", text):
        return None
    from dateparser.date import DateDataParser  # slow import; data ships with the package

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "day":
        return _span(d, d, "day", text)
    if data.period == "month":
        return _span(d.replace(day=1), _month_end(d.year, d.month), "month", text)
    if data.period == "year":
        return _span(date(d.year, 1, 1), date(d.year, 12, 31), "year", text)
    return None


def resolve_date(text: str, anchor: date | str | None, *, future: bool = False) -> DateSpan | None:
    """Resolve one time expression against the publication date; None when it cannot be placed.

    `future` says the expression sits in future-tense context, which flips weekdays and
    year-less months to the next occurrence on or after the anchor.
    """
    a = _coerce_anchor(anchor)
    s = _normalise(text)
    if not s or _AGE.search(s) or _DURATION.match(s):
        return None
    if (holiday := holiday_date(text, a, future)) is not None:
        return holiday
    since = s.startswith("since ")
    if since or s.startswith(("until ", "till ")):
        s = _normalise(s.split(" ", 1)[1])
    s = re.sub(r"^(?:(?:about|around|approximately|at|shortly after|shortly before|just after|just before) )?"
               r"\d{1,2}(?::\d\d)? ?[ap]\.?m\.?,? (?=[a-z])", "", s)  # "around 9:30 p.m. saturday"
    # "monday, feb 10, 2020", "sunday night, feb 2"
    s = re.sub(rf"^({'|'.join(WEEKDAYS)})(?: (?:morning|afternoon|evening|night))?,? (?=\S+ \S+)", "", s)
    span = _absolute(s, text)
    if span is None and a is not None:
        span = _no_year(s, text, a, future) or _relative(s, text, a, future)
    if span is None:
        span = _dateparser_fallback(s, a)
    if span is not None and since and a is not None and span.start <= a.isoformat():
        return DateSpan(span.start, a.isoformat(), span.precision, text)
    return span


# ---------------------------------------------------------------- finding expressions in a doc

_CANDIDATE = re.compile(
    r"\b(?:(?:early|late|mid|last|next|this|this coming|this past)[ -]+(?:on )?)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:the day before yesterday|yesterday|today|tonight|tomorrow|overnight|last night"
    r"|(?:earlier |later )?this (?:morning|afternoon|evening))\b"
    r"|\b(?:(?:earlier|later)\s+)?(?:this|last|next|past|previous)\s+(?:week|month|year|weekend)\b"
    r"|\b(?:the\s+)?(?:past|last|previous)\s+(?:\w+\s+)?(?:days|weeks|months|years|hours)\b"
    r"|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|before)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:(?:early|mid|late)[ -])?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:1[89]|20)\d\d\b)?"
    r"|\b(?:in|since|by|until|during|early|late|mid)[ -](?:1[89]|20)\d\d\b"
    rf"|{HOLIDAY_PATTERN}",
    re.IGNORECASE,
)
_LEAD_PREP = re.compile(r"(?i)(?:in|by|during|on)\s+")


_WEEKDAY_END = re.compile(rf"(?i)\b(?:{'|'.join(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?$")
# a month and a day: "Feb. 9", "March 10"
MONTH_DAY = re.compile(r"(?i)\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d")


def _dated_weekday(text: str, before: tuple[int, int], start: int) -> bool:
    """Whether a weekday span is followed, past a comma, by the date it names ("9:30 p.m. Saturday, Feb.
    9, 2013"): one expression, whose date says which Saturday, not two."""
    return text[before[1]:start] in (", ", " ") and _WEEKDAY_END.search(text[before[0]:before[1]]) is not None \
        and MONTH_DAY.match(text, start) is not None


def _candidates(doc: Any, text: str) -> list[tuple[int, int]]:
    """Character spans: spaCy DATE/TIME entities plus regex hits, overlaps merged (`text` is
    doc.text, passed in because spaCy rebuilds it on every access)."""
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for m in _CANDIDATE.finditer(text):
        lead = _LEAD_PREP.match(m.group(0))
        spans.append((m.start() + (lead.end() if lead else 0), m.end()))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and (s < merged[-1][1] or _dated_weekday(text, merged[-1], s)):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _is_future(span: Any) -> bool:
    """Future context: the governing verb has will/would/shall, or a plan/schedule verb above it."""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    for _ in range(3):
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & FUTURE_AUX:
            return True
        if tok.lemma_ in FUTURE_LEMMAS and (tok.tag_ not in ("VBD", "VBN") or auxes & _PRESENT):
            return True
        if tok.dep_ != "xcomp" or tok.head is tok:  # "plans to visit ... on Thursday"
            return False
        tok = tok.head
    return False


PAGE_DATE_WORDS = {"posted", "updated", "published", "modified"}


def _page_date(doc: Any, span: Any, text: str) -> bool:
    """A date that dates the page, not an event: after "Posted:" or "Updated", or a dateline's
    bracketed date ("FRANKLIN (Feb. 4, 2014) – ..."), which is the day of writing. `text` is
    doc.text, which spaCy rebuilds on every access."""
    if any(t.lower_ in PAGE_DATE_WORDS for t in doc[max(0, span.start - 3):span.start]):
        return True
    return span.start_char > 0 and text[span.start_char - 1] == "(" and \
        re.match(r"[^()]*\)\s*[-–—]", text[span.start_char:span.end_char + 4]) is not None


def _in_name(doc: Any, span: Any) -> bool:
    """Whether a day word is the end of a name, not a time: "USA Today", "Psychology Today" (capitalised,
    after a capitalised word that is no time word itself, mid-sentence)."""
    first = span[0]
    if len(span) != 1 or first.lower_ not in ("today", "tonight") or not first.text[0].isupper():
        return False
    if first.is_sent_start or first.i == 0:
        return False
    before = doc[first.i - 1]
    return before.text[:1].isupper() and before.pos_ == "PROPN" and not _CANDIDATE.fullmatch(before.text)


def find_times(doc: Any, anchor: date | str | None, text: str | None = None) -> list[Mention]:
    """Every time expression in `doc` that resolves against `anchor`, in text order; the dates that
    date the page itself (bylines' "Posted:", datelines) are left out."""
    out: list[Mention] = []
    text = doc.text if text is None else text  # the article's text, when the caller has it
    for s, e in _candidates(doc, text):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span) or _page_date(doc, span, text) or _in_name(doc, span):
            continue
        if seasonal_thing(span.text, doc[span.end].text if span.end < len(doc) else None,
                          doc[span.start - 1].lower_ if span.start else None):
            continue  # "a Christmas gift", "just after Christmas"
        if span.start > 0 and doc[span.start - 1].lower_ in ("since", "until", "till"):
            span = doc[span.start - 1: span.end]
        value = resolve_date(span.text, anchor, future=_is_future(span))
        pieces = [span]
        if value is None:  # a merged region may hold several expressions; try each hit
            pieces = [doc.char_span(s + m.start(), s + m.end(), alignment_mode="expand")
                      for m in _CANDIDATE.finditer(span.text)]
            pieces = [p for p in pieces if p is not None and len(p) and p.text != span.text]
        for piece in pieces:
            v = value if piece is span else resolve_date(piece.text, anchor, future=_is_future(piece))
            if v is not None:
                out.append(Mention(piece.start_char, piece.end_char, piece.start, piece.end,
                                   v, piece.text))
    return weekday_in_context(doc, out, _coerce_anchor(anchor))


class TimeStage:
    """Pipeline stage: resolved time expressions of the article, anchored on its publication date."""

    name = "time"
    requires = frozenset({"doc"})
    assigns = frozenset({"times"})

    def __call__(self, state: DocState) -> DocState:
        anchor = state.article.published.date if state.article.published else None
        return assign(state, times=tuple(find_times(state.doc, anchor, state.article.text)))


__all__ = ["TimeStage", "find_times", "resolve_date"]
