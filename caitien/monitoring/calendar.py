"""Planned dates of review points: the regulation's default day and month of each kind of review
point (31/01 for the end of semester I, 31/05 for the end of the year), in the school year."""

from __future__ import annotations

import datetime

from caitien.monitoring import rules


def default_dates(regulation, school, start_year: int) -> dict[str, datetime.date]:
    """{kind: planned date} for the school year that starts in `start_year` (months before
    August fall in the next calendar year)."""
    out = {}
    for spec in rules.point_specs(regulation):
        year = start_year if spec.month >= 8 else start_year + 1
        out[spec.kind] = datetime.date(year, spec.month, spec.day)
    return out
