"""The execution stamp of a plan lineage moves whenever a task, a row status or a progress update
is saved or deleted, through the ORM (services, the admin, the API alike).

A delete that cascades from the plan or its school is not a change to record: the plan is going
away with its stamp.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone


def bump(root_id: int) -> None:
    """Marks the lineage `root_id` as changed now (one upsert)."""
    from caitien.execution.models import ExecutionStamp

    ExecutionStamp.objects.bulk_create(
        [ExecutionStamp(plan_id=root_id, changed_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["plan"],
        update_fields=["changed_at"],
    )


def _tracked():
    from caitien.execution.models import ProgressUpdate, RowProgress, Task

    return (Task, RowProgress, ProgressUpdate)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata (a restore) brings its own stamps
        bump(instance.plan_id)


def _deleted(sender, instance, origin=None, **kwargs):
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if model in _tracked():
        bump(instance.plan_id)


def connect() -> None:
    for model in _tracked():
        post_save.connect(_saved, sender=model, dispatch_uid=f"execution-stamp-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"execution-stamp-delete-{model.__name__}")
