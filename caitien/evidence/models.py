"""The evidence register (Danh mục minh chứng) of a school for a school year.

An item's code follows the regulation's format (data of the regulation, see evidence/codes.py);
an item may serve several criteria and keeps the code of its first one.
"""

from django.conf import settings
from django.db import models

from caitien.catalog.models import Criterion, Regulation
from caitien.schools.models import School


class EvidenceItem(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="evidence", verbose_name="trường"
    )
    school_year = models.PositiveSmallIntegerField("năm học (năm bắt đầu)")
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, verbose_name="văn bản áp dụng")
    code = models.CharField("mã minh chứng", max_length=40)
    name = models.TextField("tên minh chứng")
    number_date = models.CharField("số, ngày ban hành", max_length=200, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("nơi ban hành", max_length=200, blank=True)
    location = models.CharField("định dạng, vị trí lưu trữ hoặc đường dẫn", max_length=500, blank=True)
    notes = models.TextField("ghi chú", blank=True)
    public = models.BooleanField("công khai", default=False)
    criteria = models.ManyToManyField(
        Criterion, through="EvidenceCriterion", related_name="evidence_items", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The item of an earlier year this one was copied from (copying a register skips items already copied).
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name="chuyển từ",
    )

    class Meta:
        ordering = ["school", "school_year", "code"]
        verbose_name = "minh chứng"
        verbose_name_plural = "danh mục minh chứng"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "code"], name="evidence_code_unique_in_year"
            )
        ]

    def __str__(self):
        return f"[{self.code}] {self.name[:80]}"


class EvidenceCriterion(models.Model):
    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="criterion_links")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)  # 0: the criterion whose code the item keeps

    class Meta:
        ordering = ["item", "order"]
        constraints = [models.UniqueConstraint(fields=["item", "criterion"], name="evidence_criterion_once")]


def evidence_file_path(file, filename: str) -> str:
    """Stored by school and item under a random name, never the uploaded one."""
    import uuid

    return f"minh-chung/{file.item.school_id}/{file.item_id}/{uuid.uuid4().hex}"


def evidence_thumbnail_path(file, filename: str) -> str:
    import uuid

    return f"minh-chung/{file.item.school_id}/{file.item_id}/thumb-{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("tệp", upload_to=evidence_file_path, max_length=300)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    thumbnail = models.FileField("ảnh thu nhỏ", upload_to=evidence_thumbnail_path, max_length=300, blank=True)

    class Meta:
        ordering = ["item", "uploaded_at", "id"]
        verbose_name = "tệp minh chứng"
        verbose_name_plural = "tệp minh chứng"

    def __str__(self):
        return self.original_name


class EvidenceRow(models.Model):
    """An item proving a plan row: keyed by the plan's lineage root and the row's key, so the link
    follows the row into the plan's revised versions."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="row_links")
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="evidence_rows"
    )  # lineage root
    item_key = models.UUIDField("mã dòng")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "item_key", "item__code"]
        verbose_name = "minh chứng của dòng kế hoạch"
        verbose_name_plural = "minh chứng của dòng kế hoạch"
        constraints = [models.UniqueConstraint(fields=["item", "plan", "item_key"], name="evidence_row_once")]
        indexes = [models.Index(fields=["plan", "item_key"], name="evidence_row_key")]

    def __str__(self):
        return f"{self.item.code} → {self.item_key}"
