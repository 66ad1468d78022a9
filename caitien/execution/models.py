"""Carrying out a published plan: each row's status, its tasks (việc) and dated progress updates.

None of it edits the signed rows. Everything names the plan's lineage (its first version, as the
monitoring app does) and the row's `key`, which a revised version's rows keep: so what was recorded
follows the plan into its revised versions without being copied.
"""

from django.conf import settings
from django.db import models

from caitien.plans.models import Plan


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa bắt đầu"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    NOT_DONE = "not_done", "Không thực hiện được"


class RowProgress(models.Model):
    """The status a row has reached; `progress` is derived from its tasks when it has tasks."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="row_progress")  # lineage root
    item_key = models.UUIDField("mã dòng")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    reason = models.TextField("lý do không thực hiện được", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "tiến độ dòng kế hoạch"
        verbose_name_plural = "tiến độ dòng kế hoạch"
        constraints = [models.UniqueConstraint(fields=["plan", "item_key"], name="one_progress_per_row")]

    def __str__(self):
        return f"{self.get_status_display()} ({self.progress}%)"


class Task(models.Model):
    """A việc under a row: who does it, by when, how far it got."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")  # lineage root
    item_key = models.UUIDField("mã dòng")
    order = models.PositiveIntegerField("thứ tự", default=0)
    title = models.TextField("việc")
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_tasks",
        verbose_name="người thực hiện",
    )
    helpers = models.ManyToManyField(
        "people.Person", blank=True, related_name="helped_tasks", verbose_name="người hỗ trợ"
    )
    start = models.DateField("ngày bắt đầu", null=True, blank=True)
    due = models.DateField("hạn hoàn thành", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    reason = models.TextField("lý do không thực hiện được", blank=True)
    notes = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "item_key", "order", "id"]
        verbose_name = "việc"
        verbose_name_plural = "việc"
        indexes = [models.Index(fields=["plan", "item_key"], name="task_row")]

    def __str__(self):
        return self.title[:80]


class ProgressUpdate(models.Model):
    """A dated entry of what was done; history is kept, never overwritten."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress_updates")  # lineage root
    item_key = models.UUIDField("mã dòng")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on = models.DateField("ngày")
    text = models.TextField("đã làm được", blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices)
    progress = models.PositiveSmallIntegerField("tiến độ (%)")
    spent_vnd = models.PositiveBigIntegerField("kinh phí đã chi (đồng)", null=True, blank=True)
    funding_source = models.CharField("nguồn kinh phí", max_length=300, blank=True)
    evidence = models.ManyToManyField("evidence.EvidenceItem", blank=True, related_name="progress_updates")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "item_key", "-on", "-created_at", "-id"]
        verbose_name = "cập nhật tiến độ"
        verbose_name_plural = "cập nhật tiến độ"
        indexes = [models.Index(fields=["plan", "item_key"], name="update_row")]

    def __str__(self):
        return f"{self.on:%d/%m/%Y}: {self.text[:60]}"


class ExecutionStamp(models.Model):
    """When anything recorded while a plan is carried out (its tasks, row statuses, progress updates)
    last changed, per lineage root. Kept by `caitien.execution.stamps` on every save and delete, so
    the office pages can keep each plan's execution figures and recompute only the plans it moved."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, primary_key=True, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "mốc thay đổi tiến độ"
        verbose_name_plural = "mốc thay đổi tiến độ"

    def __str__(self):
        return f"Tiến độ kế hoạch {self.plan_id} đổi lúc {self.changed_at:%d/%m/%Y %H:%M}"
