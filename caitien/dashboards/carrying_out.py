"""The overview's columns of what happens after publication: review points recorded or missed
(monitoring), and rows done, in progress, not started or overdue with the money spent (execution).

Each is a fixed number of grouped queries over the chosen plans, whatever the number of schools:
review points and execution data belong to a plan's lineage (its first version), so the plans
chosen for the year are first mapped to their lineage roots.
"""

from __future__ import annotations

from django.db.models import Count, F, Max, Q
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
