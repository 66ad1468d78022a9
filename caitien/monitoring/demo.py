"""The monitoring half of the demo, on the demo preschool (Trường Mầm non Hoa Mai, whose plan of the
year is published): last year's plan closed with its year-end review and results report (sent and
received by the Phòng), last year's self-assessment (so the levels have a history), this year's
plan carrying last year's two unfinished rows, its mid-year review half recorded, and a reminder
waiting for an extra review point ten days ahead. Run once, after the schools' and offices' demo."""

from __future__ import annotations

import datetime

from django.db import transaction

from caitien.assessments import services as assessments
from caitien.assessments.models import SelfAssessment
from caitien.audit.services import audit_record
from caitien.monitoring import services
from caitien.monitoring.models import CarriedItem, ReviewPoint
from caitien.plans import services as plans
from caitien.plans.models import Plan
from caitien.schools.models import Membership, Role, School, User

SCHOOL = "MNHM"
MONITOR = ("giamsat_mn", "Lý Thị Thu Hà", "Tổ trưởng Tổ giám sát")
LAST_NUMBER, REPORT_NUMBER = "15/KH-MNHM", "21/BC-MNHM"

# Last year's rows that were reached; the two unfinished ones are this year's 3.1 and 3.4 rows.
REACHED = [
    {
        "criterion_code": "2.3",
        "level": "Mức 2",
        "expected_result": "100% nhân viên cấp dưỡng được tập huấn và có giấy xác nhận kiến thức an toàn thực phẩm.",
        "solutions": "- Cử nhân viên dự lớp tập huấn của Trung tâm Y tế huyện.\n- Lưu giấy xác nhận vào hồ sơ bán trú.",
        "lead_text": "Phó Hiệu trưởng phụ trách bán trú",
        "coordinators_text": "Nhân viên y tế",
        "budget_text": "2.000.000 đồng",
        "funding_source": "Ngân sách nhà nước",
    },
    {
        "criterion_code": "5.1",
        "level": "Mức 2",
        "expected_result": "Tổ chức 02 chuyên đề “Lấy trẻ làm trung tâm” cấp trường; 100% giáo viên dự và áp dụng.",
        "solutions": "- Tổ chuyên môn xây dựng tiết mẫu.\n- Dự giờ, rút kinh nghiệm sau mỗi chuyên đề.",
        "lead_text": "Phó Hiệu trưởng phụ trách chuyên môn",
        "coordinators_text": "Tổ trưởng tổ chuyên môn",
        "budget_text": "Không có",
    },
]
UNFINISHED = {
    "3.1": (
        "Đã trồng 12/20 cây bóng mát và làm xong khu vườn; chưa mua được thiết bị vận động mới.",
        "Nguồn xã hội hóa mới huy động được 40% kinh phí mua thiết bị.",
    ),
    "3.4": (
        "Đã sắp xếp lại khu sơ chế; chưa thay tủ lưu mẫu thức ăn, bếp chưa vận hành đủ quy trình một chiều.",
        "Kinh phí sửa chữa bếp chưa được bố trí trong năm ngân sách.",
    ),
}


def monitoring_demo_load(*, year: int, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Builds it once; returns the added login as (username, place). Nothing when it is there."""
    school = School.objects.filter(short_code=SCHOOL).select_related("regulation", "office").first()
    if school is None:
        return []
    if not User.objects.filter(username=MONITOR[0]).exists():
        _build(school, year, today or datetime.date.today())
    return [(MONITOR[0], school.name)]


@transaction.atomic
def _build(school, year: int, today: datetime.date) -> None:
    from caitien.schools.demo import PASSWORD, _mark_indicators
    from caitien.schools.services import membership_add, user_create

    principal = Membership.objects.get(school=school, role=Role.PRINCIPAL).user
    specialist = User.objects.get(username="chuyenvien")
    monitor = user_create(username=MONITOR[0], full_name=MONITOR[1], password=PASSWORD)
    membership_add(user=monitor, role=Role.MONITORING_MEMBER, school=school, position=MONITOR[2])
    current = (
        Plan.objects.filter(school=school, start_year=year, status=Plan.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if current is None:
        return
    _last_years_assessment(school, year, principal, _mark_indicators)
    last = _last_years_plan(school, year, principal, current)
    _close_last_year(last, year, principal, monitor, specialist)
    _carry(last, current)
    _this_years_review(current, year, today, monitor)


def _last_years_assessment(school, year, principal, mark) -> SelfAssessment:
    """Last year's self-assessment: this year's texts, two criteria a level lower than now."""
    now = SelfAssessment.objects.get(school=school, start_year=year)
    before = assessments.self_assessment_create(
        school=school, start_year=year - 1, actor=principal, target_level=now.target_level
    )
    levels = {ca.criterion_id: ca for ca in now.criteria.all()}
    lower = {"2.2", "4.1"}
    for ca in before.criteria.select_related("criterion").prefetch_related("criterion__indicators"):
        source = levels[ca.criterion_id]
        assessments.criterion_assessment_update(
            assessment=ca,
            actor=principal,
            current_state=source.current_state.replace(str(year), str(year - 1)),
            strengths=source.strengths,
            weaknesses=source.weaknesses,
        )
        reached = source.level_reached - (1 if ca.criterion.code in lower else 0)
        mark(ca, max(0, reached), principal)
    return before


def _last_years_plan(school, year, principal, current) -> Plan:
    from caitien.schools.demo import _submit

    last = plans.plan_create(school=school, actor=principal, start_year=year - 1, end_year=year)
    for row in REACHED:
        plans.plan_item_add(
            plan=last, actor=principal, values={**row, "time_text": f"Năm học {year - 1}-{year}"}
        )
    for item in current.items.filter(criterion_code__in=UNFINISHED).order_by("order"):
        values = {
            k: getattr(item, k)
            for k in (
                "criterion_code",
                "level",
                "expected_result",
                "solutions",
                "lead_text",
                "coordinators_text",
            )
        }
        values.update(
            time_text=f"Năm học {year - 1}-{year}",
            budget_text=item.budget_text,
            funding_source=item.funding_source,
        )
        plans.plan_item_add(plan=last, actor=principal, values=values)
    last = _submit(last, principal)
    last = plans.plan_approve(
        plan=last,
        actor=principal,
        number=LAST_NUMBER,
        date=datetime.date(year - 1, 9, 25),
        signer=principal.display_name,
    )
    return plans.plan_publish(plan=last, actor=principal)


def _close_last_year(last, year, principal, monitor, specialist) -> None:
    points = {p.kind: p for p in services.review_points_ensure(plan=last, actor=None)}
    rows = list(last.items.order_by("order"))
    for kind, day in (("semester_1", datetime.date(year, 1, 28)), ("year_end", datetime.date(year, 5, 26))):
        point = points[kind]
        final = kind == "year_end"
        entries = []
        for item in rows:
            unfinished = UNFINISHED.get(item.criterion_code)
            if unfinished is None:
                status, result, cause = (
                    ("Hoàn thành" if final else "Đang thực hiện"),
                    "Thực hiện đúng kế hoạch.",
                    "",
                )
            else:
                status, (result, cause) = ("Không thực hiện được" if final else "Chậm tiến độ"), unfinished
            entries.append({"item": item.pk, "status": status, "result": result, "cause": cause})
        services.review_entries_save(point=point, actor=monitor, rows=entries)
        services.review_update(
            point=point,
            actor=monitor,
            values={
                "recorded_on": day,
                "judgement": "Nhà trường thực hiện cơ bản các nội dung của kế hoạch.",
                "strengths": "Đội ngũ nhiệt tình; cha mẹ trẻ ủng hộ các hoạt động của trường.",
                "shortcomings": "Thiết bị sân chơi và bếp ăn một chiều chưa hoàn thành.",
                "causes": "Kinh phí xã hội hóa và ngân sách sửa chữa chưa bố trí kịp.",
                "next_steps": "Chuyển hai nội dung chưa đạt sang kế hoạch năm học mới.",
                "reviewers_text": f"Tổ giám sát ({MONITOR[1]}, tổ trưởng)",
            },
        )
    services.recommendation_add(
        point=points["year_end"],
        actor=monitor,
        text="Đề nghị Phòng GDĐT hỗ trợ kinh phí thay tủ lưu mẫu và sửa bếp ăn một chiều.",
        addressee_kind="office",
        addressee=last.school.office.name,
    )
    services.rows_close(
        plan=last,
        actor=principal,
        rows=[
            {
                "item": item.pk,
                "label": "Chưa đạt" if item.criterion_code in UNFINISHED else "Đạt",
                "result": UNFINISHED.get(item.criterion_code, ("Thực hiện đúng kế hoạch.", ""))[0],
                "cause": UNFINISHED.get(item.criterion_code, ("", ""))[1],
            }
            for item in rows
        ],
    )
    report = services.report_create(point=points["year_end"], actor=principal)
    services.report_send(
        report=report,
        actor=principal,
        number=REPORT_NUMBER,
        date=datetime.date(year, 5, 29),
        signer=principal.display_name,
    )
    services.report_receive(
        report=report,
        actor=specialist,
        comment="Phòng ghi nhận. Đề nghị nhà trường đưa hai nội dung chưa đạt vào kế hoạch năm học mới.",
    )


def _carry(last, current) -> None:
    """This year's rows for 3.1 and 3.4 continue last year's unfinished ones."""
    from caitien.monitoring import year_end

    options = {o.item.criterion_code: o for o in year_end.carry_options(last)}
    links = []
    for item in current.items.filter(criterion_code__in=UNFINISHED):
        option = options.get(item.criterion_code)
        if option is not None:
            links.append(
                CarriedItem(
                    item=item,
                    source=option.item,
                    source_plan_title=last.title,
                    label=option.label,
                    result=option.result,
                    cause=option.cause,
                )
            )
    CarriedItem.objects.bulk_create(links)
    audit_record(
        actor=None,
        action="plan.carry",
        obj=current,
        summary=f"Ghi các dòng tiếp tục nội dung chưa đạt của {last.title} (dữ liệu mẫu)",
        changes={"rows": [c.item.order for c in links]},
    )


def _this_years_review(current, year, today, monitor) -> None:
    """Cuối học kỳ I half recorded; an extra review point ten days ahead, its reminder waiting."""
    from caitien.monitoring.reminders import due_reminders
    from caitien.notifications.services import notify

    points = {p.kind: p for p in services.review_points_ensure(plan=current, actor=None)}
    rows = list(current.items.order_by("order"))
    half = rows[: max(1, len(rows) // 2)]
    services.review_entries_save(
        point=points["semester_1"],
        actor=monitor,
        rows=[
            {
                "item": item.pk,
                "status": "Đang thực hiện",
                "result": "Đã triển khai theo kế hoạch; đang thực hiện các phần việc của học kỳ I.",
            }
            for item in half
        ],
    )
    first, last = datetime.date(year, 8, 1), datetime.date(year + 1, 7, 31)
    ahead = min(max(today + datetime.timedelta(days=10), first), last)
    extra = services.review_point_add(
        plan=current, actor=None, label="Kiểm tra bếp ăn một chiều", planned_date=ahead
    )
    for reminder in due_reminders(min(max(today, first), last)):
        if reminder.obj == extra:
            notify(
                user=reminder.user,
                kind=reminder.kind,
                subject=reminder.subject,
                body=reminder.body,
                url=reminder.url,
                obj=reminder.obj,
                key=reminder.key,
            )
    ReviewPoint.objects.filter(pk=extra.pk).update(reviewers_text=f"Tổ giám sát ({MONITOR[1]})")
