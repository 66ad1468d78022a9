import io

import pytest
from django.core.management import call_command

from caitien.execution.models import ProgressUpdate, RowProgress, Task
from caitien.execution.selectors import plan_progress
from caitien.plans.models import Plan
from caitien.schools import demo


@pytest.fixture
def built(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_published_demo_plan_is_in_execution(built, client):
    # This school year's published plan (the demo also has last year's, closed at the year end).
    plan = (
        Plan.objects.filter(school__short_code__in=["THTP", "MNHM", "THCSBĐ"], status="published")
        .order_by("-start_year")
        .first()
    )
    statuses = {t.status for t in Task.objects.filter(plan=plan.root)}
    assert statuses == {"done", "in_progress", "not_started"}
    assert RowProgress.objects.filter(plan=plan.root, status="not_done").exclude(reason="").exists()
    data = plan_progress(plan)
    assert data["summary"]["tasks_overdue"] >= 1 and data["summary"]["spent_vnd"] == 1_200_000
    photos = ProgressUpdate.objects.filter(
        plan=plan.root, evidence__files__content_type="image/png"
    ).distinct()
    assert photos.count() == 2
    assert data["summary"]["evidence"] >= 2
    # The demo teacher signs in and finds her tasks, the overdue one first.
    assert "giaovien_mn" in built
    assert client.login(username="giaovien_mn", password=demo.PASSWORD)
    html = client.get("/viec-cua-toi/").content.decode()
    assert html.index("Khảo sát, lập dự toán sửa chữa") < html.index("Tổ chức hoạt động trải nghiệm cho trẻ")


def test_running_the_demo_twice_adds_no_execution_data(built):
    before = (Task.objects.count(), ProgressUpdate.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Task.objects.count(), ProgressUpdate.objects.count()) == before
