"""Report sections for what fusing found: stories, merged events, the casualty ledger, key figures, escalation.

When a store holds fused state, the situation report speaks of real-world events, not of
article mentions: "What happened", "Timeline" and "Casualty figures" list merged events
(one line per event, with how many independent outlets report it), and three sections
are added: "Stories", "Key figures" (displaced, refugees and running tolls reconciled per
story: "700,000 displaced — 3 sources") and "Escalation" (per actor pair, the daily
conflict-cooperation score and the day words turned to force). Figures keep who gave
them: a ledger row shows every source's number and the sentence saying where they part.
Like the rest of the report, output is deterministic and every line names its sources.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping

from sitroom.analytics.escalation import PairSeries, pair_series
from sitroom.fuse.claims import country_name
from sitroom.fuse.figures import format_number, reconcile, series
from sitroom.fuse.records import Disagreement, Event, FigureClaim, SeriesPoint, Story
from sitroom.records import Article
from sitroom.report import markdown as md

MEASURE_LABEL = {"displaced": "displaced", "refugees": "refugees", "killed_total": "killed in total",
                 "killed": "killed", "wounded": "wounded"}


@dataclass(frozen=True)
class FusedView:
    """The fused state a report needs, read from a store once."""

    stories: list[Story]
    events: list[Event]
    claims: Mapping[str, list[FigureClaim]] = field(default_factory=dict)  # story id -> claims

    @property
    def pairs(self) -> list[PairSeries]:
        return pair_series(self.events)


def fused_view(store: Any) -> FusedView | None:
    """The store's fused state, or None when nothing has been fused (the report then lists mentions)."""
    stories = store.stories()
    if not stories:
        return None
    return FusedView(stories, list(store.merged_events()), store.claims_by_story())


def _sources(ev: Event) -> str:
    """'3 sources: Levant Wire, Daily `a1`, ...' : outlets by name, articles without one by id."""
    names: list[str] = []
    for s in ev.sources:
        name = md.escape(s.outlet) if s.outlet else f"`{s.article_id}`"
        if name not in names:
            names.append(name)
    n = ev.source_count
    return f"[{n} source{'s' if n != 1 else ''}: {', '.join(names)}]"


def _figure_words(d: Disagreement | None, measure: str) -> str:
    if d is None or d.best is None:
        return ""
    if d.agreement == "disagree":
        spread = f"{format_number(d.low)}–{format_number(d.high)}" if d.low != d.high else format_number(d.best)
        return f"{measure} {spread} (sources disagree; best {format_number(d.best)})"
    note = " (party claims only)" if d.only_party_claims else (" (unconfirmed)" if d.unconfirmed else "")
    return f"{measure} {format_number(d.best)}{note}"


def event_line(ev: Event, with_date: bool) -> str:
    """One line per merged event: [date —] who → whom: WHAT in where; figures; status [sources]."""
    head = ""
    if ev.actors or ev.recipients:
        head = (md._actors(ev.actors) or "unnamed actor") + (f" → {md._actors(ev.recipients)}"
                                                             if ev.recipients else "") + ": "
    what = f"**{md.escape(ev.event)}**"
    detail = [x for x in (ev.mode, ev.acled_sub_event_type or ev.acled_event_type) if x]
    if detail:
        what += f" ({md.escape('; '.join(detail))})"
    line = head + what + (f" in {md._place(ev.place)}" if ev.place is not None else "")
    extras = [x for x in (_figure_words(ev.killed, "killed"), _figure_words(ev.wounded, "wounded")) if x]
    if ev.status != "reported":
        claimants = sorted({s.attributed_to for s in ev.sources if s.attributed_to})
        extras.append(ev.status + (f" by {md.escape(', '.join(claimants))}" if claimants and
                                   ev.status in ("claimed", "denied") else ""))
    if extras:
        line += "; " + "; ".join(extras)
    line += f" {_sources(ev)}"
    return f"- {md._date_label(ev.date)} — {line}" if with_date else f"- {line}"


def _date_key(ev: Event) -> tuple:
    d = ev.date
    return ((1, "", "") if d is None else (0, d.start, d.end)) + (ev.story_id or "", ev.id)


def _toll(d: Disagreement | None) -> float:
    return d.conservative or 0 if d is not None else 0


def _significance(ev: Event) -> tuple:
    cas = bool(_toll(ev.killed) or _toll(ev.wounded)) and ev.status in ("reported", "claimed", "denied")
    tier = 0 if (cas and ev.event == "ASSAULT") else (1 if cas else 2)
    return (tier, -ev.source_count, md._rank(md.EVENT_RANK, ev.event), -_toll(ev.killed), -_toll(ev.wounded),
            md._rank(md.STATUS_RANK, ev.status), *_date_key(ev))


def what_happened(view: FusedView, top: int) -> list[str]:
    lines = ["## What happened", ""]
    if not view.events:
        return lines + ["No events."]
    ranked = sorted(view.events, key=_significance)
    lines += [event_line(ev, with_date=True) for ev in ranked[:top]]
    if len(ranked) > top:
        lines += ["", f"*{len(ranked) - top} more events in the timeline.*"]
    return lines


def stories_section(view: FusedView, articles: Mapping[str, Article]) -> list[str]:
    lines = ["## Stories", ""]
    events: dict[str, int] = defaultdict(int)
    for ev in view.events:
        events[ev.story_id or ""] += 1
    rows = []
    for s in view.stories:
        arts = [articles[a] for a in s.article_ids if a in articles]
        title = s.title or next((a.title for a in arts if a.title), None)
        outlets = sorted({a.outlet for a in arts if a.outlet})
        published = s.first_published or "unknown"
        if s.last_published and s.last_published != s.first_published:
            published += f" to {s.last_published}"
        rows.append([(f"{md.escape(title)} " if title else "story ") + f"`{s.id}`", published, str(len(s.article_ids)),
                     md.escape(", ".join(outlets)), md.escape(", ".join(s.places)),
                     md.escape(", ".join(s.actors[:3])), str(events.get(s.id, 0))])
    return lines + md._table(["Story", "Published", "Articles", "Outlets", "Places", "Main actors", "Events"], rows)


def timeline(view: FusedView) -> list[str]:
    lines = ["## Timeline", ""]
    if not view.events:
        return lines + ["No events."]
    current = None
    for ev in sorted(view.events, key=_date_key):
        label = md._date_label(ev.date)
        if label != current:
            if current is not None:
                lines.append("")
            lines += [f"### {label.capitalize() if ev.date is None else label}", ""]
            current = label
        lines.append(event_line(ev, with_date=False))
    return lines


def _figure_cell(d: Disagreement | None) -> str:
    if d is None or d.best is None:
        return ""
    cell = format_number(d.best)
    if d.conservative is not None and d.conservative != d.best:
        cell += f" (conservative {format_number(d.conservative)})"
    if d.low is not None and d.high is not None and d.low != d.high:
        cell += f"; range {format_number(d.low)}–{format_number(d.high)}"
    return cell


def casualty_ledger(view: FusedView) -> list[str]:
    """Merged events with casualty figures: the number to use, its spread, and every source's word."""
    lines = ["## Casualty figures", ""]
    rows = []
    for ev in sorted((e for e in view.events if e.killed or e.wounded), key=_date_key):
        said = " ".join(d.sentence for d in (ev.killed, ev.wounded) if d is not None)
        agreement = "; ".join(f"{k}: {d.agreement}" for k, d in (("killed", ev.killed), ("wounded", ev.wounded))
                              if d is not None)
        rows.append([md.escape(md._date_label(ev.date)), md._place(ev.place), md.escape(ev.event),
                     md.escape(_figure_cell(ev.killed)), md.escape(_figure_cell(ev.wounded)),
                     md._actors(ev.recipients), md.escape(agreement), md.escape(said),
                     _sources(ev).strip("[]")])
    if not rows:
        return lines + ["No casualty figures reported."]
    return lines + md._table(["Date", "Place", "Event", "Killed", "Wounded", "Victims", "Agreement",
                              "What the sources say", "Sources"], rows)


def _figure_line(d: Disagreement) -> str:
    n = d.source_count
    count = f"{n} source{'s' if n != 1 else ''}"
    if d.agreement == "disagree":
        head = (f"**{md.escape(MEASURE_LABEL.get(d.measure, d.measure)).capitalize()} ({md.escape(d.subject)})**: "
                f"{format_number(d.low)} to {format_number(d.high)} — {count} disagree")
    else:
        head = (f"**{format_number(d.best)} {md.escape(MEASURE_LABEL.get(d.measure, d.measure))}** "
                f"({md.escape(d.subject)}) — {count}")
    return f"- {head}. {md.escape(d.sentence)}"


def _point(p: SeriesPoint) -> str:
    who = (p.source.attributed_to or p.source.outlet or f"`{p.source.article_id}`") if p.source else "unknown"
    when = p.date or "date unknown"
    value = format_number(p.value if p.value is not None else p.low)
    prefix = {"at_least": "at least ", "up_to": "up to ", "approximately": "about "}.get(p.qualifier, "")
    return f"{prefix}{value} ({when}; {md.escape(who) if not who.startswith('`') else who})"


def key_figures(view: FusedView) -> list[str]:
    """Figures reconciled per story; cumulative totals as series (a rising toll is not a contradiction)."""
    lines = ["## Key figures", ""]
    titles = {s.id: s.title for s in view.stories}
    order = [s.id for s in view.stories if s.id in view.claims]
    if not order:
        return lines + ["No figures beyond event casualties."]
    for i, story_id in enumerate(order):
        claims = view.claims[story_id]
        if i:
            lines.append("")
        title = titles.get(story_id)
        lines.append((f"**{md.escape(title)}** " if title else "**Story** ") + f"`{story_id}`")
        lines += [_figure_line(d) for d in reconcile(claims)]
        for (subject, measure), points in series(claims).items():
            lines.append(f"- **{md.escape(subject)}, {MEASURE_LABEL.get(measure, measure)}** "
                         f"(a running total reported over time, not a disagreement): "
                         + " → ".join(_point(p) for p in points))
    return lines


def _side(side: tuple[str, str | None]) -> str:
    name = country_name(side[0]) or side[0]
    return f"{name} ({side[1]})" if side[1] else name


def escalation(view: FusedView, top: int = 10) -> list[str]:
    """Pairs that moved from words to force first, then the pairs with most event days."""
    lines = ["## Escalation", ""]
    pairs = view.pairs
    if not pairs:
        return lines + ["No dated events between two parties."]
    ranked = sorted(pairs, key=lambda s: (s.escalation is None, s.escalation.force_date if s.escalation else "",
                                          -sum(d.events for d in s.days), str(s.source), str(s.target)))
    for s in ranked[:top]:
        total = sum(d.score for d in s.days)
        days = ", ".join(f"{d.date} {d.score:+g}" for d in s.days)
        line = (f"- {md.escape(_side(s.source))} → {md.escape(_side(s.target))}: "
                f"{md._n(sum(d.events for d in s.days), 'event')} on {md._n(len(s.days), 'day')}, "
                f"score {total:+g} ({days})")
        if s.escalation is not None:
            line += f"; **from words to force**: words on {s.escalation.words_date}, force on {s.escalation.force_date}"
        lines.append(line)
    if len(ranked) > top:
        lines += ["", f"*{len(ranked) - top} more pairs in `sitroom export --what escalation`.*"]
    return lines


def fused_sections(view: FusedView, articles: Mapping[str, Article], top: int) -> dict[str, list[str]]:
    """Sections by name, for `render_report` to place."""
    return {"what": what_happened(view, top), "stories": stories_section(view, articles),
            "timeline": timeline(view), "casualties": casualty_ledger(view), "figures": key_figures(view),
            "escalation": escalation(view)}


__all__ = ["FusedView", "casualty_ledger", "escalation", "event_line", "fused_sections", "fused_view", "key_figures",
           "stories_section", "timeline", "what_happened"]
