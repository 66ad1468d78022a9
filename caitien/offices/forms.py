"""The office calendar form: dates typed as dd/mm/yyyy (the shared Vietnamese date input)."""

from django import forms

from caitien.web.inputs import DateField


class CalendarForm(forms.Form):
    plan_due = DateField(label="Hạn công khai kế hoạch cải tiến", required=False)
    mid_review_due = DateField(label="Hạn giám sát nội bộ cuối học kỳ I", required=False)
    final_review_due = DateField(label="Hạn giám sát nội bộ cuối năm học", required=False)
    note = forms.CharField(
        label="Ghi chú gửi các trường",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
