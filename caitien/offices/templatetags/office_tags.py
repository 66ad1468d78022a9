"""Filters of the office pages: numbers with thousands separators, percentages, query links."""

from django import template

register = template.Library()


@register.filter
def number(value):
    """350000000 → "350.000.000"; empty stays empty."""
    if value in (None, ""):
        return ""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value


@register.filter
def percent(value):
    """0.456 → "46%"; None → "—"."""
    if value is None:
        return "—"
    return f"{round(float(value) * 100)}%"
