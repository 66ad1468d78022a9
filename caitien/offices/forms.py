"""The office calendar form: dates typed as dd/mm/yyyy (no browser date picker), explained in Vietnamese."""

import datetime
import re

from django import forms

DATE_HINT = "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/10/2025."


class DayMonthYearField(forms.CharField):
    """A date typed as 15/10/2025 (also 15-10-2025, 15.10.2025); empty is allowed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
        if not m:
            raise forms.ValidationError(f"Không hiểu ngày “{text}”. {DATE_HINT}")
        day, month, year = (int(x) for x in m.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"Ngày “{text}” không có trên lịch. {DATE_HINT}") from None


class CalendarForm(forms.Form):
    plan_due = DayMonthYearField(label="Hạn công khai kế hoạch cải tiến")
    mid_review_due = DayMonthYearField(label="Hạn giám sát nội bộ cuối học kỳ I")
    final_review_due = DayMonthYearField(label="Hạn giám sát nội bộ cuối năm học")
    note = forms.CharField(
        label="Ghi chú gửi các trường",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
