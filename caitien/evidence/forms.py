"""The evidence forms, checked in Vietnamese."""

from django import forms

from caitien.web import inputs


class EvidenceForm(forms.Form):
    name = forms.CharField(
        label="Tên minh chứng", widget=forms.Textarea(attrs={"rows": 2, "data-limit": "2000"})
    )
    criterion = forms.ChoiceField(
        label="Tiêu chí (mã minh chứng theo tiêu chí này)",
        required=False,
        help_text="Để trống nếu là minh chứng chung của nhà trường.",
    )
    also = forms.MultipleChoiceField(
        label="Dùng chung cho các tiêu chí khác", required=False, widget=forms.CheckboxSelectMultiple
    )
    number_date = forms.CharField(
        label="Số, ngày ban hành (ghi như trên văn bản)",
        required=False,
        max_length=200,
        help_text="Ví dụ: Số 12/QĐ-THTP ngày 05/9/2026; với ảnh, sổ sách: “Chụp ngày 12/10/2026”.",
    )
    issued_on = inputs.DateField(
        label="Ngày ban hành (để sắp xếp danh mục theo ngày)",
        required=False,
    )
    issuer = forms.CharField(label="Nơi ban hành", required=False, max_length=200)
    location = forms.CharField(
        label="Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử", required=False, max_length=500
    )
    notes = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    public = forms.BooleanField(label="Công khai (hiện trên trang công khai của kế hoạch)", required=False)
    file = inputs.FileField(
        label="Tệp minh chứng (PDF, ảnh JPEG/PNG, DOCX, XLSX)",
        required=False,
        widget=inputs.FileInput(button="Chọn tệp…"),
    )

    def __init__(self, *args, criteria=(), allowed=None, **kwargs):
        """`criteria`: the regulation's criteria; `allowed`: ids the person may file under (None: all)."""
        super().__init__(*args, **kwargs)
        self.criteria = {str(c.pk): c for c in criteria}
        choices = [(str(c.pk), f"Tiêu chí {c.code}: {c.name[:90]}") for c in criteria]
        primary = [(k, label) for k, label in choices if allowed is None or int(k) in allowed]
        self.fields["criterion"].choices = [("", "— Minh chứng chung —")] if allowed is None else []
        self.fields["criterion"].choices += primary
        self.fields["also"].choices = choices
        for name, field in self.fields.items():
            field.error_messages["required"] = {
                "name": "Hãy ghi tên minh chứng, ví dụ: “Quyết định thành lập Hội đồng tự đánh giá”.",
            }.get(name, "Hãy điền mục này.")
            field.error_messages["invalid_choice"] = (
                "Tiêu chí đã chọn không có trong danh sách; hãy chọn lại."
            )
            field.error_messages["max_length"] = "Dài quá %(limit_value)d ký tự; hãy viết ngắn lại."

    def chosen_criteria(self) -> list:
        """The first criterion (whose code the item keeps), then the others, each once."""
        keys = [self.cleaned_data.get("criterion") or ""] + list(self.cleaned_data.get("also") or [])
        seen, chosen = set(), []
        for key in keys:
            if key and key not in seen and key in self.criteria:
                seen.add(key)
                chosen.append(self.criteria[key])
        return chosen


class EvidenceFileForm(forms.Form):
    file = inputs.FileField(label="Thêm tệp", widget=inputs.FileInput(button="Chọn tệp…"))


class EvidenceImportForm(forms.Form):
    file = inputs.FileField(
        label="Danh mục minh chứng (tệp Excel .xlsx)", widget=inputs.FileInput(button="Chọn tệp…")
    )
