"""Dates, months and files typed the Vietnamese way, checked on the server.

Browsers draw <input type=date|month|file> in their own language ("mm/dd/yyyy", "Choose File"),
and some draw no picker at all, so every page uses these instead: dates typed and shown as
dd/mm/yyyy, months as "tháng/năm" ("9/2027", or two selects), files through a Vietnamese button.
The parsers are plain functions (usable by views, services and commands); the form fields wrap
them, and every refusal says in Vietnamese what is wrong and how to write it.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

FIRST_YEAR, LAST_YEAR = 1990, 2100
DATE_EXAMPLE = "20/09/2025"
MONTH_EXAMPLE = "9/2027"


class InputError(ValueError):
    """A value a person typed that cannot be used; the message (Vietnamese) says how to fix it."""


def _clean(text) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def _fold(text: str) -> str:
    return "".join(
        c
        for c in unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
        if not unicodedata.combining(c)
    )


def _year(raw: str, example: str) -> int:
    if len(raw) != 4:
        raise InputError(f"Hãy ghi năm đủ bốn chữ số, ví dụ {example}.")
    year = int(raw)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            f"Năm {year} nằm ngoài khoảng {FIRST_YEAR} – {LAST_YEAR}. Hãy kiểm tra lại năm, ví dụ {example}."
        )
    return year


def _month(raw: str, example: str) -> int:
    month = int(raw)
    if not 1 <= month <= 12:
        raise InputError(f"Không có tháng {month}: tháng ghi từ 1 đến 12, ví dụ {example}.")
    return month


# --- dates ---------------------------------------------------------------------------------------

_DATE_DMY = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_DATE_WORDS = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,)?\s*(\d{2,4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text) -> datetime.date:
    """ "20/09/2025", "20/9/2025", "20-09-2025", "20.9.2025", "ngày 20 tháng 9 năm 2025" and the
    ISO "2025-09-20" (what programs send) -> date(2025, 9, 20). Anything else raises InputError."""
    raw = _clean(text)
    if not raw:
        raise InputError(f"Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ {DATE_EXAMPLE}.")
    folded = _fold(raw)
    m = _DATE_ISO.match(folded)
    if m:
        year_raw, month_raw, day_raw = m.groups()
    else:
        m = _DATE_DMY.match(folded) or _DATE_WORDS.match(folded)
        if not m:
            raise InputError(f"Chưa hiểu “{raw}” là ngày nào. Hãy ghi ngày/tháng/năm, ví dụ {DATE_EXAMPLE}.")
        day_raw, month_raw, year_raw = m.groups()
    year = _year(year_raw, DATE_EXAMPLE)
    month = _month(month_raw, DATE_EXAMPLE)
    day = int(day_raw)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise InputError(
            f"Ngày {day}/{month:02d}/{year} không có trong lịch: tháng {month} năm {year} có {days} ngày."
        )
    return datetime.date(year, month, day)


def format_date(value) -> str:
    """date(2025, 9, 20) -> "20/09/2025"; None -> ""."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except InputError:
            return value
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


# --- months --------------------------------------------------------------------------------------

_MONTH_MY = re.compile(r"^(?:thang|t)?\s*(\d{1,2})\s*(?:[/.\-]|nam|\s)\s*(\d{2,4})$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text) -> str:
    """ "9/2027", "09/2027", "9-2027", "tháng 9/2027", "tháng 9 năm 2027", "T9/2027" and the ISO
    "2027-09" -> "2027-09". "13/2025", "132025-", "9/27" raise InputError with what to write."""
    raw = _clean(text)
    if not raw:
        raise InputError(f"Hãy nhập tháng theo dạng tháng/năm, ví dụ {MONTH_EXAMPLE}.")
    folded = _fold(raw)
    m = _MONTH_ISO.match(folded)
    if m:
        year_raw, month_raw = m.groups()
    else:
        m = _MONTH_MY.match(folded)
        if not m:
            raise InputError(f"Chưa hiểu “{raw}” là tháng nào. Hãy ghi tháng/năm, ví dụ {MONTH_EXAMPLE}.")
        month_raw, year_raw = m.groups()
    year = _year(year_raw, MONTH_EXAMPLE)
    month = _month(month_raw, MONTH_EXAMPLE)
    return f"{year:04d}-{month:02d}"


def format_month(value) -> str:
    """ "2027-09" -> "9/2027"; "" -> ""; a value that is not a month is returned as it is."""
    if not value:
        return ""
    m = _MONTH_ISO.match(str(value))
    if not m:
        return str(value)
    return f"{int(m.group(2))}/{m.group(1)}"


def month_span(start: str, end: str) -> str:
    """("2027-09", "2027-12") -> "9/2027 – 12/2027"; one month alone -> "9/2027"."""
    if not start and not end:
        return ""
    if not end or start == end:
        return format_month(start or end)
    if not start:
        return format_month(end)
    return f"{format_month(start)} – {format_month(end)}"


# --- widgets: rendered with the project's templates (caitien/templates/widgets/) ------------------


class _ProjectTemplate:
    """Renders the widget with the project's template engine, so its markup lives beside the pages'."""

    def _render(self, template_name, context, renderer=None):
        return mark_safe(render_to_string(template_name, context))


class DateInput(_ProjectTemplate, forms.TextInput):
    """A text box for dd/mm/yyyy (numeric keyboard on phones); no browser date picker."""

    template_name = "widgets/date_input.html"

    def __init__(self, attrs=None):
        attrs = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": f"ví dụ {DATE_EXAMPLE}",
            **(attrs or {}),
        }
        super().__init__(attrs)

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_date(value)
        return value or None


class MonthInput(_ProjectTemplate, forms.TextInput):
    """A text box for "tháng/năm" (e.g. 9/2027)."""

    template_name = "widgets/month_input.html"

    def __init__(self, attrs=None):
        attrs = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": f"ví dụ {MONTH_EXAMPLE}",
            **(attrs or {}),
        }
        super().__init__(attrs)

    def format_value(self, value):
        return format_month(value) or None


class MonthSelect(_ProjectTemplate, forms.Widget):
    """Two selects, "Tháng" and "Năm"; posts `<name>_thang` and `<name>_nam`. Also accepts a typed
    value posted under the field's own name (e.g. by a script or an older page)."""

    template_name = "widgets/month_select.html"

    def __init__(self, attrs=None, years=None):
        super().__init__(attrs)
        this_year = datetime.date.today().year
        self.years = list(years or range(this_year - 5, this_year + 8))

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        month, year = "", ""
        if isinstance(value, str) and _MONTH_ISO.match(value):
            year, month = value[:4], str(int(value[5:7]))
        elif isinstance(value, str) and value:
            try:
                iso = parse_month(value)
                year, month = iso[:4], str(int(iso[5:7]))
            except InputError:
                pass
        years = [str(y) for y in self.years]
        if year and year not in years:
            years = sorted({*years, year})
        ctx["widget"].update(month=month, year=year, months=[str(m) for m in range(1, 13)], years=years)
        return ctx

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        month, year = data.get(f"{name}_thang", ""), data.get(f"{name}_nam", "")
        if not month and not year:
            return ""
        if not month or not year:
            return f"{month or '?'}/{year or '?'}"
        return f"{month}/{year}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_thang" not in data and f"{name}_nam" not in data

    def id_for_label(self, id_):
        return f"{id_}_thang" if id_ else id_


class FileInput(_ProjectTemplate, forms.FileInput):
    """A Vietnamese "Chọn tệp" button: the native input is visually hidden inside a styled label and
    static/caitien/inputs.js writes the chosen file's name beside it."""

    template_name = "widgets/file_input.html"

    def __init__(self, attrs=None, button="Chọn tệp…", empty="Chưa chọn tệp nào"):
        super().__init__(attrs)
        self.button, self.empty = button, empty

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        classes = ctx["widget"]["attrs"].get("class", "")
        ctx["widget"]["attrs"]["class"] = f"visually-hidden file-native {classes}".strip()
        ctx["widget"].update(button=self.button, empty=self.empty)
        return ctx


# --- form fields -----------------------------------------------------------------------------------


class DateField(forms.Field):
    """A date typed as dd/mm/yyyy. `min_value`/`max_value` (dates) refuse dates outside them."""

    widget = DateInput
    default_error_messages = {"required": f"Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ {DATE_EXAMPLE}."}

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(value)
        except InputError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def validate(self, value):
        super().validate(value)
        if value and self.min_value and value < self.min_value:
            raise ValidationError(f"Ngày phải từ {format_date(self.min_value)} trở đi.", code="min_value")
        if value and self.max_value and value > self.max_value:
            raise ValidationError(
                f"Ngày phải trước hoặc bằng {format_date(self.max_value)}.", code="max_value"
            )

    def prepare_value(self, value):
        return format_date(value) if isinstance(value, datetime.date) else value


class MonthField(forms.Field):
    """A month typed "9/2027" (or chosen in two selects with `widget=MonthSelect`); cleaned to "2027-09"."""

    widget = MonthInput
    default_error_messages = {"required": f"Hãy nhập tháng theo dạng tháng/năm, ví dụ {MONTH_EXAMPLE}."}

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        if "?" in str(value):
            raise ValidationError("Hãy chọn cả tháng và năm.", code="incomplete")
        try:
            return parse_month(value)
        except InputError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class FileField(forms.FileField):
    """A file through the Vietnamese button, with Vietnamese messages."""

    widget = FileInput
    default_error_messages = {
        "required": "Hãy chọn một tệp để tải lên.",
        "invalid": "Không đọc được tệp đã gửi. Hãy chọn lại tệp.",
        "missing": "Chưa nhận được tệp nào. Hãy chọn lại tệp.",
        "empty": "Tệp đã chọn không có nội dung. Hãy chọn tệp khác.",
        "max_length": "Tên tệp quá dài. Hãy đổi tên tệp cho ngắn hơn rồi chọn lại.",
    }
