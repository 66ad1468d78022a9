from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "caitien.checks"
    verbose_name = "Kiểm tra kế hoạch"
