"""`caitien remind`: one pass that turns what is due today into notifications, then enqueues their
e-mail (one background job per message, sent by `caitien worker` with retries).

Each app that has something to remind of has a `reminders.py` with `due_reminders(today)`
returning `Reminder`s (a read, never a write), and optionally `prepare(today)`, which a real pass
(not --dry-run) calls first for the writes reminders depend on; this module finds them by app. A reminder's `key` names what it reminds of
(and, where it matters, the date it is about), so a second pass the same day — or two passes at
once — creates nothing new: the key is unique per person.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from caitien.notifications.models import Notification
from caitien.notifications.services import notify
from caitien.notifications.tasks import queue_pending


@dataclass(frozen=True)
class Reminder:
    user: Any
    kind: str
    key: str
    subject: str
    body: str = ""
    url: str = ""
    obj: Any = None


def reminder_modules() -> list:
    """The reminders module of every installed app that has one (this one excepted)."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.reminders"
        if config.name == __package__ or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if hasattr(module, "due_reminders"):
            found.append(module)
    return found


def collect(today: datetime.date, *, prepare: bool = True) -> list[Reminder]:
    modules = reminder_modules()
    if prepare:
        for module in modules:
            if hasattr(module, "prepare"):
                module.prepare(today)
    out = []
    for module in modules:
        out.extend(module.due_reminders(today))
    return out


def remind(*, today: datetime.date | None = None, dry_run: bool = False) -> dict:
    """The whole pass; returns what it did (or, with dry_run, what it would do) as plain data.
    `emails` counts the e-mails enqueued (each is a job: it goes out once a worker runs it)."""
    today = today or timezone.localdate()
    due = collect(today, prepare=not dry_run)
    existing = set(Notification.objects.filter(key__in={r.key for r in due}).values_list("user_id", "key"))
    new = [r for r in due if (r.user.pk, r.key) not in existing]
    created = Counter()
    if dry_run:
        created.update(r.kind for r in new)
    else:
        for r in new:
            with transaction.atomic():
                made = notify(
                    user=r.user, kind=r.kind, subject=r.subject, body=r.body, url=r.url, obj=r.obj, key=r.key
                )
            if made is not None:
                created[r.kind] += 1
    with transaction.atomic():  # the jobs exist once this pass's writes are committed
        queued = queue_pending(today=today, dry_run=dry_run)
    return {
        "date": today.isoformat(),
        "dry_run": dry_run,
        "reminders": {
            "due": len(due),
            "new": sum(created.values()),
            "existing": len(due) - sum(created.values()) if not dry_run else len(due) - len(new),
            "by_kind": dict(sorted(created.items())),
        },
        "emails": queued.as_dict(),
    }
