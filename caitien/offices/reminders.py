"""Reminders of the office's deadlines, gathered by `caitien remind`: seven days before the plan is
due (published) and once it is overdue, the school's principal and vice-principals are told, as long
as the school's plan of the year is not published. Keys make each reminder happen once."""

from __future__ import annotations

import datetime

from django.urls import reverse

from caitien.notifications.kinds import Kind
from caitien.notifications.reminders import Reminder
from caitien.offices.selectors import dates_by_office
from caitien.plans.models import Plan
from caitien.schools.models import Membership
from caitien.schools.permissions import ESCALATION_SENDERS

SOON = 7  # days


def due_reminders(today: datetime.date) -> list[Reminder]:
    year = today.year if today.month >= 8 else today.year - 1
    dates = {office_id: d for office_id, d in dates_by_office(year).items() if d.plan_due}
    wanted = {
        office_id: d
        for office_id, d in dates.items()
        if today > d.plan_due or 0 <= (d.plan_due - today).days <= SOON
    }
    if not wanted:
        return []
    published = set(
        Plan.objects.filter(
            school__office_id__in=wanted,
            start_year__lte=year,
            end_year__gt=year,
            status=Plan.Status.PUBLISHED,
        ).values_list("school_id", flat=True)
    )
    leaders = (
        Membership.objects.filter(
            school__office_id__in=wanted, role__in=ESCALATION_SENDERS, user__is_active=True
        )
        .exclude(school_id__in=published)
        .select_related("user", "school")
        .order_by("school_id", "user_id")
    )
    out = []
    for m in leaders:
        due = wanted[m.school.office_id].plan_due
        when = f"{due:%d/%m/%Y}"
        if today > due:
            kind, key = Kind.PLAN_OVERDUE, f"plan-overdue:{m.school_id}:{year}:{due.isoformat()}"
            subject = f"Kế hoạch cải tiến năm học {year}-{year + 1} của {m.school.name} đã quá hạn công khai ({when})"
        else:
            kind, key = Kind.PLAN_DUE_SOON, f"plan-due-soon:{m.school_id}:{year}:{due.isoformat()}"
            subject = f"Còn {(due - today).days} ngày đến hạn công khai kế hoạch cải tiến ({when})"
        out.append(
            Reminder(
                user=m.user,
                kind=kind,
                key=key,
                subject=subject,
                body="Hạn do cơ quan quản lý đặt. Hãy hoàn thành, phê duyệt và công khai kế hoạch của trường.",
                url=reverse("plans:list"),
                obj=m.school,
            )
        )
    return out
