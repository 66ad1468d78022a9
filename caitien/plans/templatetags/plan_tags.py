"""Small filters for the plan pages: a row's cell for a form column, money in đồng."""

from django import template

register = template.Library()

_CELL = {
    "criterion": lambda i: i.criterion_code,
    "lead": lambda i: i.lead,
    "budget_text": lambda i: "; ".join(x for x in (i.budget_text, i.funding_source) if x),
}


@register.filter
def cell(item, key):
    """The text of `item` under the plan form's column `key`."""
    if key in _CELL:
        return _CELL[key](item)
    return getattr(item, key, "")


@register.filter
def vnd(value):
    """12500000 → "12.500.000 đồng"."""
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        return value
    return f"{number:,}".replace(",", ".") + " đồng"


@register.filter
def single_amount(item):
    """The row's amount when it is one one-off sum (the number box shows it), else ""."""
    amounts = item.budget_amounts or []
    if len(amounts) == 1 and not amounts[0].get("per"):
        return amounts[0].get("vnd") or ""
    return ""


@register.filter
def severity_badge(severity):
    return {"error": "badge-error", "warning": "badge-warning"}.get(severity, "badge-info")


@register.filter
def severity_label(severity):
    return {"error": "Lỗi", "warning": "Cảnh báo"}.get(severity, "Gợi ý")


@register.filter
def fold(text):
    from caitien.text import fold as _fold

    return _fold(text)


@register.filter
def field_label(name):
    """A row field's Vietnamese name, from the model."""
    from caitien.plans.models import PlanItem

    try:
        return PlanItem._meta.get_field(name).verbose_name
    except Exception:
        return name


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def lines(values):
    """A list as one text, a line each (for a textarea)."""
    return "\n".join(str(v) for v in values or [])


@register.filter
def index(sequence, i):
    return sequence[i]


def _vnd_short(number) -> str:
    return f"{int(number or 0):,}".replace(",", ".") + " đ"


_PER = {"month": "/tháng", "year": "/năm"}


@register.filter
def time_reading(item, plan=None):
    """What the editor understood from a row's time, shown beside the cell:
    {"state": "ok" | "manual" | "unread" | "empty", "text": "..."}. `plan` gives the period that
    times without a year belong to."""
    from caitien.planfile import vietnamese
    from caitien.web.inputs import month_span

    if item.start_month or item.end_month:
        span = month_span(item.start_month, item.end_month)
        if item.months_manual:
            return {"state": "manual", "text": f"Tháng chọn tay: {span}"}
        return {"state": "ok", "text": f"≈ {span}"}
    if (item.time_text or "").strip():
        period = {"start_year": plan.start_year, "end_year": plan.end_year} if plan else None
        problems = vietnamese.parse_time(item.time_text, period).problems
        if problems:
            return {"state": "unread", "text": "Thời gian ghi sai: " + " ".join(problems)}
        return {
            "state": "unread",
            "text": "Chưa hiểu thời gian này. Hãy ghi tháng/năm (ví dụ 9/2025 - 5/2026) hoặc chọn tháng.",
        }
    return {"state": "empty", "text": ""}


def amount_label(a: dict) -> str:
    """{"vnd": 20000000, "unit_vnd": 2000000, "count": 10} -> "20.000.000 đ (2.000.000 đ × 10)"."""
    text = _vnd_short(a.get("vnd")) + _PER.get(a.get("per") or "", "")
    if a.get("unit_vnd") and a.get("count"):
        text += f" ({_vnd_short(a['unit_vnd'])} × {a['count']})"
    parts = a.get("parts") or []
    if parts:
        text += (
            " ("
            + "; ".join(f"{p.get('source') or 'chưa rõ nguồn'} {_vnd_short(p.get('vnd'))}" for p in parts)
            + ")"
        )
    return text


@register.filter
def money_reading(item):
    """What the editor understood from a row's budget text, shown beside the cell."""
    amounts = [a for a in item.budget_amounts or [] if isinstance(a, dict)]
    if amounts:
        text = "; ".join(amount_label(a) for a in amounts)
        if len(amounts) > 1 and not any(a.get("per") for a in amounts):
            text += f" — cộng {_vnd_short(sum(int(a.get('vnd') or 0) for a in amounts))}"
        if item.budget_manual:
            return {"state": "manual", "text": f"Số tiền nhập tay: {text}"}
        from caitien.planfile import vietnamese

        problems = vietnamese.parse_money(item.budget_text).problems if item.budget_text else []
        if problems:
            return {"state": "unread", "text": f"≈ {text}. " + " ".join(problems)}
        return {"state": "ok", "text": f"≈ {text}"}
    from caitien.planfile import vietnamese

    if (item.budget_text or "").strip():
        money = vietnamese.parse_money(item.budget_text)
        if money.problems and money.problems != ["Có ghi số nhưng không đọc được số tiền."]:
            return {"state": "unread", "text": " ".join(money.problems)}
        if not money.ok:
            return {
                "state": "unread",
                "text": "Chưa đọc được số tiền. Hãy ghi dạng 7.000.000 đồng hoặc 7 triệu đồng, hoặc nhập số tiền.",
            }
    return {"state": "empty", "text": ""}


@register.filter
def limit(field_name):
    """The character limit of a row field (for data-limit)."""
    from caitien.plans.limits import ITEM_LIMITS

    return ITEM_LIMITS.get(field_name, "")


@register.filter
def input_month(value):
    from caitien.web.inputs import format_month

    return format_month(value)


@register.filter
def single_amount_text(item):
    """The amount box's text: "12.500.000" for one one-off sum, else ""."""
    number = single_amount(item)
    return f"{int(number):,}".replace(",", ".") if number else ""


@register.filter
def has_any(item, keys):
    """Whether any of the row's fields named in `keys` holds text."""
    return any(str(getattr(item, k, "") or "").strip() for k in keys or [])


@register.filter
def nd30_date(value):
    """date(2025, 8, 5) -> "ngày 05 tháng 8 năm 2025": days below 10 and months 1 and 2 take a
    leading zero, other months do not (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    if not value:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
