"""Shared helpers of the notification tests."""

from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.models import Preference


def with_email(user, address=None):
    user.email = address or f"{user.username}@truong.edu.vn"
    user.save(update_fields=["email"])
    return user


def choose(user, kind=Kind.ROW_COMMENT, delivery=Delivery.IMMEDIATE):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
