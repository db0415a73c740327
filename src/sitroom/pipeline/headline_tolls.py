"""Tolls in headlines: "3 Killed, 2 Hurt in Pasadena Shooting", "4 shot, 1 dead in Pine Bluff".

Headlines are where local news gives its figures, and where the parse is weakest: title case
and dropped verbs make "3 Killed" a proper noun and "Two Dead, Two Critically Injured" a list
of names. The headline's own grammar is small, so it is read with a pattern: a count (a
number, or a person noun that means one: "Man Killed", "Teen Shot"), up to two words ("4
Others", "5 More", "two critically"), and a word that says what happened to them.

"N shot, M dead" counts the dead among the shot (GVA and news alike): N - M wounded. A
headline over several incidents ("5 Dead, 17 Wounded In Weekend Shootings") is a cumulative
toll, not one incident's.
"""
from __future__ import annotations

import re

from sitroom.pipeline.numbers import number_value
from sitroom.pipeline.time import MONTHS
from sitroom.records import Figure

ONE_PERSON = ("man", "woman", "teen", "teenager", "boy", "girl", "child", "toddler", "person", "student", "officer",
              "deputy", "trooper", "mother", "father", "son", "daughter", "infant", "baby", "driver", "victim",
              "juvenile", "youth", "clerk", "suspect", "gunman", "shooter", "intruder", "robber", "burglar",
              "carjacker", "attacker",  # a shooter the police or a homeowner killed is among the dead
              "bystander", "passenger", "cop")
# "5-year-old killed", "18-month old dead", "Four-year-old wounded": one person of that age, never five or eighteen
_AGE = (r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
        r"|sixteen|seventeen|eighteen)[ -](?:year|month|week|day)s?[ -]old")
_NUMBER = r"\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_COUNT = r"(?P<count>" + _AGE + r"|" + _NUMBER + r"|a|an|another|" + "|".join(ONE_PERSON) + r")"
# "Toddler in critical condition after shooting", "Harbourton 4-year-old in serious condition": one wounded
_WHAT = (r"(?P<what>killed|dead|slain|murdered|die|dies|died|injured|wounded|hurt|hospitalized|shot"
         r"|in (?:critical|serious|grave|stable|fair) condition|critical(?= after\b))")
# the words between a count and its verb ("4 Others", "two critically"): never another count, nor "and" (a list:
# "suspect and bystander killed" is two), nor a dash alone ("News Channel 12 - Five Injured" counts five)
_GAP = r"(?:[ -](?!(?:" + _NUMBER + r"|and)\b)(?!\d)(?!-)[\w'’-]+){0,2}?"
_TOLL = re.compile(r"(?i)(?<![\w-])" + _COUNT + r"(?P<age>,\s*\d{1,3},)?" + _GAP + r"[ -]" + _WHAT + r"(?![\w-])")
KILLED_WORDS = {"killed", "dead", "slain", "murdered", "die", "dies", "died"}
# The active voice: "shooting spree injures three", "gunfire wounds 2 teens", "crash kills 4"; and the
# hospital: "shooting lands three women in hospital", "sends 3 to the hospital" (wounded). Never a count of
# time ("killed 3 days after").
_PEOPLE = r"(?:[ -](?:people|persons|men|women|teens|teenagers|children|kids|boys|girls|others|officers|students))?"
_ACTIVE = re.compile(r"(?i)(?<![\w-])(?P<what>injures|injuring|injured|wounds|wounding|wounded|wound|kills|killing)"
                     r"[ -](?P<count>" + _NUMBER + r")(?![\w-])(?![ -](?:year|month|week|day|hour|minute|time)s?\b)"
                     + _PEOPLE)
_HOSPITAL = re.compile(r"(?i)(?<![\w-])(?P<what>lands|sends|puts|landed|sent|put)[ -](?P<count>" + _NUMBER
                       + r")" + _PEOPLE + r"[ -](?:in|to|into)(?:[ -]the)?[ -]hospital\b")
# "9 shot, 1 fatally": the dead among the shot, told by the adverb alone
_FATALLY = re.compile(r"(?i)(?<![\w-])(?P<count>" + _NUMBER + r")[ -](?P<what>fatally)(?![\w-])")
# "Third person dies after shooting", "4th victim of Henry County shooting dies": that many dead by now
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "2nd": 2, "3rd": 3,
             "4th": 4, "5th": 5, "6th": 6, "7th": 7}
_NTH_DIES = re.compile(r"(?i)(?<![\w-])(?P<count>" + "|".join(_ORDINALS) + r")[ -](?:[\w'’-]+[ -]){0,5}?"
                       r"(?P<what>dies|died|has died)(?![\w-])")
# the headline of a round-up over several incidents
ROUND_UP = re.compile(r"(?i)\b(?:shootings|attacks|incidents|separate|weekend of violence|across the city"
                      r"|(?:violent|deadliest|bloody|bloodiest) (?:weekend|night|holiday|start|day|week)"
                      r"|weekend violence|in \d+ hours|within a mile)\b")
_MONTH_BEFORE = re.compile(r"(?i)\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+$")
_NOT_VICTIMS = {"suspect", "suspects", "police", "officers", "gunman", "gunmen", "shooter", "shooters"}


# Lists of victims: "Father, 3 children found dead", "kills his wife and her brother, turns gun on
# himself", "killed 8-year-old girl, husband, herself": one toll, the sum of the list (a killer's own death
# counts, as GVA and the news count it).
KIN = ONE_PERSON + ("wife", "husband", "girlfriend", "boyfriend", "grandmother", "grandfather", "grandson",
                    "granddaughter", "sister", "brother", "stepson", "stepdaughter", "fiancee", "fiance", "friend",
                    "neighbor", "neighbour", "cousin", "nephew", "niece", "aunt", "uncle", "adult", "grandchild",
                    "kid", "wife's", "parent", "employee", "coworker", "ex-wife", "ex-girlfriend")
_GROUP = r"(?:[ -](?!(?:dead|killed|injured|wounded|hurt|shot)\b)[a-z'’-]+)?[ -](?:[a-z'’-]+s|men|women|children|people|" + "|".join(KIN) + r")\b"
# one person: "his wife", "a 7-year-old boy", "8-year-old"; in a list, with an age after ("Boy, 2, and man killed")
_PERSON = r"(?:(?:his|her|their|a|an|the)[ -])?(?:(?:" + _AGE + r"[ -])?(?:" + "|".join(KIN) + r")|" + _AGE + ")"
_ITEM = r"(?:(?:" + _NUMBER + r")" + _GROUP + r"|" + _PERSON + r"(?:,\s*\d{1,3}(?=\s*,|\s+and\b))?|himself|herself)"
_SEP = r"(?:,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?)"
_LIST = r"(?P<list>" + _ITEM + r"(?:" + _SEP + _ITEM + r")+)"
_LIST_DEAD = re.compile(r"(?i)(?<![\w-])" + _LIST + r"\s+(?:(?:were|are)\s+)?(?:found\s+)?"
                        r"(?P<what>dead|killed|slain|murdered|shot dead|shot to death|shot,? (?:and|&) killed)\b")
_LIST_HURT = re.compile(r"(?i)(?<![\w-])" + _LIST + r"\s+(?:(?:were|are)\s+)?(?P<what>shot|wounded|injured|hurt)\b"
                        r"(?!\s+(?:dead|to death|and killed|& killed))")
# the wounded of an active verb: "shooting that wounded an 8-year-old, 2 others", "injuring himself, juvenile"
_LIST_WOUNDS = re.compile(r"(?i)(?<![\w-])(?P<what>wounds|wounded|wounding|injures|injured|injuring)\s+" + _LIST
                          + r"(?![\w-])")
# one person, not the first of a list: "kills wife" but not "kills wife, son"; a comma before the next verb
# ends the person ("killed girlfriend, injured 5 others", "killing baby, dies")
_ALONE = (r"(?!\s*(?:,(?!\s*(?:injur\w*|wound\w*|hurt\w*|dies|died|then|before|turns|turned|flees|fled)\b)"
          r"|and\b|&))")
# one wounded by an active verb: "Bullet grazes teen", "shooting wounds Dalmora woman" (never "injured man": an
# adjective)
_WOUNDS_ONE = re.compile(r"(?i)(?<![\w-])(?P<what>wounds|wounding|injures|injuring|grazes|grazing|(?<=that )injured"
                         r"|(?<=that )wounded)\s+(?P<list>(?:(?-i:[A-Z])[\w'’-]+\s+)?(?:" + _PERSON + r"))(?![\w-])"
                         + _ALONE)
_LIST_KILLS = re.compile(r"(?i)(?<![\w-])(?P<what>kills|killed|killing|slays|murders|murdered|shoots|shot)\s+" + _LIST
                         + r"(?![\w-])")
# one victim of an active killing verb: "Man kills wife", "Police kill gunman", "shooting and killing 19-year-old
# cousin", "shooting that killed Harbourton teen" (a place's name before the person)
_KILLS_ONE = re.compile(r"(?i)(?<![\w-])(?P<what>kills|kill|killed|killing|slays|murders|murdered)\s+(?P<list>"
                        r"(?:(?-i:[A-Z])[\w'’-]+\s+)?(?:" + _PERSON + r"))(?![\w-])" + _ALONE)
# "Student takes own life": one dead, by his or her own hand
_OWN_LIFE = re.compile(r"(?i)(?<![\w-])(?P<what>takes|took|taking)\s+(?:his\s+|her\s+|their\s+)?own\s+life\b")
_SUICIDE = re.compile(r"(?i)^,?\s*(?:then\s+|before\s+)?(?:(?:turns|turned|turning)\s+(?:the\s+)?gun\s+on|kills|killed"
                      r"|killing|shoots|shot|shooting)\s+(?:himself|herself|self)\b")
_MURDER_SUICIDE = re.compile(r"(?i)murder[ -]suicide")


def _list_value(words: str) -> int | None:
    """The number of victims a list names: a count for a counted group, one for anyone else."""
    total = 0
    words = re.sub(r"([A-Za-z'’-]),\s*\d{1,3}(?=\s*,|\s+and\b)", r"\1", words)  # "Boy, 2, and man": no ages
    for item in re.split(r"(?i)" + _SEP, words):
        first = item.strip().lower().split()[0] if item.strip() else ""
        if re.fullmatch(_AGE, item.strip(), re.I) or not re.fullmatch(_NUMBER, first, re.I):
            total += 1
        else:
            value = number_value(first)
            if value is None:
                return None
            total += value
    return total


def victim_lists(headline: str) -> list[tuple[str, int, tuple[int, int], tuple[int, int]]]:
    """(kind, total, the list's span, the verb's span) for the first list of the dead and the first of
    the wounded in a headline ("2 women, teen wounded": three)."""
    out = []
    for pattern in (_LIST_DEAD, _LIST_KILLS, _KILLS_ONE, _LIST_HURT, _LIST_WOUNDS, _WOUNDS_ONE):
        for m in pattern.finditer(headline):
            words = m.group("list")
            if m.group("what").lower() in ("shoots", "shot") and pattern is _LIST_KILLS \
                    and not _MURDER_SUICIDE.search(headline):
                continue  # "shoots a man and a woman": wounded, killed or both, the headline does not say
            value = _list_value(words)
            if value is None:
                continue
            if pattern in (_LIST_KILLS, _KILLS_ONE) and not re.search(r"(?i)\b(?:himself|herself)\b", words) \
                    and _SUICIDE.match(headline[m.end():]):
                value += 1  # "kills his wife and her brother, turns gun on himself"
            kind = "wounded" if pattern in (_LIST_HURT, _LIST_WOUNDS, _WOUNDS_ONE) else "killed"
            if all(k != kind for k, *_ in out):
                out.append((kind, value, m.span("list"), m.span("what")))
    return out


def headline_tolls(headline: str) -> list[tuple[str, int, tuple[int, int], tuple[int, int]]]:
    """(kind, value, count's character span, verb's character span) for each toll in a headline.

    kind is "killed" or "wounded"; "shot" alone counts the wounded, less the dead the headline
    gives for the same shooting.
    """
    found = []
    for m in _TOLL.finditer(headline):
        words = m.group(0).lower().split()
        if set(words[1:-1]) & _NOT_VICTIMS:
            continue  # "2 suspects shot by police": not the victims' count, or not of this attack
        if _MONTH_BEFORE.search(headline[:m.start("count")]):
            continue  # "Man Wounded in Nov. 2 Shooting Dies": a day of the month, not a count
        count = m.group("count").lower()
        if m.group("age") and count not in ONE_PERSON:
            continue  # "Man, 23, shot": a person and an age; a number and an age are no count
        if re.fullmatch(_AGE, count) or count in ONE_PERSON or count in ("a", "an", "another"):
            value = 1
        elif re.match(r"[ -](?:year|month|week|day)s?\b", headline[m.end("count"):], re.I):
            continue  # "ages 11 and 12", "16-year old": ages, not counts
        else:
            value = number_value(count)
        if value is None:
            continue
        what = m.group("what").lower()
        if what == "shot" and re.match(r"\s*(?:dead|(?:,|and|&)\s*killed|to death)", headline[m.end():], re.I):
            what = "killed"  # "Man shot dead", "Boy shot, killed"
        elif what in ("shot", "wounded") and re.search(r"(?i)\b(?:fatally|mortally)\b", m.group(0)):
            what = "killed"  # "Teen fatally shot", "man mortally wounded"
        kind = "killed" if what in KILLED_WORDS else "wounded"
        found.append((kind, value, m.span("count"), m.span("what"), what == "shot"))
    for pattern in (_ACTIVE, _HOSPITAL, _FATALLY):
        for m in pattern.finditer(headline):
            value = number_value(m.group("count").lower())
            if value is not None:
                kind = "killed" if m.group("what").lower().startswith(("kill", "fatal")) else "wounded"
                found.append((kind, value, m.span("count"), m.span("what"), False))
    for m in _NTH_DIES.finditer(headline):  # "Third person dies": three dead, not the one "person dies" says
        found = [f for f in found if not (m.start() <= f[2][0] < m.end())]
        found.append(("killed", _ORDINALS[m.group("count").lower()], m.span("count"), m.span("what"), False))
    if not any(k == "killed" for k, *_ in found):  # "Teen takes own life after shooting": he died
        found += [("killed", 1, m.span("what"), m.span("what"), False) for m in _OWN_LIFE.finditer(headline)][:1]
    if not any(k == "killed" for k, *_ in found):  # "Woman injured in drive-by shooting dies": she died
        found = [("killed", *f[1:4], False) if f[0] == "wounded" and f[1] == 1 and re.search(
            r"(?i)\b(?:dies|died|has died)\b", headline[f[3][1]:]) else f for f in found]
    lists = victim_lists(headline)
    # the dead counted among the shot; not a part of a list of the dead ("2 cops shot, suspect and bystander
    # killed": the list names others than the shot)
    dead = sum(v for k, v, c, *_ in found if k == "killed" and not any(
        lk == "killed" and ls[0] <= c[0] < ls[1] for lk, _, ls, _ in lists))
    out = []
    for kind, value, cspan, wspan, shot in found:
        if shot and dead and value > dead:
            value -= dead  # "4 shot, 1 dead": three wounded
        elif shot and dead and value <= dead:
            continue  # "1 shot dead" and "1 dead": the same person
        out.append((kind, value, cspan, wspan))
    lists = [(k, v - dead if k == "wounded" and headline[w[0]:w[1]].lower() == "shot" and v > dead else v, span, w)
             for k, v, span, w in lists]  # "3 women, 1 man shot, 1 dead": three wounded
    for kind, value, lspan, wspan in lists:  # a list's sum replaces the counts of its parts
        out = [t for t in out if not (t[0] == kind and lspan[0] <= t[2][0] < lspan[1])]
    return out + lists


def headline_figure(value: int, text: str, headline: str) -> Figure:
    """The figure of a headline toll: exact, cumulative when the headline rounds up several incidents."""
    return Figure(value, value, value, "exact", bool(ROUND_UP.search(headline)), text)
