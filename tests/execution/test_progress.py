import datetime

from caitien.execution import selectors, services
from tests.execution.conftest import rows_of

SUMMARY_KEYS = [
    "items",
    "not_started",
    "in_progress",
    "done",
    "not_done",
    "overdue",
    "tasks",
    "tasks_overdue",
    "evidence",
    "planned_vnd",
    "spent_vnd",
]
ITEM_KEYS = [
    "index",
    "criterion",
    "status",
    "progress",
    "overdue",
    "start",
    "end",
    "tasks",
    "evidence",
    "spent_vnd",
]
TASK_KEYS = ["title", "owner", "due", "status", "progress", "overdue"]


def test_the_progress_json_has_exactly_the_documented_shape(published, cast, staff_people):
    rows = rows_of(published)
    services.task_create(
        plan=published,
        item_key=rows[1].key,
        title="Khảo sát hiện trạng",
        owner=staff_people["teacher"],
        due=datetime.date(2025, 10, 20),
        actor=cast.principal,
    )
    services.task_create(
        plan=published,
        item_key=rows[1].key,
        title="Lập dự toán",
        due=datetime.date(2025, 11, 30),
        actor=cast.principal,
    )
    services.update_add(
        plan=published,
        item_key=rows[0].key,
        actor=cast.principal,
        status="done",
        progress=100,
        text="Xong",
        spent_vnd=200000,
        funding_source="Ngân sách",
    )
    data = selectors.plan_progress(published, datetime.date(2025, 11, 20))
    assert list(data) == ["plan", "as_of", "summary", "items", "reviews"]
    assert data["plan"] == published.pk and data["as_of"] == "2025-11-20"
    assert list(data["summary"]) == SUMMARY_KEYS
    assert data["summary"] == {
        "items": 3,
        "not_started": 2,
        "in_progress": 0,
        "done": 1,
        "not_done": 0,
        "overdue": 1,
        "tasks": 2,
        "tasks_overdue": 1,
        "evidence": 0,
        "planned_vnd": 14_500_000,
        "spent_vnd": 200000,
    }
    first, second = data["items"][:2]
    assert list(first) == ITEM_KEYS
    assert first == {
        "index": 1,
        "criterion": "1.3",
        "status": "done",
        "progress": 100,
        "overdue": False,
        "start": "2025-09",
        "end": "2026-05",
        "tasks": [],
        "evidence": [],
        "spent_vnd": 200000,
    }
    assert second["overdue"] is True
    assert [list(t) for t in second["tasks"]] == [TASK_KEYS, TASK_KEYS]
    assert second["tasks"][0] == {
        "title": "Khảo sát hiện trạng",
        "owner": "Hoàng Thị Em",
        "due": "2025-10-20",
        "status": "not_started",
        "progress": 0,
        "overdue": True,
    }
    assert second["tasks"][1]["overdue"] is False  # due 30/11, within 14 days: soon, not overdue


def test_a_row_whose_time_ended_unfinished_is_overdue(published):
    data = selectors.plan_progress(published, datetime.date(2026, 1, 5))
    assert [i["overdue"] for i in data["items"]] == [False, True, False]
