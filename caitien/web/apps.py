from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "caitien.web"
    label = "web"
    verbose_name = "Giao diện"
