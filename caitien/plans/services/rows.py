"""Row edits: what a person typed understood as values, add, update (with revisions), delete,
move, duplicate. Rows keep what the school wrote, even when the checker will object."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max

from caitien.audit.services import audit_record, diff_fields
from caitien.catalog.models import Criterion
from caitien.planfile import vietnamese
from caitien.plans.models import Plan, PlanItem
from caitien.plans.services.errors import EditConflict, PlanError, RowInputError
from caitien.web import inputs

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


def require_editable(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise PlanError(
            "Kế hoạch không còn là dự thảo nên không sửa được. Muốn thay đổi, hãy điều chỉnh kế hoạch."
        )


def criteria_of(regulation) -> dict:
    return {
        c.code: c
        for c in Criterion.objects.filter(standard__regulation=regulation).select_related("standard")
    }


def copy_item(item: PlanItem, *, plan: Plan, order: int, keep_time: bool = True) -> PlanItem:
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
        criterion = criteria_of(plan.regulation).get(code)
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
    for name in ("start_month", "end_month"):
        if values.get(name):
            try:
                values[name] = inputs.parse_month(values[name])
            except inputs.InputError as exc:
                label = "Từ tháng" if name == "start_month" else "Đến tháng"
                raise RowInputError(f"{label}: {exc}", field=name) from exc
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
    require_editable(plan)
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
    require_editable(plan)
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
    require_editable(plan)
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
    require_editable(plan)
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
    require_editable(plan)
    plan.items.filter(order__gt=item.order).update(order=F("order") + 1)
    copy = copy_item(item, plan=plan, order=item.order + 1)
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
