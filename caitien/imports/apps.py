from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "caitien.imports"
    verbose_name = "Nhập kế hoạch"
