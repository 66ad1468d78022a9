"""Writes for plans, their rows and comments. Each change is audited in its own transaction.

Rows keep what the school wrote, even when the checker will object: the checker judges, the
services only refuse what cannot be done (a stale edit, a submission with errors, a wrong step).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from caitien.audit.services import audit_record, diff_fields
from caitien.catalog.models import Criterion, Regulation
from caitien.planfile import defaults, vietnamese
from caitien.plans.models import Plan, PlanComment, PlanItem
from caitien.plans.selectors import plan_compare  # noqa: F401  (part of this module's interface)

DONE_STATUS = "Hoàn thành"

# Row fields a person edits in the row editor (texts as written, months as "YYYY-MM").
ITEM_TEXT_FIELDS = (
    "criterion_code",
    "level",
    "issue",
    "expected_result",
    "solutions",
    "indicator",
    "lead_text",
    "coordinators_text",
    "time_text",
    "start_month",
    "end_month",
    "budget_text",
    "funding_source",
    "support",
    "expected_evidence",
    "status",
    "notes",
)
SECTION_HEADER_FIELDS = (
    "title",
    "governing_body",
    "school_name",
    "place",
    "closing_text",
    "signer_title",
    "signer_name",
)


class PlanError(Exception):
    """A step that cannot be taken; the message (Vietnamese) says why."""


class EditConflict(PlanError):
    """Someone else saved first. `current` is the object as saved now (None when it was deleted)."""

    def __init__(self, message: str, *, current=None, changed: dict | None = None):
        super().__init__(message)
        self.current = current
        self.changed = changed or {}


class PlanNotReady(PlanError):
    """The checker found errors; `findings` lists them."""

    def __init__(self, message: str, *, findings):
        super().__init__(message)
        self.findings = findings


# --- optional parts of the product (imported when present) -------------------------------------


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


def plan_findings(plan) -> list:
    """The checker's findings on the saved plan, with what its self-assessment knows."""
    from caitien.checks import run_checks
    from caitien.plans.documents import check_context_for, plan_to_document

    findings = run_checks(plan_to_document(plan), context=check_context_for(plan))
    if plan.status in (Plan.Status.DRAFT, Plan.Status.SUBMITTED):
        # Approval sets the number and the date: before it, only a wrongly written one is worth a remark.
        unset = {"document-number-format": not plan.document_number, "date-format": plan.date is None}
        findings = [f for f in findings if not unset.get(f.rule)]
    return list(findings)


def _default_title(period_kind: str, start_year: int, end_year: int) -> str:
    if period_kind == Plan.PeriodKind.MULTI:
        return f"Kế hoạch cải tiến chất lượng giáo dục giai đoạn {start_year} - {end_year}"
    return f"Kế hoạch cải tiến chất lượng giáo dục năm học {start_year} - {end_year}"


def _bump(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(revision=plan.revision + 1, updated_at=timezone.now())
    plan.revision += 1


# --- creating plans ------------------------------------------------------------------------------


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
    criteria = _criteria_of(regulation)
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
            budget_amounts=[{"vnd": a.vnd, "per": a.per} for a in item.budget_amounts],
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


def _criteria_of(regulation) -> dict:
    return {
        c.code: c
        for c in Criterion.objects.filter(standard__regulation=regulation).select_related("standard")
    }


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
            expected_result="" if is_2026 else f"Khắc phục: {starting}",
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
        _copy_item(item, plan=new, order=carried, keep_time=False)
    audit_record(
        actor=actor,
        action="plan.from_previous",
        obj=new,
        summary=f"Lập kế hoạch từ kế hoạch {plan.period_label} ({carried} dòng chưa hoàn thành)",
    )
    return new


def _copy_item(item: PlanItem, *, plan: Plan, order: int, keep_time: bool = True) -> PlanItem:
    values = {f: getattr(item, f) for f in ITEM_TEXT_FIELDS}
    if not keep_time:
        values.update(time_text="", start_month="", end_month="", status="")
    copy = PlanItem.objects.create(
        plan=plan,
        order=order,
        criterion=item.criterion,
        standard_number=item.standard_number,
        budget_amounts=list(item.budget_amounts),
        **values,
    )
    copy.lead_people.set(item.lead_people.all())
    copy.coordinator_people.set(item.coordinator_people.all())
    return copy


# --- rows ------------------------------------------------------------------------------------------


def _require_editable(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise PlanError(
            "Kế hoạch không còn là dự thảo nên không sửa được. Muốn thay đổi, hãy điều chỉnh kế hoạch."
        )


def item_values(plan: Plan, data: dict, *, item: PlanItem | None = None) -> dict:
    """Model values for a row from what a person typed: criterion, standard, months and money
    understood the way the readers understand a document."""
    values = {}
    for name in ITEM_TEXT_FIELDS:
        if name in data:
            limit = PlanItem._meta.get_field(name).max_length
            text = str(data[name] or "").strip()
            values[name] = text[:limit] if limit else text
    if "criterion_code" in values:
        code = values["criterion_code"].removeprefix("Tiêu chí").strip().split(" ")[0].rstrip(":")
        values["criterion_code"] = code
        criterion = _criteria_of(plan.regulation).get(code)
        values["criterion"] = criterion
        if criterion is not None:
            values["standard_number"] = criterion.standard.number
        elif code and code.split(".")[0].isdigit():
            values["standard_number"] = int(code.split(".")[0])
    # A row may name a standard and no criterion (57/2026); a known criterion decides the standard.
    if "standard_number" in data and not values.get("criterion"):
        raw = str(data["standard_number"] or "").strip()
        if raw.isdigit():
            values["standard_number"] = int(raw)
        elif not raw and not values.get("criterion_code"):
            values["standard_number"] = None
    _time_values(plan, values, item)
    _budget_values(values, data, item)
    return values


def _time_values(plan: Plan, values: dict, item: PlanItem | None) -> None:
    """The editor sends the free text and the two month boxes together; whichever the person
    changed decides. Changed months win (and write the text when it was empty or generated);
    a changed text is read like a document's ("Học kỳ I", "Tháng 9/2025 - 5/2026")."""
    old_start, old_end = (item.start_month, item.end_month) if item else ("", "")
    old_text = item.time_text if item else ""
    start = values.get("start_month", old_start)
    end = values.get("end_month", old_end)
    months_changed = (start, end) != (old_start, old_end) and bool(start or end)
    text_changed = "time_text" in values and values["time_text"] != old_text
    if months_changed:
        start, end = start or end, end or start
        values["start_month"], values["end_month"] = start, end
        text = values.get("time_text", old_text)
        if not text or text == month_span_text(old_start, old_end):
            values["time_text"] = month_span_text(start, end)
    elif text_changed:
        span = None
        if values["time_text"]:
            span = vietnamese.parse_time(
                values["time_text"], {"start_year": plan.start_year, "end_year": plan.end_year}
            )
        values["start_month"] = (span.start if span else "") or ""
        values["end_month"] = (span.end if span else "") or ""
    else:  # neither changed: the page's month boxes may still be empty after a text was read; keep the months
        values.pop("start_month", None), values.pop("end_month", None)


def _budget_values(values: dict, data: dict, item: PlanItem | None) -> None:
    """The same for money: a changed number box wins, else a changed text is read for amounts."""
    old_amounts = list(item.budget_amounts or []) if item else []
    old_number = (
        old_amounts[0].get("vnd") if len(old_amounts) == 1 and not old_amounts[0].get("per") else None
    )
    raw = str(data.get("budget_vnd") or "").replace(".", "").replace(",", "").replace(" ", "")
    number = int(raw) if raw.isdigit() else None
    number_changed = "budget_vnd" in data and number != old_number
    old_text = item.budget_text if item else ""
    text_changed = "budget_text" in values and values["budget_text"] != old_text
    if number_changed and number is not None:
        values["budget_amounts"] = [{"vnd": number, "per": None}] if number else []
        text = values.get("budget_text", old_text)
        if not text or text == _money_text(old_number):
            values["budget_text"] = _money_text(number)
    elif text_changed:
        money = vietnamese.parse_money(values["budget_text"])
        values["budget_amounts"] = [{"vnd": a.vnd, "per": a.per} for a in money.amounts]
    elif number_changed:  # the number box was emptied
        values["budget_amounts"] = []


def _money_text(number) -> str:
    return f"{int(number):,} đồng".replace(",", ".") if number else ""


def month_span_text(start: str, end: str) -> str:
    def label(m):
        return f"tháng {int(m[5:7])}/{m[:4]}"

    if not start:
        return ""
    if start == end or not end:
        return label(start).capitalize()
    return f"Từ {label(start)} đến {label(end)}"


def _next_order(plan: Plan) -> int:
    return (plan.items.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def plan_item_add(
    *, plan: Plan, actor, values: dict | None = None, after: PlanItem | None = None
) -> PlanItem:
    _require_editable(plan)
    if after is not None:
        plan.items.filter(order__gt=after.order).update(order=F("order") + 1)
        order = after.order + 1
    else:
        order = _next_order(plan)
    item = PlanItem.objects.create(plan=plan, order=order, **item_values(plan, values or {}))
    if item.lead_text or item.coordinators_text:
        _match_people(item)
    _renumber(plan)
    audit_record(
        actor=actor,
        action="plan_item.create",
        obj=item,
        school=plan.school,
        summary=f"Thêm dòng vào {plan.title}",
    )
    return item


@transaction.atomic
def plan_item_update(*, item: PlanItem, actor, values: dict, revision: int | None) -> PlanItem:
    """Saves a row unless someone else saved it since `revision` was read: then EditConflict,
    carrying the row as saved now, so the person sees the other value and decides."""
    current = PlanItem.objects.select_for_update().filter(pk=item.pk).first()
    if current is None:
        raise EditConflict("Dòng này vừa bị người khác xóa. Hãy tải lại trang.", current=None)
    plan = Plan.objects.get(pk=current.plan_id)
    _require_editable(plan)
    new_values = item_values(plan, values, item=current)
    if revision is not None and int(revision) != current.revision:
        theirs = {
            f: getattr(current, f)
            for f in ITEM_TEXT_FIELDS
            if f in new_values and getattr(current, f) != new_values[f]
        }
        raise EditConflict(
            "Người khác vừa lưu dòng này trước bạn. Hãy xem giá trị họ đã lưu, rồi tải lại dòng "
            "và nhập lại phần của bạn.",
            current=current,
            changed=theirs,
        )
    changes = diff_fields(current, new_values)
    if not changes:
        return current
    for name, value in new_values.items():
        setattr(current, name, value)
    current.revision += 1
    current.save()
    _match_people(current)
    audit_record(
        actor=actor,
        action="plan_item.update",
        obj=current,
        school=plan.school,
        changes=changes,
        summary=f"Sửa dòng {current.order} của {plan.title}",
    )
    return current


def _match_people(item: PlanItem) -> None:
    """Links a row to the school's people whose name its lead/coordinators name (for their to-do list)."""
    from caitien.schools.models import User

    people = list(User.objects.filter(memberships__school=item.plan.school).distinct())
    lead = [u for u in people if u.full_name and u.full_name in item.lead_text]
    coord = [u for u in people if u.full_name and u.full_name in item.coordinators_text]
    item.lead_people.set(lead)
    item.coordinator_people.set(coord)


@transaction.atomic
def plan_item_delete(*, item: PlanItem, actor) -> None:
    plan = item.plan
    _require_editable(plan)
    summary = f"Xóa dòng {item.order} ({item.criterion_code or 'không tiêu chí'}) của {plan.title}"
    audit_record(
        actor=actor,
        action="plan_item.delete",
        obj=item,
        school=plan.school,
        summary=summary,
        changes={f: [getattr(item, f), None] for f in ITEM_TEXT_FIELDS if getattr(item, f)},
    )
    item.delete()
    _renumber(plan)


@transaction.atomic
def plan_item_move(*, item: PlanItem, actor, direction: str) -> PlanItem:
    """Moves a row one place "up" or "down"."""
    plan = item.plan
    _require_editable(plan)
    _renumber(plan)
    item.refresh_from_db()
    rows = list(plan.items.order_by("order", "id"))
    index = next(i for i, r in enumerate(rows) if r.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        for order, row in enumerate(rows, start=1):
            if row.order != order:
                PlanItem.objects.filter(pk=row.pk).update(order=order)
        audit_record(
            actor=actor,
            action="plan_item.move",
            obj=item,
            school=plan.school,
            summary=f"Chuyển dòng {index + 1} {'lên' if direction == 'up' else 'xuống'} trong {plan.title}",
        )
    item.refresh_from_db()
    return item


@transaction.atomic
def plan_item_duplicate(*, item: PlanItem, actor) -> PlanItem:
    plan = item.plan
    _require_editable(plan)
    plan.items.filter(order__gt=item.order).update(order=F("order") + 1)
    copy = _copy_item(item, plan=plan, order=item.order + 1)
    _renumber(plan)
    audit_record(
        actor=actor,
        action="plan_item.duplicate",
        obj=copy,
        school=plan.school,
        summary=f"Nhân bản dòng {item.order} của {plan.title}",
    )
    return copy


def _renumber(plan: Plan) -> None:
    for order, pk in enumerate(plan.items.order_by("order", "id").values_list("pk", flat=True), start=1):
        PlanItem.objects.filter(pk=pk).exclude(order=order).update(order=order)


# --- sections and header ----------------------------------------------------------------------------


@transaction.atomic
def plan_update_sections(
    *,
    plan: Plan,
    actor,
    sections: dict | None = None,
    header: dict | None = None,
    revision: int | None = None,
    priority_issues: list | None = None,
    monitoring: list | None = None,
) -> Plan:
    """Saves the plan's section texts (keyed as the plan form's sections), header fields and the
    small tables of the 57/2026 form (priority issues, monitoring)."""
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(current)
    if revision is not None and int(revision) != current.revision:
        raise EditConflict(
            "Người khác vừa lưu phần này của kế hoạch trước bạn. Hãy xem nội dung họ đã lưu, "
            "rồi tải lại trang và nhập lại phần của bạn.",
            current=current,
        )
    new_values = {}
    if sections is not None:
        merged = dict(current.sections or {})
        merged.update({k: str(v).strip() for k, v in sections.items()})
        new_values["sections"] = merged
    for name in SECTION_HEADER_FIELDS:
        if header and name in header:
            new_values[name] = str(header[name] or "").strip()
    if priority_issues is not None:
        new_values["priority_issues"] = [_priority_issue(x) for x in priority_issues]
    if monitoring is not None:
        new_values["monitoring"] = [
            {
                k: str(x.get(k) or "").strip()
                for k in ("moment", "content", "result", "adjustment", "assessor")
            }
            for x in monitoring
        ]
    if header and "recipients" in header:
        recipients = header["recipients"]
        if isinstance(recipients, str):
            recipients = [r.strip(" -;") for r in recipients.splitlines() if r.strip(" -;")]
        new_values["recipients"] = list(recipients)
    changes = diff_fields(current, new_values)
    if changes:
        for name, value in new_values.items():
            setattr(current, name, value)
        current.revision += 1
        current.save()
        audit_record(
            actor=actor,
            action="plan.update",
            obj=current,
            changes=changes,
            summary=f"Sửa nội dung {current.title}",
        )
    plan.__dict__.update(
        {
            k: getattr(current, k)
            for k in (
                "revision",
                "sections",
                *SECTION_HEADER_FIELDS,
                "recipients",
                "priority_issues",
                "monitoring",
            )
        }
    )
    return current


def _priority_issue(row: dict) -> dict:
    raw = str(row.get("standard") or "").strip().removeprefix("Tiêu chuẩn").strip()
    return {
        "standard": int(raw) if raw.isdigit() else None,
        **{k: str(row.get(k) or "").strip() for k in ("criteria", "current_state", "limitation", "cause")},
    }


# --- workflow ---------------------------------------------------------------------------------------


@transaction.atomic
def plan_submit(*, plan: Plan, actor) -> Plan:
    """Draft → waiting for approval; refused while the checker finds errors."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    if not plan.items.exists():
        raise PlanNotReady(
            "Kế hoạch chưa có dòng nào. Hãy thêm các nội dung cải tiến trước khi gửi phê duyệt.", findings=[]
        )
    errors = [f for f in plan_findings(plan) if f.severity == "error"]
    if errors:
        raise PlanNotReady(
            f"Chưa gửi phê duyệt được: kế hoạch còn {len(errors)} lỗi cần sửa.", findings=errors
        )
    plan.status = Plan.Status.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.revision += 1
    plan.save()
    audit_record(
        actor=actor,
        action="plan.submit",
        obj=plan,
        summary=f"Gửi phê duyệt {plan.title}",
        changes={"status": ["draft", "submitted"]},
    )
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, actor, reason: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError("Chỉ trả lại được kế hoạch đang chờ phê duyệt.")
    reason = (reason or "").strip()
    if not reason:
        raise PlanError("Hãy ghi lý do trả lại để người soạn biết cần sửa gì.")
    plan.status = Plan.Status.DRAFT
    plan.revision += 1
    plan.save()
    PlanComment.objects.create(plan=plan, author=actor, text=f"Trả lại để sửa: {reason}")
    audit_record(
        actor=actor,
        action="plan.return",
        obj=plan,
        summary=f"Trả lại {plan.title}: {reason}",
        changes={"status": ["submitted", "draft"]},
    )
    return plan


@transaction.atomic
def plan_approve(
    *, plan: Plan, actor, number: str, date: datetime.date, signer: str, signer_title: str = "HIỆU TRƯỞNG"
) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError("Chỉ phê duyệt được kế hoạch đang chờ phê duyệt.")
    number, signer = (number or "").strip(), (signer or "").strip()
    if not number or not signer or not date:
        raise PlanError("Hãy nhập đủ số văn bản (ví dụ: 45/KH-THHB), ngày ban hành và họ tên người ký.")
    changes = diff_fields(plan, {"document_number": number, "date": date, "signer_name": signer})
    plan.document_number, plan.date, plan.signer_name = number, date, signer
    plan.signer_title = (signer_title or plan.signer_title or "HIỆU TRƯỞNG").strip()
    plan.status = Plan.Status.APPROVED
    plan.approved_at, plan.approved_by = timezone.now(), actor
    plan.revision += 1
    plan.save()
    changes["status"] = ["submitted", "approved"]
    audit_record(
        actor=actor,
        action="plan.approve",
        obj=plan,
        changes=changes,
        summary=f"Phê duyệt {plan.title}, số {number}",
    )
    return plan


@transaction.atomic
def plan_publish(*, plan: Plan, actor) -> Plan:
    """Approved → public; the version it adjusts becomes superseded (kept, still public)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.APPROVED:
        raise PlanError("Chỉ công khai được kế hoạch đã phê duyệt.")
    plan.status = Plan.Status.PUBLISHED
    plan.published_at = timezone.now()
    plan.revision += 1
    plan.save()
    root = plan.root
    older = (
        Plan.objects.filter(status=Plan.Status.PUBLISHED)
        .exclude(pk=plan.pk)
        .filter(Q(pk=root.pk) | Q(lineage=root))
    )
    for old in older:
        old.status = Plan.Status.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.supersede",
            obj=old,
            changes={"status": ["published", "superseded"]},
            summary=f"Phiên bản {old.version} được thay bằng phiên bản {plan.version}",
        )
    audit_record(
        actor=actor,
        action="plan.publish",
        obj=plan,
        summary=f"Công khai {plan.title}",
        changes={"status": ["approved", "published"]},
    )
    return plan


@transaction.atomic
def plan_revise(*, plan: Plan, reason: str, actor) -> Plan:
    """Điều chỉnh kế hoạch: a published plan gets a new draft version in the same lineage."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.PUBLISHED:
        raise PlanError("Chỉ điều chỉnh được kế hoạch đã công khai.")
    reason = (reason or "").strip()
    if not reason:
        raise PlanError("Hãy ghi lý do điều chỉnh kế hoạch (ví dụ: thay đổi kinh phí được cấp).")
    if Plan.objects.filter(previous=plan).exists():
        raise PlanError("Kế hoạch này đã có bản điều chỉnh đang soạn. Hãy mở bản đó để tiếp tục.")
    root = plan.root
    last = Plan.objects.filter(lineage=root).aggregate(m=Max("version"))["m"] or root.version
    copy_fields = (
        "school",
        "regulation",
        "self_assessment",
        "period_kind",
        "start_year",
        "end_year",
        "title",
        "governing_body",
        "school_name",
        "place",
        "sections",
        "priority_issues",
        "monitoring",
        "closing_text",
        "recipients",
        "signer_title",
        "signer_name",
        "source_file",
    )
    new = Plan.objects.create(
        **{f: getattr(plan, f) for f in copy_fields},
        lineage=root,
        version=last + 1,
        previous=plan,
        revision_reason=reason,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for item in plan.items.all():
        _copy_item(item, plan=new, order=item.order)
    audit_record(
        actor=actor,
        action="plan.revise",
        obj=new,
        summary=f"Điều chỉnh {plan.title} (phiên bản {new.version}): {reason}",
    )
    return new


@transaction.atomic
def plan_comment_add(*, plan: Plan, actor, text: str, item: PlanItem | None = None) -> PlanComment:
    text = (text or "").strip()
    if not text:
        raise PlanError("Góp ý đang trống. Hãy viết nội dung góp ý.")
    if item is not None and item.plan_id != plan.pk:
        raise PlanError("Dòng được góp ý không thuộc kế hoạch này.")
    comment = PlanComment.objects.create(plan=plan, item=item, author=actor, text=text)
    where = f"dòng {item.order}" if item else "kế hoạch"
    audit_record(
        actor=actor,
        action="plan.comment",
        obj=comment,
        school=plan.school,
        summary=f"Góp ý {where} của {plan.title}",
    )
    return comment
