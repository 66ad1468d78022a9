"""Row edits: what a person typed understood as values, add, update (with revisions), delete,
move, duplicate. Rows keep what the school wrote, even when the checker will object."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from caitien.audit.services import audit_record, diff_fields
from caitien.catalog.models import Criterion
from caitien.planfile import vietnamese
from caitien.planfile.model import amount_to_dict
from caitien.planfile.vietnamese import nfc
from caitien.plans import limits
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


def not_editable_reason(plan: Plan) -> str:
    """Why a plan that is not a draft cannot be changed, in the words of its real state."""
    return {
        Plan.Status.SUBMITTED: "Kế hoạch đang chờ Hiệu trưởng phê duyệt nên tạm thời không sửa được. "
        "Nếu cần sửa, Hiệu trưởng trả lại kế hoạch về dự thảo kèm lý do.",
        Plan.Status.APPROVED: "Kế hoạch đã được phê duyệt nên không sửa trực tiếp được nữa. Sau khi "
        "công khai, muốn thay đổi thì dùng “Điều chỉnh kế hoạch” để lập phiên bản mới.",
        Plan.Status.PUBLISHED: "Kế hoạch đã công khai nên không sửa trực tiếp được. Muốn thay đổi, "
        "hãy dùng “Điều chỉnh kế hoạch” để lập phiên bản mới.",
        Plan.Status.SUPERSEDED: "Phiên bản này đã được thay bằng phiên bản điều chỉnh nên không sửa "
        "được. Hãy mở phiên bản mới nhất của kế hoạch.",
    }.get(plan.status, "Kế hoạch này không sửa được.")


def require_editable(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise PlanError(not_editable_reason(plan))


def criteria_of(regulation) -> dict:
    return {
        c.code: c
        for c in Criterion.objects.filter(standard__regulation=regulation).select_related("standard")
    }


def copy_item(
    item: PlanItem, *, plan: Plan, order: int, keep_time: bool = True, keep_key: bool = False
) -> PlanItem:
    """A copy of the row in `plan`. `keep_key`: the copy is the same row in a new version."""
    values = {f: getattr(item, f) for f in ITEM_TEXT_FIELDS}
    if not keep_time:
        values.update(time_text="", start_month="", end_month="", status="")
    copy = PlanItem.objects.create(
        plan=plan,
        order=order,
        criterion=item.criterion,
        standard_number=item.standard_number,
        budget_amounts=list(item.budget_amounts),
        months_manual=item.months_manual and keep_time,
        budget_manual=item.budget_manual,
        **({"key": item.key} if keep_key else {}),
        **values,
    )
    lead, coordinators = list(item.lead_people.all()), list(item.coordinator_people.all())
    if lead:
        copy.lead_people.set(lead)
    if coordinators:
        copy.coordinator_people.set(coordinators)
    return copy


def field_label(name: str) -> str:
    if name == "budget_vnd":
        return "Số tiền"
    return str(PlanItem._meta.get_field(name).verbose_name).capitalize()


def item_values(plan: Plan, data: dict, *, item: PlanItem | None = None) -> dict:
    """Model values for what a person typed (only the fields present in `data`): criterion,
    standard, months and money understood the way the readers understand a document. A value that
    cannot be used (a month like 13/2025, a text past its limit) raises RowInputError naming the cell."""
    values = {}
    for name in ITEM_TEXT_FIELDS:
        if name in data:
            text = nfc(str(data[name] or "")).strip()
            limit = limits.ITEM_LIMITS.get(name)
            refusal = limit and limits.too_long(f"Ô “{field_label(name)}”", text, limit)
            if refusal:
                raise RowInputError(refusal, field=name)
            values[name] = text
    if "criterion_code" in values:
        code = values["criterion_code"].removeprefix("Tiêu chí").strip().split(" ")[0].rstrip(":")
        values["criterion_code"] = code
        criterion = criteria_of(plan.regulation).get(code) if code else None
        values["criterion"] = criterion
        if criterion is not None:
            values["standard_number"] = criterion.standard.number
        elif code and code.split(".")[0].isascii() and code.split(".")[0].isdigit() and len(code) < 12:
            values["standard_number"] = int(code.split(".")[0])
    # A row may name a standard and no criterion (57/2026); a known criterion decides the standard.
    if "standard_number" in data and not values.get("criterion"):
        raw = str(data["standard_number"] or "").strip()
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 20:
            values["standard_number"] = int(raw)
        elif raw:
            raise RowInputError(
                f"Tiêu chuẩn “{raw}” không có: hãy ghi số của tiêu chuẩn, ví dụ 3.", field="standard_number"
            )
        elif not values.get("criterion_code"):
            values["standard_number"] = None
    for name in ("start_month", "end_month"):
        if values.get(name):
            try:
                values[name] = inputs.parse_month(values[name])
            except inputs.InputError as exc:
                raise RowInputError(f"{field_label(name)}: {exc}", field=name) from exc
    _time_values(plan, values, data, item)
    _budget_values(values, data, item)
    return values


def _plan_period(plan: Plan) -> dict:
    return {"start_year": plan.start_year, "end_year": plan.end_year}


def _months_of(plan: Plan, text: str) -> tuple[str, str]:
    span = vietnamese.parse_time(text, _plan_period(plan)) if text else None
    return (span.start or "", span.end or "") if span and span.ok else ("", "")


def _time_values(plan: Plan, values: dict, data: dict, item: PlanItem | None) -> None:
    """One source of truth for a row's time: the text as written, read like a document's ("Học kỳ
    I", "Tháng 9/2025 - 5/2026"), unless the person chose the months by hand (an override). Months
    chosen by hand write the text when it was empty or generated; otherwise the text stays as
    written and the months are marked as chosen, so a later text edit leaves them alone."""
    old_start, old_end = (item.start_month, item.end_month) if item else ("", "")
    old_text = item.time_text if item else ""
    manual = item.months_manual if item else False
    text = values.get("time_text", old_text)
    start, end = values.get("start_month", old_start), values.get("end_month", old_end)
    months_changed = ("start_month" in values or "end_month" in values) and (start, end) != (
        old_start,
        old_end,
    )
    if data.get("months_auto"):
        values["months_manual"] = False
        values["start_month"], values["end_month"] = _months_of(plan, text)
    elif months_changed and (start or end):
        start, end = start or end, end or start
        if start > end:
            raise RowInputError(
                f"Tháng bắt đầu ({inputs.format_month(start)}) sau tháng kết thúc "
                f"({inputs.format_month(end)}). Hãy sửa lại một trong hai tháng.",
                field="end_month",
            )
        values["start_month"], values["end_month"] = start, end
        if not text or text == month_span_text(old_start, old_end):
            values["time_text"] = month_span_text(start, end)
            values["months_manual"] = False
        else:  # chosen by hand, unless they are what the text says anyway
            values["months_manual"] = (start, end) != _months_of(plan, text)
    elif months_changed:  # both months emptied: back to what the text says
        values["months_manual"] = False
        values["start_month"], values["end_month"] = _months_of(plan, text)
    elif "time_text" in values and text != old_text and not manual:
        values["start_month"], values["end_month"] = _months_of(plan, text)
    else:
        values.pop("start_month", None), values.pop("end_month", None)


def parse_amount_box(raw) -> int | None:
    """What the amount box holds: "7.000.000", "7000000", "7 triệu" -> 7000000; "" -> None.
    Anything else raises RowInputError (the box never silently becomes 0)."""
    text = nfc(str(raw or "")).strip()
    if not text:
        return None
    digits = text.replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ").removesuffix("đồng")
    if digits.lstrip("-").isascii() and digits.lstrip("-").isdigit():
        number = int(digits)
    else:
        money = vietnamese.parse_money(text)
        if len(money.amounts) != 1 or money.amounts[0].per or not money.ok:
            raise RowInputError(
                f"Số tiền “{text}” chưa đọc được. Hãy ghi số đồng, ví dụ 7.000.000 hoặc 7 triệu.",
                field="budget_vnd",
            )
        number = money.amounts[0].vnd
    if number < 0:
        raise RowInputError("Số tiền không thể âm. Hãy ghi số đồng, ví dụ 7.000.000.", field="budget_vnd")
    if number > vietnamese.ABSURD_VND:
        raise RowInputError(
            f"Số tiền {limits.number(number)} đồng lớn bất thường cho một dòng kế hoạch. "
            "Hãy kiểm tra lại các chữ số 0.",
            field="budget_vnd",
        )
    return number


def _single(amounts) -> int | None:
    amounts = list(amounts or [])
    if len(amounts) == 1 and not amounts[0].get("per"):
        return amounts[0].get("vnd")
    return None


def _budget_values(values: dict, data: dict, item: PlanItem | None) -> None:
    """The same for money: the text as written and what it says, unless the person typed the
    amount by hand (then the text is written for them when it was empty or generated)."""
    old_amounts = list(item.budget_amounts or []) if item else []
    old_text = item.budget_text if item else ""
    manual = item.budget_manual if item else False
    old_number = _single(old_amounts)
    text = values.get("budget_text", old_text)
    number = parse_amount_box(data["budget_vnd"]) if "budget_vnd" in data else old_number
    number_changed = "budget_vnd" in data and number != old_number
    if data.get("budget_auto"):
        values["budget_manual"] = False
        values["budget_amounts"] = money_amounts(text)
    elif number_changed and number:
        values["budget_amounts"] = [{"vnd": number, "per": None}]
        if not text or text == money_text(old_number):
            values["budget_text"] = money_text(number)
            values["budget_manual"] = False
        else:  # typed by hand, unless it is what the text says anyway
            values["budget_manual"] = _single(money_amounts(text)) != number
    elif number_changed:  # the box was emptied: back to what the text says
        values["budget_manual"] = False
        values["budget_amounts"] = money_amounts(text)
    elif "budget_text" in values and text != old_text and not manual:
        values["budget_amounts"] = money_amounts(text)


def money_amounts(text: str) -> list[dict]:
    """The amounts a budget text states, as stored in PlanItem.budget_amounts."""
    return [amount_to_dict(a) for a in vietnamese.parse_money(text).amounts] if text else []


def money_text(number) -> str:
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
    return (PlanItem.objects.filter(plan=plan).aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def plan_item_add(
    *, plan: Plan, actor, values: dict | None = None, after: PlanItem | None = None
) -> PlanItem:
    """A new row at the end, or right below `after`. Rows below shift down in one statement, so
    adding costs the same whatever the number of rows."""
    require_editable(plan)
    if after is not None:
        PlanItem.objects.filter(plan=plan, order__gt=after.order).update(order=F("order") + 1)
        order = after.order + 1
    else:
        order = _next_order(plan)
    item = PlanItem.objects.create(plan=plan, order=order, **item_values(plan, values or {}))
    if item.lead_text or item.coordinators_text:
        _match_people(item)
    audit_record(
        actor=actor,
        action="plan_item.create",
        obj=item,
        school=plan.school,
        summary=f"Thêm dòng {order} vào {plan.title}",
    )
    return item


# What a person may post for a row beside its cells: the amount box and the override switches.
_POSTED_EXTRAS = ("budget_vnd", "standard_number")


def _was(name: str, raw) -> object:
    """A posted "was" value (what the page showed) in the row's own terms, for comparing."""
    text = nfc(str(raw or "")).strip()
    if name in ("start_month", "end_month"):
        try:
            return inputs.parse_month(text) if text else ""
        except inputs.InputError:
            return text
    if name == "budget_vnd":
        try:
            return parse_amount_box(text)
        except RowInputError:
            return text
    if name == "standard_number":
        return int(text) if text.isascii() and text.isdigit() and len(text) < 4 else None
    return text


def _current(item: PlanItem, name: str):
    return _single(item.budget_amounts) if name == "budget_vnd" else getattr(item, name)


@transaction.atomic
def plan_item_update(
    *, item: PlanItem, actor, values: dict, revision: int | None, base: dict | None = None
) -> PlanItem:
    """Saves what the person changed in a row. `revision` is the row's revision the page was
    based on; a save naming none is refused. When someone else saved the row since, the edits
    merge by field: `base` holds what the page showed for each field, and a field conflicts only
    when the other person changed that same field (EditConflict names only those, with their
    values). Without `base` (a page without scripts) every field that differs counts as changed."""
    current = (
        PlanItem.objects.select_for_update()
        .select_related("plan__school", "plan__regulation")
        .filter(pk=item.pk, plan_id=item.plan_id)
        .first()
    )
    if current is None:
        raise EditConflict("Dòng này vừa bị người khác xóa. Hãy tải lại trang.", current=None)
    plan = current.plan
    require_editable(plan)
    if revision is None:
        raise EditConflict(
            "Chưa lưu: trang không cho biết bạn sửa từ bản nào của dòng này, nên không thể biết có "
            "ghi đè lên phần người khác vừa lưu hay không. Hãy tải lại dòng rồi sửa lại.",
            current=current,
        )
    posted = [n for n in (*ITEM_TEXT_FIELDS, *_POSTED_EXTRAS) if n in values]
    new_values = item_values(plan, values, item=current)
    if int(revision) != current.revision:
        theirs = {}
        for name in posted:
            mine = _was(name, values[name])
            now = _current(current, name)
            if mine == now:
                continue  # the person typed what is already saved
            if base is not None and name in base and _was(name, base[name]) == now:
                continue  # nobody else touched this field: merge
            theirs[name] = now
        if theirs:
            raise EditConflict(
                "Người khác vừa lưu "
                + ", ".join(f"ô “{field_label(n)}”" for n in theirs)
                + " của dòng này trước bạn. Hãy xem nội dung họ đã lưu rồi chọn giữ bản nào.",
                current=current,
                changed=theirs,
            )
    changes = diff_fields(current, new_values)
    if not changes:
        return current
    for name, value in new_values.items():
        setattr(current, name, value)
    current.revision += 1
    current.save(update_fields=[*new_values, "revision", "updated_at"])
    if "lead_text" in changes or "coordinators_text" in changes:
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

    people = list(User.objects.filter(memberships__school_id=item.plan.school_id).distinct())
    lead = [u for u in people if u.full_name and u.full_name in item.lead_text]
    coord = [u for u in people if u.full_name and u.full_name in item.coordinators_text]
    item.lead_people.set(lead)
    item.coordinator_people.set(coord)


@transaction.atomic
def plan_item_delete(*, item: PlanItem, actor) -> PlanItem:
    """Deletes a row from the plan. The row is kept hidden (with its comments) so the deletion can
    be undone with plan_item_restore; rows below move up in one statement."""
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
    PlanItem.objects.filter(pk=item.pk).update(deleted_at=timezone.now())
    PlanItem.objects.filter(plan=plan, order__gt=item.order).update(order=F("order") - 1)
    item.deleted_at = timezone.now()
    return item


@transaction.atomic
def plan_item_restore(*, item: PlanItem, actor) -> PlanItem:
    """Undoes a deletion: the row comes back at its place, as it was."""
    plan = item.plan
    require_editable(plan)
    if item.deleted_at is None:
        return item
    order = min(item.order, _next_order(plan))
    PlanItem.objects.filter(plan=plan, order__gte=order).update(order=F("order") + 1)
    PlanItem.all_objects.filter(pk=item.pk).update(deleted_at=None, order=order)
    item.deleted_at, item.order = None, order
    audit_record(
        actor=actor,
        action="plan_item.restore",
        obj=item,
        school=plan.school,
        summary=f"Hoàn tác xóa dòng {order} ({item.criterion_code or 'không tiêu chí'}) của {plan.title}",
    )
    return item


def _dense(plan: Plan) -> list[tuple[int, int]]:
    """(pk, order) of the plan's rows, renumbered 1..n in one bulk statement if they were not."""
    rows = list(plan.items.order_by("order", "id").values_list("pk", "order"))
    wrong = [PlanItem(pk=pk, order=n) for n, (pk, order) in enumerate(rows, start=1) if order != n]
    if wrong:
        PlanItem.objects.bulk_update(wrong, ["order"])
    return [(pk, n) for n, (pk, _order) in enumerate(rows, start=1)]


@transaction.atomic
def plan_item_move(*, item: PlanItem, actor, direction: str) -> PlanItem:
    """Moves a row one place "up" or "down" (two rows change places)."""
    plan = item.plan
    require_editable(plan)
    rows = _dense(plan)
    index = next(i for i, (pk, _n) in enumerate(rows) if pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        PlanItem.objects.filter(pk=rows[index][0]).update(order=other + 1)
        PlanItem.objects.filter(pk=rows[other][0]).update(order=index + 1)
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
    PlanItem.objects.filter(plan=plan, order__gt=item.order).update(order=F("order") + 1)
    copy = copy_item(item, plan=plan, order=item.order + 1)
    audit_record(
        actor=actor,
        action="plan_item.duplicate",
        obj=copy,
        school=plan.school,
        summary=f"Nhân bản dòng {item.order} của {plan.title}",
    )
    return copy
