"""The notification centre's pages: the top bar count, the list, opening, settings."""

import pytest

from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Notification, Preference
from caitien.notifications.services import notify


def _some(user, n, **extra):
    for i in range(n):
        notify(user=user, kind=Kind.ROW_COMMENT, subject=f"Góp ý số {i + 1}", url="/ke-hoach/", **extra)


def test_the_top_bar_shows_the_unread_count(client, cast):
    _some(cast.staff, 3)
    client.force_login(cast.staff)
    page = client.get("/thong-bao/").content.decode()
    assert 'id="unread-count"' in page and "3 thông báo chưa đọc" in page
    client.force_login(cast.monitor)
    assert 'id="unread-count"' not in client.get("/thong-bao/").content.decode()


def test_the_list_shows_only_my_notifications(client, cast):
    _some(cast.staff, 2)
    notify(user=cast.monitor, kind=Kind.PLAN_APPROVED, subject="Của người khác")
    client.force_login(cast.staff)
    page = client.get("/thong-bao/").content.decode()
    assert "Góp ý số 1" in page and "Góp ý số 2" in page and "Của người khác" not in page


def test_opening_marks_read_and_goes_to_the_page(client, cast):
    n = notify(user=cast.staff, kind=Kind.ROW_COMMENT, subject="Góp ý", url="/ke-hoach/5/")
    client.force_login(cast.staff)
    answer = client.get(f"/thong-bao/{n.pk}/")
    assert answer.status_code == 302 and answer["Location"] == "/ke-hoach/5/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_an_outside_address_is_never_followed(client, cast):
    n = notify(user=cast.staff, kind=Kind.ROW_COMMENT, subject="Góp ý", url="https://lua-dao.example/")
    client.force_login(cast.staff)
    assert client.get(f"/thong-bao/{n.pk}/")["Location"] == "/thong-bao/"


def test_another_persons_notification_is_not_found(client, cast):
    n = notify(user=cast.monitor, kind=Kind.ROW_COMMENT, subject="Góp ý")
    client.force_login(cast.staff)
    assert client.get(f"/thong-bao/{n.pk}/").status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_anonymous_is_asked_to_log_in(client, cast):
    answer = client.get("/thong-bao/")
    assert answer.status_code == 403 and "Hãy đăng nhập" in answer.content.decode()


def test_mark_all_read(client, cast):
    _some(cast.staff, 4)
    client.force_login(cast.staff)
    client.post("/thong-bao/da-doc/")
    assert not Notification.objects.filter(user=cast.staff, read_at__isnull=True).exists()


def test_settings_save_choices_and_address(client, cast):
    client.force_login(cast.staff)
    page = client.get("/thong-bao/cai-dat/").content.decode()
    assert "Gộp vào một e-mail mỗi ngày" in page and "novalidate" in page
    answer = client.post(
        "/thong-bao/cai-dat/",
        {
            "email": "em@truong.edu.vn",
            f"kind-{Kind.ROW_COMMENT}": Delivery.IMMEDIATE,
            f"kind-{Kind.TASK_OVERDUE}": "off",
        },
    )
    assert answer.status_code == 302
    assert dict(Preference.objects.filter(user=cast.staff).values_list("kind", "delivery")) == {
        "row_comment": "immediate",
        "task_overdue": "off",
    }
    cast.staff.refresh_from_db()
    assert cast.staff.email == "em@truong.edu.vn"


def test_settings_with_a_wrong_address_explain_and_keep_what_was_typed(client, cast):
    client.force_login(cast.staff)
    answer = client.post(
        "/thong-bao/cai-dat/", {"email": "em ở trường", f"kind-{Kind.ROW_COMMENT}": "immediate"}
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and "Địa chỉ e-mail chưa đúng" in page and "em ở trường" in page
    assert not Preference.objects.exists()


def test_a_forged_choice_is_refused_with_a_message(client, cast):
    client.force_login(cast.staff)
    answer = client.post("/thong-bao/cai-dat/", {"email": "", f"kind-{Kind.ROW_COMMENT}": "every-minute"})
    assert answer.status_code == 400 and "không hợp lệ" in answer.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_a_constant_number_of_queries(client, cast, size, django_assert_max_num_queries):
    _some(cast.staff, size)
    client.force_login(cast.staff)
    client.get("/thong-bao/")
    with django_assert_max_num_queries(8):
        assert client.get("/thong-bao/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/thong-bao/cai-dat/").status_code == 200


def test_paging_stops_at_the_end(client, cast):
    _some(cast.staff, 35)
    client.force_login(cast.staff)
    first = client.get("/thong-bao/").content.decode()
    assert "Trang sau" in first and first.count('<li class="notification') == 30
    second = client.get("/thong-bao/?trang=2").content.decode()
    assert "Trang sau" not in second and second.count('<li class="notification') == 5
    assert client.get("/thong-bao/?trang=99999999999").status_code == 200
