"""What the province generator adds once plans are published: review points (some recorded), and
for each row of a published plan its status, tasks and progress updates with money spent.

Written with plain multi-row inserts (generator_insert.py); the row's status and progress are those
its tasks give (the mean of their progress), as the execution services keep them.
"""

from __future__ import annotations

import datetime

from caitien.execution.models import ExecutionStamp, ProgressUpdate, RowProgress, Status, Task
from caitien.monitoring.models import ReviewPoint
from caitien.offices.generator_insert import insert_all
from caitien.plans.models import Plan

_TASK_TITLES = (
    "Xây dựng kế hoạch chi tiết, phân công người thực hiện",
    "Tổ chức thực hiện theo kế hoạch",
    "Kiểm tra, đánh giá kết quả, lưu minh chứng",
)


def _month_end(month: str) -> datetime.date:
    year, m = (int(x) for x in month.split("-"))
    first_next = datetime.date(year + (m == 12), m % 12 + 1, 1)
    return first_next - datetime.timedelta(days=1)


def _task_status(progress: int) -> str:
    if progress >= 100:
        return Status.DONE
    return Status.IN_PROGRESS if progress > 0 else Status.NOT_STARTED


def execution_generate(rng, plans: list[Plan], items, *, year: int, today: datetime.date) -> dict:
    """Execution data for the published (or superseded) plans among `plans` and their `items`."""
    carried = {p.pk: p for p in plans if p.status in (Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED)}
    points, progress, tasks, updates = [], [], [], []
    for plan in carried.values():
        root_id = plan.lineage_id or plan.pk
        if plan.lineage_id is None:
            for kind, label, planned in (
                (ReviewPoint.Kind.SEMESTER_1, "Cuối học kỳ I", datetime.date(plan.start_year + 1, 1, 31)),
                (ReviewPoint.Kind.YEAR_END, "Cuối năm học", datetime.date(plan.start_year + 1, 5, 31)),
            ):
                recorded = planned - datetime.timedelta(days=rng.randint(0, 10))
                done = planned < today and rng.random() < 0.8
                points.append(
                    ReviewPoint(
                        plan_id=root_id,
                        school_year=plan.start_year,
                        kind=kind,
                        label=label,
                        planned_date=planned,
                        recorded_on=recorded if done else None,
                        judgement="Các dòng kế hoạch cơ bản thực hiện đúng tiến độ." if done else "",
                    )
                )
    for item in items:
        plan = carried.get(item.plan_id)
        if plan is None or not item.start_month or not item.end_month:
            continue
        root_id = plan.lineage_id or plan.pk
        start = datetime.date(*(int(x) for x in item.start_month.split("-")), 1)
        end = _month_end(item.end_month)
        elapsed = max(0.0, min(1.0, (today - start).days / max(1, (end - start).days)))
        shares = []
        for n, title in enumerate(_TASK_TITLES[: rng.randint(1, 3)]):
            due = min(end, start + datetime.timedelta(days=30 * (n + 1) + rng.randint(0, 20)))
            share = 100 if due < today and rng.random() < 0.85 else int(100 * elapsed * rng.uniform(0.3, 1.0))
            share = max(0, min(100, share))
            shares.append(share)
            tasks.append(
                Task(
                    plan_id=root_id,
                    item_key=item.key,
                    order=n + 1,
                    title=title,
                    start=start,
                    due=due,
                    status=_task_status(share),
                    progress=share,
                    done_on=due if share >= 100 else None,
                )
            )
        mean = round(sum(shares) / len(shares))
        status = _task_status(mean)
        if status == Status.NOT_STARTED and end < today and rng.random() < 0.3:
            status = Status.NOT_DONE
        progress.append(
            RowProgress(
                plan_id=root_id,
                item_key=item.key,
                status=status,
                progress=mean,
                reason="Chưa bố trí được kinh phí" if status == Status.NOT_DONE else "",
            )
        )
        if mean > 0:
            planned = sum(int(a.get("vnd") or 0) for a in item.budget_amounts if not a.get("per"))
            updates.append(
                ProgressUpdate(
                    plan_id=root_id,
                    item_key=item.key,
                    on=min(today, end),
                    text="Đã triển khai các việc theo kế hoạch.",
                    status=status if status != Status.NOT_DONE else Status.IN_PROGRESS,
                    progress=mean,
                    spent_vnd=planned * mean // 100 if planned else None,
                    funding_source=item.funding_source if planned else "",
                )
            )
    insert_all(ReviewPoint, points)
    insert_all(RowProgress, progress)
    insert_all(Task, tasks)
    insert_all(ProgressUpdate, updates)
    # Plain inserts send no signals: the lineages' execution stamps are written here.
    stamped = datetime.datetime.now(datetime.UTC)
    insert_all(
        ExecutionStamp, [ExecutionStamp(plan_id=pk, changed_at=stamped) for pk in {t.plan_id for t in tasks}]
    )
    return {"review_points": len(points), "tasks": len(tasks), "updates": len(updates)}
