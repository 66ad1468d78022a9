"""The login lockouts of django-axes, named in Vietnamese for the admin (no table of their own)."""

from axes.models import AccessAttempt


class LoginLockout(AccessAttempt):
    """Failed logins kept by django-axes per user name and address; deleting one unlocks it."""

    class Meta:
        proxy = True
        verbose_name = "đăng nhập sai / tài khoản bị khóa"
        verbose_name_plural = "đăng nhập sai / tài khoản bị khóa"
