"""The Vietnamese inputs in templates that build their fields by hand (the row editor):

    {% load vi_inputs %}
    {% month_input "start_month" item.start_month id="f-1-start_month" aria_label="Từ tháng, dòng 1" %}
    {% date_input "date" plan.date id="approve-date" %}
    {% file_input "scan" id="scan" accept=".pdf" button="Chọn bản scan…" %}
    {{ plan.date|vn_date }}  {{ item.start_month|vn_month }}  {{ item|month_span }}

Keyword arguments become attributes (underscores read as hyphens: aria_label -> aria-label).
"""

from django import template

from caitien.web import inputs

register = template.Library()


def _attrs(kwargs: dict) -> dict:
    return {k.replace("_", "-"): v for k, v in kwargs.items() if v is not None and v is not False}


@register.simple_tag
def date_input(name, value=None, **attrs):
    return inputs.DateInput(_attrs(attrs)).render(name, value)


@register.simple_tag
def month_input(name, value=None, **attrs):
    return inputs.MonthInput(_attrs(attrs)).render(name, value)


@register.simple_tag
def file_input(name, button="Chọn tệp…", empty="Chưa chọn tệp nào", **attrs):
    return inputs.FileInput(_attrs(attrs), button=button, empty=empty).render(name, None)


@register.filter
def vn_date(value):
    return inputs.format_date(value)


@register.filter
def vn_month(value):
    return inputs.format_month(value)


@register.simple_tag
def month_span(start, end):
    return inputs.month_span(start or "", end or "")
