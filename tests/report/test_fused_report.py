"""The report over a fused store: stories, merged timeline, casualty ledger, key figures, escalation."""
from __future__ import annotations

from sitroom.fuse.fuser import Fuser
from sitroom.fuse.records import FigureClaim
from sitroom.records import Analysis, Source
from sitroom.report import render_store_report
from sitroom.store import Store

from tests.fuse.builders import SYR_MIL, TUR_MIL, article, day, killed, mention

SECTIONS = ["## What happened", "## Stories", "## Timeline", "## Casualty figures", "## Key figures",
            "## Escalation", "## Who said what", "## Places", "## Sources", "## Rejected inputs"]


def _store(tmp_path):
    store = Store.open(tmp_path / "r.db")
    wire = article(1, "Turkish shelling near Alphaville killed 51 Syrian soldiers on Monday, Ankara said.",
                   outlet="Levant Wire", title="Ankara says 51 Syrian soldiers killed")
    daily = article(2, "A monitor said about 20 Syrian soldiers died in Turkish shelling near Alphaville on Monday.",
                    outlet="Crossroads Daily", published="2020-02-12")
    monitor = article(3, "Some 700,000 people have been displaced near Alphaville since December.",
                      outlet="Northwest Monitor", published="2020-02-12")
    threat = mention(wire, 90, event="THREATEN", date=day("2020-02-05"), actors=(TUR_MIL,), recipients=(SYR_MIL,))
    items = [
        (wire, [mention(wire, 0, killed=killed(51), status="claimed", attributed_to="Government of Turkey"), threat]),
        (daily, [mention(daily, 0, killed=killed(20, "approximately", text="about 20"))]),
        (monitor, []),
    ]
    src = lambda a, q: Source(a.id, a.outlet, q, None)  # noqa: E731
    claims = {
        wire.id: [FigureClaim("Alphaville", "displaced", 700000, 700000, None, "at_least", src(wire, "700,000"), "2020-02-11")],
        monitor.id: [FigureClaim("Alphaville", "displaced", 700000, None, None, "approximately",
                                 src(monitor, "Some 700,000"), "2020-02-12")],
        daily.id: [FigureClaim("Military Forces of Turkey", "killed_total", 13, 13, None, "at_least",
                               src(daily, "13 in total"), "2020-02-12", cumulative=True)],
    }
    fuser = Fuser()
    for art, evs in items:
        store.save_analysis(Analysis(art, tuple(evs)), [(c, 0) for c in claims.get(art.id, [])],
                            ["place:Alphaville#1001", "actor:Military Forces of Syria"])
        with store.fusion() as s:
            fuser.add(s, art, evs)
    return store, wire


def test_fused_report_sections_and_content(tmp_path):
    store, wire = _store(tmp_path)
    with store:
        md = render_store_report(store, title="Alphaville")
    positions = [md.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert "**1 story**; reports of one real-world event merged, **2 events** remain" in md
    stories = md.split("## Stories")[1].split("## Timeline")[0]
    assert "Ankara says 51 Syrian soldiers killed" in stories and "| 3 |" in stories
    what = md.split("## What happened")[1].split("## Stories")[0]
    first = [x for x in what.splitlines() if x.startswith("- ")][0]
    assert "**ASSAULT**" in first and "killed 20–51 (sources disagree; best 20)" in first
    assert "[2 sources: Levant Wire, Crossroads Daily]" in first
    ledger = md.split("## Casualty figures")[1].split("## Key figures")[0]
    assert "Government of Turkey says 51" in ledger and "Crossroads Daily reports about 20" in ledger
    figures = md.split("## Key figures")[1].split("## Escalation")[0]
    assert "**700,000 displaced** (Alphaville) — 2 sources" in figures
    assert "Military Forces of Turkey, killed in total** (a running total reported over time, not a " \
           "disagreement): at least 13 (2020-02-12; Crossroads Daily)" in figures
    escalation = md.split("## Escalation")[1].split("## Who said what")[0]
    assert "- Turkey (MIL) → Syria (MIL): 2 events on 2 days" in escalation
    assert "**from words to force**: words on 2020-02-05, force on 2020-02-10" in escalation


def test_report_is_repeatable(tmp_path):
    store, _ = _store(tmp_path)
    with store:
        assert render_store_report(store) == render_store_report(store)
