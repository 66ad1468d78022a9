"""Reads of the year end: each row's close (đạt / chưa đạt) with what it starts from, the rows that
next year's plan may carry, the results report the next plan cites, and a multi-year plan's rows by
school year. Every read runs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

from caitien.monitoring import lineage, rules
from caitien.monitoring.models import ItemClosure, ResultsReport, ReviewEntry, ReviewPoint
from caitien.plans.models import Plan, PlanItem


@dataclass
class ClosingRow:
    item: PlanItem
    closure: ItemClosure | None
    label: str  # the close's value, saved or proposed
    result: str
    cause: str
    source: str  # where a proposed value comes from ("" once closed)
    last_status: str  # the latest review's status ("" when never reviewed)


def _latest_entries(plan: Plan, items) -> dict[int, ReviewEntry]:
    """The latest recorded review of each row (a later review point wins)."""
    out: dict[int, ReviewEntry] = {}
    for entry in (
        ReviewEntry.objects.filter(point__plan=plan.root, item__in=list(items))
        .exclude(status="")
        .select_related("point")
        .order_by("point__planned_date", "point_id")
    ):
        out[entry.item_id] = entry
    return out


def closing_rows(plan: Plan) -> list[ClosingRow]:
    """Every row of the version in force with its close, or a proposal from its latest review:
    "Đạt" when the review found it done, "Chưa đạt" otherwise, with the review's result and cause."""
    current = lineage.in_force(plan) or plan
    items = list(current.items.select_related("criterion").order_by("order", "id"))
    closures = {c.item_id: c for c in ItemClosure.objects.filter(item__in=items)}
    latest = _latest_entries(current, items)
    values = rules.closing_values(current.regulation)
    reached = next((label for label, ok in values if ok), "Đạt")
    missed = next((label for label, ok in values if not ok), "Chưa đạt")
    out = []
    for item in items:
        closure, entry = closures.get(item.pk), latest.get(item.pk)
        last_status = entry.status if entry else ""
        if closure is not None:
            out.append(
                ClosingRow(item, closure, closure.label, closure.result, closure.cause, "", last_status)
            )
            continue
        if entry is None:
            out.append(ClosingRow(item, None, "", "", "", "", ""))
            continue
        done = rules.meaning_of(current.regulation, entry.status) == "done"
        out.append(
            ClosingRow(
                item,
                None,
                reached if done else missed,
                entry.result,
                "" if done else entry.cause,
                entry.point.label,
                last_status,
            )
        )
    return out


def closing_summary(rows: list[ClosingRow]) -> dict:
    closed = [r for r in rows if r.closure is not None]
    return {
        "rows": len(rows),
        "closed": len(closed),
        "achieved": sum(1 for r in closed if r.closure.achieved),
        "missed": sum(1 for r in closed if not r.closure.achieved),
        "all_closed": bool(rows) and len(closed) == len(rows),
    }


@dataclass
class CarryOption:
    item: PlanItem
    label: str  # last year's close or latest review status
    result: str
    cause: str
    closed: bool


def carry_options(plan: Plan) -> list[CarryOption]:
    """The rows of last year's plan not reached (closed "chưa đạt", or never closed and not found
    done by the latest review), each with last year's result: next year's plan may carry them."""
    out = []
    for row in closing_rows(plan):
        if row.closure is not None:
            if row.closure.achieved:
                continue
            out.append(CarryOption(row.item, row.closure.label, row.closure.result, row.closure.cause, True))
            continue
        if row.label and rules.meaning_of(row.item.plan.regulation, row.last_status) == "done":
            continue
        out.append(CarryOption(row.item, row.last_status or "Chưa đánh giá", row.result, row.cause, False))
    return out


def year_end_report(plan: Plan) -> ResultsReport | None:
    """The results report next year's plan cites: the one of the last year-end review, else the
    latest report of the plan (a mid-year one), sent reports before drafts."""
    reports = list(
        ResultsReport.objects.filter(point__plan=plan.root)
        .select_related("point")
        .order_by("-point__planned_date", "-pk")
    )
    return max(
        reports,
        key=lambda r: (
            r.point.kind == ReviewPoint.Kind.YEAR_END,
            r.status != ResultsReport.Status.DRAFT,
            r.point.planned_date,
        ),
        default=None,
    )


def report_citation(report: ResultsReport | None, plan: Plan) -> str:
    """How section II of next year's plan cites the results report: its số/ký hiệu and date."""
    period = plan.period_label if hasattr(plan, "period_label") else f"{plan.start_year} - {plan.end_year}"
    school = plan.school_name or plan.school.name
    if report is None:
        return f"Căn cứ kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục {period} của {school};"
    number = f" số {report.document_number}" if report.document_number else ""
    date = f" ngày {report.date.day:02d}/{report.date.month:02d}/{report.date.year}" if report.date else ""
    return (
        f"Căn cứ Báo cáo{number}{date} của {school} về kết quả thực hiện kế hoạch cải tiến chất lượng "
        f"giáo dục {period};"
    )


def rows_by_year(plan: Plan) -> list[tuple[int, list[PlanItem]]]:
    """A multi-year plan's rows under each school year they run in (by their months; a row without
    months under every year), for the monitoring page."""
    current = lineage.in_force(plan) or plan
    years = lineage.school_years(current)
    items = list(current.items.order_by("order", "id"))
    groups: dict[int, list] = {y: [] for y in years}
    for item in items:
        first = _school_year(item.start_month) if item.start_month else None
        last = _school_year(item.end_month) if item.end_month else first
        for y in years:
            if first is None or (first <= y <= (last or first)):
                groups[y].append(item)
    return [(y, groups[y]) for y in years]


def _school_year(month: str) -> int | None:
    try:
        year, number = int(month[:4]), int(month[5:7])
    except (TypeError, ValueError):
        return None
    return year if number >= 8 else year - 1
