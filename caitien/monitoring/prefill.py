"""What a review starts from, so the monitoring team checks and corrects instead of typing.

For each row: the row's execution status and dated progress updates (tasks, updates, evidence
codes) when the plan's execution data has some; else what was recorded for it at the previous
review point; else the row's own "Mức độ thực hiện" when it is a value of the regulation. The indicator's target is taken from the row's indicator text
("Tỷ lệ … đạt từ 95% trở lên" → "95%").
"""

from __future__ import annotations

import re

from caitien.monitoring import rules
from caitien.monitoring.models import ReviewEntry, ReviewPoint

_FIGURE = re.compile(
    r"(?:≥|>=|≤|<=|từ|ít nhất|tối thiểu|trên|dưới)?\s*\d+(?:[.,]\d+)?\s*(?:%|phần trăm|lượt|buổi|chuyên đề|lớp|học sinh|giáo viên|phòng|bộ|cuốn|đầu sách|triệu đồng|đồng)",
    re.IGNORECASE,
)


def indicator_target(indicator: str) -> str:
    """The first figure an indicator names, as its target ("" when it names none)."""
    match = _FIGURE.search(indicator or "")
    return " ".join(match.group(0).split()) if match else ""


def previous_entries(point: ReviewPoint, item_ids) -> dict[int, ReviewEntry]:
    """The latest earlier review of each row (same lineage, an earlier planned date)."""
    earlier = (
        ReviewEntry.objects.filter(point__plan_id=point.plan_id, item_id__in=list(item_ids))
        .exclude(point=point)
        .filter(point__planned_date__lte=point.planned_date)
        .select_related("point")
        .order_by("point__planned_date", "point_id")
    )
    out = {}
    for entry in earlier:
        out[entry.item_id] = entry  # later points overwrite earlier ones
    return out


def execution_facts(point: ReviewPoint, items) -> dict[int, dict]:
    """{item pk: {"status", "overdue", "text", "evidence"}} from the execution data of the rows that
    have some (a status other than not started, tasks or progress updates): what was done, as the
    dated progress updates up to the review's date say it, and the rows' evidence codes."""
    from caitien.execution.models import ProgressUpdate
    from caitien.execution.selectors.rows import row_views

    items = list(items)
    if not items:
        return {}
    plan = items[0].plan
    wanted = {i.key: i.pk for i in items}
    views = {v.item.key: v for v in row_views(plan, point.planned_date) if v.item.key in wanted}
    texts: dict = {}
    for key, on, text in (
        ProgressUpdate.objects.filter(
            plan=point.plan_id, item_key__in=list(wanted), on__lte=point.planned_date
        )
        .exclude(text="")
        .order_by("on", "id")
        .values_list("item_key", "on", "text")
    ):
        texts.setdefault(key, []).append(f"{on:%d/%m/%Y}: {text.strip()}")
    out = {}
    for key, pk in wanted.items():
        view, done = views.get(key), texts.get(key, [])
        if view is None or (view.status == "not_started" and not view.tasks and not done):
            continue
        out[pk] = {
            "status": view.status,
            "overdue": view.overdue,
            "text": "\n".join(done[-5:]),
            "evidence": ", ".join(view.evidence),
        }
    return out


def prefill(point: ReviewPoint, regulation, items) -> dict[int, dict]:
    """{item pk: starting values} for rows without a saved entry at this point."""
    items = list(items)
    before = previous_entries(point, [i.pk for i in items])
    facts = execution_facts(point, items)
    labels = {v.casefold(): v for v in rules.status_labels(regulation)}
    out = {}
    for item in items:
        prev = before.get(item.pk)
        values = {
            "status": "",
            "result": "",
            "indicator_value": "",
            "indicator_target": indicator_target(item.indicator),
            "adjustment": "",
            "cause": "",
            "evidence_codes": "",
            "source": "",
        }
        own = labels.get((item.status or "").strip().casefold())
        if own:
            values.update(status=own, source="dòng kế hoạch")
        if prev is not None:
            values.update(
                status=prev.status or values["status"],
                result=prev.result,
                indicator_value=prev.indicator_value,
                indicator_target=prev.indicator_target or values["indicator_target"],
                evidence_codes=prev.evidence_codes,
                source=prev.point.label,
            )
        fact = facts.get(item.pk)
        if fact is not None:  # what was done since says more than the last review
            status = rules.prefill_status(regulation, fact["status"], overdue=fact["overdue"])
            values.update(
                status=labels.get(status.casefold(), values["status"]) if status else values["status"],
                result=fact["text"] or values["result"],
                evidence_codes=fact["evidence"] or values["evidence_codes"],
                source="tiến độ thực hiện",
            )
        out[item.pk] = values
    return out
