from __future__ import annotations

import random

from sitroom.records import Actor, Analysis, DateSpan, Figure, PublishedDate, Rejection
from sitroom.report import render_report, render_store_report
from sitroom.report.markdown import escape
from sitroom.store import Store

SECTIONS = [
    "## What happened", "## Timeline", "## Casualty figures", "## Who said what", "## Places", "## Sources",
    "## Rejected inputs",
]


def _corpus(build):
    a1 = build.article(1)
    a2 = build.article(2, outlet="Sudan | Tribune", published=PublishedDate("2024-03-06", "day", "text"))
    assault = build.mention(a1, 0)
    threat = build.mention(
        a1, 5, event="THREATEN", killed=None, wounded=None, status="threatened", place=None, mode=None,
        acled_event_type="Strategic developments", acled_sub_event_type=None,
        date=DateSpan("2024-03-05", "2024-03-05", "day"),
    )
    consult = build.mention(
        a2, 1, event="CONSULT", date=None, killed=None, wounded=None, status="reported", attributed_to=None,
        actors=(Actor("UN envoy", None, "IGO"),), recipients=(Actor("Sudanese Armed Forces", "SDN", "MIL"),),
        mode=None, acled_event_type=None, acled_sub_event_type=None,
    )
    shelling = build.mention(
        a2, 9, event="ASSAULT", quote="Shelling killed 5 | witnesses said", acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack", killed=Figure(5, 5, 5, "unconfirmed"),
        wounded=None, date=DateSpan("2024-03-01", "2024-03-01", "day"), status="reported",
    )
    quotes = [
        build.quotation(a1, 3, Actor("Sudanese Armed Forces", "SDN", "MIL", "the army"), text="We will respond"),
        build.quotation(a2, 40, None, speaker_text=None, text="No one knows", direct=False),
    ]
    rejections = [Rejection("file:///corpus/scan.pdf", "unsupported content type application/pdf")]
    return [a1, a2], [assault, threat, consult, shelling], quotes, rejections


def test_sections_present_in_order(build):
    md = render_report(*_corpus(build), title="Darfur, March 2024")
    assert md.startswith("# Darfur, March 2024\n")
    positions = [md.index(s) for s in SECTIONS]
    assert positions == sorted(positions)


def test_header_period_and_counts(build):
    md = render_report(*_corpus(build))
    assert md.startswith("# Situation report\n")
    assert "**Period covered:** 2024-03-01 to 2024-03-05 (event dates)" in md
    assert "**Articles published:** 2024-03-04 to 2024-03-06" in md
    assert "**2 articles** from **2 named outlets**;" in md
    assert "**4 events** (2 with casualty figures, 1 undated)" in md
    assert "**1 rejected input**" in md


def test_articles_without_an_outlet_are_not_counted_as_one(build):
    arts, *rest = _corpus(build)
    md = render_report([*arts, build.article(3, outlet=None), build.article(4, outlet=None)], *rest)
    assert "**4 articles** from **2 named outlets** (2 without an outlet);" in md


def test_what_happened_ranks_casualties_first(build):
    md = render_report(*_corpus(build))
    section = md.split("## What happened")[1].split("## Timeline")[0]
    lines = [x for x in section.splitlines() if x.startswith("- ")]
    assert [x.split("**")[1] for x in lines] == ["ASSAULT", "ASSAULT", "THREATEN", "CONSULT"]
    assert lines[0].startswith("- 2024-03-03 — Rapid Support Forces, Allied militia → Civilians: **ASSAULT**")
    assert "killed at least 12" in lines[0] and "claimed by local activists" in lines[0]
    assert "in Tawila, North Darfur, SDN" in lines[0]
    assert "killed 5 (unconfirmed)" in lines[1]
    assert lines[3].startswith("- undated — UN envoy → Sudanese Armed Forces: **CONSULT**")


def test_top_limits_what_happened(build):
    md = render_report(*_corpus(build), top=1)
    section = md.split("## What happened")[1].split("## Timeline")[0]
    assert sum(1 for x in section.splitlines() if x.startswith("- ")) == 1
    assert "3 more events in the timeline" in section


def test_timeline_by_date_undated_last(build):
    md = render_report(*_corpus(build))
    section = md.split("## Timeline")[1].split("## Casualty figures")[0]
    headings = [x for x in section.splitlines() if x.startswith("### ")]
    assert headings == ["### 2024-03-01", "### 2024-03-03", "### 2024-03-05", "### Undated"]


def test_casualty_table_has_figures_and_sources(build):
    articles, events, quotes, rejections = _corpus(build)
    md = render_report(articles, events, quotes, rejections)
    section = md.split("## Casualty figures")[1].split("## Who said what")[0]
    rows = [x for x in section.splitlines() if x.startswith("| ")]
    assert rows[0] == "| Date | Place | Killed | Wounded | Qualifier | Victims | Status | Source |"
    assert len(rows) == 3  # header + two events with figures, by date
    assert rows[1].startswith("| 2024-03-01 |")
    assert "| 5 |" in rows[1] and "unconfirmed" in rows[1]
    assert "Sudan \\| Tribune" in rows[1] and "Shelling killed 5 \\| witnesses said" in rows[1]
    assert f"`{articles[1].id}`" in rows[1]
    assert "| 12 | 20–30 (cumulative) | killed: at least; wounded: about | Civilians | claimed (local activists) |" in rows[2]
    assert "Radio Dabanga" in rows[2]
    for row in rows:  # every row has exactly the header's columns once pipes are escaped
        assert row.replace("\\|", "").count("|") == 9


def test_who_said_what_grouped_by_speaker(build):
    articles, *_ = _corpus(build)
    md = render_report(*_corpus(build))
    section = md.split("## Who said what")[1].split("## Places")[0]
    assert "**Sudanese Armed Forces**\n- “We will respond” — Radio Dabanga" in section
    assert section.index("**Sudanese Armed Forces**") < section.index("**Unattributed**")
    assert "“No one knows” (reported speech) — Sudan \\| Tribune" in section
    assert f"`{articles[0].id}`" in section


def test_places_and_sources(build):
    articles, *_ = _corpus(build)
    md = render_report(*_corpus(build))
    places = md.split("## Places")[1].split("## Sources")[0]
    assert "| Tawila | North Darfur | SDN | 13.5000, 24.8333 | place | 3 |" in places
    sources = md.split("## Sources")[1].split("## Rejected inputs")[0]
    assert f"| `{articles[0].id}` | Radio Dabanga | Title 1 | file:///corpus/1.txt | 2024-03-04 | metadata (day) | 2 |" in sources
    assert sources.index(articles[0].id) < sources.index(articles[1].id)
    assert "text (day)" in sources


def test_rejected_inputs_listed(build):
    md = render_report(*_corpus(build))
    section = md.split("## Rejected inputs")[1]
    assert "| file:///corpus/scan.pdf | ingest | unsupported content type application/pdf |" in section


def test_deterministic_regardless_of_input_order(build):
    articles, events, quotes, rejections = _corpus(build)
    expected = render_report(articles, events, quotes, rejections)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = [list(x) for x in (articles, events, quotes, rejections)]
        for x in shuffled:
            rng.shuffle(x)
        assert render_report(*shuffled) == expected


def test_empty_report():
    md = render_report([], [], [], [])
    for s in SECTIONS:
        assert s in md
    assert "unknown (no dated events)" in md and "No events." in md and "None." in md


def test_escape():
    assert escape("a|b *c* _d_ [e](f) <g>\nh") == "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> h"
    assert escape(None) == ""


def test_report_from_store(tmp_path, build):
    articles, events, quotes, rejections = _corpus(build)
    with Store.open(tmp_path / "s.db") as store:
        for a in articles:
            store.save_analysis(Analysis(a, tuple(e for e in events if e.article_id == a.id),
                                         tuple(q for q in quotes if q.article_id == a.id)))
        for r in rejections:
            store.save_rejection(r)
        md = render_store_report(store)
    direct = render_report(articles, events, quotes, store_rejections := [
        Rejection(r.uri, r.reason, r.stage, r.at) for r in rejections
    ])
    assert store_rejections
    assert md == direct


def test_hypothetical_casualties_do_not_lead(build):
    art = build.article()
    real = build.mention(art, 1, killed=Figure(2, 2, 2), wounded=None, status="reported")
    feared = build.mention(art, 2, killed=Figure(1000, 1000, 1000), wounded=None, status="hypothetical")
    md = render_report([art], [feared, real], [], [])
    section = md.split("## What happened")[1].split("## Timeline")[0]
    assert section.index("killed 2;") < section.index("killed 1000;")
    assert "hypothetical (according to local activists)" in section
