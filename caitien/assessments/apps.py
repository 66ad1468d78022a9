from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "caitien.assessments"
    verbose_name = "Tự đánh giá"
