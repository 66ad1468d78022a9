"""Monitoring the plan: review points, the review of each row, recommendations, the year-end close
of each row, and the results report sent to the office.

All of it hangs beside the signed plan and never edits its rows. Review points belong to the plan's
lineage (its first version), so they stay when the plan is adjusted; a review entry names the row of
the version that was reviewed.
"""

from django.conf import settings
from django.db import models

from caitien.plans.models import Plan, PlanItem


class ReviewPoint(models.Model):
    """A moment the monitoring team reviews the plan (giám sát nội bộ), and that review's overall texts."""

    class Kind(models.TextChoices):
        SEMESTER_1 = "semester_1", "Cuối học kỳ I"
        YEAR_END = "year_end", "Cuối năm học"
        EXTRA = "extra", "Giám sát thêm"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="review_points", verbose_name="kế hoạch"
    )  # the lineage's first version
    school_year = models.PositiveSmallIntegerField("năm học (năm bắt đầu)")
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    label = models.CharField("thời điểm", max_length=120)
    planned_date = models.DateField("ngày dự kiến")
    recorded_on = models.DateField("ngày giám sát", null=True, blank=True)
    judgement = models.TextField("đánh giá chung", blank=True)
    strengths = models.TextField("ưu điểm", blank=True)
    shortcomings = models.TextField("hạn chế", blank=True)
    causes = models.TextField("nguyên nhân", blank=True)
    next_steps = models.TextField("phương hướng kỳ tới", blank=True)
    reviewers_text = models.CharField("người đánh giá", max_length=300, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "planned_date", "id"]
        verbose_name = "lần giám sát"
        verbose_name_plural = "lần giám sát"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "school_year", "kind"],
                condition=~models.Q(kind="extra"),
                name="one_review_point_per_kind_and_year",
            )
        ]

    def __str__(self):
        return f"{self.label} — {self.plan}"


# What a person writes in the review of a row.
ENTRY_FIELDS = (
    "status",
    "result",
    "indicator_value",
    "indicator_target",
    "adjustment",
    "cause",
    "evidence_codes",
)


class ReviewEntry(models.Model):
    """The review of one row at one review point."""

    point = models.ForeignKey(ReviewPoint, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="review_entries")
    status = models.CharField("mức độ thực hiện", max_length=60, blank=True)  # a value of the regulation
    result = models.TextField("kết quả đạt được", blank=True)
    indicator_value = models.CharField("chỉ số đạt được", max_length=200, blank=True)
    indicator_target = models.CharField("chỉ số cần đạt", max_length=200, blank=True)
    adjustment = models.TextField("điều chỉnh", blank=True)
    cause = models.TextField("nguyên nhân chưa đạt, chậm tiến độ", blank=True)
    evidence_codes = models.CharField("minh chứng", max_length=600, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người đánh giá",
    )
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["point", "item__order", "id"]
        verbose_name = "đánh giá dòng kế hoạch"
        verbose_name_plural = "đánh giá dòng kế hoạch"
        constraints = [models.UniqueConstraint(fields=["point", "item"], name="one_entry_per_row_and_point")]

    def __str__(self):
        return f"{self.point.label}, dòng {self.item.order}: {self.status}"


class Recommendation(models.Model):
    """A kiến nghị of a review, addressed to someone; it can become a task or an escalation."""

    class Addressee(models.TextChoices):
        PRINCIPAL = "principal", "Hiệu trưởng"
        GROUP = "group", "Tổ, bộ phận trong trường"
        OFFICE = "office", "Cơ quan quản lý (Phòng/Sở GDĐT)"
        OTHER = "other", "Khác"

    class Action(models.TextChoices):
        NONE = "", "Chưa xử lý"
        TASK = "task", "Đã giao thành việc"
        ESCALATION = "escalation", "Đã đề xuất lên cấp trên"

    point = models.ForeignKey(ReviewPoint, on_delete=models.CASCADE, related_name="recommendations")
    item = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="dòng"
    )
    text = models.TextField("kiến nghị")
    addressee_kind = models.CharField("gửi tới", max_length=10, choices=Addressee.choices)
    addressee = models.CharField("tên tổ, bộ phận, cơ quan", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    action = models.CharField("xử lý", max_length=12, choices=Action.choices, blank=True, default="")
    action_id = models.CharField(max_length=40, blank=True)  # the task or escalation made from it
    acted_at = models.DateTimeField(null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["point", "order", "id"]
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"

    def __str__(self):
        return self.text[:80]

    @property
    def addressed_to(self) -> str:
        if self.addressee and self.addressee_kind in (
            self.Addressee.GROUP,
            self.Addressee.OTHER,
            self.Addressee.OFFICE,
        ):
            return self.addressee
        return self.get_addressee_kind_display()


class ItemClosure(models.Model):
    """The year-end close of a row: đạt or chưa đạt, with the result and, when not reached, the cause."""

    item = models.OneToOneField(PlanItem, on_delete=models.CASCADE, related_name="closure")
    label = models.CharField("kết quả cuối năm", max_length=40)
    achieved = models.BooleanField("đạt")
    result = models.TextField("kết quả đạt được", blank=True)
    cause = models.TextField("nguyên nhân chưa đạt", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết thúc dòng kế hoạch"
        verbose_name_plural = "kết thúc dòng kế hoạch"

    def __str__(self):
        return f"Dòng {self.item.order}: {self.label}"


class ResultsReport(models.Model):
    """Báo cáo kết quả thực hiện kế hoạch cải tiến: a Nghị định 30 report for one review point,
    sent to the office, which receives it and comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SENT = "sent", "Đã gửi cơ quan quản lý"
        RECEIVED = "received", "Cơ quan quản lý đã tiếp nhận"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="results_reports")
    point = models.OneToOneField(ReviewPoint, on_delete=models.CASCADE, related_name="report")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField("trích yếu", max_length=300)
    document_number = models.CharField("số văn bản", max_length=60, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    sections = models.JSONField("các mục", default=dict, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    signer_title = models.CharField("chức danh người ký", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "báo cáo kết quả thực hiện kế hoạch"
        verbose_name_plural = "báo cáo kết quả thực hiện kế hoạch"

    def __str__(self):
        return self.title

    @property
    def school(self):
        return self.plan.school


class ReportComment(models.Model):
    """The office's (or the school's) comment on a results report."""

    report = models.ForeignKey(ResultsReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    text = models.TextField("nội dung")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "góp ý báo cáo"
        verbose_name_plural = "góp ý báo cáo"


class CarriedItem(models.Model):
    """A row of next year's plan carried from a row of last year's plan that was not finished: the
    new plan shows last year's result beside it."""

    item = models.OneToOneField(PlanItem, on_delete=models.CASCADE, related_name="carried_from")
    source = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    source_plan_title = models.CharField("kế hoạch năm trước", max_length=300, blank=True)
    label = models.CharField("kết quả năm trước", max_length=60, blank=True)
    result = models.TextField("kết quả đạt được năm trước", blank=True)
    cause = models.TextField("nguyên nhân chưa đạt", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dòng chuyển từ năm trước"
        verbose_name_plural = "dòng chuyển từ năm trước"

    def __str__(self):
        return f"Dòng {self.item.order} (năm trước: {self.label})"
