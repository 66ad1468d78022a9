"""Reads of the notification centre."""

from __future__ import annotations

from caitien.notifications.kinds import DEFAULT_DELIVERY, HELP, Delivery, Kind
from caitien.notifications.models import Notification, Preference

PAGE_SIZE = 30


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_page(user, page: int = 1) -> tuple[list[Notification], bool]:
    """One page of the person's notifications, newest first, and whether there is a next page."""
    page = max(1, page)
    start = (page - 1) * PAGE_SIZE
    rows = list(
        Notification.objects.filter(user=user).order_by("-created_at", "-id")[start : start + PAGE_SIZE + 1]
    )
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def preference_rows(user) -> list[dict]:
    """Every kind with the person's choice (the default when they never chose)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "help": HELP.get(kind, ""),
            "delivery": chosen.get(kind.value, DEFAULT_DELIVERY),
        }
        for kind in Kind
    ]


DELIVERIES = list(Delivery.choices)
