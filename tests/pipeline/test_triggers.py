"""Triggers whose conditions look past the verb: a gun that goes off is a shooting, an alarm is not."""
from __future__ import annotations

import pytest

from .analysis_helpers import analyse


@pytest.mark.parametrize("text, expected", [
    # a gun that goes off or discharges is a shooting; a patient discharged from hospital is not
    ("The mother told deputies the gun discharged while her son was cleaning it in Dalmora.",
     [("ASSAULT", "discharged", "firearms")]),
    ("The boys were playing with a handgun in Dalmora when it went off on Sunday.", [("ASSAULT", "went", "firearms")]),
    ("The man was discharged from Harbourton General Hospital on Friday.", []),
])
def test_a_gun_that_goes_off_is_a_shooting(text, expected):
    found = analyse(text).events
    assert [(e.event, e.trigger, e.mode) for e in found] == expected
