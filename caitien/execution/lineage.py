"""Which plan execution data hangs on, and which rows are the plan's rows now.

Execution data names the lineage root (the first version); the rows shown are those of the version
in force (the published one), whose `key`s are the keys of the rows they were copied from.
"""

from __future__ import annotations

from caitien.plans.models import Plan


def root_of(plan: Plan) -> Plan:
    return plan.lineage or plan


def in_force(plan: Plan) -> Plan:
    """The published version of the plan's lineage, or the plan itself before it is published."""
    if plan.status == Plan.Status.PUBLISHED:
        return plan
    root = root_of(plan)
    found = (
        Plan.objects.filter(lineage_id=root.pk, status=Plan.Status.PUBLISHED)
        .select_related("school", "regulation")
        .first()
    )
    if found is None and root.status == Plan.Status.PUBLISHED:
        found = root
    return found or plan


def in_execution(plan: Plan) -> bool:
    """Execution is recorded on a published plan only."""
    return plan.status == Plan.Status.PUBLISHED
