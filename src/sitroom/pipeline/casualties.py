"""Casualties: how many were killed or wounded, attached to the verb that killed them.

A number in a sentence is a casualty figure only when it counts the victims of a
killing or wounding word: the passive subject ("51 soldiers had been killed"), the
object ("killed 13 civilians"), the noun a participle or relative clause hangs on
("five killed on Monday", "soldiers who were killed"), or a death-toll noun ("a death
toll of 16"). Tolls summed over a period ("16 in total", "over the past two weeks")
are marked cumulative: a series, not a new incident.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitroom.pipeline.base import DocState, Mention, assign
from sitroom.pipeline.casualty_headlines import from_headline
from sitroom.pipeline.casualty_tolls import (SELF, Casualty, shot_in_the_shooting, shot_less_dead, shot_then_dead,
                                             with_the_killer)
from sitroom.pipeline.casualty_victims import NOT_VICTIMS, a_person as _a_person, one_victim as _one_victim
from sitroom.pipeline.killing_nouns import KILLING_NOUNS, fatal_noun, noun_victim, statistic
from sitroom.pipeline.numbers import MULTIPLES, CountMention, find_counts, number_value
from sitroom.records import Figure

KILL = {"kill", "die", "massacre", "execute", "assassinate", "slay", "murder", "behead"}
SHOT = {"shoot", "stab", "beat", "hack", "maim"}
WOUND = {"wound", "injure", "hurt", "maim", "hospitalize", "hospitalise"}
# "suffered gunshot wounds", "was treated for injuries": the subject was wounded
WOUND_NOUNS = {"wound", "injury"}
REFLEXIVES = {"himself", "herself", "themselves"}
TOLL_NOUNS = {"toll": "killed", "death": "killed", "dead": "killed", "fatality": "killed", "body": "killed",
              "casualty": "killed_or_wounded", "injury": "wounded", "injured": "wounded", "wounded": "wounded"}
CUMULATIVE_CUES = ("in total", "in all", "so far", "to date", "total of", "toll", "since", "over the past",
                   "each year", "every year", "per year", "a year", "annually",
                   "in the past", "altogether", "overall", "cumulative", "the past two", "the past three")
UNCONFIRMED_CUES = ("unconfirmed", "reportedly", "allegedly", "purportedly", "yet to be confirmed",
                    "could not be verified", "could not be independently verified", "unverified", "alleged")


# Animals are no casualties: "hunters shot 4,000 deer", "the dog was shot"
ANIMALS = {"deer", "dog", "cat", "animal", "bird", "horse", "cow", "cattle", "livestock", "goat", "sheep", "pig",
           "bear", "wolf", "coyote", "elk", "duck", "chicken", "k-9", "k9", "pet", "bull", "camel"}  # not "turkey"
# Nouns for people of any kind: groups after "three people," name the same three again
GENERIC_PEOPLE = {"people", "person", "victim", "individual", "civilian", "resident"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}


def _to_death(tok: Any) -> bool:
    """"shot dead", "stabbed to death", "beaten to death", "fatally shot": a verb of violence that killed."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally"):
            return True
        if c.dep_ in ("oprd", "acomp", "advmod", "xcomp", "dobj") and c.lower_ == "dead":
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


def _to_hospital(tok: Any) -> bool:
    """"sent four people to the hospital", "put two in hospital", "was taken to the hospital": wounded."""
    return tok.lemma_.lower() in ("send", "put", "rush", "take", "transport", "fly", "airlift", "bring") and any(
        c.dep_ == "prep" and c.lower_ in ("to", "in", "into") and any(g.lemma_.lower() == "hospital"
                                                                     for g in c.children) for c in tok.children)


def _suffered_wounds(tok: Any) -> bool:
    """"suffered gunshot wounds", "sustained injuries", "was treated for wounds", "were found with
    gunshot wounds", "arrived at a hospital with a gunshot wound"."""
    lemma = tok.lemma_.lower()
    if lemma in ("suffer", "sustain"):  # "suffered gunshot wounds", "found two men suffering from gunshot wounds"
        return any((c.dep_ == "dobj" and c.lemma_.lower() in WOUND_NOUNS) or (
            c.dep_ == "prep" and c.lower_ == "from" and any(g.lemma_.lower() in WOUND_NOUNS for g in c.children))
            for c in tok.children)
    if lemma in ("find", "arrive", "show", "walk", "turn"):
        return any(c.dep_ == "prep" and c.lower_ == "with" and any(g.lemma_.lower() in WOUND_NOUNS
                                                                    for g in c.children) for c in tok.children)
    if lemma == "treat":
        return any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in WOUND_NOUNS
                                                                   for g in c.children) for c in tok.children)
    return False


def _shot_someone(tok: Any) -> bool:
    """Active "shot his brother", "shot himself", "shot four people": the object was hit."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return obj is not None and (obj.lower_ in REFLEXIVES or _a_person(obj)
                                or any(c.dep_ == "nummod" for c in obj.children))


def _life_taken(verb: Any) -> Any | None:
    """"took the life of a 20-year-old", "claimed the life of Summer Miller", "cost him his life": the
    life taken (its owner is the victim), or None."""
    if verb.lemma_.lower() not in ("take", "claim", "cost"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "life"), None)


def _shot_then(shot: Any, other_kind: str | None) -> bool:
    """"shot and killed": the shooting verb is how they were killed, not a second figure."""
    return other_kind == "killed" and shot.lemma_.lower() in SHOT


CONDITIONS = {"critical", "serious", "stable", "grave", "fair", "life-threatening", "guarded"}


def _in_condition(tok: Any) -> bool:
    """"two others are in critical condition", "remains in serious condition": hurt, and alive."""
    return tok.lemma_.lower() in ("be", "remain") and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(
            g.lemma_.lower() == "condition" and any(m.lower_ in CONDITIONS for m in g.children) for g in c.children)
        for c in tok.children)


def _fatal_wounds(tok: Any) -> bool:
    """"suffered a fatal gunshot wound", "sustained mortal injuries": the wounds killed."""
    return tok.lemma_.lower() in ("suffer", "sustain") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in WOUND_NOUNS and any(m.lower_ in ("fatal", "mortal")
                                                                      for m in c.children) for c in tok.children)


def _kind(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and _fatal_wounds(tok):
        return "killed"
    if tok.pos_ in ("VERB", "AUX") and (_to_hospital(tok) or _suffered_wounds(tok) or _in_condition(tok)):
        return "wounded"
    if lemma in KILL or tok.lower_ in ("killed", "dead") or (
            tok.pos_ == "VERB" and (_to_death(tok) or _life_taken(tok))):
        return "killed"
    if lemma in WOUND or tok.lower_ in ("wounded", "injured"):
        return "wounded"
    if lemma in SHOT and any(c.dep_ == "auxpass" for c in tok.children) and not any(
            c.lower_ == "down" or (c.lower_ == "at" and not any(g.dep_ == "pobj" for g in c.children))
            for c in tok.children):  # "shot down", "were shot at": no wound ("shot at a party" is)
        return "wounded"  # "a teenager was shot": hurt; "shot dead" was caught above
    if lemma == "shoot" and tok.pos_ == "VERB" and _shot_someone(tok):
        return "wounded"
    if lemma == "shoot" and tok.tag_ in ("VBN", "VBD") and _headline_victim(tok):
        return "wounded"  # "Four men shot, one critically", "Teen accidentally shot in Charlotte"
    if lemma in ("hit", "strike", "graze") and any(c.dep_ == "auxpass" for c in tok.children) and any(
            c.dep_ == "nsubjpass" and _a_person(c) for c in tok.children):
        return "wounded"  # "four people were hit in an overnight shooting"
    return None


PERPETRATOR_NOUNS = {"gunman", "shooter", "suspect", "police", "officer", "officers", "deputy", "deputies",
                     "trooper", "troopers", "soldier", "soldiers", "assailant", "attacker", "robber"}


def _headline_victim(tok: Any) -> bool:
    """A headline's reduced passive: "X shot" with no object, no auxiliary, a person as its subject."""
    if any(c.dep_ in ("dobj", "aux", "auxpass", "nsubjpass") for c in tok.children):
        return False
    if any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in tok.children):
        return False  # "a man shot and killed his daughters": active, the object is the other verb's
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ not in PERPETRATOR_NOUNS and (
        _a_person(subj) or any(c.dep_ == "nummod" for c in subj.children))


def _victim_token(verb: Any) -> Any | None:
    life = _life_taken(verb) if verb.pos_ == "VERB" else None
    if life is not None:  # whose life: "the life of X", "his life" (with "cost him", the dative)
        owner = [g for c in life.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"] or [c for c in verb.children if c.dep_ == "dative"]
        return owner[0] if owner else None
    if verb.lower_ == "dead" and verb.dep_ in ("acomp", "oprd"):
        # "a 14-year-old boy is dead", "the man was found dead": the subject of the linking verb;
        # "the shooting left one man dead": the object of "leave"
        roles = ("dobj",) if verb.head.lemma_.lower() == "leave" else ("nsubj", "nsubjpass")
        return next((c for c in verb.head.children if c.dep_ in roles), None)
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head  # "five soldiers who were killed"
            return c
    if verb.lemma_.lower() in ("die", "suffer", "sustain", "arrive", "walk", "show", "turn") or _in_condition(verb) or (
            verb.tag_ in ("VBN", "VBD") and verb.lemma_.lower() == "shoot" and _headline_victim(verb)):
        for c in verb.children:
            if c.dep_ == "nsubj":
                return c
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    if verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in ("NOUN", "NUM"):
            return subj  # "eight workers killed a week earlier", parsed as an active clause
    if verb.dep_ in ("relcl", "acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return verb.head
    if verb.dep_ == "xcomp" and verb.lemma_.lower() in ("suffer", "sustain"):
        # "two men were found suffering from gunshot wounds": the one found
        return next((c for c in verb.head.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if verb.dep_ == "conj":
        # "three were killed and two wounded": the second verb's own number, else the shared subject
        own = next((c for c in verb.children if c.dep_ in ("nsubj", "npadvmod", "dobj", "attr", "nummod")
                    and (c.like_num or c.pos_ == "NUM")), None)
        return own if own is not None else _victim_token(verb.head)
    # "acknowledged 16 of its soldiers killed": the count is the verb's clausal subject
    for c in verb.children:
        if c.dep_ in ("nsubj",) and c.pos_ == "NUM":
            return c
    return _left_object(verb)  # "left five people wounded", "left three injured"


def _left_object(verb: Any) -> Any | None:
    """The object of "leave" that a wounding participle describes, however the parser hung it."""
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if verb.tag_ != "VBN" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    if verb.head.lemma_.lower() == "leave" and verb.dep_ in ("xcomp", "oprd", "ccomp", "conj"):
        return next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if prev is not None and prev.dep_ == "dobj" and prev.head.lemma_.lower() == "leave":
        return prev
    return None


def _fatally(verb: Any, counts: list[CountMention]) -> CountMention | None:
    """"four people were shot, one fatally" / "two of them fatally": how many of the shot died."""
    for c in verb.subtree:
        if c.lower_ == "fatally" and c.head.i != verb.i:
            num = c.head
            for count in counts:
                if count.token_start <= num.i < count.token_end:
                    return count
            value = number_value(num.text) if num.like_num else None  # "two of them": no noun, not a count
            if value is not None:
                return CountMention.of_token(num, value)
    return None


def _with_conjuncts(victim: Any, count: CountMention, counts: list[CountMention]) -> CountMention:
    """"Two VDP and 11 civilians were killed", "6 soldiers and more than 37 militants", "killed 2 adults,
    2 teens", "shoots daughter, himself": one toll, the sum of the counted groups (their lower bounds,
    when a group is not exact); but "three people, two men and a woman" names the three again."""
    parts = [count]
    others = [t for t in victim.conjuncts if t.i > victim.i and (t.pos_ in ("NOUN", "PROPN") or t.lower_ in SELF)]
    listed = _appositions(victim)
    others += [a for a in listed if (a.lower_ in SELF or any(c.dep_ == "nummod" for c in a.children) or (
        len(listed) > 1 and _bare_person(a))) and a not in others
        and not any(t.dep_ == "quantmod" and t.lower_ == "of" for t in a.subtree)  # "a boy, one of three hit"
        and not any(c.dep_ in ("acl", "relcl") and _kind(c) for c in a.children)]  # "killed, 3 others injured"
    own_clause = any(c.dep_ in ("relcl", "acl") for c in victim.children)
    for conj in others:
        if any(c.lower_ == "unborn" for c in conj.children):
            continue  # "three people and an unborn baby": three, as GVA and ACLED count the dead
        if own_clause and any(c.dep_ in ("relcl", "acl") for c in conj.children):
            continue  # "two men who were killed and a woman who was wounded": each group its own fate
        c = _count_for(conj, counts) or _one_victim(conj)  # "a man and his son": one and one
        if c is None and _bare_person(conj) and count.value == 1 and victim.tag_ == "NN":
            c = CountMention.of_token(conj, 1, conj.i)  # "his wife and son": the "his" is the son's too
        if c is None or c.token_start == count.token_start:
            return count  # "two soldiers and civilians": the other group is not counted
        parts.append(c)
    if len(parts) == 1 or any(p.low is None and p.value is None for p in parts):
        return count
    if victim.tag_ == "NNS" and victim.lemma_.lower() in GENERIC_PEOPLE and count.value is not None \
            and sum(p.value or 0 for p in parts[1:]) == count.value:
        return count  # "three people, two men and a woman": the groups restate the total
    low = sum((p.low if p.low is not None else p.value) or 0 for p in parts)
    exact = all(p.qualifier == "exact" for p in parts)
    first, end = parts[0], max(p.token_end for p in parts)
    text = victim.doc[first.token_start:end].text  # a span's text: doc.text would rebuild the whole text
    return CountMention(first.start, max(p.end for p in parts), first.token_start, end,
                        low if exact else None, low, low if exact else None, "exact" if exact else "at_least",
                        first.noun, text)


def _appositions(tok: Any) -> list[Any]:
    """The appositions after a noun, through chains: "grandson, wife, himself" may parse as wife in
    apposition to grandson and himself to wife."""
    out = []
    for a in tok.children:
        if a.dep_ == "appos":
            out += [a, *_appositions(a)]
    return out


def _bare_person(tok: Any) -> bool:
    """"killed his son, wife, himself": a bare person noun in a list is another victim, where "a man, a
    father of three" (a determiner) or "his son, John" (a name) names the same one again."""
    return tok.tag_ == "NN" and _a_person(tok) and not any(c.dep_ in ("det", "poss", "prep") for c in tok.children)


def _same(a: Any, b: Any) -> bool:
    """Same token (spaCy makes a new Token object on every access, so `is` cannot tell)."""
    return a is not None and b is not None and a.i == b.i


def _partitive(count: CountMention, doc: Any) -> CountMention:
    """"one of three people hit ... has died": the one, not the three."""
    i = count.token_start
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].like_num and doc[i - 2].dep_ in ("quantmod", "nummod"):
        value = number_value(doc[i - 2].text)
        if value is not None and count.value is not None and value < count.value:
            return CountMention.of_token(doc[i - 2], value, count.noun)
    return count


def _count_for(victim: Any, counts: list[CountMention]) -> CountMention | None:
    if victim.lemma_.lower() in NOT_VICTIMS:
        return None
    for c in counts:
        if c.noun == victim.i or c.token_start <= victim.i < c.token_end:
            return _partitive(c, victim.doc)
    for c in counts:  # "16 of its soldiers": the number is the head, the noun hangs off "of"
        if c.token_start <= victim.i < c.token_end or (c.noun is not None and victim.i == c.noun):
            return c
    return None


def _cumulative(sent_text: str) -> bool:
    low = sent_text.lower()
    return any(cue in low for cue in CUMULATIVE_CUES)


def _unconfirmed(text: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in UNCONFIRMED_CUES)


def figure_of(count: CountMention, cumulative: bool, unconfirmed: bool) -> Figure:
    fig = count.to_figure(cumulative)
    if unconfirmed and fig.qualifier == "exact":
        return Figure(fig.value, fig.low, fig.high, "unconfirmed", cumulative, fig.text)
    return fig


# "attempted to kill a deputy", "tried to shoot him", "in an effort to kill himself", "a plot to kill": an aim,
# not a toll
AIMS = {"attempt", "try", "seek", "want", "plan", "threaten", "vow", "effort", "bid", "plot", "order", "intend"}


def _aimed(tok: Any) -> bool:
    """Whether a verb is what someone tried, meant or threatened to do (its xcomp or infinitive clause)."""
    return tok.dep_ in ("xcomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and tok.head.lemma_.lower() in AIMS


def casualties_in(sent: Any) -> list[Casualty]:
    """Casualty figures of one spaCy sentence."""
    counts = find_counts(sent)
    cumulative = _cumulative(sent.text)
    unconfirmed = _unconfirmed(sent.text)
    out: list[Casualty] = []
    seen: set[tuple[int, str]] = set()
    for tok in sent:
        kind = None if _aimed(tok) else _kind(tok)
        if kind and tok.pos_ in ("VERB", "ADJ", "AUX") or (kind and tok.dep_ in ("acl", "amod", "relcl")):
            victim = _victim_token(tok)
            if victim is None or victim.lemma_.lower() in ANIMALS or victim.lower_ in ANIMALS:
                continue
            count = _count_for(victim, counts) or _one_victim(victim)
            if count is None:
                continue
            count = _with_conjuncts(victim, count, counts)
            # "killed or wounded" is one combined figure, counted once on the first verb;
            # "killed and wounded" with one number is the same; with two numbers, two figures.
            partner = next((c for c in tok.children if c.dep_ == "conj" and _kind(c) and _kind(c) != kind), None)
            if partner is not None and not any(c.dep_ == "cc" for c in tok.children):
                partner = None  # "injures 9 people; gunman shot, killed": clauses apart, not "killed or wounded"
            if tok.dep_ == "conj" and _kind(tok.head) and _kind(tok.head) != kind:
                # "shot and killed two men": the killing counts them; "killed or wounded": counted once
                if _same(_victim_token(tok), _victim_token(tok.head)) and not _shot_then(tok.head, kind):
                    continue
            elif partner is not None and _same(_victim_token(partner), victim):
                if _shot_then(tok, _kind(partner)):
                    continue
                kind = "killed_or_wounded"
            key = (count.token_start, kind)
            if key in seen:
                continue
            seen.add(key)
            died = _fatally(tok, counts) if kind == "wounded" and tok.lemma_.lower() in SHOT else None
            if died is not None and died.value is not None and count.value is not None and died.value < count.value:
                out.append(Casualty("killed", figure_of(died, cumulative, unconfirmed), victim.i, tok.i))
                rest = count.value - died.value  # "four shot, one fatally": three wounded
                count = replace(count, value=rest, low=rest, high=rest)
            out.append(Casualty(kind, figure_of(count, cumulative, unconfirmed), victim.i, tok.i))
        elif tok.pos_ == "NOUN" and fatal_noun(tok) and (tok.i, "killed") not in seen:
            # "the fatal shooting of a 5-year-old girl", "the teen's shooting death": the victims it names
            victim = noun_victim(tok)
            count = victim is not None and (_count_for(victim, counts) or _one_victim(victim) or (
                CountMention.of_token(victim, 1, victim.i) if victim.tag_ == "NN" and _a_person(victim) else None))
            if count:
                seen.add((tok.i, "killed"))
                count = _with_conjuncts(victim, count, counts)
                out.append(Casualty("killed", figure_of(count, cumulative, unconfirmed), victim.i, tok.i))
            elif victim is None and not statistic(tok) and not any(c.dep_ == "poss" for c in tok.children):
                # "a deadly shooting", "the fatal stabbing": someone died, how many it does not say ("his
                # shooting death": one already named)
                seen.add((tok.i, "killed"))
                words = tok.doc[min([tok.i] + [c.i for c in tok.children if c.dep_ in ("amod", "compound")]):tok.i + 1]
                count = CountMention(words.start_char, words.end_char, words.start, words.end, 1, 1, None, "at_least",
                                     tok.i, words.text)
                out.append(Casualty("killed", figure_of(count, cumulative, unconfirmed), tok.i, tok.i))
        elif tok.lower_ in MULTIPLES and tok.head.lemma_.lower() in KILLING_NOUNS and tok.head.i == tok.i + 1 \
                and (tok.i, "killed") not in seen:
            # "a triple homicide": three killed, said by the word for the killing itself
            seen.add((tok.i, "killed"))
            n = MULTIPLES[tok.lower_]
            count = CountMention(tok.idx, tok.idx + len(tok), tok.i, tok.i + 1, n, n, n, "exact", tok.head.i, tok.text)
            out.append(Casualty("killed", figure_of(count, cumulative, unconfirmed), tok.head.i, tok.head.i))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in TOLL_NOUNS:
            # "a death toll of 16", "16 dead", "casualties rose to 10"
            for count in counts:
                near = count.noun == tok.i or any(
                    t.i == tok.i for t in sent.doc[count.token_start:count.token_end].root.ancestors)
                if near or (0 < count.token_start - tok.i <= 4):
                    key = (count.token_start, TOLL_NOUNS[tok.lemma_.lower()])
                    if key in seen:
                        continue
                    seen.add(key)
                    cum = cumulative or tok.lemma_.lower() == "toll"
                    out.append(Casualty(TOLL_NOUNS[tok.lemma_.lower()], figure_of(count, cum, unconfirmed),
                                        count.noun, tok.i))
                    break
    return shot_in_the_shooting(shot_less_dead(with_the_killer(out, sent), sent), sent)


class CasualtiesStage:
    """Killed and wounded figures with their qualifiers, per sentence."""

    name = "casualties"
    requires = frozenset({"doc"})
    assigns = frozenset({"figures"})

    def __call__(self, state: DocState) -> DocState:
        doc = state.doc
        found: list[Casualty] = []
        for sent in doc.sents:
            found += casualties_in(sent)
        found = from_headline(state, shot_then_dead(found, doc))
        mentions = []
        for cas in sorted(found, key=lambda c: c.verb):
            tok = doc[cas.verb]
            mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.i, tok.i + 1, cas, tok.text))
        return assign(state, figures=tuple(mentions))
