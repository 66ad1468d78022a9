from caitien.execution.views.mine import mine
from caitien.execution.views.plan import plan_progress_page
from caitien.execution.views.row import comment, row_page, row_update, split, task_add
from caitien.execution.views.task import task_delete, task_edit, task_page, task_update_post

__all__ = [
    "comment",
    "mine",
    "plan_progress_page",
    "row_page",
    "row_update",
    "split",
    "task_add",
    "task_delete",
    "task_edit",
    "task_page",
    "task_update_post",
]
