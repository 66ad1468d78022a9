"""The top menu per role, and its "Tiến độ" / "Giám sát" entries that open the plan in force."""

import pytest

from caitien.plans.models import Plan
from tests.browser import data


def _menu(client, user, password):
    client.login(username=user.username, password=password)
    html = client.get("/ke-hoach/").content.decode()
    return html[html.index('<nav aria-label="Điều hướng chính"') : html.index("</nav>")]


@pytest.mark.django_db
def test_each_role_sees_the_groups_of_its_work(client, cast):
    principal = _menu(client, cast.principal, cast.password)
    for label in (
        "Kế hoạch",
        "Thực hiện",
        "Trường",
        "Tự đánh giá",
        "Nhân sự",
        "Đề xuất cấp trên",
        "Giám sát",
    ):
        assert label in principal
    assert 'aria-current="page"' in principal and "Các trường" not in principal
    client.logout()
    teacher = _menu(client, cast.staff, cast.password)
    assert "Việc của tôi" in teacher and "Tiến độ" in teacher
    for label in (
        "Tự đánh giá",
        "Nhân sự",
        "Đề xuất cấp trên",
        "Nhập kế hoạch",
        "Giám sát",
        'menu-group" data-group="plan',
    ):
        assert label not in teacher
    client.logout()
    office = _menu(client, cast.specialist, cast.password)
    assert "Các trường" in office and "Đề xuất của các trường" in office and "Việc của tôi" not in office
    assert ">Phòng</summary>" in office


@pytest.mark.django_db
def test_tien_do_and_giam_sat_open_the_latest_published_plan(client, cast):
    client.force_login(cast.staff)
    response = client.get("/tien-do/", follow=True)
    assert response.redirect_chain[-1][0] == "/ke-hoach/"
    assert "chưa có kế hoạch đã công bố" in response.content.decode()
    older = data.published_plan(cast)
    Plan.objects.filter(pk=older.pk).update(start_year=2025, end_year=2026)
    newer = data.published_plan(cast)
    data.draft_plan(cast.primary, cast.principal, start_year=2027)  # a draft is not in force
    assert client.get("/tien-do/").url == f"/ke-hoach/{newer.pk}/tien-do/"
    client.force_login(cast.monitor)
    assert client.get("/giam-sat/").url == f"/ke-hoach/{newer.pk}/giam-sat/"
    client.logout()
    assert client.get("/tien-do/").url.startswith("/dang-nhap/")
