"""The overview's columns of what happens after publication: review points recorded or missed
(monitoring), and rows done, in progress, not started or overdue with the money spent (execution).

Each is a fixed number of grouped queries over the chosen plans, whatever the number of schools:
review points and execution data belong to a plan's lineage (its first version, `Line.plan_root`).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Max, Q


def add_reviews(lines, plans, year_plans, year, today) -> None:
    """Review points of the school year: recorded, due so far (planned date reached, or recorded
    early), and missing (planned date passed, nothing recorded)."""
    from caitien.monitoring.models import ReviewPoint

    roots = {line.plan_root or pk: pk for pk, line in plans.items()}
    found = (
        ReviewPoint.objects.filter(plan_id__in=list(roots), school_year=year)
        .order_by()
        .values("plan_id")
        .annotate(
            recorded=Count("pk", filter=Q(recorded_on__isnull=False)),
            due=Count("pk", filter=Q(planned_date__lte=today) | Q(recorded_on__isnull=False)),
            missing=Count("pk", filter=Q(recorded_on__isnull=True, planned_date__lt=today)),
            last=Max("updated_at"),
        )
    )
    for row in found:
        line = plans[roots[row["plan_id"]]]
        line.reviews_recorded = row["recorded"]
        line.reviews_due = row["due"]
        line.reviews_missing = row["missing"]
        if row["recorded"]:
            line.touch(row["last"])


# Each chosen plan's rows with their status (derived from their tasks exactly as
# `caitien.execution.derive.row_from_tasks` does, else the row's own recorded status) and whether they
# are overdue (their end month is over, or a task is past its due date, and they are not finished),
# grouped by plan, status, overdue and, for rows done, criterion. Written as portable SQL because
# reading a province's 30,000 rows and their tasks into Python cost the Sở overview seconds.
ROWS_SQL = """
WITH chosen AS (SELECT id AS plan_id, COALESCE(lineage_id, id) AS root FROM {plan} WHERE id IN ({ids})),
tasks AS (
  SELECT plan_id AS root, item_key, COUNT(*) AS n,
    SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done,
    SUM(CASE WHEN status = 'not_done' THEN 1 ELSE 0 END) AS not_done,
    SUM(CASE WHEN status = 'not_started' AND progress = 0 THEN 1 ELSE 0 END) AS idle,
    SUM(CASE WHEN due < %s AND status NOT IN ('done', 'not_done') THEN 1 ELSE 0 END) AS late
  FROM {task} WHERE plan_id IN (SELECT root FROM chosen) GROUP BY plan_id, item_key
),
rows AS (
  SELECT c.plan_id, i.criterion_id,
    CASE
      WHEN t.n IS NULL THEN COALESCE(rp.status, 'not_started')
      WHEN t.n = t.not_done THEN 'not_done'
      WHEN t.done = t.n - t.not_done THEN 'done'
      WHEN t.idle = t.n - t.not_done THEN 'not_started'
      ELSE 'in_progress'
    END AS status,
    COALESCE(NULLIF(i.end_month, ''), i.start_month) AS month,
    COALESCE(t.late, 0) AS late
  FROM chosen c
  JOIN {item} i ON i.plan_id = c.plan_id AND i.deleted_at IS NULL
  LEFT JOIN tasks t ON t.root = c.root AND t.item_key = i.{key}
  LEFT JOIN {progress} rp ON rp.plan_id = c.root AND rp.item_key = i.{key}
)
SELECT plan_id, status, overdue, criterion_id, COUNT(*) FROM (
  SELECT plan_id, status,
    CASE WHEN late > 0 OR (status NOT IN ('done', 'not_done') AND LENGTH(month) = 7
      AND SUBSTR(month, 5, 1) = '-' AND month < %s) THEN 1 ELSE 0 END AS overdue,
    CASE WHEN status = 'done' THEN criterion_id END AS criterion_id
  FROM rows
) counted
GROUP BY plan_id, status, overdue, criterion_id
"""

# Money spent on the chosen plans' (live) rows, by plan and funding source.
SPENT_SQL = """
WITH chosen AS (SELECT id AS plan_id, COALESCE(lineage_id, id) AS root FROM {plan} WHERE id IN ({ids}))
SELECT c.plan_id, u.funding_source, SUM(u.spent_vnd)
FROM chosen c
JOIN {item} i ON i.plan_id = c.plan_id AND i.deleted_at IS NULL
JOIN {update} u ON u.plan_id = c.root AND u.item_key = i.{key}
WHERE u.spent_vnd IS NOT NULL
GROUP BY c.plan_id, u.funding_source
"""


def _tables() -> dict[str, str]:
    from caitien.execution.models import ProgressUpdate, RowProgress, Task
    from caitien.plans.models import Plan, PlanItem

    q = connection.ops.quote_name
    return {
        "plan": q(Plan._meta.db_table),
        "item": q(PlanItem._meta.db_table),
        "task": q(Task._meta.db_table),
        "progress": q(RowProgress._meta.db_table),
        "update": q(ProgressUpdate._meta.db_table),
        "key": q("key"),
    }


COUNTS = ("done", "in_progress", "not_started", "not_done", "overdue", "spent_vnd")


def add_execution(lines, plans, year_plans, year, today) -> None:
    """Rows done, in progress, not started, not done and overdue, and money spent by source, for the
    chosen plan of each school — as `caitien progress` counts them for that plan.

    Each plan's figures are kept in `PlanFigures.execution` and recomputed only when its rows, its
    lineage's execution stamp or the day (what is overdue depends on it) changed: a fixed number of
    queries whatever the number of schools, plans, rows and tasks."""
    from caitien.execution.models import ExecutionStamp
    from caitien.offices.models import PlanFigures

    if not plans:
        return
    root_of = {pk: line.plan_root or pk for pk, line in plans.items()}
    stamps = dict(
        ExecutionStamp.objects.filter(plan_id__in=set(root_of.values())).values_list("plan_id", "changed_at")
    )
    signatures = {}
    for pk, line in plans.items():
        stamp = stamps.get(root_of[pk])
        line.touch(stamp)
        signatures[pk] = f"{line.rows_signature}|{stamp.isoformat() if stamp else '-'}|{today.isoformat()}"
    stored = {
        pk: (signature, figures)
        for pk, signature, figures in PlanFigures.objects.filter(plan_id__in=list(plans)).values_list(
            "plan_id", "execution_signature", "execution"
        )
    }
    # `row_figures` stored a PlanFigures for every plan with rows; a plan without any has nothing
    # to count, and is not recomputed on every visit.
    figures = {pk: f for pk, (signature, f) in stored.items() if signature == signatures[pk]}
    stale = [pk for pk in stored if pk not in figures]
    if stale:
        fresh = _compute(stale, today)
        figures.update(fresh)
        PlanFigures.objects.bulk_update(
            [
                PlanFigures(plan_id=pk, execution_signature=signatures[pk], execution=fresh[pk])
                for pk in stale
            ],
            ["execution_signature", "execution"],
            batch_size=500,
        )
    for pk, f in figures.items():
        line = plans[pk]
        for name in COUNTS:
            setattr(line, name, f[name])
        line.spent_by_source = dict(f["spent_by_source"])
        line.criteria_done = {int(k): n for k, n in f["criteria_done"].items()}


def _compute(plan_ids, today) -> dict[int, dict]:
    """The execution figures of `plan_ids` from the database, in two queries."""
    from caitien.dashboards.overview import NO_SOURCE
    from caitien.execution.models import Status

    out = {pk: {**dict.fromkeys(COUNTS, 0), "spent_by_source": {}, "criteria_done": {}} for pk in plan_ids}
    names = {**_tables(), "ids": ", ".join(["%s"] * len(plan_ids))}
    this_month = f"{today.year:04d}-{today.month:02d}"
    with connection.cursor() as cursor:
        cursor.execute(ROWS_SQL.format(**names), [*plan_ids, today, this_month])
        counted = cursor.fetchall()
        cursor.execute(SPENT_SQL.format(**names), list(plan_ids))
        spent = cursor.fetchall()
    field_of = {Status.DONE: "done", Status.IN_PROGRESS: "in_progress", Status.NOT_DONE: "not_done"}
    for plan_id, status, overdue, criterion_id, n in counted:
        f = out[plan_id]
        f[field_of.get(status, "not_started")] += n
        if overdue:
            f["overdue"] += n
        if criterion_id is not None:
            key = str(criterion_id)
            f["criteria_done"][key] = f["criteria_done"].get(key, 0) + n
    for plan_id, source, vnd in spent:
        f = out[plan_id]
        label = (source or "").strip() or NO_SOURCE
        f["spent_vnd"] += int(vnd or 0)
        f["spent_by_source"][label] = f["spent_by_source"].get(label, 0) + int(vnd or 0)
    return out
