"""What an office sets for its schools: the deadlines of a school year."""

from django.conf import settings
from django.db import models

from caitien.schools.models import Office


class OfficeCalendar(models.Model):
    """The dates an office fixes for one school year: when plans are due (published), when the two
    internal reviews (cuối học kỳ I, cuối năm học) are due. A Phòng's calendar wins over its Sở's;
    a date left empty is taken from the office above."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="calendars", verbose_name="cơ quan"
    )
    school_year = models.PositiveSmallIntegerField("năm học (năm bắt đầu)")
    plan_due = models.DateField("hạn công khai kế hoạch", null=True, blank=True)
    mid_review_due = models.DateField("hạn giám sát cuối học kỳ I", null=True, blank=True)
    final_review_due = models.DateField("hạn giám sát cuối năm học", null=True, blank=True)
    note = models.TextField("ghi chú gửi các trường", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["office", "-school_year"]
        unique_together = [("office", "school_year")]
        verbose_name = "lịch của cơ quan"
        verbose_name_plural = "lịch của cơ quan"

    def __str__(self):
        return f"{self.office} — năm học {self.school_year}-{self.school_year + 1}"


class PlanFigures(models.Model):
    """Figures of a plan's rows the office pages add up (planned money by funding source, rows per
    criterion), kept so that a province overview does not re-read 30,000 rows on every visit. They
    are recomputed whenever the rows' signature (count, latest change, ids) differs from `signature`;
    figures computed once the plan was approved (`frozen`) stand as they are, its rows can no longer
    change. The execution figures (`execution`, see `caitien.dashboards.carrying_out`) are recomputed
    when the rows, the plan's execution stamp or the day differ from `execution_signature`."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="+")
    signature = models.CharField(max_length=100)
    planned = models.JSONField(default=dict)  # {funding source: đồng}
    criteria = models.JSONField(default=dict)  # {criterion id: rows}
    items = models.PositiveIntegerField(default=0)
    last_row_change = models.DateTimeField(null=True, blank=True)
    frozen = models.BooleanField(default=False)
    execution_signature = models.CharField(max_length=200, blank=True)
    execution = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "số liệu kế hoạch"
        verbose_name_plural = "số liệu kế hoạch"

    def __str__(self):
        return f"Số liệu kế hoạch {self.plan_id}"
