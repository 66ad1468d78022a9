"""A row's status and progress from its tasks (when it has tasks). Pure functions."""

from __future__ import annotations

from collections.abc import Iterable

from caitien.execution.models import Status


def row_from_tasks(tasks: Iterable) -> tuple[str, int] | None:
    """(status, progress %) of a row from its tasks; None when it has none.

    Tasks given up (không thực hiện được) do not pull the progress down; a row whose every task was
    given up is itself not done."""
    tasks = list(tasks)
    if not tasks:
        return None
    live = [t for t in tasks if t.status != Status.NOT_DONE]
    if not live:
        return Status.NOT_DONE, 0
    progress = round(sum(100 if t.status == Status.DONE else t.progress for t in live) / len(live))
    if all(t.status == Status.DONE for t in live):
        return Status.DONE, 100
    if all(t.status == Status.NOT_STARTED and not t.progress for t in live):
        return Status.NOT_STARTED, 0
    return Status.IN_PROGRESS, min(progress, 99)


def status_label(value: str) -> str:
    try:
        return Status(value).label
    except ValueError:
        return value
