"""`remind()` sends nothing itself: each e-mail is a background job, enqueued once the pass commits,
run by the worker (here `run_jobs()`), retried a limited number of times when the mail server
refuses it, and never enqueued twice while one for the same message waits."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from caitien.jobs.testing import jobs_waiting, run_jobs
from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Mailbox, Notification
from caitien.notifications.reminders import remind
from caitien.notifications.services import notify
from tests.jobs.conftest import free_port
from tests.notifications.helpers import choose, with_email

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 1, 20)


@pytest.fixture
def people(cast):
    staff, teacher = with_email(cast.staff), with_email(cast.vice)
    choose(staff, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
    notify(user=staff, kind=Kind.TASK_OVERDUE, subject="Việc A quá hạn", key="task-overdue:a")
    notify(user=staff, kind=Kind.TASK_DUE_SOON, subject="Việc B sắp đến hạn", key="task-due:b")
    notify(user=teacher, kind=Kind.TASK_OVERDUE, subject="Việc C quá hạn", key="task-overdue:c")
    return staff, teacher


def test_the_pass_enqueues_one_job_per_email_and_the_worker_sends_them(people, mailoutbox):
    staff, teacher = people
    result = remind(today=DAY)
    assert result["emails"] == {"immediate": 0, "digests": 2, "in_digests": 3, "skipped": 0, "failed": 0}
    assert mailoutbox == []
    assert jobs_waiting() == 2
    assert run_jobs() == 2
    assert sorted(m.to[0] for m in mailoutbox) == [staff.email, teacher.email]
    digest = next(m for m in mailoutbox if m.to == [staff.email])
    assert digest.subject.endswith("2 việc cần biết")
    assert set(Notification.objects.values_list("email", flat=True)) == {Notification.Email.SENT}
    again = remind(today=DAY)
    assert again["emails"]["digests"] == 0 and run_jobs() == 0 and len(mailoutbox) == 2


def test_a_waiting_job_is_not_enqueued_again(people, mailoutbox):
    remind(today=DAY)
    assert jobs_waiting() == 2  # the first pass committed (its enqueues ran)
    remind(today=DAY)
    assert jobs_waiting() == 2
    # A job that did run twice still sends once: the day is claimed before sending.
    staff, _teacher = people
    from caitien.notifications.tasks import email_digest

    email_digest.enqueue(staff.pk, DAY.isoformat())
    assert run_jobs() == 3 and len(mailoutbox) == 2


def test_an_immediate_email_whose_job_gave_up_is_enqueued_by_the_next_pass(people, mailoutbox, settings):
    staff, _teacher = people
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    n = notify(user=staff, kind=Kind.ROW_COMMENT, subject="Góp ý vào dòng 2")
    assert run_jobs(include_delayed=True) == 3
    n.refresh_from_db()
    assert n.email == Notification.Email.PENDING and n.email_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = remind(today=DAY)
    assert result["emails"]["immediate"] == 1 and result["emails"]["failed"] == 1
    run_jobs()
    n.refresh_from_db()
    assert n.email == Notification.Email.SENT and n.email_error == ""
    assert any(m.subject == "[Cải Tiến] Góp ý vào dòng 2" for m in mailoutbox)


def test_a_refused_digest_is_tried_three_times_then_waits_with_its_reason(people, settings, mailoutbox):
    staff, _teacher = people
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    remind(today=DAY)
    assert run_jobs(include_delayed=True) == 6  # two digests, each run three times
    statuses = list(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses.count("FAILED") == 6
    waiting = Notification.objects.get(user=staff, key="task-overdue:a")
    assert waiting.email == Notification.Email.PENDING
    assert waiting.email_error.startswith("Chưa gửi được e-mail tổng hợp sau 3 lần thử")
    assert Mailbox.objects.get(user=staff).last_digest_on in (None, DAY - datetime.timedelta(days=1))
    # The day was given back: the next pass, with a working server, sends today's digest.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind(today=DAY)["emails"]["failed"] == 3
    run_jobs()
    assert len(mailoutbox) == 2


def test_dry_run_enqueues_nothing(people, mailoutbox):
    result = remind(today=DAY, dry_run=True)
    assert result["emails"]["digests"] == 2
    assert jobs_waiting() == 0 and mailoutbox == []
