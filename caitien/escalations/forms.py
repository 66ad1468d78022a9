"""The escalation forms: what the school asks, what the office answers, checked in Vietnamese."""

from django import forms

from caitien.escalations.models import Escalation
from caitien.escalations.services import ANSWER_STATES
from caitien.planfile.vietnamese import parse_money


class EscalationForm(forms.Form):
    # No type is preselected: a school that does not choose would otherwise file every request as the
    # first type (biên chế – nhân sự), and the office's totals by type would be wrong.
    kind = forms.ChoiceField(
        label="Loại đề xuất", choices=[("", "— Chọn loại đề xuất —"), *Escalation.Kind.choices]
    )
    addressee = forms.ChoiceField(
        label="Gửi tới", choices=Escalation.Addressee.choices, widget=forms.RadioSelect, initial="phong"
    )
    title = forms.CharField(label="Nội dung đề xuất", max_length=300)
    amount = forms.CharField(
        label="Kinh phí đề nghị (nếu có)",
        required=False,
        help_text="Ví dụ: 350 triệu, 1,2 tỷ hoặc 350.000.000 đồng",
    )
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}))
    steps_taken = forms.CharField(
        label="Nhà trường đã làm gì", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = {
                "title": "Hãy ghi ngắn gọn nội dung đề xuất, ví dụ: “Sửa chữa 04 phòng học thấm dột”.",
                "reason": "Hãy ghi lý do: vì sao nhà trường cần cấp trên giải quyết.",
                "kind": "Hãy chọn loại đề xuất (biên chế – nhân sự, kinh phí, cơ sở vật chất…).",
            }.get(name, "Hãy chọn một mục.")
            field.error_messages["invalid_choice"] = "Lựa chọn không có trong danh sách; hãy chọn lại."
            field.error_messages["max_length"] = "Dài quá %(limit_value)d ký tự; hãy viết ngắn lại."

    def clean_amount(self):
        text = (self.cleaned_data.get("amount") or "").strip()
        if not text:
            return None
        if text.replace(".", "").replace(",", "").replace(" ", "").isdigit():
            digits = int(text.replace(".", "").replace(",", "").replace(" ", ""))
            if digits >= 1000:
                return digits
        money = parse_money(text)
        once = [a.vnd for a in money.amounts if not a.per]
        if len(once) != 1:
            raise forms.ValidationError(
                f"Không hiểu số tiền “{text}”. Hãy ghi một số tiền, ví dụ: 350 triệu hoặc 350.000.000 đồng."
            )
        return once[0]


class AnswerForm(forms.Form):
    state = forms.ChoiceField(
        label="Trả lời",
        choices=[(s, Escalation.State(s).label) for s in ANSWER_STATES],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, can_forward_to: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if can_forward_to:
            self.fields["state"].choices = [
                (s, f"Chuyển {can_forward_to}" if s == Escalation.State.FORWARDED else label)
                for s, label in self.fields["state"].choices
            ]
        self.fields["state"].error_messages["required"] = "Hãy chọn một câu trả lời."
        self.fields["state"].error_messages["invalid_choice"] = "Câu trả lời không có trong danh sách."
        self.fields["text"].error_messages["required"] = (
            "Hãy ghi nội dung trả lời để nhà trường biết cấp trên đã làm gì, sẽ làm gì."
        )
