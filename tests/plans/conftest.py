"""Plans at each step of their life, written in this project's own words (invented school rows)."""

import datetime

import pytest

from caitien.plans import services

ROWS = [
    {
        "criterion_code": "1.3",
        "level": "2",
        "expected_result": "Hội đồng trường họp đủ các kỳ, biên bản lưu đầy đủ, nghị quyết được công khai.",
        "solutions": "Lập lịch họp cả năm; phân công thư ký ghi biên bản; đăng nghị quyết lên bảng tin.",
        "lead_text": "Hiệu trưởng",
        "coordinators_text": "Văn thư",
        "time_text": "Năm học 2025 - 2026",
        "start_month": "2025-09",
        "end_month": "2026-05",
        "budget_text": "Không có",
    },
    {
        "criterion_code": "3.2",
        "level": "2",
        "expected_result": "Sửa xong mái che sân chơi khu B, sân an toàn cho học sinh.",
        "solutions": "Khảo sát hiện trạng, lập dự toán, đề xuất UBND xã hỗ trợ, giám sát thi công.",
        "lead_text": "Phó Hiệu trưởng",
        "coordinators_text": "Kế toán",
        "time_text": "Tháng 10/2025 - 12/2025",
        "start_month": "2025-10",
        "end_month": "2025-12",
        "budget_vnd": "12500000",
        "funding_source": "Nguồn xã hội hóa",
    },
    {
        "criterion_code": "5.1",
        "level": "2",
        "expected_result": "Giáo viên dạy đủ các môn theo chương trình, tổ chức chuyên đề mỗi tháng một lần.",
        "solutions": "Tổ chuyên môn dự giờ, rút kinh nghiệm; tổ chức chuyên đề theo khối.",
        "lead_text": "Tổ trưởng chuyên môn",
        "coordinators_text": "Giáo viên",
        "time_text": "Tháng 9/2025 - 5/2026",
        "start_month": "2025-09",
        "end_month": "2026-05",
        "budget_text": "2 triệu đồng",
    },
]


def make_plan(school, actor, rows=ROWS, **kwargs):
    kwargs.setdefault("start_year", 2025)
    kwargs.setdefault("end_year", 2026)
    kwargs.setdefault("period_kind", "single")
    plan = services.plan_create(school=school, actor=actor, **kwargs)
    # Legal bases in this project's words, citing only the school's own circular.
    services.plan_update_sections(
        plan=plan,
        actor=actor,
        sections={
            "legal_bases": (
                f"Căn cứ {plan.regulation.label} của Bộ Giáo dục và Đào tạo;\n"
                f"Căn cứ kết quả tự đánh giá của {school.name} năm học trước;\n"
                "Căn cứ tình hình thực tế của nhà trường."
            )
        },
    )
    for row in rows:
        services.plan_item_add(plan=plan, actor=actor, values=row)
    return plan


@pytest.fixture
def draft(cast):
    return make_plan(cast.primary, cast.principal)


@pytest.fixture
def submitted(draft, cast):
    return services.plan_submit(plan=draft, actor=cast.vice)


@pytest.fixture
def approved(submitted, cast):
    return services.plan_approve(
        plan=submitted,
        actor=cast.principal,
        number="45/KH-THHB",
        date=datetime.date(2025, 9, 20),
        signer="Nguyễn Văn An",
    )


@pytest.fixture
def published(approved, cast):
    return services.plan_publish(plan=approved, actor=cast.principal)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The catalog once per test session (each test's changes still roll back)."""
    from caitien.catalog.services import catalog_load

    with django_db_blocker.unblock():
        catalog_load()
