"""The overview's execution figures are those of `caitien progress` for each school's plan: rows
done, in progress, not started, overdue, money spent — counted by grouped queries, not per plan."""

import datetime

import pytest
from django.urls import reverse

from caitien.execution import services as execution
from caitien.execution.selectors import plan_progress
from tests.monitoring.conftest import make_published
from tests.plans.conftest import ROWS

COUNTERS = ("items", "done", "in_progress", "not_started", "overdue", "spent_vnd")


@pytest.fixture
def carried_out(cast):
    """The published plan of Hoà Bình with: row 1 done through its two tasks, row 2 with a task past
    its due date, row 3 in progress through an update on the row itself, with money spent."""
    plan = make_published(cast, ROWS)
    a, b, c = plan.items.order_by("order")
    first = execution.task_create(plan=plan, item_key=a.key, title="Lập lịch họp", actor=cast.principal)
    second = execution.task_create(plan=plan, item_key=a.key, title="Ghi biên bản", actor=cast.principal)
    for task in (first, second):
        execution.update_add(
            plan=plan, item_key=a.key, task=task, actor=cast.principal, status="done", progress=100
        )
    execution.task_create(
        plan=plan,
        item_key=b.key,
        title="Mua sách",
        start=datetime.date(2025, 10, 1),
        due=datetime.date(2025, 10, 15),
        actor=cast.principal,
    )
    execution.update_add(
        plan=plan,
        item_key=c.key,
        actor=cast.principal,
        status="in_progress",
        progress=40,
        spent_vnd=2_500_000,
        funding_source="Xã hội hóa",
        on=datetime.date(2025, 11, 2),
    )
    return plan


def _line(client, cast):
    client.force_login(cast.specialist)
    r = client.get(reverse("dashboards:office") + "?nam=2025")
    assert r.status_code == 200
    return next(x for x in r.context["page"].object_list if x.code == cast.primary.short_code), r


def test_overview_counts_equal_the_plan_progress_summary(client, cast, carried_out):
    today = datetime.date.today()
    summary = plan_progress(carried_out, today)["summary"]
    line, response = _line(client, cast)
    assert {k: getattr(line, k) for k in COUNTERS} == {k: summary[k] for k in COUNTERS}
    assert (line.done, line.in_progress, line.overdue) == (1, 1, 2)  # row 3 ended in May 2026 too
    assert line.spent_by_source == {"Xã hội hóa": 2_500_000}
    assert "1 xong · 1 đang làm · 1 chưa làm" in response.content.decode()


def test_rollup_counters_equal_the_progress_summary(cast, carried_out):
    from caitien.offices.rollup import office_rollup

    summary = plan_progress(carried_out, datetime.date.today())["summary"]
    data = office_rollup(cast.phong, 2025)
    school = next(s for s in data["schools"] if s["code"] == cast.primary.short_code)
    assert {k: school[k] for k in COUNTERS} == {k: summary[k] for k in COUNTERS}


def test_stored_figures_follow_every_change_to_the_execution(cast, carried_out):
    """The overview keeps each plan's execution figures; a task saved or deleted, a row's status
    recorded, or a new day moves them."""
    from caitien.dashboards.overview import overview_lines
    from caitien.execution.models import Task

    today = datetime.date.today()

    def figures(day=today):
        line = next(
            x for x in overview_lines(cast.phong, 2025, today=day) if x.code == cast.primary.short_code
        )
        summary = plan_progress(carried_out, day)["summary"]
        assert {k: getattr(line, k) for k in COUNTERS} == {k: summary[k] for k in COUNTERS}
        return line

    assert figures().done == 1
    late = Task.objects.get(title="Mua sách")
    execution.update_add(
        plan=carried_out, item_key=late.item_key, task=late, actor=cast.principal, status="done", progress=100
    )
    assert figures().done == 2  # row 2 done through its only task
    late.delete()
    assert figures().done == 1  # without tasks the row is what was recorded on it
    # What is overdue depends on the day: before row 3's end it is not, after it it is.
    assert figures(datetime.date(2025, 11, 20)).overdue < figures(datetime.date(2026, 12, 1)).overdue


def test_a_plan_being_carried_out_can_be_deleted(cast, carried_out):
    """Deleting a plan deletes its tasks; their deletion must not stamp the vanishing plan."""
    from django.db import connection

    from caitien.execution.models import ExecutionStamp, Task

    assert ExecutionStamp.objects.filter(plan=carried_out).exists()
    carried_out.delete()
    connection.check_constraints()  # the test's transaction never commits: check the keys now
    assert not Task.objects.exists() and not ExecutionStamp.objects.exists()
