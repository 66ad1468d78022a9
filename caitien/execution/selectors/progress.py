"""The progress JSON of `caitien progress --plan ID --json` and `GET /api/plans/{id}/progress`."""

from __future__ import annotations

import datetime

from caitien.execution.selectors.rows import row_views, summary
from caitien.monitoring.selectors import reviews_for_progress


def _day(value) -> str | None:
    return value.isoformat() if value else None


def plan_progress(plan, as_of: datetime.date | None = None) -> dict:
    """{"plan", "as_of", "summary": {...}, "items": [...]} for the version in force of the plan.

    `plan` is the id asked for; `as_of` decides what is overdue (a due date before it, unfinished)."""
    as_of = as_of or datetime.date.today()
    rows = row_views(plan, as_of)
    return {
        "plan": plan.pk,
        "as_of": as_of.isoformat(),
        "summary": summary(rows),
        "items": [
            {
                "index": r.index,
                "criterion": r.item.criterion_code or (r.item.criterion.code if r.item.criterion else None),
                "status": r.status,
                "progress": r.progress,
                "overdue": r.overdue,
                "start": r.item.start_month or None,
                "end": r.item.end_month or r.item.start_month or None,
                "tasks": [
                    {
                        "title": t.task.title,
                        "owner": t.task.owner.full_name if t.task.owner else None,
                        "due": _day(t.task.due),
                        "status": t.task.status,
                        "progress": 100 if t.task.status == "done" else t.task.progress,
                        "overdue": t.overdue,
                    }
                    for t in r.tasks
                ],
                "evidence": [code.strip("[]") for code in r.evidence],
                "spent_vnd": r.spent_vnd,
            }
            for r in rows
        ],
        "reviews": reviews_for_progress(plan),
    }
