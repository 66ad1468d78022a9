"""The office overview: the specialist's schools, plans, regulations and self-assessment levels."""

import pytest
from django.urls import reverse

from caitien.assessments import services as assessment_services
from caitien.plans.models import Plan
from caitien.plans.services import plan_create


def make_plan(cast, status, title, school):
    plan = plan_create(school=school, actor=cast.principal, start_year=2026, end_year=2027, title=title)
    Plan.objects.filter(pk=plan.pk).update(status=status)
    return plan


def test_specialist_overview_lists_schools_plans_and_levels(client, cast):
    make_plan(cast, "published", "Kế hoạch công khai Hoà Bình", cast.primary)
    make_plan(cast, "draft", "Dự thảo nội bộ Hoà Bình", cast.primary)
    assessment_services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)
    client.force_login(cast.specialist)
    r = client.get(reverse("dashboards:office"))
    body = r.content.decode()
    assert r.status_code == 200
    for name in ("Trường Tiểu học Hoà Bình", "Trường Mầm non Hoa Sen", "Trường THCS Lê Lợi"):
        assert name in body
    assert "Trường Tiểu học Lai Uyên" not in body
    assert "Thông tư 17/2018/TT-BGDĐT" in body and "Thông tư 19/2018/TT-BGDĐT" in body
    assert "Kế hoạch công khai Hoà Bình" in body
    assert "Dự thảo nội bộ Hoà Bình" not in body  # drafts stay inside the school; only the count shows
    assert "Dự thảo: 1" in body and "Đã công khai: 1" in body
    assert "năm học 2026-2027 — <span" in body and "Chưa đạt Mức 1" in body
    assert "Chưa có kế hoạch" in body  # the schools without any plan


def test_a_province_specialist_sees_schools_of_the_districts_below(client, cast):
    from caitien.schools.services import membership_add, user_create

    so_person = user_create(username="so", full_name="Ngô Thị Sở", password=cast.password)
    membership_add(user=so_person, role="office_specialist", office=cast.so)
    client.force_login(so_person)
    body = client.get(reverse("dashboards:office")).content.decode()
    assert "Trường Tiểu học Lai Uyên" in body and "Trường Tiểu học Hoà Bình" in body


def test_specialist_cannot_open_another_office(client, cast):
    client.force_login(cast.specialist)
    r = client.get(reverse("dashboards:office_detail", args=[cast.phong_other.pk]))
    assert r.status_code == 403 and "Bạn không phụ trách cơ quan này" in r.content.decode()


@pytest.mark.parametrize("who", ["principal", "staff", "monitor"])
def test_school_people_are_refused_with_a_clear_page(client, cast, who):
    client.force_login(getattr(cast, who))
    r = client.get(reverse("dashboards:office"))
    assert r.status_code == 403 and "dành cho chuyên viên Phòng/Sở" in r.content.decode()


def test_admin_opens_any_office(client, cast):
    client.force_login(cast.admin)
    r = client.get(reverse("dashboards:office_detail", args=[cast.phong_other.pk]))
    assert r.status_code == 200 and "Trường Tiểu học Lai Uyên" in r.content.decode()
