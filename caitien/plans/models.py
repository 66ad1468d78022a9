"""Improvement plans, their rows and comments."""

import uuid

from django.conf import settings
from django.db import models

from caitien.catalog.models import Criterion, Regulation
from caitien.schools.models import School


def signed_scan_path(plan, filename: str) -> str:
    """Where the scan is stored (through default_storage): by school, never by the uploaded name."""
    return f"ke-hoach/{plan.school_id}/ban-ky/{plan.pk}-v{plan.version}-{uuid.uuid4().hex[:12]}.pdf"


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Chờ phê duyệt"
        APPROVED = "approved", "Đã phê duyệt"
        PUBLISHED = "published", "Đã công khai"
        SUPERSEDED = "superseded", "Đã được điều chỉnh"

    class PeriodKind(models.TextChoices):
        SINGLE = "single", "Một năm học"
        MULTI = "multi", "Nhiều năm (giai đoạn)"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="plans", verbose_name="trường")
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, verbose_name="văn bản áp dụng")
    self_assessment = models.ForeignKey(
        "assessments.SelfAssessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="dựa trên tự đánh giá",
    )
    period_kind = models.CharField(
        "thời kỳ", max_length=10, choices=PeriodKind.choices, default=PeriodKind.SINGLE
    )
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    title = models.CharField("trích yếu", max_length=300, blank=True)
    document_number = models.CharField("số văn bản", max_length=60, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    governing_body = models.CharField("cơ quan chủ quản", max_length=200, blank=True)
    school_name = models.CharField("tên trường trên văn bản", max_length=200, blank=True)
    sections = models.JSONField("các mục", default=dict, blank=True)  # keyed as the plan form's sections
    priority_issues = models.JSONField("vấn đề trọng tâm", default=list, blank=True)
    monitoring = models.JSONField("theo dõi, đánh giá", default=list, blank=True)
    closing_text = models.TextField("câu kết", blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    signer_title = models.CharField("chức danh người ký", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Versions: every adjustment of a published plan is a new Plan in the same lineage.
    lineage = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="versions"
    )
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_version"
    )
    revision_reason = models.TextField("lý do điều chỉnh", blank=True)
    source_file = models.CharField("tệp nhập", max_length=255, blank=True)
    revision = models.PositiveIntegerField(default=1)  # bumped on each change, for edit conflicts
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Why the principal sent the plan back; shown on top of the editor until it is submitted again.
    return_reason = models.TextField("lý do trả lại", blank=True)
    returned_at = models.DateTimeField("thời điểm trả lại", null=True, blank=True)
    # The signed, stamped document as scanned (PDF), offered on the public page.
    signed_scan = models.FileField(
        "bản scan có chữ ký, đóng dấu", upload_to=signed_scan_path, max_length=255, blank=True
    )

    class Meta:
        ordering = ["school", "-start_year", "-version"]
        verbose_name = "kế hoạch cải tiến"
        verbose_name_plural = "kế hoạch cải tiến"

    def __str__(self):
        return f"{self.title or 'Kế hoạch cải tiến'} — {self.school}"

    @property
    def period_label(self) -> str:
        if self.period_kind == self.PeriodKind.SINGLE:
            return f"năm học {self.start_year}-{self.end_year}"
        return f"giai đoạn {self.start_year}-{self.end_year}"

    @property
    def root(self):
        return self.lineage or self


class LiveItems(models.Manager):
    """Rows not deleted. A deleted row is kept, hidden, so its deletion can be undone and what hangs
    on it (comments) is not lost; `PlanItem.all_objects` sees it."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class PlanItem(models.Model):
    """A row of the plan. Keeps what the document said, even when wrong: the checker judges it.

    `key` is the row's identity across the versions of one plan: a revised version's rows carry the
    key of the row they were copied from (plan_revise), so comments, and what is recorded while the
    plan is carried out, follow the row. A new or duplicated row gets a new key; keys are unique
    within a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    key = models.UUIDField("mã dòng", default=uuid.uuid4, editable=False)
    order = models.PositiveIntegerField("thứ tự", default=0)
    criterion_code = models.CharField("tiêu chí (như văn bản ghi)", max_length=20, blank=True)
    criterion = models.ForeignKey(
        Criterion, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="tiêu chí"
    )
    standard_number = models.PositiveSmallIntegerField("tiêu chuẩn", null=True, blank=True)
    level = models.CharField("mức hướng tới", max_length=10, blank=True)
    issue = models.TextField("nội dung cải tiến", blank=True)
    expected_result = models.TextField("kết quả cần đạt / mục tiêu", blank=True)
    solutions = models.TextField("công việc, giải pháp", blank=True)
    indicator = models.TextField("chỉ số đánh giá kết quả", blank=True)
    lead_text = models.TextField("chủ trì", blank=True)
    coordinators_text = models.TextField("phối hợp", blank=True)
    lead_people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="led_items")
    coordinator_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_items"
    )
    time_text = models.CharField("thời gian (như văn bản ghi)", max_length=300, blank=True)
    start_month = models.CharField("tháng bắt đầu", max_length=7, blank=True)  # "YYYY-MM"
    end_month = models.CharField("tháng kết thúc", max_length=7, blank=True)
    budget_text = models.TextField("kinh phí (như văn bản ghi)", blank=True)
    budget_amounts = models.JSONField("số tiền", default=list, blank=True)  # [{"vnd": 7000000, "per": null}]
    funding_source = models.CharField("nguồn kinh phí", max_length=300, blank=True)
    support = models.TextField("điều kiện hỗ trợ khác", blank=True)
    expected_evidence = models.TextField("minh chứng dự kiến", blank=True)
    status = models.CharField("mức độ thực hiện", max_length=100, blank=True)
    notes = models.TextField("ghi chú", blank=True)
    # The months and the amounts are read from the texts as written, unless the person set them by
    # hand (an explicit override, shown beside the cell): then later text edits leave them alone.
    months_manual = models.BooleanField("tháng do người soạn chọn", default=False)
    budget_manual = models.BooleanField("số tiền do người soạn nhập", default=False)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField("thời điểm xóa", null=True, blank=True)

    objects = LiveItems()
    all_objects = models.Manager()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = "dòng kế hoạch"
        verbose_name_plural = "dòng kế hoạch"
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_item_key_unique")]

    def __str__(self):
        return f"{self.criterion_code or self.standard_number or '—'}: {self.expected_result[:60]}"

    @property
    def lead(self) -> str:
        """The contract's `lead`: "lead; coordinators" when both are given."""
        return "; ".join(x for x in (self.lead_text, self.coordinators_text) if x)

    @property
    def budget_total(self) -> int:
        return sum(int(a.get("vnd") or 0) for a in self.budget_amounts or [] if not a.get("per"))


class PlanComment(models.Model):
    """An office specialist's (or a colleague's) comment on a plan or one of its rows, with the
    school's answer. A row comment also names the row's `key`, so it shows beside the same row in
    the plan's later versions."""

    class State(models.TextChoices):
        NEW = "new", "Mới"
        ACCEPTED = "accepted", "Đã tiếp thu"
        DECLINED = "declined", "Không tiếp thu"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    item_key = models.UUIDField("mã dòng được góp ý", null=True, blank=True, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    text = models.TextField("nội dung")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField("tình trạng", max_length=10, choices=State.choices, default=State.NEW)
    answer = models.TextField("trả lời của trường", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField("thời điểm trả lời", null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "góp ý"
        verbose_name_plural = "góp ý"
