"""The notification centre: one row per message to a person, their e-mail choices per kind, and
when they last got a daily digest.

A notification is shown in the centre whatever the person chose; the choice only decides whether,
and how, it is also sent by e-mail. E-mail state moves pending → claimed → sent (or skipped,
failed); a run claims rows with a conditional UPDATE, so two runs never send the same message.
"""

from django.conf import settings
from django.db import models

from caitien.notifications.kinds import Delivery, Kind


class Notification(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        CLAIMED = "claimed", "Đang gửi"
        SENT = "sent", "Đã gửi"
        SKIPPED = "skipped", "Không gửi"
        FAILED = "failed", "Gửi không được"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="người nhận",
    )
    kind = models.CharField("loại", max_length=40, choices=Kind.choices)
    subject = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=500, blank=True)  # a path inside the site
    object_type = models.CharField("loại đối tượng", max_length=60, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=40, blank=True)
    # Reminders name what they remind of ("review-missed:12"): the same key is never sent twice.
    key = models.CharField("khóa chống trùng", max_length=200, blank=True)
    created_at = models.DateTimeField("lúc tạo", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("lúc đọc", null=True, blank=True)
    email = models.CharField("e-mail", max_length=10, choices=Email.choices, default=Email.PENDING)
    claim = models.CharField(max_length=32, blank=True)  # the run that claimed it for sending
    emailed_at = models.DateTimeField("lúc gửi e-mail", null=True, blank=True)
    email_error = models.CharField("lỗi gửi e-mail", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notification_key_once"
            )
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["email", "user"], name="notification_email_state"),
        ]

    def __str__(self):
        return f"{self.user}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A person's choice for one kind; no row means the default (one daily digest)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField("loại", max_length=40, choices=Kind.choices)
    delivery = models.CharField("cách nhận", max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = "cách nhận thông báo"
        verbose_name_plural = "cách nhận thông báo"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} — {self.get_delivery_display()}"


class Mailbox(models.Model):
    """Per person: the day of the last daily digest (claimed before sending, at most one a day)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="mailbox"
    )
    last_digest_on = models.DateField("ngày gửi bản tổng hợp gần nhất", null=True, blank=True)

    class Meta:
        verbose_name = "hộp thư thông báo"
        verbose_name_plural = "hộp thư thông báo"

    def __str__(self):
        return str(self.user)
