"""An e-mail wanted at once goes out from a background job after the change commits, never inside
the request; a mail server that refuses it gets it again, a limited number of times."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from caitien.jobs.testing import run_jobs
from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Notification
from caitien.notifications.services import notify
from tests.jobs.conftest import free_port
from tests.notifications.helpers import choose, with_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(cast):
    person = with_email(cast.staff)
    choose(person, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    return person


def test_the_email_waits_for_the_commit_and_goes_out_from_a_job(staff, mailoutbox):
    with transaction.atomic():
        n = notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý vào dòng 3", url="/ke-hoach/7/")
        assert not DBTaskResult.objects.exists()
    assert mailoutbox == []  # nothing sent by the caller
    assert run_jobs() == 1
    [mail] = mailoutbox
    assert mail.subject == "[Cải Tiến] Góp ý vào dòng 3"
    n.refresh_from_db()
    assert n.email == Notification.Email.SENT
    assert run_jobs() == 0 and len(mailoutbox) == 1


def test_a_digest_choice_enqueues_nothing(cast, mailoutbox):
    notify(user=with_email(cast.staff), kind=Kind.TASK_OVERDUE, subject="Việc B quá hạn")
    assert run_jobs() == 0 and mailoutbox == []


def test_a_refusing_mail_server_is_tried_again_then_the_message_waits(staff, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    n = notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý vào dòng 4")
    assert run_jobs(include_delayed=True) == 3  # the first run and two retries
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"FAILED"}
    n.refresh_from_db()
    assert n.email == Notification.Email.PENDING  # the daily pass sends it later
    assert n.email_error.startswith("Chưa gửi được e-mail sau 3 lần thử")
