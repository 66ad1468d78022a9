"""Logins, failed logins, lockouts and logouts in the audit log (caitien.audit)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from caitien.audit.services import audit_access


def _address(request) -> str:
    from caitien.accounts.lockout import client_ip

    return (client_ip(request) if request is not None else None) or "không rõ địa chỉ"


def _user_named(username: str):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_logged_in, dispatch_uid="caitien-audit-login")
def logged_in(sender, request, user, **kwargs):
    from caitien.accounts.sessions import mark_renewed

    mark_renewed(getattr(request, "session", None))
    audit_access(actor=user, action="login", summary=f"Đăng nhập từ {_address(request)}")


@receiver(user_logged_out, dispatch_uid="caitien-audit-logout")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_access(actor=user, action="logout", summary=f"Đăng xuất từ {_address(request)}")


@receiver(user_login_failed, dispatch_uid="caitien-audit-login-failed")
def login_failed(sender, credentials, request=None, **kwargs):
    if request is None:  # not a web login (a command, a test helper)
        return
    username = str((credentials or {}).get("username") or "")[:150]
    _audit_by_name(
        username,
        "login.failed",
        f"Đăng nhập không thành công với tên “{username[:60]}” từ {_address(request)}",
    )


@receiver(user_locked_out, dispatch_uid="caitien-audit-locked-out")
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    username = str(username or "")[:150]
    _audit_by_name(
        username,
        "login.locked",
        f"Khóa đăng nhập “{username[:60]}” từ {ip_address or _address(request)} vì nhập sai nhiều lần",
    )


def _audit_by_name(username: str, action: str, summary: str) -> None:
    """An access event of nobody signed in, named by the user name typed (and the account's id when
    such an account exists)."""
    audit_access(
        actor=None,
        actor_name=username or "(không ghi tên đăng nhập)",
        action=action,
        object_id=getattr(_user_named(username), "pk", ""),
        summary=summary,
    )
