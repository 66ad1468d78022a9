"""The year end: rows closed as đạt / chưa đạt, next year's plan from last year's, recommendations
acted on with one action, the reviews in the progress JSON, reviews prefilled from execution."""

import datetime

import pytest

from caitien.assessments import services as assessments
from caitien.assessments.carryover import self_assessment_from_previous
from caitien.escalations.models import Escalation
from caitien.execution import selectors as execution_selectors
from caitien.execution import services as execution
from caitien.execution.models import Task
from caitien.monitoring import selectors, services, year_end
from caitien.monitoring.models import CarriedItem, ItemClosure, Recommendation, ReviewPoint
from caitien.monitoring.services import MonitoringError
from caitien.plans.models import Plan
from tests.monitoring.conftest import extra_rows, publish
from tests.plans.conftest import make_plan


def _rows(plan):
    return list(plan.items.order_by("order"))


@pytest.fixture
def year_end_recorded(recorded, cast):
    """The year-end review: row 1 done, row 2 still not done (with its cause), row 3 late."""
    plan = recorded.plan
    point = ReviewPoint.objects.get(plan=plan, kind="year_end")
    a, b, c = _rows(plan)
    services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[
            {"item": a.pk, "status": "Hoàn thành", "result": "Họp đủ 4 kỳ, biên bản đủ."},
            {
                "item": b.pk,
                "status": "Không thực hiện được",
                "result": "Chưa sửa mái che.",
                "cause": "Xã chưa bố trí kinh phí.",
            },
            {
                "item": c.pk,
                "status": "Chậm tiến độ",
                "result": "Dự giờ 80% giáo viên.",
                "cause": "Hai giáo viên nghỉ sinh.",
            },
        ],
    )
    return point


def _close_all(plan, actor):
    rows = year_end.closing_rows(plan)
    return services.rows_close(
        plan=plan,
        actor=actor,
        rows=[{"item": r.item.pk, "label": r.label, "result": r.result, "cause": r.cause} for r in rows],
    )


def test_closing_starts_from_the_latest_review_and_needs_a_cause_when_not_reached(year_end_recorded, cast):
    plan = year_end_recorded.plan
    proposed = year_end.closing_rows(plan)
    assert [(r.label, r.source) for r in proposed] == [("Đạt", "Cuối năm học")] + [
        ("Chưa đạt", "Cuối năm học")
    ] * 2
    assert proposed[1].cause == "Xã chưa bố trí kinh phí." and proposed[0].cause == ""
    a, b, _c = _rows(plan)
    with pytest.raises(MonitoringError, match="Dòng 2 chưa đạt: hãy ghi nguyên nhân"):
        services.rows_close(
            plan=plan, actor=cast.principal, rows=[{"item": b.pk, "label": "Chưa đạt", "cause": ""}]
        )
    with pytest.raises(MonitoringError, match="không phải kết quả cuối năm"):
        services.rows_close(plan=plan, actor=cast.principal, rows=[{"item": a.pk, "label": "Xong"}])
    assert not ItemClosure.objects.exists()
    assert _close_all(plan, cast.principal) == 3
    closed = year_end.closing_rows(plan)
    assert [(r.closure.label, r.closure.achieved) for r in closed] == [
        ("Đạt", True),
        ("Chưa đạt", False),
        ("Chưa đạt", False),
    ]
    assert year_end.closing_summary(closed) == {
        "rows": 3,
        "closed": 3,
        "achieved": 1,
        "missed": 2,
        "all_closed": True,
    }
    assert _close_all(plan, cast.principal) == 0  # nothing changed: nothing written


def test_next_years_plan_carries_only_the_chosen_rows_with_last_years_result(year_end_recorded, cast):
    plan = year_end_recorded.plan
    _close_all(plan, cast.principal)
    report = services.report_create(point=year_end_recorded, actor=cast.principal)
    services.report_send(
        report=report,
        actor=cast.principal,
        number="18/BC-THHB",
        date=datetime.date(2026, 5, 30),
        signer="Nguyễn Văn An",
    )
    options = year_end.carry_options(plan)
    assert [o.item.order for o in options] == [2, 3]
    assert options[0].label == "Chưa đạt" and options[0].result == "Chưa sửa mái che."
    a, b, c = _rows(plan)
    new = services.next_plan_create(plan=plan, actor=cast.principal, carry=[c.pk, b.pk])
    assert (new.start_year, new.end_year, new.status) == (2026, 2027, Plan.Status.DRAFT)
    rows = _rows(new)
    assert [r.criterion_code for r in rows] == ["3.2", "5.1"]
    assert rows[0].expected_result == b.expected_result and rows[0].start_month == ""
    assert rows[0].notes.startswith(
        "Chuyển từ kế hoạch năm học 2025-2026: chưa đạt; kết quả: Chưa sửa mái che."
    )
    carried = CarriedItem.objects.get(item=rows[0])
    assert (carried.source, carried.label, carried.cause) == (b, "Chưa đạt", "Xã chưa bố trí kinh phí.")
    assert (
        "Căn cứ Báo cáo số 18/BC-THHB ngày 30/05/2026 của Trường Tiểu học Hoà Bình về kết quả thực hiện kế hoạch "
        "cải tiến chất lượng giáo dục năm học 2025-2026;" in new.sections["legal_bases"]
    )
    with pytest.raises(MonitoringError, match="Chỉ chuyển được các dòng chưa hoàn thành"):
        services.next_plan_create(plan=plan, actor=cast.principal, carry=[a.pk])
    with pytest.raises(
        MonitoringError, match="Đã lập “Kế hoạch cải tiến chất lượng giáo dục năm học 2026 - 2027”"
    ):
        services.next_plan_create(plan=plan, actor=cast.principal, carry=[b.pk])
    assert Plan.objects.filter(start_year=2026).count() == 1


def test_next_years_plan_adds_the_weak_criteria_of_the_new_self_assessment(year_end_recorded, cast):
    plan = year_end_recorded.plan
    _close_all(plan, cast.principal)
    last = assessments.self_assessment_create(school=cast.primary, start_year=2025, actor=cast.principal)
    for ca in last.criteria.select_related("criterion"):
        if ca.criterion.code in ("3.2", "4.1"):
            assessments.criterion_assessment_update(
                assessment=ca,
                actor=cast.principal,
                current_state="Hiện trạng đã mô tả.",
                strengths="Có điểm mạnh.",
                weaknesses=f"Tiêu chí {ca.criterion.code} còn yếu.",
            )
    new_sa = self_assessment_from_previous(previous=last, actor=cast.principal)
    weak = {ca.criterion.code for ca in new_sa.criteria.select_related("criterion") if ca.weaknesses}
    assert weak == {"3.2", "4.1"}
    b = _rows(plan)[1]
    new = services.next_plan_create(plan=plan, actor=cast.principal, carry=[b.pk], assessment=new_sa)
    rows = _rows(new)
    assert rows[0].criterion_code == "3.2" and CarriedItem.objects.filter(item=rows[0]).exists()
    # 3.2 is carried, so it is not added a second time; every other criterion below Mức 2 is.
    codes = [r.criterion_code for r in rows]
    assert codes.count("3.2") == 1 and "4.1" in codes
    assert [r.order for r in rows] == list(range(1, len(rows) + 1))
    assert new.self_assessment == new_sa


def test_a_recommendation_becomes_a_task_once(recorded, cast):
    rec = Recommendation.objects.get(point=recorded, addressee_kind="principal")
    with pytest.raises(MonitoringError, match="Chỉ Hiệu trưởng"):
        services.recommendation_to_task(recommendation=rec, actor=cast.monitor)
    services.recommendation_to_task(recommendation=rec, actor=cast.principal, due=datetime.date(2025, 12, 20))
    rec.refresh_from_db()
    task = Task.objects.get(pk=rec.action_id)
    assert rec.action == "task" and task.item_key == rec.item.key and task.plan == recorded.plan
    assert task.title == "Đẩy nhanh huy động kinh phí sửa mái che." and task.due == datetime.date(
        2025, 12, 20
    )
    with pytest.raises(MonitoringError, match="đã được xử lý"):
        services.recommendation_to_task(recommendation=rec, actor=cast.principal)
    assert Task.objects.count() == 1


def test_a_plan_wide_recommendation_needs_a_row_to_become_a_task(recorded, cast):
    rec = Recommendation.objects.get(point=recorded, addressee_kind="office")
    with pytest.raises(MonitoringError, match="hãy chọn dòng"):
        services.recommendation_to_task(recommendation=rec, actor=cast.principal)
    first = _rows(recorded.plan)[0]
    services.recommendation_to_task(recommendation=rec, actor=cast.principal, item_pk=first.pk)
    assert Task.objects.get().item_key == first.key


def test_a_recommendation_becomes_an_escalation_to_the_office(recorded, cast):
    rec = Recommendation.objects.get(point=recorded, addressee_kind="office")
    services.recommendation_to_escalation(recommendation=rec, actor=cast.principal)
    rec.refresh_from_db()
    escalation = Escalation.objects.get(pk=rec.action_id)
    assert rec.action == "escalation" and escalation.office == cast.phong
    assert escalation.kind == "funding" and escalation.title == "Hỗ trợ kinh phí sửa mái che sân chơi."
    assert "Cuối học kỳ I" in escalation.reason
    with pytest.raises(MonitoringError, match="đã được xử lý"):
        services.recommendation_to_escalation(recommendation=rec, actor=cast.principal)


def test_the_progress_json_carries_the_reviews_with_the_items_index(recorded, cast):
    data = execution_selectors.plan_progress(recorded.plan, datetime.date(2026, 2, 1))
    first = data["reviews"][0]
    assert set(first) >= {"point", "planned", "recorded", "completeness", "items"}
    assert first["point"] == "Cuối học kỳ I" and first["completeness"] == "full"
    indexes = {i["index"] for i in data["items"]}
    assert {i["index"] for i in first["items"]} == indexes == {1, 2, 3}
    late = next(i for i in first["items"] if i["index"] == 2)
    assert late == {
        "index": 2,
        "status": "in_progress",
        "status_label": "Chậm tiến độ",
        "result": "Đã khảo sát và lập dự toán; chưa thi công.",
    }
    assert selectors.reviews_for_progress(recorded.plan) == data["reviews"]


def test_a_review_starts_from_the_rows_tasks_and_progress_updates(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    point = ReviewPoint.objects.get(plan=published, kind="semester_1")
    a, b, c = _rows(published)
    execution.update_add(
        plan=published,
        item_key=a.key,
        actor=cast.principal,
        status="done",
        progress=100,
        text="Họp đủ hai kỳ học kỳ I.",
        on=datetime.date(2026, 1, 10),
    )
    execution.task_create(
        plan=published,
        item_key=b.key,
        title="Lập dự toán",
        due=datetime.date(2025, 11, 30),
        actor=cast.principal,
    )
    grid = {r.item.pk: r for r in selectors.review_grid(point, published)}
    assert grid[a.pk].values["status"] == "Hoàn thành"
    assert grid[a.pk].values["result"] == "10/01/2026: Họp đủ hai kỳ học kỳ I."
    assert grid[a.pk].values["source"] == "tiến độ thực hiện"
    assert grid[b.pk].values["status"] == "Chậm tiến độ"  # its task is overdue at the review's date
    assert grid[c.pk].values["status"] == "" and grid[c.pk].values["source"] == ""


def test_a_multi_year_plan_shows_its_rows_by_year(cast, client):
    rows = [
        dict(extra_rows(1)[0], start_month="2025-09", end_month="2026-05"),
        dict(extra_rows(2)[1], start_month="2026-09", end_month="2027-05"),
        dict(extra_rows(3)[2], start_month="2025-10", end_month="2027-04"),
    ]
    plan = publish(
        make_plan(cast.primary, cast.principal, rows=rows, end_year=2027, period_kind="multi"), cast.principal
    )
    groups = year_end.rows_by_year(plan)
    assert [(y, [i.order for i in items]) for y, items in groups] == [(2025, [1, 3]), (2026, [2, 3])]
    client.force_login(cast.principal)
    page = client.get(f"/ke-hoach/{plan.pk}/giam-sat/").content.decode()
    assert "Nội dung theo từng năm học" in page and "Cuối học kỳ I năm học 2026-2027" in page


def test_the_year_end_report_names_the_rows_still_to_finish_when_no_next_steps_were_written(
    year_end_recorded, cast
):
    from caitien.monitoring import documents

    _close_all(year_end_recorded.plan, cast.principal)
    doc = documents.point_to_document(year_end_recorded)
    directions = doc.sections[-1]
    assert directions.number == "IV"
    assert directions.text == "Tiếp tục thực hiện trong năm học tiếp theo 2 nội dung chưa đạt (TT 2, 3)."
    assert [r.status for r in doc.rows] == ["Đạt", "Chưa đạt", "Chưa đạt"]
