"""Numbers read from a query string or a posted form, never a 500.

`str.isdigit()` accepts "²" and "①", which `int()` refuses, and accepts 10**20, which no database
key holds: every view reads a number through `whole_number`, which takes ASCII digits only, within
bounds, and answers None for anything else (the view then ignores the value or says what is wrong).
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,19}")
MAX_ID = 2**63 - 1


def whole_number(value, *, low: int | None = 0, high: int | None = MAX_ID) -> int | None:
    """ "42" → 42; "²", "-1", "4.5", "", None, a list, 10**20 → None; outside [low, high] → None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number
