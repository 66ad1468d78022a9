import datetime
import json

from django.urls import reverse

from caitien.execution import services
from caitien.execution.models import ProgressUpdate
from caitien.tokens.models import AccessToken
from caitien.tokens.services import token_create, token_revoke
from tests.execution.conftest import rows_of


def _task(published, cast, staff_people):
    row = rows_of(published)[0]
    return services.task_create(
        plan=published,
        item_key=row.key,
        title="Lập lịch họp",
        owner=staff_people["teacher"],
        actor=cast.principal,
    )


def test_progress_api_answers_the_same_json_as_the_selector(client, published, cast, staff_people):
    from caitien.execution.selectors import plan_progress

    _task(published, cast, staff_people)
    client.force_login(cast.specialist)
    response = client.get(f"/api/plans/{published.pk}/progress?as_of=2025-11-20")
    assert response.status_code == 200
    assert response.json() == plan_progress(published, datetime.date(2025, 11, 20))


def test_progress_api_refuses_in_vietnamese(client, published, cast):
    assert "Hãy đăng nhập" in client.get(f"/api/plans/{published.pk}/progress").json()["detail"]
    client.force_login(cast.other_principal)
    assert client.get(f"/api/plans/{published.pk}/progress").status_code == 403
    client.force_login(cast.principal)
    bad = client.get(f"/api/plans/{published.pk}/progress?as_of=31/01/2026")
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.json()["detail"]
    assert "Không có kế hoạch" in client.get("/api/plans/999999/progress").json()["detail"]


def test_a_token_is_shown_once_stored_hashed_and_revoked(client, cast):
    client.force_login(cast.staff)
    page = client.post(reverse("tokens:list"), {"name": "Phần mềm của trường"})
    html = page.content.decode()
    token = AccessToken.objects.get()
    raw = html.split('id="token-value">')[1].split("<")[0]
    assert raw.startswith("ct_") and len(raw) > 40
    assert (
        raw not in (token.digest, token.prefix)
        and token.digest == __import__("hashlib").sha256(raw.encode()).hexdigest()
    )
    again = client.get(reverse("tokens:list")).content.decode()
    assert raw not in again and token.prefix in again
    empty = client.post(reverse("tokens:list"), {"name": "  "})
    assert empty.status_code == 400 and "Hãy đặt tên gợi nhớ" in empty.content.decode()
    client.post(reverse("tokens:revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.force_login(cast.principal)  # somebody else's token: not found
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404


def test_post_task_update_with_a_bearer_token(client, published, cast, staff_people):
    task = _task(published, cast, staff_people)
    _, raw = token_create(user=cast.staff, name="Ứng dụng")
    url = f"/api/tasks/{task.pk}/updates"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    body = {
        "status": "in_progress",
        "progress": 40,
        "text": "Đã gửi lịch",
        "spent_vnd": 250000,
        "funding_source": "Ngân sách",
    }
    response = client.post(url, json.dumps(body), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["task"] == {"id": task.pk, "status": "in_progress", "progress": 40, "done_on": None}
    assert data["row"] == {"status": "in_progress", "progress": 40}
    update = ProgressUpdate.objects.get()
    assert (update.author, update.spent_vnd) == (cast.staff, 250000)
    # Same rules as the page.
    bad = client.post(
        url, json.dumps({"status": "not_done", "progress": 0}), content_type="application/json", **headers
    )
    assert bad.status_code == 422 and "lý do" in bad.json()["detail"]
    broken = client.post(url, "{không phải json", content_type="application/json", **headers)
    assert broken.status_code == 400 and "JSON" in broken.json()["detail"]
    unknown = client.post(
        url,
        json.dumps({"status": "done", "progress": 100, "evidence": ["H9-9.9-99"]}),
        content_type="application/json",
        **headers,
    )
    assert unknown.status_code == 422 and "H9-9.9-99" in unknown.json()["detail"]
    assert ProgressUpdate.objects.count() == 1


def test_post_task_update_refuses_without_a_valid_token_or_the_right(client, published, cast, staff_people):
    task = _task(published, cast, staff_people)
    url = f"/api/tasks/{task.pk}/updates"
    body = json.dumps({"status": "done", "progress": 100})
    assert client.post(url, body, content_type="application/json").status_code == 401
    assert (
        client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION="Bearer ct_sai"
        ).status_code
        == 401
    )
    token, raw = token_create(user=cast.staff, name="Cũ")
    token_revoke(token=token, actor=cast.staff)
    assert (
        client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        ).status_code
        == 401
    )
    _, other = token_create(user=cast.monitor, name="Tổ giám sát")  # reads everything, updates nothing
    refused = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {other}")
    assert refused.status_code == 403 and "Chỉ người thực hiện" in refused.json()["detail"]
    assert (
        client.post(
            "/api/tasks/999999/updates",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {other}",
        ).status_code
        == 404
    )
    assert not ProgressUpdate.objects.exists()
