from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "caitien.catalog"
    verbose_name = "Danh mục tiêu chuẩn"
