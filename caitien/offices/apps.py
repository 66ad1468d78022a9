from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "caitien.offices"
    verbose_name = "Phòng, Sở GDĐT"
