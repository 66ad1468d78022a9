"""Per-plan figures of the rows (planned money by funding source, rows per criterion) for the
office pages, read from `PlanFigures` and recomputed only for plans whose rows changed.

One grouped query gives every plan's row signature (count, latest change, sum of ids); figures whose
signature still matches are used as they are; the others are computed in two grouped queries and
stored (an upsert, so two requests computing the same plan at once do not collide).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Max, Sum

from caitien.dashboards.money import planned_by_source
from caitien.offices.models import PlanFigures
from caitien.plans.models import Plan, PlanItem


def _signature(n, last, ids) -> str:
    return f"{n}:{last.isoformat() if last else '-'}:{ids or 0}"


def row_figures(year_plans, wanted) -> dict[int, dict]:
    """{plan id: {"items", "last", "planned": {source: đồng}, "criteria": {criterion id: rows}}} for
    the plan ids in `wanted` (a subset of the queryset `year_plans`)."""
    wanted = set(wanted)
    grouped = (
        PlanItem.objects.filter(plan__in=year_plans.values("pk"))
        .order_by()
        .values("plan_id")
        .annotate(n=Count("pk"), last=Max("updated_at"), ids=Sum("pk"))
    )
    out, signatures = {}, {}
    for row in grouped:
        if row["plan_id"] in wanted:
            out[row["plan_id"]] = {"items": row["n"], "last": row["last"], "planned": {}, "criteria": {}}
            signatures[row["plan_id"]] = _signature(row["n"], row["last"], row["ids"])
    stored = {
        pk: (signature, planned, criteria)
        for pk, signature, planned, criteria in PlanFigures.objects.filter(
            plan_id__in=list(signatures)
        ).values_list("plan_id", "signature", "planned", "criteria")
    }
    stale = [pk for pk, sig in signatures.items() if pk not in stored or stored[pk][0] != sig]
    for pk, (_sig, planned, criteria) in stored.items():
        if pk not in stale:
            out[pk]["planned"] = planned
            out[pk]["criteria"] = {int(k): v for k, v in criteria.items()}
    if stale:
        fresh = _compute(stale)
        PlanFigures.objects.bulk_create(
            [PlanFigures(plan_id=pk, signature=signatures[pk], **fresh[pk]) for pk in stale],
            update_conflicts=True,
            unique_fields=["plan"],
            update_fields=["signature", "planned", "criteria", "computed_at"],
        )
        for pk in stale:
            out[pk]["planned"] = fresh[pk]["planned"]
            out[pk]["criteria"] = {int(k): v for k, v in fresh[pk]["criteria"].items()}
    return out


def _compute(plan_ids) -> dict[int, dict]:
    found = {pk: {"planned": {}, "criteria": {}} for pk in plan_ids}
    for plan_id, source, vnd in planned_by_source(Plan.objects.filter(pk__in=plan_ids)):
        if vnd:
            key = source.strip()
            found[plan_id]["planned"][key] = found[plan_id]["planned"].get(key, 0) + vnd
    per = defaultdict(dict)
    for plan_id, criterion_id, n in (
        PlanItem.objects.filter(plan_id__in=plan_ids)
        .exclude(criterion_id=None)
        .order_by()
        .values_list("plan_id", "criterion_id")
        .annotate(n=Count("pk"))
    ):
        per[plan_id][str(criterion_id)] = n
    for pk in plan_ids:
        found[pk]["criteria"] = per.get(pk, {})
    return found
