from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "caitien.notifications"
    verbose_name = "Thông báo"
