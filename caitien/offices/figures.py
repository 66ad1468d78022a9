"""Per-plan figures of the rows (planned money by funding source, rows per criterion) for the
office pages, read from `PlanFigures` and recomputed only for plans whose rows changed.

Approved and published plans' rows no longer change: their stored figures are used as they are.
For the others one grouped query gives each plan's row signature (count, latest change, sum of
ids); figures whose signature still matches are used as they are; the rest are computed in two
grouped queries and stored (an upsert, so two requests computing the same plan at once do not
collide).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Max, Sum

from caitien.dashboards.money import planned_by_source
from caitien.offices.models import PlanFigures
from caitien.plans.models import Plan, PlanItem

# Rows of a plan in these states change only through a new version.
FROZEN = {Plan.Status.APPROVED, Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED}


def _signature(n, last, ids) -> str:
    return f"{n}:{last.isoformat() if last else '-'}:{ids or 0}"


def row_figures(wanted: dict[int, str]) -> dict[int, dict]:
    """{plan id: {"items", "last", "signature", "planned": {source: đồng}, "criteria": {criterion id:
    rows}}} for the plans `wanted` ({plan id: status}).

    Figures stored while the plan was already approved are used without reading its rows again;
    the others are checked against the rows' signature, in one grouped query."""
    stored = {
        pk: (signature, items, last, planned, criteria, frozen)
        for pk, signature, items, last, planned, criteria, frozen in PlanFigures.objects.filter(
            plan_id__in=list(wanted)
        ).values_list("plan_id", "signature", "items", "last_row_change", "planned", "criteria", "frozen")
    }
    out, signatures = {}, {}
    for pk, (signature, items, last, planned, criteria, frozen) in stored.items():
        if frozen and wanted[pk] in FROZEN:
            out[pk] = _figures(items, last, signature, planned, criteria)
    to_check = [pk for pk in wanted if pk not in out]
    lasts = {}
    # Asked even when every plan is frozen (0 is no plan's id), so the page asks as many queries
    # whatever the mix of plans.
    grouped = (
        PlanItem.objects.filter(plan_id__in=to_check or [0])
        .order_by()
        .values("plan_id")
        .annotate(n=Count("pk"), last=Max("updated_at"), ids=Sum("pk"))
    )
    for row in grouped:
        signatures[row["plan_id"]] = _signature(row["n"], row["last"], row["ids"])
        lasts[row["plan_id"]] = (row["n"], row["last"])
    stale = []
    for pk in to_check:
        if pk not in signatures:  # a plan without rows
            continue
        kept = stored.get(pk)
        if kept and kept[0] == signatures[pk] and (kept[5] or wanted[pk] not in FROZEN):
            out[pk] = _figures(*lasts[pk], signatures[pk], kept[3], kept[4])
        else:
            stale.append(pk)
    if stale:
        fresh = _compute(stale)
        PlanFigures.objects.bulk_create(
            [
                PlanFigures(
                    plan_id=pk,
                    signature=signatures[pk],
                    items=lasts[pk][0],
                    last_row_change=lasts[pk][1],
                    frozen=wanted[pk] in FROZEN,
                    **fresh[pk],
                )
                for pk in stale
            ],
            update_conflicts=True,
            unique_fields=["plan"],
            update_fields=[
                "signature",
                "items",
                "last_row_change",
                "frozen",
                "planned",
                "criteria",
                "computed_at",
            ],
        )
        for pk in stale:
            out[pk] = _figures(*lasts[pk], signatures[pk], fresh[pk]["planned"], fresh[pk]["criteria"])
    return out


def _figures(items, last, signature, planned, criteria) -> dict:
    return {
        "items": items,
        "last": last,
        "signature": signature,
        "planned": planned,
        "criteria": {int(k): v for k, v in criteria.items()},
    }


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
