"""Demo data of execution: the demo's published plan carried out — tasks in every state, one overdue,
progress updates (two with photos), a row given up with its reason, money spent; and a teacher who
signs in to see “Việc của tôi”."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from caitien.execution import services
from caitien.execution.dates import row_window
from caitien.execution.models import Task

DEMO_SCHOOLS = ["THTP", "MNHM", "THCSBĐ"]
TEACHER = ("giaovien_mn", "Đặng Thị Cẩm Tiên")  # the directory's "Giáo viên lớp Lá 1" of the preschool


def _photo(name: str, color) -> SimpleUploadedFile:
    from caitien.evidence.demo import tiny_png

    return SimpleUploadedFile(name, tiny_png(color=color), content_type="image/png")


def _inside(item, wanted: datetime.date) -> datetime.date:
    first, last = row_window(item)
    if first and wanted < first:
        return first
    if last and wanted > last:
        return last
    return wanted


@transaction.atomic
def execution_demo_load(*, password: str, today: datetime.date | None = None) -> list[tuple[str, str, str]]:
    """Idempotent; returns the demo teacher's login as (username, role, school) when there is one."""
    from caitien.people.models import Person
    from caitien.plans.models import Plan
    from caitien.schools.models import Role, User
    from caitien.schools.services import membership_add, user_create

    today = today or datetime.date.today()
    plan = (
        Plan.objects.filter(school__short_code__in=DEMO_SCHOOLS, status=Plan.Status.PUBLISHED)
        .select_related("school", "regulation")
        .order_by("id")
        .first()
    )
    if plan is None:
        return []
    school = plan.school
    teacher = User.objects.filter(username=TEACHER[0]).first()
    if teacher is None:
        teacher = user_create(username=TEACHER[0], full_name=TEACHER[1], password=password)
        membership_add(user=teacher, role=Role.STAFF, school=school, position="Giáo viên")
    login = [(TEACHER[0], Role.STAFF.label, school.name)]
    if Task.objects.filter(plan=plan.root).exists():
        return login
    people = {p.full_name: p for p in Person.objects.filter(school=school)}
    me = people.get(TEACHER[1])
    if me is not None and me.user_id is None:
        me.user = teacher
        me.save(update_fields=["user"])
    principal = school.memberships.filter(role=Role.PRINCIPAL).select_related("user").first().user
    others = [p for p in people.values() if p != me]
    helper = others[0] if others else None
    rows = list(plan.items.order_by("order"))
    far = datetime.date.max

    def running(r):  # under way today, the longest-running first: room for tasks on both sides of today
        first_day, last_day = row_window(r)
        return (first_day or today) <= today <= (last_day or far)

    started = (
        sorted((r for r in rows if running(r)), key=lambda r: row_window(r)[1] or far, reverse=True) or rows
    )

    def day(n):
        return today + datetime.timedelta(days=n)

    # Row 1: split into three tasks — done (with a photo), in progress (with a photo), due soon.
    first = started[0]
    done = services.task_create(
        plan=plan,
        item_key=first.key,
        title="Họp tổ chuyên môn thống nhất nội dung",
        owner=me,
        start=_inside(first, day(-40)),
        due=_inside(first, day(-20)),
        actor=principal,
    )
    services.update_add(
        plan=plan,
        item_key=first.key,
        task=done,
        actor=teacher,
        status="done",
        progress=100,
        text="Đã họp tổ, biên bản lưu hồ sơ tổ.",
        on=min(today, _inside(first, day(-21))),
        uploads=[_photo("bien-ban-hop-to.png", (46, 125, 50))],
    )
    going = services.task_create(
        plan=plan,
        item_key=first.key,
        title="Tổ chức hoạt động trải nghiệm cho trẻ",
        owner=me,
        helpers=[helper] if helper else (),
        due=_inside(first, day(45)),
        actor=principal,
    )
    services.update_add(
        plan=plan,
        item_key=first.key,
        task=going,
        actor=teacher,
        status="in_progress",
        progress=40,
        text="Đã tổ chức 2 buổi ở lớp Lá 1.",
        on=day(-3),
        spent_vnd=1_200_000,
        funding_source="Ngân sách nhà nước",
        uploads=[_photo("hoat-dong-trai-nghiem.png", (30, 90, 160))],
    )
    services.task_create(
        plan=plan,
        item_key=first.key,
        title="Tổng hợp ảnh, sản phẩm của trẻ",
        owner=me,
        due=_inside(first, day(10)),
        actor=principal,
    )
    # Row 2: one task overdue.
    second = started[1] if len(started) > 1 else first
    late = services.task_create(
        plan=plan,
        item_key=second.key,
        title="Khảo sát, lập dự toán sửa chữa",
        owner=me or helper,
        due=_inside(second, day(-7)),
        actor=principal,
    )
    if late.due and late.due >= today:  # the row's time leaves no past date: make it overdue all the same
        Task.objects.filter(pk=late.pk).update(due=day(-7))
    services.update_add(
        plan=plan,
        item_key=second.key,
        task=late,
        actor=principal,
        status="in_progress",
        progress=30,
        text="Đã khảo sát hiện trạng, chưa có báo giá.",
        on=day(-14),
    )
    # Another row given up, with its reason; one more recorded on the row itself.
    rest = [r for r in rows if r not in (first, second)]
    if rest:
        services.update_add(
            plan=plan,
            item_key=rest[0].key,
            actor=principal,
            status="not_done",
            progress=0,
            text="Chưa được cấp kinh phí; đã đề xuất UBND huyện hỗ trợ.",
            on=day(-5),
        )
    if len(rest) > 1:
        services.update_add(
            plan=plan,
            item_key=rest[1].key,
            actor=principal,
            status="in_progress",
            progress=20,
            text="Đã phân công và triển khai ở các lớp.",
            on=day(-2),
        )
    return login
