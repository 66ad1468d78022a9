"""Personal access tokens (mã truy cập cá nhân) for the API: the school's own software writes as a
person. Only a SHA-256 digest is stored; the token itself is shown once, when it is created."""

from django.conf import settings
from django.db import models


class AccessToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("đầu mã", max_length=12)  # shown in the list so the person knows which is which
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True)
    revoked_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "mã truy cập cá nhân"
        verbose_name_plural = "mã truy cập cá nhân"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
