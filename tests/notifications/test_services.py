"""notify() and the person's choices: idempotent keys, who is told, audited choices."""

import pytest

from caitien.audit.models import AuditEvent
from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Notification, Preference
from caitien.notifications.services import (
    NotificationError,
    email_address_set,
    notify,
    notify_many,
    preferences_set,
    unsubscribe,
)


def test_notify_writes_one_row_in_the_centre(cast):
    plan_like = cast.primary
    n = notify(
        user=cast.staff,
        kind=Kind.ROW_COMMENT,
        subject="Góp ý   mới\nvào dòng 3",
        body=" Nội dung góp ý ",
        url="/ke-hoach/1/",
        obj=plan_like,
    )
    assert n.subject == "Góp ý mới vào dòng 3"
    assert n.body == "Nội dung góp ý"
    assert (n.object_type, n.object_id) == ("school", str(plan_like.pk))
    assert n.email == Notification.Email.PENDING and n.read_at is None


def test_a_key_is_used_once_per_person(cast):
    first = notify(user=cast.staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn", key="task-overdue:1")
    again = notify(user=cast.staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn", key="task-overdue:1")
    other = notify(user=cast.monitor, kind=Kind.TASK_OVERDUE, subject="Quá hạn", key="task-overdue:1")
    assert first is not None and again is None and other is not None
    assert Notification.objects.filter(key="task-overdue:1").count() == 2


def test_a_duplicate_key_racing_in_is_absorbed(cast, monkeypatch):
    """Two runs both found the key free: the second insert hits the unique constraint and returns None."""
    notify(user=cast.staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn", key="k-race")
    monkeypatch.setattr(
        "caitien.notifications.services.Notification.objects.filter",
        lambda **kw: Notification.objects.none(),
    )
    assert notify(user=cast.staff, kind=Kind.TASK_OVERDUE, subject="Quá hạn", key="k-race") is None
    monkeypatch.undo()
    assert Notification.objects.filter(key="k-race").count() == 1


def test_nobody_to_tell(cast):
    cast.staff.is_active = False
    cast.staff.save()
    assert notify(user=cast.staff, kind=Kind.ROW_COMMENT, subject="x") is None
    assert notify(user=None, kind=Kind.ROW_COMMENT, subject="x") is None
    assert not Notification.objects.exists()


def test_an_unknown_kind_is_a_programming_error(cast):
    with pytest.raises(ValueError, match="unknown notification kind"):
        notify(user=cast.staff, kind="weather", subject="x")


def test_notify_many_tells_each_person_once(cast):
    made = notify_many(
        users=[cast.staff, cast.monitor, cast.staff, None], kind=Kind.PLAN_APPROVED, subject="Đã duyệt"
    )
    assert sorted(n.user_id for n in made) == sorted([cast.staff.pk, cast.monitor.pk])


def test_preferences_are_saved_and_audited(cast):
    got = preferences_set(user=cast.staff, choices={Kind.ROW_COMMENT: Delivery.IMMEDIATE})
    assert got[Kind.ROW_COMMENT] == Delivery.IMMEDIATE
    assert Preference.objects.get(user=cast.staff, kind=Kind.ROW_COMMENT).delivery == Delivery.IMMEDIATE
    event = AuditEvent.objects.get(action="notifications.preferences")
    assert event.changes == {"row_comment": ["digest", "immediate"]}
    # Choosing what is already chosen writes nothing.
    preferences_set(
        user=cast.staff, choices={Kind.ROW_COMMENT: Delivery.IMMEDIATE, Kind.TASK_DUE_SOON: "digest"}
    )
    assert AuditEvent.objects.filter(action="notifications.preferences").count() == 1


@pytest.mark.parametrize("choices", [{"weather": "digest"}, {Kind.ROW_COMMENT: "hourly"}])
def test_wrong_choices_are_refused(cast, choices):
    with pytest.raises(NotificationError, match="không hợp lệ"):
        preferences_set(user=cast.staff, choices=choices)
    assert not Preference.objects.exists()


def test_unsubscribe_switches_every_kind_off(cast):
    preferences_set(user=cast.staff, choices={Kind.ROW_COMMENT: Delivery.IMMEDIATE})
    off = unsubscribe(user=cast.staff)
    assert set(off) == set(Kind.values)
    assert set(Preference.objects.filter(user=cast.staff).values_list("delivery", flat=True)) == {
        Delivery.OFF
    }
    assert unsubscribe(user=cast.staff) == []  # nothing left to switch off, nothing audited
    assert AuditEvent.objects.filter(action="notifications.unsubscribe").count() == 1


def test_unsubscribe_from_one_kind(cast):
    assert unsubscribe(user=cast.staff, kind=Kind.TASK_DUE_SOON) == [Kind.TASK_DUE_SOON]
    assert list(Preference.objects.filter(user=cast.staff).values_list("kind", flat=True)) == [
        "task_due_soon"
    ]


def test_email_address_is_checked(cast):
    with pytest.raises(NotificationError, match="ten@truong.edu.vn"):
        email_address_set(user=cast.staff, email="thư@ không phải")
    email_address_set(user=cast.staff, email=" em@truong.edu.vn ")
    cast.staff.refresh_from_db()
    assert cast.staff.email == "em@truong.edu.vn"
    assert AuditEvent.objects.filter(action="user.email").count() == 1
