"""Review points and reviews: defaults from the regulation, extra points, entries, completeness."""

import datetime

import pytest

from caitien.audit.models import AuditEvent
from caitien.monitoring import selectors, services
from caitien.monitoring.models import ReviewEntry, ReviewPoint
from caitien.plans import services as plans
from tests.monitoring.conftest import publish
from tests.plans.conftest import ROWS, make_plan


def test_default_points_are_the_end_of_semester_one_and_of_the_year(published, cast):
    points = services.review_points_ensure(plan=published, actor=None)
    assert [(p.kind, p.label, p.planned_date) for p in points] == [
        ("semester_1", "Cuối học kỳ I", datetime.date(2026, 1, 31)),
        ("year_end", "Cuối năm học", datetime.date(2026, 5, 31)),
    ]
    assert services.review_points_ensure(plan=published, actor=None) == points  # once only
    assert AuditEvent.objects.filter(action="review_point.create").count() == 1


def test_a_multi_year_plan_has_two_points_per_school_year(cast):
    plan = make_plan(cast.primary, cast.principal, start_year=2025, end_year=2028, period_kind="multi")
    plan = publish(plan, cast.principal)
    points = services.review_points_ensure(plan=plan, actor=None)
    assert [p.label for p in points] == [
        "Cuối học kỳ I năm học 2025-2026",
        "Cuối năm học năm học 2025-2026",
        "Cuối học kỳ I năm học 2026-2027",
        "Cuối năm học năm học 2026-2027",
        "Cuối học kỳ I năm học 2027-2028",
        "Cuối năm học năm học 2027-2028",
    ]
    groups = selectors.by_school_year(plan, selectors.point_summaries(plan))
    assert [label for label, _ in groups] == ["Năm học 2025-2026", "Năm học 2026-2027", "Năm học 2027-2028"]


def test_points_stay_with_the_plan_when_it_is_adjusted(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    v2 = plans.plan_revise(plan=published, reason="Điều chỉnh kinh phí", actor=cast.principal)
    v2 = publish(v2, cast.principal, number="46/KH-THHB")
    assert services.review_points_ensure(plan=v2, actor=None)[0].plan_id == published.pk
    assert ReviewPoint.objects.count() == 2


def test_an_extra_point_and_a_moved_date(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    extra = services.review_point_add(
        plan=published, actor=cast.principal, label="Giữa học kỳ II", planned_date=datetime.date(2026, 3, 15)
    )
    assert (extra.kind, extra.school_year) == ("extra", 2025)
    semester = ReviewPoint.objects.get(kind="semester_1")
    services.review_point_update(
        point=semester, actor=cast.principal, planned_date=datetime.date(2026, 1, 20)
    )
    semester.refresh_from_db()
    assert semester.planned_date == datetime.date(2026, 1, 20)
    with pytest.raises(services.MonitoringError, match="không xóa được"):
        services.review_point_delete(point=semester, actor=cast.principal)
    services.review_point_delete(point=extra, actor=cast.principal)
    assert not ReviewPoint.objects.filter(kind="extra").exists()


def test_a_draft_plan_is_not_reviewed(cast):
    draft = make_plan(cast.primary, cast.principal)
    point = ReviewPoint.objects.create(
        plan=draft,
        school_year=2025,
        kind="semester_1",
        label="Cuối học kỳ I",
        planned_date=datetime.date(2026, 1, 31),
    )
    with pytest.raises(services.MonitoringError, match="chưa công khai"):
        services.review_entries_save(point=point, actor=cast.monitor, rows=[])


def _point(plan, kind="semester_1"):
    services.review_points_ensure(plan=plan, actor=None)
    return ReviewPoint.objects.get(plan=plan.root, kind=kind)


def test_entries_are_saved_and_completeness_follows(published, cast):
    point = _point(published)
    items = list(published.items.order_by("order"))
    saved, conflicts = services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[
            {"item": items[0].pk, "status": "hoàn thành", "result": "Họp đủ 4 kỳ, biên bản lưu đủ."},
            {"item": items[1].pk, "status": "", "result": ""},  # nothing written: not recorded
        ],
    )
    assert (saved, conflicts) == (1, [])
    entry = ReviewEntry.objects.get()
    assert entry.status == "Hoàn thành" and entry.reviewer == cast.monitor  # the regulation's spelling
    point.refresh_from_db()
    assert point.recorded_on is not None
    [first, second] = selectors.point_summaries(published)
    assert (first.recorded, first.rows, first.completeness) == (1, 3, "partial")
    assert second.completeness == "none"
    services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[{"item": i.pk, "status": "Đang thực hiện", "revision": None} for i in items[1:]],
    )
    assert selectors.point_summaries(published)[0].completeness == "full"


def test_a_status_outside_the_regulation_is_refused(published, cast):
    point = _point(published)
    item = published.items.first()
    with pytest.raises(services.MonitoringError, match="không có trong Thông tư 17/2018"):
        services.review_entries_save(
            point=point, actor=cast.monitor, rows=[{"item": item.pk, "status": "Xuất sắc"}]
        )
    assert not ReviewEntry.objects.exists()


def test_57_2026_uses_its_own_value_set(cast):
    from caitien.catalog.models import Regulation
    from caitien.plans.models import Plan

    rows = [dict(ROWS[0], issue="Hội đồng trường chưa họp đủ kỳ", indicator="Họp đủ 4 kỳ/năm")]
    plan = make_plan(
        cast.primary, cast.principal, rows=rows, regulation=Regulation.objects.get(slug="tt57-2026-pl2")
    )
    Plan.objects.filter(pk=plan.pk).update(
        status="published"
    )  # the checker's view of the rows is not the point here
    plan.refresh_from_db()
    point = _point(plan)
    item = plan.items.first()
    with pytest.raises(services.MonitoringError, match="Chưa hoàn thành"):
        services.review_entries_save(
            point=point, actor=cast.monitor, rows=[{"item": item.pk, "status": "Chậm tiến độ"}]
        )
    services.review_entries_save(
        point=point, actor=cast.monitor, rows=[{"item": item.pk, "status": "Chưa hoàn thành"}]
    )
    assert selectors.reviews_json(plan)[0]["items"] == [
        {"index": 0, "status": "not_done", "status_label": "Chưa hoàn thành", "result": ""}
    ]


def test_a_row_saved_by_someone_else_is_not_overwritten(published, cast):
    point = _point(published)
    a, b = published.items.order_by("order")[:2]
    services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[{"item": a.pk, "status": "Hoàn thành", "result": "Của người thứ nhất"}],
    )
    read = ReviewEntry.objects.get(item=a).revision
    services.review_entries_save(
        point=point,
        actor=cast.principal,
        rows=[{"item": a.pk, "status": "Hoàn thành", "result": "Người thứ hai sửa", "revision": read}],
    )
    saved, conflicts = services.review_entries_save(
        point=point,
        actor=cast.monitor,
        rows=[
            {"item": a.pk, "status": "Hoàn thành", "result": "Ghi đè", "revision": read},
            {"item": b.pk, "status": "Đang thực hiện", "result": "Mới"},
        ],
    )
    assert saved == 1 and len(conflicts) == 1
    assert "người khác vừa lưu" in str(conflicts[0]) and conflicts[0].current.result == "Người thứ hai sửa"
    assert ReviewEntry.objects.get(item=a).result == "Người thứ hai sửa"


def test_the_next_point_starts_from_the_previous_one(published, cast):
    semester = _point(published)
    year_end = ReviewPoint.objects.get(kind="year_end")
    items = list(published.items.order_by("order"))
    services.review_entries_save(
        point=semester,
        actor=cast.monitor,
        rows=[
            {
                "item": items[2].pk,
                "status": "Đang thực hiện",
                "result": "Đã dự 12 tiết",
                "indicator_value": "60%",
                "evidence_codes": "[H1-5.1-02]",
            }
        ],
    )
    grid = {r.item.pk: r for r in selectors.review_grid(year_end, published)}
    row = grid[items[2].pk]
    assert row.entry is None and row.prefilled
    assert row.values["status"] == "Đang thực hiện" and row.values["result"] == "Đã dự 12 tiết"
    assert row.values["indicator_target"] == "ít nhất 95%"
    assert row.values["evidence_codes"] == "[H1-5.1-02]" and row.values["source"] == "Cuối học kỳ I"
    assert grid[items[0].pk].values["status"] == ""


def test_overall_texts_with_a_conflict_check(published, cast):
    point = _point(published)
    services.review_update(
        point=point,
        actor=cast.monitor,
        values={"judgement": "Thực hiện đúng tiến độ", "reviewers_text": "Tổ giám sát"},
        revision=point.revision,
    )
    point.refresh_from_db()
    assert point.judgement == "Thực hiện đúng tiến độ" and point.revision == 2
    with pytest.raises(services.EditConflict):
        services.review_update(point=point, actor=cast.principal, values={"judgement": "Khác"}, revision=1)


def test_recommendations(published, cast):
    point = _point(published)
    item = published.items.first()
    rec = services.recommendation_add(
        point=point,
        actor=cast.monitor,
        text="Bổ sung biên bản họp tháng 12",
        addressee_kind="group",
        addressee="Tổ văn phòng",
        item=item,
    )
    assert rec.addressed_to == "Tổ văn phòng" and rec.order == 1
    with pytest.raises(services.MonitoringError, match="tên tổ"):
        services.recommendation_add(point=point, actor=cast.monitor, text="x", addressee_kind="group")
    with pytest.raises(services.MonitoringError, match="gửi tới ai"):
        services.recommendation_add(point=point, actor=cast.monitor, text="x", addressee_kind="mars")
    services.recommendation_delete(recommendation=rec, actor=cast.monitor)
    assert not point.recommendations.exists()


def test_counts_due_and_missing(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    summaries = selectors.point_summaries(published, today=datetime.date(2026, 2, 10))
    assert [s.overdue for s in summaries] == [True, False]
    assert selectors.counts(summaries, today=datetime.date(2026, 2, 10)) == {
        "points": 2,
        "full": 0,
        "partial": 0,
        "due": 1,
        "missing": 1,
    }
