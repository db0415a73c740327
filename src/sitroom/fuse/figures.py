"""Figures from many sources reconciled: agreement, disagreement, and the number to use.

Reports of one count disagree ("51", "dozens", "about 20") and an analyst needs both the
spread and one defensible number. The rules, applied by `summarise` and `reconcile`:

1. Each claim gets a credibility class. `excluded`: denied, hypothetical, planned or
   threatened figures, and cumulative totals (a series over time, not a rival incident
   count: see `series`). `party`: status `claimed`, i.e. the claimant is a party to the
   fighting (the pipeline marks this from the attribution's sector), whose tolls of the
   other side are the ones most often inflated. `neutral`: everything else reported.
2. One vote per claimant: a figure repeated by ten outlets from one ministry is one claim.
   The claimant is `attributed_to`, else the outlet, else the article; a claimant that
   updates its figure votes with its latest (by date; on the same date, the more precise).
3. Credible figures are the votes of the first non-empty tier of: neutral confirmed,
   neutral `unconfirmed`, party confirmed, party unconfirmed. So a party's claim decides
   the number only when no neutral source gives one, and `only_party_claims` says so.
4. `best` = the lower median of the credible figures (always a figure someone gave);
   `conservative` = the lowest credible figure, ACLED's rule ("If source reports differ
   or a vague estimate is provided, ACLED uses the most conservative estimate"; vague
   words count as ACLED codes them: "tens" 10, "dozens" 12, "hundreds" 100). "several" /
   "a few" count as 3: sitroom's own lowest plural reading, not ACLED's.
   `low`/`high` span every non-excluded figure, party claims included.
5. `agree` when every vote lies within `tolerance` (5%) of the largest; else `disagree`.

A figure's point value follows its qualifier: `at_least` uses its lower bound ("more than
50" is 51), `up_to` its upper bound, the others the stated value.
"""
from __future__ import annotations

import re
import statistics
from collections import defaultdict
from typing import Iterable, Sequence

from sitroom.fuse.records import Credibility, Disagreement, FigureClaim, SeriesPoint, SourceFigure
from sitroom.pipeline.numbers import parse_count

EXCLUDED_STATUSES = {"denied", "hypothetical", "planned", "threatened"}
VAGUE_COUNTS = {  # ACLED's codings for tens/dozens/hundreds; "several"/"a few" are sitroom's (see above)
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
    "several": 3, "a few": 3, "a handful": 3,
}
_VAGUE_RE = re.compile(r"\b(" + "|".join(sorted(VAGUE_COUNTS, key=len, reverse=True)) + r")\b", re.I)


def credibility(claim: FigureClaim) -> Credibility:
    """neutral / party / excluded, per rule 1 of the module docstring."""
    if claim.status in EXCLUDED_STATUSES or claim.cumulative:
        return "excluded"
    return "party" if claim.status == "claimed" else "neutral"


def point_value(claim: FigureClaim) -> float | None:
    """The single number a claim stands for, per its qualifier; vague words per VAGUE_COUNTS."""
    if claim.qualifier == "at_least":
        v = claim.low if claim.low is not None else claim.value
    elif claim.qualifier == "up_to":
        v = claim.high if claim.high is not None else claim.value
    else:
        v = claim.value
        if v is None and claim.low is not None and claim.high is not None:
            v = (claim.low + claim.high) / 2
        elif v is None:
            v = claim.low if claim.low is not None else claim.high
    if v is None and claim.text:
        m = _VAGUE_RE.search(claim.text)
        v = VAGUE_COUNTS[m.group(1).lower()] if m else None
    return v


def lowest_value(claim: FigureClaim) -> float | None:
    """The least a claim asserts: its lower bound where it gives one, else its point value."""
    if claim.low is not None and claim.qualifier != "up_to":
        return claim.low
    return point_value(claim)


def claimant(claim: FigureClaim) -> str:
    """Who stands behind a figure, for counting independent claims (rule 2)."""
    src = claim.source
    for name in (src.attributed_to if src else None, src.outlet if src else None, src.article_id if src else None):
        if name and name.strip():
            return " ".join(name.lower().split())
    return f"#{id(claim)}"


def _source_figure(claim: FigureClaim) -> SourceFigure:
    src = claim.source
    return SourceFigure(
        article_id=src.article_id if src else None, outlet=src.outlet if src else None, value=claim.value,
        low=claim.low, high=claim.high, qualifier=claim.qualifier, cumulative=claim.cumulative,
        attributed_to=src.attributed_to if src else None, status=claim.status, credibility=credibility(claim),
        date=claim.date, text=claim.text,
    )


def format_number(v: float | None) -> str:
    """51 -> '51', 3600000 -> '3.6 million', 12500 -> '12,500'."""
    if v is None:
        return "an unknown number"
    if v >= 1_000_000 and v % 100_000 == 0:
        return f"{v / 1_000_000:g} million"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def label(claim: FigureClaim) -> str:
    """The figure as the source worded it when known ("more than 50"), else from its numbers."""
    text = " ".join(claim.text.split())
    if text and text.lower() not in ("a", "an") and parse_count(text) is not None:
        # the source's own words for a number ("more than 50", "dozens"); a victim counted as one
        # from "a soldier" or "the mayor" is shown as the number
        return text[0].lower() + text[1:] if text[:1].isupper() and not text[:2].isupper() else text
    prefix = {"at_least": "at least ", "up_to": "up to ", "approximately": "about "}.get(claim.qualifier, "")
    return prefix + format_number(point_value(claim))


def _speaker(claim: FigureClaim, outlets: Sequence[str] = ()) -> tuple[str, str]:
    """Who says it, and through which outlets ("via Wire A, Daily B") when it is someone they cite."""
    src = claim.source
    if src and src.attributed_to:
        names = list(dict.fromkeys([*([src.outlet] if src.outlet else []), *outlets]))
        return src.attributed_to, f"via {', '.join(names)}" if names else ""
    if src and src.outlet:
        return src.outlet, ""
    if src and src.article_id:
        return f"article {src.article_id}", ""  # no outlet known: the article, so a reader can check it
    return "an unnamed source", ""


_PRECISION = {"exact": 3, "at_least": 2, "up_to": 2, "approximately": 1, "unconfirmed": 0}


def _vote_order(claim: FigureClaim) -> tuple[str, int]:
    return claim.date or "", _PRECISION.get(claim.qualifier, 0)


def _votes(claims: Sequence[FigureClaim]) -> list[FigureClaim]:
    """One claim per claimant: its latest (by date, then precision, then input order), first-seen order."""
    latest: dict[str, FigureClaim] = {}
    for c in claims:
        key = claimant(c)
        if key not in latest or _vote_order(c) >= _vote_order(latest[key]):
            latest[key] = c
    return list(latest.values())


def _tiers(votes: Sequence[FigureClaim]) -> tuple[list[FigureClaim], bool]:
    """Credible votes (rule 3) and whether they are party claims only."""
    for cls in ("neutral", "party"):
        for unconfirmed in (False, True):
            tier = [c for c in votes if credibility(c) == cls and (c.qualifier == "unconfirmed") == unconfirmed
                    and point_value(c) is not None]
            if tier:
                return tier, cls == "party"
    return [], False


def _sentence(votes: Sequence[FigureClaim], agreement: str, outlets: dict[str, list[str]]) -> str:
    if agreement == "none":
        return "No source gives a number."
    if agreement == "agree":
        names = ", ".join(dict.fromkeys(_speaker(c)[0] for c in votes))
        return f"{len(votes)} sources agree on {label(votes[0])}: {names}."
    parts = []
    for c in votes:
        who, via = _speaker(c, outlets.get(claimant(c), ()))
        notes = [n for n in (via, "a party to the fighting" if credibility(c) == "party" else "",
                             "unconfirmed" if c.qualifier == "unconfirmed" else "") if n]
        verb = "says" if c.source and c.source.attributed_to else "reports"
        parts.append(f"{who} {verb} {label(c)}" + (f" ({'; '.join(notes)})" if notes else ""))
    if agreement == "single":
        return parts[0][0].upper() + parts[0][1:] + "; no other source gives a figure."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def summarise(claims: Sequence[FigureClaim], *, subject: str | None = None, measure: str | None = None,
              tolerance: float = 0.05) -> Disagreement:
    """Reconcile claims already known to be about one count (one event's killed, say)."""
    subject = subject if subject is not None else (claims[0].subject if claims else "")
    measure = measure if measure is not None else (claims[0].measure if claims else "")
    counted = [c for c in claims if credibility(c) != "excluded" and point_value(c) is not None]
    votes = _votes(counted)
    outlets: dict[str, list[str]] = {}
    for c in counted:
        if c.source and c.source.outlet:
            outlets.setdefault(claimant(c), []).append(c.source.outlet)
    credible, only_party = _tiers(votes)
    points = [point_value(c) for c in votes]
    if not votes:
        agreement = "none"
    elif len(votes) == 1:
        agreement = "single"
    else:
        hi = max(points)  # type: ignore[type-var]
        agreement = "agree" if hi - min(points) <= tolerance * hi else "disagree"  # type: ignore[type-var,operator]
    best = statistics.median_low([point_value(c) for c in credible]) if credible else None
    conservative = min(lowest_value(c) for c in credible) if credible else None  # type: ignore[type-var]
    lows = [lowest_value(c) for c in counted]
    highs = [c.high if c.high is not None and c.qualifier != "at_least" else point_value(c) for c in counted]
    return Disagreement(
        subject=subject, measure=measure, per_source=tuple(_source_figure(c) for c in claims),
        agreement=agreement, best=best,
        low=min(v for v in lows if v is not None) if counted else None,
        high=max(v for v in highs if v is not None) if counted else None,
        conservative=conservative, source_count=len(votes), only_party_claims=only_party,
        unconfirmed=bool(credible) and all(c.qualifier == "unconfirmed" for c in credible),
        sentence=_sentence(votes, agreement, outlets),
    )


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def reconcile(claims: Iterable[FigureClaim], tolerance: float = 0.05) -> list[Disagreement]:
    """Group claims by (subject, measure) and reconcile each group, in first-seen order.

    Cumulative claims are left out (they are a series: `series`); so are claims whose
    subjects differ only in what the caller put there, so a caller comparing stocks at
    different times ("refugees in 2016" vs "in 2020") says so in the subject.
    """
    groups: dict[tuple[str, str], list[FigureClaim]] = defaultdict(list)
    for c in claims:
        if not c.cumulative:
            groups[(_key(c.subject), _key(c.measure))].append(c)
    return [summarise(g, subject=g[0].subject, measure=g[0].measure, tolerance=tolerance) for g in groups.values()]


def series(claims: Iterable[FigureClaim]) -> dict[tuple[str, str], tuple[SeriesPoint, ...]]:
    """Cumulative claims as dated series per (subject, measure), oldest first (undated last).

    A running total that grows ("8 killed" then "16 killed in total") is a series, not a
    contradiction; a reader sees how it rose and who gave each point.
    """
    out: dict[tuple[str, str], list[SeriesPoint]] = defaultdict(list)
    for c in claims:
        if c.cumulative:
            out[(c.subject, c.measure)].append(SeriesPoint(c.date, c.value, c.low, c.high, c.qualifier, c.source,
                                                           c.status))
    return {k: tuple(sorted(v, key=lambda p: (p.date is None, p.date or ""))) for k, v in out.items()}


__all__ = [
    "EXCLUDED_STATUSES", "VAGUE_COUNTS", "claimant", "credibility", "format_number", "label", "lowest_value",
    "point_value", "reconcile", "series", "summarise",
]
