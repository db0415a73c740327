"""PLOVER → ACLED: the event type and sub-type ACLED would give an event, where it has one.

ACLED codes political violence, demonstrations and a few strategic developments; it has
no category for threats, accusations or talks, so those map to None rather than to a
forced guess. Violence is split by how it was done (air strike, shelling, explosives)
and against whom (civilians → violence against civilians; two armed sides → battle).
"""
from __future__ import annotations

ARMED = {"MIL", "REB", "COP", "UAF"}

BATTLE = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"


def acled_type(event: str, mode: str | None, actor_sectors: set[str], recipient_sectors: set[str],
               words: set[str], territory: bool = False) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) for a coded event, from its PLOVER type, mode and parties."""
    if event == "ASSAULT":
        if words & {"suicide"}:
            return REMOTE, "Suicide bomb"
        if mode == "aerial" or words & {"airstrike", "airstrikes", "warplane", "warplanes", "drone", "jets", "air"}:
            return REMOTE, "Air/drone strike"
        if mode == "heavy-weapons" and not words & {"helicopter", "aircraft", "plane", "drone"} or words & {
                "shelling", "shell", "artillery", "mortar", "rocket", "rockets", "missile", "missiles"}:
            return REMOTE, "Shelling/artillery/missile attack"
        if mode == "explosives" or words & {"ied", "landmine", "mine", "explosive", "car bomb", "roadside"}:
            return REMOTE, "Remote explosive/landmine/IED"
        if territory:
            if actor_sectors & {"MIL", "GOV"}:
                return BATTLE, "Government regains territory"
            if actor_sectors & {"REB", "UAF"}:
                return BATTLE, "Non-state actor overtakes territory"
            return BATTLE, "Armed clash"
        if mode == "sexual":
            return VAC, "Sexual violence"
        if mode == "abduct":
            return VAC, "Abduction/forced disappearance"
        if recipient_sectors and recipient_sectors <= {"CVL", "REF", "MED", "NGO", "OPP", "BUS"}:
            return VAC, "Attack"
        return BATTLE, "Armed clash"
    if event == "PROTEST":
        if mode == "riot" or words & {"riot", "rioters", "violent", "clashed", "stones", "looted"}:
            if words & {"mob"}:
                return RIOTS, "Mob violence"
            return RIOTS, "Violent demonstration"
        if words & {"tear", "dispersed", "fired", "rubber"}:
            return PROTESTS, "Excessive force against protesters" if words & {"killed", "live"} else "Protest with intervention"
        return PROTESTS, "Peaceful protest"
    if event == "AGREE":
        return STRATEGIC, "Agreement"
    if event == "COERCE" and mode == "arrest":
        return STRATEGIC, "Arrests"
    if event == "COERCE" and mode == "abduct":
        return VAC, "Abduction/forced disappearance"
    if event == "MOBILIZE":
        return STRATEGIC, "Change to group/activity"
    if event == "RETREAT" and words & {"handed", "handover", "transferred"}:
        return STRATEGIC, "Non-violent transfer of territory"
    return None, None
