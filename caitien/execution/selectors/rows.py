"""The rows of a plan in execution, each with its status, tasks, money and evidence.

A fixed number of queries whatever the number of rows and tasks: rows, tasks (+ helpers), row
statuses, money spent per row, evidence codes per row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from caitien.execution.dates import FINISHED, deadline_badge, row_window
from caitien.execution.derive import row_from_tasks, status_label
from caitien.execution.lineage import in_force, root_of
from caitien.execution.models import ProgressUpdate, RowProgress, Status, Task


@dataclass
class TaskView:
    task: Task
    badge: str  # "overdue" | "soon" | ""

    @property
    def overdue(self) -> bool:
        return self.badge == "overdue"


@dataclass
class RowView:
    item: object
    index: int  # the row's number as the plan shows it (TT)
    position: int  # 0-based place among the rows (the plan document's item index)
    status: str
    progress: int
    reason: str
    start: datetime.date | None
    end: datetime.date | None
    badge: str
    tasks: list[TaskView] = field(default_factory=list)
    spent_vnd: int = 0
    evidence: list[str] = field(default_factory=list)

    @property
    def key(self):
        return self.item.key

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def overdue(self) -> bool:
        return self.badge == "overdue"

    @property
    def tasks_overdue(self) -> int:
        return sum(1 for t in self.tasks if t.overdue)

    @property
    def planned_vnd(self) -> int:
        return self.item.budget_total


def tasks_by_row(root, today) -> dict:
    tasks = defaultdict(list)
    for task in (
        Task.objects.filter(plan=root)
        .select_related("owner")
        .prefetch_related("helpers")
        .order_by("item_key", "order", "id")
    ):
        tasks[task.item_key].append(TaskView(task=task, badge=deadline_badge(task.due, task.status, today)))
    return tasks


def evidence_by_row(root) -> dict:
    """Register codes per row (the register links a row to every item attached to its updates)."""
    from caitien.evidence.selectors import codes_by_row

    return codes_by_row(root)


def row_views(plan, today: datetime.date | None = None, *, with_tasks: bool = True) -> list[RowView]:
    """Every row of the version in force, in plan order."""
    today = today or datetime.date.today()
    current = in_force(plan)
    root = root_of(current)
    items = list(current.items.select_related("criterion").order_by("order", "id"))
    tasks = tasks_by_row(root, today) if with_tasks else {}
    statuses = {r.item_key: r for r in RowProgress.objects.filter(plan=root)}
    spent = dict(
        ProgressUpdate.objects.filter(plan=root, spent_vnd__isnull=False)
        .values_list("item_key")
        .annotate(total=Sum("spent_vnd"))
        .values_list("item_key", "total")
    )
    evidence = evidence_by_row(root) if with_tasks else {}
    rows = []
    for n, item in enumerate(items, start=1):
        own = tasks.get(item.key, [])
        recorded = statuses.get(item.key)
        derived = row_from_tasks(t.task for t in own)
        if derived is not None:
            status, progress = derived
        elif recorded is not None:
            status, progress = recorded.status, recorded.progress
        else:
            status, progress = Status.NOT_STARTED, 0
        start, end = row_window(item)
        badge = deadline_badge(end, status, today)
        if not badge and any(t.overdue for t in own):
            badge = "overdue"
        rows.append(
            RowView(
                item=item,
                index=item.order or n,
                position=n - 1,
                status=status,
                progress=progress,
                reason=recorded.reason if recorded is not None and status == Status.NOT_DONE else "",
                start=start,
                end=end,
                badge=badge,
                tasks=own,
                spent_vnd=int(spent.get(item.key) or 0),
                evidence=evidence.get(item.key, []),
            )
        )
    return rows


def summary(rows: list[RowView]) -> dict:
    counts = {s: sum(1 for r in rows if r.status == s) for s in Status.values}
    all_codes = {c for r in rows for c in r.evidence}
    return {
        "items": len(rows),
        "not_started": counts[Status.NOT_STARTED],
        "in_progress": counts[Status.IN_PROGRESS],
        "done": counts[Status.DONE],
        "not_done": counts[Status.NOT_DONE],
        "overdue": sum(1 for r in rows if r.overdue),
        "tasks": sum(len(r.tasks) for r in rows),
        "tasks_overdue": sum(r.tasks_overdue for r in rows),
        "evidence": len(all_codes),
        "planned_vnd": sum(r.planned_vnd for r in rows),
        "spent_vnd": sum(r.spent_vnd for r in rows),
    }


def row_view(plan, item_key, today=None) -> RowView | None:
    return next((r for r in row_views(plan, today) if str(r.key) == str(item_key)), None)


__all__ = ["FINISHED", "RowView", "TaskView", "row_views", "row_view", "summary"]
