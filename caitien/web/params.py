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


class StripNulMiddleware:
    """No NUL character reaches a view from a query string or a posted form: PostgreSQL refuses them
    in text (a search for "a\\x00b" was a 500) and no person types one. JSON bodies and file uploads
    are left as they are (their readers validate them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            if b"%00" in request.body or b"\x00" in request.body:
                request.POST = _without_nul(request.POST)
        return self.get_response(request)


def _without_nul(params):
    clean = params.copy()
    for key in list(clean.keys()):
        clean.setlist(key, [v.replace("\x00", "") for v in clean.getlist(key)])
    clean._mutable = False
    return clean
