"""Writes of the office's own settings: its calendar of deadlines for a school year."""

from __future__ import annotations

import datetime

from django.db import transaction

from caitien.audit.services import audit_record
from caitien.offices.models import OfficeCalendar
from caitien.schools import permissions


class OfficeError(Exception):
    """What the specialist asked cannot be done; the message (Vietnamese) says why and how to fix it."""


@transaction.atomic
def calendar_set(
    *,
    office,
    school_year: int,
    actor,
    plan_due: datetime.date | None,
    mid_review_due: datetime.date | None,
    final_review_due: datetime.date | None,
    note: str = "",
) -> OfficeCalendar:
    if not permissions.can_set_office_calendar(actor, office):
        raise OfficeError(f"Chỉ chuyên viên của {office.name} đặt được lịch cho các trường của cơ quan.")
    first, last = datetime.date(school_year, 8, 1), datetime.date(school_year + 1, 12, 31)
    named = {
        "plan_due": ("Hạn công khai kế hoạch", plan_due),
        "mid_review_due": ("Hạn giám sát cuối học kỳ I", mid_review_due),
        "final_review_due": ("Hạn giám sát cuối năm học", final_review_due),
    }
    problems = [
        f"{label} ({value:%d/%m/%Y}) nằm ngoài năm học {school_year}-{school_year + 1}."
        for label, value in named.values()
        if value is not None and not first <= value <= last
    ]
    if mid_review_due and final_review_due and final_review_due <= mid_review_due:
        problems.append("Hạn giám sát cuối năm học phải sau hạn giám sát cuối học kỳ I.")
    if problems:
        raise OfficeError(" ".join(problems))
    cal, created = OfficeCalendar.objects.select_for_update().get_or_create(
        office=office, school_year=school_year
    )
    values = {
        "plan_due": plan_due,
        "mid_review_due": mid_review_due,
        "final_review_due": final_review_due,
        "note": (note or "").strip(),
    }
    changes = {k: [getattr(cal, k), v] for k, v in values.items() if created or getattr(cal, k) != v}
    for k, v in values.items():
        setattr(cal, k, v)
    cal.updated_by = actor if getattr(actor, "pk", None) else None
    cal.save()
    audit_record(
        actor=actor,
        action="office_calendar.update",
        obj=cal,
        school=None,
        summary=f"Đặt lịch năm học {school_year}-{school_year + 1} của {office.name}",
        changes=changes,
    )
    return cal
