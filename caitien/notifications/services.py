"""Writes of the notification centre. Other apps call `notify` for their events:

    from caitien.notifications.kinds import Kind
    from caitien.notifications.services import notify

    notify(user=owner, kind=Kind.TASK_ASSIGNED, subject="Bạn được giao việc …",
           body="…", url=reverse("…"), obj=task)

`notify` writes one row in the person's notification centre (inside the caller's transaction: a
rolled-back change leaves no notification) and never sends anything itself: e-mail goes out from
the background job runner and `caitien remind`, as the person chose for that kind (immediately,
in the daily digest, or not at all). `key` makes a call idempotent: a second call with the same
key for the same person does nothing (reminders use it so a daily pass never repeats itself).

Creating and reading notifications are not audited (they are messages about changes that are);
choices and unsubscribes are.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from caitien.audit.services import audit_record
from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Notification, Preference


class NotificationError(ValueError):
    """A write that cannot be done; the message (Vietnamese) says why."""


def notify(
    *, user, kind: str, subject: str, body: str = "", url: str = "", obj=None, key: str = ""
) -> Notification | None:
    """A notification for `user`; None when nobody is to be told (no user, an inactive account, or
    a `key` already used for this person)."""
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}: add it to caitien.notifications.kinds.Kind")
    if user is None or not getattr(user, "pk", None) or not user.is_active:
        return None
    key = (key or "")[:200]
    if key and Notification.objects.filter(user=user, key=key).exists():
        return None
    values = {
        "user": user,
        "kind": kind,
        "subject": " ".join(str(subject).split())[:200],
        "body": str(body or "").strip(),
        "url": str(url or "")[:500],
        "key": key,
        "object_type": obj._meta.model_name if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
    }
    try:
        with transaction.atomic():  # a savepoint: another run may have created the same key
            notification = Notification.objects.create(**values)
    except IntegrityError:
        if key:
            return None
        raise
    if user.email and Preference.objects.filter(user=user, kind=kind, delivery=Delivery.IMMEDIATE).exists():
        # Sent by a background job once the caller's transaction commits, never in the request.
        from caitien.jobs.framework import enqueue_on_commit
        from caitien.notifications.tasks import email_notification

        enqueue_on_commit(email_notification, notification.pk)
    return notification


def notify_many(*, users, **kwargs) -> list[Notification]:
    """The same notification for several people (each person once)."""
    seen, out = set(), []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        n = notify(user=user, **kwargs)
        if n is not None:
            out.append(n)
    return out


def notification_mark_read(*, notification: Notification, user) -> Notification:
    if notification.user_id != user.pk:
        raise NotificationError("Thông báo này không phải của bạn.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, user, choices: dict[str, str], actor=None) -> dict[str, str]:
    """Save a person's choice per kind ({kind: delivery}); unknown kinds or deliveries are refused."""
    bad = [k for k, v in choices.items() if k not in Kind.values or v not in Delivery.values]
    if bad:
        raise NotificationError("Lựa chọn không hợp lệ. Hãy tải lại trang và chọn lại.")
    current = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    changes = {}
    for kind, delivery in choices.items():
        before = current.get(kind, Delivery.DIGEST)
        if before == delivery:
            continue
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
        changes[kind] = [before, delivery]
    if changes:
        audit_record(
            actor=actor or user,
            action="notifications.preferences",
            obj=user,
            school=None,
            summary=f"Đổi cách nhận thông báo của {user.display_name}",
            changes=changes,
        )
    return {**current, **{k: v[1] for k, v in changes.items()}}


@transaction.atomic
def unsubscribe(*, user, kind: str = "") -> list[str]:
    """Stop e-mails: of one kind, or of every kind when `kind` is empty. The notification centre
    still lists them. Returns the kinds switched off."""
    kinds = [kind] if kind else list(Kind.values)
    kinds = [k for k in kinds if k in Kind.values]
    before = dict(Preference.objects.filter(user=user, kind__in=kinds).values_list("kind", "delivery"))
    off = [k for k in kinds if before.get(k, Delivery.DIGEST) != Delivery.OFF]
    for k in off:
        Preference.objects.update_or_create(user=user, kind=k, defaults={"delivery": Delivery.OFF})
    if off:
        audit_record(
            actor=user,
            action="notifications.unsubscribe",
            obj=user,
            school=None,
            summary=f"{user.display_name} ngừng nhận e-mail thông báo"
            + (f" loại “{Kind(kind).label}”" if kind else ""),
            changes={k: [before.get(k, Delivery.DIGEST), Delivery.OFF] for k in off},
        )
    return off


@transaction.atomic
def email_address_set(*, user, email: str) -> None:
    """Where the person's notification e-mails go (their account's address)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise NotificationError(
                "Địa chỉ e-mail chưa đúng. Hãy viết dạng ten@truong.edu.vn, không dấu cách."
            ) from None
    if email == user.email:
        return
    before = user.email
    user.email = email
    user.save(update_fields=["email"])
    audit_record(
        actor=user,
        action="user.email",
        obj=user,
        school=None,
        summary=f"{user.display_name} đổi địa chỉ e-mail nhận thông báo",
        changes={"email": [before, email]},
    )
