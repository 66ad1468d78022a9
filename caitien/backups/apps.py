from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "caitien.backups"
    verbose_name = "Sao lưu"
