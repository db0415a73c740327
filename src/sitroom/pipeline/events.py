"""Events: one record per event mention, typed in PLOVER and ACLED, backed by its quote.

Per sentence: find triggers, read each trigger's arguments from the parse, then fold
triggers that describe one happening into one event: the attack and the killing it
caused ("51 soldiers were killed when rebels struck"), the content of a threat (an
operation threatened is part of a THREATEN event, never an attack of its own). An
event with victims but no attacker that points back to an attack ("killed in the
airstrikes") takes its attacker from the attack reported just before it, and its quote
then spans both sentences so the evidence stays complete.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sitroom.pipeline import arguments as args
from sitroom.pipeline import event_times as when
from sitroom.pipeline.acled import ARMED, CUED_MEANS, acled_type, party_followers_act, with_learned_prior
from sitroom.pipeline.actors import main_country
from sitroom.pipeline.base import DocState, assign
from sitroom.pipeline.casualties import Casualty
from sitroom.pipeline.event_links import coordinated, inquired, linked, retracted
from sitroom.pipeline.event_times import PUBLICATION_WEEK
from sitroom.pipeline.killing_nouns import fatal_noun
from sitroom.pipeline.quotes import REPORTING_VERBS, quotation_at, speaker_of, speech_verb
from sitroom.pipeline.triggers import Entry, Trigger, find_triggers, habitual, natural_death, told_as_incident
from sitroom.records import PLACE_FINENESS, Actor, DateSpan, EventMention, Figure, Place, content_hash

SPEECH_EVENTS = {"THREATEN", "REQUEST", "REJECT", "ACCUSE", "AGREE", "SUPPORT", "CONSULT"}
PARTY_SECTORS = {"GOV", "MIL", "REB", "UAF", "COP", "PTY"}
PLAN_LEMMAS = {"plan", "prepare", "intend", "aim", "schedule", "expect", "seek", "want", "propose"}
HYPOTHETICAL_MODALS = {"would", "could", "might", "may", "should"}
FUTURE_AUX = {"will", "shall", "'ll"}
# "An offensive is imminent": a predicate that puts the event ahead
AHEAD_WORDS = {"imminent", "looming", "expected", "planned", "forthcoming", "upcoming"}
# Subjects that are happenings, not parties: "clashes threaten to escalate", "the crisis demands".
HAPPENINGS = {"clash", "fighting", "tension", "escalation", "crisis", "situation", "violence", "conflict", "war",
              "attack", "move", "decision", "development", "incident", "report", "offensive", "advance", "fight",
              "battle", "standoff", "dispute", "unrest", "protest", "flare", "surge"}
# Cooperation a party says it will give is a promise: PLOVER's AGREE (CAMEO 03, "express intent to
# cooperate", covers intent to aid, to meet, to yield, to support).
# A meeting is a promise only when offered ("ready to host talks"); "will meet on Wednesday" is a
# scheduled meeting, kept as a planned CONSULT.
PROMISABLE = {"CONCEDE", "RETREAT", "AID", "SUPPORT", "COOPERATE"}
# "is willing / ready / prepared to withdraw": an adjective that makes the clause a promise
WILLING_WORDS = {"willing", "ready", "prepared", "committed", "eager", "determined"}
PRONOUNS = {"he", "she", "they", "we", "i", "it", "who"}
ANAPHORIC_ATTACK_NOUNS = {"airstrike", "strike", "attack", "shelling", "bombing", "raid", "bombardment", "assault"}


@dataclass
class Draft:
    """An event being assembled from one or more triggers of a sentence."""

    trigger: Trigger
    sent: Any
    actors: list[Actor]
    recipients: list[Actor]
    casualties: list[Casualty] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)
    mode: str | None = None
    territory: bool = False
    absorbed: list[Trigger] = field(default_factory=list)


def _offered(tok: Any) -> bool:
    """The trigger is what someone says they are willing or ready to do ("ready to host a meeting")."""
    t = tok
    for _ in range(3):
        if t.dep_ not in ("xcomp", "acomp") or t.head is t:
            return False
        t = t.head
        if t.pos_ == "ADJ" and t.lemma_.lower() in WILLING_WORDS:
            return True
    return False


def _status(tok: Any, sent: Any) -> str:
    """reported / denied / hypothetical / planned, from the trigger's own clause.

    Only the trigger and the verbs it is the complement of (xcomp: "plans to attack",
    "failed to reach") count; a modal on a verb the event is merely mentioned under
    ("would respond to attacks") says nothing about the attacks.
    """
    chain = [tok]
    t = tok
    while t.dep_ in ("xcomp", "dobj", "conj", "acomp") and t.head is not t and len(chain) < 4:
        if t.dep_ == "conj" and t.tag_ != t.head.tag_:
            break  # "would pay ..., and eight workers killed": a different clause, not a shared modal
        t = t.head
        chain.append(t)
    for n, t in enumerate(chain):
        kids = {c.lower_ for c in t.children}
        deps = {c.dep_ for c in t.children}
        lemma = t.lemma_.lower()
        if n and t.pos_ == "ADJ" and lemma in WILLING_WORDS:
            return "planned"
        if t.pos_ in ("VERB", "AUX"):
            if "neg" in deps or lemma == "deny":
                return "denied"
            if n and lemma == "fail":
                return "denied"
            if t.dep_ == "advcl" and {c.lower_ for c in t.children if c.dep_ == "mark"} & {"if", "unless"}:
                return "hypothetical"
            if "would" in kids and t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING_VERBS:
                return "planned"  # "Iraq said it would allow ...": a reported "will", not a condition
            if kids & HYPOTHETICAL_MODALS:
                return "hypothetical"
            if kids & FUTURE_AUX or (n and lemma in PLAN_LEMMAS):
                return "planned"
    if tok.pos_ == "NOUN":
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        if "any" in dets:
            return "hypothetical"
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass", "nsubj") and head.pos_ in ("VERB", "AUX"):
            kids = {c.lower_ for c in head.children}
            if {c.dep_ for c in head.children} & {"neg"}:
                return "denied"
            if kids & FUTURE_AUX or head.lemma_.lower() in PLAN_LEMMAS:
                return "planned"
            if tok.dep_ == "nsubj" and any(c.dep_ == "acomp" and c.lower_ in AHEAD_WORDS for c in head.children):
                return "planned"
            if kids & HYPOTHETICAL_MODALS:
                return "hypothetical"
    return "reported"


def _attribution(state: DocState, tok: Any, sent: Any) -> tuple[str | None, Actor | None]:
    """Who the text cites for this event: a speech verb above it, "according to X", or a quotation's speaker."""
    q = quotation_at(state.quotations or (), tok.idx, tok.idx + len(tok))
    if q is not None and q.speaker_text:
        return (q.speaker.name if q.speaker else q.speaker_text), q.speaker
    verb = speech_verb(tok.head, REPORTING_VERBS) if tok.head is not tok else None
    if verb is not None and verb is not tok:
        actor, words, _ = speaker_of(state, verb)
        if words:
            return (actor.name if actor else words), actor
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.doc[t.i + 1].lower_ == "to":
            objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if objs:
                found = args.actors_for(state, objs)
                words = " ".join(x.text for x in objs[0].subtree)
                return (found[0].name if found else words), (found[0] if found else None)
    return None, None




def _orphan_casualties(state: DocState, sent: Any, triggers: list[Trigger]) -> list[Trigger]:
    """Casualty verbs the lexicon did not take as triggers ("hacked to death", "the mayor died"):
    victims are evidence of violence, so each becomes an ASSAULT trigger of its own."""
    have = {t.token for t in triggers}
    out = []
    for m in state.figures or ():
        cas = m.value
        if sent.start <= cas.verb < sent.end and cas.verb not in have and cas.kind in ("killed", "wounded",
                                                                                      "killed_or_wounded"):
            tok = state.doc[cas.verb]
            headline = cas.headline or (tok.idx < state.article.headline_end and tok.pos_ == "ADJ")  # "Four dead in"
            if (tok.pos_ != "VERB" and not headline and not fatal_noun(tok)) or natural_death(tok) or habitual(tok):
                continue  # "a death toll of 16": a figure ("the shooting death of" is an event); "died of cholera"
            have.add(cas.verb)
            out.append(Trigger(cas.verb, Entry(tok.lemma_.lower(), "VERB", "ASSAULT", victim=cas.kind)))
    return sorted(out, key=lambda t: t.token)


# What is fired or thrown: never the target of an attack.
WEAPON_NOUNS = {"rocket", "rockets", "missile", "missiles", "shell", "shells", "barrage", "barrages", "mortar",
                "mortars", "bullet", "bullets", "round", "rounds", "grenade", "grenades", "shot", "shots", "salvo",
                "salvos", "projectile", "projectiles", "bomb", "bombs", "drone", "drones", "fire", "gunfire"}
# Verbs that only count victims ("were killed", "died", "were injured").
TOLL_VERBS = {"kill", "die", "injure", "wound", "hurt"}


def _paragraph(state: DocState, sent: Any) -> str:
    """The text of the paragraph a sentence is in."""
    text = state.article.text
    start = text.rfind("\n\n", 0, sent.start_char)
    end = text.find("\n\n", sent.end_char)
    return text[start + 2 if start >= 0 else 0:end if end >= 0 else len(text)].strip()


def _adopt_figures(state: DocState, sent: Any, drafts: list[Draft]) -> None:
    """Figures on a word that is no trigger ("a boy is dead after a shooting", "a death toll of 16
    in the attack") go to the sentence's nearest attack that has no figure of that kind."""
    taken = {id(c) for d in drafts for c in d.casualties}
    attacks = [d for d in drafts if d.trigger.entry.event == "ASSAULT"]
    for m in state.figures or ():
        cas = m.value
        if not (sent.start <= cas.verb < sent.end) or id(cas) in taken or not attacks:
            continue
        free = [d for d in attacks if cas.kind not in {c.kind for c in d.casualties}]
        if free:
            min(free, key=lambda d: abs(d.trigger.token - cas.verb)).casualties.append(cas)


def _draft(state: DocState, trig: Trigger, sent: Any) -> Draft:
    tok = state.doc[trig.token]
    actors, recipients = args.roles(state, tok, battle=trig.entry.battle,
                                    own_object=trig.entry.event == "MOBILIZE",
                                    symmetric=trig.entry.event in ("CONSULT", "AGREE", "COOPERATE"),
                                    targets=trig.entry.event == "ASSAULT" and not trig.entry.victim)
    if trig.entry.object:  # "threw a grenade", "opened fire": the object is the weapon, not a target
        recipients = [r for r in recipients if trig.entry.object not in (r.text or "").lower()]
    if trig.entry.event == "ASSAULT":  # "fired barrages of rockets": what was fired is no target either
        recipients = [r for r in recipients if r.sector or not WEAPON_NOUNS & set((r.text or "").lower().split())]
    cas = [m.value for m in state.figures or () if m.value.verb == trig.token]
    if trig.entry.victim and cas:
        victims = args.actors_for(state, [_victim_group(state.doc[c.victim]) for c in cas if c.victim is not None])
        actors = [a for a in actors if a not in victims]
        for v in victims:
            if v not in recipients:
                recipients.insert(0, v)
        recipients = [r for r in recipients if r not in actors or trig.entry.battle]
    return Draft(trig, sent, actors, recipients, cas, {t.i for t in tok.subtree}, trig.entry.mode,
                 trig.entry.territory)


def _victim_group(tok: Any) -> Any:
    """The noun naming the victims: "five" in "attack on Turkish troops, including five killed" is troops."""
    t = tok
    for _ in range(3):
        if t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.lemma_.lower() not in ("one", "dozen", "dozens"):
            return t
        head = t.head
        if head is t:
            break
        of = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if (t.pos_ == "NUM" or t.like_num) and of:
            t = of[0]  # "16 of its soldiers"
        elif t.dep_ == "pobj" and head.dep_ in ("prep",) and head.lower_ in ("including", "among", "of"):
            # "the attack on Turkish troops, including five": the nearest noun before (parsers
            # often hang "including" on an earlier noun)
            t = next((x for x in reversed(list(t.doc[max(0, head.i - 6):head.i]))
                      if x.pos_ in ("NOUN", "PROPN")), head.head)
        elif t.dep_ in ("appos", "conj", "nummod"):
            t = head
        else:
            break
    return tok


def _content(d: Draft) -> set[int]:
    """Tokens that say what a speech act is about: its complements, not clauses merely attached to it."""
    tok = d.sent.doc[d.trigger.token]
    out: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "obj", "acl") or (c.dep_ == "prep" and c.lower_ in ("of", "to")):
            out.update(t.i for t in c.subtree)
    return out


def _fold(drafts: list[Draft], headline: bool = False) -> list[Draft]:
    """Merge triggers that describe one happening; drop the content of speech acts. In a headline
    every toll is the one incident's ("3 Killed, 2 Hurt in Pasadena Shooting")."""
    # content of threats, demands, refusals: part of that event, not an event of its own
    speech = [d for d in drafts if d.trigger.entry.event in SPEECH_EVENTS - {"CONSULT"}]
    kept = []
    for d in drafts:
        owner = next((s for s in speech if s is not d and d.trigger.token in _content(s)), None)
        if owner is not None and inquired(d.sent.doc[d.trigger.token], d.sent.doc[owner.trigger.token], d.casualties):
            owner = None  # "police are investigating a shooting that left one dead": it happened
        if owner is not None and d.trigger.entry.event != "CONSULT":
            owner.absorbed.append(d.trigger)
            if owner.mode is None and d.mode:
                owner.mode = d.mode
            for r in d.recipients:
                if r not in owner.recipients and r not in owner.actors:
                    owner.recipients.append(r)
            continue
        kept.append(d)
    # "three were killed and two wounded": one event with both figures
    joined: list[Draft] = []
    for d in kept:
        tok = d.sent.doc[d.trigger.token]
        host = next((j for j in joined if d.casualties and j.casualties
                     and (headline or coordinated(tok, tok.doc[j.trigger.token]))
                     and {c.kind for c in j.casualties}.isdisjoint({c.kind for c in d.casualties})), None)
        if host is not None:
            host.casualties += d.casualties
            host.recipients += [r for r in d.recipients if r not in host.recipients]
            host.absorbed.append(d.trigger)
            host.tokens |= d.tokens
            continue
        joined.append(d)
    kept = joined
    # attacks and the killings they caused
    out: list[Draft] = []
    victims = [d for d in kept if d.trigger.entry.event == "ASSAULT" and d.casualties]
    for d in kept:
        if d.trigger.entry.event == "ASSAULT" and not d.casualties:
            target = next((v for v in victims if linked(v, d)), None)
            if target is None and len(victims) == 1 and not d.actors and not d.recipients:
                target = victims[0]
            if target is not None:
                target.absorbed.append(d.trigger)
                for a in d.actors:
                    if a not in target.actors and a not in target.recipients:
                        target.actors.append(a)
                for r in d.recipients:
                    if r not in target.recipients and r not in target.actors:
                        target.recipients.append(r)
                target.mode = target.mode or d.mode
                target.territory = target.territory or d.territory
                target.tokens |= d.tokens
                continue
        # the same event type twice, joined by "and" with the same parties: one event
        prev = next((p for p in out if p.trigger.entry.event == d.trigger.entry.event and linked(p, d)
                     and not (p.casualties and d.casualties)), None)
        if prev is not None and not d.casualties:
            prev.absorbed.append(d.trigger)
            prev.actors += [a for a in d.actors if a not in prev.actors]
            prev.recipients += [r for r in d.recipients if r not in prev.recipients and r not in prev.actors]
            prev.mode = prev.mode or d.mode
            continue
        out.append(d)
    return out


def _subject_span(tok: Any, sent: Any) -> tuple[int, int] | None:
    """Character span, in its sentence, of an active trigger verb's own subject phrase; None for a noun
    or a passive trigger (whose subject is the victim)."""
    if tok.pos_ != "VERB" or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return None
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return None
    words = list(subj[0].subtree)
    return words[0].idx - sent.start_char, words[-1].idx + len(words[-1]) - sent.start_char


def _figure(cas: list[Casualty], kind: str) -> Figure | None:
    for c in cas:
        if c.kind == kind or (c.kind == "killed_or_wounded" and kind in ("killed", "wounded")):
            f = c.figure
            if c.kind == "killed_or_wounded":  # "ten killed or wounded": an upper bound on each
                return Figure(None, None, f.high if f.high is not None else f.value, "up_to", f.cumulative, f.text)
            return f
    return None


class EventsStage:
    """Builds EventMention records from triggers, arguments, figures, places and dates."""

    name = "events"
    requires = frozenset({"doc", "actors", "places", "times", "figures", "quotations"})
    assigns = frozenset({"events"})

    def __call__(self, state: DocState) -> DocState:
        doc = state.doc
        events: list[EventMention] = []
        recent_attack: tuple[int, EventMention] | None = None
        lead_end = when.lead_end(state)
        found = [(sent, find_triggers(sent)) for sent in doc.sents]
        attacks = frozenset(t.token for _, trs in found for t in trs if t.entry.event == "ASSAULT")
        lead = when.lead_day(state, lead_end, attacks)
        head_len = state.article.headline_end
        incident_sentences = []
        for n, (sent, triggers) in enumerate(found):
            if any(t.entry.event == "ASSAULT" for t in triggers) or when.tells_when(sent):
                incident_sentences.append(sent)
            drafts = [_draft(state, t, sent) for t in [*triggers, *_orphan_casualties(state, sent, triggers)]]
            _adopt_figures(state, sent, drafts)
            for d in _fold(drafts, headline=sent.start_char < head_len):
                ev = self._build(state, d, sent, lead if n < lead_end else None, attacks)
                if ev is None:
                    continue
                if ev.event == "ASSAULT" and not ev.actors and recent_attack and n - recent_attack[0] <= 2 \
                        and (self._anaphoric(d) or (not ev.mode and self._toll_only(d))):
                    ev = self._inherit(state, ev, recent_attack[1])
                if ev.event == "ASSAULT" and (ev.actors or ev.mode):
                    recent_attack = (n, ev)
                events.append(ev)
        # an attack whose sentence names no day happened on the day the article's attacks did
        day, told, small_hours = when.incident_day(state, incident_sentences, attacks)
        events = [when.settled(e, day, told, small_hours, state.article.published.date) for e in events]
        return assign(state, events=tuple(events))

    @staticmethod
    def _anaphoric(d: Draft) -> bool:
        toks = [d.sent.doc[t.token] for t in [d.trigger, *d.absorbed]]
        for t in d.sent:
            if t.lemma_.lower() in ANAPHORIC_ATTACK_NOUNS and any(c.lower_ in ("the", "these", "those", "that")
                                                                   for c in t.children):
                return True
        return any(t.lemma_.lower() in ANAPHORIC_ATTACK_NOUNS for t in toks)

    @staticmethod
    def _toll_only(d: Draft) -> bool:
        """"Two soldiers were injured." after "an IED planted by Al Shabaab detonated": a sentence that
        only counts victims, with no attacker and no means of its own, tells the last attack's toll."""
        tok = d.sent.doc[d.trigger.token]
        return bool(d.casualties) and bool(d.trigger.entry.victim) and tok.lemma_.lower() in TOLL_VERBS

    @staticmethod
    def _inherit(state: DocState, ev: EventMention, source: EventMention) -> EventMention:
        start = min(source.span[0], ev.span[0])
        end = max(source.span[1], ev.span[1])
        text = state.article.text
        mode = ev.mode or source.mode
        place = ev.place
        if source.place is not None and (place is None or PLACE_FINENESS.get(source.place.precision, 5)
                                         < PLACE_FINENESS.get(place.precision, 5)):
            place = source.place  # the attack's own place, when this toll's is vaguer
        when = ev.date
        if source.date is not None and (when is None or when.text == PUBLICATION_WEEK):
            when = source.date  # "Two soldiers were injured." happened when the attack did
        # the toll of an attack whose means its own sentence named (shelling, a bomb) is that attack's type
        inherit_type = ev.acled_event_type in (None, "Battles") or source.acled_sub_event_type in CUED_MEANS
        return replace(ev, actors=source.actors, mode=mode, quote=text[start:end], span=(start, end), place=place,
                       date=when,
                       acled_event_type=source.acled_event_type if inherit_type else ev.acled_event_type,
                       acled_sub_event_type=source.acled_sub_event_type if inherit_type else ev.acled_sub_event_type,
                       confidence=round(max(0.3, ev.confidence - 0.1), 2))

    def _build(self, state: DocState, d: Draft, sent: Any, lead: DateSpan | None = None,
               attacks: frozenset[int] = frozenset()) -> EventMention | None:
        doc = state.doc
        tok = doc[d.trigger.token]
        entry = d.trigger.entry
        status = "denied" if retracted(tok, sent) else _status(tok, sent)
        event = entry.event
        if status == "denied" and event == "AGREE":
            event, status = "REJECT", "reported"  # "failed to reach agreement", "will not accept"
        elif status == "planned" and not tok.pos_ == "NOUN" and (
                event in PROMISABLE or (event == "CONSULT" and _offered(tok))):
            event, status = "AGREE", "reported"  # "will allow", "is willing to withdraw": a promise made
        attributed, attributor = _attribution(state, tok, sent)
        if status == "reported" and attributor is not None and attributor.sector in PARTY_SECTORS:
            status = "claimed"
        place_m = args.place_for(state, tok, sent)
        if place_m is None:
            for t in d.absorbed:
                place_m = args.place_for(state, doc[t.token], sent)
                if place_m:
                    break
        place_from_context = False
        if place_m is None:
            place_m = args.place_nearby(state, sent)
            place_from_context = place_m is not None
        place: Place | None = place_m.value if place_m else None
        if place is not None and place.precision == "place" and args.is_near(doc, place_m):
            place = replace(place, precision="near")
        time_m, date_span = when.mention_date(state, tok, sent, attacks, lead)
        if event == "PROTEST" and not d.actors:
            # a protest is made by protesters even when the text does not name them
            country = main_country(state)
            rioting = entry.mode == "riot"
            d.actors = [Actor("Rioters" if rioting else "Protesters", country, "OPP", "")]
        killed = _figure(d.casualties, "killed")
        wounded = _figure(d.casualties, "wounded")
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        a_sec = {a.sector for a in d.actors if a.sector}
        r_sec = {r.sector for r in d.recipients if r.sector}
        mode = d.mode
        if event == "ASSAULT" and mode is None and words & {"airstrike", "airstrikes", "warplanes", "jets"}:
            mode = "aerial"
        paragraph = _paragraph(state, sent) if status in ("reported", "claimed") else None
        party = event == "ASSAULT" and party_followers_act(sent.text, [a.text or a.name for a in d.actors],
                                                           _subject_span(tok, sent))
        acled = acled_type(event, mode, a_sec, r_sec, sent.text, d.territory, casualties=bool(d.casualties),
                           battle=entry.battle, context=paragraph, party=party) if paragraph is not None \
            else (None, None)
        if paragraph is not None:
            by_parties = (acled[1] == "Attack" and bool(r_sec) and not r_sec & ARMED) or (
                acled[1] == "Armed clash" and bool(r_sec & ARMED) and bool(a_sec & ARMED))
            settled = party and acled[0] == "Riots"
            acled = with_learned_prior(event, acled, sent.text, cued=by_parties, context=paragraph, settled=settled)
        if event in SPEECH_EVENTS and event != "CONSULT" and not d.actors:
            subj = args.clause_subject(tok) if tok.pos_ == "VERB" else []
            if subj and subj[0].lemma_.lower() in HAPPENINGS:
                return None  # "clashes threaten to escalate": no one threatens anyone
        if tok.pos_ != "VERB" and not (d.actors or d.recipients or d.casualties or place or when.own_day(tok, time_m)
                                       or told_as_incident(tok)):
            return None  # "the fighting", "the offensive" with nothing said about it: background
        start, end = sent.start_char, sent.end_char
        quote = state.article.text[start:end].strip()
        end = start + len(quote)
        confidence = 0.35 + 0.15 * bool(d.actors) + 0.15 * bool(d.recipients or d.casualties) \
            + 0.1 * bool(place and not place_from_context) + 0.1 * bool(time_m) + 0.1 * (tok.pos_ == "VERB")
        eid = content_hash(state.article.id, str(start), str(end), event, str(tok.i))
        return EventMention(
            id=eid, article_id=state.article.id, quote=quote, span=(start, end), event=event,
            mode=mode, acled_event_type=acled[0], acled_sub_event_type=acled[1],
            actors=tuple(d.actors), recipients=tuple(d.recipients), place=place, date=date_span,
            killed=killed, wounded=wounded, status=status, attributed_to=attributed,
            confidence=round(min(confidence, 0.95), 2), trigger=tok.text)
