"""Filters of the office pages: numbers with thousands separators, percentages, query links, offices' short names."""

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


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


# How offices write each other's names in tables and letters ("Phòng GDĐT huyện Gò Dầu").
_OFFICE_PREFIXES = (("Phòng Giáo dục và Đào tạo", "Phòng GDĐT"), ("Sở Giáo dục và Đào tạo", "Sở GDĐT"))


@register.filter
def office_short(name):
    """ "Phòng Giáo dục và Đào tạo huyện Gò Dầu" → "Phòng GDĐT huyện Gò Dầu"; other names unchanged."""
    name = name or ""
    for long, short in _OFFICE_PREFIXES:
        if name.startswith(long):
            return short + name[len(long) :]
    return name
