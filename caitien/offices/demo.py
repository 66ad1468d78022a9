"""Demo data of the office's side, added to the demo Phòng by `caitien demo`: twelve generated
schools in every state (no plan yet, draft, submitted, approved, published on time or late, with
and without a self-assessment), the offices' calendars, escalations in every state (one forwarded
to the Sở), and a Sở specialist to see them. Everything is invented.

`offices_demo_load()` builds it once; run again it changes nothing and returns the same logins.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from caitien.escalations.selectors import suggestion_for
from caitien.escalations.services import escalation_answer, escalation_create
from caitien.offices.generator import schools_generate
from caitien.offices.services import calendar_set
from caitien.plans.models import Plan, PlanItem
from caitien.schools.models import Office, Role, School, User
from caitien.schools.services import membership_add, user_create

PREFIX = "GD"
PHONG_CODE, SO_CODE = "PGD-GODAU", "SO-TAYNINH"
SO_SPECIALIST = ("chuyenvien_so", "Trịnh Thị Hồng Vân", "Chuyên viên Phòng Khảo thí và Kiểm định chất lượng")
P, A, S, D = Plan.Status.PUBLISHED, Plan.Status.APPROVED, Plan.Status.SUBMITTED, Plan.Status.DRAFT
# (this year's plan status or None, self-assessed, published late)
STATES = [
    (P, True, False),
    (P, True, True),
    (P, True, False),
    (A, True, False),
    (S, True, False),
    (D, True, False),
    (D, False, False),
    (None, False, False),
    (P, True, True),
    (S, False, False),
    (P, True, False),
    (None, True, False),
]
# School number -> the state its escalation is left in (the office's answer given by the demo).
ESCALATIONS = {1: "sent", 2: "received", 3: "forwarded", 9: "resolved", 11: "unresolvable"}
ANSWERS = {
    "received": "Phòng đã tiếp nhận, sẽ khảo sát thực tế trong tháng tới.",
    "forwarded": "Kinh phí vượt khả năng cân đối của huyện; đề nghị Sở xem xét hỗ trợ.",
    "resolved": "Phòng đã bố trí kinh phí trong dự toán năm sau; trường lập hồ sơ theo hướng dẫn.",
    "unresolvable": "Quỹ đất của xã đã được quy hoạch cho công trình khác; đề nghị trường sắp xếp lại sân chơi.",
}


@dataclass(frozen=True)
class OfficeLogin:
    username: str
    role: str
    place: str


def logins() -> list[OfficeLogin]:
    so = Office.objects.filter(code=SO_CODE).first()
    return [OfficeLogin(SO_SPECIALIST[0], Role(Role.OFFICE_SPECIALIST).label, so.name if so else "Sở GDĐT")]


def offices_demo_load(*, today: datetime.date | None = None, year: int) -> list[OfficeLogin]:
    """Adds the office's demo to the demo Phòng (built by schools.demo); nothing when it is there."""
    phong = Office.objects.filter(code=PHONG_CODE).select_related("parent").first()
    if phong is None or School.objects.filter(short_code=f"{PREFIX}0001").exists():
        return logins() if phong is not None else []
    _build(phong, year, today or timezone.localdate())
    return logins()


@transaction.atomic
def _build(phong, year, today) -> None:
    so = phong.parent
    specialist = User.objects.get(
        memberships__office=phong, memberships__role=Role.OFFICE_SPECIALIST, username="chuyenvien"
    )
    so_user = user_create(username=SO_SPECIALIST[0], full_name=SO_SPECIALIST[1], password=_password())
    membership_add(user=so_user, role=Role.OFFICE_SPECIALIST, office=so, position=SO_SPECIALIST[2])
    due = datetime.date(year, 10, 15)
    calendar_set(
        office=so,
        school_year=year,
        actor=so_user,
        plan_due=datetime.date(year, 10, 30),
        mid_review_due=datetime.date(year + 1, 1, 30),
        final_review_due=datetime.date(year + 1, 7, 30),
        note="Các trường hoàn thành giám sát nội bộ trước các hạn trên và cập nhật kết quả trên Cải Tiến.",
    )
    calendar_set(
        office=phong,
        school_year=year,
        actor=specialist,
        plan_due=due,
        mid_review_due=datetime.date(year + 1, 1, 20),
        final_review_due=datetime.date(year + 1, 5, 25),
        note="Kế hoạch công khai trên trang thông tin của trường và trên Cải Tiến.",
    )
    schools_generate(
        office=phong,
        states=[(status, assessed) for status, assessed, _late in STATES],
        prefix=PREFIX,
        plans=3,
        rows=12,
        school_year=year,
        password=_password(),
        seed=7,
    )
    for n, (status, _assessed, late) in enumerate(STATES, start=1):
        plan = Plan.objects.filter(school__short_code=f"{PREFIX}{n:04d}", start_year=year).first()
        if plan is None or status != P:
            continue
        published = due + datetime.timedelta(days=12 if late else -10)
        moment = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9)))
        Plan.objects.filter(pk=plan.pk).update(
            published_at=moment,
            approved_at=moment - datetime.timedelta(days=2),
            date=published - datetime.timedelta(days=2),
        )
    for n, state in ESCALATIONS.items():
        _escalation(n, state, year, specialist)


def _password():
    from caitien.schools.demo import PASSWORD

    return PASSWORD


def _escalation(n, state, year, specialist) -> None:
    school = School.objects.get(short_code=f"{PREFIX}{n:04d}")
    principal = User.objects.get(memberships__school=school, memberships__role=Role.PRINCIPAL)
    rows = PlanItem.objects.filter(plan__school=school, plan__start_year=year).select_related("plan")
    row = next((r for r in rows if suggestion_for(r)), None)
    steps = "Nhà trường đã rà soát hiện trạng, lập dự toán và báo cáo Ban đại diện cha mẹ học sinh."
    if row is not None:
        s = suggestion_for(row)
        e = escalation_create(
            actor=principal,
            item=row,
            kind=s["kind"],
            addressee=s["addressee"],
            title=s["title"],
            amount_vnd=s["amount_vnd"],
            reason=row.issue or row.expected_result,
            steps_taken=steps,
        )
    else:
        e = escalation_create(
            actor=principal,
            school=school,
            kind="equipment",
            addressee="phong",
            title="Trang bị máy chiếu cho 06 phòng học",
            amount_vnd=90_000_000,
            reason="Các phòng học chưa có máy chiếu, giáo viên phải mượn thiết bị của thư viện.",
            steps_taken=steps,
        )
    if state == "sent":
        return
    if state in ("resolved", "unresolvable"):
        escalation_answer(escalation=e, actor=specialist, state="received", text=ANSWERS["received"])
    escalation_answer(escalation=e, actor=specialist, state=state, text=ANSWERS[state])
