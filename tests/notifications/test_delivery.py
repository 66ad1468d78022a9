"""Sending: at once or in one daily digest, claimed before sending; unsubscribe links that work."""

import datetime
import re

import pytest

from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Mailbox, Notification
from caitien.notifications.services import notify
from caitien.notifications.tasks import deliver_pending, send_digest, send_notification_email
from tests.notifications.helpers import choose, with_email

DAY = datetime.date(2026, 1, 20)


@pytest.fixture
def staff(cast):
    return with_email(cast.staff)


def _links(message):
    return re.findall(r"https?://\S+", message.body)


def test_an_immediate_choice_sends_one_email_with_the_page_and_unsubscribe_links(staff, mailoutbox, settings):
    settings.CAITIEN_SITE_URL = "https://caitien.truong.edu.vn"
    choose(staff, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    n = notify(
        user=staff,
        kind=Kind.ROW_COMMENT,
        subject="Góp ý vào dòng 3",
        body="Cần ghi rõ chỉ số.",
        url="/ke-hoach/7/",
    )
    result = deliver_pending(today=DAY)
    assert result.immediate == 1 and result.digests == 0
    [mail] = mailoutbox
    assert mail.to == ["staff@truong.edu.vn"]
    assert mail.subject == "[Cải Tiến] Góp ý vào dòng 3"
    assert "Chào Hoàng Thị Em" in mail.body and "Cần ghi rõ chỉ số." in mail.body
    assert "https://caitien.truong.edu.vn/ke-hoach/7/" in _links(mail)
    unsubscribe = mail.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in _links(mail) and unsubscribe.startswith(
        "https://caitien.truong.edu.vn/thong-bao/ngung-nhan/"
    )
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = mail.alternatives[0][0]
    assert 'href="https://caitien.truong.edu.vn/ke-hoach/7/"' in html
    n.refresh_from_db()
    assert n.email == Notification.Email.SENT and n.emailed_at is not None
    assert deliver_pending(today=DAY).immediate == 0 and len(mailoutbox) == 1


def test_the_digest_gathers_the_day_in_one_email_at_most_once_a_day(staff, mailoutbox):
    notify(user=staff, kind=Kind.TASK_DUE_SOON, subject="Việc A còn 7 ngày", url="/viec/1/")
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Việc B quá hạn", url="/viec/2/")
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Việc C quá hạn")
    result = deliver_pending(today=DAY)
    assert (result.digests, result.in_digests, result.immediate) == (1, 3, 0)
    [mail] = mailoutbox
    assert mail.subject == "[Cải Tiến] Tổng hợp thông báo ngày 20/01/2026: 3 việc cần biết"
    for words in ("Việc A còn 7 ngày", "Việc B quá hạn", "Việc C quá hạn", "Việc đã quá hạn"):
        assert words in mail.body
    assert "List-Unsubscribe" in mail.extra_headers
    # Something new the same day waits for tomorrow's digest.
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Việc D quá hạn")
    assert deliver_pending(today=DAY).digests == 0 and len(mailoutbox) == 1
    assert Mailbox.objects.get(user=staff).last_digest_on == DAY
    tomorrow = deliver_pending(today=DAY + datetime.timedelta(days=1))
    assert (tomorrow.digests, tomorrow.in_digests) == (1, 1)
    assert "Việc D quá hạn" in mailoutbox[1].body and "Việc A" not in mailoutbox[1].body


def test_off_and_no_address_send_nothing_but_the_centre_keeps_them(cast, staff, mailoutbox):
    choose(staff, Kind.PLAN_APPROVED, Delivery.OFF)
    notify(user=staff, kind=Kind.PLAN_APPROVED, subject="Kế hoạch đã công khai")
    notify(user=cast.monitor, kind=Kind.PLAN_APPROVED, subject="Kế hoạch đã công khai")  # no address
    result = deliver_pending(today=DAY)
    assert (result.skipped, result.digests, result.immediate) == (2, 0, 0)
    assert mailoutbox == []
    assert Notification.objects.filter(email=Notification.Email.SKIPPED).count() == 2


def test_a_row_claimed_by_another_run_is_not_sent_again(staff, mailoutbox):
    choose(staff, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    n = notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý")
    Notification.objects.filter(pk=n.pk).update(email=Notification.Email.CLAIMED, claim="other-run")
    assert send_notification_email(n.pk) is False
    assert mailoutbox == []


def test_a_digest_day_claimed_by_another_run_is_not_sent_again(staff, mailoutbox):
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn")
    Mailbox.objects.create(user=staff, last_digest_on=DAY)  # the other run claimed today first
    assert send_digest(staff.pk, DAY) == 0
    assert mailoutbox == []


class _Broken:
    def send_messages(self, messages):
        raise OSError("máy chủ thư không trả lời")


def test_a_failed_send_goes_back_to_pending_and_is_retried(staff, mailoutbox):
    choose(staff, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    n = notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý")
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn")
    result = deliver_pending(today=DAY, connection=_Broken())
    assert result.immediate == 0 and result.digests == 0 and result.failed == 2
    n.refresh_from_db()
    assert n.email == Notification.Email.PENDING and "không trả lời" in n.email_error
    # The digest day was given back, so the retry sends today's digest.
    retry = deliver_pending(today=DAY)
    assert (retry.immediate, retry.digests) == (1, 1) and len(mailoutbox) == 2


def test_dry_run_counts_without_sending(staff, mailoutbox):
    choose(staff, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý")
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn")
    result = deliver_pending(today=DAY, dry_run=True)
    assert (result.immediate, result.digests, result.in_digests) == (1, 1, 1)
    assert mailoutbox == [] and not Mailbox.objects.exists()
    assert set(Notification.objects.values_list("email", flat=True)) == {"pending"}


def test_the_digest_unsubscribe_link_works_in_one_click(client, staff, mailoutbox):
    """Follow the link from a real digest: the page asks once, one click stops every e-mail, and the
    next day's notifications stay in the centre without an e-mail."""
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Việc B quá hạn")
    deliver_pending(today=DAY)
    [mail] = mailoutbox
    link = next(u for u in _links(mail) if "/ngung-nhan/" in u)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    assert "Ngừng nhận e-mail" in page.content.decode()
    assert not staff.notification_preferences.exists()  # opening the link changes nothing
    done = client.post("/" + path)
    assert done.status_code == 200 and "Đã xong" in done.content.decode()
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Việc E quá hạn")
    later = deliver_pending(today=DAY + datetime.timedelta(days=1))
    assert (later.digests, later.skipped) == (0, 1) and len(mailoutbox) == 1
    assert staff.notifications.count() == 2


def test_mail_programs_unsubscribe_with_a_one_click_post(client, staff, mailoutbox):
    """RFC 8058: the mail program POSTs List-Unsubscribe=One-Click, with no session and no CSRF token."""
    from django.test import Client

    choose(staff, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý")
    deliver_pending(today=DAY)
    url = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    assert set(staff.notification_preferences.values_list("delivery", flat=True)) == {"off"}


def test_a_tampered_or_expired_link_explains_what_to_do(client, staff, settings):
    from django.core import signing

    from caitien.notifications import mail

    token = mail.unsubscribe_token(staff)
    bad = client.post(f"/thong-bao/ngung-nhan/{token[:-3]}xyz/")
    assert bad.status_code == 400 and "không đúng" in bad.content.decode()
    old = signing.TimestampSigner(salt=mail.UNSUBSCRIBE_SALT)
    stamp = old.timestamp
    old.timestamp = lambda: signing.b62_encode(int(signing.b62_decode(stamp())) - 500 * 86400)
    expired = old.sign_object({"u": staff.pk, "k": ""})
    answer = client.get(f"/thong-bao/ngung-nhan/{expired}/")
    assert answer.status_code == 410 and "quá hạn" in answer.content.decode()
    assert not staff.notification_preferences.exists()
