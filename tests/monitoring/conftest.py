"""A published plan to monitor, written in this project's own words."""

import datetime

import pytest

from caitien.plans import services as plans
from tests.plans.conftest import ROWS, make_plan


def publish(plan, principal, number="45/KH-THHB"):
    plan = plans.plan_submit(plan=plan, actor=principal)
    plan = plans.plan_approve(
        plan=plan,
        actor=principal,
        number=number,
        date=datetime.date(2025, 9, 20),
        signer=principal.display_name,
    )
    return plans.plan_publish(plan=plan, actor=principal)


def extra_rows(n):
    """`n` more rows like the fixed ones (for two data sizes)."""
    out = []
    for i in range(n):
        row = dict(ROWS[i % len(ROWS)])
        row["expected_result"] = f"{row['expected_result']} (nội dung bổ sung {i + 1})"
        row["indicator"] = f"Tỷ lệ học sinh đạt yêu cầu từ {80 + i % 20}% trở lên"
        out.append(row)
    return out


@pytest.fixture
def published(cast):
    rows = [
        dict(r, indicator="Tỷ lệ giáo viên dự giờ đạt ít nhất 95%") if i == 2 else r
        for i, r in enumerate(ROWS)
    ]
    return publish(make_plan(cast.primary, cast.principal, rows=rows), cast.principal)


def make_published(cast, rows):
    return publish(make_plan(cast.primary, cast.principal, rows=rows), cast.principal)


@pytest.fixture
def recorded(published, cast):
    """The semester-I review of the published plan, fully recorded, with two recommendations."""
    from caitien.monitoring import services
    from caitien.monitoring.models import ReviewPoint

    services.review_points_ensure(plan=published, actor=None)
    point = ReviewPoint.objects.get(plan=published, kind="semester_1")
    a, b, c = published.items.order_by("order")
    services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[
            {
                "item": a.pk,
                "status": "Hoàn thành",
                "result": "Hội đồng trường họp đủ 2 kỳ của học kỳ I; biên bản lưu đủ.",
                "evidence_codes": "[H1-1.3-01]",
            },
            {
                "item": b.pk,
                "status": "Chậm tiến độ",
                "result": "Đã khảo sát và lập dự toán; chưa thi công.",
                "cause": "Kinh phí xã hội hóa chưa huy động đủ.",
                "adjustment": "Lùi thời gian thi công sang tháng 3/2026.",
            },
            {
                "item": c.pk,
                "status": "Đang thực hiện",
                "result": "Dự giờ 48 tiết, tổ chức 4 chuyên đề.",
                "indicator_value": "60%",
                "indicator_target": "ít nhất 95%",
            },
        ],
    )
    services.review_update(
        point=point,
        actor=cast.monitor,
        values={
            "judgement": "Các nội dung cơ bản đúng tiến độ.",
            "strengths": "Hồ sơ đầy đủ, các tổ chủ động.",
            "shortcomings": "Mái che sân chơi khu B chưa sửa.",
            "causes": "Kinh phí huy động chậm.",
            "next_steps": "Hoàn thành sửa mái che trong tháng 3/2026.",
            "reviewers_text": "Tổ giám sát",
        },
    )
    services.recommendation_add(
        point=point,
        actor=cast.monitor,
        text="Đẩy nhanh huy động kinh phí sửa mái che.",
        addressee_kind="principal",
        item=b,
    )
    services.recommendation_add(
        point=point,
        actor=cast.monitor,
        text="Hỗ trợ kinh phí sửa mái che sân chơi.",
        addressee_kind="office",
        addressee="Phòng GDĐT huyện Dầu Tiếng",
    )
    point.refresh_from_db()
    return point
