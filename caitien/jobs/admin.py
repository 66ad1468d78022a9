"""Background jobs in the admin, read-only and in Vietnamese: what ran, when, and why one failed."""

from django.contrib import admin
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult

from caitien.jobs.models import Job

STATUS_LABELS = {
    "READY": "đang chờ",
    "RUNNING": "đang chạy",
    "SUCCESSFUL": "xong",
    "FAILED": "hỏng",
}

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)  # its English twin


class StatusFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() in STATUS_LABELS else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("task_label", "status_label", "enqueued", "started", "finished", "runs")
    list_filter = (StatusFilter,)
    ordering = ["-enqueued_at"]
    fields = readonly_fields = (
        "task_label",
        "status_label",
        "arguments",
        "enqueued",
        "not_before",
        "started",
        "finished",
        "runs",
        "error",
    )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="việc")
    def task_label(self, job):
        return job.task_path

    @admin.display(description="trạng thái", ordering="status")
    def status_label(self, job):
        return STATUS_LABELS.get(job.status, job.status)

    @admin.display(description="tham số")
    def arguments(self, job):
        return format_html("<code>{}</code>", job.args_kwargs)

    @admin.display(description="tiến trình đã chạy")
    def runs(self, job):
        return ", ".join(job.worker_ids) or "—"

    @admin.display(description="lỗi")
    def error(self, job):
        return format_html("<pre>{}</pre>", job.traceback) if job.traceback else "—"

    @admin.display(description="vào hàng đợi lúc", ordering="enqueued_at")
    def enqueued(self, job):
        return job.enqueued_at

    @admin.display(description="chạy sau")
    def not_before(self, job):
        return job.run_after if job.run_after and job.run_after.year < 9999 else "—"

    @admin.display(description="bắt đầu lúc", ordering="started_at")
    def started(self, job):
        return job.started_at or "—"

    @admin.display(description="xong lúc", ordering="finished_at")
    def finished(self, job):
        return job.finished_at or "—"
