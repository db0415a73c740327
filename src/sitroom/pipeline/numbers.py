"""Counts as news reports them: "51", "five", "at least 13", "dozens", "3.6 million".

A reported count is rarely one exact number, so a parse gives (value, low, high, qualifier):
value is the figure to use, low/high bound it where the wording allows, and the qualifier
is one of records.Qualifier. Conventions, chosen to stay conservative as ACLED does:

  * exact ("51")                 -> (51, 51, 51, "exact")
  * "at least 13", "13 or more"  -> (13, 13, None, "at_least")
  * "more than 20", "over 20"    -> (20, 21, None, "at_least")   value is the stated number
  * "as many as 10", "up to 10"  -> (10, None, 10, "up_to")
  * "fewer than 10"              -> (10, None, 9, "up_to")
  * "about/around/some/roughly/an estimated N" -> (N, None, None, "approximately")
  * "nearly/almost N"            -> (N, None, N, "approximately")
  * "between 10 and 15", "10-15", "two or three" -> (10, 10, 15, "approximately"): lower bound
  * vague plurals take the smallest figure they can mean: "dozens" 12, "scores" 20,
    "tens" 10, "hundreds" 100, "thousands" 1,000, "tens of thousands" 10,000,
    "hundreds of thousands" 100,000, "millions" 1,000,000 -> (F, F, None, "approximately")
  * "several", "a few", "a handful" -> (None, 2, None, "approximately"): no figure to report
  * "a"/"an"/"one" -> 1; "no"/"none"/"zero" -> 0.

find_counts() locates these phrases in a spaCy doc or span and links each to the noun it counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num

from sitroom.records import Figure

Count = tuple[int | None, int | None, int | None, str]

_PREFIX = [  # longest first; (words, qualifier, how the bound works)
    ("no fewer than", "at_least", "ge"), ("no less than", "at_least", "ge"),
    ("not less than", "at_least", "ge"), ("a minimum of", "at_least", "ge"),
    ("in excess of", "at_least", "gt"), ("upwards of", "at_least", "gt"),
    ("at least", "at_least", "ge"), ("more than", "at_least", "gt"), ("over", "at_least", "gt"),
    ("above", "at_least", "gt"), ("just over", "approximately", "ge"),
    ("as many as", "up_to", "le"), ("up to", "up_to", "le"), ("at most", "up_to", "le"),
    ("no more than", "up_to", "le"), ("fewer than", "up_to", "lt"), ("less than", "up_to", "lt"),
    ("under", "up_to", "lt"), ("just under", "approximately", "le"),
    ("nearly", "approximately", "le"), ("almost", "approximately", "le"),
    ("close to", "approximately", "le"), ("an estimated", "approximately", ""),
    ("estimated", "approximately", ""), ("approximately", "approximately", ""),
    ("roughly", "approximately", ""), ("around", "approximately", ""),
    ("about", "approximately", ""), ("some", "approximately", ""), ("circa", "approximately", ""),
    ("perhaps", "approximately", ""), ("possibly", "approximately", ""),
]
_PREFIX.sort(key=lambda p: len(p[0]), reverse=True)
_SUFFIX = [("or more", "at_least", "ge"), ("or so", "approximately", ""), ("plus", "at_least", "ge"),
           ("+", "at_least", "ge"), ("odd", "approximately", "")]

_VAGUE = {  # conservative figure for vague plurals
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1_000,
    "millions": 1_000_000, "dozens of thousands": 12_000, "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
}
_SOME = {"several", "a few", "few", "a handful", "handful", "a number", "a number of", "numerous"}
_ONE = {"a", "an", "one", "a single", "single"}
# "An unknown number of fighters were killed": ACLED's conservative figure for an unknown toll is 3.
UNKNOWN_WORDS = {"unknown", "unspecified", "undisclosed", "undetermined", "unconfirmed"}
UNKNOWN_COUNT = 3
_ZERO = {"no", "none", "zero", "no one", "nobody"}
_MULT = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000,
         "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "dozen": 12, "hundred": 100}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_SCALED = re.compile(r"^(\d+(?:\.\d+)?)\s*(thousand|million|billion|k|mn|m|bn|dozen|hundred)$")


def _normalise(text: str) -> str:
    s = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip(" ,.;:()")


def number_value(s: str) -> int | None:
    """A single stated number, in digits, words or both; None if `s` is not one."""
    s = s.strip()
    if _DIGITS.match(s):
        return int(s.replace(",", ""))
    if m := _SCALED.match(s):
        value = float(m[1]) * _MULT[m[2]]
        return int(round(value)) if value >= 1 else None
    if s in _ONE:
        return 1
    if s in _ZERO:
        return 0
    words = s.replace("-", " ").split()
    if not words:
        return None
    if words[0] in ("a", "an"):
        words[0] = "one"
    if words[:2] == ["half", "a"]:
        words = ["half", "one"] + words[2:]
    if "dozen" in words:  # "a dozen", "two dozen", "half a dozen"
        i = words.index("dozen")
        if i == len(words) - 1:
            head = words[:i]
            if head == ["half", "one"]:
                return 6
            n = number_value(" ".join(head)) if head else 1
            return None if n is None else n * 12
        return None
    if words[-1] in ("thousand", "million", "billion") and len(words) == 2 and _DIGITS.match(words[0]):
        return int(words[0].replace(",", "")) * _MULT[words[-1]]
    try:
        return int(text2num(" ".join(words), "en"))
    except (ValueError, TypeError):
        return None


def _core(s: str) -> Count | None:
    """A number or a range without qualifier words."""
    if s in _VAGUE:
        return (_VAGUE[s], _VAGUE[s], None, "approximately")
    if s in _SOME:
        return (None, 3 if s == "several" else 2, None, "approximately")  # ACLED codes "several" as 3
    m = re.match(r"^(?:between )?(.+?)(?: ?- ?| to | and | or )(.+)$", s)
    if m and not s.startswith("between") and " and " in s and number_value(s) is not None:
        m = None  # "three hundred and fifty" is one number
    if m:
        lo, hi = number_value(m[1]), number_value(m[2])
        if lo is not None and hi is not None and lo < hi:
            return (lo, lo, hi, "approximately")
        if s.startswith("between") or lo is None or hi is None:
            return None
    n = number_value(s)
    return None if n is None else (n, n, n, "exact")


def parse_count(text: str) -> Count | None:
    """(value, low, high, qualifier) for a count phrase, or None when it is not a count."""
    s = _normalise(text)
    qualifier, how = "exact", ""
    for words, q, h in _SUFFIX:
        if s.endswith(words) and s != words:
            s, qualifier, how = s[: -len(words)].rstrip(" -"), q, h
            break
    for words, q, h in _PREFIX:
        if s.startswith(words + " "):
            s, qualifier, how = s[len(words) + 1:], q, h
            break
    core = _core(s)
    if core is None:
        return None
    value, low, high, q = core
    if qualifier == "exact":
        return core
    if q != "exact" and low != high:  # vague word or range: keep its own bounds
        return (value, low if how not in ("le", "lt") else None, high, qualifier)
    if how == "ge":
        return (value, value, None, qualifier)
    if how == "gt":  # "more than 21": at least the number stated, which is what ACLED codes
        return (value, value, None, qualifier)
    if how == "le":
        return (value, None, value, qualifier)
    if how == "lt":
        return (value, None, max(value - 1, 0), qualifier)
    return (value, None, None, qualifier)


# ---------------------------------------------------------------- finding counts in a doc


# Words that count what they qualify: "a double homicide", "a triple shooting"
MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}


@dataclass(frozen=True)
class CountMention:
    """A count phrase in a doc. Offsets are the doc's (chars and tokens, end exclusive);
    `noun` is the doc index of the head noun it counts, or None."""

    start: int
    end: int
    token_start: int
    token_end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    noun: int | None
    text: str

    @classmethod
    def of_token(cls, tok: Any, value: int, noun: int | None = None) -> "CountMention":
        """An exact count said by one word ("a soldier", "both men", "two" in "two of them")."""
        return cls(tok.idx, tok.idx + len(tok), tok.i, tok.i + 1, value, value, value, "exact", noun, tok.text)

    def to_figure(self, cumulative: bool = False) -> Figure:
        return Figure(self.value, self.low, self.high, self.qualifier,  # type: ignore[arg-type]
                      cumulative, self.text)


_NUM_WORDS = {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands",
              "million", "millions", "billion", "tens", "several", "few", "handful", "zero", "none"}
_JOIN_OF = {"hundreds", "thousands", "tens", "dozens"}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
               "season", "am", "pm", "a.m.", "p.m.", "percent", "%", "time", "times"}
_SKIP_ENTS = {"PERCENT", "MONEY", "ORDINAL", "QUANTITY", "LAW", "PRODUCT", "WORK_OF_ART", "FAC"}
_DATE_ENTS = {"DATE", "TIME"}
_PREFIX_WORDS = [tuple(p[0].split()) for p in _PREFIX] + [("between",)]
_PREFIX_WORDS.sort(key=len, reverse=True)


def _is_num(tok: Any) -> bool:
    if tok.lower_ in _NUM_WORDS or tok.lower_ in _VAGUE:
        return True
    if tok.like_num and not re.fullmatch(r"\d+(st|nd|rd|th)", tok.lower_):
        return tok.ent_type_ != "ORDINAL"
    return False


def _head_noun(doc: Any, first: int, last: int) -> int | None:
    """The noun the number at tokens [first, last] counts, through "of" for "16 of its soldiers"."""
    run = range(first, last + 1)
    tops = [doc[i] for i in run if doc[i].head.i not in run or doc[i].head.i == doc[i].i]
    for top in tops:
        h = top.head
        if h.i > last and h.pos_ in ("NOUN", "PROPN") and top.dep_ in ("nummod", "quantmod", "amod",
                                                                       "det", "compound", "nmod"):
            return h.i
    for i in run:  # "16 of its soldiers", "hundreds of thousands of people"
        for child in doc[i].children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i > last:
                nouns = [c for c in child.children if c.dep_ == "pobj"]
                while nouns and (nouns[0].lower_ in _VAGUE or nouns[0].lower_ in _NUM_WORDS):
                    nouns = [c for p in nouns[0].children if p.lower_ == "of" for c in p.children
                             if c.dep_ == "pobj"]
                if nouns and nouns[0].pos_ in ("NOUN", "PROPN"):
                    return nouns[0].i
    nxt = last + 1  # misparses: take the first noun right after, past adjectives
    while nxt < len(doc) and nxt <= last + 3 and doc[nxt].pos_ in ("ADJ", "PROPN", "NOUN"):
        if doc[nxt].pos_ == "NOUN" and (nxt + 1 >= len(doc) or doc[nxt + 1].pos_ != "NOUN"):
            return nxt
        nxt += 1
    return None


def find_counts(doc_or_span: Any, *, articles: bool = True) -> list[CountMention]:
    """Count phrases in a spaCy Doc or Span, with their qualifier words and counted noun.

    Numbers inside money, percent, ordinal and quantity entities are skipped, and so are
    numbers that count time units ("nine years") or name things ("Resolution 2254").
    With `articles`, "a"/"an" before a singular noun count as one ("a soldier was killed").
    """
    span = doc_or_span if hasattr(doc_or_span, "start_char") else doc_or_span[:]
    doc, lo, hi = span.doc, span.start, span.end
    out: list[CountMention] = []
    used: set[int] = set()
    i = lo
    while i < hi:
        tok = doc[i]
        if not _is_num(tok) or tok.ent_type_ in _SKIP_ENTS:
            i += 1
            continue
        first, last = i, i
        while last + 1 < hi:  # grow the number: "3.6 million", "hundreds of thousands", "10-15"
            n = doc[last + 1]
            if _is_num(n) and n.ent_type_ not in _SKIP_ENTS:
                last += 1
            elif n.lower_ in ("-", "to", "or", "and") and last + 2 < hi and _is_num(doc[last + 2]) \
                    and not (n.lower_ == "or" and doc[last + 2].lower_ in ("more", "so")):
                last += 2
            elif n.lower_ == "of" and doc[last].lower_ in _JOIN_OF and last + 2 < hi \
                    and doc[last + 2].lower_ in ("thousands", "millions", "hundreds"):
                last += 2
            else:
                break
        if first > lo and doc[first - 1].lower_ in ("a", "an", "half") and \
                doc[first].lower_ in ("dozen", "hundred", "thousand", "million", "few", "handful"):
            first -= 1
            if first > lo and doc[first - 1].lower_ == "half":
                first -= 1
        for words in _PREFIX_WORDS:
            k = len(words)
            if first - k >= lo and tuple(t.lower_ for t in doc[first - k:first]) == words:
                first -= k
                break
        if last + 2 < hi and (doc[last + 1].lower_, doc[last + 2].lower_) in (("or", "more"), ("or", "so")):
            last += 2
        elif last + 1 < hi and doc[last + 1].lower_ in ("+", "plus"):
            last += 1
        mention = _mention(doc, first, last)
        i = last + 1
        if mention is not None:
            out.append(mention)
            used.update(range(first, last + 1))
    for tok in span:  # "a soldier", "no civilians"
        if tok.i in used or tok.dep_ != "det" or tok.head.pos_ != "NOUN" or tok.head.i < tok.i:
            continue
        if tok.head.lemma_ == "number":  # "an unknown number of militants": ACLED codes 3, else no count
            unknown = next((c for c in tok.head.children if c.dep_ == "amod" and c.lower_ in UNKNOWN_WORDS), None)
            counted = next((g for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), None)
            if unknown is not None:
                out.append(CountMention(tok.idx, tok.head.idx + len(tok.head), tok.i, tok.head.i + 1, None,
                                        UNKNOWN_COUNT, None, "approximately",
                                        counted.i if counted is not None else None,
                                        doc[tok.i:tok.head.i + 1].text))
            continue
        if (articles and tok.lower_ in ("a", "an") and tok.head.tag_ == "NN") or tok.lower_ == "no":
            if tok.ent_type_ in _DATE_ENTS | _SKIP_ENTS or tok.head.lemma_ in _TIME_UNITS:
                continue
            out.append(CountMention.of_token(tok, 0 if tok.lower_ == "no" else 1, tok.head.i))
    return sorted(out, key=lambda m: m.start)


EMERGENCY_NUMBERS = {"911", "999", "112", "000"}


def _mention(doc: Any, first: int, last: int) -> CountMention | None:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = doc[first:last + 1].text  # not doc.text, which rebuilds the whole text on every access
    parsed = parse_count(text)
    if parsed is None:
        return None
    noun = _head_noun(doc, first, last)
    noun_tok = doc[noun] if noun is not None else None
    if noun_tok is not None and noun_tok.lemma_.lower() in _TIME_UNITS:
        return None  # a duration or an age, not a count of anything
    in_date = any(doc[j].ent_type_ in _DATE_ENTS for j in range(first, last + 1))
    years = all(re.fullmatch(r"(19|20)\d\d", t.text) for t in doc[first:last + 1] if t.like_num)
    if in_date and (years or noun_tok is None or noun_tok.ent_type_ in _DATE_ENTS):
        return None  # "in 2012", "3 p.m."; a misread DATE is kept when it counts a noun
    num = doc[last] if doc[last].like_num else doc[first]
    if num.head.pos_ in ("PROPN", "NOUN") and num.head.i < first and noun is None:
        return None  # "Resolution 2254", "Route 4"
    if text in EMERGENCY_NUMBERS and noun is None:
        return None  # "called 911": a telephone number, not a count
    if noun_tok is not None and noun_tok.i < first:
        noun = None
    return CountMention(start, end, first, last + 1, *parsed, noun, text)  # type: ignore[misc]


__all__ = ["CountMention", "find_counts", "parse_count"]
