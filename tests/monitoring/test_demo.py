"""The monitoring demo: last year's plan closed with its year-end review and results report, this
year's plan carrying last year's unfinished rows, its mid-year review half recorded, a reminder waiting."""

import io

import pytest
from django.core.management import call_command

from caitien.assessments import history
from caitien.monitoring import selectors, year_end
from caitien.monitoring.models import CarriedItem, ResultsReport, ReviewPoint
from caitien.notifications.models import Notification
from caitien.plans.models import Plan
from caitien.schools.models import School, User


@pytest.fixture
def built(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_last_years_plan_is_closed_and_this_years_carries_it(built, client):
    school = School.objects.get(short_code="MNHM")
    last, current = Plan.objects.filter(school=school, status="published").order_by("start_year")
    assert current.start_year == last.start_year + 1
    summary = year_end.closing_summary(year_end.closing_rows(last))
    assert summary == {"rows": 4, "closed": 4, "achieved": 2, "missed": 2, "all_closed": True}
    report = ResultsReport.objects.get(plan=last)
    assert (report.status, report.document_number, report.point.kind) == (
        "received",
        "21/BC-MNHM",
        "year_end",
    )
    assert report.comments.count() == 1
    carried = CarriedItem.objects.filter(item__plan=current).order_by("item__order")
    assert [c.item.criterion_code for c in carried] == ["3.1", "3.4"]
    assert all(c.label == "Chưa đạt" and c.result and c.cause for c in carried)
    mid = next(r for r in selectors.reviews_json(current) if r["point"] == "Cuối học kỳ I")
    assert mid["completeness"] == "partial"
    extra = ReviewPoint.objects.get(plan=current, kind="extra")
    waiting = Notification.objects.filter(kind="review_due_soon", object_id=str(extra.pk))
    monitor = User.objects.get(username="giamsat_mn")
    assert waiting.filter(user=monitor, read_at__isnull=True).exists()
    assert [y for y, _ in history.school_trend(school).points] == [last.start_year, current.start_year]
    assert history.criterion_trends(school)["2.2"].change == 1
    assert "giamsat_mn" in built
    client.force_login(monitor)
    assert client.get(f"/giam-sat/{extra.pk}/").status_code == 200
    assert "Nội dung chuyển tiếp từ năm trước" in client.get(f"/ke-hoach/{current.pk}/").content.decode()


def test_running_the_demo_twice_changes_nothing(built):
    before = (Plan.objects.count(), ResultsReport.objects.count(), Notification.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Plan.objects.count(), ResultsReport.objects.count(), Notification.objects.count()) == before
