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
