from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "caitien.audit"
    verbose_name = "Nhật ký thay đổi"
