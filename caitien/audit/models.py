"""Append-only audit log: who changed what and when."""

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    actor_name = models.CharField("tên người thực hiện", max_length=150, blank=True)
    action = models.CharField("hành động", max_length=60)  # "plan.create", "plan_item.update", ...
    object_type = models.CharField("loại đối tượng", max_length=60)
    object_id = models.CharField("mã đối tượng", max_length=40)
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    summary = models.CharField("tóm tắt", max_length=300, blank=True)
    changes = models.JSONField("thay đổi", default=dict, blank=True)  # {"field": [old, new]}
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")
