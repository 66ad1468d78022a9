from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "caitien.execution"
    verbose_name = "Thực hiện kế hoạch"

    def ready(self):
        from caitien.execution import stamps

        stamps.connect()
