from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "caitien.jobs"
    verbose_name = "Việc chạy nền"
