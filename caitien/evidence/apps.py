from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "caitien.evidence"
    verbose_name = "Minh chứng"
