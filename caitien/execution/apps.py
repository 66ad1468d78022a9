from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "caitien.execution"
    verbose_name = "Thực hiện kế hoạch"
