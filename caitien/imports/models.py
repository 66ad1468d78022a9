"""An import waiting for the person's confirmation.

The uploaded file is kept through Django's storage (any app server or worker can read it) only
until a background job has read it; then only what was understood is kept here, until the person
saves the plan (the row is deleted in the same transaction), cancels, or sees why the file could
not be read (the row is deleted then too). Rows left behind by a closed browser are swept after a
day, with their file.
"""

import uuid

from django.conf import settings
from django.db import models

from caitien.schools.models import School


class PendingImport(models.Model):
    class Status(models.TextChoices):
        READING = "reading", "Đang đọc tệp"
        READY = "ready", "Đã đọc xong, chờ xác nhận"
        FAILED = "failed", "Không đọc được"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="trường")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng", default=0)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.READING)
    progress = models.CharField("tiến độ", max_length=200, blank=True)
    # Pages read so far and in all, when the reader says so (OCR of a scanned PDF).
    progress_done = models.PositiveIntegerField("số trang đã đọc", null=True, blank=True)
    progress_total = models.PositiveIntegerField("tổng số trang", null=True, blank=True)
    original = models.FileField("tệp tải lên", upload_to="imports/", max_length=200, blank=True)
    job_id = models.CharField("mã việc nền", max_length=64, blank=True)
    document = models.JSONField("kế hoạch đọc được", null=True, blank=True)
    text = models.TextField("nội dung tệp", blank=True)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "tệp đang nhập"
        verbose_name_plural = "tệp đang nhập"

    @property
    def percent(self) -> int | None:
        if not self.progress_total or self.progress_done is None:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
