"""A row's timeline: every progress update, newest first (history is never overwritten)."""

from __future__ import annotations

from caitien.execution.models import ProgressUpdate


def row_timeline(root, item_key) -> list[ProgressUpdate]:
    return list(
        ProgressUpdate.objects.filter(plan=root, item_key=item_key)
        .select_related("author", "task")
        .prefetch_related("evidence__files")
        .order_by("-on", "-created_at", "-id")
    )


def task_timeline(task) -> list[ProgressUpdate]:
    return list(
        task.updates.select_related("author")
        .prefetch_related("evidence__files")
        .order_by("-on", "-created_at", "-id")
    )
