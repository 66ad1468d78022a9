from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "caitien.people"
    verbose_name = "Nhân sự nhà trường"
