from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "caitien.plans"
    verbose_name = "Kế hoạch cải tiến"
