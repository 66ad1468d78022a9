"""Escalations (tham mưu, đề xuất cấp trên): what a school asks of its office or the UBND.

An escalation starts from what the school wrote — a plan row today; a task or a review
recommendation are further nullable origins of the same shape — and lands with the school's office.
The office answers (tiếp nhận, chuyển cấp trên, đã giải quyết, không giải quyết được) with a text;
every answer is an `EscalationEvent`, never overwritten, so the school sees the whole exchange. A
Phòng that forwards hands the escalation to its Sở with a note: `office` becomes the Sở,
`forwarded_from` keeps the Phòng.
"""

from django.conf import settings
from django.db import models

from caitien.plans.models import Plan, PlanItem
from caitien.schools.models import Office, School


class Escalation(models.Model):
    class Kind(models.TextChoices):
        STAFFING = "staffing", "Biên chế – nhân sự"
        LAND = "land", "Đất đai – xây dựng"
        EQUIPMENT = "equipment", "Cơ sở vật chất – thiết bị"
        FUNDING = "funding", "Kinh phí"
        PROFESSIONAL = "professional", "Chuyên môn"
        OTHER = "other", "Khác"

    class Addressee(models.TextChoices):
        PHONG = "phong", "Phòng GDĐT"
        SO = "so", "Sở GDĐT"
        UBND = "ubnd", "UBND"

    class State(models.TextChoices):
        SENT = "sent", "Chờ tiếp nhận"
        RECEIVED = "received", "Đã tiếp nhận"
        FORWARDED = "forwarded", "Đã chuyển cấp trên"
        RESOLVED = "resolved", "Đã giải quyết"
        UNRESOLVABLE = "unresolvable", "Không giải quyết được"

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="escalations", verbose_name="trường"
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="escalations", verbose_name="cơ quan đang xử lý"
    )
    forwarded_from = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_escalations",
        verbose_name="chuyển từ",
    )
    # Where it comes from: a plan row (the plan kept for the row's version), a task, a recommendation.
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name="kế hoạch",
    )
    item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name="dòng kế hoạch",
    )
    origin_text = models.TextField("nội dung gốc", blank=True)  # what the row/task said when escalated
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    addressee = models.CharField("gửi tới", max_length=10, choices=Addressee.choices, default=Addressee.PHONG)
    title = models.CharField("nội dung đề xuất", max_length=300)
    amount_vnd = models.BigIntegerField("kinh phí đề nghị (đồng)", null=True, blank=True)
    reason = models.TextField("lý do")
    steps_taken = models.TextField("nhà trường đã làm", blank=True)
    state = models.CharField("trạng thái", max_length=15, choices=State.choices, default=State.SENT)
    answer = models.TextField("trả lời gần nhất", blank=True)
    forward_note = models.TextField("ý kiến của Phòng khi chuyển", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    OPEN_STATES = (State.SENT, State.RECEIVED, State.FORWARDED)
    FINAL_STATES = (State.RESOLVED, State.UNRESOLVABLE)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "đề xuất cấp trên"
        verbose_name_plural = "đề xuất cấp trên"
        indexes = [models.Index(fields=["office", "state"]), models.Index(fields=["school", "state"])]

    def __str__(self):
        return f"{self.title} — {self.school}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class EscalationEvent(models.Model):
    """One step of the exchange: sent, an answer, a forward. Append-only."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="events")
    state = models.CharField("trạng thái", max_length=15, choices=Escalation.State.choices)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField("nội dung", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "diễn biến đề xuất"
        verbose_name_plural = "diễn biến đề xuất"

    def __str__(self):
        return f"{self.get_state_display()} — {self.escalation}"
