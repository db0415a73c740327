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
from sitroom.records import Figure

ONE_PERSON = ("man", "woman", "teen", "teenager", "boy", "girl", "child", "toddler", "person", "student", "officer",
              "deputy", "trooper", "mother", "father", "son", "daughter", "infant", "baby", "driver", "victim")
# "5-year-old killed", "18-month old dead": one person of that age, never five or eighteen
_AGE = r"\d{1,3}[ -](?:year|month|week|day)s?[ -]old"
_COUNT = r"(?P<count>" + _AGE + r"|\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
         r"a|an|" + "|".join(ONE_PERSON) + r")"
_WHAT = r"(?P<what>killed|dead|slain|murdered|die|dies|died|injured|wounded|hurt|hospitalized|shot)"
# the words between a count and its verb ("4 Others", "two critically"): never another count, nor a dash
# alone ("News Channel 12 - Five Injured" counts five)
_GAP = r"(?:[ -](?!(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)(?!-)[\w'’-]+){0,2}?"
_TOLL = re.compile(r"(?i)(?<![\w-])" + _COUNT + _GAP + r"[ -]" + _WHAT + r"(?![\w-])")
KILLED_WORDS = {"killed", "dead", "slain", "murdered", "die", "dies", "died"}
# the headline of a round-up over several incidents
ROUND_UP = re.compile(r"(?i)\b(?:shootings|attacks|incidents|separate|weekend of violence|across the city)\b")
_NOT_VICTIMS = {"suspect", "suspects", "police", "officers", "gunman", "gunmen", "shooter", "shooters"}


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
        count = m.group("count").lower()
        if re.fullmatch(_AGE, count) or count in ONE_PERSON or count in ("a", "an"):
            value = 1
        elif re.match(r"[ -](?:year|month|week|day)s?\b", headline[m.end("count"):], re.I):
            continue  # "ages 11 and 12", "16-year old": ages, not counts
        else:
            value = number_value(count)
        if value is None:
            continue
        what = m.group("what").lower()
        if what == "shot" and re.match(r"\s*(?:dead|and killed|to death)", headline[m.end():], re.I):
            what = "killed"  # "Man shot dead"
        kind = "killed" if what in KILLED_WORDS else "wounded"
        found.append((kind, value, m.span("count"), m.span("what"), what == "shot"))
    dead = sum(v for k, v, *_ in found if k == "killed")
    out = []
    for kind, value, cspan, wspan, shot in found:
        if shot and dead and value > dead:
            value -= dead  # "4 shot, 1 dead": three wounded
        elif shot and dead and value <= dead:
            continue  # "1 shot dead" and "1 dead": the same person
        out.append((kind, value, cspan, wspan))
    return out


def headline_figure(value: int, text: str, headline: str) -> Figure:
    """The figure of a headline toll: exact, cumulative when the headline rounds up several incidents."""
    return Figure(value, value, value, "exact", bool(ROUND_UP.search(headline)), text)
