"""A narrow cell's lines joined back where the word processor broke a number to fit them.

Word and LibreOffice break a word that is wider than its cell anywhere, so a narrow budget or
time column prints "18.000." over "000 đồng" and "Tháng 11/202" over "6". Read line by line, these
become "18.000. 000 đồng" and "11/202 6", which no amount or month parser can read and no person
wants to see. A line that ends inside a number is joined to the next line without a space when the
two pieces make one well-formed number: a thousands group of three digits, or a four-digit year.
"""

from __future__ import annotations

import re

_GROUP_END = re.compile(r"\d[.,](\d{0,2})$")  # "18.000." or "1.500.0": a thousands group cut
_YEAR_END = re.compile(r"\d{1,2}/(\d{1,3})$")  # "11/202": a month's year cut
_DIGITS_START = re.compile(r"^(\d{1,4})(?!\d)")


def join_lines(lines: list[str]) -> str:
    """The lines of one cell, "\\n"-separated, with numbers broken across two lines made whole."""
    out: list[str] = []
    for line in lines:
        if out and _continues_number(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _continues_number(before: str, after: str) -> bool:
    start = _DIGITS_START.match(after)
    if not start:
        return False
    digits = start.group(1)
    group = _GROUP_END.search(before)
    if group and len(group.group(1)) + len(digits) == 3:
        return True
    year = _YEAR_END.search(before)
    if year:
        whole = year.group(1) + digits
        return len(whole) == 4 and whole[:2] in ("19", "20")
    return False
