"""Sending notification e-mails: the background jobs, and what `caitien remind` enqueues.

Every send first claims its rows with a conditional UPDATE (pending → claimed, or the person's
digest day moved to today), the way healthchecks' `sendreports` does: of two runs racing for the
same row only one UPDATE changes it, so only one sends. A claimed message that fails to send goes
back to pending for the next pass; a run that dies between claiming and sending loses that one
message rather than ever sending it twice.
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from caitien.jobs.framework import job
from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.mail import build_message, site_url
from caitien.notifications.models import Mailbox, Notification, Preference


@dataclass
class DeliveryResult:
    immediate: int = 0  # e-mails with one notification
    digests: int = 0  # daily digest e-mails
    in_digests: int = 0  # notifications inside them
    skipped: int = 0  # no e-mail wanted, or no address
    failed: int = 0  # e-mails that could not be sent this pass (their rows wait for the next)

    def as_dict(self) -> dict:
        return {
            "immediate": self.immediate,
            "digests": self.digests,
            "in_digests": self.in_digests,
            "skipped": self.skipped,
            "failed": self.failed,
        }


def _choices(user_ids) -> dict[tuple[int, str], str]:
    rows = Preference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "kind", "delivery")
    return {(u, k): d for u, k, d in rows}


def _delivery(choices, notification) -> str:
    return choices.get((notification.user_id, notification.kind), Delivery.DIGEST)


def send_notification_email(notification_id: int, *, connection=None) -> bool:
    """The job for one notification its person wants at once. True when this call sent it."""
    n = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if n is None or n.email != Notification.Email.PENDING:
        return False
    if not n.user.email or _delivery(_choices([n.user_id]), n) != Delivery.IMMEDIATE:
        return False
    token = secrets.token_hex(8)
    claimed = Notification.objects.filter(pk=n.pk, email=Notification.Email.PENDING).update(
        email=Notification.Email.CLAIMED, claim=token
    )
    if claimed != 1:
        return False  # another run has it
    message = build_message(
        user=n.user,
        subject=n.subject,
        template="single",
        context={"notification": n, "page_url": site_url(n.url) if n.url else "", "kind": Kind(n.kind).label},
    )
    return _send(message, Notification.objects.filter(claim=token), connection)


class EmailNotSent(Exception):
    """The mail server did not take the message; the job is tried again."""


EMAIL_ATTEMPTS = 3


def _gave_up_text(what: str, error) -> str:
    """What the notification says after the last try, for the person and for the admin."""
    return (
        f"Chưa gửi được {what} sau {EMAIL_ATTEMPTS} lần thử ({error}). Thông báo vẫn ở trong hộp "
        "thông báo; lượt nhắc việc hằng ngày (caitien remind) sẽ gửi lại."
    )[:300]


def _email_gave_up(error, notification_id, **kwargs) -> None:
    Notification.objects.filter(pk=notification_id, email=Notification.Email.PENDING).update(
        email_error=_gave_up_text("e-mail", error)
    )


@job(max_attempts=EMAIL_ATTEMPTS, backoff=datetime.timedelta(minutes=5), on_give_up=_email_gave_up)
def email_notification(notification_id: int) -> bool:
    """The background job `notify` enqueues for a notification its person wants by e-mail at once.
    A message the mail server refused is tried again (the claim logic above keeps it from ever going
    twice); after the last try it waits, pending, for the next `caitien remind` pass."""
    if send_notification_email(notification_id):
        return True
    failed = Notification.objects.filter(pk=notification_id, email=Notification.Email.PENDING).exclude(
        email_error=""
    )
    error = failed.values_list("email_error", flat=True).first()
    if error:
        raise EmailNotSent(error)
    return False  # nothing to send: read, switched off, or sent by another run


def send_digest(user_id: int, day: datetime.date, *, connection=None) -> int | None:
    """The day's digest for one person: every pending notification they take as a digest, in one
    e-mail, at most once per day. Returns how many notifications it carried: 0 when there was
    nothing to send (or today's digest is gone already), None when sending failed."""
    from caitien.schools.models import User

    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    choices = _choices([user_id])
    pending = [
        n
        for n in Notification.objects.filter(user_id=user_id, email=Notification.Email.PENDING)
        if _delivery(choices, n) == Delivery.DIGEST
    ]
    if not pending:
        return 0
    Mailbox.objects.get_or_create(user_id=user_id)
    previous = Mailbox.objects.filter(pk=user_id).values_list("last_digest_on", flat=True).first()
    claimed_day = (
        Mailbox.objects.filter(pk=user_id)
        .filter(Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=day))
        .update(last_digest_on=day)
    )
    if claimed_day != 1:
        return 0  # today's digest went out already (or another run is sending it)
    token = secrets.token_hex(8)
    Notification.objects.filter(pk__in=[n.pk for n in pending], email=Notification.Email.PENDING).update(
        email=Notification.Email.CLAIMED, claim=token
    )
    mine = list(Notification.objects.filter(claim=token).order_by("kind", "created_at", "id"))
    if not mine:
        Mailbox.objects.filter(pk=user_id, last_digest_on=day).update(last_digest_on=previous)
        return 0
    groups = defaultdict(list)
    for n in mine:
        n.page_url = site_url(n.url) if n.url else ""
        groups[Kind(n.kind).label].append(n)
    message = build_message(
        user=user,
        subject=f"Tổng hợp thông báo ngày {day:%d/%m/%Y}: {len(mine)} việc cần biết",
        template="digest",
        context={"day": day, "groups": sorted(groups.items()), "count": len(mine)},
    )
    if not _send(message, Notification.objects.filter(claim=token), connection):
        Mailbox.objects.filter(pk=user_id, last_digest_on=day).update(last_digest_on=previous)
        return None
    return len(mine)


def _send(message, claimed, connection) -> bool:
    try:
        sent = message.send() if connection is None else connection.send_messages([message])
    except Exception as exc:  # the SMTP server, the folder: whatever fails, the rows go back
        claimed.update(
            email=Notification.Email.PENDING, claim="", email_error=f"{type(exc).__name__}: {exc}"[:300]
        )
        return False
    if not sent:
        claimed.update(email=Notification.Email.PENDING, claim="", email_error="Máy chủ thư không nhận.")
        return False
    claimed.update(email=Notification.Email.SENT, emailed_at=timezone.now(), email_error="")
    return True


def _digest_gave_up(error, user_id, day, **kwargs) -> None:
    Notification.objects.filter(user_id=user_id, email=Notification.Email.PENDING).update(
        email_error=_gave_up_text("e-mail tổng hợp", error)
    )


@job(max_attempts=EMAIL_ATTEMPTS, backoff=datetime.timedelta(minutes=5), on_give_up=_digest_gave_up)
def email_digest(user_id: int, day: str) -> int:
    """The background job `caitien remind` enqueues for each person's daily digest (`day` in ISO form).
    The day is claimed before sending (`send_digest`), so a second job for the same person and day —
    two passes, two workers — sends nothing; a refused message gives the day back and is tried again."""
    carried = send_digest(user_id, datetime.date.fromisoformat(day))
    if carried is None:
        error = (
            Notification.objects.filter(user_id=user_id, email=Notification.Email.PENDING)
            .exclude(email_error="")
            .values_list("email_error", flat=True)
            .first()
        )
        raise EmailNotSent(error or "Máy chủ thư không nhận.")
    return carried


def _waiting_jobs(the_task) -> set[tuple]:
    """The arguments of the jobs of `the_task` not yet run (ready, or waiting for a retry)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=the_task.module_path, status=TaskResultStatus.READY
    ).values_list("args_kwargs", flat=True)
    return {tuple(row.get("args", [])) for row in rows}


def _sort_pending(today: datetime.date):
    """The pending e-mails sorted by what their person chose: the notifications to skip (e-mail off, no
    address, inactive account), those to send at once, each person's digest rows, and the people whose
    digest for `today` has already gone."""
    pending = list(
        Notification.objects.filter(email=Notification.Email.PENDING)
        .select_related("user")
        .order_by("created_at", "id")
    )
    choices = _choices({n.user_id for n in pending})
    skip, immediate, digests = [], [], defaultdict(list)
    for n in pending:
        delivery = _delivery(choices, n)
        if delivery == Delivery.OFF or not n.user.email or not n.user.is_active:
            skip.append(n.pk)
        elif delivery == Delivery.IMMEDIATE:
            immediate.append(n)
        else:
            digests[n.user_id].append(n)
    sent_today = set(
        Mailbox.objects.filter(user_id__in=list(digests), last_digest_on__gte=today).values_list(
            "user_id", flat=True
        )
    )
    return skip, immediate, digests, sent_today


def _skip(skip: list[int]) -> int:
    return Notification.objects.filter(pk__in=skip, email=Notification.Email.PENDING).update(
        email=Notification.Email.SKIPPED
    )


def queue_pending(*, today: datetime.date | None = None, dry_run: bool = False) -> DeliveryResult:
    """What `caitien remind` does with pending e-mails: one background job per e-mail — each
    notification its person wants at once, each person's digest for today — enqueued when the
    caller's transaction commits, sent by `caitien worker` with the jobs' retries. A job already
    waiting for the same message is not enqueued again. `failed` counts the notifications whose
    earlier sending gave up and that are now tried again."""
    from caitien.jobs.framework import enqueue_on_commit

    today = today or timezone.localdate()
    result = DeliveryResult()
    skip, immediate, digests, sent_today = _sort_pending(today)
    digests = {user_id: rows for user_id, rows in digests.items() if user_id not in sent_today}
    result.immediate, result.digests = len(immediate), len(digests)
    result.in_digests = sum(len(rows) for rows in digests.values())
    result.failed = sum(1 for n in immediate if n.email_error) + sum(
        1 for rows in digests.values() for n in rows if n.email_error
    )
    if dry_run:
        result.skipped = len(skip)
        return result
    result.skipped = _skip(skip)
    waiting = _waiting_jobs(email_notification)
    for n in immediate:
        if (n.pk,) not in waiting:
            enqueue_on_commit(email_notification, n.pk)
    waiting = _waiting_jobs(email_digest)
    for user_id in sorted(digests):
        if (user_id, today.isoformat()) not in waiting:
            enqueue_on_commit(email_digest, user_id, today.isoformat())
    return result


def deliver_pending(
    *, today: datetime.date | None = None, dry_run: bool = False, connection=None
) -> DeliveryResult:
    """One pass over pending e-mails in this process: the immediate ones, then each person's digest for
    today (what each job does, without the queue)."""
    today = today or timezone.localdate()
    result = DeliveryResult()
    skip, immediate, digests, sent_today = _sort_pending(today)
    if dry_run:
        unsent = [rows for user_id, rows in digests.items() if user_id not in sent_today]
        result.skipped, result.immediate = len(skip), len(immediate)
        result.digests, result.in_digests = len(unsent), sum(len(rows) for rows in unsent)
        return result
    result.skipped = _skip(skip)
    for n in immediate:
        if send_notification_email(n.pk, connection=connection):
            result.immediate += 1
        elif Notification.objects.filter(pk=n.pk, email=Notification.Email.PENDING).exists():
            result.failed += 1
    for user_id in sorted(digests):
        carried = send_digest(user_id, today, connection=connection)
        if carried is None:
            result.failed += 1
        elif carried:
            result.digests += 1
            result.in_digests += carried
    return result
