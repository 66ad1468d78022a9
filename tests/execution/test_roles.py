"""Who does what on the pages: the row's lead, the monitoring team, a teacher who is neither."""

import datetime
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caitien.execution import services
from caitien.execution.models import ProgressUpdate, Task
from tests.execution.conftest import rows_of


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_the_rows_lead_updates_the_row_and_adds_tasks_but_does_not_split(client, published, cast):
    row = rows_of(published)[2]
    row.lead_people.add(cast.council)
    client.force_login(cast.council)
    page = client.get(reverse("execution:row", args=[published.pk, row.key])).content.decode()
    assert 'id="row-update-form"' in page and 'id="task-form"' in page and 'id="split-link"' not in page
    assert client.get(reverse("execution:split", args=[published.pk, row.key])).status_code == 403
    response = client.post(
        reverse("execution:task_add", args=[published.pk, row.key]),
        {"title": "Dự giờ tổ 4-5", "due": "15/03/2026"},
    )
    assert response.status_code == 302 and Task.objects.get().due == datetime.date(2026, 3, 15)
    response = client.post(
        reverse("execution:row_update", args=[published.pk, row.key]),
        {"status": "in_progress", "progress": "30", "text": "Đã dự giờ 12 tiết", "on": "20/11/2025"},
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().on == datetime.date(2025, 11, 20)


def test_a_teacher_who_does_not_lead_the_row_reads_it_but_cannot_update_it(client, published, cast):
    row = rows_of(published)[0]
    client.force_login(cast.staff)
    page = client.get(reverse("execution:row", args=[published.pk, row.key])).content.decode()
    assert 'id="row-update-form"' not in page and 'id="task-form"' not in page
    refused = client.post(
        reverse("execution:row_update", args=[published.pk, row.key]), {"status": "done", "progress": "100"}
    )
    assert refused.status_code == 403 and "người chủ trì" in refused.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_monitoring_team_comments_on_a_rows_progress(client, published, cast):
    row = rows_of(published)[1]
    client.force_login(cast.monitor)
    response = client.post(
        reverse("execution:comment", args=[published.pk, row.key]),
        {"text": "Đề nghị bổ sung ảnh nghiệm thu."},
    )
    assert response.status_code == 302
    page = client.get(reverse("execution:row", args=[published.pk, row.key])).content.decode()
    assert "Đề nghị bổ sung ảnh nghiệm thu." in page
    assert published.comments.get().item_key == row.key


def test_a_photo_becomes_a_register_item_linked_to_the_row(client, published, cast, staff_people):
    row = rows_of(published)[0]
    task = services.task_create(
        plan=published,
        item_key=row.key,
        title="Lập lịch họp",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )
    client.force_login(cast.staff)
    response = client.post(
        reverse("execution:task_update", args=[task.pk]),
        {
            "status": "done",
            "progress": "100",
            "text": "Đã ban hành lịch họp",
            "photo": SimpleUploadedFile("lich.png", _png(), "image/png"),
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    item = update.evidence.get()
    assert item.code.startswith("[H1-1.3-") and item.files.get().content_type == "image/png"
    from caitien.evidence.selectors import codes_by_row

    assert codes_by_row(published)[row.key] == [item.code]


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(
    client, published, cast, staff_people
):
    row = rows_of(published)[0]
    task = services.task_create(
        plan=published,
        item_key=row.key,
        title="Lập lịch họp",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )
    client.force_login(cast.staff)
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not a picture at all" * 50, "image/png")
    response = client.post(
        reverse("execution:task_update", args=[task.pk]),
        {"status": "in_progress", "progress": "20", "text": "Ảnh lớp học", "photo": fake},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="msg msg-error"' in html and "Ảnh lớp học" in html  # what was typed is kept
    assert not ProgressUpdate.objects.exists()
    task.refresh_from_db()
    assert task.status == "not_started"


def test_the_api_takes_a_photo_as_multipart(client, published, cast, staff_people):
    from caitien.tokens.services import token_create

    row = rows_of(published)[0]
    task = services.task_create(
        plan=published,
        item_key=row.key,
        title="Lập lịch họp",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )
    _, raw = token_create(user=cast.staff, name="Ứng dụng")
    response = client.post(
        f"/api/tasks/{task.pk}/updates",
        {
            "status": "in_progress",
            "progress": "70",
            "text": "Ảnh buổi họp",
            "files": SimpleUploadedFile("hop.png", _png(), "image/png"),
        },
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201, response.content
    data = json.loads(response.content)
    assert len(data["evidence"]) == 1 and data["task"]["progress"] == 70


def test_due_soon_and_overdue_badges(client, published, cast, staff_people):
    row = rows_of(published)[0]
    today = datetime.date.today()
    soon = services.task_create(
        plan=published, item_key=row.key, title="Việc sắp đến hạn", actor=cast.principal
    )
    late = services.task_create(plan=published, item_key=row.key, title="Việc quá hạn", actor=cast.principal)
    Task.objects.filter(pk=soon.pk).update(due=today + datetime.timedelta(days=10))
    Task.objects.filter(pk=late.pk).update(due=today - datetime.timedelta(days=1))
    client.force_login(cast.principal)
    page = client.get(reverse("execution:row", args=[published.pk, row.key])).content.decode()
    soon_row = page.split(f'id="task-{soon.pk}"')[1].split("</tr>")[0]
    late_row = page.split(f'id="task-{late.pk}"')[1].split("</tr>")[0]
    assert "Sắp đến hạn" in soon_row and "Quá hạn" not in soon_row
    assert "Quá hạn" in late_row


def test_the_principal_edits_and_deletes_a_task(client, published, cast, staff_people):
    row = rows_of(published)[1]  # 10/2025 - 12/2025
    task = services.task_create(plan=published, item_key=row.key, title="Khảo sát", actor=cast.principal)
    client.force_login(cast.principal)
    url = reverse("execution:task_edit", args=[task.pk])
    refused = client.post(url, {"title": "Khảo sát hiện trạng", "due": "10/01/2026"})
    assert refused.status_code == 400 and "sau thời gian của dòng kế hoạch" in refused.content.decode()
    values = {"title": "Khảo sát hiện trạng", "due": "20/12/2025", "owner": str(staff_people["teacher"].pk)}
    values["helpers"] = [str(staff_people["other"].pk)]
    assert client.post(url, values).status_code == 302
    task.refresh_from_db()
    assert (task.title, task.due, task.owner) == (
        "Khảo sát hiện trạng",
        datetime.date(2025, 12, 20),
        staff_people["teacher"],
    )
    assert list(task.helpers.all()) == [staff_people["other"]]
    client.force_login(cast.staff)  # the owner updates the task but does not delete it
    assert client.post(reverse("execution:task_delete", args=[task.pk])).status_code == 403
    client.force_login(cast.principal)
    assert client.post(reverse("execution:task_delete", args=[task.pk])).status_code == 302
    assert not Task.objects.exists()
