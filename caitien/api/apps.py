from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "caitien.api"
    label = "caitien_api"  # "api" alone is too generic a label to keep free of clashes
    verbose_name = "Giao diện lập trình (API)"
