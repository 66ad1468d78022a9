"""Forms of the plan pages: what a person types, checked and explained in Vietnamese."""

import datetime

from django import forms

from caitien.catalog.models import Regulation
from caitien.plans.calendar import current_school_year
from caitien.plans.models import Plan
from caitien.web import inputs


class NewPlanForm(forms.Form):
    SOURCES = [
        ("empty", "Bắt đầu từ bảng trống"),
        (
            "assessment",
            "Từ kết quả tự đánh giá (mỗi tiêu chí còn điểm yếu hoặc chưa đạt mức hướng tới là một dòng)",
        ),
        ("previous", "Từ kế hoạch năm trước (các dòng chưa hoàn thành)"),
    ]
    school = forms.ModelChoiceField(queryset=None, label="Trường", empty_label=None)
    period_kind = forms.ChoiceField(
        choices=Plan.PeriodKind.choices,
        label="Thời kỳ",
        initial=Plan.PeriodKind.SINGLE,
        widget=forms.RadioSelect,
    )
    start_year = forms.IntegerField(label="Năm bắt đầu", min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label="Năm kết thúc", min_value=2001, max_value=2101)
    title = forms.CharField(label="Trích yếu (để trống thì tự đặt)", required=False, max_length=300)
    regulation = forms.ModelChoiceField(
        queryset=Regulation.objects.all(),
        label="Văn bản áp dụng",
        required=False,
        empty_label="Theo văn bản trường đang áp dụng",
    )
    source = forms.ChoiceField(choices=SOURCES, label="Bắt đầu từ", initial="empty", widget=forms.RadioSelect)
    assessment = forms.ModelChoiceField(
        queryset=None, label="Tự đánh giá", required=False, empty_label="— chọn bản tự đánh giá —"
    )
    previous = forms.ModelChoiceField(
        queryset=None, label="Kế hoạch năm trước", required=False, empty_label="— chọn kế hoạch —"
    )

    def __init__(self, *args, schools, assessments, previous_plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["assessment"].queryset = assessments
        self.fields["previous"].queryset = previous_plans
        self.fields["assessment"].label_from_instance = lambda a: f"{a.school} — {a.cycle_label}"
        self.fields["previous"].label_from_instance = lambda p: (
            f"{p.title} (phiên bản {p.version}, {p.get_status_display()})"
        )
        year = current_school_year()
        self.fields["start_year"].initial = self.initial.get("start_year", year)
        self.fields["end_year"].initial = self.initial.get("end_year", year + 1)

    def clean(self):
        data = super().clean()
        start, end, kind = data.get("start_year"), data.get("end_year"), data.get("period_kind")
        if start and end:
            if end <= start:
                self.add_error("end_year", "Năm kết thúc phải sau năm bắt đầu, ví dụ 2025 - 2026.")
            elif kind == Plan.PeriodKind.SINGLE and end != start + 1:
                self.add_error(
                    "end_year",
                    "Kế hoạch một năm học kết thúc vào năm sau năm bắt đầu, ví dụ 2025 - 2026. "
                    "Nếu là kế hoạch nhiều năm, hãy chọn “Nhiều năm (giai đoạn)”.",
                )
        school = data.get("school")
        regulation = data.get("regulation")
        if regulation and school and school.level not in (regulation.school_levels or []):
            self.add_error(
                "regulation",
                f"{regulation.label} không dành cho cấp học của {school.name}. "
                "Hãy chọn văn bản của đúng cấp học, hoặc để trống.",
            )
        if data.get("source") == "assessment":
            a = data.get("assessment")
            if a is None:
                self.add_error("assessment", "Hãy chọn bản tự đánh giá để lập kế hoạch.")
            elif school and a.school_id != school.pk:
                self.add_error("assessment", "Bản tự đánh giá này thuộc trường khác.")
        if data.get("source") == "previous":
            p = data.get("previous")
            if p is None:
                self.add_error("previous", "Hãy chọn kế hoạch năm trước.")
            elif school and p.school_id != school.pk:
                self.add_error("previous", "Kế hoạch này thuộc trường khác.")
        return data


class ApproveForm(forms.Form):
    number = forms.CharField(label="Số văn bản", max_length=60, help_text="Ví dụ: 45/KH-THHB")
    date = inputs.DateField(label="Ngày ban hành (ngày/tháng/năm)", initial=datetime.date.today)
    signer = forms.CharField(label="Họ tên người ký", max_length=150)
    signer_title = forms.CharField(label="Chức danh người ký", max_length=100, initial="HIỆU TRƯỞNG")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CommentForm(forms.Form):
    text = forms.CharField(label="Nội dung góp ý", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
