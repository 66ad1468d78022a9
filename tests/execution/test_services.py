import datetime

import pytest

from caitien.execution import selectors, services
from caitien.execution.models import ProgressUpdate, RowProgress, Task
from caitien.execution.services import ExecutionError
from caitien.plans import services as plans
from tests.execution.conftest import publish, rows_of
from tests.plans.conftest import make_plan

TODAY = datetime.date(2025, 11, 20)


def test_a_task_is_stored_on_the_lineage_root_and_the_row_key(published, cast, staff_people):
    row = rows_of(published)[1]
    task = services.task_create(
        plan=published,
        item_key=row.key,
        title="  Khảo sát   hiện trạng mái che ",
        owner=staff_people["teacher"],
        start=datetime.date(2025, 10, 1),
        due=datetime.date(2025, 10, 31),
        actor=cast.principal,
    )
    assert task.plan == published and task.item_key == row.key
    assert task.title == "Khảo sát hiện trạng mái che"
    assert task.order == 1


def test_dates_outside_the_rows_time_are_refused_in_vietnamese(published, cast):
    row = rows_of(published)[1]  # 10/2025 - 12/2025
    with pytest.raises(ExecutionError, match="sau thời gian của dòng kế hoạch .đến 31/12/2025"):
        services.task_create(
            plan=published,
            item_key=row.key,
            title="Thi công",
            due=datetime.date(2026, 1, 15),
            actor=cast.principal,
        )
    with pytest.raises(ExecutionError, match="trước thời gian"):
        services.task_create(
            plan=published,
            item_key=row.key,
            title="Thi công",
            start=datetime.date(2025, 9, 1),
            actor=cast.principal,
        )
    assert not Task.objects.exists()


def test_a_draft_plan_takes_no_tasks(cast):
    draft = make_plan(cast.primary, cast.principal)
    with pytest.raises(ExecutionError, match="chưa được công khai"):
        services.task_create(plan=draft, item_key=rows_of(draft)[0].key, title="Việc", actor=cast.principal)


def test_an_owner_from_another_school_is_refused(published, cast):
    from caitien.people.models import Person

    stranger = Person.objects.create(school=cast.other, full_name="Ngô Văn Lạ")
    with pytest.raises(ExecutionError, match="không thuộc danh sách cán bộ"):
        services.task_create(
            plan=published,
            item_key=rows_of(published)[0].key,
            title="Việc",
            owner=stranger,
            actor=cast.principal,
        )


def test_updates_move_the_task_and_the_row_and_keep_history(published, cast, staff_people):
    row = rows_of(published)[0]
    a = services.task_create(plan=published, item_key=row.key, title="Lập lịch họp", actor=cast.principal)
    b = services.task_create(plan=published, item_key=row.key, title="Phân công thư ký", actor=cast.principal)
    services.update_add(
        plan=published,
        item_key=row.key,
        task=a,
        actor=cast.staff,
        status="in_progress",
        progress=40,
        text="Đã nháp lịch",
    )
    services.update_add(
        plan=published,
        item_key=row.key,
        task=a,
        actor=cast.staff,
        status="done",
        progress=10,
        text="Đã ban hành lịch",
    )
    a.refresh_from_db()
    assert (a.status, a.progress, a.done_on) == ("done", 100, datetime.date.today())
    assert ProgressUpdate.objects.filter(task=a).count() == 2  # both kept
    view = selectors.row_view(published, row.key)
    assert (view.status, view.progress) == ("in_progress", 50)
    services.update_add(
        plan=published, item_key=row.key, task=b, actor=cast.staff, status="done", progress=100, text="Xong"
    )
    assert selectors.row_view(published, row.key).status == "done"


def test_a_row_without_tasks_takes_its_status_from_its_updates(published, cast):
    row = rows_of(published)[2]
    services.update_add(
        plan=published,
        item_key=row.key,
        actor=cast.principal,
        status="not_done",
        progress=0,
        text="Thiếu giáo viên",
    )
    assert RowProgress.objects.get(item_key=row.key).reason == "Thiếu giáo viên"
    view = selectors.row_view(published, row.key)
    assert (view.status, view.reason) == ("not_done", "Thiếu giáo viên")


@pytest.mark.parametrize(
    "values, message",
    [
        ({"status": "xong"}, "Trạng thái không hợp lệ"),
        ({"progress": "nhiều"}, "Tiến độ phải là một số"),
        ({"progress": 140}, "từ 0 đến 100"),
        ({"status": "not_done", "text": ""}, "lý do không thực hiện được"),
        ({"status": "in_progress", "progress": 100}, "Hoàn thành"),
        ({"spent_vnd": 500000}, "nguồn kinh phí"),
        ({"spent_vnd": -1}, "Số tiền đã chi không hợp lệ"),
        ({"on": datetime.date.today() + datetime.timedelta(days=3)}, "chưa tới"),
    ],
)
def test_bad_updates_are_refused_and_nothing_is_saved(published, cast, values, message):
    row = rows_of(published)[0]
    args = {"status": "in_progress", "progress": 30, "text": "Đã làm"} | values
    with pytest.raises(ExecutionError, match=message):
        services.update_add(plan=published, item_key=row.key, actor=cast.principal, **args)
    assert not ProgressUpdate.objects.exists() and not RowProgress.objects.exists()


def test_spent_money_sums_per_row(published, cast):
    row = rows_of(published)[1]
    for amount in (3_000_000, 4_500_000):
        services.update_add(
            plan=published,
            item_key=row.key,
            actor=cast.principal,
            status="in_progress",
            progress=50,
            text="Mua vật tư",
            spent_vnd=amount,
            funding_source="Xã hội hóa",
        )
    view = selectors.row_view(published, row.key)
    assert view.spent_vnd == 7_500_000 and view.planned_vnd == 12_500_000


def test_execution_follows_the_plan_into_its_revised_version(published, cast, staff_people):
    row = rows_of(published)[0]
    task = services.task_create(
        plan=published,
        item_key=row.key,
        title="Lập lịch họp",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )
    services.update_add(
        plan=published,
        item_key=row.key,
        task=task,
        actor=cast.staff,
        status="in_progress",
        progress=60,
        text="Nháp",
    )
    services.update_add(
        plan=published,
        item_key=rows_of(published)[2].key,
        actor=cast.principal,
        status="in_progress",
        progress=20,
        text="Đã dự giờ 4 tiết",
    )
    revised = plans.plan_revise(plan=published, reason="Điều chỉnh kinh phí", actor=cast.principal)
    revised = publish(revised, cast.principal, number="46/KH-THHB")
    new_rows = rows_of(revised)
    assert new_rows[0].pk != row.pk and new_rows[0].key == row.key
    views = selectors.row_views(revised)
    assert [t.task.title for t in views[0].tasks] == ["Lập lịch họp"]
    assert (views[0].status, views[0].progress) == ("in_progress", 60)
    assert (views[2].status, views[2].progress) == ("in_progress", 20)
    # A task added on the new version lands on the same lineage and row.
    added = services.task_create(
        plan=revised, item_key=new_rows[0].key, title="Đăng nghị quyết", actor=cast.principal
    )
    assert added.plan == published
    progress = selectors.plan_progress(revised, TODAY)
    assert progress["plan"] == revised.pk and progress["summary"]["tasks"] == 2


def test_a_task_with_updates_is_not_deleted(published, cast):
    row = rows_of(published)[0]
    task = services.task_create(plan=published, item_key=row.key, title="Lập lịch họp", actor=cast.principal)
    services.update_add(
        plan=published,
        item_key=row.key,
        task=task,
        actor=cast.principal,
        status="in_progress",
        progress=5,
        text="Bắt đầu",
    )
    with pytest.raises(ExecutionError, match="không xóa được"):
        services.task_delete(task=task, actor=cast.principal)
    other = services.task_create(plan=published, item_key=row.key, title="Việc thừa", actor=cast.principal)
    services.task_delete(task=other, actor=cast.principal)
    assert list(Task.objects.values_list("title", flat=True)) == ["Lập lịch họp"]
