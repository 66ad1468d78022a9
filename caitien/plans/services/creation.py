"""Creating plans: empty, from a plan document (an imported file), from a self-assessment, from
last year's plan."""

from __future__ import annotations

import datetime

from django.db import transaction

from caitien.audit.services import audit_record
from caitien.catalog.models import Regulation
from caitien.planfile import defaults
from caitien.planfile.model import amount_to_dict
from caitien.plans.models import Plan, PlanItem
from caitien.plans.services.errors import PlanError
from caitien.plans.services.rows import copy_item, criteria_of

DONE_STATUS = "Hoàn thành"


def default_recipients(school) -> list[str]:
    """Nơi nhận of a new plan: the office that oversees the school (a Phòng, or the Sở for upper
    secondary schools), the public disclosure, and the school's archive."""
    office = school.office.name.replace("Giáo dục và Đào tạo", "GDĐT")
    return [
        f"{office} (để báo cáo)",
        "Công khai (niêm yết, trang thông tin điện tử)",
        f"Lưu: VT {school.short_code}",
    ]


def _default_sections(regulation: Regulation, school, start_year: int, end_year: int) -> dict:
    return dict(
        defaults.default_sections(
            regulation.registry,
            school.level,
            school_name=school.name,
            start_year=start_year,
            end_year=end_year,
        )
    )


def _default_title(period_kind: str, start_year: int, end_year: int) -> str:
    if period_kind == Plan.PeriodKind.MULTI:
        return f"Kế hoạch cải tiến chất lượng giáo dục giai đoạn {start_year} - {end_year}"
    return f"Kế hoạch cải tiến chất lượng giáo dục năm học {start_year} - {end_year}"


@transaction.atomic
def plan_create(
    *,
    school,
    actor,
    start_year: int,
    end_year: int,
    period_kind: str = Plan.PeriodKind.SINGLE,
    title: str = "",
    regulation: Regulation | None = None,
    self_assessment=None,
    sections: dict | None = None,
) -> Plan:
    if end_year <= start_year:
        raise PlanError("Năm kết thúc phải sau năm bắt đầu (ví dụ: 2025 - 2026).")
    if period_kind == Plan.PeriodKind.SINGLE and end_year != start_year + 1:
        raise PlanError("Kế hoạch một năm học có năm kết thúc bằng năm bắt đầu cộng 1 (ví dụ: 2025 - 2026).")
    regulation = regulation or school.regulation
    if sections is None:
        sections = _default_sections(regulation, school, start_year, end_year)
    plan = Plan.objects.create(
        school=school,
        regulation=regulation,
        self_assessment=self_assessment,
        period_kind=period_kind,
        start_year=start_year,
        end_year=end_year,
        title=title or _default_title(period_kind, start_year, end_year),
        governing_body=school.governing_body,
        school_name=school.name,
        place=school.place,
        sections=sections,
        signer_title="HIỆU TRƯỞNG",
        created_by=actor if getattr(actor, "pk", None) else None,
        recipients=default_recipients(school),
    )
    audit_record(actor=actor, action="plan.create", obj=plan, summary=f"Tạo {plan.title}")
    return plan


@transaction.atomic
def plan_create_from_document(*, school, document, actor, source_file: str = "") -> Plan:
    """A saved draft from a plan document (an imported file): every row as the document wrote it."""
    from caitien.catalog import registry

    reg_data = None
    if document.regulation:
        try:
            reg_data = registry.get(document.regulation)
        except KeyError:
            reg_data = None
    if reg_data is None:
        reg_data = registry.for_circular(document.circular, document.school_level or school.level)
    regulation = Regulation.objects.filter(slug=reg_data.slug).first() if reg_data else None
    regulation = regulation or school.regulation
    period = document.period or {}
    start = int(period.get("start_year") or 0) or _year_from_items(document) or datetime.date.today().year
    end = int(period.get("end_year") or 0) or start + 1
    if end <= start:
        end = start + 1
    kind = Plan.PeriodKind.SINGLE if end == start + 1 else Plan.PeriodKind.MULTI
    date = None
    if document.date:
        try:
            date = datetime.date.fromisoformat(document.date)
        except ValueError:
            date = None
    plan = Plan.objects.create(
        school=school,
        regulation=regulation,
        period_kind=kind,
        start_year=start,
        end_year=end,
        title=document.title or _default_title(kind, start, end),
        document_number=document.document_number or "",
        place=document.place or "",
        date=date,
        governing_body=document.governing_body or "",
        school_name=document.school or "",
        sections=dict(document.sections or {}),
        priority_issues=[_asdict(p) for p in document.priority_issues or []],
        monitoring=[_asdict(m) for m in document.monitoring or []],
        closing_text=document.closing_text or "",
        recipients=list(document.recipients or []),
        signer_title=(document.signer.title if document.signer else "") or "",
        signer_name=(document.signer.name if document.signer else "") or "",
        source_file=(source_file or document.source or "")[:255],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    criteria = criteria_of(regulation)
    for order, item in enumerate(document.items, start=1):
        lead, coordinators = item.lead or "", item.coordinators or ""
        if coordinators and lead.endswith("; " + coordinators):
            lead = lead[: -len("; " + coordinators)]
        code = item.criterion or ""
        PlanItem.objects.create(
            plan=plan,
            order=order,
            criterion_code=code[:20],
            criterion=criteria.get(code),
            standard_number=item.standard_number(),
            level=(item.level or "")[:10],
            issue=item.issue,
            expected_result=item.expected_result,
            solutions=item.solutions,
            indicator=item.indicator,
            lead_text=lead,
            coordinators_text=coordinators,
            time_text=(item.time_text or "")[:300],
            start_month=item.start or "",
            end_month=item.end or "",
            budget_text=item.budget_text,
            budget_amounts=[amount_to_dict(a) for a in item.budget_amounts],
            funding_source=(item.funding_source or "")[:300],
            support=item.support,
            expected_evidence=item.expected_evidence,
            status=(item.status or "")[:100],
            notes=item.notes,
        )
    audit_record(
        actor=actor,
        action="plan.import",
        obj=plan,
        summary=f"Nhập kế hoạch từ tệp {plan.source_file or 'không tên'} ({len(document.items)} dòng)",
    )
    return plan


def _year_from_items(document) -> int | None:
    months = sorted(i.start for i in document.items if i.start)
    if not months:
        return None
    year, month = int(months[0][:4]), int(months[0][5:7])
    return year if month >= 8 else year - 1


def _asdict(obj) -> dict:
    from dataclasses import asdict, is_dataclass

    return asdict(obj) if is_dataclass(obj) else dict(obj)


def target_text(criterion_code: str, level: int, end_year: int) -> str:
    """The row's starting target, for the school to make concrete: the level the criterion should
    reach by the end of the plan. The weakness itself stays in the self-assessment (the editor shows
    it under the row), not copied into the result to achieve."""
    return f"Đến tháng 5/{end_year}, tiêu chí {criterion_code} đạt Mức {level}."


@transaction.atomic
def plan_create_from_assessment(
    *,
    assessment,
    actor,
    start_year: int | None = None,
    end_year: int | None = None,
    period_kind: str | None = None,
    title: str = "",
) -> Plan:
    """A draft with a row for each weak criterion or each criterion below the level the school aims
    at; the weakness is the starting point of the row. Under 57/2026 the priority issues (section IV)
    come first, mandatory criteria first."""
    start = start_year or assessment.start_year
    end = end_year or (assessment.end_year if assessment.end_year > start else start + 1)
    kind = period_kind or (Plan.PeriodKind.SINGLE if end == start + 1 else Plan.PeriodKind.MULTI)
    plan = plan_create(
        school=assessment.school,
        actor=actor,
        start_year=start,
        end_year=end,
        period_kind=kind,
        title=title,
        regulation=assessment.regulation,
        self_assessment=assessment,
    )
    reg = assessment.regulation.registry
    is_2026 = reg.generation >= "2026"
    target = assessment.target_level or 2
    rows = []
    for ca in assessment.criteria.select_related("criterion__standard"):
        crit = reg.criterion(ca.criterion.code)
        aims = min(target, max(crit.levels)) if crit and crit.levels else target
        weak = ca.weaknesses.strip()
        if weak or ca.level_reached < aims:
            rows.append((ca, crit, aims, weak))
    if is_2026:
        rows.sort(
            key=lambda r: (
                not (r[1] and r[1].mandatory),
                r[0].criterion.standard.number,
                r[0].criterion.position,
            )
        )
    else:
        rows.sort(key=lambda r: (r[0].criterion.standard.number, r[0].criterion.position))
    priority = []
    for order, (ca, crit, aims, weak) in enumerate(rows, start=1):
        name = crit.name if crit else ca.criterion.name
        starting = weak or f"Tiêu chí {ca.criterion.code} ({name}) chưa đạt Mức {aims}."
        PlanItem.objects.create(
            plan=plan,
            order=order,
            criterion_code=ca.criterion.code,
            criterion=ca.criterion,
            standard_number=ca.criterion.standard.number,
            level=str(aims),
            issue=starting if is_2026 else "",
            expected_result="" if is_2026 else target_text(ca.criterion.code, aims, plan.end_year),
        )
        if is_2026:
            priority.append(
                {
                    "standard": ca.criterion.standard.number,
                    "criteria": ca.criterion.code,
                    "current_state": ca.current_state.strip(),
                    "limitation": starting,
                    "cause": "",
                }
            )
    if priority:
        plan.priority_issues = priority
        plan.save(update_fields=["priority_issues"])
    audit_record(
        actor=actor,
        action="plan.from_assessment",
        obj=plan,
        summary=f"Lập kế hoạch từ tự đánh giá {assessment.cycle_label} ({len(rows)} dòng)",
    )
    return plan


@transaction.atomic
def plan_create_from_previous(
    *,
    plan: Plan,
    actor,
    start_year: int | None = None,
    end_year: int | None = None,
    period_kind: str | None = None,
    title: str = "",
) -> Plan:
    """Next year's draft from last year's plan: its sections, and its rows not yet finished."""
    start = start_year or plan.end_year
    end = end_year or start + 1
    kind = period_kind or (Plan.PeriodKind.SINGLE if end == start + 1 else Plan.PeriodKind.MULTI)
    new = plan_create(
        school=plan.school,
        actor=actor,
        start_year=start,
        end_year=end,
        period_kind=kind,
        title=title,
        regulation=plan.regulation,
    )
    if plan.sections:
        new.sections = {**dict(plan.sections), **{k: v for k, v in new.sections.items() if v}}
    new.recipients = list(plan.recipients or new.recipients)
    new.save(update_fields=["sections", "recipients"])
    carried = 0
    for item in plan.items.all():
        if (item.status or "").strip().casefold() == DONE_STATUS.casefold():
            continue
        carried += 1
        copy_item(item, plan=new, order=carried, keep_time=False)
    audit_record(
        actor=actor,
        action="plan.from_previous",
        obj=new,
        summary=f"Lập kế hoạch từ kế hoạch {plan.period_label} ({carried} dòng chưa hoàn thành)",
    )
    return new
