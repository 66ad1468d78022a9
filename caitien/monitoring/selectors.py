"""Reads of the monitoring app: review points with their completeness, the review page's rows,
the reviews in the progress JSON, recommendations. Every read runs a fixed number of queries
whatever the number of rows and points."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from caitien.monitoring import lineage, prefill, rules
from caitien.monitoring.models import ENTRY_FIELDS, Recommendation, ReviewEntry, ReviewPoint
from caitien.plans.models import Plan

COMPLETENESS_LABELS = {"none": "Chưa ghi nhận", "partial": "Ghi nhận một phần", "full": "Đủ"}


def completeness(recorded: int, total: int) -> str:
    """ "none", "partial" or "full": how many of the plan's rows the review has a status for."""
    if recorded <= 0 or total <= 0:
        return "none"
    return "full" if recorded >= total else "partial"


@dataclass
class PointSummary:
    point: ReviewPoint
    rows: int
    recorded: int
    completeness: str
    overdue: bool = False  # the planned date passed and nothing is recorded
    report: object = None

    @property
    def completeness_label(self) -> str:
        return COMPLETENESS_LABELS[self.completeness]


def point_summaries(plan: Plan, today=None) -> list[PointSummary]:
    """Every review point of the plan's lineage, with how much of it is recorded against the rows of
    the version in force."""
    import datetime

    today = today or datetime.date.today()
    current = lineage.in_force(plan) or plan
    rows = current.items.count()
    points = list(
        ReviewPoint.objects.filter(plan=plan.root)
        .annotate(recorded=Count("entries", filter=Q(entries__item__plan=current) & ~Q(entries__status="")))
        .select_related("report")
        .order_by("planned_date", "id")
    )
    return [
        PointSummary(
            point=p,
            rows=rows,
            recorded=p.recorded,
            completeness=completeness(p.recorded, rows),
            overdue=p.planned_date < today and p.recorded == 0,
            report=getattr(p, "report", None),
        )
        for p in points
    ]


def counts(summaries: list[PointSummary], today=None) -> dict:
    """Review points recorded (fully), due (date passed) and missing (date passed, nothing recorded)."""
    import datetime

    today = today or datetime.date.today()
    due = [s for s in summaries if s.point.planned_date <= today]
    return {
        "points": len(summaries),
        "full": sum(1 for s in summaries if s.completeness == "full"),
        "partial": sum(1 for s in summaries if s.completeness == "partial"),
        "due": len(due),
        "missing": sum(1 for s in due if s.completeness == "none"),
    }


@dataclass
class GridRow:
    item: object
    entry: ReviewEntry | None
    values: dict
    prefilled: bool
    previous: list = field(default_factory=list)


def review_grid(point: ReviewPoint, plan: Plan) -> list[GridRow]:
    """The review page: every row of the version in force with its saved entry, or prefilled values."""
    items = list(plan.items.select_related("criterion").order_by("order", "id"))
    entries = {
        e.item_id: e
        for e in ReviewEntry.objects.filter(point=point, item__plan=plan).select_related("reviewer")
    }
    starting = prefill.prefill(point, plan.regulation, [i for i in items if i.pk not in entries])
    out = []
    for item in items:
        entry = entries.get(item.pk)
        if entry is not None:
            values = {f: getattr(entry, f) for f in ENTRY_FIELDS}
            values["source"] = ""
            out.append(GridRow(item=item, entry=entry, values=values, prefilled=False))
        else:
            values = starting[item.pk]
            out.append(
                GridRow(
                    item=item,
                    entry=None,
                    values=values,
                    prefilled=bool(values.get("source") or values.get("indicator_target")),
                )
            )
    return out


def recommendations_of(point: ReviewPoint) -> list[Recommendation]:
    return list(point.recommendations.select_related("item", "acted_by").order_by("order", "id"))


def reviews_json(plan: Plan, *, first_index: int = 0) -> list[dict]:
    """The plan's reviews as the progress JSON gives them:
    [{"point", "planned", "recorded", "completeness", "items": [{"index", "status", "result"}]}].
    `index` is the row's place in the plan, counted from `first_index`."""
    current = lineage.in_force(plan) or plan
    items = list(current.items.order_by("order", "id").values_list("pk", flat=True))
    index = {pk: n for n, pk in enumerate(items, start=first_index)}
    points = list(ReviewPoint.objects.filter(plan=plan.root).order_by("planned_date", "id"))
    entries: dict[int, list] = {}
    for e in ReviewEntry.objects.filter(point__in=points, item__plan=current).order_by(
        "item__order", "item_id"
    ):
        entries.setdefault(e.point_id, []).append(e)
    out = []
    for p in points:
        mine = [e for e in entries.get(p.pk, []) if e.item_id in index]
        recorded = sum(1 for e in mine if e.status)
        out.append(
            {
                "point": p.label,
                "kind": p.kind,
                "planned": p.planned_date.isoformat(),
                "recorded": p.recorded_on.isoformat() if p.recorded_on else None,
                "completeness": completeness(recorded, len(items)),
                "items": [
                    {
                        "index": index[e.item_id],
                        "status": rules.meaning_of(current.regulation, e.status),
                        "status_label": e.status,
                        "result": e.result,
                    }
                    for e in mine
                ],
            }
        )
    return out


def by_school_year(plan: Plan, summaries: list[PointSummary]) -> list[tuple[str, list[PointSummary]]]:
    """A multi-year plan's review points grouped by school year; one group for a one-year plan."""
    groups: dict[int, list] = {}
    for s in summaries:
        groups.setdefault(s.point.school_year, []).append(s)
    return [(f"Năm học {y}-{y + 1}", groups[y]) for y in sorted(groups)]


def completeness_of(grid: list[GridRow]) -> dict:
    recorded = sum(1 for r in grid if r.entry is not None and r.entry.status)
    return {
        "rows": len(grid),
        "recorded": recorded,
        "prefilled": sum(1 for r in grid if r.entry is None and r.values.get("status")),
        "completeness": completeness(recorded, len(grid)),
        "label": COMPLETENESS_LABELS[completeness(recorded, len(grid))],
    }


def report_of(point: ReviewPoint):
    from caitien.monitoring.models import ResultsReport

    return ResultsReport.objects.filter(point=point).first()


def reviews_for_progress(plan: Plan) -> list[dict]:
    """The `"reviews"` key of the execution app's progress JSON (see reviews_json); `index` counts
    from 1 like the progress JSON's own `items`, so a review's row joins its item."""
    return reviews_json(plan, first_index=1)
