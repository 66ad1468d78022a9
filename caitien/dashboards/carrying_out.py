"""The overview's columns of what happens after publication: review points recorded or missed
(monitoring), and rows done, in progress, not started or overdue with the money spent (execution).

Each is a fixed number of grouped queries over the chosen plans, whatever the number of schools:
review points and execution data belong to a plan's lineage (its first version), so the plans
chosen for the year are first mapped to their lineage roots.
"""

from __future__ import annotations

from django.db.models import Count, Max, Q

from caitien.plans.models import Plan


def lineage_roots(plans: dict) -> dict[int, int]:
    """{root plan id: chosen plan id} for the chosen plans (`plans` is {plan id: line})."""
    found = Plan.objects.filter(pk__in=list(plans)).values_list("pk", "lineage_id")
    return {(lineage or pk): pk for pk, lineage in found}


def add_reviews(lines, plans, year, today) -> None:
    """Review points of the school year: recorded, due so far (planned date reached, or recorded
    early), and missing (planned date passed, nothing recorded)."""
    from caitien.monitoring.models import ReviewPoint

    roots = lineage_roots(plans)
    if not roots:
        return
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
