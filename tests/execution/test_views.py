import datetime

import pytest
from django.urls import reverse

from caitien.execution import services
from caitien.execution.models import ProgressUpdate, Task
from tests.execution.conftest import rows_of
from tests.monitoring.conftest import extra_rows, make_published
from tests.plans.conftest import make_plan


def login(client, cast, user):
    client.force_login(user)
    return client


def test_the_principal_splits_a_row_and_saves_the_edited_tasks(client, published, cast, staff_people):
    row = rows_of(published)[0]
    login(client, cast, cast.principal)
    page = client.get(reverse("execution:split", args=[published.pk, row.key]))
    html = page.content.decode()
    assert page.status_code == 200
    for title in ("Lập lịch họp cả năm", "Phân công thư ký ghi biên bản", "Đăng nghị quyết lên bảng tin"):
        assert f'value="{title}"' in html
    teacher = staff_people["teacher"]
    response = client.post(
        reverse("execution:split", args=[published.pk, row.key]),
        {
            "title": ["Lập lịch họp cả năm học", "Phân công thư ký", "Đăng nghị quyết", "", "Thêm một việc"],
            "keep": ["0", "1", "4"],
            "owner": [str(teacher.pk), "", "", "", str(staff_people["other"].pk)],
        },
    )
    assert response.status_code == 302
    tasks = list(Task.objects.order_by("order"))
    assert [t.title for t in tasks] == ["Lập lịch họp cả năm học", "Phân công thư ký", "Thêm một việc"]
    assert tasks[0].owner == teacher and tasks[2].owner == staff_people["other"]


def test_a_task_outside_the_rows_time_is_refused_and_the_form_keeps_what_was_typed(
    client, published, cast, staff_people
):
    row = rows_of(published)[1]
    login(client, cast, cast.principal)
    response = client.post(
        reverse("execution:task_add", args=[published.pk, row.key]),
        {"title": "Giám sát thi công", "due": "15/02/2026", "owner": str(staff_people["teacher"].pk)},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "sau thời gian của dòng kế hoạch" in html and 'value="Giám sát thi công"' in html
    response = client.post(
        reverse("execution:task_add", args=[published.pk, row.key]), {"title": "X", "due": "31/02/2026"}
    )
    assert response.status_code == 400 and "31/02/2026" in response.content.decode()
    assert not Task.objects.exists()


def test_the_owner_updates_their_task_and_the_row_shows_the_timeline(client, published, cast, staff_people):
    row = rows_of(published)[0]
    task = services.task_create(
        plan=published,
        item_key=row.key,
        title="Lập lịch họp",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )
    login(client, cast, cast.staff)
    response = client.post(
        reverse("execution:task_update", args=[task.pk]),
        {
            "status": "in_progress",
            "progress": "60",
            "text": "Đã gửi lịch họp cho các tổ",
            "on": "",
            "spent_vnd": "1,5 triệu",
            "funding_source": "Ngân sách",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = ProgressUpdate.objects.get()
    assert (update.progress, update.spent_vnd, update.author) == (60, 1_500_000, cast.staff)
    page = client.get(reverse("execution:row", args=[published.pk, row.key])).content.decode()
    assert "Đã gửi lịch họp cho các tổ" in page and "1.500.000 đồng" in page
    # Not the owner, not a helper, not the lead: refused.
    other = services.task_create(plan=published, item_key=row.key, title="Việc khác", actor=cast.principal)
    refused = client.post(
        reverse("execution:task_update", args=[other.pk]), {"status": "done", "progress": "100"}
    )
    assert refused.status_code == 403


def test_bad_update_values_answer_in_vietnamese(client, published, cast):
    row = rows_of(published)[0]
    login(client, cast, cast.principal)
    response = client.post(
        reverse("execution:row_update", args=[published.pk, row.key]),
        {"status": "in_progress", "progress": "abc", "text": "Đã họp", "spent_vnd": "nhiều lắm"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tiến độ phải là một số từ 0 đến 100." in html and "Chưa hiểu số tiền" in html and "Đã họp" in html
    assert not ProgressUpdate.objects.exists()


def test_the_office_sees_the_progress_of_published_plans_only(client, published, cast):
    login(client, cast, cast.specialist)
    assert client.get(reverse("execution:plan", args=[published.pk])).status_code == 200
    draft = make_plan(cast.primary, cast.principal)
    # A plan the specialist may not read answers as a plan that does not exist.
    assert client.get(reverse("execution:plan", args=[draft.pk])).status_code == 404
    login(client, cast, cast.other_principal)
    assert client.get(reverse("execution:plan", args=[published.pk])).status_code == 403


def test_the_public_page_shows_row_statuses_and_nothing_private(client, published, cast, staff_people):
    rows = rows_of(published)
    task = services.task_create(
        plan=published,
        item_key=rows[0].key,
        title="Việc nội bộ bí mật",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )
    services.update_add(
        plan=published,
        item_key=rows[0].key,
        task=task,
        actor=cast.staff,
        status="in_progress",
        progress=30,
        text="Ghi chú nội bộ",
        spent_vnd=900000,
        funding_source="Quỹ riêng",
    )
    html = client.get(reverse("plans:public", args=[published.pk])).content.decode()
    assert 'id="public-execution"' in html and "Đang thực hiện" in html
    for private in ("Việc nội bộ bí mật", "Ghi chú nội bộ", "Hoàng Thị Em", "Quỹ riêng", "900.000"):
        assert private not in html


def test_my_work_lists_overdue_first_and_the_rows_i_lead(client, published, cast, staff_people):
    rows = rows_of(published)
    teacher = staff_people["teacher"]
    today = datetime.date.today()
    later = services.task_create(
        plan=published, item_key=rows[0].key, title="Việc chưa tới hạn", owner=teacher, actor=cast.principal
    )
    Task.objects.filter(pk=later.pk).update(due=today + datetime.timedelta(days=60))
    late = services.task_create(
        plan=published, item_key=rows[2].key, title="Việc đã quá hạn", actor=cast.principal
    )
    late.helpers.add(teacher)
    Task.objects.filter(pk=late.pk).update(due=today - datetime.timedelta(days=2))
    rows[1].lead_people.add(cast.staff)
    login(client, cast, cast.staff)
    html = client.get(reverse("execution:mine")).content.decode()
    assert html.index("Việc đã quá hạn") < html.index("Việc chưa tới hạn")
    assert f'id="my-row-{rows[1].pk}"' in html and "Chủ trì" in html
    assert 'capture="environment"' not in html  # the photo is one tap away, on the task's page
    task_page = client.get(reverse("execution:task", args=[late.pk]) + "?next=mine").content.decode()
    assert (
        'accept="image/*"' in task_page
        and 'capture="environment"' in task_page
        and "Chụp ảnh / chọn tệp…" in task_page
    )


def test_a_member_of_staff_without_a_directory_entry_is_told_what_to_do(client, cast):
    login(client, cast, cast.monitor)
    assert "chưa gắn với tên nào" in client.get(reverse("execution:mine")).content.decode()


def _plan_with(cast, n_rows, tasks_per_row, people):
    plan = make_published(cast, extra_rows(n_rows))
    for n, item in enumerate(plan.items.all()):
        for k in range(tasks_per_row):
            task = services.task_create(
                plan=plan,
                item_key=item.key,
                title=f"Việc {n}.{k}",
                owner=people["teacher"],
                actor=cast.principal,
            )
            task.helpers.add(people["other"])
            services.update_add(
                plan=plan,
                item_key=item.key,
                task=task,
                actor=cast.principal,
                status="in_progress",
                progress=10,
                text="Bắt đầu",
            )
        item.lead_people.add(cast.staff)
    return plan


def _queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["plan", "row", "mine", "api"])
def test_pages_ask_a_constant_number_of_queries(
    client, cast, staff_people, page, django_assert_max_num_queries
):
    client.force_login(cast.staff)

    def url(plan):
        if page == "plan":
            return reverse("execution:plan", args=[plan.pk])
        if page == "row":
            return reverse("execution:row", args=[plan.pk, plan.items.first().key])
        if page == "api":
            return f"/api/plans/{plan.pk}/progress"
        return reverse("execution:mine")  # the second time: both plans, four times the tasks

    small = _plan_with(cast, 2, 1, staff_people)
    first = _queries(client, url(small), django_assert_max_num_queries)
    big = _plan_with(cast, 8, 3, staff_people)
    assert _queries(client, url(big), django_assert_max_num_queries) == first
