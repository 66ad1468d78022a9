"""The overview's columns of what happens after publication: review points recorded or missed
(monitoring), and rows done, in progress, not started or overdue with the money spent (execution).

Each is a fixed number of grouped queries over the chosen plans, whatever the number of schools:
review points and execution data belong to a plan's lineage (its first version), so the plans
chosen for the year are first mapped to their lineage roots.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, Count, F, IntegerField, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce


def lineage_roots(year_plans, plans: dict) -> dict[int, int]:
    """{root plan id: chosen plan id} for the chosen plans (`plans` is {plan id: line}). Asked of the
    year's plans as a queryset, so an office with no plan asks the same queries as one with many."""
    found = year_plans.order_by().values_list("pk", "lineage_id")
    return {(lineage or pk): pk for pk, lineage in found if pk in plans}


def root_ids(year_plans):
    """The lineage roots of the year's plans, as a subquery."""
    return year_plans.order_by().annotate(root=Coalesce(F("lineage_id"), F("pk"))).values("root")


def add_reviews(lines, plans, year_plans, year, today) -> None:
    """Review points of the school year: recorded, due so far (planned date reached, or recorded
    early), and missing (planned date passed, nothing recorded)."""
    from caitien.monitoring.models import ReviewPoint

    roots = lineage_roots(year_plans, plans)
    found = (
        ReviewPoint.objects.filter(plan_id__in=root_ids(year_plans), school_year=year)
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
        if row["plan_id"] not in roots:  # a version not chosen for the overview
            continue
        line = plans[roots[row["plan_id"]]]
        line.reviews_recorded = row["recorded"]
        line.reviews_due = row["due"]
        line.reviews_missing = row["missing"]
        if row["recorded"]:
            line.touch(row["last"])


def _row_from_task_counts(n, done, not_done, idle, live_sum) -> tuple[str, int]:
    """A row's status and progress from the counts of its tasks: the same reading as
    `caitien.execution.derive.row_from_tasks`, which works on the tasks themselves."""
    from caitien.execution.models import Status

    live = n - not_done
    if live == 0:
        return Status.NOT_DONE, 0
    if done == live:
        return Status.DONE, 100
    if idle == live:
        return Status.NOT_STARTED, 0
    return Status.IN_PROGRESS, min(round(live_sum / live), 99)


def add_execution(lines, plans, year_plans, year, today) -> None:
    """Rows done, in progress, not started, not done and overdue, and money spent by source, for the
    chosen plan of each school — as `caitien progress` counts them for that plan."""
    from caitien.dashboards.overview import NO_SOURCE
    from caitien.execution.dates import deadline_badge, month_last_day
    from caitien.execution.models import ProgressUpdate, RowProgress, Status, Task
    from caitien.plans.models import PlanItem

    roots = root_ids(year_plans)
    finished = [Status.DONE, Status.NOT_DONE]
    by_tasks = {
        row["item_key"]: row
        for row in Task.objects.filter(plan_id__in=roots)
        .order_by()
        .values("item_key")
        .annotate(
            n=Count("pk"),
            done=Count("pk", filter=Q(status=Status.DONE)),
            not_done=Count("pk", filter=Q(status=Status.NOT_DONE)),
            idle=Count("pk", filter=Q(status=Status.NOT_STARTED, progress=0)),
            live_sum=Sum(
                Case(
                    When(status=Status.DONE, then=Value(100)),
                    When(status=Status.NOT_DONE, then=Value(0)),
                    default=F("progress"),
                    output_field=IntegerField(),
                )
            ),
            late=Count("pk", filter=Q(due__lt=today) & ~Q(status__in=finished)),
            last=Max("updated_at"),
        )
    }
    recorded = dict(RowProgress.objects.filter(plan_id__in=roots).values_list("item_key", "status"))
    spent = defaultdict(dict)
    for key, source, vnd in (
        ProgressUpdate.objects.filter(plan_id__in=roots, spent_vnd__isnull=False)
        .order_by()
        .values_list("item_key", "funding_source")
        .annotate(total=Sum("spent_vnd"))
    ):
        spent[key][source.strip()] = int(vnd or 0)
    rows = (
        PlanItem.objects.filter(plan__in=year_plans.order_by().values("pk"))
        .order_by()
        .values_list("plan_id", "key", "start_month", "end_month", "criterion_id")
    )
    for plan_id, key, start_month, end_month, criterion_id in rows:
        line = plans.get(plan_id)
        if line is None:
            continue
        tasks = by_tasks.get(key)
        if tasks:
            status, _progress = _row_from_task_counts(
                tasks["n"], tasks["done"], tasks["not_done"], tasks["idle"], tasks["live_sum"] or 0
            )
            line.touch(tasks["last"])
        else:
            status = recorded.get(key, Status.NOT_STARTED)
        if status == Status.DONE:
            line.done += 1
            if criterion_id:
                line.criteria_done[criterion_id] = line.criteria_done.get(criterion_id, 0) + 1
        elif status == Status.IN_PROGRESS:
            line.in_progress += 1
        elif status == Status.NOT_DONE:
            line.not_done += 1
        else:
            line.not_started += 1
        end = month_last_day(end_month or start_month)
        if deadline_badge(end, status, today) == "overdue" or (tasks and tasks["late"]):
            line.overdue += 1
        for source, vnd in spent.get(key, {}).items():
            line.spent_vnd += vnd
            label = source or NO_SOURCE
            line.spent_by_source[label] = line.spent_by_source.get(label, 0) + vnd
