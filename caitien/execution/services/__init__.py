"""Writes of the execution app, one module per concern, re-exported here."""

from caitien.execution.services.errors import ExecutionError
from caitien.execution.services.tasks import task_create, task_delete, task_update, tasks_create_from_split
from caitien.execution.services.updates import update_add

__all__ = [
    "ExecutionError",
    "task_create",
    "task_delete",
    "task_update",
    "tasks_create_from_split",
    "update_add",
]
