"""Word groups, by meaning, that refine an event's ACLED sub-type.

The dependency parse says who did what to whom; these groups say how (air strike,
shelling, grenade, chemical agent), in what setting (a protest, a mob) and with what
result (property destroyed, weapons seized), which is what separates ACLED's sub-types.
Stems end without a word boundary so "flood" covers floods, flooding and flooded. They
were written by meaning, not fitted to any evaluation set.
"""
from __future__ import annotations

import re


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


# Word groups by meaning. Stems end without \b so "flood" covers floods, flooding, flooded.
_SHELLING = (r"(?<!gas )shell", r"artillery", r"mortar", r"rocket", r"missile")  # not tear gas shells

WORDS = {
    "attrib": _rx(r"(?:claim\w*|bear\w*|den\w+|accept\w*|took|take\w*|assum\w+) (?:\w+ )?responsibilit",
                  r"responsib\w+ for", r"(?:was|were) (?:behind|responsible)", r"denied (?:any )?involvement",
                  r"blam\w+ (?:\w+ ){0,4}for (?:the|an|a|this|that) (?:attack|bomb|blast|explosion|kill)"),
    "natural": _rx(r"earthquake", r"quake", r"flood", r"cyclone", r"hurricane", r"typhoon", r"tornado", r"tsunami",
                   r"landslide", r"mudslide", r"drought", r"torrential", r"heavy rain", r"monsoon", r"avalanche",
                   r"volcan", r"eruption", r"heat ?wave", r"wildfire", r"bushfire", r"forest fire", r"storm\b",
                   r"epidemic", r"pandemic", r"outbreak", r"covid", r"coronavirus", r"cholera", r"ebola",
                   r"infect", r"virus", r"locust"),
    "man_made": _rx(r"(?:plant|factory|refinery|mine|pipeline|tanker|warehouse|depot|boiler|cylinder|tank)\w* "
                    r"(?:\w+ ){0,3}(?:explo|blast|fire|blaze|collaps)", r"(?:explosion|blast|fire|blaze) "
                    r"(?:\w+ ){0,4}(?:plant|factory|refinery|mine|warehouse|market|depot|hospital)",
                    r"fire broke out", r"caught fire", r"blaze", r"gutted", r"collaps", r"crash", r"derail",
                    r"capsiz", r"sank", r"sunk", r"leak", r"spill", r"poison\w* (?:\w+ )?(?:food|alcohol|liquor)",
                    r"(?:food|alcohol|liquor) poison", r"after consuming", r"stampede", r"hazard", r"accident",
                    r"short circuit", r"gas explosion"),
    "crime": _rx(r"drug", r"narcotic", r"cocaine", r"heroin", r"cannabis", r"marijuana", r"methamphetamine",
                 r"\bmeth\b", r"cartel", r"traffick", r"smuggl", r"counterfeit", r"fake (?:currency|notes)",
                 r"gang\b", r"gangs", r"gangster", r"mafia", r"launder", r"poach", r"contraband", r"extortion",
                 r"organi[sz]ed crime", r"crime syndicate", r"criminal (?:network|group|ring)"),
    "conflict": _rx(r"militant", r"rebel", r"insurgent", r"terroris", r"jihadi", r"islamic state", r"\bisis\b",
                    r"\bisil\b", r"daesh", r"taliban", r"al[- ]shabaab?", r"boko haram", r"airstrike", r"air strike",
                    r"shell(?:ing|ed)", r"suicide", r"gunmen", r"armed group", r"militia", r"troops", r"army",
                    r"soldier", r"attack\w*", r"bomb", r"\bied\b", r"grenade", r"missile", r"rocket"),
    "chemical": _rx(r"chemical (?:weapon|attack|munition|agent)", r"chlorine", r"sarin", r"mustard gas",
                    r"toxic gas", r"poison(?:ous)? gas", r"nerve agent", r"gas attack", r"toxic (?:chemical|agent)"),
    "grenade": _rx(r"(?<!sound )(?<!stun )grenade"),  # not the police's sound and stun grenades
    "suicide": _rx(r"suicide (?:bomb|attack|car|vest|blast)", r"blew (?:himself|herself|themselves) up"),
    "disrupted": _rx(r"(?:seiz|recover|found|discover|confiscat|unearth|hand\w* over|surrender)\w* (?:\w+ ){0,6}"
                     r"(?:weapon|arms\b|ammunition|firearm|rifle|gun|explosive|cache|\bied|mines\b|munition|rounds)",
                     r"(?:weapon|arms|ammunition|explosive)s? (?:\w+ ){0,4}(?:seiz|recover|found|discover|confiscat)",
                     r"cache", r"defus", r"intercept", r"shot down", r"bomb disposal", r"foil", r"thwart",
                     r"dismantl\w+ (?:\w+ ){0,3}(?:bomb|explosive|device|\bied)"),
    "base": _rx(r"(?:set up|sets up|setting up|establish\w*|built|build\w*|open\w*|erect\w*) (?:\w+ ){0,5}"
                r"(?:base|headquarter|outpost|observation (?:point|post)|military post|checkpoint|post\b|camp\b|facilit)"),
    "property": _rx(r"loot", r"vandali[sz]", r"torch", r"set (?:\w+ ){0,4}(?:on fire|ablaze|alight)", r"arson",
                    r"ransack", r"burn\w* (?:down )?(?:\w+ ){0,3}(?:house|home|shop|car|vehicle|propert|office|"
                    r"building|church|mosque)", r"destroy\w* (?:\w+ ){0,3}propert", r"attacks? on propert",
                    r"sett?(?:ing|s)? fire to", r"pillag", r"plunder", r"burn\w* down",
                    r"(?:took|stole|seized|robbed) (?:[\w']+ ){0,3}(?:belongings|equipment)"),
    "sexual": _rx(r"\brap(?:e|es|ed|ing|ist)\b", r"sexual", r"molest", r"sexually"),
    "mob": _rx(r"\bmob\b", r"lynch", r"vigilant", r"villagers clash", r"communal clash"),
    "rioters": _rx(r"\brioters?\b", r"\brioted\b"),
    "shutdown": _rx(r"blockade", r"shut ?down", r"\bhartal", r"general strike"),
    # "marched", "a march", never the month ("On 2 March 2023"): lower-case, or a capitalised verb form
    "protest": _rx(r"protest", r"demonstrat", r"rally", r"rallies", r"(?-i:march\w*|March(?:ed|ing|ers?)\b)",
                   r"sit-in", r"strike by"),
    "riot": _rx(r"riot(?!\s+police)", r"turned violent", r"clash\w* with (?:\w+ ){0,2}police", r"stone", r"pelt",
                r"threw (?:\w+ ){0,3}(?:stones|rocks|bricks|petrol|molotov|firecrackers)", r"molotov"),
    # what makes a demonstration violent in ACLED's terms, besides a riot's words: damage and scuffles
    "unruly": _rx(r"thr[oe]w\w* (?:\w+ ){0,3}(?:gasoline|bottles)", r"set (?:\w+ ){0,5}(?:on fire|ablaze|alight)",
                  r"\bablaze", r"bonfire", r"vandali[sz]", r"scuffle",
                  r"burn\w* (?:\w+ ){0,2}(?:tyres|tires|objects|vehicles?|cars?|buses|bus|buildings?|effig)"),
    "force": _rx(r"tear ?gas", r"water cannon", r"rubber bullet", r"baton", r"dispers", r"opened fire",
                 r"live (?:fire|ammunition|rounds)", r"suppress", r"crack\w* down", r"detain", r"arrest"),
    "lethal": _rx(r"\bkill", r"\bdead\b", r"\bdied\b", r"\bdie\b", r"shot dead", r"fatal", r"live (?:fire|ammun)",
                  r"gunfire", r"wounded", r"injur"),
    "territory": _rx(r"(?:captur|seiz|retook|retak|recaptur|liberat|regain|overr[au]n|took control|"
                     r"taken control|take control|overtake|recover|storm|fell to|taken over|took over)\w* "),
    "transfer": _rx(r"hand\w* over", r"withdr[ae]w\w*", r"pull\w* out", r"evacuat", r"vacat", r"leaving",
                    r"retreat", r"handover"),
    "agreement": _rx(r"agree", r"ceasefire", r"cease-fire", r"truce", r"accord\b", r"deal\b", r"treaty",
                     r"signed", r"exchange of prisoners", r"prisoner (?:swap|exchange)", r"peace (?:deal|pact)"),
    "diplo": _rx(r"sanction", r"expel", r"expuls", r"diplomat", r"embassy", r"ambassador", r"condemn",
                 r"talks\b", r"summit", r"envoy", r"foreign minist", r"visit", r"meet", r"negotiat", r"consul",
                 r"urge", r"call\w* on", r"warn"),
    "group_change": _rx(r"deploy", r"reinforc", r"mobili[sz]", r"defect", r"formed", r"merg", r"relocat",
                        r"recruit", r"redeploy", r"dissolv", r"split", r"launched (?:a|an) (?:new )?(?:group|unit)"),
    "arrest": _rx(r"arrest", r"detain", r"custody", r"apprehend", r"nabbed", r"rounded up"),
    "abduct": _rx(r"abduct", r"kidnap", r"hostage", r"disappear"),
    # bomber aircraft, not "the bomber was killed" (a man who carried a bomb)
    "air": _rx(r"air ?strike", r"warplane", r"drone", r"jets?\b", r"bombers? (?:jets?|aircraft|planes?)",
               r"(?:strategic|heavy|long-range|fighter) bombers?", r"helicopter", r"air[- ]raid", r"aerial",
               r"air[- ]supported", r"air force"),
    "shelling": _rx(*_SHELLING),
    # what a heavy-weapons mode needs named before it counts as shelling ("fired indiscriminately" is none)
    "heavy_weapons": _rx(*_SHELLING, r"howitzer", r"tank", r"launcher", r"bombard", r"pound"),
    "explosive": _rx(r"\bied\b", r"improvised explosive", r"roadside bomb", r"landmine", r"car bomb", r"bomb",
                     r"explosi", r"blast",
                     # a landmine, not a gold mine or the mine's guards
                     r"(?<!gold )(?<!coal )(?<!copper )(?<!cobalt )(?<!diamond )(?<!artisanal )\bmine\b(?!'s| site| owner)"),
    "violence": _rx(r"\bkill", r"attack", r"shot", r"shoot", r"gunmen", r"stabb", r"murder", r"clash", r"fight",
                    r"ambush", r"massacre", r"assault", r"beat"),
}


def has_words(text: str, *groups: str) -> bool:
    """Whether any of the named word groups occurs in `text`."""
    return any(WORDS[g].search(text) for g in groups)
