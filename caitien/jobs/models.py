"""The job table as the product's admin shows it (django-tasks' own labels are English)."""

from django_tasks_db.models import DBTaskResult


class Job(DBTaskResult):
    class Meta:
        proxy = True
        verbose_name = "việc nền"
        verbose_name_plural = "việc nền"
