"""Under 57/2026 the plan's own export fills section VI and column (10) from the recorded reviews."""

import datetime

import docx

from caitien.catalog.models import Regulation
from caitien.monitoring import services
from caitien.monitoring.models import ReviewPoint
from caitien.planfile.writers.docx import write_docx
from caitien.plans.documents import plan_to_document
from caitien.plans.models import Plan
from tests.plans.conftest import ROWS, make_plan


def _plan_57(cast, status="published"):
    rows = [
        dict(r, issue=f"Nội dung cải tiến {n}", indicator="Đạt 100%") for n, r in enumerate(ROWS, start=1)
    ]
    plan = make_plan(
        cast.primary, cast.principal, rows=rows, regulation=Regulation.objects.get(slug="tt57-2026-pl2")
    )
    plan.monitoring = [
        {
            "moment": "Cuối năm học",
            "content": "Rà soát cả năm",
            "result": "",
            "adjustment": "",
            "assessor": "Hội đồng tự đánh giá",
        }
    ]
    plan.save()
    Plan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    return plan


def test_section_vi_and_column_10_come_from_the_reviews(cast, tmp_path):
    plan = _plan_57(cast)
    services.review_points_ensure(plan=plan, actor=None)
    point = ReviewPoint.objects.get(plan=plan, kind="semester_1")
    a, b, c = plan.items.order_by("order")
    services.review_entries_save(
        point=point,
        actor=cast.council,
        rows=[
            {"item": a.pk, "status": "Hoàn thành"},
            {"item": b.pk, "status": "Chưa hoàn thành", "adjustment": "Lùi sang tháng 3/2026"},
            {"item": c.pk, "status": "Đang thực hiện"},
        ],
    )
    services.review_update(
        point=point,
        actor=cast.council,
        values={
            "judgement": "Cơ bản đúng tiến độ.",
            "reviewers_text": "Hội đồng tự đánh giá",
            "recorded_on": datetime.date(2026, 1, 28),
        },
    )
    doc = plan_to_document(plan)
    assert [i.status for i in doc.items] == ["Hoàn thành", "Chưa hoàn thành", "Đang thực hiện"]
    first, second = doc.monitoring
    assert first.moment == "Cuối học kỳ I (28/01/2026)"
    assert first.result.splitlines() == [
        "1 nội dung hoàn thành, 1 nội dung chưa hoàn thành, 1 nội dung đang thực hiện.",
        "Cơ bản đúng tiến độ.",
    ]
    assert (
        first.adjustment == "Nội dung 2: Lùi sang tháng 3/2026" and first.assessor == "Hội đồng tự đánh giá"
    )
    assert (second.moment, second.content) == (
        "Cuối năm học",
        "Rà soát cả năm",
    )  # not recorded yet: as the plan wrote it
    write_docx(doc, tmp_path / "kh.docx")
    tables = docx.Document(tmp_path / "kh.docx").tables
    vi = next(t for t in tables if t.rows[0].cells[0].text == "Thời điểm")
    assert vi.rows[1].cells[0].text == "Cuối học kỳ I (28/01/2026)"
    plan_table = max(tables, key=lambda t: len(t.columns))
    assert [r.cells[-1].text for r in plan_table.rows[2:5]] == [
        "Hoàn thành",
        "Chưa hoàn thành",
        "Đang thực hiện",
    ]


def test_a_plan_not_yet_published_prints_what_its_authors_wrote(cast):
    plan = _plan_57(cast, status="draft")
    assert [m.moment for m in plan_to_document(plan).monitoring] == ["Cuối năm học"]


def test_2018_plans_are_left_as_they_are(published):
    services.review_points_ensure(plan=published, actor=None)
    point = ReviewPoint.objects.get(plan=published, kind="semester_1")
    services.review_entries_save(
        point=point,
        actor=published.created_by,
        rows=[{"item": published.items.first().pk, "status": "Hoàn thành"}],
    )
    doc = plan_to_document(published)
    assert doc.monitoring == [] and doc.items[0].status == ""
