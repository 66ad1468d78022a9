"""Self-assessments: per school and cycle, per criterion and indicator."""

from django.conf import settings
from django.db import models

from caitien.catalog.models import Criterion, Indicator, Regulation, Standard
from caitien.schools.models import School


class SelfAssessment(models.Model):
    """The council's self-assessment of one school for one cycle (usually a school year)."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="self_assessments", verbose_name="trường"
    )
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, verbose_name="văn bản áp dụng")
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    target_level = models.PositiveSmallIntegerField("mức trường hướng tới", default=2)
    school_level_reached = models.PositiveSmallIntegerField("mức trường đạt", default=0)  # computed
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Last year's self-assessment this one started from (its results, texts and evidence links).
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name="bắt đầu từ tự đánh giá",
    )

    class Meta:
        ordering = ["school", "-start_year"]
        unique_together = [("school", "start_year", "end_year", "regulation")]
        verbose_name = "tự đánh giá"
        verbose_name_plural = "tự đánh giá"

    def __str__(self):
        return f"Tự đánh giá {self.school} {self.cycle_label}"

    @property
    def cycle_label(self) -> str:
        if self.end_year - self.start_year <= 1:
            return f"năm học {self.start_year}-{self.end_year}"
        return f"giai đoạn {self.start_year}-{self.end_year}"


class CriterionAssessment(models.Model):
    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, verbose_name="tiêu chí")
    current_state = models.TextField("mô tả hiện trạng", blank=True)
    strengths = models.TextField("điểm mạnh", blank=True)
    weaknesses = models.TextField("điểm yếu", blank=True)
    improvement = models.TextField("kế hoạch cải tiến", blank=True)
    level_reached = models.PositiveSmallIntegerField("mức đạt", default=0)  # computed from indicators
    # Council members the principal assigns to draft this criterion (their home page lists it).
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_criteria",
        verbose_name="người được phân công",
    )
    revision = models.PositiveIntegerField(default=1)  # bumped on each text change, for edit conflicts
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["criterion__standard__number", "criterion__position"]
        unique_together = [("self_assessment", "criterion")]
        verbose_name = "đánh giá tiêu chí"
        verbose_name_plural = "đánh giá tiêu chí"

    def __str__(self):
        return f"{self.criterion.code}: Mức {self.level_reached}"


class IndicatorResult(models.Model):
    assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.CASCADE, related_name="indicator_results"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, verbose_name="chỉ báo")
    met = models.BooleanField("đạt", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("assessment", "indicator")]
        verbose_name = "kết quả chỉ báo"
        verbose_name_plural = "kết quả chỉ báo"

    def __str__(self):
        return f"{self.indicator}: {'Đạt' if self.met else 'Không đạt'}"


class StandardAssessment(models.Model):
    """Strengths and weaknesses per standard (Thông tư 57/2026 asks for them)."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="standards")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, verbose_name="tiêu chuẩn")
    strengths = models.TextField("điểm mạnh", blank=True)
    weaknesses = models.TextField("điểm yếu", blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["standard__number"]
        unique_together = [("self_assessment", "standard")]
        verbose_name = "đánh giá tiêu chuẩn"
        verbose_name_plural = "đánh giá tiêu chuẩn"

    def __str__(self):
        return f"Tiêu chuẩn {self.standard.number}"


class CriterionEvidence(models.Model):
    """An item of the evidence register cited for a criterion. The item keeps its code and year:
    a self-assessment started from last year's cites last year's items until the council
    replaces them."""

    assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.CASCADE, related_name="evidence_links"
    )
    item = models.ForeignKey("evidence.EvidenceItem", on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "order", "id"]
        verbose_name = "minh chứng của tiêu chí"
        verbose_name_plural = "minh chứng của tiêu chí"
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="criterion_evidence_once")]

    def __str__(self):
        return str(self.item)
