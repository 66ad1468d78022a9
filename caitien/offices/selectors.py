"""Reads of what offices set: the deadlines that apply to a school in a school year.

For other parts of the product (the review points of monitoring default their planned dates here):

    from caitien.offices.selectors import review_dates_for

    dates = review_dates_for(school, 2025)   # the school year 2025-2026
    dates.mid_review_due, dates.final_review_due, dates.plan_due   # datetime.date or None
    dates.set_by["mid_review_due"]           # the office that fixed it (Phòng before Sở), or None

A date the school's Phòng leaves empty comes from its Sở; nobody setting it gives None (the caller
keeps its own default then).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from caitien.offices.models import OfficeCalendar
from caitien.schools.models import Office

FIELDS = ("plan_due", "mid_review_due", "final_review_due")


@dataclass(frozen=True)
class SchoolDates:
    plan_due: datetime.date | None = None
    mid_review_due: datetime.date | None = None
    final_review_due: datetime.date | None = None
    note: str = ""
    set_by: dict = field(default_factory=dict)  # field -> Office


def dates_by_office(school_year: int) -> dict[int, SchoolDates]:
    """The dates in force for every office's schools in the school year, in two queries whatever
    the number of schools: each office's calendar completed by those of the offices above."""
    offices = {o.pk: o for o in Office.objects.only("pk", "name", "parent_id", "kind", "code")}
    calendars = {c.office_id: c for c in OfficeCalendar.objects.filter(school_year=school_year)}
    out = {}
    for office_id in offices:
        values, set_by, notes = {}, {}, []
        current = offices.get(office_id)
        while current is not None:
            cal = calendars.get(current.pk)
            if cal is not None:
                for name in FIELDS:
                    if name not in values and getattr(cal, name):
                        values[name], set_by[name] = getattr(cal, name), current
                if cal.note:
                    notes.append(cal.note)
            current = offices.get(current.parent_id)
        out[office_id] = SchoolDates(**values, note="\n".join(notes), set_by=set_by)
    return out


def review_dates_for(school, school_year: int) -> SchoolDates:
    """The deadlines that apply to `school` in the school year starting `school_year`."""
    return dates_by_office(school_year).get(school.office_id, SchoolDates())


def calendar_of(office, school_year: int) -> OfficeCalendar | None:
    return OfficeCalendar.objects.filter(office=office, school_year=school_year).first()


def days_late(due: datetime.date | None, done: datetime.date | None, today: datetime.date) -> int:
    """How many days past `due` something was done (or, not done yet, is as of today); 0 when on time."""
    if due is None:
        return 0
    return max(0, ((done or today) - due).days)
