from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "caitien.accounts"
    verbose_name = "Đăng nhập và mật khẩu"

    def ready(self):
        from caitien.accounts import signals  # noqa: F401 (connects the audit of logins)
