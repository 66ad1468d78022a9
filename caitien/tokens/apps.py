from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "caitien.tokens"
    verbose_name = "Mã truy cập cá nhân"
    default_auto_field = "django.db.models.BigAutoField"
