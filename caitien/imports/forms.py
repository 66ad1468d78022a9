"""The upload form and the preview's correction forms."""

import re

from django import forms

from caitien.planfile import readers
from caitien.plans.limits import MAX_ROWS
from caitien.web import inputs

ACCEPT = readers.ACCEPT
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class UploadForm(forms.Form):
    school = forms.ModelChoiceField(
        queryset=None,
        label="Trường",
        empty_label=None,
        error_messages={
            "invalid_choice": "Bạn chỉ nhập được kế hoạch cho trường của mình.",
            "required": "Hãy chọn trường.",
        },
    )
    file = forms.FileField(
        label="Tệp kế hoạch",
        widget=inputs.FileInput(attrs={"accept": ACCEPT}, button="Chọn tệp kế hoạch…"),
        error_messages={
            "required": "Hãy chọn tệp kế hoạch cần nhập.",
            "empty": "Tệp rỗng, không có nội dung kế hoạch.",
        },
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if len(schools) == 1:
            self.fields["school"].widget = forms.HiddenInput()
            self.fields["school"].initial = schools[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > readers.MAX_BYTES:
            raise forms.ValidationError(
                f"Tệp quá lớn ({upload.size / 1024 / 1024:.1f} MB, tối đa {readers.MAX_BYTES // 1024 // 1024} MB). "
                "Hãy lưu lại kế hoạch không kèm hình ảnh rồi thử lại."
            )
        return upload


def _text(label, *, long=False, required=False):
    widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput()
    return forms.CharField(label=label, required=required, widget=widget, strip=True)


class HeaderForm(forms.Form):
    title = _text("Trích yếu")
    school = _text("Tên trường trên văn bản")
    governing_body = _text("Cơ quan chủ quản")
    document_number = _text("Số văn bản")
    place = _text("Địa danh")
    date = forms.DateField(
        label="Ngày ban hành (ngày/tháng/năm)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "12/09/2024"}, format="%d/%m/%Y"),
        error_messages={"invalid": "Ngày ban hành ghi dạng ngày/tháng/năm, ví dụ 12/09/2024."},
    )
    start_year = forms.IntegerField(label="Từ năm", min_value=2000, max_value=2100, required=False)
    end_year = forms.IntegerField(label="Đến năm", min_value=2000, max_value=2100, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end <= start:
            self.add_error("end_year", "Năm kết thúc phải sau năm bắt đầu.")
        return data


class ItemForm(forms.Form):
    index = forms.IntegerField(widget=forms.HiddenInput())
    keep = forms.BooleanField(label="Giữ dòng này", required=False, initial=True)
    criterion = _text("Tiêu chí")
    level = _text("Mức")
    issue = _text("Nội dung cải tiến", long=True)
    expected_result = _text("Kết quả cần đạt / mục tiêu", long=True)
    solutions = _text("Công việc, giải pháp", long=True)
    indicator = _text("Chỉ số đánh giá kết quả", long=True)
    lead = _text("Chủ trì")
    coordinators = _text("Phối hợp")
    time_text = _text("Thời gian (như văn bản ghi)")
    start = _text("Tháng bắt đầu (năm-tháng)")
    end = _text("Tháng kết thúc (năm-tháng)")
    budget_text = _text("Kinh phí (như văn bản ghi)")
    support = _text("Điều kiện hỗ trợ khác", long=True)
    expected_evidence = _text("Minh chứng dự kiến", long=True)
    status = _text("Mức độ thực hiện")
    notes = _text("Ghi chú")

    def clean_criterion(self):
        value = self.cleaned_data["criterion"]
        if value and not re.fullmatch(r"\d{1,2}\.\d{1,2}", value):
            raise forms.ValidationError("Tiêu chí ghi dạng số tiêu chuẩn chấm số tiêu chí, ví dụ 1.2.")
        return value

    def _month(self, name):
        value = self.cleaned_data[name]
        if value and not MONTH.match(value):
            raise forms.ValidationError("Ghi tháng dạng năm-tháng, ví dụ 2024-09.")
        return value

    def clean_start(self):
        return self._month("start")

    def clean_end(self):
        return self._month("end")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "Tháng kết thúc đứng trước tháng bắt đầu.")
        return data


class ItemRows(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": f"Một kế hoạch có nhiều nhất {MAX_ROWS} dòng. Hãy tải lại trang rồi lưu lại.",
        "too_few_forms": "Biểu mẫu thiếu dòng. Hãy tải lại trang rồi lưu lại.",
        "missing_management_form": "Biểu mẫu đã cũ hoặc bị hỏng. Hãy tải lại trang rồi lưu lại.",
    }


# Bounded: a posted items-TOTAL_FORMS=400000 builds at most MAX_ROWS forms and is refused.
ItemFormSet = forms.formset_factory(
    ItemForm, formset=ItemRows, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
)
