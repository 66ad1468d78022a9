"""How the login lockout (django-axes) answers and whom it counts.

A person who typed a wrong password too many times from the same address is refused, even with
the right password, until the lock expires (CAITIEN_LOCKOUT_MINUTES) or the system administrator
unlocks them (admin "Đăng nhập sai / tài khoản bị khóa", or `caitien unlock USERNAME`).
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def lockout_message() -> str:
    minutes = getattr(settings, "CAITIEN_LOCKOUT_MINUTES", 0)
    wait = f"Hãy thử lại sau {minutes} phút, hoặc" if minutes else "Hãy"
    return (
        f"Tài khoản tạm bị khóa vì nhập sai mật khẩu quá {settings.AXES_FAILURE_LIMIT} lần. "
        f"{wait} liên hệ người quản trị hệ thống để được mở khóa."
    )


def locked_out(request, response, credentials, *args, **kwargs):
    """The login page again, with the reason (HTTP 429: too many attempts)."""
    from django.contrib.auth.forms import AuthenticationForm

    username = (credentials or {}).get("username", "") if isinstance(credentials, dict) else ""
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_message": lockout_message(), "next": request.POST.get("next", "")},
        status=429,
    )


def client_ip(request) -> str | None:
    """The client's address, as the limiter and the audit log read it (caitien.web.client)."""
    from caitien.web.client import client_address

    return client_address(request)
