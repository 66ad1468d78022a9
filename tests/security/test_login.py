"""Login: lockout after wrong passwords, unlocking, password rules, own password, sessions, audit."""

import datetime
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from caitien.accounts.sessions import KEY as IDLE_KEY
from caitien.audit.models import AuditEvent

LOGIN = "/dang-nhap/"


def _login(client, username, password, address="10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_hundred_wrong_passwords_lock_the_account_until_it_is_unlocked(client, cast):
    for n in range(100):
        response = _login(client, "principal", f"sai-{n}")
        assert response.status_code in (200, 429)
    refused = _login(client, "principal", cast.password)
    assert refused.status_code == 429 and not _logged_in(client)
    page = refused.content.decode()
    assert "Tài khoản tạm bị khóa vì nhập sai mật khẩu quá 5 lần" in page
    assert "liên hệ người quản trị hệ thống" in page
    # The same person from another address is not locked out (locks are per name and address).
    elsewhere = Client()
    assert _login(elsewhere, "principal", cast.password, address="10.0.0.8").status_code == 302
    # The administrator unlocks; then the right password works again.
    call_command("unlock", "principal")
    assert _login(client, "principal", cast.password).status_code == 302 and _logged_in(client)


def test_the_admin_unlocks_from_the_admin_site(client, cast):
    from caitien.accounts.models import LoginLockout

    for n in range(6):
        _login(client, "staff", f"sai-{n}")
    assert _login(client, "staff", cast.password).status_code == 429
    lock = LoginLockout.objects.get(username="staff")
    admin = Client()
    admin.force_login(_superuser())
    listing = admin.get("/quan-tri/accounts/loginlockout/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Tên đăng nhập" in page and "Số lần nhập sai" in page and "staff" in page
    done = admin.post(
        "/quan-tri/accounts/loginlockout/",
        {"action": "unlock", "_selected_action": [lock.pk]},
        follow=True,
    )
    assert "Đã mở khóa" in done.content.decode()
    assert _login(client, "staff", cast.password).status_code == 302


def _superuser():
    from caitien.schools.models import User

    return User.objects.create_superuser("root", "root@example.invalid", "mot-mat-khau-dai-1")


def test_logins_failures_and_lockouts_are_in_the_audit_log(client, cast):
    for n in range(6):
        _login(client, "vice", f"sai-{n}")
    _login(client, "council", cast.password)
    client.post("/dang-xuat/")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_name", "summary"))
    failed = [a for a in actions if a[0] == "login.failed"]
    assert len(failed) >= 5 and failed[0][1] == "vice" and "10.0.0.7" in failed[0][2]
    assert any(a[0] == "login.locked" and a[1] == "vice" for a in actions)
    assert ("login", "Lê Thị Cúc", "Đăng nhập từ 10.0.0.7") in actions
    assert any(a[0] == "logout" for a in actions)


def test_refusals_are_in_the_audit_log(client, cast):
    client.force_login(cast.staff)
    response = client.get("/ke-hoach/moi/")
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="access.refused")
    assert event.actor == cast.staff and "/ke-hoach/moi/" in event.summary


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("principal", "không được trùng với tên đăng nhập"),
        ("Principal", "không được trùng với tên đăng nhập"),
        ("ngan", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự"),
        ("password123", "quá phổ biến"),
        ("0123456789123", "chỉ có chữ số"),
        ("nguyenvanan", "quá giống họ và tên của bạn"),
    ],
)
def test_password_rules_answer_in_vietnamese(cast, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, cast.principal)
    assert any(message in m for m in refused.value.messages), refused.value.messages


def test_a_good_password_passes_the_rules(cast):
    validate_password("mai che san choi khu B", cast.principal)


def test_people_change_their_own_password(client, cast):
    client.force_login(cast.monitor)
    page = client.get("/doi-mat-khau/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đổi mật khẩu" in text and "Mật khẩu hiện tại" in text and "ít nhất 10 ký tự" in text
    wrong = client.post(
        "/doi-mat-khau/",
        {"old_password": "khong-dung", "new_password1": "x", "new_password2": "y"},
    )
    assert wrong.status_code == 400
    assert "Mật khẩu hiện tại không đúng" in wrong.content.decode()
    same_as_name = client.post(
        "/doi-mat-khau/",
        {"old_password": cast.password, "new_password1": "monitor", "new_password2": "monitor"},
    )
    assert same_as_name.status_code == 400
    assert "không được trùng với tên đăng nhập" in same_as_name.content.decode()
    new = "tổ giám sát họp cuối kỳ"
    done = client.post(
        "/doi-mat-khau/", {"old_password": cast.password, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert AuditEvent.objects.filter(action="password.change", actor=cast.monitor).exists()
    fresh = Client()
    assert _login(fresh, "monitor", new).status_code == 302
    assert _login(Client(), "monitor", cast.password, address="10.0.0.9").status_code == 200


def test_password_change_needs_a_login(client):
    response = client.get("/doi-mat-khau/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_a_session_ends_after_the_idle_time(client, cast, settings):
    assert _login(client, "principal", cast.password).status_code == 302
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert abs(left - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)) < datetime.timedelta(minutes=1)
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    # A request pushes the end back (idle time, not time since login), at most every 15 minutes…
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get("/ke-hoach/").status_code == 200
    assert Session.objects.get().expire_date - timezone.now() < datetime.timedelta(minutes=6)
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 16 * 60
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get("/ke-hoach/").status_code == 200
    assert Session.objects.get().expire_date - timezone.now() > datetime.timedelta(hours=7)
    # …and an idle session is over.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/ke-hoach/")
    assert response.status_code in (302, 403) and not _logged_in(client)
