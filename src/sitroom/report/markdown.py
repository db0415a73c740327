"""A Markdown situation report for analysts.

The report only restates what the records hold: every line about an event names
its source outlet and article id so an analyst can check it, figures keep their
qualifiers ("at least", "unconfirmed"), and claims keep who made them. Nothing is
summarised by guesswork. Output is deterministic (every sort has a full tie-break,
no generation timestamp: put one in `title` if wanted), so two reports of the same
store diff cleanly. Text from articles is escaped so it cannot break the Markdown
(tables in particular).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable, Sequence

from sitroom.export.formats import conservative_count
from sitroom.records import Actor, Article, DateSpan, EventMention, Figure, Place, Quotation, Rejection

if TYPE_CHECKING:
    from sitroom.report.fused import FusedView
    from sitroom.store import Store

#: Most significant first, after events with casualties. Unknown types come last.
EVENT_RANK: tuple[str, ...] = (
    "ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "PROTEST", "SANCTION", "RETREAT", "CONSULT", "AGREE",
    "CONCEDE", "REJECT", "ACCUSE", "REQUEST", "AID", "COOPERATE", "SUPPORT",
)
STATUS_RANK: tuple[str, ...] = ("reported", "claimed", "denied", "threatened", "planned", "hypothetical")
QUALIFIER_LABEL = {
    "exact": "exact", "at_least": "at least", "up_to": "up to", "approximately": "about", "unconfirmed": "unconfirmed",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_WS = re.compile(r"\s+")


def escape(text: str | None) -> str:
    """Inline-safe Markdown: one line, special characters (incl. table pipes) escaped."""
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", _WS.sub(" ", text).strip())


def _short(text: str, limit: int) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rank(seq: Sequence[str], value: str) -> int:
    return seq.index(value) if value in seq else len(seq)


def _date_label(d: DateSpan | None) -> str:
    if d is None:
        return "undated"
    if d.precision == "month":
        return d.start[:7]
    if d.precision == "year":
        return d.start[:4]
    if d.precision == "week":
        return f"week of {d.start}"
    return d.start if d.start == d.end else f"{d.start} to {d.end}"


def _date_key(d: DateSpan | None) -> tuple[int, str, str]:
    return (1, "", "") if d is None else (0, d.start, d.end)


def _event_key(m: EventMention) -> tuple:
    return (*_date_key(m.date), m.article_id, m.span[0], m.id)


def _actors(actors: Sequence[Actor]) -> str:
    return ", ".join(escape(a.name) for a in actors)


def _place(p: Place | None) -> str:
    if p is None:
        return ""
    parts: list[str] = []
    for x in (p.name, p.admin1, p.country):
        if x and x not in parts:
            parts.append(x)
    return escape(", ".join(parts))


def _number(f: Figure) -> str:
    if f.value is not None:
        n = str(f.value)
    elif f.low is not None and f.high is not None and f.low != f.high:
        n = f"{f.low}–{f.high}"
    elif f.low is not None or f.high is not None:
        n = str(f.low if f.low is not None else f.high)
    else:
        n = "an unknown number"
    return n + (" (cumulative)" if f.cumulative else "")


def _figure(f: Figure) -> str:
    """'at least 12', 'about 30', '5 (unconfirmed)': the number as the source put it."""
    n = _number(f)
    if f.qualifier == "unconfirmed":
        return f"{n} (unconfirmed)"
    if f.qualifier in ("at_least", "up_to", "approximately"):
        return f"{QUALIFIER_LABEL[f.qualifier]} {n}"
    return n


def _casualties(m: EventMention) -> str:
    parts = []
    if m.killed is not None:
        parts.append(f"killed {_figure(m.killed)}")
    if m.wounded is not None:
        parts.append(f"wounded {_figure(m.wounded)}")
    return ", ".join(parts)


def _source_tag(m: EventMention, articles: dict[str, Article]) -> str:
    art = articles.get(m.article_id)
    outlet = escape(art.outlet) if art is not None and art.outlet else "unknown outlet"
    return f"[{outlet}, `{m.article_id}`]"


def _claim(m: EventMention) -> str:
    who = escape(m.attributed_to)
    if m.status == "reported":
        return f"according to {who}" if who else ""
    if not who:
        return m.status
    if m.status in ("claimed", "denied"):
        return f"{m.status} by {who}"
    return f"{m.status} (according to {who})"


def _event_line(m: EventMention, articles: dict[str, Article], with_date: bool) -> str:
    """One line: [date —] who → whom: WHAT (ACLED type) in where; figures; claim [source]."""
    head = ""
    if m.actors or m.recipients:
        head = (_actors(m.actors) or "unnamed actor") + (f" → {_actors(m.recipients)}" if m.recipients else "") + ": "
    what = f"**{escape(m.event)}**"
    detail = [x for x in (m.mode, m.acled_sub_event_type or m.acled_event_type) if x]
    if detail:
        what += f" ({escape('; '.join(detail))})"
    line = f"{head}{what}"
    if m.place is not None:
        line += f" in {_place(m.place)}"
    extras = [x for x in (_casualties(m), _claim(m)) if x]
    if extras:
        line += "; " + "; ".join(extras)
    line += f" {_source_tag(m, articles)}"
    return f"- {_date_label(m.date)} — {line}" if with_date else f"- {line}"


def _has_casualties(m: EventMention) -> bool:
    return bool(conservative_count(m.killed) or conservative_count(m.wounded))


def _significance(m: EventMention) -> tuple:
    """Casualty events that happened (ASSAULT first), then by event type, toll, status, date."""
    cas = _has_casualties(m) and m.status in ("reported", "claimed", "denied")
    tier = 0 if (cas and m.event == "ASSAULT") else (1 if cas else 2)
    return (
        tier, _rank(EVENT_RANK, m.event), -(conservative_count(m.killed) or 0),
        -(conservative_count(m.wounded) or 0), _rank(STATUS_RANK, m.status), *_event_key(m),
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(c if c else "—" for c in row) + " |" for row in rows]
    return out


# ---- sections ----------------------------------------------------------------------


def _header(title: str | None, articles: list[Article], events: list[EventMention],
            quotations: list[Quotation], rejections: list[Rejection], fused: "FusedView | None" = None) -> list[str]:
    dated = [m.date for m in events if m.date is not None]
    if dated:
        period = f"{min(d.start for d in dated)} to {max(d.end for d in dated)} (event dates)"
    else:
        period = "unknown (no dated events)"
    pub = sorted(a.published.date for a in articles if a.published.date)
    outlets = {a.outlet for a in articles if a.outlet}
    with_cas = sum(1 for m in events if m.killed is not None or m.wounded is not None)
    undated = len(events) - len(dated)
    lines = [
        f"# {escape(title) if title else 'Situation report'}",
        "",
        f"- **Period covered:** {period}",
    ]
    if pub:
        lines.append(f"- **Articles published:** {pub[0]} to {pub[-1]}")
    unnamed = sum(1 for a in articles if not a.outlet)
    sources = f"**{_n(len(outlets), 'named outlet')}**" + (f" ({unnamed} without an outlet)" if unnamed else "")
    lines.append(
        f"- **{_n(len(articles), 'article')}** from {sources}; "
        f"**{_n(len(events), 'event')}** ({with_cas} with casualty figures, {undated} undated); "
        f"**{_n(len(quotations), 'quotation')}**; **{_n(len(rejections), 'rejected input')}**"
    )
    if fused is not None:
        n = len(fused.stories)
        lines.append(f"- **{n} {'story' if n == 1 else 'stories'}**; reports of one real-world event merged, "
                     f"**{_n(len(fused.events), 'event')}** remain (the sections below list those)")
    return lines


def _what_happened(events: list[EventMention], articles: dict[str, Article], top: int) -> list[str]:
    lines = ["## What happened", ""]
    if not events:
        return lines + ["No events."]
    ranked = sorted(events, key=_significance)
    lines += [_event_line(m, articles, with_date=True) for m in ranked[:top]]
    if len(ranked) > top:
        lines += ["", f"*{len(ranked) - top} more events in the timeline.*"]
    return lines


def _timeline(events: list[EventMention], articles: dict[str, Article]) -> list[str]:
    lines = ["## Timeline", ""]
    if not events:
        return lines + ["No events."]
    current = None
    for m in sorted(events, key=_event_key):
        label = _date_label(m.date)
        if label != current:
            if current is not None:
                lines.append("")
            lines += [f"### {label.capitalize() if m.date is None else label}", ""]
            current = label
        lines.append(_event_line(m, articles, with_date=False))
    return lines


def _qualifiers(m: EventMention) -> str:
    qs = [(k, f.qualifier) for k, f in (("killed", m.killed), ("wounded", m.wounded)) if f is not None]
    if len({q for _, q in qs}) == 1:
        return QUALIFIER_LABEL.get(qs[0][1], qs[0][1])
    return "; ".join(f"{k}: {QUALIFIER_LABEL.get(q, q)}" for k, q in qs)


def _casualty_table(events: list[EventMention], articles: dict[str, Article]) -> list[str]:
    lines = ["## Casualty figures", ""]
    rows = []
    for m in sorted((m for m in events if m.killed is not None or m.wounded is not None), key=_event_key):
        art = articles.get(m.article_id)
        status = m.status + (f" ({m.attributed_to})" if m.attributed_to else "")
        source = f"{art.outlet if art and art.outlet else 'unknown outlet'}: “{_short(m.quote, 90)}”"
        rows.append([
            escape(_date_label(m.date)), _place(m.place),
            escape(_number(m.killed)) if m.killed else "", escape(_number(m.wounded)) if m.wounded else "",
            escape(_qualifiers(m)), _actors(m.recipients), escape(status), escape(source) + f" `{m.article_id}`",
        ])
    if not rows:
        return lines + ["No casualty figures reported."]
    return lines + _table(["Date", "Place", "Killed", "Wounded", "Qualifier", "Victims", "Status", "Source"], rows)


def _who_said_what(quotations: list[Quotation], articles: dict[str, Article]) -> list[str]:
    lines = ["## Who said what", ""]
    if not quotations:
        return lines + ["No quotations."]
    groups: dict[str | None, list[Quotation]] = defaultdict(list)
    for q in quotations:
        groups[q.speaker.name if q.speaker else (q.speaker_text or None)].append(q)
    names = sorted((n for n in groups if n is not None), key=lambda n: (n.casefold(), n))
    for i, name in enumerate([*names, *([None] if None in groups else [])]):
        if i:
            lines.append("")
        lines.append(f"**{escape(name)}**" if name is not None else "**Unattributed**")
        for q in sorted(groups[name], key=lambda q: (q.article_id, q.span, q.text)):
            art = articles.get(q.article_id)
            outlet = escape(art.outlet) if art and art.outlet else "unknown outlet"
            kind = "" if q.direct else " (reported speech)"
            lines.append(f"- “{escape(_short(q.text, 300))}”{kind} — {outlet}, `{q.article_id}`")
    return lines


def _places(events: list[EventMention]) -> list[str]:
    lines = ["## Places", ""]
    counts: dict[tuple, int] = defaultdict(int)
    for m in events:
        p = m.place
        if p is not None:
            counts[(p.name, p.admin1 or "", p.country or "", p.lat, p.lon, p.precision)] += 1
    if not counts:
        return lines + ["No located events."]

    def key(item: tuple[tuple, int]) -> tuple:
        (name, admin1, country, lat, lon, prec), n = item
        return (-n, name, admin1, country, lat is None, lat or 0.0, lon or 0.0, prec)

    rows = []
    for (name, admin1, country, lat, lon, prec), n in sorted(counts.items(), key=key):
        coords = f"{lat:.4f}, {lon:.4f}" if lat is not None and lon is not None else ""
        rows.append([escape(name), escape(admin1), escape(country), coords, escape(prec), str(n)])
    return lines + _table(["Place", "Admin1", "Country", "Lat, Lon", "Precision", "Events"], rows)


def _sources(articles: list[Article]) -> list[str]:
    lines = ["## Sources", ""]
    if not articles:
        return lines + ["No articles."]
    rows = []
    for a in sorted(articles, key=lambda a: (a.published.date is None, a.published.date or "", a.id)):
        how = "" if a.published.how == "unknown" else f"{a.published.how} ({a.published.precision})"
        rows.append([
            f"`{a.id}`", escape(a.outlet), escape(a.title), escape(a.uri),
            a.published.date or "unknown", escape(how), str(len(a.dropped)),
        ])
    return lines + _table(["Article", "Outlet", "Title", "URI", "Published", "How dated", "Dropped lines"], rows)


def _rejected(rejections: list[Rejection]) -> list[str]:
    lines = ["## Rejected inputs", ""]
    if not rejections:
        return lines + ["None."]
    rows = [[escape(r.uri), escape(r.stage), escape(r.reason)]
            for r in sorted(rejections, key=lambda r: (r.uri, r.stage, r.reason))]
    return lines + _table(["URI", "Stage", "Reason"], rows)


def render_report(
    articles: Iterable[Article],
    events: Iterable[EventMention],
    quotations: Iterable[Quotation] = (),
    rejections: Iterable[Rejection] = (),
    title: str | None = None,
    *,
    top: int = 10,
    fused: "FusedView | None" = None,
) -> str:
    """The whole report as Markdown. `top` caps the "What happened" list.

    With `fused` (what fusing found, `sitroom.report.fused.fused_view(store)`), events are
    the merged ones, and stories, key figures and escalation get sections of their own.
    """
    arts, evs, qs, rejs = list(articles), list(events), list(quotations), list(rejections)
    by_id = {a.id: a for a in arts}
    if fused is None:
        middle = [_what_happened(evs, by_id, top), _timeline(evs, by_id), _casualty_table(evs, by_id)]
    else:
        from sitroom.report.fused import fused_sections

        parts = fused_sections(fused, by_id, top)
        middle = [parts[k] for k in ("what", "stories", "timeline", "casualties", "figures", "escalation")]
    sections = [
        _header(title, arts, evs, qs, rejs, fused),
        *middle,
        _who_said_what(qs, by_id),
        _places(evs),
        _sources(arts),
        _rejected(rejs),
    ]
    return "\n\n".join("\n".join(s) for s in sections) + "\n"


def render_store_report(store: "Store", title: str | None = None, *, top: int = 10) -> str:
    """`render_report` over everything in a `sitroom.store.Store`, fused state included when there is some."""
    from sitroom.report.fused import fused_view

    return render_report(
        store.articles(), store.event_mentions(), store.quotations(), store.rejections(), title, top=top,
        fused=fused_view(store),
    )


__all__ = ["EVENT_RANK", "escape", "render_report", "render_store_report"]
