from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "caitien.schools"
    verbose_name = "Đơn vị và người dùng"
