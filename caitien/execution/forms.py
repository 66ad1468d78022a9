"""Forms of the execution pages: a task, a progress update. Messages in Vietnamese; dates dd/mm/yyyy
through the shared inputs; the photo through the shared Vietnamese file button."""

from __future__ import annotations

import re

from django import forms

from caitien.execution.models import Status
from caitien.web import inputs

_AMOUNT = re.compile(
    r"^\s*(\d[\d., ]*)\s*(triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k|đồng|dong|đ|d)?\s*$", re.IGNORECASE
)
_UNITS = {
    "triệu": 10**6,
    "trieu": 10**6,
    "tr": 10**6,
    "nghìn": 1000,
    "nghin": 1000,
    "ngàn": 1000,
    "ngan": 1000,
    "k": 1000,
}


def parse_vnd(text) -> int | None:
    """ "1.500.000", "1 500 000 đồng", "1,5 triệu", "300k" → đồng; "" → None; anything else raises."""
    raw = (text or "").strip()
    if not raw:
        return None
    m = _AMOUNT.match(raw)
    if not m:
        raise forms.ValidationError(
            f"Chưa hiểu số tiền “{raw}”. Hãy ghi số đồng, ví dụ 1.500.000 hoặc 1,5 triệu.", code="invalid"
        )
    number, unit = m.group(1).replace(" ", ""), (m.group(2) or "").lower()
    factor = _UNITS.get(unit, 1)
    if factor > 1 and "," in number:
        number = number.replace(".", "").replace(",", ".")
        try:
            return round(float(number) * factor)
        except ValueError:
            pass
    digits = number.replace(".", "").replace(",", "")
    if not digits.isdigit() or len(digits) > 14:
        raise forms.ValidationError(
            f"Số tiền “{raw}” không hợp lệ. Hãy ghi số đồng, ví dụ 1.500.000.", code="invalid"
        )
    return int(digits) * factor


class VndField(forms.CharField):
    def to_python(self, value):
        return parse_vnd(super().to_python(value))


class TaskForm(forms.Form):
    title = forms.CharField(label="Việc cần làm", error_messages={"required": "Hãy ghi tên việc cần làm."})
    owner = forms.TypedChoiceField(label="Người thực hiện", required=False, coerce=int, empty_value=None)
    helpers = forms.TypedMultipleChoiceField(
        label="Người hỗ trợ", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    start = inputs.DateField(label="Ngày bắt đầu", required=False)
    due = inputs.DateField(label="Hạn hoàn thành", required=False)
    notes = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, f"{p.full_name} ({p.position})" if p.position else p.full_name) for p in people]
        self.fields["owner"].choices = [("", "— Chưa giao —"), *choices]
        self.fields["owner"].error_messages["invalid_choice"] = (
            "Người được chọn không có trong danh sách cán bộ."
        )
        self.fields["helpers"].choices = choices
        self.fields["helpers"].error_messages["invalid_choice"] = (
            "Người hỗ trợ không có trong danh sách cán bộ."
        )
        self.people = {p.pk: p for p in people}

    def chosen(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "owner": self.people.get(data["owner"]) if data["owner"] else None,
            "helpers": [self.people[pk] for pk in data["helpers"] if pk in self.people],
            "start": data["start"],
            "due": data["due"],
            "notes": data["notes"],
        }


class UpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái",
        choices=Status.choices,
        error_messages={
            "invalid_choice": "Hãy chọn một trạng thái trong danh sách.",
            "required": "Hãy chọn trạng thái.",
        },
    )
    progress = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Tiến độ phải là một số từ 0 đến 100.",
            "min_value": "Tiến độ phải từ 0 đến 100.",
            "max_value": "Tiến độ phải từ 0 đến 100.",
            "required": "Hãy ghi tiến độ (0 đến 100).",
        },
    )
    text = forms.CharField(
        label="Đã làm được / lý do",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-limit": "4000"}),
    )
    on = inputs.DateField(label="Ngày", required=False)
    spent_vnd = VndField(
        label="Kinh phí đã chi (đồng)", required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    funding_source = forms.CharField(label="Nguồn kinh phí", required=False)
    photo = inputs.FileField(
        label="Ảnh, tệp minh chứng",
        required=False,
        widget=inputs.FileInput(
            attrs={"accept": "image/*", "capture": "environment"}, button="Chụp ảnh / chọn tệp…"
        ),
    )
    evidence = forms.TypedMultipleChoiceField(
        label="Minh chứng đã có trong danh mục",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, evidence_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.evidence_items = {e.pk: e for e in evidence_items}
        self.fields["evidence"].choices = [(e.pk, f"{e.code} {e.name[:80]}") for e in evidence_items]
        self.fields["evidence"].error_messages["invalid_choice"] = (
            "Minh chứng được chọn không có trong danh mục."
        )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "progress": data["progress"],
            "text": data["text"],
            "on": data["on"],
            "spent_vnd": data["spent_vnd"],
            "funding_source": data["funding_source"],
            "evidence": [self.evidence_items[pk] for pk in data["evidence"] if pk in self.evidence_items],
            "uploads": [data["photo"]] if data.get("photo") else [],
        }
