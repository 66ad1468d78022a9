"""Plans and self-assessments for the screenshots, written in this project's own words."""

import datetime

from caitien.assessments import services as assessment_services
from caitien.plans import services as plan_services

ROWS = [
    {
        "criterion_code": "1.4",
        "level": "2",
        "expected_result": "Tổ chuyên môn và tổ văn phòng có kế hoạch tháng, biên bản sinh hoạt lưu theo năm học.",
        "solutions": "Tổ trưởng nộp kế hoạch tháng trước ngày 25; Phó Hiệu trưởng duyệt; văn thư lưu biên bản "
        "theo từng tổ.",
        "lead_text": "Phó Hiệu trưởng",
        "coordinators_text": "Tổ trưởng chuyên môn, văn thư",
        "time_text": "Tháng 9/2026 - 5/2027",
        "budget_text": "Không có",
    },
    {
        "criterion_code": "3.2",
        "level": "2",
        "expected_result": "Sân trường được lát gạch lại phần bị lún trước cổng, thoát nước tốt khi mưa lớn.",
        "solutions": "Khảo sát hiện trạng; lập dự toán; trình UBND xã xin hỗ trợ; giám sát thi công và nghiệm thu.",
        "lead_text": "Hiệu trưởng",
        "coordinators_text": "Kế toán, nhân viên bảo vệ",
        "time_text": "Tháng 12/2026 - 2/2027",
        "budget_vnd": "42000000",
        "funding_source": "Nguồn xã hội hóa",
    },
    {
        "criterion_code": "5.3",
        "level": "2",
        "expected_result": "Mỗi khối tổ chức ít nhất hai hoạt động trải nghiệm ngoài lớp học trong năm học.",
        "solutions": "Tổng phụ trách Đội lập lịch theo chủ điểm tháng; giáo viên chủ nhiệm đăng ký hoạt động; "
        "mời cha mẹ học sinh cùng tham gia.",
        "lead_text": "Tổng phụ trách Đội",
        "coordinators_text": "Giáo viên chủ nhiệm",
        "time_text": "Học kỳ II năm học 2026 - 2027",
        "budget_text": "6 triệu đồng",
    },
]


def legal_bases(plan, school):
    return (
        f"Căn cứ {plan.regulation.label} của Bộ Giáo dục và Đào tạo;\n"
        f"Căn cứ kết quả tự đánh giá của {school.name} năm học 2025-2026;\n"
        "Căn cứ điều kiện thực tế của nhà trường."
    )


def draft_plan(school, actor, *, start_year=2026, rows=ROWS, **kwargs):
    plan = plan_services.plan_create(
        school=school,
        actor=actor,
        start_year=start_year,
        end_year=start_year + 1,
        period_kind="single",
        **kwargs,
    )
    plan_services.plan_update_sections(
        plan=plan,
        actor=actor,
        sections={"legal_bases": legal_bases(plan, school)},
        header={"signer_name": "Nguyễn Văn An"},
    )
    for row in rows:
        plan_services.plan_item_add(plan=plan, actor=actor, values=row)
    plan.refresh_from_db()
    return plan


def published_plan(cast):
    plan = draft_plan(cast.primary, cast.principal)
    plan = plan_services.plan_submit(plan=plan, actor=cast.vice)
    plan = plan_services.plan_approve(
        plan=plan,
        actor=cast.principal,
        number="21/KH-THHB",
        date=datetime.date(2026, 9, 28),
        signer="Nguyễn Văn An",
    )
    return plan_services.plan_publish(plan=plan, actor=cast.principal)


def assessed(cast, *, weak=("1.4", "3.2", "5.3")):
    """A self-assessment of the primary school: every criterion up to Mức 2, some with a weakness."""
    sa = assessment_services.self_assessment_create(
        school=cast.primary, start_year=2026, actor=cast.principal
    )
    for ca in sa.criteria.select_related("criterion"):
        top = 1 if ca.criterion.code in weak else 2
        for ind in ca.criterion.indicators.all():
            assessment_services.indicator_result_set(
                assessment=ca, indicator=ind, met=ind.level <= top, actor=cast.council
            )
        if ca.criterion.code in weak:
            ca.refresh_from_db()
            assessment_services.criterion_assessment_update(
                assessment=ca,
                actor=cast.council,
                current_state="Trường đã có hồ sơ nhưng chưa đầy đủ [H1-1.1-01].",
                strengths="Cán bộ, giáo viên nhiệt tình.",
                weaknesses="Việc lưu hồ sơ và theo dõi còn chưa đều.",
                improvement="Giao người phụ trách, kiểm tra định kỳ mỗi học kỳ.",
                expected_revision=ca.revision,
            )
    sa.refresh_from_db()
    return sa
