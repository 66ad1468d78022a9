"""The monitoring pages: the plan's review points, recording a review from prefilled rows."""

import pytest

from caitien.monitoring import services
from caitien.monitoring.models import Recommendation, ReviewEntry, ReviewPoint
from caitien.schools import permissions
from tests.monitoring.conftest import extra_rows, make_published


def _semester(plan):
    services.review_points_ensure(plan=plan, actor=None)
    return ReviewPoint.objects.get(plan=plan.root, kind="semester_1")


def _form(plan, point, overrides=None):
    """What the review page posts: every row with its prefilled values."""
    from caitien.monitoring.selectors import review_grid

    data = {}
    for row in review_grid(point, plan):
        pk = row.item.pk
        for f, v in row.values.items():
            if f != "source":
                data[f"row-{pk}-{f}"] = v
        data[f"row-{pk}-revision"] = row.entry.revision if row.entry else ""
        data[f"row-{pk}-status"] = (overrides or {}).get(pk, row.values["status"] or "Đang thực hiện")
    return data


def test_the_plan_page_lists_the_points_and_counts_them(client, cast, published):
    client.force_login(cast.monitor)
    page = client.get(f"/ke-hoach/{published.pk}/giam-sat/").content.decode()
    assert "Cuối học kỳ I" in page and "Cuối năm học" in page and "31/01/2026" in page
    assert "0/2</strong> lần giám sát đã ghi nhận đủ" in page
    assert 'id="schedule-form"' not in page  # the monitoring team records, the principal schedules
    detail = client.get(f"/ke-hoach/{published.pk}/").content.decode()
    assert f'href="/ke-hoach/{published.pk}/giam-sat/"' in detail


def test_the_monitoring_member_records_a_review_from_prefilled_rows(client, cast, published):
    point = _semester(published)
    client.force_login(cast.monitor)
    page = client.get(f"/giam-sat/{point.pk}/").content.decode()
    assert "Chưa ghi nhận" in page and 'id="save-review"' in page and "novalidate" in page
    answer = client.post(f"/giam-sat/{point.pk}/", _form(published, point))
    assert answer.status_code == 302
    assert ReviewEntry.objects.filter(point=point).count() == 3
    page = client.get(f"/giam-sat/{point.pk}/").content.decode()
    assert "Đủ" in page and "Đã ghi nhận 3/3 dòng" in page


def test_a_wrong_status_is_explained_and_nothing_is_saved(client, cast, published):
    point = _semester(published)
    item = published.items.first()
    client.force_login(cast.monitor)
    answer = client.post(f"/giam-sat/{point.pk}/", _form(published, point, {item.pk: "Tuyệt vời"}))
    assert answer.status_code == 400 and "không có trong Thông tư 17/2018" in answer.content.decode()
    assert not ReviewEntry.objects.exists()


def test_staff_and_the_office_read_but_do_not_record(client, cast, published):
    point = _semester(published)
    for who in (cast.staff, cast.specialist):
        client.force_login(who)
        page = client.get(f"/giam-sat/{point.pk}/")
        assert page.status_code == 200 and 'id="save-review"' not in page.content.decode()
        refused = client.post(f"/giam-sat/{point.pk}/", _form(published, point))
        assert refused.status_code == 403 and "tổ giám sát" in refused.content.decode()
    client.force_login(cast.other_principal)
    assert client.get(f"/giam-sat/{point.pk}/").status_code == 404  # another school's: not known
    assert not ReviewEntry.objects.exists()


def test_under_57_2026_the_council_records_too(cast):
    from caitien.catalog.models import Regulation
    from caitien.plans.models import Plan

    plan = Plan.objects.create(
        school=cast.primary,
        regulation=Regulation.objects.get(slug="tt57-2026-pl2"),
        start_year=2025,
        end_year=2026,
        status="published",
    )
    assert permissions.can_record_review(cast.council, plan)
    assert not permissions.can_record_review(cast.staff, plan)


def test_the_principal_schedules_and_adds_a_point(client, cast, published):
    point = _semester(published)
    client.force_login(cast.principal)
    answer = client.post(
        f"/ke-hoach/{published.pk}/giam-sat/lich/",
        {f"planned-{point.pk}": "20/01/2026", "new_label": "Giữa học kỳ II", "new_date": "15/3/2026"},
    )
    assert answer.status_code == 302
    point.refresh_from_db()
    assert point.planned_date.isoformat() == "2026-01-20"
    assert ReviewPoint.objects.filter(kind="extra", planned_date="2026-03-15").exists()
    client.post(f"/ke-hoach/{published.pk}/giam-sat/lich/", {f"planned-{point.pk}": "31/02/2026"})
    page = client.get(f"/ke-hoach/{published.pk}/giam-sat/").content.decode()
    assert "không có trong lịch" in page


def test_overall_texts_and_recommendations(client, cast, published):
    point = _semester(published)
    client.force_login(cast.monitor)
    client.post(
        f"/giam-sat/{point.pk}/danh-gia-chung/",
        {"revision": point.revision, "judgement": "Đúng tiến độ", "recorded_on": "28/01/2026"},
    )
    point.refresh_from_db()
    assert point.judgement == "Đúng tiến độ" and point.recorded_on.isoformat() == "2026-01-28"
    bad = client.post(
        f"/giam-sat/{point.pk}/danh-gia-chung/", {"revision": point.revision, "recorded_on": "hôm qua"}
    )
    assert bad.status_code == 400 and "ngày/tháng/năm" in bad.content.decode()
    client.post(
        f"/giam-sat/{point.pk}/kien-nghi/",
        {"text": "Bổ sung sổ dự giờ", "addressee_kind": "principal", "item": published.items.first().pk},
    )
    assert Recommendation.objects.get().text == "Bổ sung sổ dự giờ"
    empty = client.post(f"/giam-sat/{point.pk}/kien-nghi/", {"text": "", "addressee_kind": "principal"})
    assert empty.status_code == 400 and "Kiến nghị đang trống" in empty.content.decode()


@pytest.mark.parametrize("more", [0, 27])
def test_pages_run_a_constant_number_of_queries(client, cast, more, django_assert_max_num_queries):
    from tests.plans.conftest import ROWS

    plan = make_published(cast, [*ROWS, *extra_rows(more)])
    point = _semester(plan)
    services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[{"item": i.pk, "status": "Đang thực hiện"} for i in plan.items.all()[:2]],
    )
    client.force_login(cast.monitor)
    for url in (f"/ke-hoach/{plan.pk}/giam-sat/", f"/giam-sat/{point.pk}/"):
        client.get(url)
        with django_assert_max_num_queries(18):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(24):
        assert client.post(f"/giam-sat/{point.pk}/", _form(plan, point)).status_code == 302
