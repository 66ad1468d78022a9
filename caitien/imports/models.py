"""An import waiting for the person's confirmation.

The uploaded file itself is never stored: it is read in memory and only what was understood is kept
here, until the person saves the plan (the row is deleted in the same transaction), cancels, or sees
why the file could not be read (the row is deleted then too). Rows left behind by a closed browser
are swept after a day.
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
    document = models.JSONField("kế hoạch đọc được", null=True, blank=True)
    text = models.TextField("nội dung tệp", blank=True)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "tệp đang nhập"
        verbose_name_plural = "tệp đang nhập"

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
