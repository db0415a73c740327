"""When an event happened: the time expression that belongs to its trigger, and the article's incident day.

Split from `sitroom.pipeline.arguments` (who, whom, where) because dates follow their own rules: a
time named in the trigger's clause is the event's; one that tells the later state of a victim or an
inquiry ("remained in critical condition Friday after a shooting") is the report's, not the
attack's; an undated attack in a news lead happened on the day the lead names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sitroom.pipeline.arguments import tree_distance
from sitroom.pipeline.base import DocState, Mention
from sitroom.pipeline.numbers import number_value
from sitroom.pipeline.time import MONTH_DAY, MONTHS
from sitroom.pipeline.time_context import BARE_WEEKDAY
from sitroom.records import DateSpan, EventMention

PUBLICATION_WEEK = "publication date"  # the text of the date an undated event gets: the week before publication

# Verbs of a state at the time of the report: a victim "remained in critical condition Friday", "was
# recovering Friday morning", "an investigation was underway Thursday", "it was unclear Friday". "Be"
# only with such a state for complement: "the men were outside the store Sunday when" is the day.
STATE_VERBS = {"remain", "recover", "stay", "continue"}
STATE_WORDS = {"underway", "unclear", "critical", "stable", "serious", "hospitalized", "hospitalised", "alive",
               "unknown", "recovering"}


def _state_verb(tok: Any) -> bool:
    """Whether a verb tells a state: "remained", "was recovering", "was underway", "was in critical condition"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if lemma in STATE_VERBS:
        return True
    if lemma != "be":
        return False
    for c in tok.children:
        if c.dep_ in ("acomp", "advmod", "attr") and c.lower_ in STATE_WORDS:
            return True
        if c.dep_ == "prep" and any(g.lemma_.lower() == "condition" for g in c.children):
            return True
    return _held(tok, HELD_WORDS | {"hospital"})  # "was in jail Friday night", "was in the hospital Sunday"


# Where a suspect is held: "taken into custody Thursday", "was in jail on Friday night", "held in prison"
HELD_WORDS = {"custody", "jail", "prison"}


def _held(verb: Any, places: set[str]) -> bool:
    """Whether a verb puts its subject in one of `places` ("into custody", "in jail")."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "into") and
               any(g.dep_ == "pobj" and g.lemma_.lower() in places for g in c.children) for c in verb.children)


# What follows an attack by days or months: "arrested Wednesday in connection with a shooting", "charged
# Monday in the killing of".
JUSTICE_VERBS = {"arrest", "charge", "sentence", "indict", "convict", "plead", "book", "detain", "jail", "release",
                 "arraign", "identify", "name", "bury", "mourn", "remember"}


COURT_WORDS = {"court", "judge", "arraignment", "hearing"}  # "appeared in court", "appeared before a judge"
CHARGE_WORDS = {"charge", "indictment", "warrant", "complaint"}  # "filed charges Sunday", "issued a warrant"


def _justice(verb: Any) -> bool:
    """Whether a verb tells an arrest, a charge or a funeral ("arrested", "charged", "taken into custody",
    "appeared in court", "the prosecutor filed charges")."""
    if verb.lemma_.lower() == "appear":
        return any(c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in COURT_WORDS for g in c.children)
                   for c in verb.children)
    return verb.lemma_.lower() in JUSTICE_VERBS or _held(verb, HELD_WORDS) or any(
        c.dep_ == "dobj" and c.lemma_.lower() in CHARGE_WORDS for c in verb.children)


# What comes after an attack, named by a noun whose day a time expression may give: "his Friday
# arraignment", "a hearing Monday", "Sunday's vigil". Their day is not the attack's.
LATER_NOUNS = {"arraignment", "hearing", "trial", "sentencing", "funeral", "vigil", "memorial", "arrest",
               "indictment", "conference", "briefing", "appearance"}


# What an attack is called where no trigger names it: "arrested after Sunday afternoon's incident"
INCIDENT_NOUNS = {"incident", "shooting", "attack", "killing", "homicide", "murder", "ambush"}


def _owner(time_tok: Any, trig: Any = None) -> str | None:
    """The noun a time expression belongs to, if it is one of what comes after an attack (`LATER_NOUNS`:
    "his Friday arraignment") or the attack itself (`INCIDENT_NOUNS`: "Sunday's incident"): the first
    such noun on the way up from the time to its verb (or to the trigger)."""
    tok = time_tok
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
        if trig is not None and tok.i == trig.i:
            return None
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in LATER_NOUNS | INCIDENT_NOUNS:
            return tok.lemma_.lower()
    if tok.lemma_.lower() == "be":  # "Funeral services are tonight for a teen who was shot": the funeral's day
        named = [n.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"
                 for n in (c, *(g for g in c.children if g.dep_ == "compound"))]
        return next((n for n in named if n in LATER_NOUNS), None)
    return None


def _later_noun(time_tok: Any, trig: Any = None) -> bool:
    """Whether a time expression belongs to a noun of what comes after an attack (`_owner`)."""
    return _owner(time_tok, trig) in LATER_NOUNS


# Verbs of telling: "prosecutors said Friday that a man shot his partner", "the medical examiner confirmed
# Friday that all four died of gunshot wounds". Their day is the day of the words, most often the report's.
SPEECH_VERBS = {"say", "state", "confirm", "announce", "tell", "add", "explain", "disclose", "reveal"}


def _governor(tok: Any) -> Any:
    """The verb a token hangs on (itself for a verb), or the root."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def is_death(tok: Any) -> bool:
    """Whether a trigger is a death ("died", "succumbed", "passed away"), which may follow its attack by days."""
    lemma = tok.lemma_.lower()
    return lemma in ("die", "succumb") or (lemma == "pass" and any(c.lower_ == "away" for c in tok.children))


def cause_of(death: Any, attacks: frozenset[int] | set[int]) -> Any | None:
    """The attack a death's sentence gives as its cause, if any: an attack trigger (not itself a death)
    under the death ("died Tuesday from wounds suffered in a shooting Saturday", "a woman shot last week
    died Sunday", "died Thursday, days after he was shot") or the one the death is joined to ("was shot
    Saturday and died Tuesday")."""
    if not is_death(death):
        return None
    doc = death.doc
    under = {t.i for t in death.subtree}
    found = [doc[i] for i in sorted(attacks) if i != death.i and not is_death(doc[i])
             and (i in under or (death.dep_ == "conj" and death.head.i == i))]
    return found[0] if found else None


def later_state(trig: Any, time_tok: Any) -> bool:
    """Whether a time expression tells a later state than the trigger's happening, not its day.

    So it does when the trigger is itself a state ("remained in critical condition Friday"); when,
    outside the trigger's subtree, the time hangs on a verb of state ("was recovering Friday after she
    shot herself", "It was unclear Friday whether the driver was among those killed"); and when it
    hangs on an arrest, a charge or a funeral whose object the attack is ("arrested Wednesday in
    connection with a shooting"), or on the telling of it ("prosecutors said Friday that a man shot").
    An immediate consequence keeps the day: "sends a man to the hospital
    Friday after he was shot".
    """
    if _state_verb(trig) or _later_noun(time_tok, trig):
        return True
    governor = _governor(time_tok)
    if is_death(governor) and not is_death(trig) and governor.dep_ == "conj" and governor.head.i == trig.i:
        return True  # "was shot last week and died Sunday": the death's day, though under the attack
    if time_tok.i in {t.i for t in trig.subtree}:
        return False
    top = governor.head if governor.dep_ == "conj" else governor  # "arrested and charged Friday"
    if _telling(governor, time_tok) and trig.i in {t.i for t in top.subtree}:
        return True  # "said Friday that a man shot ...": the day of the words
    if _justice(governor) and trig.i in {t.i for t in top.subtree}:
        return True  # "arrested Wednesday in connection with a shooting": the arrest's day
    if is_death(governor) and not is_death(trig) and trig.i in {t.i for t in governor.subtree}:
        return True  # "died Thursday, days after he was shot": the death's day
    return _state_verb(governor)


def _telling(governor: Any, time_tok: Any) -> bool:
    """Whether a time is the day of a telling: it follows a verb of telling in the past ("police said
    Friday"), not one in the present ("the sheriff says Friday morning a teenager shot": the present
    tells now, so the day is what was said), nor before it ("On Sunday, police said they received a
    call": more often the day of what was said), unless what was said names its own day ("Wednesday,
    police said the body was found Tuesday night"; an age, "a four-year-old", names none)."""
    if governor.lemma_.lower() not in SPEECH_VERBS:
        return False
    if time_tok.i > governor.i:
        return governor.tag_ not in ("VBP", "VBZ")
    said = [t for c in governor.children if c.dep_ == "ccomp" for t in c.subtree]
    return any(t.i > governor.i and _names_time(t) for t in said)


_TIME_WORD = re.compile(r"(?i)^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
                        r"morning|afternoon|evening|night|overnight|noon|midnight|a\.?m\.?|p\.?m\.?|\d{1,2}:\d\d|"
                        r"week|weekend|month|year|" + "|".join(m for m in MONTHS if len(m) > 2) + r")\.?$")


def _names_time(tok: Any) -> bool:
    """Whether a token is part of a time expression that names a day, an hour or a period ("Tuesday night",
    "June 3", "9:30 p.m.", "this week"), not an age ("a four-year-old", "aged 12") or a span ("12 years")."""
    if tok.ent_type_ not in ("DATE", "TIME") or not _TIME_WORD.match(tok.text):
        return False
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    words = {t.lower_ for t in tok.doc[start:end]}
    return not words & {"old", "aged", "age"} and not (tok.lower_ == "year" and tok.tag_ == "NNS")


def attack_day(time_tok: Any, attacks: frozenset[int] | set[int]) -> bool:
    """Whether a time expression may give an attack's day: it does not tell a later state than the
    attacks its sentence names (tokens in `attacks`), or, where it names none, hangs on no verb of
    state, arrest, charge or telling."""
    sent = time_tok.sent
    own = [time_tok.doc[i] for i in attacks if sent.start <= i < sent.end]
    own = [t for t in own if cause_of(t, attacks) is None]  # a death dated apart from its attack: the death's day
    if own:
        return any(not later_state(t, time_tok) for t in own)
    owner = _owner(time_tok)
    if owner is not None:  # "arrested after Sunday's incident": the incident's day; "his Friday arraignment": not
        return owner in INCIDENT_NOUNS
    governor = _governor(time_tok)
    return not (_state_verb(governor) or _justice(governor) or _telling(governor, time_tok))


def time_for(state: DocState, trig: Any, sent: Any, own_only: bool = False) -> Mention | None:
    """The date of a trigger: a time expression in its own subtree first, then (unless `own_only`) one in
    the sentence; never one that tells a later state (`later_state`)."""
    doc = sent.doc
    times = [m for m in state.times or () if sent.start <= m.token_start < sent.end
             and not later_state(trig, doc[m.token_start])]
    if not times:
        return None
    subtree = {t.i for t in trig.subtree}
    own = [m for m in times if m.token_start in subtree]
    pool = own or ([] if own_only else times)
    if not pool:
        return None
    pool.sort(key=lambda m: tree_distance(trig, trig.doc[m.token_start]))
    return pool[0]


def own_day(tok: Any, time_m: Mention | None) -> bool:
    """Whether a noun trigger names its own day ("Tuesday's shooting", "the shooting on Tuesday"): an
    event, not background, even with nothing else said of it."""
    return time_m is not None and time_m.value.precision == "day" and time_m.token_start != tok.i \
        and any(t.i == time_m.token_start for t in tok.subtree)


def before_state(state: DocState, trig: Any, sent: Any) -> DateSpan | None:
    """The day before the day of a later state the trigger's sentence tells ("remained in critical
    condition Friday after a shooting", "an investigation was underway Thursday evening after a boy was
    shot"), marked inferred: such reports most often follow a shooting of the day or night before. Only
    a state (not an arrest, which comes days later as often as not) that is a single day, on or before
    publication, bounds the attack."""
    pub = state.article.published.date
    doc = sent.doc
    for m in state.times or ():
        span = m.value
        if not (sent.start <= m.token_start < sent.end) or span.precision != "day" or span.start != span.end:
            continue
        if (pub is not None and span.end > pub) or not later_state(trig, doc[m.token_start]):
            continue
        if not (_state_verb(trig) or _state_verb(_governor(doc[m.token_start]))):
            continue  # "arrested Monday after a shooting": arrests come days later as often as not
        day = (date.fromisoformat(span.start) - timedelta(days=1)).isoformat()
        return DateSpan(day, day, "day", f"before {m.text}", inferred=True)
    return None


def publication_span(state: DocState) -> DateSpan | None:
    """The date an event with no day of its own gets: the week up to publication."""
    pub = state.article.published.date
    if not pub:
        return None
    end = date.fromisoformat(pub)
    return DateSpan((end - timedelta(days=6)).isoformat(), end.isoformat(), "week", PUBLICATION_WEEK)


def mention_date(state: DocState, tok: Any, sent: Any, attacks: frozenset[int],
                 lead: DateSpan | None) -> tuple[Mention | None, DateSpan | None]:
    """A trigger's time expression (if it has one) and its date: its own time (`time_for`), else the
    `lead` day for a trigger in the lead, else the day before a later state (`before_state`), else the
    week up to publication. A death is dated by the attack that caused it, when its sentence gives one
    (`cause_of`: ACLED and GVA date the attack) when the attack's words name one; else ("died Tuesday
    after a shooting") the death's day stands."""
    cause = cause_of(tok, attacks)
    time_m = time_for(state, cause, sent, own_only=True) if cause is not None else time_for(state, tok, sent)
    if time_m is not None:
        return time_m, time_m.value
    delayed = _days_before_death(state, tok, sent, lead)  # "died Friday, two days after he was shot"
    if delayed is not None:
        return None, delayed
    time_m = time_for(state, tok, sent) if cause is not None else None
    if time_m is not None:  # the death's own day: the attack's, as often as not ("died Tuesday after a shooting")
        return time_m, time_m.value
    return None, lead if lead is not None else (before_state(state, tok, sent) or publication_span(state))


def _delay(death: Any) -> int | None:
    """Days between an attack and the death its sentence dates after it: "died Friday, two days after he
    was shot", "Dies 4 Days After Pellet Gun Shooting", "a week after she was wounded"."""
    for t in death.subtree:
        unit = t.lemma_.lower()
        if t.dep_ != "npadvmod" or unit not in ("day", "week"):
            continue
        head = t.head
        if not (head.lower_ == "after" or any(c.dep_ == "mark" and c.lower_ == "after" for c in head.children)):
            continue
        count = next((c for c in t.children if c.dep_ in ("nummod", "det")), None)
        n = number_value(count.lower_) if count is not None else None
        if n:
            return n * (7 if unit == "week" else 1)
    return None


def _days_before_death(state: DocState, tok: Any, sent: Any, lead: DateSpan | None) -> DateSpan | None:
    """The day of an attack a death's sentence dates by the death ("died Friday, two days after he was
    shot": Wednesday), for the death and for the attack under it; None where no day and delay are told."""
    death = tok if is_death(tok) else next((a for a in tok.ancestors if is_death(a)), None)
    n = _delay(death) if death is not None else None
    if not n:
        return None
    own = time_for(state, death, sent)
    span = own.value if own is not None else lead
    if span is None or span.precision != "day" or span.start != span.end:
        return None
    day = (date.fromisoformat(span.start) - timedelta(days=n)).isoformat()
    return DateSpan(day, day, "day", f"{n} days before {span.text}", inferred=span.inferred)


LEAD_SENTENCES = 3  # a news lead: where the day of the main event is given, if anywhere


def lead_end(state: DocState) -> int:
    """How many sentences the headline and the lead take: the lead's three, plus the headline's."""
    head = state.article.headline_end
    return LEAD_SENTENCES + sum(1 for s in state.doc.sents if s.start_char < head)


def lead_day(state: DocState, end_sentence: int, attacks: frozenset[int] = frozenset()) -> DateSpan | None:
    """The first day the article's lead names, on or before publication ("Police in White County said
    a 7-year-old is dead after a shooting on Sunday night."): the day of an undated event in the lead,
    which otherwise gets only the week before publication. `end_sentence`: `lead_end(state)`;
    `attacks`: the tokens of the article's attack triggers, whose later states' days are skipped
    (`attack_day`)."""
    sents = list(state.doc.sents)[:end_sentence]
    if not sents:
        return None
    end = sents[-1].end
    pub = state.article.published.date
    for m in state.times or ():
        span = m.value
        if m.token_start < end and span.precision == "day" and (pub is None or span.end <= pub) \
                and attack_day(state.doc[m.token_start], attacks):
            return span
    return None


# "It happened just after 11 Thursday night.", "Officers responded to the home Sunday night": sentences
# that tell when the article's incident was, though they name no attack
WHEN_VERBS = {"happen", "occur", "respond"}
CALLED_VERBS = {"call", "dispatch", "summon"}  # in the passive: "officers were called to the house"


def tells_when(sent: Any) -> bool:
    """Whether a sentence tells when the incident was: its main verb is "happened", "occurred", "took
    place", police "responded" or "were called" (dispatched, summoned) to the scene, or the shooting "was
    reported" (also under a verb of telling: "It happened Friday, police said")."""
    root = sent.root
    if root.lemma_.lower() in SPEECH_VERBS:  # "It happened around 10 p.m. Friday, police said."
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    lemma = root.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in root.children)
    if lemma in CALLED_VERBS and passive:
        return True  # "Deputies were called to the home at 4:30 p.m. Saturday."
    if lemma == "report" and passive and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in INCIDENT_NOUNS | {"shot"}
                                             for c in root.children):
        return True  # "The shooting was reported at about 7:15 p.m. Jan. 22."
    return lemma in WHEN_VERBS or (lemma == "take" and any(c.lower_ == "place" for c in root.children))


INCIDENT_WINDOW_DAYS = 7  # an article's undated attacks happened in the week up to its publication


# Days told from where the reporter stands ("overnight", "last night", "this morning"): a day the article
# says the incident happened on, in so many words, is more exact
DEICTIC = {"overnight", "last night", "tonight", "today", "this morning", "this afternoon", "this evening",
           "earlier today", "late last night", "early this morning", "yesterday"}


# Night words said the morning after: "shot last night" in an article that also says "early Saturday morning"
# tells the small hours of Saturday, the day the incident is dated by
NIGHT_WORDS = {"last night", "overnight", "late last night"}
SMALL_HOURS = re.compile(r"(?i)\bearly\b.*\bmorning\b|\b(?:12|[1-5])(?::\d\d)?\s*a\.?m\b")


def settled(ev: EventMention, incident: DateSpan | None, told: DateSpan | None,
            small_hours: DateSpan | None = None, written: str | None = None) -> EventMention:
    """An attack's date once the article's incident day is known: an attack with no day of its own (the
    week before publication, or a day inferred from the lead) gets the `incident` day (`incident_day`);
    one told by where the reporter stands ("shot overnight"), or by a bare weekday read as the day it was
    `written` where that sentence gives the date ("officers responded on Friday, March 10"; another day's
    weekday is more often another incident of a round-up), gets the day a sentence says the incident
    happened on (`incident_day`'s second: "It happened around 10:45 p.m. Friday"), within a day of it; and one with
    a span of days ("last weekend") gets the incident day within it; one told "last night" the day after it,
    when the article names that day's small hours ("early Saturday morning", "2:47 a.m. Saturday"): the
    night ran past midnight. Each marked inferred."""
    span = ev.date
    if ev.event != "ASSAULT" or span is None:
        return ev
    if small_hours is not None and span.precision == "day" and span.text.lower() in NIGHT_WORDS \
            and (date.fromisoformat(small_hours.start) - date.fromisoformat(span.start)).days == 1:
        return replace(ev, date=replace(small_hours, inferred=True))
    if incident is not None and (span.text == PUBLICATION_WEEK or span.inferred):
        return replace(ev, date=replace(incident, inferred=True))
    if told is not None and span.precision == "day" and (span.text.lower() in DEICTIC or (
            MONTH_DAY.search(told.text) and BARE_WEEKDAY.fullmatch(span.text) and span.start == written)) \
            and abs((date.fromisoformat(told.start) - date.fromisoformat(span.start)).days) <= 1:
        return replace(ev, date=replace(told, inferred=True))
    if incident is not None and span.precision == "day" and span.start < span.end \
            and span.start <= incident.start <= span.end and incident.start == incident.end:
        return replace(ev, date=replace(incident, inferred=True))
    return ev


def incident_day(state: DocState, incident_sentences: list[Any], attacks: frozenset[int] = frozenset()
                 ) -> tuple[DateSpan | None, DateSpan | None, DateSpan | None]:
    """The article's incident day; the day a sentence that tells when the incident was names, if one
    does (`tells_when`: "The shooting took place around 11:45 p.m. Sunday."); and the first day whose small
    hours it names (`SMALL_HOURS`); see `settled`.

    The incident day is the first day in the week up to publication named in a sentence that tells when
    the incident was, else in one that reports an attack: the day of the article's attacks whose own
    sentences name none, which otherwise get only the week before publication. `incident_sentences`:
    those with an ASSAULT trigger, and those that tell when; `attacks`: as for `lead_day`. Where none of
    those names a day, the day the article names most in that week (a time that tells no later state,
    arrest or telling: `attack_day`)."""
    pub = state.article.published.date
    if not pub:
        return None, None, None
    since = (date.fromisoformat(pub) - timedelta(days=INCIDENT_WINDOW_DAYS)).isoformat()
    days = [m for m in state.times or () if m.value.precision == "day" and since <= m.value.start
            and m.value.end <= pub and attack_day(state.doc[m.token_start], attacks)]
    told = [(s.start, s.end) for s in incident_sentences if tells_when(s)]
    ranges = [(s.start, s.end) for s in incident_sentences]
    single = [m for m in days if m.value.start == m.value.end]
    # "It happened at 11:45 p.m. Sunday" first: it says when, and nothing else
    told_day = next((m.value for m in single if any(a <= m.token_start < b for a, b in told)), None)
    small = next((m.value for m in single if SMALL_HOURS.search(state.doc[max(0, m.token_start - 4):m.token_end].text)),
                 None)  # the clock time is often outside the mention: "at 2:40 a.m. Saturday"
    if told_day is not None:
        return told_day, told_day, small
    attack_named = next((m.value for m in single if any(a <= m.token_start < b for a, b in ranges)), None)
    if attack_named is not None:
        return attack_named, None, small
    # else the day the article names most, first named on a tie ("The boy's body was found in a field on
    # Saturday."): a report tells its incident's day somewhere, in words no attack trigger carries; within
    # the span of days an attack's sentence names, if it names one ("shot his friend last weekend")
    spans = [m.value for m in days if m.value.start != m.value.end and any(a <= m.token_start < b for a, b in ranges)]
    inside = [m.value for m in single if not spans or spans[0].start <= m.value.start <= spans[0].end]
    counts = Counter(span.start for span in inside)
    # max keeps the first of equals
    return max(inside, key=lambda span: counts[span.start], default=spans[0] if spans else None), None, small
