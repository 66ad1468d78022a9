from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "caitien.escalations"
    verbose_name = "Đề xuất cấp trên"
