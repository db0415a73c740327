"""Gun Violence Archive (SemEval-2018 task 5): stories, merged casualty figures, dates and cities.

The data folder holds `documents.jsonl` (news articles, each labelled with the incident it
reports) and `incidents.jsonl` (per incident: date, city, killed, injured). sitroom reads
each article as `sitroom run` would (title, publication date `dct`, the outlet from its
URL's host; text cleaned of page debris), stores and fuses them oldest first into an
in-memory store, and is scored on:

- `bcubed_precision`, `bcubed_recall`, `bcubed_f1`: the stories it forms against the
  incidents (B-cubed over the articles that have text);
- per incident with a row in incidents.jsonl, from the story most of its articles are in (on a
  tie, the one that reported it first) and that story's main ASSAULT event (the one most of its
  articles mention): `killed_exact` and `injured_exact` (of the figures no source excludes for
  that event, the largest death toll and the wounded count most sources give; 0 when none gives
  one; equals the gold count), `date_exact` (the event's
  day, or the story's most reported day: see `predict_story`, is the incident's date) and
  `city_accuracy` (the settlement the story names most is the incident's city or county).

The counts table adds the incidents whose story holds all their reports and nothing else, with
the killed, injured and date scores on those alone: how much of the figures' error is the stories'.

Gold is read only to score: what predicts sees the article's id, title, date, URL and
text, never its incident label, incidents.jsonl or its `original_sources`. `--sample` /
`--limit` select incidents (with all their articles), so a sample keeps whole stories.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import urlparse

from sitroom.eval.common import EvalResult, Options, select
from sitroom.eval.metrics import safe_div
from sitroom.eval.runner import Progress, _finish, _parse_batch, default_pipeline
from sitroom.fuse.figures import point_value
from sitroom.fuse.records import Disagreement, Event, FigureClaim, Story
from sitroom.fuse.keys import HAPPENED, mention_keys
from sitroom.ingest.options import IngestOptions
from sitroom.pipeline.base import DocState, assign
from sitroom.pipeline.casualty_tolls import SELF
from sitroom.pipeline.clean import clean_document
from sitroom.pipeline.language import readable
from sitroom.pipeline.numbers import MULTIPLES
from sitroom.records import Analysis, Article, RawDocument

_ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", re.I)


@dataclass(frozen=True)
class Document:
    """What sitroom may see of an article: no incident label."""

    doc_id: str
    title: str | None
    dct: str | None
    uri: str
    content: str


@dataclass(frozen=True)
class Incident:
    """The gold answer for one incident (read only to score)."""

    date: str | None
    city: str
    killed: int | None
    injured: int | None


@dataclass(frozen=True)
class Predicted:
    """sitroom's answer for the story an incident's articles fall in."""

    story_id: str | None
    killed: int
    injured: int
    date: str | None
    city: str | None


def outlet_of(uri: str) -> str | None:
    """The outlet as ingestion knows it from a URL: its host (archive.org wrappers removed)."""
    host = urlparse(_ARCHIVE.sub("", uri or "")).hostname or ""
    host = re.sub(r":\d+$", "", host)
    return host[4:] if host.startswith("www.") else (host or None)


def iso_date(text: str | None) -> str | None:
    """'April 9, 2017' or '2017-04-09' as '2017-04-09'."""
    for fmt in ("%B %d, %Y", "%Y-%m-%d", "%b %d, %Y"):
        try:
            return datetime.strptime((text or "").strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def load_documents(folder: Path) -> tuple[list[Document], dict[str, str]]:
    """The documents (without labels) and, apart, the gold label of each: doc id -> incident id."""
    docs, gold = [], {}
    with open(folder / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            docs.append(Document(str(row["doc_id"]), row.get("title") or None, row.get("dct") or None,
                                 row.get("uri") or "", row.get("content") or ""))
            gold[str(row["doc_id"])] = str(row["incident_id"])
    return docs, gold


def load_incidents(folder: Path) -> dict[str, Incident]:
    """incident id -> gold answer (only date, city and counts are read)."""
    out = {}
    with open(folder / "incidents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[str(row["incident_uri"])] = Incident(iso_date(row.get("date")), row.get("city_or_county") or "",
                                                         row.get("num_killed"), row.get("num_injured"))
    return out


def _raw(doc: Document) -> RawDocument:
    return RawDocument(uri=f"gva://{doc.doc_id}", data=doc.content, outlet=outlet_of(doc.uri), published=doc.dct,
                       title=doc.title)


def analyse_into(docs: Sequence[Document], store, progress: Progress | None = None,
                 batch_size: int = 32) -> dict[str, str]:
    """Clean, analyse and store the documents (unfused); doc id -> article id for those stored."""
    pipeline = default_pipeline()
    options = IngestOptions()
    article_of: dict[str, str] = {}
    for start in range(0, len(docs), batch_size):
        batch: list[tuple[Document, Article]] = []
        for doc in docs[start:start + batch_size]:
            try:
                art = clean_document(_raw(doc), options)
            except ValueError:
                continue  # empty or unreadable: no article, as `sitroom run` would reject it
            if readable(art.language, art.text) and art.text.strip():
                batch.append((doc, art))
        parsed = _parse_batch(pipeline.stages[0], [a for _, a in batch])
        for (doc, art), parse in zip(batch, parsed):
            if parse is None or parse.text != art.text:
                continue
            try:
                state = _finish(pipeline, assign(DocState(article=art), doc=parse))
            except Exception:  # noqa: BLE001 - one failing article is a missing prediction, not a failed run
                continue
            store.save_analysis(Analysis(art, tuple(state.events or ()), tuple(state.quotations or ())), (),
                                mention_keys(state.places or (), state.actors or ()))
            article_of[doc.doc_id] = art.id
        if progress is not None:
            progress(len(docs[start:start + batch_size]), len(docs))
    return article_of


def credible_figure(fig: Disagreement | None, largest: bool = False) -> int:
    """The figure most sources give: the (upper) median of the figures no source excludes (denied,
    hypothetical, a cumulative total), or with `largest` the largest of them; 0 for none.

    Death tolls take the largest: they only grow as the wounded die, and GVA keeps the final one.
    Wounded counts take the median: "Five people were shot" beside "4 wounded" is the same four and
    one dead, counted as all the victims."""
    values = []
    for sf in fig.per_source if fig else ():
        if sf.credibility == "excluded":
            continue
        v = point_value(FigureClaim("", "", sf.value, sf.low, sf.high, sf.qualifier, text=sf.text))
        if v is not None:
            values.append(int(v))
    if not values:
        return 0
    return max(values) if largest else sorted(values)[len(values) // 2]


def main_event(events: Iterable[Event]) -> Event | None:
    """The story's main ASSAULT: mentioned by most articles, then one with figures (a report that counts
    the victims says more about the incident than one more outlet naming it), most sources, both figures,
    most victims (a headline's "4 wounded" sums what later sentences tell one victim at a time), earliest
    day its own words name (a day inferred from elsewhere in the article ranks as none). A year's
    statistic ("90 children died in gun accidents in 2015") is main only where nothing else is."""
    assaults = [e for e in events if e.event == "ASSAULT" and e.status in HAPPENED]
    assaults = [e for e in assaults if not (e.date and e.date.precision == "year")] or assaults
    if not assaults:
        return None

    def key(e: Event) -> tuple:
        has_figures = (e.killed is not None) + (e.wounded is not None)
        victims = credible_figure(e.killed, largest=True) + credible_figure(e.wounded)
        day = e.date.start if e.date and e.date.precision == "day" and not e.date.inferred else "9999"
        return (-len(e.article_ids), -(has_figures > 0), -len(e.sources), -has_figures, -victims, day, e.id)

    return min(assaults, key=key)


def _day(ev: Event) -> str | None:
    return ev.date.start if ev.date and ev.date.precision == "day" else None


def _most_reported(values: Iterable[tuple[str | None, int]]) -> str | None:
    weights: Counter = Counter()
    for value, weight in values:
        if value:
            weights[value] += weight
    return min(weights, key=lambda v: (-weights[v], v)) if weights else None


NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both"}


def predict_story(events: Sequence[Event], story_id: str | None, story: Story | None = None) -> Predicted:
    """The incident a story reports: its main ASSAULT's figures, day and place.

    The day is the one the story's ASSAULT mentions name most (each mention a vote, one whose day was
    inferred from elsewhere in its article half a vote, the main event's day first on a tie: reports agree
    on the day more often than the main event's own mentions get it right), then the day most reported
    among all its events, then the story's first publication date; a day after the story's first report
    (a court date in a follow-up) gives way to its attacks' days up to then. The place is the
    settlement the story's articles name most, else the main event's. Its figures are the largest
    credible death toll and the wounded count most sources give (`credible_figure`). When the main event
    gives no death toll, the largest credible toll of the story's other attacks stands in (a
    story's first report often counts the wounded in one sentence and the dead in another), and a larger
    toll in the story's headline stands over the main event's (`_headline_toll`); wounded counts do not
    get that fallback, since "N shot" elsewhere often counts the dead too; but where no
    one died, the largest wounded count that the main event's reports give for its day stands, since reports
    count the wounded in pieces ("two were taken to hospital; a third drove himself there") as well as in
    all ("three people were shot").
    One wounded person named without a number ("the boy was shot") in a story with deaths is
    taken for one of the dead: GVA's injured are those who survived; not when the words set that
    person apart ("another wounded").
    """
    first = (story.first_published or "")[:10] if story else ""
    ev = main_event(events)
    happened = [e for e in events if e.status in HAPPENED]
    day = _most_reported((_day(e), len(e.sources) * (0.5 if e.date.inferred else 1) + (0.1 if e is ev else 0))
                         for e in happened if e.event == "ASSAULT" and e.date) \
        or _most_reported((_day(e), len(e.article_ids)) for e in happened) \
        or (story.first_published if story else None)
    if first and day and day > first:  # nothing happens after its first report: a later day is a follow-up's
        day = _most_reported((_day(e), len(e.article_ids)) for e in happened
                             if e.event == "ASSAULT" and _day(e) and _day(e) <= first) or first
    elif first and day and ev is not None and day == _day(ev) and _far_weekday(ev, first):
        since = (date.fromisoformat(first) - timedelta(days=WEEKDAY_DOUBT_DAYS - 1)).isoformat()
        day = _most_reported((_day(e), len(e.article_ids)) for e in happened
                             if e.event == "ASSAULT" and _day(e) and since <= _day(e) <= first) or first
    place = ev.place.name if ev and ev.place and ev.place.precision in ("place", "near") else None
    city = (story.places[0] if story and story.places else None) or place
    if ev is None:
        return Predicted(story_id, 0, 0, day, city)
    killed = credible_figure(ev.killed, largest=True)
    if ev.killed is None:  # the main report gives no toll: the largest any other report of this attack gives
        killed = max([credible_figure(e.killed, largest=True) for e in happened
                      if e.event == "ASSAULT" and _of_the_story(e, first)] + [0])
    killed += _killer_too(ev.killed, killed)
    killed = max(killed, _headline_toll(happened, ev, story))
    injured = credible_figure(ev.wounded)
    if killed == 0:  # no one died: of the counts the same reports give for that day, the largest is the total
        injured = max([injured] + [credible_figure(e.wounded) for e in happened if e is not ev and e.wounded
                                   and e.event == "ASSAULT" and _day(ev) and _day(e) == _day(ev)
                                   and set(e.article_ids) & set(ev.article_ids)])
    if killed >= 1 and injured == 1 and not any(_counted(s.text) or _another(s.text) for s in ev.wounded.per_source):
        injured = 0  # "the boy was shot" and "he died": one victim, killed (GVA's injured survived)
    return Predicted(story_id, killed, injured, day, city)


# A bare weekday that resolves this many days or more before the story's first report ("Tuesday" in
# an article dated Monday) is more often tomorrow's court date, or a report dated a day early, than
# last week's shooting: the story's attacks of the days before its first report stand in.
WEEKDAY_DOUBT_DAYS = 6
_CLOCK = re.compile(r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\b", re.IGNORECASE)  # "10 p.m. Tuesday" is still a bare weekday
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _far_weekday(ev: Event, first: str) -> bool:
    """Whether the event's day is a bare weekday WEEKDAY_DOUBT_DAYS or more before `first` (not one the
    article itself puts a week back: "Friday, last week")."""
    words = ev.date.text if ev.date else ""
    if not words or not _WEEKDAY.search(words) or re.search(r"\d", _CLOCK.sub("", words)) or "week" in words.lower():
        return False
    return (date.fromisoformat(first) - date.fromisoformat(_day(ev) or first)).days >= WEEKDAY_DOUBT_DAYS


BACKGROUND_DAYS = 30  # a toll dated this long before a story's first report is another incident's, or a statistic


def _of_the_story(ev: Event, first: str) -> bool:
    """Whether an event's toll may stand for the story's incident: not a year's or a month's statistic
    ("90 children died in gun accidents in 2015"), nor an incident weeks before the story."""
    if ev.date is None or ev.date.precision in ("week", "unknown"):
        return True
    if ev.date.precision != "day":
        return False
    return not first or (date.fromisoformat(first) - date.fromisoformat(ev.date.start)).days <= BACKGROUND_DAYS


def _headline_toll(happened: Sequence[Event], ev: Event, story: Story | None) -> int:
    """The largest credible death toll that the story's headline (its first report's title) gives, where
    that report also tells the main event: a headline counts the incident's dead ("3 found shot dead after
    home invasion"), where the body may tell them one at a time. 0 when it gives none."""
    title = (story.title or "").strip() if story else ""
    if not title:
        return 0
    return max([credible_figure(e.killed, largest=True) for e in happened
                if e.event == "ASSAULT" and e.killed and set(e.article_ids) & set(ev.article_ids)
                and any(s.quote.strip() == title for s in e.sources)] + [0])


def _killer_too(fig: Disagreement | None, killed: int) -> int:
    """1 where a killer's own death is told apart from a toll of two or more that it is not part of
    ("Four people were shot to death." and "the gunman then killed himself"): GVA and the news count the
    killer among the dead. Never beside a toll told as a murder-suicide or "including" him."""
    figures = [s for s in fig.per_source if s.credibility != "excluded"] if fig else []
    selves = [s for s in figures if s.text.strip().lower() in SELF]
    others = [s for s in figures if s not in selves and s.value]
    if not selves or not others or killed < 2 or killed != max(int(s.value) for s in others):
        return 0
    return 0 if any(re.search(r"(?i)suicide|including", s.text) for s in others) else 1


def _another(words: str) -> bool:
    """Whether a wounded figure's words set its victim apart from the dead: "another wounded", "a
    second man", "a fourth victim"."""
    return bool(re.search(r"\b(?:another|second|third|fourth|fifth|other)\b", words, re.IGNORECASE))


def _counted(words: str) -> bool:
    """Whether a figure's words give a number ("one", "1", the rest of a "quadruple shooting") rather than a
    person ("the boy", "himself")."""
    first = words.lower().split()[0] if words.split() else ""
    return bool(words) and (words[:1].isdigit() or first in NUMBER_WORDS or first in MULTIPLES)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> class)."""
    items = [i for i in pred if i in gold]
    by_pred, by_gold = defaultdict(list), defaultdict(list)
    for i in items:
        by_pred[pred[i]].append(i)
        by_gold[gold[i]].append(i)
    p = r = 0.0
    for i in items:
        same_pred, same_gold = by_pred[pred[i]], by_gold[gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = safe_div(p, len(items)), safe_div(r, len(items))
    return p, r, safe_div(2 * p * r, p + r)


def fold(name: str | None) -> str:
    """A place name for comparison: ASCII, lower case, "Saint" as "st", words like "county" dropped."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(county|city|township|twp|borough|village|parish)\b", " ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def same_city(pred: str | None, gold: str) -> bool:
    """The predicted place is the gold city, or its neighbourhood: "Denver (Edgewater)" takes either."""
    names = [gold.split("(")[0], *re.findall(r"\(([^)]*)\)", gold)]
    return bool(fold(pred)) and any(fold(pred) == fold(n) for n in names if fold(n))


def fused_state(store) -> tuple[dict[str, str], dict[str, list[Event]], dict[str, Story]]:
    """article id -> story id, story id -> merged events, and story id -> Story, from a fused store."""
    story_events: dict[str, list[Event]] = defaultdict(list)
    for ev in store.merged_events():
        story_events[ev.story_id or ""].append(ev)
    return store.story_of_articles(), story_events, {s.id: s for s in store.stories()}


def score(docs: Sequence[Document], doc_incident: dict[str, str], incidents: dict[str, Incident],
          article_of: dict[str, str], story_of_article: dict[str, str], story_events: dict[str, list[Event]],
          stories: dict[str, Story] | None = None) -> tuple[dict[str, float | None], dict[str, int]]:
    """The metrics of the module docstring, and counts (articles in stories, stories, incidents scored)."""
    predicted_story = {d: story_of_article[a] for d, a in article_of.items() if a in story_of_article}
    p, r, f = bcubed(predicted_story, doc_incident)
    by_incident: dict[str, list[str]] = defaultdict(list)
    published = {d.doc_id: d.dct for d in docs}
    for d in docs:
        by_incident[doc_incident[d.doc_id]].append(d.doc_id)
    hits: Counter = Counter()
    scored = 0
    members: dict[str, list[str]] = defaultdict(list)
    for d, story_id in predicted_story.items():
        members[story_id].append(d)
    for inc_id in sorted(by_incident):
        gold = incidents.get(inc_id)
        if gold is None:
            continue
        votes = Counter(predicted_story[d] for d in by_incident[inc_id] if d in predicted_story)
        # most of the incident's articles; on a tie, the story that reported it first
        first = {}
        for d in sorted(by_incident[inc_id], key=lambda d: (published.get(d) or "9999", d)):
            if d in predicted_story:
                first.setdefault(predicted_story[d], len(first))
        story = min(votes, key=lambda s: (-votes[s], first[s], s)) if votes else None
        pred = predict_story(story_events.get(story or "", []), story, (stories or {}).get(story or ""))
        scored += 1
        hits["killed"] += pred.killed == (gold.killed or 0)
        hits["injured"] += pred.injured == (gold.injured or 0)
        hits["date"] += pred.date is not None and pred.date == gold.date
        hits["city"] += same_city(pred.city, gold.city)
        # a story of its own: it holds all of the incident's stored reports and nothing else
        if story is not None and votes[story] == sum(votes.values()) \
                and all(doc_incident.get(d) == inc_id for d in members[story]):
            hits["own story"] += 1
            hits["own killed"] += pred.killed == (gold.killed or 0)
            hits["own injured"] += pred.injured == (gold.injured or 0)
            hits["own date"] += pred.date is not None and pred.date == gold.date
    metrics: dict[str, float | None] = {
        "bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f,
        "killed_exact": safe_div(hits["killed"], scored), "injured_exact": safe_div(hits["injured"], scored),
        "date_exact": safe_div(hits["date"], scored), "city_accuracy": safe_div(hits["city"], scored),
    }
    counts = {"articles": len(docs), "articles in stories": len(predicted_story),
              "stories": len(set(predicted_story.values())), "incidents": len(by_incident), "incidents scored": scored,
              "incidents with a story of their own": hits["own story"],
              **{f"of those, {k} exact": hits[f"own {k}"] for k in ("killed", "injured", "date")}}
    return metrics, counts


def evaluate(path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Run sitroom over the folder's documents and score it (see the module docstring)."""
    from sitroom.runner import catch_up, default_fuser
    from sitroom.store.db import Store

    folder = Path(path)
    if not (folder / "documents.jsonl").is_file() or not (folder / "incidents.jsonl").is_file():
        raise ValueError(f"{folder} must be a folder holding documents.jsonl and incidents.jsonl")
    docs, doc_incident = load_documents(folder)
    chosen = set(select(sorted(set(doc_incident.values())), options))
    docs = sorted((d for d in docs if doc_incident[d.doc_id] in chosen), key=lambda d: (d.dct or "9999", d.doc_id))
    notes: list[str] = []
    with Store.open(":memory:") as store:
        article_of = analyse_into(docs, store, progress)  # predicting sees `docs` only: no labels
        catch_up(store, default_fuser(notes))
        story_of_article, story_events, stories = fused_state(store)
    metrics, counts = score(docs, doc_incident, load_incidents(folder), article_of, story_of_article, story_events,
                            stories)
    skipped = Counter({"articles without text or analysis": counts["articles"] - counts["articles in stories"]})
    own = counts["incidents with a story of their own"]
    if own:  # how much of the figures' error is the stories': the same scores where the story is right
        notes.append(f"on the {own} incidents with a story of their own: "
                     + ", ".join(f"{k} {counts[f'of those, {k} exact'] / own:.3f}"
                                 for k in ("killed", "injured", "date")))
    return EvalResult("gva", metrics, ["source", "count"], [[k, v] for k, v in counts.items()],
                      evaluated=counts["articles in stories"], skipped=skipped, notes=notes)


__all__ = ["Document", "Incident", "bcubed", "credible_figure", "evaluate", "fused_state", "load_documents",
           "load_incidents", "main_event", "outlet_of", "predict_story", "same_city", "score"]
