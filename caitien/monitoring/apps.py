from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "caitien.monitoring"
    verbose_name = "Giám sát, báo cáo kết quả"
