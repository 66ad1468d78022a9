"""The year end: each row closes as đạt / chưa đạt with its cause, and next year's plan is built
from last year's (the unfinished rows chosen, last year's result beside each), the new
self-assessment's weak criteria, and section II citing the results report."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from caitien.audit.services import audit_record
from caitien.monitoring import lineage, rules
from caitien.monitoring import year_end as reads
from caitien.monitoring.models import CarriedItem, ItemClosure
from caitien.monitoring.services.errors import MonitoringError
from caitien.plans.models import Plan, PlanItem
from caitien.text import nfc


def _clean(value) -> str:
    return nfc(str(value or "")).replace("\r\n", "\n").strip()


@transaction.atomic
def rows_close(*, plan: Plan, actor, rows: list[dict]) -> int:
    """Close several rows at once: [{"item": PlanItem pk, "label", "result", "cause"}]. A row whose
    label is empty stays open; "chưa đạt" needs its cause. Returns how many closes were written."""
    current = lineage.in_force(plan)
    if current is None:
        raise MonitoringError("Kế hoạch chưa công khai nên chưa kết thúc năm học được.")
    values = dict((label.casefold(), (label, ok)) for label, ok in rules.closing_values(current.regulation))
    items = {i.pk: i for i in PlanItem.objects.filter(plan=current, pk__in=[r.get("item") for r in rows])}
    existing = {c.item_id: c for c in ItemClosure.objects.select_for_update().filter(item__in=items)}
    problems, created, updated, orders = [], [], [], []
    reviewer = actor if getattr(actor, "pk", None) else None
    for raw in rows:
        item = items.get(raw.get("item"))
        if item is None:
            raise MonitoringError(
                "Một dòng của trang này không còn trong kế hoạch đang áp dụng. Hãy tải lại trang."
            )
        label = _clean(raw.get("label"))
        if not label:
            continue
        found = values.get(label.casefold())
        if found is None:
            problems.append(
                f"Dòng {item.order}: “{label}” không phải kết quả cuối năm; hãy chọn "
                + " hoặc ".join(v[0] for v in values.values())
                + "."
            )
            continue
        label, achieved = found
        result, cause = _clean(raw.get("result")), _clean(raw.get("cause"))
        if not achieved and not cause:
            problems.append(f"Dòng {item.order} chưa đạt: hãy ghi nguyên nhân chưa đạt.")
            continue
        new = {"label": label, "achieved": achieved, "result": result, "cause": "" if achieved else cause}
        closure = existing.get(item.pk)
        if closure is None:
            created.append(ItemClosure(item=item, closed_by=reviewer, **new))
            orders.append(item.order)
        elif any(getattr(closure, k) != v for k, v in new.items()):
            for k, v in new.items():
                setattr(closure, k, v)
            closure.closed_by = reviewer
            closure.closed_at = timezone.now()
            updated.append(closure)
            orders.append(item.order)
    if problems:
        raise MonitoringError(" ".join(problems))
    ItemClosure.objects.bulk_create(created)
    ItemClosure.objects.bulk_update(
        updated, ["label", "achieved", "result", "cause", "closed_by", "closed_at"]
    )
    if orders:
        audit_record(
            actor=actor,
            action="plan.rows_close",
            obj=current,
            summary=f"Kết thúc năm học: đánh giá đạt / chưa đạt {len(orders)} dòng",
            changes={"rows": sorted(orders)},
        )
    return len(orders)


def _cite_report(text: str, citation: str, plan: Plan) -> str:
    """Section II with the results report cited: the line about last year's results is replaced,
    or the citation is added before the last line."""
    lines = [ln for ln in (text or "").split("\n")]
    for n, line in enumerate(lines):
        if "kết quả thực hiện kế hoạch cải tiến" in line.casefold():
            lines[n] = citation
            return "\n".join(lines)
    if not lines or lines == [""]:
        return citation
    return "\n".join([*lines[:-1], citation, lines[-1]]) if len(lines) > 1 else "\n".join([*lines, citation])


def _carried_note(option: reads.CarryOption, plan: Plan) -> str:
    text = f"Chuyển từ kế hoạch {plan.period_label}: {option.label.lower()}"
    if option.result:
        text += f"; kết quả: {option.result}"
    if option.cause:
        text += f"; nguyên nhân: {option.cause}"
    return text[:2000]


@transaction.atomic
def next_plan_create(
    *, plan: Plan, actor, carry: list[int], assessment=None, start_year: int | None = None
) -> Plan:
    """Next year's draft plan from last year's published plan.

    `carry`: the PlanItem pks of last year's unfinished rows the school chose to carry (only those
    are carried), each copied with last year's result beside it (CarriedItem, and the row's note).
    `assessment`: the new self-assessment; its weak criteria add rows, except the criteria a carried
    row already covers. Section II cites last year's results report (số/ký hiệu, date)."""
    from caitien.plans import services as plans
    from caitien.plans.services.rows import copy_item

    last = lineage.in_force(plan)
    if last is None:
        raise MonitoringError("Kế hoạch năm trước chưa công khai nên chưa lập được kế hoạch năm sau từ nó.")
    options = {o.item.pk: o for o in reads.carry_options(last)}
    unknown = [pk for pk in carry if pk not in options]
    if unknown:
        raise MonitoringError(
            "Chỉ chuyển được các dòng chưa hoàn thành của kế hoạch năm trước. Hãy tải lại trang rồi chọn lại."
        )
    start = start_year or last.end_year
    made = (
        Plan.objects.filter(school=last.school, start_year=start, items__carried_from__source__plan=last)
        .distinct()
        .first()
    )
    if made is not None:  # a second click, or a second person: one next plan per year
        raise MonitoringError(
            f"Đã lập “{made.title}” từ kết quả năm trước (phiên bản {made.version}). Hãy mở kế hoạch đó để soạn tiếp."
        )
    if assessment is not None and assessment.school_id != last.school_id:
        raise MonitoringError("Tự đánh giá đã chọn không phải của trường này.")
    if assessment is not None:
        new = plans.plan_create_from_assessment(
            assessment=assessment, actor=actor, start_year=start, end_year=start + 1
        )
    else:
        new = plans.plan_create(
            school=last.school, actor=actor, start_year=start, end_year=start + 1, regulation=last.regulation
        )
    chosen = [options[pk] for pk in sorted(carry, key=lambda pk: options[pk].item.order)]
    covered = {o.item.criterion_code for o in chosen if o.item.criterion_code}
    weak = list(new.items.order_by("order", "id"))
    dropped = [i for i in weak if i.criterion_code in covered]
    if dropped:
        PlanItem.all_objects.filter(pk__in=[i.pk for i in dropped]).delete()
        if new.priority_issues:
            new.priority_issues = [p for p in new.priority_issues if p.get("criteria") not in covered]
    carried = []
    for order, option in enumerate(chosen, start=1):
        copy = copy_item(option.item, plan=new, order=order, keep_time=False)
        note = _carried_note(option, last)
        copy.notes = f"{note}\n{copy.notes}".strip() if copy.notes else note
        copy.save(update_fields=["notes"])
        carried.append(
            CarriedItem(
                item=copy,
                source=option.item,
                source_plan_title=(last.title or "")[:300],
                label=option.label[:60],
                result=option.result,
                cause=option.cause,
            )
        )
    CarriedItem.objects.bulk_create(carried)
    kept = [i for i in weak if i not in dropped]
    for n, item in enumerate(kept, start=len(chosen) + 1):
        item.order = n
    PlanItem.objects.bulk_update(kept, ["order"])
    sections = {**dict(last.sections or {}), **{k: v for k, v in (new.sections or {}).items() if v}}
    citation = reads.report_citation(reads.year_end_report(last), last)
    sections["legal_bases"] = _cite_report(sections.get("legal_bases", ""), citation, last)
    new.sections = sections
    new.recipients = list(last.recipients or new.recipients)
    new.save(update_fields=["sections", "recipients", "priority_issues"])
    audit_record(
        actor=actor,
        action="plan.from_year_end",
        obj=new,
        summary=(
            f"Lập kế hoạch năm học {start}-{start + 1} từ kết quả năm trước: {len(chosen)} dòng chuyển tiếp, "
            f"{len(kept)} dòng từ tiêu chí còn yếu"
        ),
        changes={"carried": [o.item.order for o in chosen], "from_assessment": len(kept)},
    )
    return new
