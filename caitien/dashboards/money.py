"""Sums of the one-off amounts of plan rows (`PlanItem.budget_amounts`, a JSON list of
{"vnd": …, "per": null|"month"|"year"}) by plan and funding source, computed by the database.

Reading every row's JSON into Python costs a province overview a third of a second; the database's
own JSON functions (SQLite json_each, PostgreSQL jsonb_array_elements) sum the same in milliseconds.
The plans are chosen by an ordinary queryset; only the sum is written per database, and, being raw
SQL, it leaves out deleted rows itself (the PlanItem manager cannot).
"""

from __future__ import annotations

from django.db import connection

from caitien.plans.models import PlanItem

SQL = {
    "sqlite": (
        "SELECT i.plan_id, i.funding_source, SUM(CAST(json_extract(e.value, '$.vnd') AS INTEGER)) "
        "FROM plans_planitem i, json_each(i.budget_amounts) e "
        "WHERE i.plan_id IN ({plans}) AND i.deleted_at IS NULL AND i.budget_amounts <> '[]' AND json_extract(e.value, '$.per') IS NULL "
        "GROUP BY i.plan_id, i.funding_source"
    ),
    "postgresql": (
        "SELECT i.plan_id, i.funding_source, SUM((e.value ->> 'vnd')::bigint) "
        "FROM plans_planitem i, jsonb_array_elements(i.budget_amounts) e "
        "WHERE i.plan_id IN ({plans}) AND i.deleted_at IS NULL AND i.budget_amounts <> '[]'::jsonb AND jsonb_typeof(i.budget_amounts) = 'array' "
        "AND (e.value -> 'per' IS NULL OR e.value ->> 'per' IS NULL) "
        "GROUP BY i.plan_id, i.funding_source"
    ),
}


def planned_by_source(plans) -> list[tuple[int, str, int]]:
    """(plan id, funding source, đồng) for the rows of the plans of the queryset `plans` (of Plan)."""
    template = SQL.get(connection.vendor)
    if template is None:  # another database: the same sum in Python
        return _in_python(PlanItem.objects.filter(plan__in=plans.values("pk")))
    sql, params = plans.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(template.format(plans=sql), params)
        return [(plan_id, source or "", int(vnd or 0)) for plan_id, source, vnd in cursor.fetchall()]


def _in_python(rows) -> list[tuple[int, str, int]]:
    sums: dict[tuple[int, str], int] = {}
    for plan_id, amounts, source in rows.exclude(budget_amounts=[]).values_list(
        "plan_id", "budget_amounts", "funding_source"
    ):
        vnd = sum(int(a.get("vnd") or 0) for a in amounts or [] if isinstance(a, dict) and not a.get("per"))
        sums[(plan_id, source)] = sums.get((plan_id, source), 0) + vnd
    return [(p, s, v) for (p, s), v in sums.items()]
