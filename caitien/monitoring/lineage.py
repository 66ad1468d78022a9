"""Which version of a plan is the one in force, and the school years a plan covers."""

from __future__ import annotations

from django.db.models import Q

from caitien.plans.models import Plan

REVIEWABLE = (Plan.Status.PUBLISHED,)


def versions_of(plan: Plan):
    root = plan.root
    return Plan.objects.filter(Q(pk=root.pk) | Q(lineage=root))


def in_force(plan: Plan) -> Plan | None:
    """The published version of the plan's lineage (None before it is published)."""
    if plan.status == Plan.Status.PUBLISHED:
        return plan
    return (
        versions_of(plan).filter(status=Plan.Status.PUBLISHED).select_related("school", "regulation").first()
    )


def school_years(plan: Plan) -> list[int]:
    """First calendar year of each school year the plan covers: 2025-2026 → [2025]."""
    return list(range(plan.start_year, max(plan.end_year, plan.start_year + 1)))
