"""Reminders of review points for `caitien remind`: 14 days before a review point, and once its date
has passed with nothing recorded ("Đã hết học kỳ I, chưa ghi nhận lần giám sát nội bộ nào").
They go to the people who record reviews under the plan's regulation and to the principal."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from caitien.monitoring import rules
from caitien.monitoring.models import ReviewPoint
from caitien.notifications.kinds import Kind
from caitien.notifications.reminders import Reminder
from caitien.plans.models import Plan
from caitien.schools.models import Membership, Role

DUE_SOON_DAYS = 14


def _missed_subject(point: ReviewPoint) -> str:
    if point.kind == ReviewPoint.Kind.SEMESTER_1:
        head = "Đã hết học kỳ I, chưa ghi nhận lần giám sát nội bộ nào"
    elif point.kind == ReviewPoint.Kind.YEAR_END:
        head = "Đã hết năm học, chưa ghi nhận lần giám sát nội bộ cuối năm"
    else:
        head = f"Đã qua ngày giám sát “{point.label}”, chưa ghi nhận kết quả"
    return head


def _published():
    return {
        p.root.pk: p
        for p in Plan.objects.filter(status=Plan.Status.PUBLISHED).select_related(
            "school", "regulation", "lineage"
        )
    }


def prepare(today: datetime.date) -> None:
    """Published plans without review points get the regulation's default ones."""
    from caitien.monitoring.services import review_points_ensure

    roots = _published()
    have = set(ReviewPoint.objects.filter(plan_id__in=roots).values_list("plan_id", flat=True).distinct())
    for root, plan in roots.items():
        if root not in have:
            review_points_ensure(plan=plan, actor=None)


def due_reminders(today: datetime.date) -> list[Reminder]:
    roots = _published()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    points = list(
        ReviewPoint.objects.filter(plan_id__in=roots, planned_date__lte=soon)
        .annotate(recorded=Count("entries", filter=~Q(entries__status="")))
        .filter(recorded=0)
        .order_by("planned_date", "id")
    )
    if not points:
        return []
    schools = {roots[p.plan_id].school_id for p in points}
    people: dict[int, list] = {}
    for m in Membership.objects.filter(school_id__in=schools).select_related("user"):
        if m.user.is_active:
            people.setdefault(m.school_id, []).append(m)
    out = []
    for point in points:
        plan = roots[point.plan_id]
        wanted = rules.reviewer_roles(plan.regulation) | {Role.PRINCIPAL}
        users = {m.user_id: m.user for m in people.get(plan.school_id, []) if m.role in wanted}
        url = reverse("monitoring:review", args=[point.pk])
        day = f"{point.planned_date:%d/%m/%Y}"
        if point.planned_date < today:
            kind, key = Kind.REVIEW_MISSED, f"review-missed:{point.pk}:{point.planned_date.isoformat()}"
            subject = _missed_subject(point)
            body = f"{plan.title} ({plan.school.name}): lần giám sát “{point.label}” dự kiến ngày {day} chưa có kết quả nào. Tổ giám sát hãy ghi nhận kết quả từng nội dung."
        else:
            kind, key = Kind.REVIEW_DUE_SOON, f"review-due:{point.pk}:{point.planned_date.isoformat()}"
            left = (point.planned_date - today).days
            subject = f"Còn {left} ngày đến lần giám sát nội bộ “{point.label}” ({day})"
            body = f"{plan.title} ({plan.school.name}). Kết quả từng nội dung đã được điền sẵn từ tiến độ thực hiện; tổ giám sát kiểm tra rồi lưu."
        out.extend(
            Reminder(user=u, kind=kind, key=key, subject=subject, body=body, url=url, obj=point)
            for u in users.values()
        )
    return out
