"""What the checker knows of a plan in execution (CheckContext.execution): per row of the document,
its status, end, tasks and money. Built in a fixed number of queries from the row views."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TaskFacts:
    title: str
    start: datetime.date | None
    due: datetime.date | None
    status: str
    overdue: bool


@dataclass(frozen=True)
class RowFacts:
    status: str
    recorded: bool  # a status, a task or an update was ever recorded for the row
    start: datetime.date | None
    end: datetime.date | None
    spent_vnd: int
    planned_vnd: int
    tasks: tuple[TaskFacts, ...] = ()


@dataclass(frozen=True)
class ExecutionFacts:
    today: datetime.date
    rows: dict[int, RowFacts] = field(default_factory=dict)  # 0-based index into the document's items


def execution_facts(plan, today: datetime.date | None = None) -> ExecutionFacts | None:
    """None unless the plan is the published version (what is carried out)."""
    if plan.status != "published":
        return None
    from caitien.execution.lineage import root_of
    from caitien.execution.models import ProgressUpdate, RowProgress
    from caitien.execution.selectors.rows import row_views

    today = today or datetime.date.today()
    root = root_of(plan)
    rows = row_views(plan, today)
    recorded = set(RowProgress.objects.filter(plan=root).values_list("item_key", flat=True))
    recorded |= set(ProgressUpdate.objects.filter(plan=root).values_list("item_key", flat=True).distinct())
    return ExecutionFacts(
        today=today,
        rows={
            r.position: RowFacts(
                status=r.status,
                recorded=bool(r.tasks) or r.key in recorded,
                start=r.start,
                end=r.end,
                spent_vnd=r.spent_vnd,
                planned_vnd=r.planned_vnd,
                tasks=tuple(
                    TaskFacts(t.task.title, t.task.start, t.task.due, t.task.status, t.overdue)
                    for t in r.tasks
                ),
            )
            for r in rows
        },
    )
