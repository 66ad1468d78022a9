"""The year-end pages: closing the rows, next year's plan, a recommendation's one action."""

import pytest

from caitien.monitoring import services
from caitien.monitoring.models import ItemClosure, Recommendation, ReviewPoint
from caitien.plans.models import Plan
from tests.monitoring.conftest import extra_rows, make_published


def _rows(plan):
    return list(plan.items.order_by("order"))


def _close_form(plan, labels, causes=None):
    causes = causes or {}
    data = {}
    for n, item in enumerate(_rows(plan)):
        data[f"close-{item.pk}-label"] = labels[n]
        data[f"close-{item.pk}-result"] = f"Kết quả dòng {item.order}"
        data[f"close-{item.pk}-cause"] = causes.get(n, "")
    return data


def test_the_principal_closes_the_rows_and_a_missing_cause_keeps_what_was_typed(client, recorded, cast):
    plan = recorded.plan
    client.force_login(cast.principal)
    page = client.get(f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/").content.decode()
    assert "Lần giám sát gần nhất: Chậm tiến độ (Cuối học kỳ I)" in page
    assert "Kinh phí xã hội hóa chưa huy động đủ." in page  # the review's cause, proposed
    bad = client.post(f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/", _close_form(plan, ["Đạt", "Chưa đạt", "Đạt"]))
    text = bad.content.decode()
    assert bad.status_code == 400 and "Dòng 2 chưa đạt: hãy ghi nguyên nhân chưa đạt." in text
    assert not ItemClosure.objects.exists()
    good = client.post(
        f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/",
        _close_form(plan, ["Đạt", "Chưa đạt", "Đạt"], {1: "Chưa đủ kinh phí."}),
        follow=True,
    )
    assert "Đã ghi kết quả cuối năm của 3 dòng." in good.content.decode()
    assert ItemClosure.objects.get(item=_rows(plan)[1]).cause == "Chưa đủ kinh phí."


def test_only_the_principal_closes_and_builds_next_year(client, recorded, cast):
    plan = recorded.plan
    client.force_login(cast.monitor)
    assert client.get(f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/").status_code == 200
    assert (
        client.post(f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/", _close_form(plan, ["Đạt"] * 3)).status_code
        == 403
    )
    assert client.post(f"/ke-hoach/{plan.pk}/ke-hoach-nam-sau/", {}).status_code == 403
    client.force_login(cast.other_principal)
    assert client.get(f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/").status_code == 403
    assert not ItemClosure.objects.exists() and Plan.objects.count() == 1


def test_next_years_plan_from_the_page_shows_last_years_result(client, recorded, cast):
    plan = recorded.plan
    client.force_login(cast.principal)
    client.post(
        f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/",
        _close_form(plan, ["Đạt", "Chưa đạt", "Chưa đạt"], {1: "Chưa đủ kinh phí.", 2: "Thiếu giáo viên."}),
    )
    page = client.get(f"/ke-hoach/{plan.pk}/ke-hoach-nam-sau/").content.decode()
    assert page.count('name="carry"') == 2 and "Chưa đủ kinh phí." in page
    _a, b, c = _rows(plan)
    answer = client.post(f"/ke-hoach/{plan.pk}/ke-hoach-nam-sau/", {"carry": [str(b.pk)], "assessment": ""})
    new = Plan.objects.exclude(pk=plan.pk).get()
    assert answer.status_code == 302 and answer["Location"] == f"/ke-hoach/{new.pk}/"
    detail = client.get(f"/ke-hoach/{new.pk}/").content.decode()
    assert "Nội dung chuyển tiếp từ năm trước" in detail and "Kết quả dòng 2" in detail
    assert [i.criterion_code for i in _rows(new)] == ["3.2"]
    odd = client.post(
        f"/ke-hoach/{plan.pk}/ke-hoach-nam-sau/", {"carry": ["abc", "999999"], "assessment": "77"}
    )
    assert odd.status_code == 400 and "Tự đánh giá đã chọn không còn" in odd.content.decode()


def test_a_recommendation_from_the_review_page(client, recorded, cast):
    rec = Recommendation.objects.get(point=recorded, addressee_kind="principal")
    office = Recommendation.objects.get(point=recorded, addressee_kind="office")
    client.force_login(cast.monitor)
    assert "Giao thành việc" not in client.get(f"/giam-sat/{recorded.pk}/").content.decode()
    assert client.post(f"/kien-nghi/{rec.pk}/giao-viec/", {}).status_code == 403
    client.force_login(cast.principal)
    assert f'id="task-from-{rec.pk}"' in client.get(f"/giam-sat/{recorded.pk}/").content.decode()
    bad = client.post(f"/kien-nghi/{rec.pk}/giao-viec/", {"due": "31/02/2026"}, follow=True).content.decode()
    assert "Hạn hoàn thành: ngày 31/02/2026 không có trong lịch" in bad
    done = client.post(f"/kien-nghi/{rec.pk}/giao-viec/", {"due": "20/12/2025"}, follow=True).content.decode()
    assert "Đã giao kiến nghị thành việc" in done and "Đã giao thành việc" in done
    sent = client.post(f"/kien-nghi/{office.pk}/de-xuat/", follow=True).content.decode()
    assert "Đã gửi đề xuất tới Phòng Giáo dục và Đào tạo huyện Dầu Tiếng" in sent
    rec.refresh_from_db()
    office.refresh_from_db()
    assert (rec.action, office.action) == ("task", "escalation")


@pytest.mark.parametrize("more", [0, 27])
def test_the_year_end_pages_run_a_constant_number_of_queries(
    client, cast, more, django_assert_max_num_queries
):
    from tests.plans.conftest import ROWS

    plan = make_published(cast, [*ROWS, *extra_rows(more)])
    services.review_points_ensure(plan=plan, actor=None)
    point = ReviewPoint.objects.get(plan=plan, kind="year_end")
    services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[{"item": i.pk, "status": "Chậm tiến độ", "cause": "Chậm"} for i in plan.items.all()],
    )
    client.force_login(cast.principal)
    for url in (f"/ke-hoach/{plan.pk}/ket-thuc-nam-hoc/", f"/ke-hoach/{plan.pk}/ke-hoach-nam-sau/"):
        client.get(url)
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
