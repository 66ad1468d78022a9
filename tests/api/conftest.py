"""Plans for the API tests, in this project's own words (invented rows of an invented school year)."""

import datetime

import pytest
from django.test import Client

from caitien.plans import services


def rows(y):
    """Two rows of the school year that starts in September of year `y`."""
    return [
        {
            "criterion_code": "1.4",
            "level": "2",
            "expected_result": "Các tổ chuyên môn sinh hoạt theo chủ đề hai lần mỗi tháng, có biên bản từng buổi.",
            "solutions": "Tổ trưởng lập lịch sinh hoạt cả năm; mỗi buổi chọn một bài dạy để cùng góp ý.",
            "lead_text": "Phó Hiệu trưởng",
            "coordinators_text": "Tổ trưởng chuyên môn",
            "time_text": f"Năm học {y} - {y + 1}",
            "start_month": f"{y}-09",
            "end_month": f"{y + 1}-05",
            "budget_text": "Không có",
        },
        {
            "criterion_code": "3.5",
            "level": "2",
            "expected_result": "Thay mới 20 bộ bàn ghế hư hỏng của các lớp khối hai.",
            "solutions": "Kiểm kê bàn ghế, lập dự toán, mua sắm theo quy định, bàn giao cho từng lớp.",
            "lead_text": "Hiệu trưởng",
            "coordinators_text": "Kế toán",
            "time_text": f"Tháng 11/{y} - 01/{y + 1}",
            "start_month": f"{y}-11",
            "end_month": f"{y + 1}-01",
            "budget_vnd": "30000000",
            "funding_source": "Ngân sách nhà nước",
        },
    ]


def make_plan(school, actor, **kwargs):
    kwargs.setdefault("start_year", 2025)
    kwargs.setdefault("end_year", 2026)
    plan = services.plan_create(school=school, actor=actor, **kwargs)
    services.plan_update_sections(
        plan=plan,
        actor=actor,
        sections={
            "legal_bases": (
                f"Căn cứ {plan.regulation.label} của Bộ Giáo dục và Đào tạo;\n"
                f"Căn cứ báo cáo tự đánh giá của {school.name};\n"
                "Căn cứ điều kiện thực tế của nhà trường."
            )
        },
    )
    for row in rows(plan.start_year):
        services.plan_item_add(plan=plan, actor=actor, values=row)
    return plan


def publish(plan, principal, number):
    plan = services.plan_submit(plan=plan, actor=principal)
    plan = services.plan_approve(
        plan=plan,
        actor=principal,
        number=number,
        date=datetime.date(plan.start_year, 9, 15),
        signer=principal.full_name,
    )
    return services.plan_publish(plan=plan, actor=principal)


@pytest.fixture
def draft(cast):
    return make_plan(cast.primary, cast.principal, title="Kế hoạch cải tiến (dự thảo) năm học 2025 - 2026")


@pytest.fixture
def published(cast):
    return publish(
        make_plan(cast.primary, cast.principal, start_year=2024, end_year=2025), cast.principal, "12/KH-THHB"
    )


@pytest.fixture
def other_published(cast):
    """A published plan of the school of another Phòng."""
    return publish(make_plan(cast.other, cast.other_principal), cast.other_principal, "7/KH-THLU")


@pytest.fixture
def client_for(cast):
    """A client logged in as the cast member named, or anonymous for None."""

    def make(name):
        client = Client()
        if name is not None:
            assert client.login(username=getattr(cast, name).username, password=cast.password)
        return client

    return make
